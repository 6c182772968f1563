package org.qbi.io.hdf5.internal;

import org.qbi.core.image.io.Units;
import org.qbi.core.image.io.AxisLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Reads numeric HDF5 datasets of 2 to 5 dimensions (h5py, ilastik, Fiji, NeXus files) with jHDF.
 * <p>
 * Entries are dataset paths ("/volume", "/entry/data/data"); the default is the largest. Dimensions are NumPy
 * order and map to x fastest (see {@link AxisLayout}); ilastik's "axistags" or h5py's DIMENSION_LABELS name
 * them where present. Calibration comes from, in this order: "element_size_um" (ilastik, Fiji), "spacing" /
 * "resolution" / "pixel_size" / "voxel_size" with "unit(s)", a NeXus NXdata group's "axes" with their "units";
 * else the image is uncalibrated. The dataset's and the file's root attributes are the metadata (group "HDF5",
 * keys "hdf5:PATH@ATTRIBUTE").
 */
public final class Hdf5Reader implements ImageReader {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
    private static final Pattern AXISTAG_KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]*)\"");
    private static final List<String> SPACING_ATTRIBUTES = List.of("spacing", "resolution", "pixel_size",
            "voxel_size", "element_size");
    private static final List<String> UNIT_ATTRIBUTES = List.of("unit", "units", "spacing_unit", "spacing_units");
    /** Groups and datasets visited at most when listing a file (hostile files may hold millions). */
    private static final int MAX_NODES = 100_000;

    static {
        // jHDF logs through SLF4J. In OSGi SLF4J finds its no-op provider only when SPI Fly registered it, and
        // otherwise warns on stderr, three lines on every "qbi info". Its own diagnostics are cut to errors here
        // (unless set otherwise); jHDF's logging goes nowhere either way.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    @Override
    public boolean canRead(Probe probe) {
        return !probe.directory() && (probe.startsWith(0, SIGNATURE) || probe.startsWith(512, SIGNATURE));
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        HdfFile hdf = openFile(path);
        try {
            return imageDatasets(hdf).stream().map(Dataset::getPath).toList();
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | java.nio.BufferUnderflowException e) {
            throw new FormatException(path, "cannot list the HDF5 file's datasets: " + e.getMessage(), e);
        } finally {
            closeQuietly(hdf);
        }
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        HdfFile hdf = openFile(path);
        boolean opened = false;
        try {
            Dataset dataset = find(path, hdf, entry);
            ChunkSource source = source(path, hdf, dataset);
            opened = true;
            return source;
        } catch (HdfException | IllegalStateException | IndexOutOfBoundsException | java.nio.BufferUnderflowException
                | ArithmeticException e) {
            throw new FormatException(path, "cannot read the HDF5 dataset" + (entry == null ? "" : " " + entry) + ": "
                    + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new FormatException(path, "the HDF5 file claims a size that cannot be allocated; it is corrupt");
        } finally {
            if (!opened) {
                closeQuietly(hdf);
            }
        }
    }

    /** Opens the file after checking its superblock against the file's length (a truncated file fails here). */
    private static HdfFile openFile(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        boolean opened = false;
        try {
            long length = channel.size();
            long base = -1;
            for (long offset = 0; offset + SIGNATURE.length <= length; offset = offset == 0 ? 512 : offset * 2) {
                ByteBuffer head = ByteBuffer.allocate(SIGNATURE.length);
                channel.read(head, offset);
                if (Arrays.equals(head.array(), SIGNATURE)) {
                    base = offset;
                    break;
                }
            }
            if (base < 0) {
                throw new FormatException(path, "not an HDF5 file (no HDF5 signature)");
            }
            Superblock superblock = Superblock.readSuperblock(channel, base);
            // The end-of-file address counts from the file's start, user block included (h5py's files say so).
            long end = superblock.getEndOfFileAddress();
            if (superblock.getEndOfFileAddress() < 0 || end > length) {
                throw new FormatException(path, "the file is truncated: its HDF5 superblock says it has " + end
                        + " bytes, it has " + length);
            }
            HdfFile hdf = new HdfFile(channel);
            opened = true;
            return hdf;
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | java.nio.BufferUnderflowException e) {
            throw new FormatException(path, "not a readable HDF5 file: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new FormatException(path, "the HDF5 file claims a size that cannot be allocated; it is corrupt");
        } finally {
            if (!opened) {
                channel.close();
            }
        }
    }

    private static void closeQuietly(HdfFile hdf) {
        try {
            hdf.getHdfBackingStorage().close();
        } catch (RuntimeException e) {
            // Closing a read-only channel: nothing to lose.
        }
    }

    /** The dataset {@code entry} names, or the largest image dataset. */
    private static Dataset find(Path path, HdfFile hdf, String entry) throws FormatException {
        if (entry == null || entry.isBlank()) {
            List<Dataset> images = imageDatasets(hdf);
            if (images.isEmpty()) {
                throw new FormatException(path, "the HDF5 file has no dataset QBI can show as an image (numeric, "
                        + "2 to 5 dimensions)" + datasetSummary(hdf));
            }
            Dataset largest = images.getFirst();
            for (Dataset dataset : images) {
                if (dataset.getSize() > largest.getSize()) {
                    largest = dataset;
                }
            }
            return largest;
        }
        String wanted = entry.strip().startsWith("/") ? entry.strip() : "/" + entry.strip();
        Node node = hdf;
        try {
            for (String part : wanted.split("/")) {
                if (part.isEmpty()) {
                    continue;
                }
                node = resolve(path, wanted, node);
                node = node instanceof Group group ? group.getChildren().get(part) : null;
                if (node == null) {
                    break;
                }
            }
            node = node == null ? null : resolve(path, wanted, node);
        } catch (HdfException e) {
            node = null;
        }
        if (node == null) {
            throw new FormatException(path, "the HDF5 file has no dataset '" + wanted + "'; its image datasets are: "
                    + listing(hdf));
        }
        if (!(node instanceof Dataset dataset)) {
            throw new FormatException(path, "'" + wanted + "' is a group, not a dataset; the image datasets are: "
                    + listing(hdf));
        }
        return dataset;
    }

    /** The node a link leads to (soft links followed, at most 16 in a row); external links are refused. */
    private static Node resolve(Path path, String wanted, Node node) throws FormatException {
        for (int hops = 0; node instanceof Link link; hops++) {
            if (link instanceof ExternalLink || hops == 16) {
                throw new FormatException(path, "'" + wanted + "' "
                        + (hops == 16 ? "is a loop of links" : "links to another file (" + link.getTargetPath()
                                + "); open that file"));
            }
            if (link.isBrokenLink()) {
                throw new FormatException(path, "'" + wanted + "' is a broken link to " + link.getTargetPath());
            }
            node = link.getTarget();
        }
        return node;
    }

    private static String listing(HdfFile hdf) {
        try {
            List<String> names = imageDatasets(hdf).stream().map(Dataset::getPath).toList();
            return names.isEmpty() ? "(none)" : String.join(", ", names);
        } catch (RuntimeException e) {
            return "(cannot be listed: " + e.getMessage() + ")";
        }
    }

    private static String datasetSummary(HdfFile hdf) {
        List<String> all = new ArrayList<>();
        walk(hdf, all, null, new HashSet<>(), new int[1]);
        return all.isEmpty() ? "; it holds no datasets" : "; its datasets: " + String.join(", ", all);
    }

    /** The datasets that open as images, in file order. */
    static List<Dataset> imageDatasets(HdfFile hdf) {
        List<Dataset> images = new ArrayList<>();
        walk(hdf, null, images, new HashSet<>(), new int[1]);
        return images;
    }

    private static void walk(Group group, List<String> described, List<Dataset> images, Set<Long> visited,
            int[] count) {
        if (!visited.add(group.getAddress())) {
            return;
        }
        for (Node node : group.getChildren().values()) {
            if (++count[0] > MAX_NODES) {
                return;
            }
            if (node.isLink()) {
                continue;
            }
            if (node instanceof Dataset dataset) {
                if (images != null && problem(dataset) == null) {
                    images.add(dataset);
                }
                if (described != null) {
                    described.add(dataset.getPath() + " " + Arrays.toString(dataset.getDimensionsAsLong()));
                }
            } else if (node instanceof Group child) {
                walk(child, described, images, visited, count);
            }
        }
    }

    /** Why the dataset cannot be an image, or null when it can. */
    private static String problem(Dataset dataset) {
        try {
            StoredType type = storedType(dataset);
            AxisLayout.of(dataset.getDimensionsAsLong(), null, false, type.type());
            return null;
        } catch (IllegalArgumentException | HdfException e) {
            return e.getMessage();
        }
    }

    /** How the dataset's values are stored. */
    record StoredType(PixelType type, int itemBytes, ByteOrder order) {
    }

    static StoredType storedType(Dataset dataset) {
        DataType dataType = dataset.getDataType();
        int size = dataType.getSize();
        if (dataType instanceof FixedPoint fixed) {
            PixelType type = switch (size) {
                case 1 -> fixed.isSigned() ? PixelType.INT8 : PixelType.UINT8;
                case 2 -> fixed.isSigned() ? PixelType.INT16 : PixelType.UINT16;
                case 4 -> fixed.isSigned() ? PixelType.INT32 : PixelType.UINT32;
                default -> throw new IllegalArgumentException("its values are " + (fixed.isSigned() ? "" : "unsigned ")
                        + (size * 8) + "-bit integers; QBI images hold integers of up to 32 bits (convert with "
                        + "numpy's astype)");
            };
            return new StoredType(type, size, fixed.getByteOrder());
        }
        if (dataType instanceof FloatingPoint floating) {
            PixelType type = switch (size) {
                case 4 -> PixelType.FLOAT32;
                case 8 -> PixelType.FLOAT64;
                default -> throw new IllegalArgumentException("its values are " + (size * 8) + "-bit floating point; "
                        + "QBI reads 32- and 64-bit floating point");
            };
            return new StoredType(type, size, floating.getByteOrder());
        }
        if (dataType instanceof CompoundDataType compound && size == 8 && compound.getMembers().size() == 2) {
            CompoundDataType.CompoundDataMember real = compound.getMembers().get(0);
            CompoundDataType.CompoundDataMember imaginary = compound.getMembers().get(1);
            if (real.getDataType() instanceof FloatingPoint r && r.getSize() == 4 && real.getOffset() == 0
                    && imaginary.getDataType() instanceof FloatingPoint i && i.getSize() == 4
                    && imaginary.getOffset() == 4) {
                return new StoredType(PixelType.COMPLEX_FLOAT32, 8, r.getByteOrder());
            }
        }
        throw new IllegalArgumentException("its values are " + dataType.getClass().getSimpleName()
                + "; QBI reads integer, floating-point and complex64 datasets");
    }

    private static ChunkSource source(Path path, HdfFile hdf, Dataset dataset) throws IOException {
        String where = "dataset " + dataset.getPath();
        long[] dims = dataset.getDimensionsAsLong();
        StoredType stored;
        AxisLayout layout;
        try {
            stored = storedType(dataset);
            boolean truecolor = "IMAGE".equals(attributeText(dataset, "CLASS"))
                    && "IMAGE_TRUECOLOR".equals(attributeText(dataset, "IMAGE_SUBCLASS"))
                    && !"INTERLACE_PLANE".equals(attributeText(dataset, "INTERLACE_MODE"));
            layout = AxisLayout.of(dims, labels(dataset), truecolor, stored.type());
        } catch (IllegalArgumentException e) {
            throw new FormatException(path, where + " cannot be an image: " + e.getMessage());
        }
        long[] sizes = layout.sizes(dims);
        List<AxisCalibration> axes = calibration(dataset, dims, layout, sizes);
        ImageHeader header;
        try {
            header = new ImageHeader("HDF5", layout.pixelType(), axes, Optional.empty(), rescale(dataset),
                    metadata(hdf, dataset, dims, stored));
        } catch (ArithmeticException e) {
            throw new FormatException(path, where + " has shape " + Arrays.toString(dims) + ": more bytes than a "
                    + "64-bit size can count");
        }
        FileChannel channel = hdf.getHdfBackingStorage().getFileChannel();
        return new Hdf5Source(path, hdf, channel, dataset, header, layout, stored.itemBytes(), stored.order());
    }

    /** Dimension labels from ilastik's axistags or h5py's DIMENSION_LABELS, or null. */
    private static List<String> labels(Dataset dataset) {
        String axistags = attributeText(dataset, "axistags");
        if (axistags != null) {
            List<String> keys = new ArrayList<>();
            Matcher matcher = AXISTAG_KEY.matcher(axistags);
            while (matcher.find()) {
                keys.add(matcher.group(1));
            }
            if (keys.size() == dataset.getDimensionsAsLong().length) {
                return keys;
            }
        }
        List<String> labels = Hdf5Values.strings(attribute(dataset, "DIMENSION_LABELS"));
        if (labels != null && labels.size() == dataset.getDimensionsAsLong().length
                && labels.stream().allMatch(l -> !l.isBlank())) {
            return labels;
        }
        return null;
    }

    /** Spacing, origin and unit per axis, from the attributes files commonly carry. */
    private static List<AxisCalibration> calibration(Dataset dataset, long[] dims, AxisLayout layout, long[] sizes) {
        int rank = dims.length;
        double[] spacing = new double[rank];
        double[] origin = new double[rank];
        String[] unit = new String[rank];
        Arrays.fill(spacing, Double.NaN);
        double[] elementSize = Hdf5Values.numbers(attribute(dataset, "element_size_um"));
        if (elementSize != null) {
            assign(elementSize, spacing, layout);
            String[] um = new String[elementSize.length];
            Arrays.fill(um, "um");
            assignText(um, unit, layout);
        } else {
            for (String name : SPACING_ATTRIBUTES) {
                double[] values = Hdf5Values.numbers(attribute(dataset, name));
                if (values != null && assign(values, spacing, layout)) {
                    for (String unitName : UNIT_ATTRIBUTES) {
                        List<String> units = Hdf5Values.strings(attribute(dataset, unitName));
                        if (units != null) {
                            assignText(units.size() == 1 ? repeat(units.getFirst(), rank) : units.toArray(String[]::new),
                                    unit, layout);
                            break;
                        }
                    }
                    break;
                }
            }
            if (Arrays.stream(spacing).allMatch(Double::isNaN)) {
                nexusAxes(dataset, dims, spacing, origin, unit);
            }
        }
        double[] origins = Hdf5Values.numbers(attribute(dataset, "origin"));
        if (origins != null) {
            assign(origins, origin, layout);
        }
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            int dim = layout.dimOf(axis);
            long size = sizes[axis.ordinal()];
            if (dim < 0 || axis == Axis.C || !(spacing[dim] > 0) || Double.isInfinite(spacing[dim])) {
                axes.add(AxisCalibration.uncalibrated(axis, size));
            } else {
                double o = Double.isFinite(origin[dim]) ? origin[dim] : 0;
                axes.add(AxisCalibration.of(axis, size, spacing[dim], o, Units.normalize(unit[dim])));
            }
        }
        return axes;
    }

    private static String[] repeat(String value, int n) {
        String[] values = new String[n];
        Arrays.fill(values, value);
        return values;
    }

    /**
     * Puts per-dimension values (NumPy order) in place: one per dimension, or one per spatial (x, y, z)
     * dimension in order. False when the count fits neither.
     */
    private static boolean assign(double[] values, double[] target, AxisLayout layout) {
        int[] dims = targetDims(values.length, layout);
        if (dims == null) {
            return false;
        }
        for (int k = 0; k < dims.length; k++) {
            target[dims[k]] = values[k];
        }
        return true;
    }

    private static void assignText(String[] values, String[] target, AxisLayout layout) {
        int[] dims = targetDims(values.length, layout);
        if (dims != null) {
            for (int k = 0; k < dims.length; k++) {
                target[dims[k]] = values[k];
            }
        }
    }

    private static int[] targetDims(int count, AxisLayout layout) {
        int rank = layout.axisOfDim().length;
        if (count == rank) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        List<Integer> spatial = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            int axis = layout.axisOfDim()[i];
            if (axis == Axis.X.ordinal() || axis == Axis.Y.ordinal() || axis == Axis.Z.ordinal()) {
                spatial.add(i);
            }
        }
        return spatial.size() == count ? spatial.stream().mapToInt(Integer::intValue).toArray() : null;
    }

    /** NeXus NXdata: the parent group's "axes" names one coordinate dataset per dimension, with "units". */
    private static void nexusAxes(Dataset dataset, long[] dims, double[] spacing, double[] origin, String[] unit) {
        Group parent = dataset.getParent();
        if (parent == null) {
            return;
        }
        List<String> names = Hdf5Values.strings(attribute(parent, "axes"));
        if (names != null && names.size() == 1 && dims.length > 1) {
            names = Arrays.asList(names.getFirst().split("[:,]"));
        }
        if (names == null || names.size() != dims.length) {
            return;
        }
        for (int i = 0; i < dims.length; i++) {
            String name = names.get(i).strip();
            if (name.isEmpty() || ".".equals(name)) {
                continue;
            }
            try {
                Node node = parent.getChild(name);
                if (!(node instanceof Dataset axis) || axis.getDimensionsAsLong().length != 1
                        || axis.getDimensionsAsLong()[0] != dims[i] || dims[i] < 2 || dims[i] > Hdf5Values.MAX_VALUES) {
                    continue;
                }
                double[] values = numbers(axis.getDataFlat());
                if (values == null) {
                    continue;
                }
                double step = (values[values.length - 1] - values[0]) / (values.length - 1);
                boolean uniform = step > 0;
                for (int k = 1; k < values.length && uniform; k++) {
                    uniform = Math.abs(values[k] - values[k - 1] - step) <= 1e-6 * Math.abs(step);
                }
                if (uniform) {
                    spacing[i] = step;
                    origin[i] = values[0];
                    unit[i] = attributeText(axis, "units");
                }
            } catch (RuntimeException e) {
                // An unreadable axis leaves that dimension uncalibrated.
            }
        }
    }

    private static double[] numbers(Object flat) {
        if (flat == null || !flat.getClass().isArray()) {
            return null;
        }
        int length = java.lang.reflect.Array.getLength(flat);
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            if (!(java.lang.reflect.Array.get(flat, i) instanceof Number number)) {
                return null;
            }
            values[i] = number.doubleValue();
        }
        return values;
    }

    /** CF conventions' scale_factor / add_offset / units, where a dataset has them. */
    private static Rescale rescale(Dataset dataset) {
        double[] slope = Hdf5Values.numbers(attribute(dataset, "scale_factor"));
        double[] intercept = Hdf5Values.numbers(attribute(dataset, "add_offset"));
        String unit = attributeText(dataset, "units");
        double s = slope != null && slope.length == 1 ? slope[0] : 1;
        double i = intercept != null && intercept.length == 1 ? intercept[0] : 0;
        try {
            return new Rescale(s, i, unit);
        } catch (IllegalArgumentException e) {
            return Rescale.IDENTITY;
        }
    }

    private static Metadata metadata(HdfFile hdf, Dataset dataset, long[] dims, StoredType stored) {
        Metadata.Builder metadata = Metadata.builder();
        String path = dataset.getPath();
        metadata.put("hdf5:dataset", "Dataset", "HDF5", path);
        List<Long> shape = new ArrayList<>();
        for (long d : dims) {
            shape.add(d);
        }
        metadata.put("hdf5:shape", "Shape (NumPy order)", "HDF5", shape);
        metadata.put("hdf5:dtype", "Data type", "HDF5", stored.type().label()
                + (stored.order() == ByteOrder.BIG_ENDIAN ? " (big-endian)" : ""));
        metadata.put("hdf5:layout", "Storage layout", "HDF5", layout(dataset));
        for (Map.Entry<String, Attribute> attribute : attributes(dataset)) {
            metadata.put("hdf5:" + path + "@" + attribute.getKey(), attribute.getKey(), "HDF5",
                    Hdf5Values.metadataValue(attribute.getValue()));
        }
        for (Map.Entry<String, Attribute> attribute : attributes(hdf)) {
            metadata.put("hdf5:/@" + attribute.getKey(), attribute.getKey(), "HDF5",
                    Hdf5Values.metadataValue(attribute.getValue()));
        }
        return metadata.build();
    }

    private static String layout(Dataset dataset) {
        try {
            if (dataset instanceof ChunkedDataset chunked) {
                StringBuilder text = new StringBuilder("chunked ");
                int[] chunk = chunked.getChunkDimensions();
                for (int i = 0; i < chunk.length; i++) {
                    text.append(i == 0 ? "" : "x").append(chunk[i]);
                }
                for (PipelineFilterWithData filter : dataset.getFilters()) {
                    text.append(", ").append(filter.getName());
                    int[] data = filter.getFilterData();
                    if (filter.getId() == ChunkCodec.DEFLATE && data != null && data.length > 0) {
                        text.append(" ").append(data[0]);
                    }
                }
                return text.toString();
            }
            return dataset instanceof ContiguousDataset ? "contiguous" : "compact";
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static List<Map.Entry<String, Attribute>> attributes(Node node) {
        try {
            return List.copyOf(node.getAttributes().entrySet());
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Attribute attribute(Node node, String name) {
        try {
            return node.getAttributes().get(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String attributeText(Node node, String name) {
        return Hdf5Values.string(attribute(node, name));
    }
}
