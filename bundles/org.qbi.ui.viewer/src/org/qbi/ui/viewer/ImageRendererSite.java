package org.qbi.ui.viewer;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.swt.graphics.ImageData;
import org.qbi.core.image.Image;

/**
 * What the Image editor offers the renderer it hosts: the open image, the rule its reading jobs hold, the
 * editor's display settings as a rendering service, a cursor position shared by all renderers of the editor,
 * and the editor's status line.
 *
 * @since 0.1
 * @noimplement This interface is implemented by the Image editor only.
 */
public interface ImageRendererSite {

    /** The open image (never null while the renderer is shown); read it only in a job holding {@link #readRule()}. */
    Image image();

    /** The file or folder the image was opened from. */
    Path path();

    /** The scheduling rule of the editor's reading jobs: a job holding it reads an image that stays open. */
    ISchedulingRule readRule();

    /**
     * Colours {@code width * height} stored values of the image's pixel type (x or the plane's horizontal axis
     * fastest, as {@link Image#readRegion} returns them) with the editor's current LUT and log scaling, through
     * the editor's window: its fixed window (the file's, a CT preset, or one set in the Display view) when it has
     * one, else the window its contrast mode (auto or min-max) finds in these values. Any thread (no display
     * needed).
     */
    ImageData render(MemorySegment values, int width, int height);

    /** The shared cursor: voxel x, y, z, channel c and time point t. */
    long[] position();

    /** Moves the shared cursor (x, y, z, c, t); the editor refreshes its renderers. */
    void setPosition(long[] xyzct);

    /** Shows a line of text in the editor's status line (e.g. the value under the mouse). */
    void setStatus(String text);
}
