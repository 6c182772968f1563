package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.qbi.core.platform.PlatformInfo;

/**
 * Decoded chunks kept off-heap, least recently used first out, within a byte budget. The shared cache's
 * budget is the platform's off-heap budget ({@code -Dqbi.offheap.budget}, set by the start scripts from
 * the machine's RAM), so memory use is set by the budget, not by the size of the images.
 * <p>
 * Evicted chunks are only dropped from the cache: a reader still holding one keeps it valid (segments come
 * from automatic arenas and are freed when unreachable). Thread-safe; two threads asking for the same missing
 * chunk may both decode it, and one result is kept.
 *
 * @since 0.1
 */
public final class ChunkCache {

    /** Identifies one chunk of one open image. */
    record Key(Object image, long chunk) {
    }

    /** Decodes a chunk on a miss. */
    @FunctionalInterface
    interface Loader {
        MemorySegment load() throws IOException;
    }

    private static final ChunkCache SHARED = new ChunkCache(PlatformInfo.offHeapBudgetBytes());

    private volatile long budgetBytes;
    private final LinkedHashMap<Key, MemorySegment> chunks = new LinkedHashMap<>(64, 0.75f, true);
    private long usedBytes;
    private long hits;
    private long misses;

    public ChunkCache(long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("A chunk cache needs a positive budget, got " + budgetBytes + " bytes");
        }
        this.budgetBytes = budgetBytes;
    }

    /** The cache all file-backed images share. */
    public static ChunkCache shared() {
        return SHARED;
    }

    MemorySegment get(Key key, Loader loader) throws IOException {
        synchronized (this) {
            MemorySegment cached = chunks.get(key);
            if (cached != null) {
                hits++;
                return cached;
            }
            misses++;
        }
        MemorySegment loaded = loader.load().asReadOnly();
        synchronized (this) {
            MemorySegment raced = chunks.putIfAbsent(key, loaded);
            if (raced != null) {
                return raced;
            }
            usedBytes += loaded.byteSize();
            evictOver(budgetBytes);
        }
        return loaded;
    }

    /** Allocates an off-heap segment for a chunk, freed when no longer reachable. */
    static MemorySegment allocate(long bytes) {
        return ZeroedMemory.allocate(bytes);
    }

    /** Drops every chunk of {@code image} (when it is closed). */
    synchronized void invalidate(Object image) {
        Iterator<Map.Entry<Key, MemorySegment>> it = chunks.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, MemorySegment> entry = it.next();
            if (entry.getKey().image() == image) {
                usedBytes -= entry.getValue().byteSize();
                it.remove();
            }
        }
    }

    private void evictOver(long limit) {
        Iterator<Map.Entry<Key, MemorySegment>> it = chunks.entrySet().iterator();
        while (usedBytes > limit && chunks.size() > 1 && it.hasNext()) {
            usedBytes -= it.next().getValue().byteSize();
            it.remove();
        }
    }

    public long budgetBytes() {
        return budgetBytes;
    }

    /**
     * Changes the budget (the workbench applies its preference); a smaller budget evicts at once.
     *
     * @throws IllegalArgumentException when {@code bytes} is not positive
     */
    public synchronized void setBudgetBytes(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("A chunk cache needs a positive budget, got " + bytes + " bytes");
        }
        budgetBytes = bytes;
        evictOver(bytes);
    }

    /** Drops every chunk (a long-running process between jobs: the memory goes back once unreachable). */
    public synchronized void clear() {
        chunks.clear();
        usedBytes = 0;
    }

    public synchronized long usedBytes() {
        return usedBytes;
    }

    /** Lookups answered from the cache. */
    public synchronized long hits() {
        return hits;
    }

    /** Lookups that decoded the chunk. */
    public synchronized long misses() {
        return misses;
    }
}
