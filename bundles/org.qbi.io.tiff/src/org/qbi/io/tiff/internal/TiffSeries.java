package org.qbi.io.tiff.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.image.io.FormatException;
import org.qbi.io.tiff.internal.TiffFile.Ifd;

/**
 * One image of a TIFF file: which page holds each (z, c, t) plane. Pages go on z unless ImageJ's description
 * (channels, slices, frames; channel fastest) or the OME-XML (DimensionOrder, TiffData) places them on c and t. A
 * file whose pages differ in size or type holds several series (as tifffile groups them); reduced-resolution pages
 * (NewSubfileType bit 0) form their own.
 * <p>
 * A plane is either a page decoded through TwelveMonkeys, or (ImageJ stacks over 4 GB, which keep one IFD and store
 * the other planes contiguously after the first) a raw plane at a file offset.
 */
final class TiffSeries {

    /** How the series was found: decides the format name and the calibration rules. */
    enum Kind {
        PAGES, IMAGEJ, OME
    }

    final Kind kind;
    final TiffPage first;
    /** x, y, z, c, t. */
    final long[] dims;
    /** Planes along c that one chunk (one page) holds: the page's samples when they go on c, else 1. */
    final int chunkC;
    /** Page (IFD index) of each chunk plane, z fastest, then c chunk, then t; null for raw planes. */
    final int[] pages;
    /** File offset of the first raw plane (planes in ImageJ order, one after the other), or -1. */
    final long rawStart;
    /** Bytes of one raw plane. */
    final long rawPlaneBytes;
    final ImageJInfo imageJ;
    final OmeInfo.Image ome;
    final int omeImageCount;

    private TiffSeries(Kind kind, TiffPage first, long[] dims, int chunkC, int[] pages, long rawStart, long rawPlaneBytes,
            ImageJInfo imageJ, OmeInfo.Image ome, int omeImageCount) {
        this.kind = kind;
        this.first = first;
        this.dims = dims;
        this.chunkC = chunkC;
        this.pages = pages;
        this.rawStart = rawStart;
        this.rawPlaneBytes = rawPlaneBytes;
        this.imageJ = imageJ;
        this.ome = ome;
        this.omeImageCount = omeImageCount;
    }

    /** The page (IFD index) holding chunk (z, c chunk, t), or -1 for a raw plane. */
    int page(long z, long cChunk, long t) {
        if (pages == null) {
            return -1;
        }
        long cChunks = dims[3] / chunkC;
        return pages[(int) (z + dims[2] * (cChunk + cChunks * t))];
    }

    /** The file offset of raw plane (z, c, t): ImageJ order, channel fastest. */
    long rawOffset(long z, long c, long t) {
        return rawStart + rawPlaneBytes * (c + dims[3] * (z + dims[2] * t));
    }

    /** A page of the file, validated on first use. */
    static final class Pages {
        private final TiffFile file;
        private final TiffPage[] pages;

        Pages(TiffFile file) {
            this.file = file;
            this.pages = new TiffPage[file.ifds().size()];
        }

        int count() {
            return pages.length;
        }

        TiffPage get(int index) throws FormatException {
            if (pages[index] == null) {
                pages[index] = TiffPage.of(file, file.ifds().get(index));
            }
            return pages[index];
        }

        /** A grouping key from the raw fields (no validation), for pages that may be broken. */
        String key(int index) {
            Ifd ifd = file.ifds().get(index);
            return ifd.longValue(TiffTags.IMAGE_WIDTH, -1) + "x" + ifd.longValue(TiffTags.IMAGE_LENGTH, -1) + "/"
                    + ifd.longValue(TiffTags.SAMPLES_PER_PIXEL, 1) + "/" + ifd.longValue(TiffTags.BITS_PER_SAMPLE, 1) + "/"
                    + ifd.longValue(TiffTags.SAMPLE_FORMAT, 1) + "/" + (ifd.longValue(TiffTags.NEW_SUBFILE_TYPE, 0) & 1);
        }
    }

