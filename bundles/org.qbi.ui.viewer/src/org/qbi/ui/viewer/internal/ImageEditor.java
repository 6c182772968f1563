package org.qbi.ui.viewer.internal;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.ImagePyramid;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;
import org.qbi.ui.viewer.internal.render.FileWindow;
import org.qbi.ui.viewer.internal.render.RenderedSlice;
import org.qbi.ui.viewer.internal.render.SliceRenderer;

/**
 * The Image editor: one image (a file, or a folder such as a DICOM series or a Zarr store) opened through the
 * installed readers, its current x-y slice drawn with the physical aspect, sliders for z, c and t, the
 * header line on top and the pixel under the cursor below.
 * <p>
 * All reading happens in jobs (never on the UI thread): one opens the image (header only), one decodes the
 * requested slice (the latest request wins), one closes the image. They share a scheduling rule, so a slice
 * is never read from a closed image. A file that cannot be read shows its error in the editor.
 */
public final class ImageEditor extends EditorPart implements org.qbi.ui.viewer.ShownImage {

    /** The editor id from plugin.xml. */
    public static final String ID = ImageViewer.EDITOR_ID;

    /** Property fired when the image has been opened or has failed to open (header() or error() changed). */
    public static final int PROP_IMAGE = org.qbi.ui.viewer.ShownImage.PROP_IMAGE;

    /** Property fired when a decoded slice is shown (slice() changed; the Histogram view follows it). */
    public static final int PROP_SLICE = org.qbi.ui.viewer.ShownImage.PROP_SLICE;

    /** Planes with more pixels are not shown by this viewer (the tiled viewer will). */
    static final long MAX_PLANE_PIXELS = 1L << 28;

    /** Property fired when the ROI or its measurements changed (the Line profile view follows it). */
    public static final int PROP_ROI = 0x303;

    /** Property fired when the mouse moves to another voxel of the image (the Curve view follows it). */
    public static final int PROP_CURSOR = 0x304;

    /**
     * A decoded picture: its position ({@code z} is the index along the plane's normal, c and t the channel and
     * time point), its values (for the readout), display pixels and look, the whole picture made and the display
     * settings it was made with.
     */
    record Slice(long z, long c, long t, MemorySegment plane, RenderedSlice rendered, SliceRenderer.Look look,
            Picture picture, Picture.Display display) {
    }

    /** The LUT shown when the user has not chosen one. */
    static final String DEFAULT_LUT = DisplayState.DEFAULT_LUT;

    private EditorJobs jobs;
    private SliceJob sliceJob;
    /** The job building the pyramid of a large image, or null. */
    private volatile PyramidJob pyramidJob;
    private final EditorSite site = new EditorSite(this);
    private EditorPages pages;
    private RendererStack renderers;
    private final ViewMode view = new ViewMode(this);
    private final DisplayState display = new DisplayState(this::requestSlice);
    private final OverlayLayer overlay = new OverlayLayer(this);
    /** The voxel last under the mouse in the slice viewer, or null. */
    private long[] hovered;
    /** The shared cursor of the renderers: x, y, z, c, t. */
    private volatile long[] position = new long[5];

    private Path path;
    private String entry;
    private List<String> entries = List.of();
    private volatile Image image;
    private volatile int generation;
    private volatile ViewRequest requested = ViewRequest.axial(0, 0, 0);
    private ImageHeader header;
    private String error;
    private Slice slice;
    private boolean disposed;
    private Display swtDisplay;

