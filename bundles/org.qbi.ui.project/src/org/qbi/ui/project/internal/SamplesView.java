package org.qbi.ui.project.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceChangeEvent;
import org.eclipse.core.resources.IResourceChangeListener;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IAdaptable;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.part.ViewPart;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.workspace.QbiNature;
import org.qbi.project.workspace.QbiProjects;

/**
 * The samples of the selected QBI project by group: group, then sample, then its files (missing files
 * marked). Follows the selection in the Project Explorer and re-reads the catalog when samples.csv changes.
 */
public final class SamplesView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.samples";

    record GroupNode(String name, List<SampleNode> samples) {
    }

    record SampleNode(Sample sample, List<FileNode> files) {
    }

    record FileNode(String path, boolean exists) {
    }

    private TreeViewer tree;
    private IProject project;
    private final ISelectionListener selectionListener = (part, selection) -> {
        if (selection instanceof org.eclipse.jface.viewers.IStructuredSelection structured
                && structured.getFirstElement() instanceof IAdaptable adaptable) {
            IResource resource = adaptable.getAdapter(IResource.class);
            if (resource != null && QbiNature.isQbiProject(resource.getProject())
                    && !resource.getProject().equals(project)) {
                show(resource.getProject());
            }
        }
    };
    private final IResourceChangeListener catalogListener = event -> {
        if (project != null && event.getDelta() != null
                && event.getDelta().findMember(project.getFile(ProjectLayout.CATALOG_FILE).getFullPath()) != null) {
            tree.getControl().getDisplay().asyncExec(() -> {
                if (!tree.getControl().isDisposed()) {
                    show(project);
                }
            });
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        tree = new TreeViewer(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                if (parent instanceof GroupNode group) {
                    return group.samples().toArray();
                }
                if (parent instanceof SampleNode sample) {
                    return sample.files().toArray();
                }
                return new Object[0];
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return getChildren(element).length > 0;
            }
        });
        tree.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object element) {
                if (element instanceof GroupNode group) {
                    return group.name() + "  (" + group.samples().size() + ")";
                }
                if (element instanceof SampleNode node) {
                    return node.sample().id() + (node.sample().notes().isEmpty() ? "" : "  \u2014 " + node.sample().notes());
                }
                if (element instanceof FileNode file) {
                    return file.path() + (file.exists() ? "" : "  (missing)");
                }
                return String.valueOf(element);
            }
        });
        getSite().getPage().addPostSelectionListener(selectionListener);
        ResourcesPlugin.getWorkspace().addResourceChangeListener(catalogListener, IResourceChangeEvent.POST_CHANGE);
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (QbiNature.isQbiProject(candidate)) {
                show(candidate);
                break;
            }
        }
    }

    /** The tree of groups, samples and files (tests read it). */
    TreeViewer viewer() {
        return tree;
    }

    /** Shows the samples of {@code qbiProject}. */
    void show(IProject qbiProject) {
        project = qbiProject;
        setContentDescription(qbiProject.getName());
        ProjectLayout layout = QbiProjects.layout(qbiProject);
        List<GroupNode> groups = new ArrayList<>();
        try {
            SampleCatalog catalog = SampleCatalog.load(layout.catalogFile());
            List<String> names = new ArrayList<>(catalog.groups());
            if (catalog.samples().stream().anyMatch(s -> s.group().isEmpty())) {
                names.add("");
            }
            for (String name : names) {
                List<SampleNode> samples = catalog.samples().stream().filter(s -> s.group().equals(name))
                        .map(s -> new SampleNode(s, s.files().stream()
                                .map(f -> new FileNode(f, java.nio.file.Files.exists(layout.resolve(f)))).toList()))
                        .toList();
                groups.add(new GroupNode(name.isEmpty() ? "(no group)" : name, samples));
            }
        } catch (IOException | IllegalArgumentException e) {
            setContentDescription(qbiProject.getName() + ": " + e.getMessage());
        }
        tree.setInput(groups);
        tree.expandToLevel(2);
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        ResourcesPlugin.getWorkspace().removeResourceChangeListener(catalogListener);
        super.dispose();
    }

    @Override
    public void setFocus() {
        tree.getControl().setFocus();
    }
}
