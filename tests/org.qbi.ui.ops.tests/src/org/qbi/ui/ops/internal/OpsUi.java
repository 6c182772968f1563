package org.qbi.ui.ops.internal;

import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.ui.ops.OperatorViews;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.ShownImage;
import org.qbi.ui.workbench.QbiPerspectives;

/** Driving the operator views in the running workbench: projects, images, the palette and the form. */
final class OpsUi {

    private OpsUi() {
    }

    /** The Process perspective, as a user first sees it. */
    static void processPerspective() {
        page().setPerspective(PlatformUI.getWorkbench().getPerspectiveRegistry()
                .findPerspectiveWithId(QbiPerspectives.PROCESS));
        page().resetPerspective();
        processEvents();
    }

    /** A new QBI project (raw/, results/ ...) named {@code name}. */
    static IProject project(String name) throws CoreException {
        IProject existing = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
        if (existing.exists()) {
            existing.delete(true, true, null);
        }
        return QbiProjects.create(name, null, null);
    }

    /** Copies {@code source} into the project's raw/ folder. */
    static IFile importRaw(IProject project, Path source) throws IOException, CoreException {
        Path target = QbiProjects.layout(project).raw().resolve(source.getFileName());
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        project.refreshLocal(IResource.DEPTH_INFINITE, null);
        return project.getFile("raw/" + source.getFileName());
    }

    /** Opens {@code file} in the Image editor and waits until its first slice is on screen. */
    static ShownImage openImage(IFile file) throws PartInitException {
        IEditorPart editor = ImageViewer.open(page(), file);
        ShownImage shown = ShownImage.of(editor);
        waitFor("the image's first slice", () -> shown.header() != null && shown.position() != null);
        return shown;
    }

    static OperatorsView palette() throws PartInitException {
        OperatorsView view = (OperatorsView) page().showView(OperatorViews.PALETTE_VIEW_ID);
        processEvents();
        return view;
    }

    /** Selects {@code id} in the palette and returns the Operator view showing its form. */
    static OperatorFormView form(String id) throws PartInitException {
        OperatorsView palette = palette();
        palette.select(id);
        OperatorFormView form = (OperatorFormView) page().showView(OperatorViews.FORM_VIEW_ID);
        waitFor("the form of " + id, () -> form.operator() != null && form.operator().spec().id().equals(id));
        return form;
    }

    /** Types {@code text} into a parameter's text control. */
    static void type(OperatorFormView form, String parameter, String text) {
        ((Text) form.field(parameter).control()).setText(text);
        processEvents();
    }

    /** Chooses the item of {@code combo} starting with {@code prefix}, as a user would. */
    static void choose(Combo combo, String prefix) {
        String[] items = combo.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].startsWith(prefix)) {
                combo.select(i);
                combo.notifyListeners(SWT.Selection, new Event());
                processEvents();
                return;
            }
        }
        throw new AssertionError("No item starting with '" + prefix + "' in " + String.join(", ", items));
    }

    /** Closes every editor and deletes every project. */
    static void cleanUp() throws CoreException {
        page().closeAllEditors(false);
        processEvents();
        for (IProject p : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            p.delete(true, true, null);
        }
    }
}