    private SlicePage slicePage;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        setSite(site);
        setInput(input);
        path = EditorInputs.pathOf(input);
        setPartName(input.getName());
        setTitleToolTip(path.toString());
    }

    @Override
    public void createPartControl(Composite parent) {
        swtDisplay = parent.getDisplay();
        jobs = new EditorJobs(this, path.getFileName().toString(), swtDisplay);
        sliceJob = new SliceJob(this);
        pages = new EditorPages(parent, path, RendererRegistry.installed().stream().map(RendererRegistry.Entry::name)
                .toList(), index -> {
                    if (!entries.get(index).equals(entry)) {
                        entry = entries.get(index);
                        open();
                    }
                }, index -> showRenderer(RendererRegistry.installed().get(index).id()));
        renderers = new RendererStack(pages.rendererArea(), pages.viewCombo(), site, this::createSlicePage);
        showRenderer(RendererRegistry.SLICES);
        open();
    }

    /**
     * Builds the slice page (called by the built-in slice renderer): the canvas with the colour bar beside it
     * and the sliders below.
     */
    Control createSlicePage(Composite parent) {
        slicePage = new SlicePage(this, parent);
        canvas().control().setMenu(new EditorMenu(this).create(canvas().control()));
        return slicePage.control();
    }

    /** The user moved the slider of {@code axis} to {@code index}. */
    void sliderMoved(Axis axis, long index) {
        long[] at = position.clone();
        at[axis.ordinal()] = index;
        position = at;
        requestSlice();
    }

    /** Brings the renderer {@code id} to the front, creating it the first time (falls back to the slice viewer). */
    void showRenderer(String id) {
        if (renderers.show(id, image != null) && status() != null) {
            status().setText(""); // the status of the renderer left behind no longer applies
        }
    }

    /** The id of the renderer in front. */
    String rendererId() {
        return renderers.frontId();
    }

    /** The renderer {@code id} if it has been created. */
    ImageRenderer renderer(String id) {
        return renderers.renderer(id);
    }

    private void refreshRenderers() {
        if (image != null) {
            renderers.refreshFront();
        }
    }

    /** Colours the slice with the installed LUT of this id (see {@link LutRegistry}) and redraws. */
    void setLut(String id) {
        LutRegistry.Entry entry = LutRegistry.find(id);
        if (entry == null) {
            throw new IllegalArgumentException("No LUT '" + id + "' is installed");
        }
        display.setLut(entry);
        ViewerMemory.rememberLut(path, id);
        requestSlice();
    }

    /** The display settings the next picture is made with (any thread). */
    Picture.Display displaySettings(ImageHeader h) {
        return overlay.over(new Picture.Display(display.contrast(), display.fixed(h), display.look(),
                display.channelSettings(), null, 0, false));
    }

    /** Opens the image (or the chosen entry) in a job; the editor shows it when the header is read. */
    private void open() {
        int gen = ++generation;
        canvas().message("Reading " + path.getFileName() + " \u2026");
        jobs.open(path, entry, (opened, names) -> opened(gen, opened, names), problem -> failed(gen, problem));
    }

    private void opened(int gen, Image opened, List<String> names) {
        if (disposed || gen != generation) {
            jobs.closeLater(opened);
            return;
        }
        Image old = image;
        image = opened;
        if (old != null) {
            closeImage(old);
        }
        header = opened.header();
        error = null;
        String remembered = ViewerMemory.lut(path);
        if (remembered != null && LutRegistry.find(remembered) != null) {
            display.setLut(LutRegistry.find(remembered));
        }
        long[] centre = new long[5];
        for (int i = 0; i < 3; i++) {
            centre[i] = header.dimensions()[i] / 2;
        }
        centre[2] = 0;
        position = centre;
        display.opened(FileWindow.of(header.metadata(), header.rescale()).orElse(null));
        if (header.size(Axis.X) * header.size(Axis.Y) > MAX_PLANE_PIXELS) {
            showError("Cannot show " + path + "\n\nIts x-y planes have " + header.size(Axis.X) + " x "
                    + header.size(Axis.Y) + " pixels; this viewer shows planes of up to " + MAX_PLANE_PIXELS
                    + " pixels.");
            return;
        }
        entries = List.copyOf(names);
        buildSliders();
        pages.showImage(header, path, entries, entry);
        pyramidJob = PyramidJob.startFor(this, opened);
        firePropertyChange(PROP_IMAGE);
        requestSlice();
    }

    /** More of the pyramid is built: an overview on screen is made again from it (not while a plane is read). */
    void pyramidGrew() {
        Slice shown = slice;
        if (!disposed && shown != null && shown.picture().overview() != null
                && shown.picture().overview().fraction() < 1 && sliceJob.getState() == Job.NONE) {
            requestSlice();
        }
    }

    /** Closes an image left behind, after its pyramid job (cancelled now) has ended. */
    private void closeImage(Image old) {
        PyramidJob building = pyramidJob;
        if (building != null && building.image() == old) {
            pyramidJob = null;
            building.cancel();
        }
        jobs.closeLater(old, building);
    }

    private void failed(int gen, Throwable problem) {
        if (disposed || gen != generation) {
            return;
        }
        showError("Cannot open " + path + "\n\n" + StatusTexts.describe(problem, path));
    }

    private void showError(String text) {
        error = text;
        pages.showError(text);
        firePropertyChange(PROP_IMAGE);
    }

    private void buildSliders() {
        slicePage.sliders().build(header, view.plane(), view.mode() == ViewRequest.Mode.PLANE, view.composite(),
                position);
    }

    /**
     * Asks for the picture the sliders and the view settings select; the slice job makes it (the latest request
     * wins). Another renderer in front is refreshed too, since the display settings it borrows may have changed.
     */
    void requestSlice() {
        if (image == null || disposed) {
            return;
        }
        long[] at = slicePage.sliders().selection();
        requested = view.request(at);
        sliceJob.schedule();
        if (!RendererRegistry.SLICES.equals(renderers.frontId())) {
            refreshRenderers();
        }
    }

    void showSlice(int gen, Slice decoded) {
        if (disposed || gen != generation) {
            return;
        }
        slice = decoded;
        SlicePlane shownPlane = decoded.picture().montage() != null ? SlicePlane.AXIAL
                : decoded.picture().request().plane();
        canvas().message(null);
        canvas().show(SwtImages.imageData(decoded.rendered()), shownPlane.aspect(header));
        if (rois() != null) {
            rois().pictureChanged();
        }
        colourBar().show(decoded.rendered(), decoded.look(), header);
        if (status().getText().isEmpty() || !status().getText().startsWith("x ")) {
            status().setText(windowText());
        }
        firePropertyChange(PROP_SLICE);
    }

    void sliceFailed(int gen, ViewRequest at, Throwable problem) {
        if (disposed || gen != generation) {
            return;
        }
        slice = null;
        canvas().clear();
        colourBar().hide();
        canvas().message(StatusTexts.failed(at, problem, path));
        status().setText("");
        firePropertyChange(PROP_SLICE);
    }

    /** The status line for pixel (h, v) of a picture: voxel, physical position, value, overlay label. */
    String readout(Picture picture, int h, int v) {
        return StatusTexts.readout(header, picture, h, v);
    }

    private String windowText() {
        return StatusTexts.window(slice, header, display);
    }

    void hover(int[] pixel) {
        if (pixel == null || slice == null || header == null) {
            status().setText(windowText());
            return;
        }
        status().setText(readout(slice.picture(), pixel[0], pixel[1]));
        long[] voxel = StatusTexts.voxel(slice.picture(), pixel[0], pixel[1]);
        if (voxel != null && !java.util.Arrays.equals(voxel, hovered)) {
            hovered = voxel;
            firePropertyChange(PROP_CURSOR);
        }
    }

    /** The voxel last under the mouse (x, y, z, c, t), or null. */
    long[] hovered() {
        return hovered;
    }

    // The view: plane, projection, montage, composite, overlay.

    /** What the slice viewer shows (setting it redraws). */
    ViewMode view() {
        return view;
    }

    /** The plane, mode or composite changed: the sliders follow, and the picture. */
    void viewChanged() {
        if (header != null) {
            buildSliders();
            pages.layoutViewer();
        }
        requestSlice();
    }

    /** Sets the colour, visibility and window of each channel (index = channel) and redraws. */
    void setChannels(List<Picture.ChannelSetting> settings) {
        display.setChannels(settings);
        requestSlice();
    }

    /** The channel settings: the ones set, or the default colour, visible, auto window for each channel. */
    List<Picture.ChannelSetting> channels() {
        return display.channels(header == null ? 0 : (int) header.size(Axis.C));
    }

    @Override
    public void showOverlay(Path labels) {
        if (image != null) {
            overlay.open(labels, image);
        }
    }

    /** The mask or label image drawn over the image. */
    OverlayLayer overlay() {
        return overlay;
    }

    @Override
    public void highlightLabels(long[] labels, double[] centre) {
        overlay.highlight(labels);
        if (centre != null && header != null) {
            long[] at = position.clone();
            for (int a = 0; a < Math.min(3, centre.length); a++) {
                AxisCalibration axis = header.axis(Axis.values()[a]);
                at[a] = Math.max(0, Math.min(axis.size() - 1, Math.round((centre[a] - axis.origin()) / axis.spacing())));
            }
            moveCursor(at);
        }
        requestSlice();
    }

    @Override
    public long[] highlightedLabels() {
        return overlay.highlighted();
    }

    /** The user clicked pixel (h, v) of the picture: the overlay object there (if any) is picked and highlighted. */
    void pickAt(int[] pixel) {
        Slice shown = slice;
        if (pixel != null && shown != null && shown.picture().labels() != null && rois().tool() == RoiTool.Tool.NONE
                && overlay.pick(shown.picture(), pixel[1] * shown.picture().width() + pixel[0]) != 0) {
            requestSlice();
            firePropertyChange(PROP_PICKED_LABEL);
        }
    }

    @Override
    public long pickedLabel() {
        return overlay.picked();
    }

    /** Shows a ROI's measurement (or nothing) in the status line and tells the Line profile view. */
    void roiChanged(String text) {
        if (!text.isEmpty()) {
            status().setText(text);
        }
        firePropertyChange(PROP_ROI);
    }

    boolean isDisposed() {
        return disposed;
    }

    /** Shows {@code text} in the status line, from any thread. */
    void statusLater(String text) {
        jobs.asyncExec(() -> {
            if (!disposed) {
                status().setText(text);
            }
        });
    }

    RoiTool rois() {
        return slicePage == null ? null : slicePage.rois();
    }

    /** How the image is coloured (setting it redraws). */
    DisplayState display() {
        return display;
    }

    /** The LUT shown (null only when no LUT is installed). */
    LutRegistry.Entry lut() {
        return display.lut();
    }

    Annotations annotations() {
        return slicePage.annotations();
    }

    /**
     * Moves the shared cursor of the renderers to (x, y, z, c, t): the slice viewer's slider across its plane
     * follows, and the renderer in front is refreshed.
     */
    void moveCursor(long[] xyzct) {
        if (xyzct.length != 5) {
            throw new IllegalArgumentException("A position has x, y, z, c, t; got " + xyzct.length + " values");
        }
        position = xyzct.clone();
        if (view.mode() == ViewRequest.Mode.PLANE) {
            slicePage.sliders().show(view.plane().normal(), xyzct[view.plane().normal().ordinal()]);
        }
        refreshRenderers();
    }

    /** The shared cursor of the renderers (x, y, z, c, t). */
    long[] cursor() {
        return position.clone();
    }

    /** Colours stored values of this image with the current display settings (any thread). */
    org.eclipse.swt.graphics.ImageData render(MemorySegment values, int width, int height) {
        ImageHeader h = image == null ? header : image.header();
        Picture.Display settings = displaySettings(h);
        RenderedSlice rendered = SliceRenderer.render(h.pixelType(), values, width, height, h.rescale(),
                settings.contrast(), settings.fixed(), settings.look());
        return SwtImages.imageData(rendered);
    }

    // What the Metadata view and the tests read.

    /** The image's header, or null while it is being read or when it could not be read. */
    @Override
    public ImageHeader header() {
        return error == null ? header : null;
    }

    /** Why the image cannot be shown, or null. */
    public String error() {
        return error;
    }

    /** The file or folder shown. */
    @Override
    public Path path() {
        return path;
    }

    @Override
    public String entry() {
        return entry;
    }

    @Override
    public long[] position() {
        // the x-y plane through the cursor: in coronal and sagittal views the slice index is y or x, not z
        long[] at = position;
        return slice == null ? null : new long[] { at[2], at[3], at[4] };
    }

    Slice slice() {
        return slice;
    }

    /** The open image (null while opening or after a failure); read it only in a job with {@link #readRule()}. */
    Image image() {
        return error == null ? image : null;
    }

    /** The rule of this editor's reading jobs: a job holding it reads an image that is not closed meanwhile. */
    ISchedulingRule readRule() {
        return jobs.rule();
    }

    EditorJobs jobs() {
        return jobs;
    }

    int generation() {
        return generation;
    }

    /** The picture last asked for. */
    ViewRequest requested() {
        return requested;
    }

    /** The pyramid of the image shown, or null (small images, colour, not built yet). */
    ImagePyramid pyramid() {
        PyramidJob job = pyramidJob;
        return job == null ? null : job.pyramid();
    }

    ImageCanvas canvas() {
        return slicePage == null ? null : slicePage.canvas();
    }

    ColourBar colourBar() {
        return slicePage.colourBar();
    }

    Scale scale(Axis axis) {
        return slicePage.sliders().scale(axis);
    }

    Label status() {
        return pages == null ? null : pages.status();
    }

    /** The widgets around the renderers: header line, entry and View boxes, error page. */
    EditorPages pages() {
        return pages;
    }

    @Override
    public void dispose() {
        disposed = true;
        sliceJob.cancel();
        renderers.dispose();
        overlay.remove();
        Image current = image;
        image = null;
        if (current != null) {
            closeImage(current);
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        if (pages.showsError()) {
            pages.errorText().setFocus();
        } else {
            canvas().control().setFocus();
        }
    }

    @Override
    public void doSave(IProgressMonitor monitor) {
        // an image viewer does not change the file
    }

    @Override
    public void doSaveAs() {
        // an image viewer does not change the file
    }

    @Override
    public boolean isDirty() {
        return false;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return false;
    }
}
