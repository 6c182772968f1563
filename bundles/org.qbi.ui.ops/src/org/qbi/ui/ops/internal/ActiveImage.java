package org.qbi.ui.ops.internal;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.qbi.ui.viewer.ShownImage;

/**
 * Follows the active Image editor through the viewer's API ({@link ShownImage}): tells the form when the editor
 * followed changes, when its image is read and when another slice is on screen, when editors open or close
 * (the input choices change), and when the user clicks an object of its label overlay. UI thread only.
 */
final class ActiveImage {

    private final IWorkbenchPage page;
    private final Runnable changed;
    private final Runnable editorsChanged;
    private IWorkbenchPart followed;

    private final IPropertyListener properties;

    private final IPartListener2 parts = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference reference) {
            IWorkbenchPart part = reference.getPart(false);
            if (ShownImage.of(part) != null) {
                follow(part);
            }
        }

        @Override
        public void partBroughtToTop(IWorkbenchPartReference reference) {
            IWorkbenchPart part = reference.getPart(false);
            if (ShownImage.of(part) != null && part == page.getActiveEditor()) {
                follow(part);
            }
        }

        @Override
        public void partOpened(IWorkbenchPartReference reference) {
            if (ShownImage.of(reference.getPart(false)) != null) {
                editorsChanged.run();
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference reference) {
            IWorkbenchPart part = reference.getPart(false);
            if (part == followed) {
                IEditorPart active = page.getActiveEditor();
                follow(active != part && ShownImage.of(active) != null ? active : null);
            }
            if (ShownImage.of(part) != null) {
                editorsChanged.run();
            }
        }
    };

    ActiveImage(IWorkbenchPage page, Runnable changed, Runnable editorsChanged) {
        this(page, changed, editorsChanged, () -> {
        });
    }

    /** Also tells {@code picked} when the user clicks an object of the followed editor's label overlay. */
    ActiveImage(IWorkbenchPage page, Runnable changed, Runnable editorsChanged, Runnable picked) {
        this.page = page;
        this.changed = changed;
        this.editorsChanged = editorsChanged;
        this.properties = (source, property) -> {
            if (source == followed && (property == ShownImage.PROP_IMAGE || property == ShownImage.PROP_SLICE)) {
                changed.run();
            } else if (source == followed && property == ShownImage.PROP_PICKED_LABEL) {
                picked.run();
            }
        };
    }

    void start() {
        page.addPartListener(parts);
        IEditorPart active = page.getActiveEditor();
        follow(ShownImage.of(active) != null ? active : null);
    }

    /** The Image editor followed, or null. */
    ShownImage shown() {
        return ShownImage.of(followed);
    }

    private void follow(IWorkbenchPart part) {
        if (part == followed) {
            return;
        }
        if (followed != null) {
            followed.removePropertyListener(properties);
        }
        followed = part;
        if (followed != null) {
            followed.addPropertyListener(properties);
        }
        changed.run();
    }

    void dispose() {
        page.removePartListener(parts);
        if (followed != null) {
            followed.removePropertyListener(properties);
        }
    }
}
