package org.qbi.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.image.io.Probe;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * A tiny format for the registry's tests: "QBT1", width and height as little-endian ints, then uint8 pixels.
 * Files starting "QBT1PRIO" are claimed by the priority reader too.
 */
public final class TestFormats {

    private TestFormats() {
    }

    static ChunkSource source(Path path, String format) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 12) {
            throw new FormatException(path, "shorter than the 12-byte header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        String tag = bytes.length >= 8 ? new String(bytes, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        int offset = tag.equals("PRIO") || tag.equals("TIE!") ? 4 : 0;
        int width = header.getInt(4 + offset);
        int height = header.getInt(8 + offset);
        int data = 12 + offset;
        if (width < 1 || height < 1 || (long) width * height > bytes.length - data) {
            throw new FormatException(path, "header claims " + width + " x " + height + " pixels, the file holds "
                    + (bytes.length - data) + " bytes");
        }
        ImageHeader imageHeader = ImageHeader.uncalibrated(PixelType.UINT8, width, height).withFormat(format)
                .withRescale(new Rescale(2, -10, "HU"))
                .withMetadata(Metadata.builder().put("test:width", "Width", "Test", (long) width).build());
        return new ChunkSource() {
            @Override
            public ImageHeader header() {
                return imageHeader;
            }

            @Override
            public ChunkGrid grid() {
                return ChunkGrid.planes(imageHeader.dimensions());
            }

            @Override
            public void readChunk(long[] index, MemorySegment target) {
                MemorySegment.copy(bytes, data, target, ValueLayout.JAVA_BYTE, 0, width * height);
            }
        };
    }

    public static final class MagicReader implements ImageReader {
        @Override
        public boolean canRead(Probe probe) {
            return probe.startsWith("QBT1");
        }

        @Override
        public ChunkSource open(Path path, String entry) throws IOException {
            return source(path, "TestMagic");
        }
    }

    /** Found by name; also recognises "QBT1TIE!" files, which the magic reader recognises too (a tie). */
    public static final class NamedReader implements ImageReader {
        @Override
        public boolean canRead(Probe probe) {
            return probe.startsWith("QBT1TIE!");
        }

        @Override
        public ChunkSource open(Path path, String entry) throws IOException {
            return source(path, "TestNamed");
        }
    }

    public static final class PriorityReader implements ImageReader {
        @Override
        public boolean canRead(Probe probe) {
            return probe.startsWith("QBT1PRIO");
        }

        @Override
        public ChunkSource open(Path path, String entry) throws IOException {
            return source(path, "TestPriority");
        }
    }

    /** Writes uint8 2-D images in the test format. */
    public static class MagicWriter implements ImageWriter {
        @Override
        public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
            ImageHeader header = image.header();
            if (header.pixelType() != PixelType.UINT8 || header.pixelCount() != header.size(org.qbi.core.image.Axis.X)
                    * header.size(org.qbi.core.image.Axis.Y)) {
                throw new IllegalArgumentException("The test format holds 2-D uint8 images, got " + header.describe());
            }
            MemorySegment plane = image.readPlane(0, 0, 0, java.lang.foreign.Arena.ofAuto());
            AtomicFiles.write(target, out -> {
                ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                head.put("QBT1".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                head.putInt((int) header.size(org.qbi.core.image.Axis.X)).putInt((int) header.size(org.qbi.core.image.Axis.Y));
                out.write(head.array());
                out.write(plane.toArray(ValueLayout.JAVA_BYTE));
            });
        }
    }

    /** Same format; exists to check that the longest extension wins. */
    public static final class LongerWriter extends MagicWriter {
    }
}
