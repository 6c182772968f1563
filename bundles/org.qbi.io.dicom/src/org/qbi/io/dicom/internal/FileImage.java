package org.qbi.io.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;

/**
 * The header of one DICOM file as a QBI image: x = columns, y = rows, frames on z (slices with positions, RT dose
 * grid offsets, or no timing) or on t (cine: FrameTime, or frames at one position), three 16/32-bit samples on c.
 * <p>
 * Calibration: x spacing is PixelSpacing's second value (column spacing), y its first (row spacing), in mm; z
 * spacing from the frames' ImagePositionPatient projected on the slice normal (RT dose: GridFrameOffsetVector),
 * else SpacingBetweenSlices; origins are the first frame's ImagePositionPatient (a world point in the patient's
 * LPS system: x, y, z components); the orientation's rows are the row cosines, the column cosines and the slice
 * direction. Rescale: RescaleSlope/Intercept (top level or functional groups), unit "HU" for CT, else RescaleType;
 * RT dose: DoseGridScaling in DoseUnits.
 */
final class FileImage {

    /** Where frames go. */
    enum FrameAxis {
        Z, T
    }

    final ImageHeader header;
    final FrameAxis frameAxis;

    private FileImage(ImageHeader header, FrameAxis frameAxis) {
        this.header = header;
        this.frameAxis = frameAxis;
    }

