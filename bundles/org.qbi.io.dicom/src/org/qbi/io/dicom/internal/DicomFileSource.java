package org.qbi.io.dicom.internal;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.FormatException;

/** One DICOM file: one chunk per frame, decoded on demand with positional reads of the open file. */
final class DicomFileSource implements ChunkSource {

    private final DicomFile file;
    private final ByteSource source;
    private final FrameDecoder decoder;
    private final FileImage image;
    private final ChunkGrid grid;

    private DicomFileSource(DicomFile file, ByteSource source, FrameDecoder decoder, FileImage image) {
        this.file = file;
        this.source = source;
        this.decoder = decoder;
        this.image = image;
        long[] dims = image.header.dimensions();
        this.grid = new ChunkGrid(dims, new long[] { dims[0], dims[1], 1, dims[3], 1 });
    }

    static DicomFileSource open(Path path) throws IOException {
        return open(DicomParser.parse(path));
    }

    static DicomFileSource open(DicomFile file) throws IOException {
        PixelModule px = PixelModule.of(file);
        FileImage image = FileImage.of(file, px);
        ByteSource source = file.openSource();
        try {
            FrameDecoder decoder = new FrameDecoder(file, px, source);
            return new DicomFileSource(file, source, decoder, image);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public ImageHeader header() {
        return image.header;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] index, MemorySegment target) throws IOException {
        long[] size = grid.size(index);
        int frame = (int) (image.frameAxis == FileImage.FrameAxis.Z ? index[2] : index[4]);
        byte[] bytes;
        try {
            bytes = decoder.decode(frame, source);
        } catch (java.io.EOFException e) {
            throw new FormatException(file.path(), "frame " + (frame + 1) + " is truncated: " + e.getMessage(), e);
        }
        long expected = size[0] * size[1] * size[3] * image.header.pixelType().bytesPerPixel();
        if (bytes.length != expected) {
            throw new IllegalStateException("frame " + frame + " decoded to " + bytes.length + " bytes, expected "
                    + expected);
        }
        MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, 0, bytes.length);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
