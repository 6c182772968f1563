package org.qbi.project.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;

/** A small project: samples a1, a2 (healthy) and b1 (diseased) with an extra catalog column "age". */
final class StoreFixture {

    private StoreFixture() {
    }

    static ProjectLayout project(Path dir) throws IOException {
        ProjectLayout layout = new ProjectLayout(dir).create();
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("age");
        catalog.put(new Sample("a1", "healthy", "", List.of("raw/a1.tif"), Map.of("age", "12")));
        catalog.put(new Sample("a2", "healthy", "", List.of("raw/a2.tif"), Map.of("age", "14")));
        catalog.put(new Sample("b1", "diseased", "", List.of("raw/b1.tif"), Map.of("age", "13")));
        catalog.save(layout.catalogFile());
        return layout;
    }

    /** A per-object table: labels, volumes in mm^3 and a text column. */
    static Table regions(double... volumes) {
        double[] labels = new double[volumes.length];
        String[] shapes = new String[volumes.length];
        for (int i = 0; i < volumes.length; i++) {
            labels[i] = 10 + i;
            shapes[i] = i % 2 == 0 ? "round" : "long, thin";
        }
        return Table.builder("regions").numbers("label", "", labels).numbers("volume", "mm^3", volumes)
                .texts("shape", List.of(shapes)).build();
    }
}
