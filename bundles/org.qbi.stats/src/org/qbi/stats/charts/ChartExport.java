package org.qbi.stats.charts;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.table.Table;

/**
 * Writes a chart as PNG or SVG (JFreeSVG) and a chart's data as CSV; each file appears whole or not at all. Needs
 * no display: JFreeChart draws with Java2D, which runs headless.
 *
 * @since 0.2
 */
public final class ChartExport {

    private ChartExport() {
    }

    public static void png(JFreeChart chart, int width, int height, Path out) throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height);
        AtomicFiles.write(out, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("No PNG writer in this Java runtime");
            }
        });
    }

    public static void svg(JFreeChart chart, int width, int height, Path out) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String document = g2.getSVGDocument();
        AtomicFiles.write(out, stream -> stream.write(document.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes {@code chart} to {@code out} as the file's extension says: .png or .svg at {@code width} x
     * {@code height}, or .csv (the chart's data).
     *
     * @throws IllegalArgumentException naming the extensions there are
     */
    public static void write(Chart chart, int width, int height, Path out) throws IOException {
        String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".png")) {
            png(chart.chart(), width, height, out);
        } else if (name.endsWith(".svg")) {
            svg(chart.chart(), width, height, out);
        } else if (name.endsWith(".csv")) {
            csv(chart.data(), out);
        } else {
            throw new IllegalArgumentException("Charts are written as .png, .svg or (their data) .csv, not " + out);
        }
    }

    public static void csv(Table data, Path out) throws IOException {
        AtomicFiles.write(out, (OutputStream stream) -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            data.writeCsv(writer);
            writer.flush();
        });
    }
}
