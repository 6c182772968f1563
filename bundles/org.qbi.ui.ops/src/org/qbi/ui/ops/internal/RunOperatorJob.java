package org.qbi.ui.ops.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.StepRecord;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.project.workspace.QbiProjects;

/**
 * One run of an operator from the form, off the UI thread with a progress bar and Cancel: opens the inputs,
 * runs the operator (its monitor reports to the job's), writes each image output as TIFF and each table as CSV
 * into the project's results/ folder under names that never overwrite ({@link ResultFiles}), and the provenance
 * record beside the first output. Cancelled or failed, it removes whatever it had written: nothing is left behind.
 * What it wrote is then handed to {@code done} (on the job's thread) to open.
 */
final class RunOperatorJob extends Job {

    /** Job family, for waiting on runs (tests, shutdown). */
    static final Object FAMILY = RunOperatorJob.class;

    /** What to run: the operator, its checked arguments, an image file per input port, the project for results. */
    record Request(Operators.Installed operator, Arguments arguments, Map<String, InputChoice> inputs,
            IProject project) {
    }

    /** What a finished run wrote: output port to file (images and tables), the tables themselves, the sidecar. */
    record Result(Map<String, Path> files, Map<String, Table> tables, Path provenance) {
    }

    private final Request request;
    private final java.util.function.Consumer<Result> done;
    private volatile Result result;

    RunOperatorJob(Request request, java.util.function.Consumer<Result> done) {
        super("Running " + request.operator().spec().name() + " on "
                + String.join(", ", request.inputs().values().stream().map(c -> c.path().getFileName().toString())
                        .toList()));
        this.request = request;
        this.done = done;
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** What the run wrote, or null until it has finished well. */
    Result result() {
        return result;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), 100);
        Instant started = Instant.now();
        List<Image> opened = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        boolean finished = false;
        try {
            ImageFormats formats = ImageFormats.installed();
            Map<String, Object> inputs = new LinkedHashMap<>();
            Map<String, StepRecord.Source> inputRecords = new LinkedHashMap<>();
            SubMonitor reading = progress.split(10).setWorkRemaining(request.inputs().size());
            for (Map.Entry<String, InputChoice> entry : request.inputs().entrySet()) {
                Path file = entry.getValue().path();
                Image image = formats.open(file, entry.getValue().entry());
                opened.add(image);
                inputs.put(entry.getKey(), image);
                inputRecords.put(entry.getKey(), new StepRecord.Source(file.toAbsolutePath().toString(),
                        Fingerprint.of(image, EclipseProgress.of(reading.split(1)))));
            }
            OperatorContext context = OperatorContext.of(EclipseProgress.of(progress.split(70)));
            Outputs outputs = request.operator().operator().apply(Inputs.of(request.operator().spec(), inputs),
                    request.arguments(), context);
            progress.checkCanceled();

            Path results = QbiProjects.layout(request.project()).results();
            Files.createDirectories(results);
            InputChoice first = request.inputs().values().stream().findFirst().orElse(null);
            String stem = first == null ? "result" : ResultFiles.stem(first.path());
            Map<String, Path> targets = ResultFiles.targets(results, stem, request.operator().spec());
            Map<String, StepRecord.Source> outputRecords = new LinkedHashMap<>();
            Map<String, Path> files = new LinkedHashMap<>();
            Map<String, Table> tables = new LinkedHashMap<>();
            SubMonitor writing = progress.split(20).setWorkRemaining(outputs.asMap().size());
            for (Map.Entry<String, Object> output : outputs.asMap().entrySet()) {
                Path target = targets.get(output.getKey());
                written.add(target);
                if (output.getValue() instanceof Image image) {
                    StepRecord.Source source = new StepRecord.Source(target.toAbsolutePath().toString(),
                            Fingerprint.of(image, EclipseProgress.of(null)));
                    // the image keeps its provenance in its own metadata too (TIFF: a private field)
                    String embedded = StepRecord.of(request.operator(), request.arguments(), inputRecords,
                            Map.of(output.getKey(), source)).embeddedJson();
                    formats.writerFor(target).write(image, target, embedded, EclipseProgress.of(writing.split(1)));
                    outputRecords.put(output.getKey(), source);
                } else if (output.getValue() instanceof Table table) {
                    writeCsv(table, target);
                    writing.split(1);
                    tables.put(output.getKey(), table);
                    outputRecords.put(output.getKey(), new StepRecord.Source(target.toAbsolutePath().toString(), ""));
                }
                files.put(output.getKey(), target);
            }
            Path firstTarget = targets.values().iterator().next();
            written.add(StepRecord.sidecar(firstTarget));
            StepRecord record = StepRecord.of(request.operator(), request.arguments(), inputRecords, outputRecords);
            Path sidecar = record.writeSidecar(firstTarget, started);
            SessionRuns.record(request.project(), sidecar); // for Save as Pipeline
            progress.done();
            result = new Result(Map.copyOf(files), Map.copyOf(tables), sidecar);
            finished = true;
            done.accept(result);
            return Status.OK_STATUS;
        } catch (CancelledException | org.eclipse.core.runtime.OperationCanceledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return Status.error(request.operator().spec().name() + " failed: " + e.getMessage(), e);
        } finally {
            if (!finished) {
                removeQuietly(written);
            }
            for (Image image : opened) {
                try {
                    image.close();
                } catch (IOException e) {
                    // the result does not depend on closing an input; its reader releases the file anyway
                }
            }
            try {
                org.eclipse.core.resources.IContainer results = org.eclipse.core.resources.ResourcesPlugin.getWorkspace()
                        .getRoot().getContainerForLocation(org.eclipse.core.runtime.IPath.fromPath(
                                QbiProjects.layout(request.project()).results()));
                (results != null ? results : request.project()).refreshLocal(IResource.DEPTH_ONE, null);
            } catch (CoreException e) {
                // the files are on disk; the Project Explorer shows them at its next refresh
            }
        }
    }

    private static void writeCsv(Table table, Path target) throws IOException {
        AtomicFiles.write(target, stream -> {
            Writer writer = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
            table.writeCsv(writer);
            writer.flush();
        });
    }

    private static void removeQuietly(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a file that cannot be removed stays; it is named after this run and never overwritten
            }
        }
    }
}
