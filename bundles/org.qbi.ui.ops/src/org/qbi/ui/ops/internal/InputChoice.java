package org.qbi.ui.ops.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.content.IContentType;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IWorkbenchPage;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;

/**
 * An image the form can give an input port: one open in an Image editor, or an image file of an open project
 * (the files the Image editor opens by their names: the viewer's content type).
 *
 * @param label what the drop-down shows
 * @param path  the file or folder
 * @param entry which image of the file (null: its first or only one)
 */
record InputChoice(String label, Path path, String entry) {

    /** The most project files offered (a project with thousands of slices stays usable). */
    static final int MAX_PROJECT_FILES = 500;

    /** The choices: open Image editors (the active one first), then image files of open projects. */
    static List<InputChoice> available(IWorkbenchPage page) {
        Set<InputChoice> choices = new LinkedHashSet<>();
        ShownImage active = ShownImage.of(page.getActiveEditor());
        if (active != null) {
            choices.add(ofEditor(active));
        }
        for (IEditorReference reference : page.getEditorReferences()) {
            ShownImage shown = ShownImage.of(reference.getEditor(false));
            if (shown != null) {
                choices.add(ofEditor(shown));
            }
        }
        Set<Path> inEditors = new LinkedHashSet<>();
        choices.forEach(c -> inEditors.add(c.path()));
        IContentType images = Platform.getContentTypeManager().getContentType(ImageViewer.CONTENT_TYPE);
        List<InputChoice> files = new ArrayList<>();
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (project.isOpen()) {
                collect(project, images, inEditors, files);
            }
        }
        choices.addAll(files);
        return List.copyOf(choices);
    }

    private static InputChoice ofEditor(ShownImage shown) {
        String name = shown.path().getFileName() + (shown.entry() == null ? "" : " [" + shown.entry() + "]");
        return new InputChoice(name + "  (open)", shown.path(), shown.entry());
    }

    private static void collect(IContainer container, IContentType images, Set<Path> skip, List<InputChoice> into) {
        IResource[] members;
        try {
            members = container.members();
        } catch (CoreException e) {
            return;
        }
        for (IResource member : members) {
            if (into.size() >= MAX_PROJECT_FILES) {
                return;
            }
            if (member instanceof IContainer folder && !member.getName().startsWith(".")) {
                collect(folder, images, skip, into);
            } else if (member instanceof IFile file && file.getLocation() != null && images != null
                    && images.isAssociatedWith(file.getName())) {
                Path path = file.getLocation().toPath();
                if (!skip.contains(path)) {
                    into.add(new InputChoice(file.getFullPath().makeRelative().toString(), path, null));
                }
            }
        }
    }

    /** The open project holding {@code path}, or null. */
    static IProject projectOf(Path path) {
        for (IProject project : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (project.isOpen() && project.getLocation() != null
                    && path.toAbsolutePath().normalize().startsWith(project.getLocation().toPath())) {
                return project;
            }
        }
        return null;
    }
}