    static FileImage of(DicomFile file, PixelModule px) throws FormatException {
        DicomDataset ds = file.dataset();
        Metadata.Builder qbi = Metadata.builder();
        List<String> warnings = new ArrayList<>();
        qbi.put("qbi:transferSyntax", "Transfer syntax", DicomMetadata.QBI_GROUP, file.syntax().describe());
        if (!file.preamble()) {
            warnings.add("the file has no DICOM preamble ('DICM' at byte 128); read as a raw "
                    + file.syntax().name() + " dataset");
        }
        if (px.photometric().equals("MONOCHROME1")) {
            qbi.put("qbi:photometric", "Photometric interpretation", DicomMetadata.QBI_GROUP,
                    "MONOCHROME1: stored values kept; low values display bright");
        } else if (px.samples() == 3 && px.photometric().startsWith("YBR_FULL")) {
            qbi.put("qbi:photometric", "Photometric interpretation", DicomMetadata.QBI_GROUP,
                    px.photometric() + " converted to RGB");
        }

        double[] spacing = Geometry.attribute(ds, Tags.PIXEL_SPACING, Tags.PIXEL_MEASURES_SEQUENCE, 2);
        if (spacing == null) {
            double[] imager = ds.numbers(0x00181164);
            spacing = imager != null && imager.length >= 2 && Geometry.finite(imager, 2) ? imager : null;
            if (spacing != null) {
                qbi.put("qbi:pixelSpacingSource", "Pixel spacing source", DicomMetadata.QBI_GROUP,
                        "ImagerPixelSpacing (at the detector)");
            }
        }
        boolean calibrated = spacing != null && spacing[0] > 0 && spacing[1] > 0;
        double[][] rc = Geometry.rowAndColumn(Geometry.attribute(ds, Tags.IMAGE_ORIENTATION_PATIENT,
                Tags.PLANE_ORIENTATION_SEQUENCE, 6));
        double[] normal = rc == null ? null : Geometry.normalize(Geometry.cross(rc[0], rc[1]));

        int frames = px.frames();
        List<double[]> positions = framePositions(ds, frames, normal);
        FrameAxis frameAxis = FrameAxis.Z;
        double zSpacing = 1;
        String zUnit = AxisCalibration.PIXEL_UNIT;
        double tSpacing = 1;
        String tUnit = AxisCalibration.PIXEL_UNIT;
        int zDirection = 1;
        if (frames > 1) {
            SliceStack stack = positions != null && positions.size() == frames && normal != null
                    ? SliceStack.of(positions, normal) : null;
            double frameTime = ds.number(Tags.FRAME_TIME, Double.NaN);
            if (stack != null && stack.spacing() > 0) {
                warnings.addAll(stack.report(qbi, "the frames"));
                zSpacing = stack.spacing();
                zUnit = "mm";
                zDirection = stack.direction();
            } else if (frameTime > 0 || stack != null || isCine(ds)) {
                frameAxis = FrameAxis.T;
                if (frameTime > 0) {
                    tSpacing = frameTime;
                    tUnit = "ms";
                }
            } else {
                double between = ds.number(Tags.SPACING_BETWEEN_SLICES, Double.NaN);
                if (!(between > 0)) {
                    DicomDataset measures = Geometry.functionalGroup(ds, 0, Tags.PIXEL_MEASURES_SEQUENCE);
                    between = measures == null ? Double.NaN : measures.number(Tags.SPACING_BETWEEN_SLICES, Double.NaN);
                }
                if (between > 0 && Double.isFinite(between)) {
                    zSpacing = between;
                    zUnit = "mm";
                    warnings.add("the frames have no positions; z spacing is SpacingBetweenSlices");
                }
            }
        }

        double[] origin = positions != null ? positions.getFirst() : null;
        String unit = calibrated ? "mm" : AxisCalibration.PIXEL_UNIT;
        List<AxisCalibration> axes = new ArrayList<>();
        axes.add(new AxisCalibration(Axis.X, px.columns(), calibrated ? spacing[1] : 1,
                calibrated && origin != null ? origin[0] : 0, unit, List.of()));
        axes.add(new AxisCalibration(Axis.Y, px.rows(), calibrated ? spacing[0] : 1,
                calibrated && origin != null ? origin[1] : 0, unit, List.of()));
        boolean onZ = frameAxis == FrameAxis.Z;
        axes.add(new AxisCalibration(Axis.Z, onZ ? frames : 1, onZ ? zSpacing : 1,
                onZ && origin != null && "mm".equals(zUnit) ? origin[2] : 0, onZ ? zUnit : null, List.of()));
        axes.add(AxisCalibration.uncalibrated(Axis.C, px.channels()));
        axes.add(new AxisCalibration(Axis.T, onZ ? 1 : frames, onZ ? 1 : tSpacing, 0, onZ ? null : tUnit, List.of()));
        if (calibrated && origin != null && !(onZ && frames > 1)) {
            // One slice: its z extent is its thickness (what a volume or area measurement needs), else 1 mm.
            double thickness = ds.number(Tags.SLICE_THICKNESS, Double.NaN);
            double z = thickness > 0 && Double.isFinite(thickness) ? thickness : 1;
            axes.set(2, new AxisCalibration(Axis.Z, 1, z, origin[2], "mm", List.of()));
        }

        Optional<Orientation> orientation = Optional.empty();
        if (rc != null) {
            double[] z = { normal[0] * zDirection, normal[1] * zDirection, normal[2] * zDirection };
            orientation = Optional.of(Orientation.of(rc[0][0], rc[0][1], rc[0][2], rc[1][0], rc[1][1], rc[1][2], z[0],
                    z[1], z[2]));
        }
        Rescale rescale = rescale(ds, frames, warnings, qbi);
        if (!warnings.isEmpty()) {
            qbi.put("qbi:warnings", "Warnings", DicomMetadata.QBI_GROUP, List.copyOf(warnings));
        }
        Metadata.Builder all = Metadata.builder().putAll(qbi.build());
        DicomMetadata.add(all, file);
        ImageHeader header = new ImageHeader("DICOM", px.pixelType(), axes, orientation, rescale, all.build());
        return new FileImage(header, frameAxis);
    }

    private static boolean isCine(DicomDataset ds) {
        String modality = ds.string(Tags.MODALITY);
        return ds.contains(0x00181065) || "XA".equals(modality) || "US".equals(modality) || "RF".equals(modality)
                || "ES".equals(modality);
    }

