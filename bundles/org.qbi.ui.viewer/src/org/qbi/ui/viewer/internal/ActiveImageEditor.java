package org.qbi.ui.viewer.internal;

import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;

/**
 * Which Image editor a view around the editor follows: the active one, the one brought to top when it is the
 * active editor, the next active one when it closes, or none. It tells its view when the followed editor
 * changes and passes on the followed editor's property events (image read, slice shown). The Metadata and
 * Histogram views use it; UI thread only.
 */
final class ActiveImageEditor {

    /** What the view does when the followed editor changes or fires a property. */
    interface Listener {
        /** The followed editor is now {@code editor} (null: none). */
        void editorChanged(ImageEditor editor);

        /** The followed editor fired {@code property} (e.g. {@link ImageEditor#PROP_IMAGE}). */
        void propertyChanged(int property);
    }

    private final IWorkbenchPage page;
    private final Listener listener;
    private ImageEditor shown;

    private final IPropertyListener propertyListener;

    private final IPartListener2 partListener = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ImageEditor editor) {
                show(editor);
            }
        }

        @Override
        public void partBroughtToTop(IWorkbenchPartReference reference) {
            if (reference.getPart(false) instanceof ImageEditor editor && editor == page.getActiveEditor()) {
                show(editor);
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference reference) {
            if (reference.getPart(false) == shown) {
                IEditorPart active = page.getActiveEditor();
                show(active instanceof ImageEditor editor && editor != shown ? editor : null);
            }
        }
    };

    /** A tracker on {@code page}; {@link #start()} begins following. */
    ActiveImageEditor(IWorkbenchPage page, Listener listener) {
        this.page = page;
        this.listener = listener;
        this.propertyListener = (source, property) -> {
            if (source == shown) {
                listener.propertyChanged(property);
            }
        };
    }

    /** Begins following, with the page's active editor if it is an Image editor. */
    void start() {
        page.addPartListener(partListener);
        IEditorPart active = page.getActiveEditor();
        show(active instanceof ImageEditor editor ? editor : null);
    }

    /** The editor followed now, or null. */
    ImageEditor shown() {
        return shown;
    }

    /** Follows {@code editor} (null: none); nothing happens when it is followed already. */
    void show(ImageEditor editor) {
        if (editor == shown) {
            return;
        }
        if (shown != null) {
            shown.removePropertyListener(propertyListener);
        }
        shown = editor;
        if (shown != null) {
            shown.addPropertyListener(propertyListener);
        }
        listener.editorChanged(shown);
    }

    /** Stops following (the view is disposed). */
    void dispose() {
        page.removePartListener(partListener);
        if (shown != null) {
            shown.removePropertyListener(propertyListener);
        }
    }
}
