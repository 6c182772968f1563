package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;

/**
 * One picture of the Image editor, made off the UI thread from a {@link ViewRequest} and the display settings:
 * the values shown (for the readout, ROIs and the histogram), their type and size, and the display pixels.
 *
 * @param request   what was asked for
 * @param values    the values behind the pixels (stored values; float64 for projections), h fastest
 * @param type      how {@code values} are stored
 * @param width     pixels per row
 * @param height    rows
 * @param rendered  the display pixels
 * @param look      the LUT and scaling used
 * @param montage   the montage's layout (montages only, else null)
 * @param labels    the overlay's values on this plane (null without an overlay)
 * @param overview  null at full resolution; else the pyramid level the values were enlarged from
 */
public record Picture(ViewRequest request, MemorySegment values, PixelType type, int width, int height,
        RenderedSlice rendered, SliceRenderer.Look look, Montage.Result montage, PlaneValues labels,
        ImagePyramid.Overview overview) {

    /**
     * The display settings a picture is made with.
     *
     * @param contrast  how gray windows are chosen
     * @param fixed     the window of {@link SliceRenderer.Contrast#FIXED} (null: auto)
     * @param look      LUT and scaling
     * @param channels  per channel colour, visibility and window (composites)
     * @param overlay   a mask or label image of the same x, y, z size (null: none)
     * @param opacity   overlay opacity 0..1
     * @param outlines  overlay outlines instead of filled
     * @param highlighted overlay labels drawn in the highlight colour (empty: none)
     */
    public record Display(SliceRenderer.Contrast contrast, DisplayWindow fixed, SliceRenderer.Look look,
            List<ChannelSetting> channels, Image overlay, double opacity, boolean outlines, long[] highlighted) {

        /** Display settings without highlighted labels. */
        public Display(SliceRenderer.Contrast contrast, DisplayWindow fixed, SliceRenderer.Look look,
                List<ChannelSetting> channels, Image overlay, double opacity, boolean outlines) {
            this(contrast, fixed, look, channels, overlay, opacity, outlines, new long[0]);
        }

        /** Gray, auto contrast, no channels set, no overlay. */
        public static final Display DEFAULT = new Display(SliceRenderer.Contrast.AUTO, null, SliceRenderer.Look.GRAY,
                List.of(), null, 0.5, false);
    }

    /**
     * One channel's display in a composite.
     *
     * @param rgb     its colour, 0xRRGGBB
     * @param visible shown or not
     * @param window  its window (null: auto contrast of its own values)
     */
    public record ChannelSetting(int rgb, boolean visible, DisplayWindow window) {
    }

    /** The value shown at pixel i as a double (the magnitude for complex values; colour types: not scalar). */
    public PlaneValues planeValues() {
        return new PlaneValues(type, values, width * height);
    }

    /** Makes the picture of {@code request}; reads what it needs from {@code image} (chunks, maybe decoding). */
    public static Picture make(Image image, ViewRequest request, Display display, ProgressMonitor monitor)
            throws IOException {
        return make(image, request, display, monitor, monitor::isCanceled);
    }

    /**
     * Like {@link #make(Image, ViewRequest, Display, ProgressMonitor)}; a plane's reading stops (with a
     * {@link org.qbi.core.progress.CancelledException}) when {@code cancelled} becomes true.
     */
    public static Picture make(Image image, ViewRequest request, Display display, ProgressMonitor monitor,
            java.util.function.BooleanSupplier cancelled) throws IOException {
        ImageHeader header = image.header();
        Arena arena = Arena.ofAuto();
        return switch (request.mode()) {
            case PROJECTION -> {
                Projection.Result p = Projection.project(image, request.plane().normal(), request.kind(), request.c(),
                        request.t(), monitor);
                RenderedSlice rendered = scalar(header, PixelType.FLOAT64, p.values(), p.width(), p.height(), display);
                yield new Picture(request, p.values(), PixelType.FLOAT64, p.width(), p.height(), rendered,
                        display.look(), null, null, null);
            }
            case MONTAGE -> {
                long depth = header.size(Axis.Z);
                int step = Montage.defaultStep(depth);
                int tiles = (int) ((depth + step - 1) / step);
                int columns = Montage.defaultColumns(tiles, (int) header.size(Axis.X), (int) header.size(Axis.Y),
                        SlicePlane.AXIAL.aspect(header));
                Montage.Result m = Montage.assemble(image, request.c(), request.t(), step, columns, monitor);
                RenderedSlice rendered = scalarOrColour(header, m.values(), m.width(), m.height(), display);
                yield new Picture(request, m.values(), header.pixelType(), m.width(), m.height(), rendered,
                        display.look(), m, null, null);
            }
            case PLANE -> plane(image, request, display, arena, cancelled);
        };
    }

    /**
     * The picture of a plane request from a pyramid's overview (gray or LUT as set; no composite, no overlay:
     * those read the full-resolution planes), or null when the pyramid holds none of it yet.
     */
    public static Picture overview(Image image, ImagePyramid pyramid, ViewRequest request, Display display)
            throws IOException {
        ImageHeader header = image.header();
        SlicePlane plane = request.plane();
        ImagePyramid.Overview o = pyramid.overview(plane, request.index(), request.c(), request.t(), Arena.ofAuto());
        if (o == null) {
            return null;
        }
        int width = plane.width(header);
        int height = plane.height(header);
        RenderedSlice rendered = scalarOrColour(header, o.values(), width, height, display);
        return new Picture(request, o.values(), header.pixelType(), width, height, rendered, display.look(), null,
                null, o);
    }

    private static Picture plane(Image image, ViewRequest request, Display display, Arena arena,
            java.util.function.BooleanSupplier cancelled) throws IOException {
        ImageHeader header = image.header();
        SlicePlane plane = request.plane();
        int width = plane.width(header);
        int height = plane.height(header);
        MemorySegment values = plane.read(image, request.index(), request.c(), request.t(), arena, cancelled);
        RenderedSlice rendered;
        long channels = header.size(Axis.C);
        if (request.composite() && channels > 1 && !PlaneValues.isColour(header.pixelType())) {
            List<ChannelComposite.Channel> parts = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                MemorySegment channel = c == request.c() ? values
                        : plane.read(image, request.index(), c, request.t(), arena);
                PlaneValues v = new PlaneValues(header.pixelType(), channel, width * height);
                ChannelSetting setting = c < display.channels().size() ? display.channels().get(c)
                        : new ChannelSetting(ChannelComposite.defaultColour(c), true, null);
                DisplayWindow window = setting.window() != null ? setting.window() : DisplayWindow.auto(v);
                parts.add(new ChannelComposite.Channel(v, window, setting.rgb(), setting.visible()));
            }
            rendered = ChannelComposite.render(parts, width, height);
        } else {
            rendered = scalarOrColour(header, values, width, height, display);
        }
        PlaneValues labels = null;
        Image overlay = display.overlay();
        if (overlay != null) {
            ImageHeader o = overlay.header();
            MemorySegment l = plane.read(overlay, Math.min(request.index(), plane.depth(o) - 1), 0,
                    Math.min(request.t(), o.size(Axis.T) - 1), arena);
            labels = new PlaneValues(o.pixelType(), l, width * height);
            rendered = new LabelOverlay(labels, display.opacity(), display.outlines(), display.highlighted()).over(rendered);
        }
        return new Picture(request, values, header.pixelType(), width, height, rendered, display.look(), null,
                labels, null);
    }

    private static RenderedSlice scalarOrColour(ImageHeader header, MemorySegment values, int width, int height,
            Display display) {
        if (PlaneValues.isColour(header.pixelType()) || header.pixelType() == PixelType.LABEL32) {
            return SliceRenderer.render(header.pixelType(), values, width, height, header.rescale(), display.contrast(),
                    display.fixed(), display.look());
        }
        return scalar(header, header.pixelType(), values, width, height, display);
    }

    private static RenderedSlice scalar(ImageHeader header, PixelType type, MemorySegment values, int width, int height,
            Display display) {
        return SliceRenderer.render(type, values, width, height, header.rescale(), display.contrast(), display.fixed(),
                display.look());
    }

    /**
     * Checks that an overlay fits an image: the same x, y and z sizes.
     *
     * @throws IllegalArgumentException naming both sizes when they differ, or when the overlay is colour
     */
    public static void checkOverlay(ImageHeader image, ImageHeader overlay) {
        for (Axis axis : new Axis[] { Axis.X, Axis.Y, Axis.Z }) {
            if (image.size(axis) != overlay.size(axis)) {
                throw new IllegalArgumentException("The overlay is " + overlay.size(Axis.X) + " x "
                        + overlay.size(Axis.Y) + " x " + overlay.size(Axis.Z) + " pixels, the image "
                        + image.size(Axis.X) + " x " + image.size(Axis.Y) + " x " + image.size(Axis.Z)
                        + "; an overlay needs the image's x, y and z sizes");
            }
        }
        if (PlaneValues.isColour(overlay.pixelType())) {
            throw new IllegalArgumentException("The overlay is " + overlay.pixelType().label()
                    + " colour; a mask or label image has one value per pixel");
        }
    }
}
