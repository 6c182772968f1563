package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.FormatException;
import org.qbi.io.ImageFormats;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.ChannelComposite;
import org.qbi.ui.viewer.internal.render.ImagePyramid;
import org.qbi.ui.viewer.internal.render.Montage;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.Projection;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;
import org.qbi.ui.viewer.internal.render.CtPresets;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.FileWindow;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Luts;
import org.qbi.ui.viewer.internal.render.RenderedSlice;
import org.qbi.ui.viewer.internal.render.SliceRenderer;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;

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

    /** A created renderer and its control. */
    private record Shown(ImageRenderer renderer, Control control) {
    }

    /** The LUT shown when the user has not chosen one. */
    static final String DEFAULT_LUT = DisplayState.DEFAULT_LUT;

    private EditorJobs jobs;
    private SliceJob sliceJob;
    /** The pyramid of a large image and the job building it, or null. */
    private volatile ImagePyramid pyramid;
    private PyramidJob pyramidJob;
    private final EditorSite site = new EditorSite(this);
    private final Map<String, Shown> renderers = new java.util.HashMap<>();
    private String renderer = RendererRegistry.SLICES;
    private Combo viewCombo;
    private Composite rendererArea;
    private StackLayout rendererStack;
    private Annotations annotations;
    private RoiTool rois;
    /** The plane, mode and projection the slice page shows. */
    private volatile SlicePlane plane = SlicePlane.AXIAL;
    private volatile ViewRequest.Mode mode = ViewRequest.Mode.PLANE;
    private volatile Projection.Kind projection = Projection.Kind.MAX;
    private volatile boolean composite;
    private final DisplayState display = new DisplayState();
    /** The overlay (mask or labels) and where it came from; null: none. */
    private volatile Image overlay;
    private Path overlayPath;
    private volatile double overlayOpacity = 0.5;
    private volatile boolean overlayOutlines;
    /** Overlay labels highlighted (selected in a measurements table or clicked), sorted; the label clicked last. */
    private volatile long[] highlighted = new long[0];
    private long picked;
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

    private Composite content;
    private StackLayout stack;
    private Composite viewerPage;
    private Composite errorPage;
    private Text errorText;
    private Label headerLine;
    private Combo entryCombo;
    private ImageCanvas canvas;
    private ColourBar colourBar;
    private Composite sliderRow;
    private final Map<Axis, Scale> scales = new EnumMap<>(Axis.class);
    private final Map<Axis, Label> sliderLabels = new EnumMap<>(Axis.class);
    private Label status;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        setSite(site);
        setInput(input);
        path = pathOf(input);
        setPartName(input.getName());
        setTitleToolTip(path.toString());
    }

    /** The local file or folder behind an editor input. */
    static Path pathOf(IEditorInput input) throws PartInitException {
        IFile file = input.getAdapter(IFile.class);
        if (file != null && file.getLocation() != null) {
            return file.getLocation().toPath();
        }
        if (input instanceof IURIEditorInput uriInput && uriInput.getURI() != null
                && "file".equals(uriInput.getURI().getScheme())) {
            URI uri = uriInput.getURI();
            return Path.of(uri);
        }
        if (input instanceof IPathEditorInput pathInput) {
            IPath location = pathInput.getPath();
            if (location != null) {
                return location.toPath();
            }
        }
        throw new PartInitException("The Image editor opens files and folders on this computer; '" + input.getName()
                + "' is not one");
    }

    @Override
    public void createPartControl(Composite parent) {
        swtDisplay = parent.getDisplay();
        jobs = new EditorJobs(this, path.getFileName().toString(), swtDisplay);
        sliceJob = new SliceJob(this);
        content = new Composite(parent, SWT.NONE);
        stack = new StackLayout();
        content.setLayout(stack);

        viewerPage = new Composite(content, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        viewerPage.setLayout(layout);

        Composite top = new Composite(viewerPage, SWT.NONE);
        GridLayout topLayout = new GridLayout(3, false);
        topLayout.marginHeight = 2;
        top.setLayout(topLayout);
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        headerLine = new Label(top, SWT.NONE);
        headerLine.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        headerLine.setText(path.toString());
        entryCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData comboData = new GridData(SWT.RIGHT, SWT.CENTER, false, false);
        comboData.exclude = true;
        entryCombo.setLayoutData(comboData);
        entryCombo.setVisible(false);
        entryCombo.setToolTipText("Which image of this file to show");
        entryCombo.addListener(SWT.Selection, e -> {
            int index = entryCombo.getSelectionIndex();
            if (index >= 0 && !entries.get(index).equals(entry)) {
                entry = entries.get(index);
                open();
            }
        });
        viewCombo = new Combo(top, SWT.READ_ONLY | SWT.DROP_DOWN);
        viewCombo.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        viewCombo.setToolTipText("How to show the image (viewers contributed through org.qbi.viewers)");
        for (RendererRegistry.Entry renderer : RendererRegistry.installed()) {
            viewCombo.add(renderer.name());
        }
        viewCombo.addListener(SWT.Selection, e -> {
            int index = viewCombo.getSelectionIndex();
            if (index >= 0) {
                showRenderer(RendererRegistry.installed().get(index).id());
            }
        });

        rendererArea = new Composite(viewerPage, SWT.NONE);
        rendererStack = new StackLayout();
        rendererArea.setLayout(rendererStack);
        rendererArea.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        status = new Label(viewerPage, SWT.NONE);
        GridData statusData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        statusData.horizontalIndent = 5;
        status.setLayoutData(statusData);

        errorPage = new Composite(content, SWT.NONE);
        errorPage.setLayout(new GridLayout(2, false));
        Label icon = new Label(errorPage, SWT.NONE);
        icon.setImage(parent.getDisplay().getSystemImage(SWT.ICON_ERROR));
        icon.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
        errorText = new Text(errorPage, SWT.READ_ONLY | SWT.MULTI | SWT.WRAP);
        errorText.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        stack.topControl = viewerPage;
        showRenderer(RendererRegistry.SLICES);
        open();
    }

    /**
     * Builds the slice page (called by the built-in slice renderer): the canvas with the colour bar beside it
     * and the sliders below.
     */
    Control createSlicePage(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        layout.verticalSpacing = 2;
        page.setLayout(layout);
        Composite middle = new Composite(page, SWT.NONE);
        GridLayout middleLayout = new GridLayout(2, false);
        middleLayout.marginWidth = 0;
        middleLayout.marginHeight = 0;
        middleLayout.horizontalSpacing = 0;
        middle.setLayout(middleLayout);
        middle.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new ImageCanvas(middle, this::hover, () -> step(-1), () -> step(1));
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        annotations = new Annotations(() -> {
            Slice shown = slice;
            return shown == null || header == null || shown.picture().montage() != null ? null
                    : new Annotations.Shown(header, shown.picture().request().plane());
        });
        canvas.addDecoration(annotations);
        rois = new RoiTool(this, canvas);
        LabelPicker.attach(canvas, this::pickAt);
        colourBar = new ColourBar(middle);
        canvas.control().setMenu(new EditorMenu(this).create(canvas.control()));

        sliderRow = new Composite(page, SWT.NONE);
        sliderRow.setLayout(new GridLayout(3, false));
        GridData sliderData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sliderData.exclude = true;
        sliderRow.setLayoutData(sliderData);
        sliderRow.setVisible(false);
        return page;
    }

    /** Brings the renderer {@code id} to the front, creating it the first time (falls back to the slice viewer). */
    void showRenderer(String id) {
        List<RendererRegistry.Entry> installed = RendererRegistry.installed();
        int index = 0;
        for (int i = 0; i < installed.size(); i++) {
            if (installed.get(i).id().equals(id)) {
                index = i;
            }
        }
        if (installed.isEmpty()) {
            if (canvas == null) {
                rendererStack.topControl = createSlicePage(rendererArea);
            }
            return;
        }
        RendererRegistry.Entry chosen = installed.get(index);
        Shown shown = renderers.get(chosen.id());
        if (shown == null) {
            ImageRenderer renderer = chosen.create();
            if (renderer == null) {
                if (!RendererRegistry.SLICES.equals(chosen.id()) && canvas != null) {
                    showRenderer(RendererRegistry.SLICES);
                    return;
                }
                renderer = new SlicesRenderer();
            }
            Control control = renderer.createControl(rendererArea, site);
            shown = new Shown(renderer, control);
            renderers.put(chosen.id(), shown);
        }
        if (!chosen.id().equals(renderer) && status != null) {
            status.setText(""); // the status of the renderer left behind no longer applies
        }
        renderer = chosen.id();
        rendererStack.topControl = shown.control();
        viewCombo.select(index);
        rendererArea.layout(true, true);
        if (image != null) {
            shown.renderer().refresh();
        }
    }

    /** The id of the renderer in front. */
    String rendererId() {
        return renderer;
    }

    /** The renderer {@code id} if it has been created. */
    ImageRenderer renderer(String id) {
        Shown shown = renderers.get(id);
        return shown == null ? null : shown.renderer();
    }

    private void refreshRenderers() {
        Shown front = renderers.get(renderer);
        if (front != null && image != null) {
            front.renderer().refresh();
        }
    }

    /** Chooses how the gray window is computed and redraws the slice. */
    void setContrast(Contrast newContrast) {
        display.setContrast(newContrast);
        requestSlice();
    }

    /** Shows the CT window {@code p} (HU images; in stored values through the rescale) and redraws. */
    void setPreset(CtPresets.Preset p) {
        display.setPreset(p);
        requestSlice();
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

    /** Turns log scaling within the window on or off and redraws. */
    void setLogScale(boolean on) {
        display.setLogScale(on);
        requestSlice();
    }

    /** The display settings the next picture is made with (any thread). */
    Picture.Display displaySettings(ImageHeader h) {
        return new Picture.Display(display.contrast(), display.fixed(h), display.look(), display.channelSettings(),
                overlay, overlayOpacity, overlayOutlines, highlighted);
    }

    /** Opens the image (or the chosen entry) in a job; the editor shows it when the header is read. */
    private void open() {
        int gen = ++generation;
        canvas.message("Reading " + path.getFileName() + " \u2026");
        jobs.schedule("Opening " + path.getFileName(), monitor -> {
            ImageFormats formats = ImageFormats.installed();
            Image opened;
            try {
                opened = formats.open(path, entry);
            } catch (IOException | RuntimeException e) {
                jobs.asyncExec(() -> failed(gen, e));
                return Status.OK_STATUS;
            }
            List<String> names;
            try {
                names = formats.entries(path);
            } catch (IOException | RuntimeException e) {
                names = List.of();
            }
            List<String> found = names;
            if (!jobs.asyncExec(() -> opened(gen, opened, found))) {
                EditorJobs.closeQuietly(opened);
            }
            return Status.OK_STATUS;
        });
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
        stack.topControl = viewerPage;
        headerLine.setText(ImageTexts.headerLine(header));
        headerLine.setToolTipText(ImageTexts.headerLine(header) + "\n" + path);
        entries = List.copyOf(names);
        GridData comboData = (GridData) entryCombo.getLayoutData();
        comboData.exclude = entries.size() < 2;
        entryCombo.setVisible(entries.size() > 1);
        entryCombo.setItems(entries.toArray(String[]::new));
        if (entries.size() > 1) {
            entryCombo.select(Math.max(0, entry == null ? 0 : entries.indexOf(entry)));
        }
        buildSliders();
        content.layout(true, true);
        if (header.byteCount() > Overviews.imageBytes() && ImagePyramid.supports(header.pixelType())) {
            pyramid = ImagePyramid.of(opened, false, Overviews.budgetBytes());
            pyramidJob = new PyramidJob(this, opened, pyramid);
            pyramidJob.schedule();
        }
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
            pyramid = null;
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
        errorText.setText(text);
        stack.topControl = errorPage;
        content.layout(true, true);
        firePropertyChange(PROP_IMAGE);
    }


    private void buildSliders() {
        for (Control child : sliderRow.getChildren()) {
            child.dispose();
        }
        scales.clear();
        sliderLabels.clear();
        for (Axis axis : sliderAxes()) {
            AxisCalibration calibration = header.axis(axis);
            if (calibration.size() < 2 || (axis == plane.normal() && mode != ViewRequest.Mode.PLANE)
                    || (axis == Axis.C && composite)) {
                continue; // projections and montages show every plane along the normal, composites every channel
            }
            Label name = new Label(sliderRow, SWT.NONE);
            name.setText(axis.label());
            Scale scale = new Scale(sliderRow, SWT.HORIZONTAL);
            scale.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            int max = (int) Math.min(Integer.MAX_VALUE, calibration.size() - 1);
            scale.setMinimum(0);
            scale.setMaximum(max);
            scale.setIncrement(1);
            scale.setPageIncrement(Math.max(1, max / 10));
            int start = axis == plane.normal() ? (int) Math.min(max, position[axis.ordinal()])
                    : axis.ordinal() >= 3 ? (int) Math.min(max, position[axis.ordinal()]) : 0;
            scale.setSelection(start);
            scale.setToolTipText(switch (axis) {
                case X, Y, Z -> plane.label() + " plane (" + axis.label() + ")";
                case C -> "Channel (c)";
                default -> "Time point (t)";
            });
            Label value = new Label(sliderRow, SWT.NONE);
            GridData valueData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
            value.setText(ImageTexts.sliderLabel(calibration, calibration.size() - 1) + "  ");
            valueData.widthHint = value.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
            value.setLayoutData(valueData);
            value.setText(ImageTexts.sliderLabel(calibration, start));
            scale.addListener(SWT.Selection, e -> {
                value.setText(ImageTexts.sliderLabel(calibration, scale.getSelection()));
                long[] at = position.clone();
                at[axis.ordinal()] = scale.getSelection();
                position = at;
                requestSlice();
            });
            scales.put(axis, scale);
            sliderLabels.put(axis, value);
        }
        GridData data = (GridData) sliderRow.getLayoutData();
        data.exclude = scales.isEmpty();
        sliderRow.setVisible(!scales.isEmpty());
    }

    /** The sliders: the axis across the plane shown, then channel and time. */
    private Axis[] sliderAxes() {
        return new Axis[] { plane.normal(), Axis.C, Axis.T };
    }

    /** Moves the first slider (the plane's normal, else c, else t) by {@code delta}. */
    private void step(int delta) {
        for (Axis axis : sliderAxes()) {
            Scale scale = scales.get(axis);
            if (scale != null) {
                int next = Math.max(scale.getMinimum(), Math.min(scale.getMaximum(), scale.getSelection() + delta));
                if (next != scale.getSelection()) {
                    scale.setSelection(next);
                    scale.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
                }
                return;
            }
        }
    }

    /**
     * Asks for the picture the sliders and the view settings select; the slice job makes it (the latest request
     * wins). Another renderer in front is refreshed too, since the display settings it borrows may have changed.
     */
    void requestSlice() {
        if (image == null) {
            return;
        }
        Axis[] axes = sliderAxes();
        long[] at = new long[3];
        for (int i = 0; i < axes.length; i++) {
            Scale scale = scales.get(axes[i]);
            at[i] = scale == null ? 0 : scale.getSelection();
        }
        requested = new ViewRequest(mode, plane, at[0], at[1], at[2], projection, composite);
        sliceJob.schedule();
        if (!RendererRegistry.SLICES.equals(renderer)) {
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
        canvas.message(null);
        canvas.show(SwtImages.imageData(decoded.rendered()), shownPlane.aspect(header));
        if (rois != null) {
            rois.pictureChanged();
        }
        updateColourBar(decoded);
        if (status.getText().isEmpty() || !status.getText().startsWith("x ")) {
            status.setText(windowText());
        }
        firePropertyChange(PROP_SLICE);
    }

    void sliceFailed(int gen, ViewRequest at, Throwable problem) {
        if (disposed || gen != generation) {
            return;
        }
        slice = null;
        canvas.clear();
        colourBar.hide();
        String what = switch (at.mode()) {
            case PLANE -> "Slice " + at.plane().normal().label() + " " + at.index() + ", c " + at.c() + ", t " + at.t();
            case PROJECTION -> "The " + at.kind().label().toLowerCase(java.util.Locale.ROOT) + " projection along "
                    + at.plane().normal().label();
            case MONTAGE -> "The montage";
        };
        canvas.message(what + " could not be " + (at.mode() == ViewRequest.Mode.PLANE ? "read" : "made") + ":\n"
                + (problem instanceof IllegalArgumentException ? problem.getMessage() : StatusTexts.describe(problem, path)));
        status.setText("");
        firePropertyChange(PROP_SLICE);
    }

    /** The colour bar of a slice: the LUT over its window, ends in rescaled units; hidden for colour and labels. */
    private void updateColourBar(Slice decoded) {
        DisplayWindow window = decoded.rendered().window();
        SliceRenderer.Look look = decoded.look();
        if (window == null || look.categorical()) {
            colourBar.hide();
            return;
        }
        int[] colours = Luts.levels(look.lut() == null ? Luts.gray() : look.lut());
        double a = header.rescale().apply(window.low());
        double b = header.rescale().apply(window.high());
        String unit = header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit();
        colourBar.show(colours, ImageTexts.number(Math.max(a, b)) + unit, ImageTexts.number(Math.min(a, b)) + unit);
    }


    /** The status line for pixel (h, v) of a picture: voxel, physical position, value, overlay label. */
    String readout(Picture picture, int h, int v) {
        return StatusTexts.readout(header, picture, h, v);
    }

    private String windowText() {
        return StatusTexts.window(slice, header, display);
    }

    private void hover(int[] pixel) {
        if (pixel == null || slice == null || header == null) {
            status.setText(windowText());
            return;
        }
        status.setText(readout(slice.picture(), pixel[0], pixel[1]));
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

    /** Shows plane {@code p} (axial, coronal, sagittal) in the slice page, at the shared cursor's position. */
    void setPlane(SlicePlane p) {
        plane = p;
        mode = ViewRequest.Mode.PLANE;
        if (header != null) {
            buildSliders();
            viewerPage.layout(true, true);
        }
        requestSlice();
    }

    SlicePlane plane() {
        return plane;
    }

    /** Shows the {@code kind} intensity projection along {@code axis} (computed in a job with progress). */
    void setProjection(Projection.Kind kind, Axis axis) {
        projection = kind;
        plane = SlicePlane.across(axis);
        mode = ViewRequest.Mode.PROJECTION;
        if (status != null && header != null) {
            status.setText("Computing the " + kind.label().toLowerCase(java.util.Locale.ROOT)
                    + " intensity projection along " + axis.label() + " \u2026 (progress below)");
        }
        if (header != null) {
            buildSliders();
            viewerPage.layout(true, true);
        }
        requestSlice();
    }

    /** Shows a montage of the x-y slices. */
    void setMontage() {
        plane = SlicePlane.AXIAL;
        mode = ViewRequest.Mode.MONTAGE;
        if (header != null) {
            buildSliders();
            viewerPage.layout(true, true);
        }
        requestSlice();
    }

    ViewRequest.Mode mode() {
        return mode;
    }

    /** Shows all channels together, each in its colour with its own window (images with channels). */
    void setComposite(boolean on) {
        composite = on;
        if (header != null) {
            buildSliders();
            viewerPage.layout(true, true);
        }
        requestSlice();
    }

    boolean composite() {
        return composite;
    }

    /** Sets the colour, visibility and window of each channel (index = channel) and redraws. */
    void setChannels(List<Picture.ChannelSetting> settings) {
        display.setChannels(settings);
        requestSlice();
    }

    /** The channel settings: the ones set, or the default colour, visible, auto window for each channel. */
    List<Picture.ChannelSetting> channels() {
        int count = header == null ? 0 : (int) header.size(Axis.C);
        List<Picture.ChannelSetting> set = display.channelSettings();
        List<Picture.ChannelSetting> all = new java.util.ArrayList<>();
        for (int c = 0; c < count; c++) {
            all.add(c < set.size() ? set.get(c)
                    : new Picture.ChannelSetting(ChannelComposite.defaultColour(c), true, null));
        }
        return all;
    }

    /** Shows the window {@code low .. high} (stored values) for every slice, as set in the Display controls view. */
    void setWindow(DisplayWindow window) {
        display.setWindow(window);
        requestSlice();
    }

    /**
     * Opens a mask or label image (same x, y, z size) in a job and draws it over the image; errors appear in the
     * canvas message and the status line.
     */
    void openOverlay(Path file) {
        Image current = image;
        if (current == null) {
            return;
        }
        int gen = generation;
        jobs.schedule("Opening overlay " + file.getFileName(), monitor -> {
            try {
                Image opened = ImageFormats.installed().open(file, null);
                try {
                    Picture.checkOverlay(current.header(), opened.header());
                } catch (IllegalArgumentException e) {
                    EditorJobs.closeQuietly(opened);
                    throw e;
                }
                if (!jobs.asyncExec(() -> overlayOpened(gen, file, opened))) {
                    EditorJobs.closeQuietly(opened);
                }
            } catch (IOException | RuntimeException e) {
                jobs.asyncExec(() -> {
                    if (!disposed) {
                        status.setText("Cannot use " + file.getFileName() + " as an overlay: "
                                + (e instanceof IllegalArgumentException ? e.getMessage() : StatusTexts.describe(e, file)));
                    }
                });
            }
            return Status.OK_STATUS;
        });
    }

    private void overlayOpened(int gen, Path file, Image opened) {
        if (disposed || gen != generation) {
            jobs.closeLater(opened);
            return;
        }
        Image old = overlay;
        overlay = opened;
        overlayPath = file;
        if (old != null) {
            jobs.closeLater(old);
        }
        requestSlice();
    }

    /** Removes the overlay. */
    void removeOverlay() {
        Image old = overlay;
        overlay = null;
        overlayPath = null;
        if (old != null) {
            jobs.closeLater(old);
        }
        requestSlice();
    }

    @Override
    public void highlightLabels(long[] labels, double[] centre) {
        highlighted = labels.clone();
        if (centre != null && header != null) {
            long[] at = position.clone();
            for (int a = 0; a < Math.min(3, centre.length); a++) {
                AxisCalibration axis = header.axis(Axis.values()[a]);
                long index = Math.round((centre[a] - axis.origin()) / axis.spacing());
                at[a] = Math.max(0, Math.min(axis.size() - 1, index));
            }
            moveCursor(at);
        }
        requestSlice();
    }

    @Override
    public long[] highlightedLabels() {
        long[] sorted = highlighted.clone();
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    @Override
    public void showOverlay(Path labels) {
        openOverlay(labels);
    }

    /** The user clicked pixel (h, v) of the picture: the overlay object there (if any) is picked and highlighted. */
    void pickAt(int[] pixel) {
        Slice shown = slice;
        if (pixel == null || shown == null || shown.picture().labels() == null || rois.tool() != RoiTool.Tool.NONE) {
            return;
        }
        double value = shown.picture().labels().get(pixel[1] * shown.picture().width() + pixel[0]);
        long label = Double.isFinite(value) ? Math.round(value) : 0;
        if (label != 0) {
            picked = label;
            highlightLabels(new long[] { label }, null);
            firePropertyChange(PROP_PICKED_LABEL);
        }
    }

    @Override
    public long pickedLabel() {
        return picked;
    }

    /** Overlay opacity (0..1) and outlines or filled. */
    void setOverlayStyle(double opacity, boolean outlines) {
        overlayOpacity = Math.max(0, Math.min(1, opacity));
        overlayOutlines = outlines;
        requestSlice();
    }

    Path overlayPath() {
        return overlayPath;
    }

    /** Shows a ROI's measurement (or nothing) in the status line and tells the Line profile view. */
    void roiChanged(String text) {
        if (!text.isEmpty()) {
            status.setText(text);
        }
        firePropertyChange(PROP_ROI);
    }

    /** Shows {@code text} in the status line, from any thread. */
    void statusLater(String text) {
        jobs.asyncExec(() -> {
            if (!disposed) {
                status.setText(text);
            }
        });
    }

    RoiTool rois() {
        return rois;
    }

    /** The LUT shown (null only when no LUT is installed). */
    LutRegistry.Entry lut() {
        return display.lut();
    }

    Contrast contrast() {
        return display.contrast();
    }

    /** The CT preset shown, or null. */
    CtPresets.Preset preset() {
        return display.preset();
    }

    boolean logScale() {
        return display.logScale();
    }

    /** The window the file recommends, or null. */
    FileWindow.Recommended fileWindow() {
        return display.fileWindow();
    }

    Projection.Kind projection() {
        return projection;
    }

    double overlayOpacity() {
        return overlayOpacity;
    }

    boolean overlayOutlines() {
        return overlayOutlines;
    }

    boolean hasOverlay() {
        return overlay != null;
    }

    Annotations annotations() {
        return annotations;
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
        Scale scale = scales.get(plane.normal());
        if (scale != null && mode == ViewRequest.Mode.PLANE) {
            scale.setSelection((int) xyzct[plane.normal().ordinal()]);
            Label label = sliderLabels.get(plane.normal());
            label.setText(ImageTexts.sliderLabel(header.axis(plane.normal()), scale.getSelection()));
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
        return pyramid;
    }

    ImageCanvas canvas() {
        return canvas;
    }

    ColourBar colourBar() {
        return colourBar;
    }

    Scale scale(Axis axis) {
        return scales.get(axis);
    }

    Label status() {
        return status;
    }

    Label headerLine() {
        return headerLine;
    }

    Combo entryCombo() {
        return entryCombo;
    }

    /** The View box: the installed renderers. */
    Combo viewCombo() {
        return viewCombo;
    }

    Text errorText() {
        return errorText;
    }

    @Override
    public void dispose() {
        disposed = true;
        sliceJob.cancel();
        for (Shown shown : renderers.values()) {
            shown.renderer().dispose();
        }
        Image currentOverlay = overlay;
        overlay = null;
        if (currentOverlay != null) {
            jobs.closeLater(currentOverlay);
        }
        Image current = image;
        image = null;
        if (current != null) {
            closeImage(current);
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        if (stack.topControl == errorPage) {
            errorText.setFocus();
        } else {
            canvas.control().setFocus();
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
