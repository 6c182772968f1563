package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
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
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
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
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.CtPresets;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.FileWindow;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Luts;
import org.qbi.ui.viewer.internal.render.RenderedSlice;
import org.qbi.ui.viewer.internal.render.SliceRenderer;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;
import org.qbi.ui.viewer.internal.render.ViewTransform;

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

    private static final Axis[] SLIDER_AXES = { Axis.Z, Axis.C, Axis.T };

    /** A decoded slice: its position, its stored values (for the readout), its display pixels and their look. */
    record Slice(long z, long c, long t, MemorySegment plane, RenderedSlice rendered, SliceRenderer.Look look) {
    }

    /** The LUT shown when the user has not chosen one. */
    static final String DEFAULT_LUT = "org.qbi.ui.viewer.luts.gray";

    private final ISchedulingRule rule = new ISchedulingRule() {
        @Override
        public boolean isConflicting(ISchedulingRule other) {
            return other == this;
        }

        @Override
        public boolean contains(ISchedulingRule other) {
            return other == this;
        }
    };
    private final SliceJob sliceJob = new SliceJob();

    private Path path;
    private String entry;
    private List<String> entries = List.of();
    private volatile Image image;
    private volatile int generation;
    private volatile long[] requested = { 0, 0, 0 };
    private volatile Contrast contrast = Contrast.AUTO;
    /** The CT preset chosen (FIXED contrast with this window), or null for the file's window. */
    private volatile CtPresets.Preset preset;
    private volatile LutRegistry.Entry lut;
    private volatile boolean logScale;
    private ImageHeader header;
    private String error;
    private Slice slice;
    private boolean disposed;
    private Display display;

    private Composite content;
    private StackLayout stack;
    private Composite viewerPage;
    private Composite errorPage;
    private Text errorText;
    private Label headerLine;
    private Combo entryCombo;
    private ImageCanvas canvas;
    private ColourBar colourBar;
    private final Map<CtPresets.Preset, MenuItem> presetItems = new java.util.LinkedHashMap<>();
    private final Map<String, MenuItem> lutItems = new java.util.LinkedHashMap<>();
    private MenuItem logItem;
    private Composite sliderRow;
    private final Map<Axis, Scale> scales = new EnumMap<>(Axis.class);
    private final Map<Axis, Label> sliderLabels = new EnumMap<>(Axis.class);
    private Label status;
    private MenuItem fileWindowItem;
    private MenuItem autoItem;
    private MenuItem minMaxItem;
    private volatile FileWindow.Recommended fileWindow;

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
        display = parent.getDisplay();
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
        GridLayout topLayout = new GridLayout(2, false);
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

        Composite middle = new Composite(viewerPage, SWT.NONE);
        GridLayout middleLayout = new GridLayout(2, false);
        middleLayout.marginWidth = 0;
        middleLayout.marginHeight = 0;
        middleLayout.horizontalSpacing = 0;
        middle.setLayout(middleLayout);
        middle.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas = new ImageCanvas(middle, this::hover, () -> step(-1), () -> step(1));
        canvas.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        colourBar = new ColourBar(middle);
        lut = LutRegistry.find(DEFAULT_LUT);
        canvas.control().setMenu(contextMenu(canvas.control()));

        sliderRow = new Composite(viewerPage, SWT.NONE);
        sliderRow.setLayout(new GridLayout(3, false));
        GridData sliderData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        sliderData.exclude = true;
        sliderRow.setLayoutData(sliderData);
        sliderRow.setVisible(false);

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
        open();
    }

    private Menu contextMenu(Control control) {
        Menu menu = new Menu(control);
        menu.addListener(SWT.Show, e -> {
            fileWindowItem.setEnabled(fileWindow != null);
            fileWindowItem.setText(fileWindow == null ? "Window from the File (none given)"
                    : "Window from the File (center " + ImageTexts.number(fileWindow.center()) + ", width "
                            + ImageTexts.number(fileWindow.width())
                            + (header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit()) + ")");
            boolean hu = header != null && CtPresets.applies(header.rescale());
            presetItems.values().forEach(item -> item.setEnabled(hu));
            // the state may have been set without the menu (tests, a later editor link): show it
            autoItem.setSelection(contrast == Contrast.AUTO);
            minMaxItem.setSelection(contrast == Contrast.MIN_MAX);
            fileWindowItem.setSelection(contrast == Contrast.FIXED && preset == null);
            presetItems.forEach((p, item) -> item.setSelection(contrast == Contrast.FIXED && preset == p));
            lutItems.forEach((id, item) -> item.setSelection(lut != null && id.equals(lut.id())));
            logItem.setSelection(logScale);
        });
        MenuItem fit = new MenuItem(menu, SWT.PUSH);
        fit.setText("Zoom to Fit\tdouble-click");
        fit.addListener(SWT.Selection, e -> canvas.fit());
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem auto = new MenuItem(menu, SWT.RADIO);
        autoItem = auto;
        auto.setText("Auto Contrast (0.35 % saturated)");
        auto.setSelection(true);
        auto.addListener(SWT.Selection, e -> {
            if (auto.getSelection()) {
                setContrast(Contrast.AUTO);
            }
        });
        MenuItem minMax = new MenuItem(menu, SWT.RADIO);
        minMaxItem = minMax;
        minMax.setText("Min-Max Contrast");
        minMax.addListener(SWT.Selection, e -> {
            if (minMax.getSelection()) {
                setContrast(Contrast.MIN_MAX);
            }
        });
        fileWindowItem = new MenuItem(menu, SWT.RADIO);
        fileWindowItem.setText("Window from the File");
        fileWindowItem.setEnabled(false);
        fileWindowItem.addListener(SWT.Selection, e -> {
            if (fileWindowItem.getSelection()) {
                setContrast(Contrast.FIXED);
            }
        });
        for (CtPresets.Preset p : CtPresets.ALL) {
            MenuItem item = new MenuItem(menu, SWT.RADIO);
            item.setText("CT " + p.label());
            item.setEnabled(false);
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    setPreset(p);
                }
            });
            presetItems.put(p, item);
        }
        new MenuItem(menu, SWT.SEPARATOR);
        MenuItem lutCascade = new MenuItem(menu, SWT.CASCADE);
        lutCascade.setText("LUT");
        Menu lutMenu = new Menu(lutCascade);
        lutCascade.setMenu(lutMenu);
        for (LutRegistry.Entry entry : LutRegistry.installed()) {
            MenuItem item = new MenuItem(lutMenu, SWT.RADIO);
            item.setText(entry.name());
            item.setSelection(lut != null && entry.id().equals(lut.id()));
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    setLut(entry.id());
                }
            });
            lutItems.put(entry.id(), item);
        }
        logItem = new MenuItem(menu, SWT.CHECK);
        logItem.setText("Log Scale");
        logItem.addListener(SWT.Selection, e -> setLogScale(logItem.getSelection()));
        return menu;
    }

    /** Chooses how the gray window is computed and redraws the slice. */
    void setContrast(Contrast newContrast) {
        preset = null;
        contrast = newContrast;
        requestSlice();
    }

    /** Shows the CT window {@code p} (HU images; in stored values through the rescale) and redraws. */
    void setPreset(CtPresets.Preset p) {
        preset = p;
        contrast = Contrast.FIXED;
        requestSlice();
    }

    /** Colours the slice with the installed LUT of this id (see {@link LutRegistry}) and redraws. */
    void setLut(String id) {
        LutRegistry.Entry entry = LutRegistry.find(id);
        if (entry == null) {
            throw new IllegalArgumentException("No LUT '" + id + "' is installed");
        }
        lut = entry;
        lutItems.forEach((key, item) -> item.setSelection(key.equals(id)));
        requestSlice();
    }

    /** Turns log scaling within the window on or off and redraws. */
    void setLogScale(boolean on) {
        logScale = on;
        if (logItem != null) {
            logItem.setSelection(on);
        }
        requestSlice();
    }

    /** The look the next slice is rendered with. */
    private SliceRenderer.Look look() {
        LutRegistry.Entry entry = lut;
        if (entry == null || (DEFAULT_LUT.equals(entry.id()) && !logScale)) {
            return logScale ? new SliceRenderer.Look(null, true, false) : SliceRenderer.Look.GRAY;
        }
        return new SliceRenderer.Look(entry.lut(), logScale, entry.categorical());
    }

    /** Opens the image (or the chosen entry) in a job; the editor shows it when the header is read. */
    private void open() {
        int gen = ++generation;
        canvas.message("Reading " + path.getFileName() + " \u2026");
        Job job = new EditorJob("Opening " + path.getFileName(), monitor -> {
            ImageFormats formats = ImageFormats.installed();
            Image opened;
            try {
                opened = formats.open(path, entry);
            } catch (IOException | RuntimeException e) {
                asyncExec(() -> failed(gen, e));
                return Status.OK_STATUS;
            }
            List<String> names;
            try {
                names = formats.entries(path);
            } catch (IOException | RuntimeException e) {
                names = List.of();
            }
            List<String> found = names;
            if (!asyncExec(() -> opened(gen, opened, found))) {
                closeQuietly(opened);
            }
            return Status.OK_STATUS;
        });
        job.setRule(rule);
        job.schedule();
    }

    private void opened(int gen, Image opened, List<String> names) {
        if (disposed || gen != generation) {
            closeLater(opened);
            return;
        }
        Image old = image;
        image = opened;
        if (old != null) {
            closeLater(old);
        }
        header = opened.header();
        error = null;
        fileWindow = FileWindow.of(header.metadata(), header.rescale()).orElse(null);
        if (fileWindow == null && contrast == Contrast.FIXED && preset == null) {
            contrast = Contrast.AUTO;
            fileWindowItem.setSelection(false);
            autoItem.setSelection(true);
        }
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
        firePropertyChange(PROP_IMAGE);
        requestSlice();
    }

    private void failed(int gen, Throwable problem) {
        if (disposed || gen != generation) {
            return;
        }
        showError("Cannot open " + path + "\n\n" + describe(problem, path));
    }

    private void showError(String text) {
        error = text;
        errorText.setText(text);
        stack.topControl = errorPage;
        content.layout(true, true);
        firePropertyChange(PROP_IMAGE);
    }

    /** What went wrong, for people: the reader's message for format errors, the cause for the rest. */
    static String describe(Throwable problem, Path path) {
        if (problem instanceof FormatException) {
            return problem.getMessage();
        }
        if (problem instanceof NoSuchFileException) {
            return path + ": no such file or folder";
        }
        if (problem instanceof AccessDeniedException) {
            return path + ": permission denied";
        }
        if (problem instanceof IOException) {
            return path + ": " + (problem.getMessage() == null ? problem.toString() : problem.getMessage());
        }
        return path + ": the reader failed (" + problem + ")";
    }

    private void buildSliders() {
        for (Control child : sliderRow.getChildren()) {
            child.dispose();
        }
        scales.clear();
        sliderLabels.clear();
        for (Axis axis : SLIDER_AXES) {
            AxisCalibration calibration = header.axis(axis);
            if (calibration.size() < 2) {
                continue;
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
            scale.setSelection(0);
            scale.setToolTipText(switch (axis) {
                case Z -> "Slice (z)";
                case C -> "Channel (c)";
                default -> "Time point (t)";
            });
            Label value = new Label(sliderRow, SWT.NONE);
            GridData valueData = new GridData(SWT.LEFT, SWT.CENTER, false, false);
            value.setText(ImageTexts.sliderLabel(calibration, calibration.size() - 1) + "  ");
            valueData.widthHint = value.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
            value.setLayoutData(valueData);
            value.setText(ImageTexts.sliderLabel(calibration, 0));
            scale.addListener(SWT.Selection, e -> {
                value.setText(ImageTexts.sliderLabel(calibration, scale.getSelection()));
                requestSlice();
            });
            scales.put(axis, scale);
            sliderLabels.put(axis, value);
        }
        GridData data = (GridData) sliderRow.getLayoutData();
        data.exclude = scales.isEmpty();
        sliderRow.setVisible(!scales.isEmpty());
    }

    /** Moves the first slider (z, else c, else t) by {@code delta}. */
    private void step(int delta) {
        for (Axis axis : SLIDER_AXES) {
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

    /** Asks for the slice the sliders select; the slice job decodes it (the latest request wins). */
    private void requestSlice() {
        if (image == null) {
            return;
        }
        long[] at = new long[3];
        for (int i = 0; i < SLIDER_AXES.length; i++) {
            Scale scale = scales.get(SLIDER_AXES[i]);
            at[i] = scale == null ? 0 : scale.getSelection();
        }
        requested = at;
        sliceJob.schedule();
    }

    private void showSlice(int gen, Slice decoded) {
        if (disposed || gen != generation) {
            return;
        }
        slice = decoded;
        AxisCalibration x = header.axis(Axis.X);
        AxisCalibration y = header.axis(Axis.Y);
        canvas.message(null);
        canvas.show(SwtImages.imageData(decoded.rendered()), ViewTransform.aspect(x, y));
        updateColourBar(decoded);
        if (status.getText().isEmpty() || !status.getText().startsWith("x ")) {
            status.setText(windowText());
        }
        firePropertyChange(PROP_SLICE);
    }

    private void sliceFailed(int gen, long[] at, Throwable problem) {
        if (disposed || gen != generation) {
            return;
        }
        slice = null;
        canvas.clear();
        colourBar.hide();
        canvas.message("Slice z " + at[0] + ", c " + at[1] + ", t " + at[2] + " could not be read:\n"
                + describe(problem, path));
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

    /** "gray window 1000 .. 2571 (1000 .. 4142 HU), auto contrast", or what a colour slice is. */
    private String windowText() {
        if (slice == null) {
            return "";
        }
        DisplayWindow window = slice.rendered().window();
        if (window == null) {
            return header.pixelType() == org.qbi.core.image.PixelType.LABEL32 ? "labels in colour (0 black)"
                    : "colour as stored";
        }
        StringBuilder text = new StringBuilder("gray window ").append(ImageTexts.number(window.low())).append(" .. ")
                .append(ImageTexts.number(window.high()));
        if (!header.rescale().isIdentity()) {
            double a = header.rescale().apply(window.low());
            double b = header.rescale().apply(window.high());
            text.append(" stored (").append(ImageTexts.number(Math.min(a, b))).append(" .. ")
                    .append(ImageTexts.number(Math.max(a, b)))
                    .append(header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit()).append(')');
        }
        text.append(switch (contrast) {
            case AUTO -> ", auto contrast";
            case MIN_MAX -> ", min-max";
            case FIXED -> preset != null ? ", CT " + preset.label() : ", the file's window";
        });
        if (logScale) {
            text.append(", log scale");
        }
        if (lut != null && !DEFAULT_LUT.equals(lut.id())) {
            text.append(", ").append(lut.name());
        }
        return text.toString();
    }

    private void hover(int[] pixel) {
        if (pixel == null || slice == null || header == null) {
            status.setText(windowText());
            return;
        }
        status.setText(ImageTexts.readout(header, slice.plane(), pixel[0], pixel[1], slice.z(), slice.c(), slice.t()));
    }

    /** Decodes the requested slice; scheduling it again while it runs makes it run once more afterwards. */
    private final class SliceJob extends Job {

        SliceJob() {
            super("Reading slice");
            setRule(rule);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            Image current = image;
            int gen = generation;
            long[] at = requested;
            if (current == null) {
                return Status.OK_STATUS;
            }
            setName("Reading slice z " + at[0] + " of " + path.getFileName());
            ImageHeader h = current.header();
            try {
                MemorySegment plane = current.readPlane(at[0], at[1], at[2], Arena.ofAuto());
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                FileWindow.Recommended recommended = fileWindow;
                CtPresets.Preset chosen = preset;
                DisplayWindow fixed = chosen != null && CtPresets.applies(h.rescale()) ? chosen.stored(h.rescale())
                        : recommended == null ? null : recommended.stored();
                SliceRenderer.Look look = look();
                RenderedSlice rendered = SliceRenderer.render(h.pixelType(), plane, (int) h.size(Axis.X),
                        (int) h.size(Axis.Y), h.rescale(), contrast, fixed, look);
                Slice decoded = new Slice(at[0], at[1], at[2], plane, rendered, look);
                asyncExec(() -> showSlice(gen, decoded));
            } catch (IOException | RuntimeException e) {
                asyncExec(() -> sliceFailed(gen, at, e));
            }
            return Status.OK_STATUS;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == ImageEditor.this;
        }
    }

    /** A job of this editor (tests and shutdown can wait for the family {@code editor}). */
    private final class EditorJob extends Job {

        private final java.util.function.Function<IProgressMonitor, IStatus> body;

        EditorJob(String name, java.util.function.Function<IProgressMonitor, IStatus> body) {
            super(name);
            this.body = body;
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            return body.apply(monitor);
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == ImageEditor.this;
        }
    }

    /** Runs {@code runnable} on the UI thread later; false when the display is gone. */
    private boolean asyncExec(Runnable runnable) {
        if (display == null || display.isDisposed()) {
            return false;
        }
        display.asyncExec(runnable);
        return true;
    }

    private void closeLater(Image toClose) {
        Job job = new EditorJob("Closing " + path.getFileName(), monitor -> {
            closeQuietly(toClose);
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setRule(rule);
        job.schedule();
    }

    private static void closeQuietly(Image toClose) {
        try {
            toClose.close();
        } catch (IOException e) {
            // nothing left to do with an image that failed to close; its file handle goes with the reader
        }
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
        Slice shown = slice;
        return shown == null ? null : new long[] { shown.z(), shown.c(), shown.t() };
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
        return rule;
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

    Text errorText() {
        return errorText;
    }

    @Override
    public void dispose() {
        disposed = true;
        sliceJob.cancel();
        Image current = image;
        image = null;
        if (current != null) {
            closeLater(current);
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
