package org.qbi.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Where an operator runs: its progress monitor, how many threads it may use, and where its output images live.
 * Outputs up to {@link #memoryBudgetBytes()} are held off-heap; larger ones are memory-mapped scratch files (in
 * {@code -Dqbi.scratch.dir} or the temporary folder, deleted at once so nothing is left behind), so a volume
 * larger than memory can still be processed: the operating system pages it.
 *
 * @param monitor           progress and cancellation
 * @param parallelism       threads the operator may use (at least 1)
 * @param memoryBudgetBytes largest output kept in memory
 * @since 0.1
 */
public record OperatorContext(ProgressMonitor monitor, int parallelism, long memoryBudgetBytes) {

    public OperatorContext {
        monitor = monitor == null ? ProgressMonitor.NULL : monitor;
        if (parallelism < 1) {
            throw new IllegalArgumentException("Parallelism must be at least 1, got " + parallelism);
        }
        if (memoryBudgetBytes < 0) {
            throw new IllegalArgumentException("The memory budget must be at least 0, got " + memoryBudgetBytes);
        }
    }

    /** All cores, the platform's off-heap budget, no progress reporting. */
    public static OperatorContext defaults() {
        return of(ProgressMonitor.NULL);
    }

    /** All cores and the platform's off-heap budget, reporting to {@code monitor}. */
    public static OperatorContext of(ProgressMonitor monitor) {
        return new OperatorContext(monitor, Runtime.getRuntime().availableProcessors(),
                PlatformInfo.offHeapBudgetBytes());
    }

    public OperatorContext withParallelism(int threads) {
        return new OperatorContext(monitor, threads, memoryBudgetBytes);
    }

    public OperatorContext withMonitor(ProgressMonitor newMonitor) {
        return new OperatorContext(newMonitor, parallelism, memoryBudgetBytes);
    }

    /**
     * A new image of zeros for an output, in memory or in a mapped scratch file (see the class comment). In-memory
     * outputs reuse the memory of released images of the same size ({@link ArrayImage#close()}).
     */
    public ArrayImage allocate(ImageHeader header) {
        return allocate(header, true);
    }

    /**
     * As {@link #allocate} for an output whose every value the operator writes before anything reads it (point
     * operations): reused memory is not zeroed first, so the values start unspecified.
     *
     * @since 0.2
     */
    public ArrayImage allocateForOverwrite(ImageHeader header) {
        return allocate(header, false);
    }

    private ArrayImage allocate(ImageHeader header, boolean zeroed) {
        long bytes = header.byteCount();
        if (bytes <= memoryBudgetBytes) {
            return zeroed ? ArrayImage.allocate(header) : ArrayImage.allocateForOverwrite(header);
        }
        try {
            Path folder = Path.of(System.getProperty("qbi.scratch.dir", System.getProperty("java.io.tmpdir")));
            Files.createDirectories(folder);
            Path file = Files.createTempFile(folder, "qbi-scratch-", ".raw");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                MemorySegment mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, bytes, Arena.ofAuto());
                return ArrayImage.wrap(header, mapped);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a scratch file for a " + bytes + "-byte output (set "
                    + "-Dqbi.scratch.dir to a folder with space): " + e.getMessage(), e);
        }
    }

    /** One unit of parallel work. */
    @FunctionalInterface
    public interface Task {
        void run(int index) throws IOException;
    }

    /**
     * Runs {@code task} for 0 .. count-1 on up to {@link #parallelism()} threads, reporting one unit of work per
     * task and checking cancellation between tasks. Tasks must write disjoint outputs. The first failure stops
     * the others and is rethrown.
     */
    public void forEach(int count, Task task) throws IOException {
        int threads = Math.min(parallelism, count);
        if (threads <= 1) {
            for (int i = 0; i < count; i++) {
                monitor.checkCanceled("operator");
                task.run(i);
                monitor.worked(1);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                try {
                    if (monitor.isCanceled()) {
                        throw new CancelledException("operator");
                    }
                    task.run(i);
                    synchronized (monitor) {
                        monitor.worked(1);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        };
        Thread[] pool = new Thread[threads - 1];
        for (int t = 0; t < pool.length; t++) {
            pool[t] = Thread.ofPlatform().name("qbi-op-" + t).daemon().start(worker);
        }
        worker.run();
        for (Thread thread : pool) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new CancelledException("operator"));
            }
        }
        Throwable t = failure.get();
        if (t != null) {
            switch (t) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error error -> throw error;
                default -> throw new IllegalStateException(t);
            }
        }
    }
}
