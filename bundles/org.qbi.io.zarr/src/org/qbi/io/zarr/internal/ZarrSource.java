package org.qbi.io.zarr.internal;

import org.qbi.core.image.io.BlockAssembler;
import org.qbi.core.image.io.AxisLayout;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.FormatException;

/**
 * A Zarr v2 array read chunk by chunk: one QBI chunk per Zarr chunk (cropped at the array's edges), each read
 * from its own file, so reads from several threads need no locking; a missing chunk file gives the fill value.
 */
final class ZarrSource implements ChunkSource {

    private final ZarrArray array;
    private final ImageHeader header;
    private final ChunkGrid grid;
    private final BlockAssembler assembler;

    ZarrSource(ZarrArray array, ImageHeader header, AxisLayout layout) {
        this.array = array;
        this.header = header;
        long[] sizes = layout.sizes(array.shape);
        long[] chunk = { 1, 1, 1, 1, 1 };
        for (int i = 0; i < array.shape.length; i++) {
            int axis = layout.axisOfDim()[i];
            if (axis >= 0 && axis < Axis.COUNT) {
                chunk[axis] = Math.min(sizes[axis], array.chunks[i]);
            }
        }
        this.grid = new ChunkGrid(sizes, chunk);
        BlockAssembler.Store store = new BlockAssembler.Store() {
            @Override
            public long[] blockShape() {
                return array.chunks;
            }

            @Override
            public BlockAssembler.Block read(long[] index) throws IOException {
                byte[] values = array.readChunk(index);
                return values == null ? null
                        : new BlockAssembler.Block(MemorySegment.ofArray(values), array.chunks, array.fortran);
            }
        };
        this.assembler = new BlockAssembler(array.shape, layout.axisOfDim(), array.dtype.itemBytes(),
                array.dtype.swapUnit(), store, MemorySegment.ofArray(array.fill));
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] index, MemorySegment target) throws IOException {
        try {
            assembler.read(grid.origin(index), grid.size(index), header.pixelType().bytesPerPixel(), target);
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new FormatException(array.root, "cannot read chunk " + Arrays.toString(index) + ": " + e.getMessage(), e);
        }
    }
}
