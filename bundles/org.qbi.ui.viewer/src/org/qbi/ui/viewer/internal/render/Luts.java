package org.qbi.ui.viewer.internal.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.qbi.ui.viewer.Lut;

/**
 * The built-in lookup tables, pure: gray, inverted gray, matplotlib's perceptually uniform maps (viridis,
 * plasma, inferno, magma, cividis: its exact 256-entry tables, generated into {@code matplotlib-luts.txt} by
 * {@code tools/generate_luts.py}), matplotlib's hot and jet (its piecewise-linear segment data) and a label
 * table (0 black, other labels golden-ratio hues, see {@link SliceRenderer#labelColour}).
 */
public final class Luts {

    /** The maps of {@code matplotlib-luts.txt}. */
    public static final String[] MATPLOTLIB = { "viridis", "plasma", "inferno", "magma", "cividis" };

    private static Map<String, int[]> tables;

    private Luts() {
    }

    /** Black to white. */
    public static Lut gray() {
        return t -> {
            int g = level(t);
            return g << 16 | g << 8 | g;
        };
    }

    /** White to black. */
    public static Lut invertedGray() {
        return t -> {
            int g = 255 - level(t);
            return g << 16 | g << 8 | g;
        };
    }

    /** One of {@link #MATPLOTLIB}, exactly as matplotlib's 256-entry table (entry {@code round(255 t)}). */
    public static Lut matplotlib(String name) {
        int[] table = tables().get(name);
        if (table == null) {
            throw new IllegalArgumentException("No matplotlib table '" + name + "'; there are " + String.join(", ", MATPLOTLIB));
        }
        return table(table);
    }

    /** A 256-entry table of 0xRRGGBB: entry {@code round(255 t)}. */
    public static Lut table(int[] table) {
        if (table.length != 256) {
            throw new IllegalArgumentException("A table LUT has 256 entries, got " + table.length);
        }
        int[] copy = table.clone();
        return t -> copy[level(t)];
    }

    /** matplotlib's "hot" (gist_heat-like segment data of _cm.py): black, red, yellow, white. */
    public static Lut hot() {
        return segments(new double[][] { { 0, 0.0416 }, { 0.365079, 1 }, { 1, 1 } },
                new double[][] { { 0, 0 }, { 0.365079, 0 }, { 0.746032, 1 }, { 1, 1 } },
                new double[][] { { 0, 0 }, { 0.746032, 0 }, { 1, 1 } });
    }

    /** matplotlib's "jet" (the segment data of _cm.py): dark blue, cyan, yellow, dark red. */
    public static Lut jet() {
        return segments(new double[][] { { 0, 0 }, { 0.35, 0 }, { 0.66, 1 }, { 0.89, 1 }, { 1, 0.5 } },
                new double[][] { { 0, 0 }, { 0.125, 0 }, { 0.375, 1 }, { 0.64, 1 }, { 0.91, 0 }, { 1, 0 } },
                new double[][] { { 0, 0.5 }, { 0.11, 1 }, { 0.34, 1 }, { 0.65, 0 }, { 1, 0 } });
    }

    /**
     * Labels: {@code labelRgb} is 0 black and every other label a bright golden-ratio hue; as a continuous map
     * ({@code rgb(t)}) the labels 0..255 at the 256 levels.
     */
    public static Lut labels() {
        return new Lut() {
            @Override
            public int rgb(double t) {
                return SliceRenderer.labelColour(level(t));
            }

            @Override
            public int labelRgb(long label) {
                return SliceRenderer.labelColour(label);
            }
        };
    }

    /** The 256 colours of {@code lut} at the levels {@code k / 255}. */
    public static int[] levels(Lut lut) {
        int[] colours = new int[256];
        for (int k = 0; k < 256; k++) {
            colours[k] = lut.rgb(k / 255.0) & 0xFFFFFF;
        }
        return colours;
    }

    /** The table entry of {@code t}: {@code round(255 t)} clamped to 0..255 (NaN 0). */
    static int level(double t) {
        if (!(t > 0)) {
            return 0;
        }
        return t >= 1 ? 255 : (int) Math.rint(255 * t);
    }

    private static Lut segments(double[][] red, double[][] green, double[][] blue) {
        int[] table = new int[256];
        for (int k = 0; k < 256; k++) {
            double t = k / 255.0;
            table[k] = channel(red, t) << 16 | channel(green, t) << 8 | channel(blue, t);
        }
        return table(table);
    }

    private static int channel(double[][] points, double t) {
        for (int i = 1; i < points.length; i++) {
            if (t <= points[i][0]) {
                double f = (t - points[i - 1][0]) / (points[i][0] - points[i - 1][0]);
                double v = points[i - 1][1] + f * (points[i][1] - points[i - 1][1]);
                return (int) Math.rint(255 * Math.max(0, Math.min(1, v)));
            }
        }
        return (int) Math.rint(255 * points[points.length - 1][1]);
    }

    private static synchronized Map<String, int[]> tables() {
        if (tables == null) {
            Map<String, int[]> read = new HashMap<>();
            try (InputStream in = Luts.class.getResourceAsStream("matplotlib-luts.txt")) {
                if (in == null) {
                    throw new IllegalStateException("matplotlib-luts.txt is missing from the viewer bundle");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String name = null;
                int[] table = null;
                int n = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("lut ")) {
                        name = line.substring(4).strip();
                        table = new int[256];
                        n = 0;
                        read.put(name, table);
                    } else if (line.startsWith("#") && line.length() == 7 && table != null) {
                        table[n++] = Integer.parseInt(line.substring(1), 16);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            tables = read;
        }
        return tables;
    }
}
