package org.qbi.ui.viewer.internal;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.swt.graphics.ImageData;
import org.qbi.core.image.Image;
import org.qbi.ui.viewer.ImageRendererSite;

/** The Image editor's side of the renderers it hosts: everything goes to the editor. */
final class EditorSite implements ImageRendererSite {

    private final ImageEditor editor;

    EditorSite(ImageEditor editor) {
        this.editor = editor;
    }

    /** The editor (the built-in slice viewer builds its page there). */
    ImageEditor editor() {
        return editor;
    }

    @Override
    public Image image() {
        return editor.image();
    }

    @Override
    public Path path() {
        return editor.path();
    }

    @Override
    public ISchedulingRule readRule() {
        return editor.readRule();
    }

    @Override
    public ImageData render(MemorySegment values, int width, int height) {
        return editor.render(values, width, height);
    }

    @Override
    public long[] position() {
        return editor.cursor();
    }

    @Override
    public void setPosition(long[] xyzct) {
        editor.moveCursor(xyzct);
    }

    @Override
    public void setStatus(String text) {
        editor.status().setText(text == null ? "" : text);
    }
}
