package org.qbi.ui.ops.internal;

import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.IExtensionPoint;
import org.eclipse.core.runtime.IRegistryEventListener;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.qbi.ops.Operators;
import org.qbi.ui.ops.OperatorViews;

/**
 * The palette: every operator the installed plugins contribute, grouped by category, with a filter box and the
 * selected operator's description below; plugins that failed to load appear as a group naming each plugin. The
 * selection (an {@link Operators.Installed}) goes to the workbench's selection service, where the Operator view
 * picks it up; a double click also brings that view to the front. Plugins added or removed while the workbench runs
 * (a bundle installed at run time) update the palette: it listens to the registry's org.qbi.operators and org.qbi.measurements extensions.
 */
public final class OperatorsView extends ViewPart {

    private Operators operators;
    private Text filter;
    private TreeViewer tree;
    private StyledText details;
    private final IRegistryEventListener registryListener = new OperatorsChanged();

    @Override
    public void createPartControl(Composite parent) {
        operators = Operators.installed();
        Composite content = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 2;
        layout.marginHeight = 2;
        content.setLayout(layout);

        filter = new Text(content, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter operators (name, id, category, description)");
        // width hints let the view be narrower than the texts' preferred widths (the details wrap, the tree scrolls)
        GridData filterData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        filterData.widthHint = 100;
        filter.setLayoutData(filterData);

        SashForm sash = new SashForm(content, SWT.VERTICAL);
        GridData sashData = new GridData(SWT.FILL, SWT.FILL, true, true);
        sashData.widthHint = 100;
        sashData.heightHint = 100;
        sash.setLayoutData(sashData);
        tree = new TreeViewer(sash, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new GroupContent());
        tree.setLabelProvider(new PaletteLabels());
        tree.setInput(PaletteModel.groups(operators, ""));
        tree.expandAll();
        // StyledText wraps to its own width (a GTK Text here wrapped wider than the view)
        details = new StyledText(sash, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        details.setMargins(4, 4, 4, 4);
        sash.setWeights(60, 40);

        filter.addModifyListener(e -> applyFilter());
        tree.addSelectionChangedListener(e -> showDetails(e.getStructuredSelection().getFirstElement()));
        tree.addDoubleClickListener(e -> {
            Object element = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (element instanceof Operators.Installed) {
                try {
                    getSite().getPage().showView(OperatorViews.FORM_VIEW_ID);
                } catch (PartInitException ex) {
                    details.setText("Cannot open the Operator view: " + ex.getMessage());
                }
            } else if (element != null) {
                tree.setExpandedState(element, !tree.getExpandedState(element));
            }
        });
        getSite().setSelectionProvider(tree);
        Platform.getExtensionRegistry().addListener(registryListener);
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        menu.add(new Action("Save as Pipeline...") {
            @Override
            public void run() {
                saveAsPipeline();
            }
        });
        menu.add(new Action("Start a New Recording") {
            @Override
            public void run() {
                IProject project = SessionRuns.latestProject();
                if (project != null) {
                    SessionRuns.clear(project);
                }
            }
        });
    }

    /**
     * Asks for a name and writes the operator runs recorded in the latest run's project as pipelines/NAME.yaml
     * (then shown in the Project Explorer; the Pipeline view shows it when selected).
     */
    private void saveAsPipeline() {
        IProject project = SessionRuns.latestProject();
        if (project == null) {
            MessageDialog.openInformation(getSite().getShell(), "Save as Pipeline", "Nothing recorded yet: run an "
                    + "operator on an image (select it in this palette, then Run in the Operator view) first.");
            return;
        }
        int runs = SessionRuns.sidecars(project).size();
        InputDialog dialog = new InputDialog(getSite().getShell(), "Save as Pipeline", "The " + runs
                + " operator run(s) of this session in project " + project.getName() + " become a pipeline in its "
                + "pipelines/ folder. Name (letters, digits, '.', '_', '-'):", "session", name -> name.matches(
                        "[A-Za-z0-9][A-Za-z0-9._-]*") ? null : "letters, digits, '.', '_' and '-'");
        if (dialog.open() != Window.OK) {
            return;
        }
        try {
            java.nio.file.Path file = SessionRuns.saveAsPipeline(project, dialog.getValue());
            MessageDialog.openInformation(getSite().getShell(), "Save as Pipeline", "Saved " + file + ". Run it on "
                    + "every sample with Run Pipeline (Project Explorer) or 'qbi run " + file.getFileName() + "'.");
        } catch (IllegalArgumentException | java.io.IOException | org.eclipse.core.runtime.CoreException e) {
            MessageDialog.openError(getSite().getShell(), "Save as Pipeline", e.getMessage());
        }
    }

    @Override
    public void dispose() {
        Platform.getExtensionRegistry().removeListener(registryListener);
        super.dispose();
    }

    /** Reloads the operators after plugins came or went; registry events arrive on any thread. */
    private void reload() {
        if (tree == null || tree.getControl().isDisposed()) {
            return;
        }
        operators = Operators.installed();
        applyFilter();
    }

    private final class OperatorsChanged implements IRegistryEventListener {
        private void changed(IExtension[] extensions) {
            boolean operatorsChanged = false;
            for (IExtension extension : extensions) {
                String point = extension.getExtensionPointUniqueIdentifier();
                operatorsChanged |= point.equals("org.qbi.operators") || point.equals("org.qbi.measurements");
            }
            var display = tree == null ? null : tree.getControl().getDisplay();
            if (operatorsChanged && display != null && !display.isDisposed()) {
                display.asyncExec(OperatorsView.this::reload);
            }
        }

        @Override
        public void added(IExtension[] extensions) {
            changed(extensions);
        }

        @Override
        public void removed(IExtension[] extensions) {
            changed(extensions);
        }

        @Override
        public void added(IExtensionPoint[] extensionPoints) {
        }

        @Override
        public void removed(IExtensionPoint[] extensionPoints) {
        }
    }

    private void applyFilter() {
        Object selected = tree.getStructuredSelection().getFirstElement();
        tree.setInput(PaletteModel.groups(operators, filter.getText()));
        tree.expandAll();
        if (selected != null) {
            tree.setSelection(new StructuredSelection(selected), true);
        }
    }

    private void showDetails(Object element) {
        details.setText(switch (element) {
            case Operators.Installed installed -> PaletteModel.details(installed);
            case PaletteModel.Problem problem -> "The plugin " + problem.plugin() + " contributes an operator that could "
                    + "not be loaded; its other operators and every other plugin keep working.\n\n" + problem.message()
                    + "\n\nInstall a version of the plugin that matches this platform, or ask its authors.";
            case PaletteModel.Group group -> group.isProblems() ? group.children().size() + " contribution(s) could not "
                    + "be loaded." : group.name() + ": " + group.children().size() + " operator(s)";
            case null, default -> "";
        });
    }

    /** Selects the operator with id {@code id} (tests, other views). */
    public void select(String id) {
        operators.find(id).ifPresent(installed -> tree.setSelection(new StructuredSelection(installed), true));
    }

    @Override
    public void setFocus() {
        filter.setFocus();
    }

    Text filter() {
        return filter;
    }

    TreeViewer tree() {
        return tree;
    }

    StyledText details() {
        return details;
    }

    /** The groups shown now. */
    @SuppressWarnings("unchecked")
    List<PaletteModel.Group> shownGroups() {
        return (List<PaletteModel.Group>) tree.getInput();
    }

    private static final class GroupContent extends ArrayContentProvider implements ITreeContentProvider {
        @Override
        public Object[] getChildren(Object element) {
            return element instanceof PaletteModel.Group group ? group.children().toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof PaletteModel.Group group && !group.children().isEmpty();
        }
    }

    private static final class PaletteLabels extends ColumnLabelProvider {
        @Override
        public String getText(Object element) {
            return switch (element) {
                case PaletteModel.Group group -> group.name() + " (" + group.children().size() + ")";
                case Operators.Installed installed -> installed.spec().name() + "  \u2013 " + installed.spec().id();
                case PaletteModel.Problem problem -> problem.plugin() + ": could not be loaded";
                default -> String.valueOf(element);
            };
        }

        @Override
        public String getToolTipText(Object element) {
            return switch (element) {
                case Operators.Installed installed -> installed.spec().description();
                case PaletteModel.Problem problem -> problem.message();
                default -> null;
            };
        }

        @Override
        public Image getImage(Object element) {
            if (element instanceof PaletteModel.Problem
                    || element instanceof PaletteModel.Group group && group.isProblems()) {
                return org.eclipse.ui.PlatformUI.getWorkbench().getSharedImages()
                        .getImage(org.eclipse.ui.ISharedImages.IMG_OBJS_ERROR_TSK);
            }
            return null;
        }
    }
}
