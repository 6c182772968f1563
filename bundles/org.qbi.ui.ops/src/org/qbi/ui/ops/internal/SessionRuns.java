package org.qbi.ui.ops.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.SessionRecording;

/**
 * What the user ran from the Operators palette and form in this workbench session, per project: the provenance
 * sidecar of each finished run, oldest first (cancelled and failed runs wrote none and are not recorded). "Save as
 * Pipeline..." turns them into a pipeline file ({@link SessionRecording}). Thread-safe: runs finish on job threads.
 */
final class SessionRuns {

    private static final List<Run> RUNS = new ArrayList<>();

    private record Run(IProject project, Path sidecar) {
    }

    private SessionRuns() {
    }

    /** Records a finished run of {@code project}. */
    static synchronized void record(IProject project, Path sidecar) {
        RUNS.add(new Run(project, sidecar));
    }

    /** The sidecars of {@code project}'s runs still on disk, oldest first. */
    static synchronized List<Path> sidecars(IProject project) {
        return RUNS.stream().filter(r -> r.project().equals(project)).map(Run::sidecar).filter(Files::isRegularFile)
                .toList();
    }

    /** The project of the latest run, or null when nothing was run. */
    static synchronized IProject latestProject() {
        return RUNS.isEmpty() ? null : RUNS.getLast().project();
    }

    /** Forgets the runs of {@code project} (a new recording starts). */
    static synchronized void clear(IProject project) {
        RUNS.removeIf(r -> r.project().equals(project));
    }

    /**
     * Writes the recorded runs of {@code project} as pipelines/NAME.yaml.
     *
     * @throws IllegalArgumentException when nothing is recorded, the name is not a pipeline name or the file exists
     */
    static Path saveAsPipeline(IProject project, String name) throws IOException, CoreException {
        List<Path> sidecars = sidecars(project);
        List<String> images = SessionRecording.externalInputs(sidecars).stream()
                .map(p -> p.getFileName().toString()).toList();
        Pipeline pipeline = SessionRecording.toPipeline(name, "Recorded in the Process perspective on "
                + String.join(", ", images), sidecars);
        Path file = QbiProjects.layout(project).pipelines().resolve(name + ".yaml");
        if (Files.exists(file)) {
            throw new IllegalArgumentException(file + " exists already; choose another name");
        }
        Files.createDirectories(file.getParent());
        PipelineFile.write(pipeline, file);
        project.getFolder("pipelines").refreshLocal(IResource.DEPTH_ONE, null);
        return file;
    }
}
