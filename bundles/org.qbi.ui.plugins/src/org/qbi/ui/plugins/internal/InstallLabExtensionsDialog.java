package org.qbi.ui.plugins.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PlatformUI;
import org.qbi.plugins.DropinsEntry;
import org.qbi.plugins.InstallResult;
import org.qbi.plugins.LabExtensions;
import org.qbi.plugins.LabFeature;
import org.qbi.plugins.LabInstallException;
import org.qbi.plugins.LabRepositories;
import org.qbi.plugins.PluginProblem;

/**
 * Help &gt; Install Lab Extensions...: a p2 repository (folder, zip or URL) and its features with checkboxes,
 * installed as a user Job (progress and Cancel in the workbench's progress dialog), then the offer to restart; the
 * installed lab extensions with Uninstall; plugins that failed to load, each with the reason.
 */
public final class InstallLabExtensionsDialog extends Dialog {

    private Text repository;
    private CheckboxTableViewer offered;
    private Button install;
    private TableViewer installed;
    private Button uninstall;
    private Text problems;
    private Label status;
    private URI shownRepository;

    public InstallLabExtensionsDialog(Shell parent) {
        super(parent);
        setShellStyle(getShellStyle() | SWT.RESIZE | SWT.MAX);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Install Lab Extensions");
    }

    @Override
    protected Point getInitialSize() {
        return new Point(860, 720);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.fillDefaults().margins(10, 10).applyTo(area);

        Group from = group(area, "Install from a lab's p2 repository (a folder, a zip file or a URL)", 4);
        repository = new Text(from, SWT.BORDER | SWT.SINGLE);
        repository.setMessage("/path/to/repository, /path/to/lab-repository.zip or https://...");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(repository);
        Button folder = button(from, "Folder...");
        Button zip = button(from, "Zip...");
        Button find = button(from, "Show Features");
        offered = CheckboxTableViewer.newCheckList(from, SWT.BORDER | SWT.FULL_SELECTION);
        featureColumns(offered, false);
        GridDataFactory.fillDefaults().span(4, 1).grab(true, true).hint(SWT.DEFAULT, 110).applyTo(offered.getControl());
        install = button(from, "Install");
        install.setEnabled(false);
        GridDataFactory.swtDefaults().span(4, 1).align(SWT.END, SWT.CENTER).applyTo(install);

        Group current = group(area, "Installed lab extensions", 1);
        installed = new TableViewer(current, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        featureColumns(installed, true);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 110).applyTo(installed.getControl());
        uninstall = button(current, "Uninstall");
        uninstall.setEnabled(false);
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(uninstall);

        Group failed = group(area, "Plugins that failed to load (everything else keeps working)", 1);
        problems = new Text(failed, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 80).applyTo(problems);

        status = new Label(area, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(status);

        folder.addListener(SWT.Selection, e -> {
            DirectoryDialog dialog = new DirectoryDialog(getShell());
            dialog.setMessage("The folder of a p2 repository (it holds content.jar or content.xml)");
            String chosen = dialog.open();
            if (chosen != null) {
                repository.setText(chosen);
                findFeatures();
            }
        });
        zip.addListener(SWT.Selection, e -> {
            FileDialog dialog = new FileDialog(getShell(), SWT.OPEN);
            dialog.setFilterExtensions(new String[] { "*.zip", "*" });
            String chosen = dialog.open();
            if (chosen != null) {
                repository.setText(chosen);
                findFeatures();
            }
        });
        find.addListener(SWT.Selection, e -> findFeatures());
        // Return in the repository field reads it instead of pressing the dialog's default button (Close)
        repository.addListener(SWT.Traverse, e -> {
            if (e.detail == SWT.TRAVERSE_RETURN) {
                e.doit = false;
                findFeatures();
            }
        });
        offered.addCheckStateListener(e -> install.setEnabled(offered.getCheckedElements().length > 0));
        install.addListener(SWT.Selection, e -> install());
        installed.addSelectionChangedListener(e -> uninstall.setEnabled(!e.getStructuredSelection().isEmpty()
                && e.getStructuredSelection().toList().stream().noneMatch(f -> ((LabFeature) f).fromDropins())));
        uninstall.addListener(SWT.Selection, e -> uninstall());
        refreshInstalled();
        return area;
    }

    private static Group group(Composite parent, String title, int columns) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        GridLayoutFactory.swtDefaults().numColumns(columns).applyTo(group);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(group);
        return group;
    }

