package org.qbi.spark;

import java.io.IOException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.segment.ConnectedComponents;
import org.qbi.ops.segment.Connectivity;
import org.qbi.ops.segment.LabelMerge;

import scala.Tuple2;

/**
 * Connected-component labeling (segment.label) of a chunked mask volume on Spark, equal to the local operator's
 * labels voxel for voxel, numbering included:
 * <ol>
 * <li>each task labels its chunk with the local segment.label (local labels 1..n in raster order) and ships back
 * only the first voxel's index in the whole volume per local label and the chunk's six face layers;</li>
 * <li>the face layers meet per cut of the volume (a Spark shuffle keyed by the cut): one task per cut joins the
 * labels that touch across it with {@link LabelMerge#unionCut} (edges and corners included, as the cut spans the
 * whole volume) and ships back the joined pairs;</li>
 * <li>the driver merges all pairs in one {@link LabelMerge} over all chunks' labels (memory: the labels, never the
 * voxels) and numbers the objects by their first voxel in raster order, segment.label's and scipy's numbering;</li>
 * <li>each task labels its chunk again (cheaper than storing local labels) and writes the final labels through
 * the broadcast lookup into the output store.</li>
 * </ol>
 *
 * @since 0.1
 */
public final class ChunkedLabeling {

    /** What a run did: chunks, objects, pairs of local labels joined across chunk faces, tasks' own seconds. */
    public record Summary(long chunks, int objects, long joinedPairs, double taskSeconds) {
    }

    /** One chunk's local labeling as the merge needs it: first indices and the six faces (x-, x+, y-, y+, z-, z+). */
    record ChunkLabels(long chunk, long[] firstIndex, int[][] faces, double seconds) implements Serializable {
    }

    /** One face layer of one chunk on a cut: which chunk, the side (0 below the cut, 1 above), its labels. */
    record Face(int chunk, int side, long[] firstIndex, int[] labels) implements Serializable {
    }

    private ChunkedLabeling() {
    }

    /**
     * Labels the chunked Zarr mask {@code input} (non-zero = foreground) with {@code parameters} of segment.label
     * (connectivity), writing the label32 chunked Zarr volume {@code output} (replaced; same chunks).
     */
    public static Summary run(JavaSparkContext context, Map<String, String> parameters, Path input, Path output)
            throws IOException {
        String in = input.toAbsolutePath().toString();
        String out = output.toAbsolutePath().toString();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        if (grid.chunkCount() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("More than 2^31 chunks in " + in);
        }
        HashMap<String, String> texts = new HashMap<>(parameters);
        Arguments.parse(ConnectedComponents.SPEC, texts); // bad parameters fail here, before any task runs
        ImageHeader outputHeader = image.header().withPixelType(PixelType.LABEL32).withRescale(Rescale.IDENTITY);
        context.setJobDescription("QBI segment.label on " + grid.chunkCount() + " chunks of " + input.getFileName());

        // 1: local labels per chunk (kept on the executors' disks: steps 2 and the driver read them)
        JavaRDD<ChunkLabels> local = ChunkedVolume.chunks(context, grid).map(n -> labelChunk(in, texts, n))
                .persist(StorageLevel.DISK_ONLY());
        try {
            long[][] firsts = new long[(int) grid.chunkCount()][];
            double[] seconds = { 0 };
            local.map(c -> new Tuple2<>(c.chunk(), new Tuple2<>(c.firstIndex(), c.seconds()))).collect().forEach(t -> {
                firsts[(int) (long) t._1()] = t._2()._1();
                seconds[0] += t._2()._2();
            });
            // 2: the faces meet per cut; each cut's task ships the label pairs that touch across it
            int cuts = cutCount(grid);
            List<long[]> pairs = cuts == 0 ? List.of()
                    : local.flatMapToPair(c -> faces(in, c).iterator())
                            .groupByKey(Math.max(1, Math.min(cuts, context.defaultParallelism() * 4)))
                            .flatMap(cut -> joinCut(in, texts, cut._1(), cut._2()).iterator()).collect();
            // 3: one merge over all chunks' labels: the final numbering
            LabelMerge merge = new LabelMerge(firsts);
            for (long[] p : pairs) {
                merge.union((int) p[0], (int) p[1], (int) p[2], (int) p[3]);
            }
            LabelMerge.Relabeling relabeling = merge.relabel();
            // 4: final labels, chunk by chunk
            ChunkedVolume.writer(grid).create(outputHeader, output);
            ChunkedVolume.forget(out);
            Broadcast<int[][]> lookup = context.broadcast(relabeling.lookup());
            try {
                List<Double> written = ChunkedVolume.chunks(context, grid)
                        .map(n -> writeChunk(in, out, texts, n, lookup.value()[(int) (long) n])).collect();
                seconds[0] += written.stream().mapToDouble(Double::doubleValue).sum();
            } finally {
                lookup.destroy();
            }
            return new Summary(grid.chunkCount(), relabeling.count(), pairs.size(), seconds[0]);
        } finally {
            local.unpersist(false);
        }
    }

