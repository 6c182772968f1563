package org.qbi.core.image;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import org.qbi.core.platform.PlatformInfo;

/**
 * Large off-heap memory for images, zeroed without a single-threaded memset, and reused.
 * <p>
 * {@code Arena.allocate} clears every byte on the calling thread before returning; an anonymous private mapping
 * (mmap) gets its pages zeroed by the kernel on first touch instead, by the threads that write them, in parallel,
 * and is marked for transparent huge pages. On a virtual machine that first touch is still the dominant cost of an
 * operator with a 512 MB output (about 1 s per 512 MB when the host has to back the pages: measured in
 * docs/PERFORMANCE.md). So mappings are pooled: memory that is released (its {@link Lease} closed, or its segment
 * no longer reachable) goes back to a pool of at most {@link #poolLimitBytes()} bytes, and the next request of the
 * same size takes it again, re-zeroed in parallel (about 20 ms per 512 MB on 2 cores) instead of faulted in again.
 * Linux and macOS; elsewhere, or when mmap is refused, an ordinary arena allocation.
 * <p>
 * Use after release is never silent: a closed lease's segment (and every slice of it) throws
 * {@code IllegalStateException} on access.
 *
 * @since 0.1
 */
public final class ZeroedMemory {

    /**
     * Below this, an ordinary allocation is as fast. From here up, reusing a pooled mapping saves the kernel's
     * zeroing of fresh pages on first touch: a batch of 512 x 512 images (256 KB to 1 MB each) spent about 9 % of
     * its CPU there with ordinary allocations.
     */
    static final long MAPPING_THRESHOLD = 1L << 18;

    /** Pieces in which pooled memory is zeroed in parallel. */
    private static final int ZERO_PIECE = 1 << 24;

    private static final MethodHandle MMAP;
    private static final MethodHandle MUNMAP;
    /** madvise(MADV_HUGEPAGE) on Linux: 2 MB pages, 512 times fewer page faults when the memory is first written. */
    private static final MethodHandle MADVISE;
    private static final int MADV_HUGEPAGE = 14;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_PRIVATE_ANONYMOUS;

    private static final Cleaner CLEANER = Cleaner.create();

    /** Released mappings, oldest first. Guarded by itself. */
    private static final ArrayDeque<Mapping> POOL = new ArrayDeque<>();
    private static long pooledBytes;

