package org.qbi.ui.viewer.internal.render;

import java.util.List;

/**
 * Several channels of one plane shown together, each in its own colour through its own window, added and
 * clamped (as ImageJ's composite mode): {@code rgb = min(255, sum over visible channels of level_c * colour_c / 255)}
 * per component, where {@code level_c} is the channel's 0..255 display level ({@link DisplayWindow#gray}).
 */
public final class ChannelComposite {

    /** Default colours of channels 0, 1, 2, ... (ImageJ's order: red, green, blue, gray, cyan, magenta, yellow). */
    public static final int[] DEFAULT_COLOURS = { 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x00FFFF, 0xFF00FF, 0xFFFF00 };

    /** One channel's contribution: its values, window, colour (0xRRGGBB) and whether it is shown. */
    public record Channel(PlaneValues values, DisplayWindow window, int rgb, boolean visible) {
    }

    private ChannelComposite() {
    }

    /** The default colour of channel {@code c}. */
    public static int defaultColour(int c) {
        return DEFAULT_COLOURS[Math.floorMod(c, DEFAULT_COLOURS.length)];
    }

    /** Renders the composite; with no visible channel the plane is black. */
    public static RenderedSlice render(List<Channel> channels, int width, int height) {
        int count = Math.multiplyExact(width, height);
        int[] r = new int[count];
        int[] g = new int[count];
        int[] b = new int[count];
        for (Channel channel : channels) {
            if (!channel.visible()) {
                continue;
            }
            if (channel.values().count() != count) {
                throw new IllegalArgumentException("A " + width + " x " + height + " composite needs " + count
                        + " values per channel, got " + channel.values().count());
            }
            int cr = channel.rgb() >> 16 & 0xFF;
            int cg = channel.rgb() >> 8 & 0xFF;
            int cb = channel.rgb() & 0xFF;
            for (int i = 0; i < count; i++) {
                int level = channel.window().gray(channel.values().get(i));
                r[i] += level * cr;
                g[i] += level * cg;
                b[i] += level * cb;
            }
        }
        byte[] pixels = new byte[Math.multiplyExact(count, 3)];
        for (int i = 0; i < count; i++) {
            pixels[3 * i] = (byte) Math.min(255, (r[i] + 127) / 255);
            pixels[3 * i + 1] = (byte) Math.min(255, (g[i] + 127) / 255);
            pixels[3 * i + 2] = (byte) Math.min(255, (b[i] + 127) / 255);
        }
        return new RenderedSlice(width, height, RenderedSlice.Kind.COLOUR, pixels, null);
    }
}