    /** segment.label on one chunk, by itself (one thread: the executor's other cores run other chunks). */
    private static ArrayImage localLabels(Image source, ChunkGrid grid, long[] index, Map<String, String> texts)
            throws IOException {
        ArrayImage mask = ChunkedVolume.readChunk(source, grid, index);
        return (ArrayImage) new ConnectedComponents().apply(Inputs.ofImage(ConnectedComponents.SPEC, mask),
                Arguments.parse(ConnectedComponents.SPEC, texts),
                OperatorContext.of(ProgressMonitor.NULL).withParallelism(1)).image("labels");
    }

    private static ChunkLabels labelChunk(String in, Map<String, String> texts, long n) throws IOException {
        long start = System.nanoTime();
        Image source = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(source, in);
        long[] index = grid.index(n);
        long[] origin = grid.origin(index);
        long[] size = grid.size(index);
        long[] dims = source.header().dimensions();
        try (ArrayImage labels = localLabels(source, grid, index, texts)) {
            MemorySegment values = labels.values();
            int sx = (int) size[0];
            int sy = (int) size[1];
            int sz = (int) size[2];
            // local labels are numbered in the chunk's raster order, which is the volume's raster order within it
            long[] first = new long[64];
            int count = 0;
            for (int z = 0; z < sz; z++) {
                for (int y = 0; y < sy; y++) {
                    long row = (long) sx * (y + (long) sy * z);
                    for (int x = 0; x < sx; x++) {
                        int label = values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, row + x);
                        if (label == count + 1) {
                            count++;
                            if (count == first.length) {
                                first = Arrays.copyOf(first, first.length * 2);
                            }
                            first[count] = (origin[0] + x) + dims[0] * ((origin[1] + y) + dims[1] * (origin[2] + z));
                        }
                    }
                }
            }
            int[][] faces = new int[6][];
            for (int axis = 0; axis < 3; axis++) {
                faces[2 * axis] = face(values, size, axis, 0);
                faces[2 * axis + 1] = face(values, size, axis, (int) size[axis] - 1);
            }
            return new ChunkLabels(n, Arrays.copyOf(first, count + 1), faces, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The in-plane axes of a cut normal to {@code axis}: the other two, lower first. */
    private static int[] inPlane(int axis) {
        return switch (axis) {
            case 0 -> new int[] { 1, 2 };
            case 1 -> new int[] { 0, 2 };
            default -> new int[] { 0, 1 };
        };
    }

    /** The labels of layer {@code at} normal to {@code axis} of a chunk of {@code size}, in-plane axes u fastest. */
    private static int[] face(MemorySegment labels, long[] size, int axis, int at) {
        int[] uv = inPlane(axis);
        int nu = (int) size[uv[0]];
        int nv = (int) size[uv[1]];
        int[] face = new int[nu * nv];
        int[] p = new int[3];
        p[axis] = at;
        for (int v = 0; v < nv; v++) {
            p[uv[1]] = v;
            for (int u = 0; u < nu; u++) {
                p[uv[0]] = u;
                face[u + nu * v] = labels.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED,
                        p[0] + size[0] * (p[1] + size[1] * p[2]));
            }
        }
        return face;
    }

    private static int cutCount(ChunkGrid grid) {
        long[] counts = grid.chunkCounts();
        return (int) (counts[0] - 1 + counts[1] - 1 + counts[2] - 1);
    }

    /** Cut key: axis * 2^31 + the number of the chunk layer below the cut. */
    private static List<Tuple2<Long, Face>> faces(String in, ChunkLabels chunk) {
        ChunkGrid grid = ChunkedVolume.grid(ChunkedVolume.open(in), in);
        long[] index = grid.index(chunk.chunk());
        long[] counts = grid.chunkCounts();
        List<Tuple2<Long, Face>> faces = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            if (index[axis] > 0) { // first layer: above the cut below this chunk
                faces.add(new Tuple2<>(((long) axis << 31) + index[axis] - 1,
                        new Face((int) chunk.chunk(), 1, chunk.firstIndex(), chunk.faces()[2 * axis])));
            }
            if (index[axis] < counts[axis] - 1) { // last layer: below the cut above this chunk
                faces.add(new Tuple2<>(((long) axis << 31) + index[axis],
                        new Face((int) chunk.chunk(), 0, chunk.firstIndex(), chunk.faces()[2 * axis + 1])));
            }
        }
        return faces;
    }

