package org.qbi.project.workspace;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.qbi.project.ProjectLayout;

/**
 * Creates and opens QBI projects in the Eclipse workspace.
 *
 * @since 0.1
 */
public final class QbiProjects {

    private static final String BUNDLE = "org.qbi.project";

    private QbiProjects() {
    }

    /**
     * Creates a QBI project: the Eclipse project with the QBI nature and the layout on disk. An existing
     * folder at the location (a project made by {@code qbi project new}, or an earlier workspace) is adopted
     * as it is, nothing in it is overwritten.
     *
     * @param name     the project name, unique in the workspace
     * @param location the project folder, or null for the default location in the workspace
     */
    public static IProject create(String name, URI location, IProgressMonitor monitor) throws CoreException {
        SubMonitor progress = SubMonitor.convert(monitor, "Creating QBI project " + name, 3);
        IWorkspace workspace = ResourcesPlugin.getWorkspace();
        IStatus nameStatus = workspace.validateName(name, IResource.PROJECT);
        if (!nameStatus.isOK()) {
            throw new CoreException(nameStatus);
        }
        IProject project = workspace.getRoot().getProject(name);
        if (project.exists()) {
            throw new CoreException(Status.error("A project named '" + name + "' exists in the workspace already; "
                    + "choose another name"));
        }
        IProjectDescription description = workspace.newProjectDescription(name);
        description.setLocationURI(location);
        description.setNatureIds(new String[] { QbiNature.ID });
        project.create(description, progress.split(1));
        project.open(progress.split(1));
        try {
            new ProjectLayout(Path.of(project.getLocationURI())).create();
        } catch (IOException e) {
            throw new CoreException(new Status(IStatus.ERROR, BUNDLE,
                    "Could not create the layout of project " + name + ": " + e.getMessage(), e));
        }
        project.refreshLocal(IResource.DEPTH_INFINITE, progress.split(1));
        return project;
    }

    /** The layout of a workspace project. */
    public static ProjectLayout layout(IProject project) {
        return new ProjectLayout(Path.of(project.getLocationURI()));
    }
}
