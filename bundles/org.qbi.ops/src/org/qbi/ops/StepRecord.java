package org.qbi.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.core.cli.JsonOutput;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.platform.PlatformInfo;

/**
 * The provenance of one operator run: which operator (id, contributing plugin and its version) with which
 * parameters (canonical text, every parameter including defaults), on which inputs and producing which outputs
 * (pixel fingerprints). Derived from the operator's declaration; pipelines (and {@code qbi op}'s sidecar file)
 * record it.
 *
 * @param operator   operator id
 * @param plugin     contributing bundle
 * @param version    its version
 * @param parameters every parameter's canonical text, in declaration order
 * @param inputs     input port name to its source (file path) and fingerprint
 * @param outputs    output port name to its target and fingerprint
 * @since 0.1
 */
public record StepRecord(String operator, String plugin, String version, Map<String, String> parameters,
        Map<String, Source> inputs, Map<String, Source> outputs) {

    /** Where one input came from or one output went, with the sha256 of its stored values. */
    public record Source(String location, String fingerprint) {
    }

    public StepRecord {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** The record of a run of {@code installed} with {@code arguments}. */
    public static StepRecord of(Operators.Installed installed, Arguments arguments, Map<String, Source> inputs,
            Map<String, Source> outputs) {
        return new StepRecord(installed.spec().id(), installed.plugin(), installed.version(), arguments.asText(), inputs,
                outputs);
    }

    /** The provenance file written beside {@code output}: {@code OUT.provenance.json}. */
    public static Path sidecar(Path output) {
        return output.resolveSibling(output.getFileName() + ".provenance.json");
    }

    /**
     * This record as JSON for the metadata of an image it made ({@link org.qbi.core.image.io.ImageWriter#write(
     * org.qbi.core.image.Image, Path, String, org.qbi.core.progress.ProgressMonitor) written into the file}), with
     * the platform and Java versions: the sidecar's content without the times (written before the run ends).
     */
    public String embeddedJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("step", this);
        document.put("platform_version", PlatformInfo.platformVersion());
        document.put("java_version", PlatformInfo.javaVersion());
        return JsonOutput.toJson(document);
    }

    /** This record with one more output (an image being written, before the others are). */
    public StepRecord withOutput(String port, Source output) {
        Map<String, Source> all = new LinkedHashMap<>(outputs);
        all.put(port, output);
        return new StepRecord(operator, plugin, version, parameters, inputs, all);
    }

    /**
     * Writes this record as JSON into {@link #sidecar(Path) output's sidecar} (atomically), with the platform and
     * Java versions and when the run started and finished (now): what {@code qbi op} and the workbench write.
     *
     * @return the sidecar file
     */
    public Path writeSidecar(Path output, Instant started) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("step", this);
        document.put("platform_version", PlatformInfo.platformVersion());
        document.put("java_version", PlatformInfo.javaVersion());
        document.put("started", started.toString());
        document.put("finished", Instant.now().toString());
        Path target = sidecar(output);
        AtomicFiles.writeString(target, JsonOutput.toJson(document) + "\n");
        return target;
    }
}
