package org.qbi.io.nifti.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.image.io.RawOutput;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes NIfTI-1 single files, little-endian: .nii, or .nii.gz (gzip level 1, as nibabel: fast, and most of
 * the size gain of higher levels). Written by hand (see {@link NiftiReader}).
 * <p>
 * What is written: x, y, z, t and the channels as NIfTI's fifth dimension; pixdim and xyzt_units from the
 * spacing and unit of x and of t (cm and nm are converted to mm and um, minutes and hours to seconds;
 * other units are written as "unknown"); the orientation and origin as sform and, when the axes are
 * orthogonal, also as qform (codes from the source NIfTI file, else 1, scanner); the rescale as
 * scl_slope/scl_inter; label images as uint32 with the label intent; the description of a NIfTI source; with
 * option {@code provenance}, the provenance record as a header extension (ecode 6, comment, text
 * {@value #PROVENANCE_PREFIX} followed by the JSON), which nibabel and FSL keep and show as a comment.
 */
public final class NiftiWriter implements ImageWriter {

    private static final Map<PixelType, Integer> DATATYPES = Map.ofEntries(Map.entry(PixelType.UINT8, 2),
            Map.entry(PixelType.INT16, 4), Map.entry(PixelType.INT32, 8), Map.entry(PixelType.FLOAT32, 16),
            Map.entry(PixelType.COMPLEX_FLOAT32, 32), Map.entry(PixelType.FLOAT64, 64), Map.entry(PixelType.RGB8, 128),
            Map.entry(PixelType.INT8, 256), Map.entry(PixelType.UINT16, 512), Map.entry(PixelType.UINT32, 768),
            Map.entry(PixelType.LABEL32, 768), Map.entry(PixelType.RGBA8, 2304));

    /** A unit NIfTI has, and the factor from QBI's unit to it. */
    private record Unit(int code, double factor) {
    }

    private static final Map<String, Unit> SPACE_UNITS = Map.of("m", new Unit(1, 1), "cm", new Unit(2, 10), "mm",
            new Unit(2, 1), "um", new Unit(3, 1), "µm", new Unit(3, 1), "micron", new Unit(3, 1), "nm",
            new Unit(3, 0.001));
    private static final Map<String, Unit> TIME_UNITS = Map.of("s", new Unit(8, 1), "min", new Unit(8, 60), "h",
            new Unit(8, 3600), "ms", new Unit(16, 1), "us", new Unit(24, 1), "µs", new Unit(24, 1), "hz",
            new Unit(32, 1), "ppm", new Unit(40, 1), "rad/s", new Unit(48, 1));

    /** Start of the comment extension that holds QBI's provenance record. */
    static final String PROVENANCE_PREFIX = "qbi-provenance ";

    /** NIfTI's extension code for a comment (text). */
    static final int COMMENT_EXTENSION = 6;

    @Override
    public boolean keepsProvenance() {
        return true;
    }

    /** Writes with option {@code provenance} (a JSON record, kept as a comment extension); no other options. */
    @Override
    public void write(Image image, Path target, Map<String, String> options, ProgressMonitor monitor)
            throws IOException {
        for (String option : options.keySet()) {
            if (!option.equals(PROVENANCE_OPTION)) {
                throw new IllegalArgumentException("The NIfTI writer takes the option " + PROVENANCE_OPTION
                        + "=JSON only, not '" + option + "'");
            }
        }
        write(image, target, options.get(PROVENANCE_OPTION), monitor);
    }

    @Override
    public void write(Image image, Path target, String provenanceJson, ProgressMonitor monitor) throws IOException {
        byte[] plain = header(image.header());
        byte[] header = plain;
        if (provenanceJson != null) {
            byte[] text = (PROVENANCE_PREFIX + provenanceJson).getBytes(StandardCharsets.UTF_8);
            int size = (8 + text.length + 1 + 15) / 16 * 16; // code, size, the text and a NUL, padded to 16
            ByteBuffer b = ByteBuffer.allocate(plain.length + size).order(ByteOrder.LITTLE_ENDIAN);
            b.put(plain);
            b.put(NiftiHeader.NIFTI1_SIZE, (byte) 1); // the extender: extensions follow
            b.putFloat(108, NiftiHeader.NIFTI1_DATA_START + size);
            b.putInt(plain.length, size);
            b.putInt(plain.length + 4, COMMENT_EXTENSION);
            b.put(plain.length + 8, text);
            header = b.array();
        }
        writeFile(image, target, header, monitor);
    }

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        writeFile(image, target, header(image.header()), monitor);
    }

    private static void writeFile(Image image, Path target, byte[] header, ProgressMonitor monitor)
            throws IOException {
        boolean gzip = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        AtomicFiles.write(target, out -> {
            OutputStream stream = gzip ? new GZIPOutputStream(out, 1 << 16) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            } : out;
            stream.write(header);
            RawOutput.write(image, NiftiReader.LAYOUT, stream, monitor);
            if (stream instanceof GZIPOutputStream gz) {
                gz.finish();
            }
            stream.flush();
        });
    }

    /** The 348-byte header and the 4 bytes that say "no extensions". */
    static byte[] header(ImageHeader image) {
        Integer datatype = DATATYPES.get(image.pixelType());
        if (datatype == null) {
            throw new IllegalArgumentException("NIfTI has no datatype for " + image.pixelType().label() + " pixels");
        }
        ByteBuffer b = ByteBuffer.allocate(NiftiHeader.NIFTI1_DATA_START).order(ByteOrder.LITTLE_ENDIAN);
        long[] dims = image.dimensions();
        long[] nifti = { dims[0], dims[1], dims[2], dims[4], dims[3] };
        int rank = nifti[4] > 1 ? 5 : nifti[3] > 1 ? 4 : nifti[2] > 1 ? 3 : 2;
        b.putInt(0, NiftiHeader.NIFTI1_SIZE);
        b.put(38, (byte) 'r');
        b.putShort(40, (short) rank);
        for (int i = 0; i < 7; i++) {
            long size = i < 5 ? nifti[i] : 1;
            if (size > Short.MAX_VALUE) {
                throw new IllegalArgumentException("NIfTI-1 holds up to 32767 pixels per axis; axis "
                        + "xyztc".charAt(i) + " has " + size);
            }
            b.putShort(42 + 2 * i, (short) size);
        }
        Metadata metadata = image.metadata();
        int intent = image.pixelType() == PixelType.LABEL32 ? NiftiCodes.INTENT_LABEL : 0;
        b.putShort(68, (short) intent);
        b.putShort(70, datatype.shortValue());
        b.putShort(72, (short) (8 * image.pixelType().bytesPerPixel()));

        AxisCalibration x = image.axis(Axis.X);
        Unit space = SPACE_UNITS.getOrDefault(x.unit().toLowerCase(Locale.ROOT), new Unit(0, 1));
        AxisCalibration t = image.axis(Axis.T);
        Unit time = TIME_UNITS.getOrDefault(t.unit().toLowerCase(Locale.ROOT), new Unit(0, 1));
        double[] spacing = new double[3];
        double[] origin = new double[3];
        for (int i = 0; i < 3; i++) {
            AxisCalibration axis = image.axes().get(i);
            spacing[i] = axis.spacing() * space.factor();
            origin[i] = axis.origin() * space.factor();
        }
        double[] pixdim = { 1, spacing[0], spacing[1], spacing[2], t.spacing() * time.factor(),
                image.axis(Axis.C).spacing(), 1, 1 };

        boolean located = image.orientation().isPresent() || origin[0] != 0 || origin[1] != 0 || origin[2] != 0;
        if (located) {
            double[][] affine = NiftiGeometry.affine(image.orientation().orElse(Orientation.IDENTITY), spacing, origin);
            int sform = code(metadata, "nifti:sform_code");
            b.putShort(254, (short) sform);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    b.putFloat(280 + 16 * i + 4 * j, (float) affine[i][j]);
                }
            }
            Optional<double[]> quaternion = NiftiGeometry.quaternion(affine);
            if (quaternion.isPresent()) {
                double[] q = quaternion.get();
                b.putShort(252, (short) code(metadata, "nifti:qform_code"));
                b.putFloat(256, (float) q[0]);
                b.putFloat(260, (float) q[1]);
                b.putFloat(264, (float) q[2]);
                for (int i = 0; i < 3; i++) {
                    b.putFloat(268 + 4 * i, (float) affine[i][3]);
                }
                pixdim[0] = q[3];
            }
        }
        for (int i = 0; i < 8; i++) {
            b.putFloat(76 + 4 * i, (float) pixdim[i]);
        }
        b.putFloat(108, NiftiHeader.NIFTI1_DATA_START);
        Rescale rescale = image.rescale();
        b.putFloat(112, (float) rescale.slope());
        b.putFloat(116, (float) rescale.intercept());
        b.put(123, (byte) (space.code() | time.code()));
        if (time.code() != 0) {
            b.putFloat(136, (float) (t.origin() * time.factor()));
        }
        String description = metadata.text("nifti:descrip").orElse("QBI Workbench");
        byte[] text = description.getBytes(StandardCharsets.ISO_8859_1);
        b.put(148, text, 0, Math.min(text.length, 79));
        b.put(344, new byte[] { 'n', '+', '1', 0 });
        return b.array();
    }

    /** The source NIfTI's xform code when it had one, else 1 (scanner anatomical). */
    private static int code(Metadata metadata, String key) {
        return metadata.get(key).map(e -> e.value() instanceof Long code && code > 0 ? code.intValue() : 1).orElse(1);
    }
}
