package org.qbi.ui.viewer.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelValues;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.Roi;
import org.qbi.ui.viewer.internal.render.RoiMeasure;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * A ROI's pixels as a table: one row per pixel inside the ROI on the plane shown, with its voxel x, y, z, t and
 * the value of every channel there (rescaled, in the rescale's unit), written as CSV into the QBI project's
 * results/ folder when the image lies in a project, else where the user chooses.
 */
final class RoiExport {

    private RoiExport() {
    }

    /** The table of {@code roi}'s pixels on the plane of {@code picture} (reads each channel's plane). */
    static Table table(Image image, Picture picture, Roi roi) throws IOException {
        ViewRequest request = picture.request();
        if (request.mode() != ViewRequest.Mode.PLANE) {
            throw new IllegalArgumentException("ROI pixels are exported from a plane of the image, not from a "
                    + request.mode().name().toLowerCase(java.util.Locale.ROOT));
        }
        ImageHeader header = image.header();
        SlicePlane plane = request.plane();
        List<int[]> pixels = RoiMeasure.pixels(roi, picture.width(), picture.height());
        int n = pixels.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = new double[n];
        double[] t = new double[n];
        int channels = (int) header.size(Axis.C);
        double[][] values = new double[channels][n];
        try (Arena arena = Arena.ofConfined()) {
            for (int c = 0; c < channels; c++) {
                MemorySegment values0 = plane.read(image, request.index(), c, request.t(), arena);
                for (int k = 0; k < n; k++) {
                    int[] p = pixels.get(k);
                    long i = (long) p[1] * picture.width() + p[0];
                    values[c][k] = header.rescale().apply(PixelValues.get(header.pixelType(), values0, i));
                }
            }
        }
        for (int k = 0; k < n; k++) {
            long[] xyz = plane.voxel(pixels.get(k)[0], pixels.get(k)[1], request.index());
            x[k] = xyz[0];
            y[k] = xyz[1];
            z[k] = xyz[2];
            t[k] = request.t();
        }
        Table.Builder table = Table.builder("roi_pixels").numbers("x", "", x).numbers("y", "", y)
                .numbers("z", "", z).numbers("t", "", t);
        String unit = header.rescale().unit();
        for (int c = 0; c < channels; c++) {
            table.add(Column.of(channels == 1 ? "value" : "c" + c, unit, values[c]));
        }
        return table.build();
    }

    /** The results/ folder of the QBI project holding {@code image}, or null when it is in none. */
    static Path resultsFolder(Path image) {
        for (Path dir = image.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (ProjectLayout.isProject(dir)) {
                return new ProjectLayout(dir).results();
            }
        }
        return null;
    }

    /** "ct_small-roi-rectangle-z3.csv". */
    static String fileName(Path image, Roi roi, ViewRequest request) {
        String name = image.getFileName().toString().replaceFirst("(\\.nii)?\\.[^.]+$", "");
        return name + "-roi-" + roi.kind().toLowerCase(java.util.Locale.ROOT) + "-"
                + request.plane().normal().label() + request.index() + ".csv";
    }

    /** Exports {@code roi} of the editor's current plane: to the project's results/, else to a file chosen. */
    static void export(ImageEditor editor, Roi roi) {
        ImageEditor.Slice slice = editor.slice();
        Image image = editor.image();
        if (roi == null || slice == null || image == null) {
            return;
        }
        Path results = resultsFolder(editor.path());
        Path target;
        String name = fileName(editor.path(), roi, slice.picture().request());
        if (results != null) {
            target = results.resolve(name);
        } else {
            FileDialog dialog = new FileDialog(editor.getSite().getShell(), SWT.SAVE);
            dialog.setText("Export ROI pixels as CSV");
            dialog.setFileName(name);
            dialog.setFilterExtensions(new String[] { "*.csv" });
            dialog.setOverwrite(true);
            String chosen = dialog.open();
            if (chosen == null) {
                return;
            }
            target = Path.of(chosen);
        }
        exportTo(editor, image, slice.picture(), roi, target);
    }

    /** Writes the table in a job holding the editor's read rule; the status line says where it went. */
    static Job exportTo(ImageEditor editor, Image image, Picture picture, Roi roi, Path target) {
        Job job = Job.create("Exporting ROI pixels to " + target.getFileName(), monitor -> {
            try {
                Table table = table(image, picture, roi);
                AtomicFiles.write(target, out -> {
                    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                    table.writeCsv(writer);
                    writer.flush();
                });
                refreshWorkspace(target);
                editor.statusLater("ROI: " + table.rowCount() + " pixels written to " + target);
            } catch (IOException | RuntimeException e) {
                editor.statusLater("The ROI pixels could not be written to " + target + ": " + e.getMessage());
            }
            return Status.OK_STATUS;
        });
        job.setRule(editor.readRule());
        job.schedule();
        return job;
    }

    /**
     * Lets the Project Explorer see a file written inside the workspace (in a job of its own: refreshing needs the
     * workspace's rule, which the export job does not hold).
     */
    private static void refreshWorkspace(Path file) {
        IContainer[] folders = ResourcesPlugin.getWorkspace().getRoot()
                .findContainersForLocationURI(IPath.fromPath(file.getParent()).toFile().toURI());
        for (IContainer folder : folders) {
            Job refresh = Job.create("Refreshing " + folder.getFullPath(), monitor -> {
                try {
                    folder.refreshLocal(IResource.DEPTH_ONE, monitor);
                } catch (CoreException e) {
                    // the file is written; the explorer shows it at its next refresh
                }
            });
            refresh.setSystem(true);
            refresh.schedule();
        }
    }
}
