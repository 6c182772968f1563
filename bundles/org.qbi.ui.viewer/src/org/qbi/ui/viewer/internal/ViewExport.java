package org.qbi.ui.viewer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.ImageTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.io.AtomicFiles;
import org.qbi.ui.viewer.internal.render.ScaleBar;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewTransform;

/**
 * The picture shown as a figure: every image pixel once along x, the physical aspect along y, with the scale
 * bar and orientation labels drawn in; saved as PNG, as SVG (the PNG embedded, the scale bar and its label as
 * vector shapes and text; no SVG library is needed), or copied to the clipboard.
 */
final class ViewExport {

    private ViewExport() {
    }

    static void menu(Menu menu, ImageEditor editor) {
        MenuItem png = new MenuItem(menu, SWT.PUSH);
        png.setText("Export View as PNG...");
        png.addListener(SWT.Selection, e -> saveAs(editor, "png"));
        MenuItem svg = new MenuItem(menu, SWT.PUSH);
        svg.setText("Export View as SVG...");
        svg.addListener(SWT.Selection, e -> saveAs(editor, "svg"));
        MenuItem copy = new MenuItem(menu, SWT.PUSH);
        copy.setText("Copy View");
        copy.addListener(SWT.Selection, e -> copy(editor));
        menu.addListener(SWT.Show, e -> {
            boolean shown = editor.slice() != null;
            png.setEnabled(shown);
            svg.setEnabled(shown);
            copy.setEnabled(shown);
        });
    }

    /** The plane shown by the editor's picture (axial for montages). */
    private static SlicePlane plane(ImageEditor editor) {
        ImageEditor.Slice slice = editor.slice();
        return slice.picture().montage() != null ? SlicePlane.AXIAL : slice.picture().request().plane();
    }

    /** The figure: the picture at one image pixel per figure pixel along x, annotations drawn in. UI thread. */
    static ImageData figure(ImageEditor editor) {
        ImageEditor.Slice slice = editor.slice();
        ImageHeader header = editor.header();
        ImageData data = SwtImages.imageData(slice.rendered());
        double aspect = plane(editor).aspect(header);
        int width = data.width;
        int height = Math.max(1, (int) Math.round(data.height * aspect));
        Display display = Display.getCurrent();
        Image source = new Image(display, data);
        Image figure = new Image(display, width, height);
        GC gc = new GC(figure);
        try {
            gc.setInterpolation(SWT.NONE);
            gc.drawImage(source, 0, 0, data.width, data.height, 0, 0, width, height);
            ViewTransform transform = new ViewTransform(data.width, data.height, aspect);
            transform.fit(width, height);
            if (slice.picture().montage() == null) {
                new Annotations(() -> new Annotations.Shown(header, plane(editor))).paint(gc, transform,
                        new Rectangle(0, 0, width, height));
            }
            return figure.getImageData();
        } finally {
            gc.dispose();
            figure.dispose();
            source.dispose();
        }
    }

    /** The figure as PNG bytes. */
    static byte[] png(ImageData figure) {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] { figure };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        loader.save(out, SWT.IMAGE_PNG);
        return out.toByteArray();
    }

    /**
     * The figure as SVG: the PNG as an embedded raster image, the scale bar (when calibrated) as a vector
     * rectangle with its length as text, so a figure editor can restyle them.
     */
    static String svg(ImageData figure, ScaleBar bar) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                        + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n",
                figure.width, figure.height, figure.width, figure.height));
        svg.append(String.format(Locale.ROOT,
                "  <image width=\"%d\" height=\"%d\" style=\"image-rendering:pixelated\" xlink:href=\"data:image/png;base64,%s\"/>%n",
                figure.width, figure.height, Base64.getEncoder().encodeToString(png(figure))));
        if (bar != null) {
            int y = figure.height - 16;
            svg.append(String.format(Locale.ROOT,
                    "  <g id=\"scale-bar\"><rect x=\"12\" y=\"%d\" width=\"%d\" height=\"4\" fill=\"white\"/>"
                            + "<text x=\"%d\" y=\"%d\" fill=\"white\" font-family=\"sans-serif\" font-size=\"12\" "
                            + "text-anchor=\"middle\">%s</text></g>%n",
                    y, bar.pixels(), 12 + bar.pixels() / 2, y - 4, bar.label().replace("&", "&amp;")
                            .replace("<", "&lt;")));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The scale bar the figure carries (one screen pixel = one image pixel along x). */
    static ScaleBar scaleBar(ImageEditor editor, ImageData figure) {
        if (editor.slice().picture().montage() != null) {
            return null;
        }
        ViewTransform transform = new ViewTransform(figure.width, figure.height, 1);
        transform.fit(figure.width, figure.height);
        return Annotations.scaleBarFor(editor.header(), plane(editor), transform, figure.width);
    }

    /** Writes {@code figure} to {@code target} as PNG or SVG (by its extension); any thread. */
    static void write(ImageData figure, ScaleBar bar, Path target) throws IOException {
        if (target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            String text = svg(figure, bar);
            AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        } else {
            byte[] bytes = png(figure);
            AtomicFiles.write(target, out -> out.write(bytes));
        }
    }

    private static void saveAs(ImageEditor editor, String extension) {
        FileDialog dialog = new FileDialog(editor.getSite().getShell(), SWT.SAVE);
        dialog.setText("Export the view as " + extension.toUpperCase(Locale.ROOT));
        String base = editor.path().getFileName().toString().replaceFirst("(\\.nii)?\\.[^.]+$", "");
        dialog.setFileName(base + "-view." + extension);
        Path results = RoiExport.resultsFolder(editor.path());
        if (results != null) {
            dialog.setFilterPath(results.toString());
        }
        dialog.setFilterExtensions(new String[] { "*." + extension });
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        ImageData figure = figure(editor);
        ScaleBar bar = scaleBar(editor, figure);
        Job job = Job.create("Writing " + Path.of(chosen).getFileName(), monitor -> {
            try {
                write(figure, bar, Path.of(chosen));
                editor.statusLater("View written to " + chosen);
            } catch (IOException | RuntimeException e) {
                editor.statusLater("The view could not be written to " + chosen + ": " + e.getMessage());
            }
        });
        job.schedule();
    }

    /** Puts the figure on the clipboard as an image. */
    static void copy(ImageEditor editor) {
        ImageData figure = figure(editor);
        Clipboard clipboard = new Clipboard(Display.getCurrent());
        try {
            clipboard.setContents(new Object[] { figure }, new Transfer[] { ImageTransfer.getInstance() });
            editor.statusLater("View copied (" + figure.width + " x " + figure.height + " pixels)");
        } finally {
            clipboard.dispose();
        }
    }
}
