package org.qbi.project.workspace;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;

/**
 * Marks an Eclipse project as a QBI project (declared in plugin.xml as {@value #ID}). It installs no
 * builders: the layout on disk is what makes a QBI project work, the nature lets the workbench recognise it.
 *
 * @since 0.1
 */
public final class QbiNature implements IProjectNature {

    /** The nature id, as in plugin.xml (extension id "nature" of bundle org.qbi.project). */
    public static final String ID = "org.qbi.project.nature";

    private IProject project;

    @Override
    public void configure() throws CoreException {
    }

    @Override
    public void deconfigure() throws CoreException {
    }

    @Override
    public IProject getProject() {
        return project;
    }

    @Override
    public void setProject(IProject project) {
        this.project = project;
    }

    /** True when {@code project} is open and has the QBI nature. */
    public static boolean isQbiProject(IProject project) {
        try {
            return project != null && project.isOpen() && project.hasNature(ID);
        } catch (CoreException e) {
            return false;
        }
    }
}
