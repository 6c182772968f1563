package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.EnumMap;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageRendererSite;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.Projection;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * Axial, coronal and sagittal planes through one cursor, each with the physical aspect, with the cursor drawn as
 * cross lines: clicking (or left-dragging) in one plane moves the cursor there, so the other two show the planes
 * through that point. The planes are read together in a job (the latest cursor wins) and made as the slice
 * viewer makes its plane: the editor's LUT and window, the channel composite, the mask or label overlay with its
 * highlighted labels; each plane has its scale bar and orientation letters. Contributed through {@code org.qbi.viewers} like any other renderer.
 */
public final class OrthogonalViews implements ImageRenderer {

    /** The contribution's id in plugin.xml. */
    public static final String ID = "org.qbi.ui.viewer.renderers.orthogonal";

    /** The three planes at one cursor: what {@link #refresh} shows. */
    record Planes(long[] at, Map<SlicePlane, ImageData> data, Map<SlicePlane, MemorySegment> values) {
    }

    private final Map<SlicePlane, ImageCanvas> canvases = new EnumMap<>(SlicePlane.class);
    private final ReadJob job = new ReadJob();
    private ImageRendererSite site;
    private Display display;
    private Label caption;
    private Color cross;
    private volatile Planes shown;
    private boolean disposed;
    /** Coronal and sagittal planes drawn with z growing upwards (radiological convention) instead of down. */
    private volatile boolean zUp;

