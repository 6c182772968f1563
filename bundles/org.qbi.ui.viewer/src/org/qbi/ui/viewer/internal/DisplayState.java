package org.qbi.ui.viewer.internal;

import java.util.List;

import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.ChannelComposite;
import org.qbi.ui.viewer.internal.render.CtPresets;
import org.qbi.ui.viewer.internal.render.DisplayWindow;
import org.qbi.ui.viewer.internal.render.FileWindow;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.SliceRenderer;
import org.qbi.ui.viewer.internal.render.SliceRenderer.Contrast;

/**
 * How an Image editor colours its image (never the data): contrast mode, CT preset or a window set by hand, the
 * file's recommended window, LUT, log scale and the channels' settings. Set on the UI thread, read by the jobs
 * making pictures (each field is replaced whole, so a reader sees a consistent value per field). The setters the
 * user reaches (contrast, preset, window, log scale) redraw through {@code changed}.
 */
final class DisplayState {

    private final Runnable changed;

    /** The LUT shown when the user has not chosen one. */
    static final String DEFAULT_LUT = "org.qbi.ui.viewer.luts.gray";

    private volatile Contrast contrast = Contrast.AUTO;
    /** The CT preset chosen (FIXED contrast with this window), or null for the file's window. */
    private volatile CtPresets.Preset preset;
    private volatile LutRegistry.Entry lut = LutRegistry.find(DEFAULT_LUT);
    private volatile boolean logScale;
    /** A window the user set in the Display controls view (stored values), or null. */
    private volatile DisplayWindow customWindow;
    private volatile FileWindow.Recommended fileWindow;
    private volatile List<Picture.ChannelSetting> channels = List.of();

    /** @param changed redraws (the editor's request for a new picture) */
    DisplayState(Runnable changed) {
        this.changed = changed;
    }

    /** Chooses how the gray window is computed, and redraws. */
    void setContrast(Contrast newContrast) {
        preset = null;
        customWindow = null;
        contrast = newContrast;
        changed.run();
    }

    /** Shows the CT window {@code p} (HU images; in stored values through the rescale), and redraws. */
    void setPreset(CtPresets.Preset p) {
        customWindow = null;
        preset = p;
        contrast = Contrast.FIXED;
        changed.run();
    }

    /** Shows the window {@code low .. high} (stored values) for every slice, as set in the Display controls view. */
    void setWindow(DisplayWindow window) {
        preset = null;
        customWindow = window;
        contrast = Contrast.FIXED;
        changed.run();
    }

    void setLut(LutRegistry.Entry entry) {
        lut = entry;
    }

    /** Turns log scaling within the window on or off, and redraws. */
    void setLogScale(boolean on) {
        logScale = on;
        changed.run();
    }

    void setChannels(List<Picture.ChannelSetting> settings) {
        channels = List.copyOf(settings);
    }

    /** A newly opened image: its recommended window (or null); without one a FIXED contrast falls back to AUTO. */
    void opened(FileWindow.Recommended recommended) {
        fileWindow = recommended;
        if (recommended == null && contrast == Contrast.FIXED && preset == null) {
            contrast = Contrast.AUTO;
        }
    }

    Contrast contrast() {
        return contrast;
    }

    CtPresets.Preset preset() {
        return preset;
    }

    LutRegistry.Entry lut() {
        return lut;
    }

    boolean logScale() {
        return logScale;
    }

    FileWindow.Recommended fileWindow() {
        return fileWindow;
    }

    List<Picture.ChannelSetting> channelSettings() {
        return channels;
    }

    /** The settings of {@code count} channels: the ones set, else the default colour, visible, auto window. */
    List<Picture.ChannelSetting> channels(int count) {
        List<Picture.ChannelSetting> set = channels;
        List<Picture.ChannelSetting> all = new java.util.ArrayList<>();
        for (int c = 0; c < count; c++) {
            all.add(c < set.size() ? set.get(c)
                    : new Picture.ChannelSetting(ChannelComposite.defaultColour(c), true, null));
        }
        return all;
    }

    /** The window of FIXED contrast for an image of this header: preset, else set by hand, else the file's. */
    DisplayWindow fixed(ImageHeader h) {
        FileWindow.Recommended recommended = fileWindow;
        CtPresets.Preset chosen = preset;
        DisplayWindow custom = customWindow;
        return chosen != null && CtPresets.applies(h.rescale()) ? chosen.stored(h.rescale())
                : custom != null ? custom : recommended == null ? null : recommended.stored();
    }

    /** The look the next slice is rendered with. */
    SliceRenderer.Look look() {
        LutRegistry.Entry entry = lut;
        if (entry == null || (DEFAULT_LUT.equals(entry.id()) && !logScale)) {
            return logScale ? new SliceRenderer.Look(null, true, false) : SliceRenderer.Look.GRAY;
        }
        return new SliceRenderer.Look(entry.lut(), logScale, entry.categorical());
    }

    /** ", auto contrast, log scale, viridis": how the window was chosen and the look, for the status line. */
    String describe() {
        StringBuilder text = new StringBuilder(switch (contrast) {
            case AUTO -> ", auto contrast";
            case MIN_MAX -> ", min-max";
            case FIXED -> preset != null ? ", CT " + preset.label()
                    : customWindow != null ? ", window set" : ", the file's window";
        });
        if (logScale) {
            text.append(", log scale");
        }
        if (lut != null && !DEFAULT_LUT.equals(lut.id())) {
            text.append(", ").append(lut.name());
        }
        return text.toString();
    }
}