    static {
        MethodHandle mmap = null;
        MethodHandle munmap = null;
        MethodHandle madvise = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        int flags = os.contains("linux") ? 0x02 | 0x20 : os.contains("mac") ? 0x0002 | 0x1000 : 0;
        if (flags != 0) {
            try {
                Linker linker = Linker.nativeLinker();
                mmap = linker.downcallHandle(linker.defaultLookup().find("mmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG));
                munmap = linker.downcallHandle(linker.defaultLookup().find("munmap").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
                if (os.contains("linux")) {
                    madvise = linker.downcallHandle(linker.defaultLookup().find("madvise").orElseThrow(),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                    ValueLayout.JAVA_INT));
                }
            } catch (RuntimeException | Error e) {
                // no native access here: ordinary allocations
                mmap = null;
                munmap = null;
                madvise = null;
            }
        }
        MMAP = mmap;
        MUNMAP = munmap;
        MADVISE = madvise;
        MAP_PRIVATE_ANONYMOUS = flags;
    }

    private ZeroedMemory() {
    }

    /** One anonymous mapping: its address and length. */
    private record Mapping(long address, long bytes) {
    }

    /**
     * Memory handed out until {@link #close()}: then (or when its segment is no longer reachable) it returns to
     * the pool. Closing twice is harmless.
     */
    public static final class Lease implements AutoCloseable {

        private final MemorySegment segment;
        private final Arena arena;

        private Lease(MemorySegment segment, Arena arena) {
            this.segment = segment;
            this.arena = arena;
        }

        /** The memory (64-byte aligned). Throws {@code IllegalStateException} on access after {@link #close()}. */
        public MemorySegment segment() {
            return segment;
        }

        /** Returns the memory for reuse; every access through the segment or its slices fails from now on. */
        @Override
        public void close() {
            if (arena != null && arena.scope().isAlive()) {
                try {
                    arena.close();
                } catch (IllegalStateException e) {
                    // closed meanwhile by another thread: the memory went back once
                }
            }
        }
    }

    /** {@code bytes} zeroed bytes, 64-byte aligned, returned to the pool when unreachable. */
    public static MemorySegment allocate(long bytes) {
        return lease(bytes, true).segment();
    }

    /**
     * {@code bytes} bytes, 64-byte aligned, from the pool when it has a mapping of that size.
     *
     * @param zeroed false when the caller overwrites every byte: a pooled mapping then keeps its old contents
     *               (saving the parallel zeroing); a new mapping is zero either way
     */
    public static Lease lease(long bytes, boolean zeroed) {
        if (bytes < 0) {
            throw new IllegalArgumentException("Cannot allocate " + bytes + " bytes");
        }
        if (bytes >= MAPPING_THRESHOLD && MMAP != null) {
            Mapping mapping = take(bytes);
            boolean reused = mapping != null;
            if (mapping == null) {
                mapping = map(bytes);
            }
            if (mapping != null) {
                Arena arena = Arena.ofShared();
                AtomicBoolean returned = new AtomicBoolean();
                Mapping owned = mapping;
                Runnable giveBack = () -> {
                    if (returned.compareAndSet(false, true)) {
                        release(owned);
                    }
                };
                MemorySegment segment = MemorySegment.ofAddress(mapping.address()).reinterpret(bytes, arena,
                        ignored -> giveBack.run());
                // when neither the lease nor any slice is reachable and nobody closed it: back to the pool too
                CLEANER.register(arena.scope(), giveBack);
                if (reused && zeroed) {
                    zero(segment);
                }
                return new Lease(segment, arena);
            }
        }
        return new Lease(Arena.ofAuto().allocate(Math.max(1, bytes), 64).asSlice(0, bytes), null);
    }

    /** The most memory kept for reuse: {@code -Dqbi.memory.pool} bytes, by default a quarter of the off-heap budget. */
    public static long poolLimitBytes() {
        Long configured = Long.getLong("qbi.memory.pool");
        return configured != null ? Math.max(0, configured) : Math.max(1L << 30, PlatformInfo.offHeapBudgetBytes() / 4);
    }

    /** Bytes held in the pool now (released, not handed out). */
    public static long pooledBytes() {
        synchronized (POOL) {
            return pooledBytes;
        }
    }

    /** Unmaps everything in the pool (tests; or to give memory back to the system at once). */
    public static void trim() {
        synchronized (POOL) {
            while (!POOL.isEmpty()) {
                Mapping m = POOL.removeFirst();
                pooledBytes -= m.bytes();
                unmap(m);
            }
        }
    }

    /** A pooled mapping of exactly {@code bytes} (the segment's length must equal the image's), or null. */
    private static Mapping take(long bytes) {
        synchronized (POOL) {
            Iterator<Mapping> it = POOL.descendingIterator();
            while (it.hasNext()) {
                Mapping m = it.next();
                if (m.bytes() == bytes) {
                    it.remove();
                    pooledBytes -= m.bytes();
                    return m;
                }
            }
        }
        return null;
    }

    private static void release(Mapping mapping) {
        synchronized (POOL) {
            long limit = poolLimitBytes();
            if (mapping.bytes() > limit) {
                unmap(mapping);
                return;
            }
            while (pooledBytes + mapping.bytes() > limit && !POOL.isEmpty()) {
                Mapping oldest = POOL.removeFirst();
                pooledBytes -= oldest.bytes();
                unmap(oldest);
            }
            POOL.addLast(mapping);
            pooledBytes += mapping.bytes();
        }
    }

    private static Mapping map(long bytes) {
        try {
            MemorySegment address = (MemorySegment) MMAP.invokeExact(MemorySegment.NULL, bytes, PROT_READ_WRITE,
                    MAP_PRIVATE_ANONYMOUS, -1, 0L);
            if (address.address() == -1L || address.address() == 0L) {
                return null;
            }
            if (MADVISE != null) {
                // a hint: where transparent huge pages are off or unavailable, 4 kB pages it is
                int ignored = (int) MADVISE.invokeExact(address, bytes, MADV_HUGEPAGE);
            }
            return new Mapping(address.address(), bytes);
        } catch (Throwable e) {
            return null;
        }
    }

    /** Zeroes reused memory on all cores (pages already faulted in: memory bandwidth, not page faults). */
    private static void zero(MemorySegment segment) {
        long size = segment.byteSize();
        int pieces = (int) ((size + ZERO_PIECE - 1) / ZERO_PIECE);
        if (pieces == 1) {
            segment.fill((byte) 0);
            return;
        }
        IntStream.range(0, pieces).parallel().forEach(p -> {
            long from = (long) p * ZERO_PIECE;
            segment.asSlice(from, Math.min(ZERO_PIECE, size - from)).fill((byte) 0);
        });
    }

    private static void unmap(Mapping mapping) {
        try {
            int ignored = (int) MUNMAP.invokeExact(MemorySegment.ofAddress(mapping.address()), mapping.bytes());
        } catch (Throwable e) {
            // nothing to do: the process keeps the pages until it exits
        }
    }
}