    /** Each frame's ImagePositionPatient, or null when not every frame has one. */
    static List<double[]> framePositions(DicomDataset ds, int frames, double[] normal) {
        List<double[]> positions = new ArrayList<>();
        double[] top = ds.numbers(Tags.IMAGE_POSITION_PATIENT);
        boolean topValid = top != null && top.length >= 3 && Geometry.finite(top, 3);
        double[] offsets = ds.numbers(Tags.GRID_FRAME_OFFSET_VECTOR);
        if (frames > 1 && topValid && normal != null && offsets != null && offsets.length == frames) {
            // RT dose: offsets along the normal from the first frame's position (offsets relative to it, or absolute
            // when the first is 0 as PS3.3 C.8.8.3.2 says; both give the same positions here)
            double base = offsets[0] == 0 ? 0 : offsets[0];
            for (int f = 0; f < frames; f++) {
                double d = offsets[f] - base;
                positions.add(new double[] { top[0] + d * normal[0], top[1] + d * normal[1], top[2] + d * normal[2] });
            }
            return positions;
        }
        if (!ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS).isEmpty() || ds.contains(Tags.SHARED_FUNCTIONAL_GROUPS)) {
            for (int f = 0; f < frames; f++) {
                double[] p = Geometry.framePosition(ds, f);
                if (p == null) {
                    positions = null;
                    break;
                }
                positions.add(p);
            }
            if (positions != null) {
                return positions;
            }
        }
        if (topValid) {
            if (frames == 1) {
                return List.of(top);
            }
            return List.of(top); // one position for several frames: the caller sees no stack
        }
        return null;
    }

    static Rescale rescale(DicomDataset ds, int frames, List<String> warnings, Metadata.Builder qbi) {
        String modality = ds.string(Tags.MODALITY);
        double grid = ds.number(Tags.DOSE_GRID_SCALING, Double.NaN);
        if ("RTDOSE".equals(modality) && Double.isFinite(grid) && grid != 0) {
            String units = ds.string(Tags.DOSE_UNITS);
            return new Rescale(grid, 0, units == null ? "" : units);
        }
        DicomDataset source = ds;
        if (!ds.contains(Tags.RESCALE_SLOPE) && !ds.contains(Tags.RESCALE_INTERCEPT)) {
            source = Geometry.functionalGroup(ds, 0, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
            if (source != null && frames > 1) {
                for (int f = 1; f < frames; f++) {
                    DicomDataset other = Geometry.functionalGroup(ds, f, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE);
                    if (other != null && (other.number(Tags.RESCALE_SLOPE, 1) != source.number(Tags.RESCALE_SLOPE, 1)
                            || other.number(Tags.RESCALE_INTERCEPT, 0) != source.number(Tags.RESCALE_INTERCEPT, 0))) {
                        warnings.add("the rescale differs between frames (frame " + (f + 1)
                                + " first); the first frame's is used for all");
                        qbi.put("qbi:rescaleVaries", "Rescale varies between frames", DicomMetadata.QBI_GROUP, true);
                        break;
                    }
                }
            }
        }
        if (source == null) {
            return Rescale.IDENTITY;
        }
        double slope = source.number(Tags.RESCALE_SLOPE, 1);
        double intercept = source.number(Tags.RESCALE_INTERCEPT, 0);
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            warnings.add(String.format(Locale.ROOT, "RescaleSlope %s / RescaleIntercept %s cannot be used; values are "
                    + "shown as stored", slope, intercept));
            return Rescale.IDENTITY;
        }
        String unit;
        if ("CT".equals(modality)) {
            unit = "HU";
        } else {
            String type = source.string(Tags.RESCALE_TYPE);
            unit = type == null || "US".equals(type) ? "" : type;
        }
        return new Rescale(slope, intercept, unit);
    }
}