    /** The series of {@code file}: OME-XML first, then ImageJ's description, then pages grouped by shape. */
    static List<Builder> find(TiffFile file, Pages pages, List<String> warnings) throws FormatException {
        Ifd ifd0 = file.ifds().get(0);
        OmeInfo ome = OmeInfo.parse(ifd0.text(TiffTags.IMAGE_DESCRIPTION));
        if (ome != null) {
            List<Builder> series = new ArrayList<>();
            for (OmeInfo.Image image : ome.images) {
                series.add(() -> omeSeries(file, pages, image, ome.images.size()));
            }
            return series;
        }
        ImageJInfo imageJ = ImageJInfo.of(ifd0);
        if (imageJ != null && imageJ.count("images", 1) > 1) {
            long images = imageJ.count("images", 1);
            boolean fits = images <= pages.count();
            if (fits) {
                String key = pages.key(0);
                for (int i = 1; i < images && fits; i++) {
                    fits = pages.key(i).equals(key);
                }
            }
            if (fits || pages.count() == 1) {
                return List.of(() -> imageJSeries(file, pages, imageJ));
            }
            warnings.add("the ImageJ description says images=" + images + " but the " + pages.count()
                    + " pages do not match; the pages were read as they are");
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < pages.count(); i++) {
            groups.computeIfAbsent(pages.key(i), k -> new ArrayList<>()).add(i);
        }
        List<Builder> series = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            series.add(() -> pageSeries(pages, group, imageJ));
        }
        return series;
    }

    /** Builds a series on demand (validating its pages). */
    @FunctionalInterface
    interface Builder {
        TiffSeries build() throws FormatException;
    }

    private static TiffSeries pageSeries(Pages pages, List<Integer> group, ImageJInfo imageJ) throws FormatException {
        TiffPage first = pages.get(group.getFirst());
        int[] indices = new int[group.size()];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = group.get(i);
            pages.get(indices[i]);
        }
        long[] dims = { first.width(), first.height(), group.size(), first.channels(), 1 };
        Kind kind = imageJ != null && group.getFirst() == 0 ? Kind.IMAGEJ : Kind.PAGES;
        return new TiffSeries(kind, first, dims, first.channels(), indices, -1, 0, kind == Kind.IMAGEJ ? imageJ : null, null,
                0);
    }

    private static TiffSeries imageJSeries(TiffFile file, Pages pages, ImageJInfo ij) throws FormatException {
        TiffPage first = pages.get(0);
        long images = ij.count("images", 1);
        long c = ij.count("channels", 1);
        long z = ij.count("slices", 1);
        long t = ij.count("frames", 1);
        if (c * z * t != images) {
            c = 1;
            t = 1;
            z = images;
        }
        if (first.channels() > 1 && c > 1) {
            throw new FormatException(file.path(), "the ImageJ hyperstack has " + c + " channels of " + first.channels()
                    + " samples each, which QBI does not read");
        }
        long[] dims = { first.width(), first.height(), z, c * first.channels(), t };
        if (images <= pages.count()) {
            int[] indices = new int[(int) images];
            for (int i = 0; i < images; i++) {
                indices[i] = i;
                pages.get(i);
            }
            return new TiffSeries(Kind.IMAGEJ, first, dims, first.channels(), reorder(indices, dims, first.channels()), -1,
                    0, ij, null, 0);
        }
        // ImageJ stacks over 4 GB: one IFD, the planes stored one after the other from the first strip on
        if (first.compression() != 1 || first.bitsPerSample() != 8 * first.pixelType().bytesPerSample() || first.tiled()
                || first.channels() > 1) {
            throw new FormatException(file.path(), "the ImageJ description says images=" + images + " but the file has "
                    + pages.count() + " page(s), and the first is not stored as plain contiguous samples");
        }
        long planeBytes = first.width() * first.height() * first.samplesPerPixel() * (first.bitsPerSample() / 8);
        long start = first.offsets()[0];
        long position = start;
        for (int s = 0; s < first.offsets().length; s++) {
            if (first.offsets()[s] != position) {
                throw new FormatException(file.path(), "the ImageJ description says images=" + images
                        + " in one IFD, but the first plane's strips are not contiguous");
            }
            position += first.byteCounts()[s];
        }
        long needed;
        try {
            needed = Math.addExact(start, Math.multiplyExact(planeBytes, images));
        } catch (ArithmeticException e) {
            needed = Long.MAX_VALUE;
        }
        if (needed > file.length()) {
            throw new FormatException(file.path(), "the ImageJ description says images=" + images + " of " + planeBytes
                    + " bytes stored from offset " + start + ", which needs " + (needed == Long.MAX_VALUE ? "more than 2^63"
                            : Long.toString(needed)) + " bytes, but the file has " + file.length()
                    + ": it is truncated or the description is wrong");
        }
        return new TiffSeries(Kind.IMAGEJ, first, dims, 1, null, start, planeBytes, ij, null, 0);
    }

    /**
     * ImageJ stores planes channel fastest, then slice, then frame; the series wants z fastest, then c, then t.
     * Returns, for each series plane, the ImageJ-ordered element of {@code byImageJOrder}.
     */
    private static int[] reorder(int[] byImageJOrder, long[] dims, int chunkC) {
        int z = (int) dims[2];
        int c = (int) (dims[3] / chunkC);
        int t = (int) dims[4];
        int[] out = new int[byImageJOrder.length];
        for (int ti = 0; ti < t; ti++) {
            for (int ci = 0; ci < c; ci++) {
                for (int zi = 0; zi < z; zi++) {
                    out[zi + z * (ci + c * ti)] = byImageJOrder[ci + c * (zi + z * ti)];
                }
            }
        }
        return out;
    }

    private static TiffSeries omeSeries(TiffFile file, Pages pages, OmeInfo.Image image, int imageCount)
            throws FormatException {
        String order = image.dimensionOrder().toUpperCase(Locale.ROOT);
        if (!order.matches("XY[ZCT]{3}") || order.chars().distinct().count() != 5) {
            throw new FormatException(file.path(), "the OME-XML has DimensionOrder '" + image.dimensionOrder() + "'");
        }
        if (image.tiffData().stream().anyMatch(OmeInfo.TiffData::otherFile)) {
            throw new FormatException(file.path(), "this OME-TIFF keeps planes in other files (multi-file OME-TIFF); "
                    + "QBI reads single-file OME-TIFF");
        }
        int spp = image.samplesPerChannel();
        long sizeZ = image.sizeZ();
        long sizeC = image.sizeC();
        long sizeT = image.sizeT();
        if (sizeZ < 1 || sizeC < 1 || sizeT < 1 || sizeC % spp != 0) {
            throw new FormatException(file.path(), "the OME-XML sizes Z=" + sizeZ + " C=" + sizeC + " T=" + sizeT
                    + " (samples per channel " + spp + ") are not valid");
        }
        long planeCount;
        try {
            planeCount = Math.multiplyExact(Math.multiplyExact(sizeZ, sizeC / spp), sizeT);
        } catch (ArithmeticException e) {
            planeCount = Long.MAX_VALUE;
        }
        if (planeCount > pages.count()) {
            throw new FormatException(file.path(), "the OME-XML describes " + sizeZ + " x " + (sizeC / spp) + " x " + sizeT
                    + " planes (z x c x t) but the file has " + pages.count() + " pages");
        }
        int planes = (int) planeCount;
        int[] byOmeOrder = new int[planes];
        java.util.Arrays.fill(byOmeOrder, -1);
        List<OmeInfo.TiffData> data = image.tiffData().isEmpty() ? List.of(new OmeInfo.TiffData(0, 0, 0, 0, 0, false))
                : image.tiffData();
        long cPlanes = sizeC / spp;
        for (OmeInfo.TiffData td : data) {
            int start = omeIndex(order, td.firstZ(), td.firstC(), td.firstT(), sizeZ, cPlanes, sizeT);
            int count = td.planeCount() > 0 ? td.planeCount() : planes - Math.max(0, start);
            for (int i = 0; i < count; i++) {
                int p = start + i;
                int ifd = td.ifd() + i;
                if (p < 0 || p >= planes || ifd < 0 || ifd >= pages.count()) {
                    throw new FormatException(file.path(), "the OME-XML places plane " + p + " in IFD " + ifd + ", but the image "
                            + "has " + planes + " planes and the file " + pages.count() + " pages");
                }
                byOmeOrder[p] = ifd;
            }
        }
        TiffPage first = null;
        for (int p = 0; p < planes; p++) {
            if (byOmeOrder[p] < 0) {
                throw new FormatException(file.path(), "the OME-XML places no page for plane " + p + " of " + planes);
            }
            TiffPage page = pages.get(byOmeOrder[p]);
            if (first == null) {
                first = page;
                if (page.width() != image.sizeX() || page.height() != image.sizeY()) {
                    throw new FormatException(file.path(), "the OME-XML says " + image.sizeX() + " x " + image.sizeY()
                            + " pixels, but page " + byOmeOrder[p] + " has " + page.width() + " x " + page.height());
                }
                if (page.samplesPerPixel() != spp) {
                    throw new FormatException(file.path(), "the OME-XML says " + spp + " samples per channel, but page "
                            + byOmeOrder[p] + " has " + page.samplesPerPixel());
                }
            } else if (!page.shapeKey().equals(first.shapeKey())) {
                throw new FormatException(file.path(), "the pages of the OME image differ in size or type (page "
                        + byOmeOrder[p] + ")");
            }
        }
        // samples of one page: RGB(A) as one pixel type, otherwise each sample a channel
        int chunkC = first.channels();
        long[] dims = { first.width(), first.height(), sizeZ, cPlanes * chunkC, sizeT };
        int[] indices = new int[planes];
        for (int t = 0; t < sizeT; t++) {
            for (int c = 0; c < cPlanes; c++) {
                for (int z = 0; z < sizeZ; z++) {
                    indices[(int) (z + sizeZ * (c + cPlanes * t))] = byOmeOrder[omeIndex(order, z, c, t, sizeZ, cPlanes, sizeT)];
                }
            }
        }
        return new TiffSeries(Kind.OME, first, dims, chunkC, indices, -1, 0, null, image, imageCount);
    }

    /** The linear plane index of (z, c, t) in DimensionOrder {@code order} ("XYZCT": z fastest). */
    private static int omeIndex(String order, long z, long c, long t, long sizeZ, long sizeC, long sizeT) {
        long index = 0;
        long stride = 1;
        for (int i = 2; i < 5; i++) {
            switch (order.charAt(i)) {
                case 'Z' -> {
                    index += z * stride;
                    stride *= sizeZ;
                }
                case 'C' -> {
                    index += c * stride;
                    stride *= sizeC;
                }
                default -> {
                    index += t * stride;
                    stride *= sizeT;
                }
            }
        }
        return (int) index;
    }
}
