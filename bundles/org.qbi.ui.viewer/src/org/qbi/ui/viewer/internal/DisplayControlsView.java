package org.qbi.ui.viewer.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.ColorDialog;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.SliceRenderer;

/**
 * How the active Image editor shows its image: the LUT, the window (min and max in rescaled units, e.g. HU;
 * auto or min-max contrast), and for images with channels the composite with each channel's colour, window and
 * visibility. Every change goes to the editor at once; display settings never change the data.
 */
public final class DisplayControlsView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = ImageViewer.DISPLAY_CONTROLS_VIEW_ID;

    private Composite root;
    private Label title;
    private Combo lutCombo;
    private Text low;
    private Text high;
    private Label windowUnit;
    private Group channelGroup;
    private Button compositeButton;
    private final List<ChannelRow> rows = new ArrayList<>();
    private ActiveImageEditor followed;
    private ImageEditor editor;

    /** One channel's controls. */
    record ChannelRow(Button visible, Button colour, Text low, Text high) {
    }

    @Override
    public void createPartControl(Composite parent) {
        ScrolledComposite scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);
        root = new Composite(scroll, SWT.NONE);
        root.setLayout(new GridLayout(1, false));
        scroll.setContent(root);
        root.addListener(SWT.Resize, e -> scroll.setMinSize(root.computeSize(SWT.DEFAULT, SWT.DEFAULT)));
        title = new Label(root, SWT.NONE);
        title.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        Composite lutRow = new Composite(root, SWT.NONE);
        lutRow.setLayout(new GridLayout(2, false));
        new Label(lutRow, SWT.NONE).setText("LUT");
        lutCombo = new Combo(lutRow, SWT.READ_ONLY | SWT.DROP_DOWN);
        for (LutRegistry.Entry entry : LutRegistry.installed()) {
            lutCombo.add(entry.name());
        }
        lutCombo.addListener(SWT.Selection, e -> {
            int index = lutCombo.getSelectionIndex();
            if (editor != null && index >= 0) {
                editor.setLut(LutRegistry.installed().get(index).id());
            }
        });

        Composite windowRow = new Composite(root, SWT.NONE);
        windowRow.setLayout(new GridLayout(8, false));
        new Label(windowRow, SWT.NONE).setText("Min");
        low = number(windowRow);
        new Label(windowRow, SWT.NONE).setText("Max");
        high = number(windowRow);
        windowUnit = new Label(windowRow, SWT.NONE);
        Button apply = button(windowRow, "Apply", "Show this window on every slice (Enter in a field does the same)");
        apply.addListener(SWT.Selection, e -> applyWindow());
        low.addListener(SWT.DefaultSelection, e -> applyWindow());
        high.addListener(SWT.DefaultSelection, e -> applyWindow());
        Button auto = button(windowRow, "Auto", "Auto contrast per slice (0.35 % saturated)");
        auto.addListener(SWT.Selection, e -> contrast(SliceRenderer.Contrast.AUTO));
        Button minMax = button(windowRow, "Min-Max", "The slice's minimum black, maximum white");
        minMax.addListener(SWT.Selection, e -> contrast(SliceRenderer.Contrast.MIN_MAX));

        channelGroup = new Group(root, SWT.NONE);
        channelGroup.setText("Channels");
        channelGroup.setLayout(new GridLayout(4, false));
        channelGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        followed = new ActiveImageEditor(getSite().getPage(), new ActiveImageEditor.Listener() {
            @Override
            public void editorChanged(ImageEditor newEditor) {
                editor = newEditor;
                rebuild();
            }

            @Override
            public void propertyChanged(int property) {
                if (property == ImageEditor.PROP_IMAGE) {
                    rebuild();
                } else if (property == ImageEditor.PROP_SLICE) {
                    showState();
                }
            }
        });
        followed.start();
    }

    private static Text number(Composite parent) {
        Text text = new Text(parent, SWT.BORDER | SWT.SINGLE);
        GridData data = new GridData(SWT.LEFT, SWT.CENTER, false, false);
        data.widthHint = 70;
        text.setLayoutData(data);
        return text;
    }

    private static Button button(Composite parent, String label, String tip) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(label);
        button.setToolTipText(tip);
        return button;
    }

    private void contrast(SliceRenderer.Contrast how) {
        if (editor != null) {
            editor.display().setContrast(how);
        }
    }

    /** Applies the min and max typed (rescaled units) as the editor's window. */
    void applyWindow() {
        if (editor == null || editor.header() == null) {
            return;
        }
        DisplayWindow window = window(editor.header().rescale(), low.getText(), high.getText());
        if (window == null) {
            title.setText("Min and max must be numbers with min < max, got '" + low.getText() + "' and '"
                    + high.getText() + "'");
            return;
        }
        editor.display().setWindow(window);
    }

    /** The stored-value window of a min and max typed in rescaled units, or null when they are not numbers. */
    static DisplayWindow window(Rescale rescale, String lowText, String highText) {
        try {
            double a = (Double.parseDouble(lowText.trim()) - rescale.intercept()) / rescale.slope();
            double b = (Double.parseDouble(highText.trim()) - rescale.intercept()) / rescale.slope();
            double lo = Math.min(a, b);
            double hi = Math.max(a, b);
            return Double.isFinite(lo) && Double.isFinite(hi) && hi > lo ? new DisplayWindow(lo, hi) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Builds the controls for the followed editor's image. */
    private void rebuild() {
        if (root.isDisposed()) {
            return;
        }
        for (Control child : channelGroup.getChildren()) {
            child.dispose();
        }
        rows.clear();
        ImageHeader header = editor == null ? null : editor.header();
        if (header == null) {
            title.setText(editor == null ? "No image" : "Reading the image\u2026");
            setEnabled(false);
            root.layout(true, true);
            return;
        }
        setEnabled(true);
        title.setText(editor.path().getFileName().toString());
        windowUnit.setText(header.rescale().unit().isEmpty() ? "stored" : header.rescale().unit());
        int channels = (int) header.size(Axis.C);
        ((GridData) channelGroup.getLayoutData()).exclude = channels < 2;
        channelGroup.setVisible(channels > 1);
        if (channels > 1) {
            compositeButton = new Button(channelGroup, SWT.CHECK);
            compositeButton.setText("Composite: all channels together, each in its colour");
            compositeButton.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 4, 1));
            compositeButton.setSelection(editor.view().composite());
            compositeButton.addListener(SWT.Selection, e -> editor.view().setComposite(compositeButton.getSelection()));
            List<Picture.ChannelSetting> settings = editor.channels();
            for (int c = 0; c < channels; c++) {
                Picture.ChannelSetting setting = settings.get(c);
                Button visible = new Button(channelGroup, SWT.CHECK);
                visible.setText("c " + c);
                visible.setSelection(setting.visible());
                Button colour = new Button(channelGroup, SWT.PUSH);
                colour.setText("Colour");
                paintColour(colour, setting.rgb());
                Text lo = number(channelGroup);
                Text hi = number(channelGroup);
                lo.setMessage("auto");
                hi.setMessage("auto");
                if (setting.window() != null) {
                    lo.setText(ImageTexts.number(setting.window().low()));
                    hi.setText(ImageTexts.number(setting.window().high()));
                }
                ChannelRow row = new ChannelRow(visible, colour, lo, hi);
                rows.add(row);
                visible.addListener(SWT.Selection, e -> applyChannels());
                lo.addListener(SWT.DefaultSelection, e -> applyChannels());
                hi.addListener(SWT.DefaultSelection, e -> applyChannels());
                colour.addListener(SWT.Selection, e -> {
                    ColorDialog dialog = new ColorDialog(colour.getShell());
                    int rgb = (int) colour.getData();
                    dialog.setRGB(new RGB(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
                    RGB chosen = dialog.open();
                    if (chosen != null) {
                        paintColour(colour, chosen.red << 16 | chosen.green << 8 | chosen.blue);
                        applyChannels();
                    }
                });
            }
        }
        showState();
        root.layout(true, true);
        if (root.getParent() instanceof ScrolledComposite scroll) {
            scroll.setMinSize(root.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        }
    }

    private static void paintColour(Button button, int rgb) {
        button.setData(rgb);
        Color old = (Color) button.getData("colour");
        Color colour = new Color(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
        button.setData("colour", colour);
        button.setForeground(colour);
        button.setToolTipText(String.format("Colour #%06X", rgb));
        if (old != null) {
            old.dispose();
        }
        button.addListener(SWT.Dispose, e -> colour.dispose());
    }

    /** Sends every channel row's visibility, colour and window (stored values; blank: auto) to the editor. */
    void applyChannels() {
        if (editor == null || editor.header() == null) {
            return;
        }
        List<Picture.ChannelSetting> settings = new ArrayList<>();
        for (ChannelRow row : rows) {
            DisplayWindow window = row.low().getText().isBlank() || row.high().getText().isBlank() ? null
                    : window(Rescale.IDENTITY, row.low().getText(), row.high().getText());
            settings.add(new Picture.ChannelSetting((int) row.colour().getData(), row.visible().getSelection(), window));
        }
        editor.setChannels(settings);
    }

    /** Shows the editor's LUT and current window. */
    private void showState() {
        if (editor == null || root.isDisposed() || editor.header() == null) {
            return;
        }
        LutRegistry.Entry lut = editor.lut();
        List<LutRegistry.Entry> installed = LutRegistry.installed();
        for (int i = 0; i < installed.size(); i++) {
            if (lut != null && installed.get(i).id().equals(lut.id())) {
                lutCombo.select(i);
            }
        }
        ImageEditor.Slice slice = editor.slice();
        if (slice != null && slice.rendered().window() != null && !low.isFocusControl() && !high.isFocusControl()) {
            Rescale rescale = editor.header().rescale();
            double a = rescale.apply(slice.rendered().window().low());
            double b = rescale.apply(slice.rendered().window().high());
            low.setText(ImageTexts.number(Math.min(a, b)));
            high.setText(ImageTexts.number(Math.max(a, b)));
        }
    }

    private void setEnabled(boolean enabled) {
        lutCombo.setEnabled(enabled);
        low.setEnabled(enabled);
        high.setEnabled(enabled);
    }

    Combo lutCombo() {
        return lutCombo;
    }

    Text low() {
        return low;
    }

    Text high() {
        return high;
    }

    List<ChannelRow> rows() {
        return rows;
    }

    Button compositeButton() {
        return compositeButton;
    }

    @Override
    public void setFocus() {
        lutCombo.setFocus();
    }

    @Override
    public void dispose() {
        if (followed != null) {
            followed.dispose();
        }
        super.dispose();
    }
}