    @Override
    public Control createControl(Composite parent, ImageRendererSite rendererSite) {
        site = rendererSite;
        display = parent.getDisplay();
        job.setRule(site.readRule());
        job.setPriority(Job.INTERACTIVE);
        Composite grid = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, true);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.horizontalSpacing = 2;
        layout.verticalSpacing = 2;
        grid.setLayout(layout);
        cross = new Color(255, 200, 0);
        grid.addListener(SWT.Dispose, e -> cross.dispose());
        for (SlicePlane plane : new SlicePlane[] { SlicePlane.AXIAL, SlicePlane.SAGITTAL, SlicePlane.CORONAL }) {
            ImageCanvas canvas = new ImageCanvas(grid, pixel -> hover(plane, pixel), () -> step(plane, -1),
                    () -> step(plane, 1));
            canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            canvas.control().setToolTipText(plane.label() + ": click to move the cursor, middle drag to pan");
            canvas.setLeftDragPans(false);
            canvas.addDecoration((gc, transform, area) -> {
                Planes planes = shown;
                if (planes == null) {
                    return;
                }
                long[] xyz = planes.at();
                int sx = (int) Math.round(transform.screenX(xyz[plane.horizontal().ordinal()] + 0.5));
                int sy = (int) Math.round(transform.screenY(row(plane, xyz[plane.vertical().ordinal()]) + 0.5));
                gc.setForeground(cross);
                gc.setLineDash(new int[] { 4, 4 });
                gc.drawLine(sx, 0, sx, area.height);
                gc.drawLine(0, sy, area.width, sy);
                gc.setLineDash(null);
                gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
                gc.drawText(plane.label(), 6, 4, true);
            });
            Annotations labels = new Annotations(() -> site.image() == null ? null
                    : new Annotations.Shown(site.image().header(), plane, flipped(plane)));
            canvas.addDecoration(labels);
            Listener mouse = new Listener(plane, canvas);
            canvas.control().addListener(SWT.MouseDown, mouse);
            canvas.control().addListener(SWT.MouseMove, mouse);
            canvas.control().setMenu(menu(canvas, plane));
            canvases.put(plane, canvas);
        }
        caption = new Label(grid, SWT.WRAP);
        caption.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return grid;
    }

    /** Zoom and interpolation of one plane; LUT and contrast come from the slice viewer's menu. */
    private Menu menu(ImageCanvas canvas, SlicePlane plane) {
        Menu menu = new Menu(canvas.control());
        MenuItem fit = new MenuItem(menu, SWT.PUSH);
        fit.setText("Zoom to Fit\t0");
        fit.addListener(SWT.Selection, e -> canvas.fit());
        MenuItem oneToOne = new MenuItem(menu, SWT.PUSH);
        oneToOne.setText("Zoom 1:1\t1");
        oneToOne.addListener(SWT.Selection, e -> canvas.oneToOne());
        MenuItem smooth = new MenuItem(menu, SWT.CHECK);
        smooth.setText("Smooth Interpolation");
        smooth.addListener(SWT.Selection, e -> canvas.setSmooth(smooth.getSelection()));
        if (plane != SlicePlane.AXIAL) {
            MenuItem up = new MenuItem(menu, SWT.CHECK);
            up.setText("z Upwards (Coronal and Sagittal)");
            up.setToolTipText("Draw z growing upwards, as radiology viewers do; the orientation letters follow");
            menu.addListener(SWT.Show, e -> up.setSelection(zUp));
            up.addListener(SWT.Selection, e -> setZUp(up.getSelection()));
        }
        return menu;
    }

    /** Moves the cursor to the clicked pixel of {@code plane} (left button down or dragging). */
    private final class Listener implements org.eclipse.swt.widgets.Listener {
        private final SlicePlane plane;
        private final ImageCanvas canvas;

        Listener(SlicePlane plane, ImageCanvas canvas) {
            this.plane = plane;
            this.canvas = canvas;
        }

        @Override
        public void handleEvent(Event e) {
            boolean down = e.type == SWT.MouseDown && e.button == 1;
            boolean drag = e.type == SWT.MouseMove && (e.stateMask & SWT.BUTTON1) != 0;
            if ((down || drag) && canvas.transform() != null) {
                int[] pixel = canvas.transform().pixelAt(e.x, e.y);
                if (pixel != null) {
                    moveCursor(plane, pixel[0], pixel[1]);
                }
            }
        }
    }

    /** Draws coronal and sagittal planes with z growing upwards (or down, as stored) and redraws. */
    void setZUp(boolean on) {
        zUp = on;
        Planes planes = shown;
        if (planes != null) {
            show(planes);
        }
    }

    boolean zUp() {
        return zUp;
    }

    /** True when {@code plane} is drawn upside down (its vertical axis, z, growing upwards). */
    private boolean flipped(SlicePlane plane) {
        return zUp && plane != SlicePlane.AXIAL;
    }

    /** The screen row of index {@code v} along the plane's vertical axis, and back (the flip is its own inverse). */
    private long row(SlicePlane plane, long v) {
        Image image = site.image();
        return flipped(plane) && image != null ? plane.height(image.header()) - 1 - v : v;
    }

    /** Moves the shared cursor to screen pixel (h, v) of {@code plane}; the other planes follow. */
    void moveCursor(SlicePlane plane, int h, int v) {
        long[] at = site.position();
        at[plane.horizontal().ordinal()] = h;
        at[plane.vertical().ordinal()] = row(plane, v);
        site.setPosition(at);
    }

    private void step(SlicePlane plane, int delta) {
        Image image = site.image();
        if (image == null) {
            return;
        }
        long[] at = site.position();
        int n = plane.normal().ordinal();
        at[n] = Math.max(0, Math.min(image.header().size(plane.normal()) - 1, at[n] + delta));
        site.setPosition(at);
    }

    private void hover(SlicePlane plane, int[] pixel) {
        Planes planes = shown;
        Image image = site.image();
        if (pixel == null || planes == null || image == null) {
            return;
        }
        ImageHeader header = image.header();
        long v = row(plane, pixel[1]);
        long[] xyz = plane.voxel(pixel[0], v, planes.at()[plane.normal().ordinal()]);
        long i = v * plane.width(header) + pixel[0];
        site.setStatus(ImageTexts.readout(header, planes.values().get(plane), i, xyz[0], xyz[1], xyz[2],
                planes.at()[3], planes.at()[4]));
    }

    @Override
    public void refresh() {
        job.schedule();
    }

    /** The planes last shown (tests). */
    Planes shown() {
        return shown;
    }

    ImageCanvas canvas(SlicePlane plane) {
        return canvases.get(plane);
    }

    @Override
    public void dispose() {
        disposed = true;
        job.cancel();
    }

    private void show(Planes planes) {
        if (disposed) {
            return;
        }
        shown = planes;
        ImageHeader header = site.image() == null ? null : site.image().header();
        if (header == null) {
            return;
        }
        planes.data().forEach((plane, data) -> canvases.get(plane).show(flipped(plane) ? SwtImages.flipped(data) : data,
                plane.aspect(header)));
        long[] at = planes.at();
        caption.setText("Cursor x " + at[0] + "  y " + at[1] + "  z " + at[2] + "  \u00b7  "
                + ImageTexts.physicalPosition(header, at[0], at[1], at[2])
                + "\nClick or drag in a plane to move the cursor; the other planes follow. Page up/down steps "
                + "through the plane under the mouse." + (zUp ? " z grows upwards in the coronal and sagittal planes."
                        : ""));
        caption.getParent().layout(true, true);
    }

    /** Reads the three planes through the cursor (the latest cursor wins). */
    private final class ReadJob extends Job {

        ReadJob() {
            super("Reading orthogonal planes");
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            Image image = site.image();
            if (image == null || disposed) {
                return Status.OK_STATUS;
            }
            long[] at = site.position();
            ImageHeader header = image.header();
            Map<SlicePlane, ImageData> data = new EnumMap<>(SlicePlane.class);
            Map<SlicePlane, MemorySegment> values = new EnumMap<>(SlicePlane.class);
            // in the Image editor the planes are made as its slice viewer makes them: composite, overlay and
            // highlighted labels included; another host renders the stored values with its LUT and window
            ImageEditor editor = site instanceof EditorSite editorSite ? editorSite.editor() : null;
            Picture.Display settings = editor == null ? null : editor.displaySettings(header);
            try {
                for (SlicePlane plane : SlicePlane.values()) {
                    long index = Math.min(at[plane.normal().ordinal()], plane.depth(header) - 1);
                    if (settings != null) {
                        ViewRequest request = new ViewRequest(ViewRequest.Mode.PLANE, plane, index, at[3], at[4],
                                Projection.Kind.MAX, editor.view().composite());
                        Picture picture = Picture.make(image, request, settings, EclipseProgress.of(monitor));
                        values.put(plane, picture.values());
                        data.put(plane, SwtImages.imageData(picture.rendered()));
                        continue;
                    }
                    MemorySegment plain = plane.read(image, index, at[3], at[4], Arena.ofAuto());
                    values.put(plane, plain);
                    data.put(plane, site.render(plain, plane.width(header), plane.height(header)));
                    if (monitor.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                }
            } catch (org.qbi.core.progress.CancelledException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                display.asyncExec(() -> {
                    if (!disposed) {
                        site.setStatus("The orthogonal planes could not be read: " + StatusTexts.describe(e,
                                site.path()));
                    }
                });
                return Status.OK_STATUS;
            }
            Planes planes = new Planes(at, data, values);
            if (!display.isDisposed()) {
                display.asyncExec(() -> show(planes));
            }
            return Status.OK_STATUS;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == OrthogonalViews.this || family == site;
        }
    }

    /** For tests: whether the planes at {@code xyz} are shown. */
    boolean showsCursor(long x, long y, long z) {
        Planes planes = shown;
        return planes != null && planes.at()[0] == x && planes.at()[1] == y && planes.at()[2] == z;
    }
}
