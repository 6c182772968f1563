package org.qbi.project.results;

import java.nio.file.Path;

import org.qbi.project.ProjectLayout;

/**
 * The child process of {@link ResultsCrashTest}: writes part of run "crash" (a small table and a new large one, big
 * enough for DuckDB to write row groups into the database file before the commit), says so on
 * stdout, and halts the JVM without committing, closing or running shutdown hooks.
 */
public final class CrashingRun {

    private CrashingRun() {
    }

    public static void main(String[] args) throws Exception {
        ResultsStore store = ResultsStore.open(new ProjectLayout(Path.of(args[0])));
        RunWriter run = store.startRun("crash", "sha256:crash");
        run.add("a1", "raw/a1.tif", StoreFixture.regions(1, 2, 3));
        double[] volumes = new double[Integer.parseInt(args[1])];
        double[] areas = new double[volumes.length];
        for (int i = 0; i < volumes.length; i++) {
            volumes[i] = i * 0.5;
            areas[i] = Math.sqrt(i);
        }
        run.add("a2", "raw/a2.tif", org.qbi.core.table.Table.builder("objects").numbers("volume", "mm^3", volumes)
                .numbers("area", "mm^2", areas).build());
        System.out.println("written " + (volumes.length + 3) + " rows, database file "
                + java.nio.file.Files.size(store.databaseFile()) + " bytes");
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }
}