    /**
     * The pairs of (chunk, local label) that touch across one whole cut, each as {chunk, label, chunk, label}: the
     * cut's two layers assembled from the chunks' faces, joined by {@link LabelMerge#unionCut}, and every label that
     * got joined paired with its object's first member.
     */
    private static List<long[]> joinCut(String in, Map<String, String> texts, long key, Iterable<Face> faces) {
        Image source = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(source, in);
        long[] dims = source.header().dimensions();
        int axis = (int) (key >>> 31);
        int[] uv = inPlane(axis);
        int width = (int) dims[uv[0]];
        int height = (int) dims[uv[1]];
        boolean threeD = dims[Axis.Z.ordinal()] > 1;
        Connectivity connectivity = Connectivity.of(Arguments.parse(ConnectedComponents.SPEC, texts)
                .get(ConnectedComponents.CONNECTIVITY), threeD);
        List<Face> all = new ArrayList<>();
        faces.forEach(all::add);
        all.sort((a, b) -> a.chunk() != b.chunk() ? Integer.compare(a.chunk(), b.chunk()) : Integer.compare(a.side(), b.side()));
        Map<Integer, Integer> blockOf = new HashMap<>();
        List<long[]> firsts = new ArrayList<>();
        List<Integer> chunkOf = new ArrayList<>();
        for (Face f : all) {
            blockOf.computeIfAbsent(f.chunk(), c -> {
                firsts.add(f.firstIndex());
                chunkOf.add(c);
                return firsts.size() - 1;
            });
        }
        int[][] blocks = { new int[width * height], new int[width * height] };
        int[][] labels = { new int[width * height], new int[width * height] };
        for (Face f : all) {
            long[] index = grid.index(f.chunk());
            long[] origin = grid.origin(index);
            long[] size = grid.size(index);
            int u0 = (int) origin[uv[0]];
            int v0 = (int) origin[uv[1]];
            int nu = (int) size[uv[0]];
            int block = blockOf.get(f.chunk());
            for (int v = 0; v < size[uv[1]]; v++) {
                int to = u0 + width * (v0 + v);
                Arrays.fill(blocks[f.side()], to, to + nu, block);
                System.arraycopy(f.labels(), nu * v, labels[f.side()], to, nu);
            }
        }
        LabelMerge merge = new LabelMerge(firsts.toArray(long[][]::new));
        merge.unionCut(blocks[0], labels[0], blocks[1], labels[1], width, height, connectivity);
        int[][] lookup = merge.relabel().lookup();
        Map<Integer, long[]> representative = new HashMap<>();
        List<long[]> pairs = new ArrayList<>();
        for (int b = 0; b < lookup.length; b++) {
            for (int l = 1; l < lookup[b].length; l++) {
                long[] member = { chunkOf.get(b), l };
                long[] first = representative.putIfAbsent(lookup[b][l], member);
                if (first != null) {
                    pairs.add(new long[] { first[0], first[1], member[0], member[1] });
                }
            }
        }
        return pairs;
    }

    private static double writeChunk(String in, String out, Map<String, String> texts, long n, int[] lookup)
            throws IOException {
        long start = System.nanoTime();
        Image source = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(source, in);
        long[] index = grid.index(n);
        try (ArrayImage labels = localLabels(source, grid, index, texts)) {
            MemorySegment values = labels.values();
            long count = values.byteSize() / 4;
            for (long i = 0; i < count; i++) {
                int label = values.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
                if (label != 0) {
                    values.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, lookup[label]);
                }
            }
            ImageHeader header = source.header().withPixelType(PixelType.LABEL32).withRescale(Rescale.IDENTITY);
            ChunkedVolume.writer(grid).writeChunk(Path.of(out), header, index, labels);
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
