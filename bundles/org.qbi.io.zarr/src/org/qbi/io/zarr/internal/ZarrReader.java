package org.qbi.io.zarr.internal;

import org.qbi.core.image.io.Units;
import org.qbi.core.image.io.BlockAssembler;
import org.qbi.core.image.io.AxisLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Zarr v2 arrays (a folder with .zarray) and groups (.zgroup) written by Python's zarr, OME-Zarr tools
 * and {@link ZarrWriter}.
 * <p>
 * Entries are the paths of a group's arrays ("0", "labels/cells/0"); the default is the full-resolution array
 * of an OME-NGFF image ("multiscales" datasets[0]), else the largest array. Dimensions map to x fastest by the
 * NGFF axes where present, else the last is x, then y, z, c, t (see {@link AxisLayout}). Calibration comes from
 * QBI's own "qbi" attributes, else the NGFF scale and translation with the axes' units; else uncalibrated.
 */
public final class ZarrReader implements ImageReader {

    /** Folders visited at most when listing a store's arrays (a hostile store may hold millions). */
    private static final int MAX_FOLDERS = 10_000;
    private static final int MAX_DEPTH = 16;

    @Override
    public boolean canRead(Probe probe) {
        Path path = probe.path();
        if (probe.directory()) {
            return Files.isRegularFile(path.resolve(ZarrArray.ZARRAY)) || Files.isRegularFile(path.resolve(ZarrArray.ZGROUP))
                    || Files.isRegularFile(path.resolve("zarr.json"));
        }
        String name = probe.fileName();
        return name.equals(ZarrArray.ZARRAY) || name.equals(ZarrArray.ZGROUP);
    }

    @Override
    public List<String> entries(Path path) throws IOException {
        Path root = root(path);
        if (Files.isRegularFile(root.resolve(ZarrArray.ZARRAY))) {
            return List.of();
        }
        return arrays(root).stream().map(a -> a.name).toList();
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        Path root = root(path);
        ZarrArray array;
        Path groupDir;
        String nameInGroup;
        if (Files.isRegularFile(root.resolve(ZarrArray.ZARRAY))) {
            if (entry != null && !entry.isBlank() && !entry.strip().equals(".")) {
                throw new FormatException(root, "is a single Zarr array; it has no entry '" + entry + "'");
            }
            array = ZarrArray.read(root, root, "");
            groupDir = root.toAbsolutePath().getParent();
            nameInGroup = root.toAbsolutePath().getFileName().toString();
        } else {
            String name = entry == null || entry.isBlank() ? defaultArray(root) : normalize(root, entry);
            Path dir = root.resolve(name);
            if (!Files.isRegularFile(dir.resolve(ZarrArray.ZARRAY))) {
                throw new FormatException(root, "the Zarr group has no array '" + name + "'; its arrays are: "
                        + listing(root));
            }
            array = ZarrArray.read(root, dir, name);
            int slash = name.lastIndexOf('/');
            groupDir = slash < 0 ? root : root.resolve(name.substring(0, slash));
            nameInGroup = name.substring(slash + 1);
        }
        JsonNode groupAttributes = groupDir == null ? null : ZarrArray.json(root, groupDir.resolve(ZarrArray.ZATTRS));
        return source(root, array, groupAttributes, nameInGroup);
    }

    /** The store folder of {@code path}: the folder itself, or the folder of a .zarray / .zgroup file. */
    private static Path root(Path path) throws FormatException {
        Path root = path;
        if (Files.isRegularFile(path)) {
            String name = path.getFileName().toString();
            if (name.equals(ZarrArray.ZARRAY) || name.equals(ZarrArray.ZGROUP) || name.equals(ZarrArray.ZATTRS)) {
                root = path.toAbsolutePath().getParent();
            } else {
                throw new FormatException(path, "not a Zarr store (a Zarr v2 array or group is a folder with "
                        + ".zarray or .zgroup)");
            }
        }
        if (!Files.isDirectory(root)) {
            throw new FormatException(path, "not a Zarr store: no such folder");
        }
        if (!Files.isRegularFile(root.resolve(ZarrArray.ZARRAY)) && !Files.isRegularFile(root.resolve(ZarrArray.ZGROUP))) {
            if (Files.isRegularFile(root.resolve("zarr.json"))) {
                throw new FormatException(root, "is a Zarr v3 store (zarr.json); QBI reads Zarr v2 (.zarray, .zgroup)");
            }
            throw new FormatException(root, "not a Zarr store: the folder has neither .zarray nor .zgroup");
        }
        return root;
    }