    private static Button button(Composite parent, String text) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        return button;
    }

    private static void featureColumns(TableViewer viewer, boolean withPlugins) {
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.getTable().setHeaderVisible(true);
        column(viewer, "Feature", 330, f -> f.name() + " (" + f.id() + ")");
        column(viewer, "Version", 150, LabFeature::version);
        column(viewer, "Provider", 150, LabFeature::vendor);
        if (withPlugins) {
            column(viewer, "Plugins", 200, f -> f.bundles().isEmpty() ? "" : f.bundles().stream()
                    .map(b -> b.symbolicName() + (b.isLoaded() ? "" : " [" + b.state().toLowerCase() + "]"))
                    .reduce((a, b) -> a + ", " + b).orElse("") + (f.fromDropins() ? "  (dropins)" : ""));
        }
    }

    private static void column(TableViewer viewer, String title, int width,
            java.util.function.Function<LabFeature, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((LabFeature) element);
            }
        });
    }

    private void setStatus(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
            status.getParent().layout(true, true);
        }
    }

    private void findFeatures() {
        URI location;
        try {
            location = LabRepositories.location(repository.getText());
        } catch (LabInstallException e) {
            setStatus(e.getMessage());
            return;
        }
        setStatus("Reading " + location + "...");
        offered.setInput(List.of());
        install.setEnabled(false);
        Job job = Job.create("Reading the p2 repository " + location, monitor -> {
            try {
                List<LabFeature> features = LabExtensions.running().available(location, new JobProgress(monitor));
                inUi(() -> {
                    shownRepository = location;
                    offered.setInput(features);
                    offered.setAllChecked(true);
                    install.setEnabled(!features.isEmpty());
                    setStatus(features.isEmpty() ? location + " offers no feature." : features.size()
                            + " feature(s) in " + location + ": tick the ones to install.");
                });
            } catch (LabInstallException e) {
                inUi(() -> setStatus(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    private void install() {
        URI location = shownRepository;
        List<String> ids = new ArrayList<>();
        for (Object checked : offered.getCheckedElements()) {
            ids.add(((LabFeature) checked).id());
        }
        if (location == null || ids.isEmpty()) {
            return;
        }
        install.setEnabled(false);
        setStatus("Installing " + String.join(", ", ids) + "...");
        Job job = Job.create("Installing lab extensions from " + location, monitor -> {
            try {
                InstallResult result = LabExtensions.running().install(location, ids, new JobProgress(monitor));
                inUi(() -> finished("Installed " + names(result.features()), result));
            } catch (LabInstallException e) {
                inUi(() -> failed(e.getMessage()));
            } catch (OperationCanceledException e) {
                inUi(() -> failed("Cancelled: nothing was installed."));
                return Status.CANCEL_STATUS;
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    private void uninstall() {
        List<String> ids = installed.getStructuredSelection().toList().stream().map(f -> ((LabFeature) f).id())
                .toList();
        if (ids.isEmpty() || !MessageDialog.openConfirm(getShell(), "Uninstall Lab Extensions",
                "Uninstall " + String.join(", ", ids) + "?")) {
            return;
        }
        uninstall.setEnabled(false);
        Job job = Job.create("Uninstalling lab extensions", monitor -> {
            try {
                InstallResult result = LabExtensions.running().uninstall(ids, new JobProgress(monitor));
                inUi(() -> finished("Uninstalled " + names(result.features()), result));
            } catch (LabInstallException e) {
                inUi(() -> failed(e.getMessage()));
            } catch (OperationCanceledException e) {
                inUi(() -> failed("Cancelled: nothing was uninstalled."));
                return Status.CANCEL_STATUS;
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
    }

    private static String names(List<LabFeature> features) {
        return String.join(", ", features.stream().map(f -> f.name() + " " + f.version()).toList());
    }

    private void finished(String what, InstallResult result) {
        refreshInstalled();
        install.setEnabled(offered.getCheckedElements().length > 0);
        if (!result.restartRequired()) {
            setStatus(what + ".");
            return;
        }
        setStatus(what + ". QBI Workbench must restart for the change to take effect.");
        MessageDialog ask = new MessageDialog(getShell(), "Restart QBI Workbench", null, what
                + ".\n\nQBI Workbench must restart for the change to take effect: the plugins are loaded (or "
                + "removed) when it starts.", MessageDialog.QUESTION, 0, "Restart Now", "Later");
        if (ask.open() == 0) {
            close();
            PlatformUI.getWorkbench().restart();
        }
    }

    private void failed(String message) {
        setStatus(message.lines().findFirst().orElse(message));
        install.setEnabled(offered.getCheckedElements().length > 0);
        MessageDialog.openError(getShell(), "Install Lab Extensions", message);
    }

    private void refreshInstalled() {
        StringBuilder text = new StringBuilder();
        try {
            LabExtensions extensions = LabExtensions.running();
            installed.setInput(extensions.installed());
            for (PluginProblem problem : extensions.problems()) {
                text.append(problem).append('\n');
            }
            for (DropinsEntry entry : extensions.dropins()) {
                if (entry.isFailed()) {
                    text.append("dropins: ").append(entry).append('\n');
                }
            }
        } catch (LabInstallException e) {
            installed.setInput(List.of());
            setStatus(e.getMessage());
            install.setEnabled(false);
            repository.setEnabled(false);
        }
        problems.setText(text.isEmpty() ? "None: every plugin loaded." : text.toString().strip());
    }

    private void inUi(Runnable runnable) {
        Shell shell = getShell();
        if (shell != null && !shell.isDisposed()) {
            shell.getDisplay().asyncExec(() -> {
                if (!shell.isDisposed()) {
                    runnable.run();
                }
            });
        }
    }

    /** For tests: the installed features shown. */
    @SuppressWarnings("unchecked")
    List<LabFeature> shownInstalled() {
        return (List<LabFeature>) installed.getInput();
    }
}
