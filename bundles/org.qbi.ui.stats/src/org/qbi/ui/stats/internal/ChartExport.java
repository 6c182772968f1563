package org.qbi.ui.stats.internal;

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

/** Writes a chart as PNG or SVG (JFreeSVG) and a chart's data as CSV; each file appears whole or not at all. */
final class ChartExport {

    private ChartExport() {
    }

    static void png(JFreeChart chart, int width, int height, Path out) throws IOException {
        BufferedImage image = chart.createBufferedImage(width, height);
        AtomicFiles.write(out, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("No PNG writer in this Java runtime");
            }
        });
    }

    static void svg(JFreeChart chart, int width, int height, Path out) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(width, height);
        chart.draw(g2, new Rectangle(0, 0, width, height));
        String document = g2.getSVGDocument();
        AtomicFiles.write(out, stream -> stream.write(document.getBytes(StandardCharsets.UTF_8)));
    }

    static void csv(Table data, Path out) throws IOException {
        AtomicFiles.write(out, (OutputStream stream) -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            data.writeCsv(writer);
            writer.flush();
        });
    }
}
