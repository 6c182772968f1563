package org.qbi.project.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.FileLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.qbi.project.ProjectLayout;

/**
 * A real crash: a second JVM writes half a run and halts (no commit, no close, no shutdown hooks); the store
 * opened afterwards holds the earlier run unchanged and nothing of the crashed one.
 */
class ResultsCrashTest {

    @TempDir
    Path tmp;

    /** Bundles the child needs: the store, its libraries (Commons CSV needs IO and Codec) and this fragment. */
    private static final Set<String> CHILD_BUNDLES = Set.of("org.qbi.core", "org.qbi.project", "org.qbi.project.tests",
            "org.qbi.duckdb", "org.apache.commons.commons-csv", "org.apache.commons.commons-io",
            "org.apache.commons.commons-codec");

    /**
     * The folder of DuckDB's native library, as the framework extracted it from the driver bundle's native code:
     * the child's java.library.path (the driver loads it with System.loadLibrary).
     */
    private static String nativeLibraryFolder() throws IOException {
        for (Bundle bundle : FrameworkUtil.getBundle(ResultsCrashTest.class).getBundleContext().getBundles()) {
            if (bundle.getSymbolicName().equals("org.qbi.duckdb")) {
                java.net.URL entry = bundle.getEntry("native/linux/x86_64/libduckdb_java.so");
                assertTrue(entry != null, "the driver bundle carries the library as native code");
                return Path.of(FileLocator.toFileURL(entry).getPath()).getParent().toString();
            }
        }
        throw new AssertionError("no bundle org.qbi.duckdb");
    }

    /** The class path of the child: those bundles, wherever this OSGi runtime has them (jar or project folder). */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        Set<String> found = new java.util.HashSet<>();
        for (Bundle bundle : FrameworkUtil.getBundle(ResultsCrashTest.class).getBundleContext().getBundles()) {
            if (!CHILD_BUNDLES.contains(bundle.getSymbolicName()) || !found.add(bundle.getSymbolicName())) {
                continue;
            }
            File location = FileLocator.getBundleFileLocation(bundle).orElseThrow(
                    () -> new AssertionError("no file for bundle " + bundle.getSymbolicName()));
            entries.add(location.getAbsolutePath());
            for (String output : List.of("target/classes", "target/duckdb", "bin")) {
                Path folder = location.toPath().resolve(output);
                if (Files.isDirectory(folder)) {
                    entries.add(folder.toString());
                }
            }
        }
        assertEquals(CHILD_BUNDLES, found, "the bundles the child process needs");
        return String.join(File.pathSeparator, entries);
    }

    @Test
    void aProcessThatDiesMidRunLeavesNoneOfItsRows() throws Exception {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project); RunWriter run = store.startRun("r1", "h1")) {
            run.add("a1", "raw/a1.tif", StoreFixture.regions(1, 2));
            run.commit();
        }

        long sizeBefore = Files.size(project.results().resolve(ResultsStore.DATABASE_FILE));
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        // whatever the child leaves in java.io.tmpdir when it halts stays in this test's folder
        Path childTmp = Files.createDirectories(tmp.resolve("child-tmp"));
        Process child = new ProcessBuilder(javaCommand, "--enable-native-access=ALL-UNNAMED",
                "-Djava.io.tmpdir=" + childTmp, "-Djava.library.path=" + nativeLibraryFolder(), "-cp", classPath(),
                CrashingRun.class.getName(), project.root().toString(), "2000000").redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child finishes");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(3, child.exitValue(), output);
        assertTrue(output.contains("written 2000003 rows"), output);
        java.util.regex.Matcher size = java.util.regex.Pattern.compile("database file (\\d+) bytes").matcher(output);
        assertTrue(size.find(), output);
        assertTrue(Long.parseLong(size.group(1)) > sizeBefore + 1_000_000, "DuckDB wrote the uncommitted row groups "
                + "into the file before the crash (" + sizeBefore + " bytes before): the case worth testing. " + output);

        try (ResultsStore store = ResultsStore.open(project)) {
            assertEquals(List.of("regions"), store.tables(), "the table the crashed run created is gone");
            assertEquals(2, store.rowCount("regions"), "only r1's rows");
            assertEquals(List.of("r1"), store.runs().stream().map(RunRecord::runId).toList());
            assertEquals(0, (long) store.query("SELECT count(*) FROM regions WHERE run_id = 'crash'").columns()
                    .getFirst().number(0));
        }
    }
}
