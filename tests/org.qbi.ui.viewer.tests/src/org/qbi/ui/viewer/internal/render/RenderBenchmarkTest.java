package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The benchmark runs headless on a small volume and measures every chunking and plane (speed: see its main). */
class RenderBenchmarkTest {

    @Test
    void theBenchmarkMeasuresBothChunkingsInTheThreePlanes() throws Exception {
        List<RenderBenchmark.Measurement> results = RenderBenchmark.run(64, 0.05);
        assertEquals(6, results.size());
        for (RenderBenchmark.Measurement m : results) {
            assertTrue(m.slices() > 0 && m.seconds() > 0, m.toString());
        }
        assertEquals(SlicePlane.SAGITTAL, results.get(5).plane());
    }
}
