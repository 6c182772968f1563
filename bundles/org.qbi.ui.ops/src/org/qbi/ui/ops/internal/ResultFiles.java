package org.qbi.ui.ops.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Port;
import org.qbi.ops.PortKind;
import org.qbi.ops.StepRecord;

/**
 * Where a run's outputs go in a project's results/ folder: {@code <input>-<operator id>.tif} (tables {@code .csv});
 * with several outputs, each adds its port name ({@code <input>-<operator id>-<port>.tif}). Nothing is ever
 * overwritten: when any of the names (or the provenance sidecar) exists, all of them get the next free number
 * ({@code blobs-filter.gaussian-2.tif}), so one run's files keep one name.
 */
final class ResultFiles {

    /** The format results are written in. */
    static final String IMAGE_EXTENSION = ".tif";
    static final String TABLE_EXTENSION = ".csv";

    private ResultFiles() {
    }

    /** The input's name without its extension(s): "blobs.tif" to "blobs", "head.nii.gz" to "head", "series/" to "series". */
    static String stem(Path input) {
        String name = input.getFileName().toString();
        if (Files.isDirectory(input)) {
            return name;
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String double_ : List.of(".nii.gz", ".ome.tif", ".ome.tiff", ".ome.zarr", ".tar.gz")) {
            if (lower.endsWith(double_) && name.length() > double_.length()) {
                return name.substring(0, name.length() - double_.length());
            }
        }
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The target of every output port (in declaration order), none of which exists yet, nor its sidecar. */
    static Map<String, Path> targets(Path resultsFolder, String inputStem, OperatorSpec spec) {
        for (int n = 1;; n++) {
            Map<String, Path> targets = new LinkedHashMap<>();
            for (Port port : spec.outputs()) {
                String name = inputStem + "-" + spec.id() + (spec.outputs().size() > 1 ? "-" + port.name() : "")
                        + (n > 1 ? "-" + n : "") + (port.kind() == PortKind.TABLE ? TABLE_EXTENSION : IMAGE_EXTENSION);
                targets.put(port.name(), resultsFolder.resolve(name));
            }
            Path first = targets.values().iterator().next();
            boolean free = !Files.exists(StepRecord.sidecar(first))
                    && targets.values().stream().noneMatch(Files::exists);
            if (free) {
                return targets;
            }
        }
    }
}
