package org.qbi.ui.ops.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.progress.CancelledException;
import org.qbi.io.ImageFormats;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockOperator;
import org.qbi.project.workspace.EclipseProgress;

/**
 * Computes the preview in the background: the operator on a crop of the current slice ({@link PreviewCrop}).
 * {@link #request} replaces what is pending, cancels a computation under way and starts after a short delay,
 * so typing in the form computes only the last values. The result goes to {@code show} with the request it
 * answers; a cancelled or superseded computation delivers nothing.
 */
final class PreviewJob extends Job {

    /** Delay after the last change before computing (ms). */
    static final long DEBOUNCE_MS = 250;

    /** Job family, for waiting on previews (tests). */
    static final Object FAMILY = PreviewJob.class;

    /**
     * What to preview: the operator and arguments; the image on screen (its first input) at z, c, t; images for
     * its other inputs by port.
     */
    record Request(Operators.Installed operator, Arguments arguments, InputChoice shown, long[] position,
            Map<String, InputChoice> others) {
    }

    /** Before and after over the shown square (width x height, x fastest), or why there is no preview. */
    record Result(Request request, int width, int height, float[] before, float[] after, PreviewCrop crop,
            String problem, long millis) {
    }

    private final Consumer<Result> show;
    private volatile Request pending;
    private volatile boolean disposed;
    /** The image shown, kept open between previews (a DICOM series is slow to open); used on the job's thread only. */
    private Image open;
    private InputChoice openChoice;

    PreviewJob(Consumer<Result> show) {
        super("Operator preview");
        this.show = show;
        setSystem(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    /** Computes {@code request} soon, abandoning what was pending or under way. */
    void request(Request request) {
        pending = request;
        cancel();
        schedule(DEBOUNCE_MS);
    }

    /** Drops what is pending (the form shows no preview now). */
    void clear() {
        pending = null;
        cancel();
    }

    /** Drops what is pending and closes the image kept open (the form is closed). */
    void dispose() {
        disposed = true;
        pending = null;
        cancel();
        schedule();
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        Request request = pending;
        if (disposed) {
            closeOpen();
            return Status.OK_STATUS;
        }
        if (request == null || monitor.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        Result result;
        try {
            if (!request.shown().equals(openChoice)) {
                closeOpen();
                open = ImageFormats.installed().open(request.shown().path(), request.shown().entry());
                openChoice = request.shown();
            }
            result = compute(request, open, monitor);
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            result = new Result(request, 0, 0, null, null, null, e.getMessage(), 0);
        }
        if (monitor.isCanceled() || pending != request) {
            return Status.CANCEL_STATUS;
        }
        show.accept(result);
        return Status.OK_STATUS;
    }

    private void closeOpen() {
        if (open != null) {
            try {
                open.close();
            } catch (IOException e) {
                // nothing depends on it any more; the reader releases its file with it
            }
            open = null;
            openChoice = null;
        }
    }

    /** The preview of {@code request} on {@code image}, the image shown (on this thread). */
    static Result compute(Request request, Image image, IProgressMonitor monitor) throws IOException {
        long started = System.nanoTime();
        ImageFormats formats = ImageFormats.installed();
        List<Image> opened = new ArrayList<>();
        try {
            ImageHeader header = image.header();
            int[] halo = request.operator().operator() instanceof BlockOperator block
                    ? block.halo(header, request.arguments())
                    : null;
            long[] at = request.position();
            PreviewCrop crop = PreviewCrop.of(header, at[0], at[1], at[2], halo);
            List<Port> ports = request.operator().spec().inputs();
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put(ports.getFirst().name(), crop.read(image));
            for (Map.Entry<String, InputChoice> other : request.others().entrySet()) {
                Image more = formats.open(other.getValue().path(), other.getValue().entry());
                opened.add(more);
                if (!crop.fits(more.header().dimensions())) {
                    return new Result(request, 0, 0, null, null, crop, "No preview: input '" + other.getKey()
                            + "' is smaller than the image shown", 0);
                }
                inputs.put(other.getKey(), crop.read(more));
            }
            OperatorContext context = OperatorContext.of(EclipseProgress.of(monitor));
            Outputs outputs = request.operator().operator().apply(Inputs.of(request.operator().spec(), inputs),
                    request.arguments(), context);
            Image after = outputs.asMap().values().stream().filter(Image.class::isInstance).map(Image.class::cast)
                    .findFirst().orElse(null);
            if (after == null) {
                return new Result(request, 0, 0, null, null, crop, "No preview: " + request.operator().spec().name()
                        + " gives tables only", 0);
            }
            if (!java.util.Arrays.equals(after.header().dimensions(), crop.size())) {
                return new Result(request, 0, 0, null, null, crop, "No preview: the output's size differs from the "
                        + "input's (" + request.operator().spec().name() + " changes the geometry)", 0);
            }
            float[] before = crop.shownValues((Image) inputs.get(ports.getFirst().name()));
            float[] result = crop.shownValues(after);
            return new Result(request, crop.shownSize()[0], crop.shownSize()[1], before, result, crop, null,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            for (Image other : opened) {
                other.close();
            }
        }
    }
}