    /** An entry as a relative path inside the store, refusing ones that leave it. */
    private static String normalize(Path root, String entry) throws FormatException {
        String name = entry.strip().replace('\\', '/');
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String part : name.split("/")) {
            if (part.equals("..") || part.equals(".") || part.isEmpty()) {
                throw new FormatException(root, "entry '" + entry + "' is not a path inside the Zarr store");
            }
        }
        return name;
    }

    private static String defaultArray(Path root) throws IOException {
        String ngff = Ngff.defaultArray(ZarrArray.json(root, root.resolve(ZarrArray.ZATTRS)));
        if (ngff != null) {
            return normalize(root, ngff);
        }
        List<ZarrArray> arrays = arrays(root);
        if (arrays.isEmpty()) {
            throw new FormatException(root, "the Zarr group has no array QBI can show as an image (2 to 5 dimensions, "
                    + "a numeric dtype)");
        }
        ZarrArray largest = arrays.getFirst();
        for (ZarrArray array : arrays) {
            if (array.size() > largest.size()) {
                largest = array;
            }
        }
        return largest.name;
    }

    private static String listing(Path root) {
        try {
            List<String> names = arrays(root).stream().map(a -> a.name).toList();
            return names.isEmpty() ? "(none)" : String.join(", ", names);
        } catch (IOException e) {
            return "(cannot be listed: " + e.getMessage() + ")";
        }
    }

    /** The arrays of the group at {@code root} (and its subgroups) that open as images, by path. */
    static List<ZarrArray> arrays(Path root) throws IOException {
        List<ZarrArray> arrays = new ArrayList<>();
        int[] folders = { 0 };
        walk(root, root, "", 0, arrays, folders);
        return arrays;
    }

    private static void walk(Path root, Path group, String prefix, int depth, List<ZarrArray> arrays, int[] folders)
            throws IOException {
        if (depth > MAX_DEPTH) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(group, Files::isDirectory)) {
            Iterator<Path> it = stream.iterator();
            while (it.hasNext() && ++folders[0] <= MAX_FOLDERS) {
                children.add(it.next());
            }
        }
        children.sort(null);
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            String path = prefix + name;
            if (Files.isRegularFile(child.resolve(ZarrArray.ZARRAY))) {
                try {
                    ZarrArray array = ZarrArray.read(root, child, path);
                    AxisLayout.of(array.shape, null, false, array.dtype.type());
                    arrays.add(array);
                } catch (FormatException | IllegalArgumentException e) {
                    // Not an image (1-D, unsupported dtype, corrupt metadata): not listed.
                }
            } else if (Files.isRegularFile(child.resolve(ZarrArray.ZGROUP))) {
                walk(root, child, path + "/", depth + 1, arrays, folders);
            }
        }
    }

    private static ChunkSource source(Path root, ZarrArray array, JsonNode groupAttributes, String nameInGroup)
            throws IOException {
        String where = array.name.isEmpty() ? "the Zarr array" : "array '" + array.name + "'";
        int rank = array.shape.length;
        JsonNode qbi = Ngff.qbi(groupAttributes, nameInGroup);
        Ngff.Description ngff = Ngff.describe(groupAttributes, nameInGroup, rank);
        List<String> labels = null;
        if (qbi != null && qbi.path("dimensions").isArray() && qbi.get("dimensions").size() == rank) {
            labels = new ArrayList<>();
            for (JsonNode label : qbi.get("dimensions")) {
                labels.add(label.asText());
            }
        } else if (ngff != null) {
            labels = ngff.labels();
        }
        AxisLayout layout;
        try {
            layout = AxisLayout.of(array.shape, labels, false, array.dtype.type());
        } catch (IllegalArgumentException e) {
            throw new FormatException(root, where + " cannot be an image: " + e.getMessage());
        }
        layout = qbiPixelType(layout, qbi, array);
        long[] sizes = layout.sizes(array.shape);
        List<AxisCalibration> axes = qbi != null ? qbiAxes(qbi, sizes) : ngffAxes(ngff, layout, sizes);
        Rescale rescale = Rescale.IDENTITY;
        Optional<Orientation> orientation = Optional.empty();
        if (qbi != null) {
            JsonNode r = qbi.get("rescale");
            if (r != null && r.isObject()) {
                try {
                    rescale = new Rescale(r.path("slope").asDouble(1), r.path("intercept").asDouble(0),
                            r.path("unit").asText(""));
                } catch (IllegalArgumentException e) {
                    rescale = Rescale.IDENTITY;
                }
            }
            JsonNode o = qbi.get("orientation");
            if (o != null && o.isArray() && o.size() == 9) {
                double[] cosines = new double[9];
                for (int i = 0; i < 9; i++) {
                    cosines[i] = o.get(i).asDouble(Double.NaN);
                }
                try {
                    orientation = Optional.of(Orientation.of(cosines));
                } catch (IllegalArgumentException e) {
                    orientation = Optional.empty();
                }
            }
        }
        String format = ngff != null ? "OME-Zarr" : "Zarr";
        try {
            ImageHeader header = new ImageHeader(format, layout.pixelType(), axes, orientation, rescale,
                    metadata(root, array, groupAttributes, ngff));
            return new ZarrSource(array, header, layout);
        } catch (ArithmeticException e) {
            throw new FormatException(root, where + " has shape " + Arrays.toString(array.shape) + ": more bytes "
                    + "than a 64-bit size can count");
        }
    }

    /** QBI's pixel types that Zarr has no dtype for: RGB(A) from a channel dimension of 8-bit values, labels. */
    private static AxisLayout qbiPixelType(AxisLayout layout, JsonNode qbi, ZarrArray array) {
        if (qbi == null) {
            return layout;
        }
        String type = qbi.path("pixel_type").asText("");
        PixelType base = array.dtype.type();
        if ((type.equals("rgb8") || type.equals("rgba8")) && base == PixelType.UINT8) {
            int samples = type.equals("rgb8") ? 3 : 4;
            int c = layout.dimOf(Axis.C);
            if (c >= 0 && array.shape[c] == samples) {
                int[] axisOfDim = layout.axisOfDim().clone();
                axisOfDim[c] = BlockAssembler.SAMPLES;
                return new AxisLayout(axisOfDim, samples == 3 ? PixelType.RGB8 : PixelType.RGBA8);
            }
        }
        if (type.equals("label32") && base == PixelType.UINT32) {
            return new AxisLayout(layout.axisOfDim(), PixelType.LABEL32);
        }
        return layout;
    }

    private static List<AxisCalibration> qbiAxes(JsonNode qbi, long[] sizes) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            JsonNode a = qbi.path("axes").path(axis.label());
            long size = sizes[axis.ordinal()];
            double spacing = a.path("spacing").asDouble(1);
            double origin = a.path("origin").asDouble(0);
            String unit = a.path("unit").asText(AxisCalibration.PIXEL_UNIT);
            try {
                axes.add(AxisCalibration.of(axis, size, spacing, origin, unit));
            } catch (IllegalArgumentException e) {
                axes.add(AxisCalibration.uncalibrated(axis, size));
            }
        }
        return axes;
    }

    private static List<AxisCalibration> ngffAxes(Ngff.Description ngff, AxisLayout layout, long[] sizes) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            int dim = layout.dimOf(axis);
            long size = sizes[axis.ordinal()];
            if (ngff == null || dim < 0 || axis == Axis.C || !(ngff.spacing()[dim] > 0)
                    || Double.isInfinite(ngff.spacing()[dim])) {
                axes.add(AxisCalibration.uncalibrated(axis, size));
            } else {
                double origin = Double.isFinite(ngff.origin()[dim]) ? ngff.origin()[dim] : 0;
                axes.add(AxisCalibration.of(axis, size, ngff.spacing()[dim], origin, Units.normalize(ngff.units()[dim])));
            }
        }
        return axes;
    }

    private static Metadata metadata(Path root, ZarrArray array, JsonNode groupAttributes, Ngff.Description ngff)
            throws IOException {
        Metadata.Builder metadata = Metadata.builder();
        String name = array.name.isEmpty() ? "/" : array.name;
        metadata.put("zarr:array", "Array", "Zarr", name);
        metadata.put("zarr:shape", "Shape (NumPy order)", "Zarr", Arrays.stream(array.shape).boxed().toList());
        metadata.put("zarr:chunks", "Chunks", "Zarr", Arrays.stream(array.chunks).boxed().toList());
        metadata.put("zarr:dtype", "Data type", "Zarr", array.dtype.text());
        metadata.put("zarr:compressor", "Compressor", "Zarr", String.valueOf(array.zarray.get("compressor")));
        metadata.put("zarr:order", "Order", "Zarr", array.fortran ? "F" : "C");
        metadata.put("zarr:fill_value", "Fill value", "Zarr", String.valueOf(array.zarray.get("fill_value")));
        if (ngff != null) {
            metadata.put("zarr:ngff", "OME-NGFF version", "Zarr", ngff.version());
        }
        JsonNode own = ZarrArray.json(root, array.dir.resolve(ZarrArray.ZATTRS));
        attributes(metadata, "zarr:" + name + "@", own);
        attributes(metadata, "zarr:group@", groupAttributes);
        JsonNode provenance = groupAttributes == null ? null : groupAttributes.get(ZarrWriter.PROVENANCE_ATTRIBUTE);
        if (provenance != null && provenance.isObject()) {
            metadata.put(Metadata.PROVENANCE, "Provenance record", Metadata.PROVENANCE_GROUP, provenance.toString());
        }
        return metadata.build();
    }

    private static void attributes(Metadata.Builder metadata, String prefix, JsonNode attributes) {
        if (attributes == null || !attributes.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : attributes.properties()) {
            metadata.put(prefix + field.getKey(), field.getKey(), "Zarr", value(field.getValue()));
        }
    }

    /** A JSON value as a metadata value: scalars as such, lists of scalars as lists, the rest as JSON text. */
    private static Object value(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isArray() && node.size() <= 64) {
            List<Object> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isContainerNode() || item.isNull()) {
                    return text(node);
                }
                values.add(value(item));
            }
            return values;
        }
        return text(node);
    }

    private static String text(JsonNode node) {
        String text = node.toString();
        return text.length() > 4096 ? text.substring(0, 4096) + "..." : text;
    }
}
