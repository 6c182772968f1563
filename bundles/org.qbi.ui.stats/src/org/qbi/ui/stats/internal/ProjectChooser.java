package org.qbi.ui.stats.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartSite;
import org.qbi.project.workspace.QbiNature;

/**
 * The Project combo of the Statistics views: it lists the workspace's QBI projects and follows the project of
 * whatever is selected in the Project Explorer (or another view), telling its view when the project changes.
 */
final class ProjectChooser {

    private final Combo combo;
    private final IWorkbenchPart owner;
    private final Consumer<IProject> opened;
    private final List<IProject> projects = new ArrayList<>();
    private final ISelectionListener selectionListener = this::selectionChanged;
    private IProject project;

    /** A labelled combo in {@code parent}; {@code opened} is called on the UI thread with each project chosen. */
    ProjectChooser(Composite parent, IWorkbenchPart owner, Consumer<IProject> opened) {
        this.combo = StudyView.combo(parent, "Project");
        this.owner = owner;
        this.opened = opened;
        combo.addListener(SWT.Selection, e -> {
            int index = combo.getSelectionIndex();
            if (index >= 0) {
                open(projects.get(index));
            }
        });
    }

    /** Lists the projects, starts following the selection and opens the selected (or first) project. */
    void start(IWorkbenchPartSite site) {
        list();
        site.getPage().addPostSelectionListener(selectionListener);
        selectionChanged(null, site.getPage().getSelection());
        if (project == null && !projects.isEmpty()) {
            open(projects.getFirst());
        }
    }

    void dispose(IWorkbenchPartSite site) {
        site.getPage().removePostSelectionListener(selectionListener);
    }

    /** The project chosen, or null. */
    IProject project() {
        return project;
    }

    /** Chooses {@code newProject}, as the user would. */
    void open(IProject newProject) {
        project = newProject;
        if (!projects.contains(newProject)) {
            list();
        }
        combo.select(projects.indexOf(newProject));
        opened.accept(newProject);
    }

    void setFocus() {
        combo.setFocus();
    }

    private void list() {
        projects.clear();
        combo.removeAll();
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (QbiNature.isQbiProject(candidate)) {
                projects.add(candidate);
                combo.add(candidate.getName());
            }
        }
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == owner || !(selection instanceof IStructuredSelection structured) || structured.isEmpty()) {
            return;
        }
        IResource resource = Adapters.adapt(structured.getFirstElement(), IResource.class);
        if (resource != null && resource.getProject() != null && !resource.getProject().equals(project)
                && QbiNature.isQbiProject(resource.getProject())) {
            open(resource.getProject());
        }
    }
}
