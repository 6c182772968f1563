package org.qbi.workflow.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Puts finished result folders in place on a thread of its own. Forcing a sample's files to disk waits for the
 * disk (milliseconds per file, tens on a busy disk), which the threads computing the next samples need not do: a
 * sample is published (forced, then renamed into place) while the next one computes. The run waits for every
 * sample before it reports; what a crash leaves unpublished is a staging folder the next run removes and redoes.
 */
public final class DeferredPublishing implements SampleRun.Publisher, AutoCloseable {

    /** Work that follows a sample's publication (the run's result sinks). */
    @FunctionalInterface
    public interface Then {
        void run() throws IOException;
    }

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qbi-results-publish");
        t.setDaemon(true);
        return t;
    });
    private final Map<Path, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    @Override
    public void publish(Path staging, Path directory) {
        pending.put(directory, CompletableFuture.runAsync(() -> {
            try {
                SampleRun.publishNow(staging, directory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, thread));
    }

    /** Runs {@code then} once {@code directory} is in place (at once when nothing is pending for it). */
    public void then(Path directory, Then then) {
        pending.compute(directory, (d, published) -> (published == null ? CompletableFuture.<Void>completedFuture(null)
                : published).thenRun(() -> {
                    try {
                        then.run();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
    }

    /**
     * Waits until {@code directory} is in place and what follows it has run.
     *
     * @return null when it was, else why not
     */
    public String await(Path directory) {
        CompletableFuture<Void> published = pending.remove(directory);
        if (published == null) {
            return null;
        }
        try {
            published.join();
            return null;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException io ? io.getCause() : e.getCause();
            return "writing its results failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}
