package org.qbi.plugins.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.qbi.plugins.Dropins;
import org.qbi.plugins.DropinsEntry;
import org.qbi.plugins.PluginProblem;
import org.qbi.plugins.PluginProblems;

/** Plugins that cannot load are named with the resolver's reason, and the others keep working. */
class FailedPluginsTest {

    @TempDir
    Path dir;

    private final List<Bundle> installed = new ArrayList<>();

    private BundleContext context() {
        return FrameworkUtil.getBundle(PluginProblems.class).getBundleContext();
    }

    @AfterEach
    void uninstall() throws Exception {
        for (Bundle bundle : installed) {
            bundle.uninstall();
        }
    }

    private Bundle install(Path jar) throws Exception {
        Bundle bundle = context().installBundle(jar.toUri().toString());
        installed.add(bundle);
        return bundle;
    }

    private static PluginProblem problemOf(List<PluginProblem> problems, String name) {
        return problems.stream().filter(p -> p.symbolicName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not among the problems " + problems));
    }

    @Test
    void missingDependencyIsNamedWithTheResolversReason() throws Exception {
        install(TestBundles.jar(dir, "org.qbi.test.broken", "1.0.0", "Require-Bundle",
                "org.qbi.test.missing.dependency;bundle-version=\"[1.0.0,2.0.0)\""));
        PluginProblem problem = problemOf(PluginProblems.of(context()), "org.qbi.test.broken");
        assertEquals("1.0.0", problem.version());
        assertTrue(problem.reason().contains("org.qbi.test.missing.dependency"), problem.reason());
        assertTrue(problem.toString().startsWith("org.qbi.test.broken 1.0.0 could not be loaded: "), problem.toString());
    }

    @Test
    void wrongVersionOfAPlatformPluginIsNamed() throws Exception {
        install(TestBundles.jar(dir, "org.qbi.test.tooNew", "2.0.0", "Require-Bundle",
                "org.qbi.core;bundle-version=\"[9.0.0,10.0.0)\""));
        PluginProblem problem = problemOf(PluginProblems.of(context()), "org.qbi.test.tooNew");
        assertTrue(problem.reason().contains("org.qbi.core") && problem.reason().contains("9.0.0"), problem.reason());
    }

    @Test
    void aGoodPluginBesideABrokenOneLoads() throws Exception {
        install(TestBundles.jar(dir, "org.qbi.test.broken2", "1.0.0", "Import-Package", "org.qbi.test.nowhere"));
        Bundle good = install(TestBundles.jar(dir, "org.qbi.test.good", "1.0.0", "Require-Bundle", "org.qbi.core"));
        List<PluginProblem> problems = PluginProblems.of(context());
        assertTrue(problemOf(problems, "org.qbi.test.broken2").reason().contains("org.qbi.test.nowhere"));
        assertTrue(problems.stream().noneMatch(p -> p.symbolicName().equals("org.qbi.test.good")), problems.toString());
        assertEquals(Bundle.RESOLVED, good.getState());
    }

    @Test
    void dropinsListsPluginsWithWhatIsMissing() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("dropins/plugins"));
        TestBundles.jar(plugins, "org.qbi.test.dropped.broken", "1.0.0", "Require-Bundle",
                "org.qbi.test.absent;bundle-version=\"[1.2.0,2.0.0)\"", "Import-Package", "org.qbi.core.image,org.qbi.test.gone");
        TestBundles.jar(plugins, "org.qbi.test.dropped.good", "1.0.0", "Require-Bundle", "org.qbi.core");
        Path feature = Files.createDirectories(dir.resolve("dropins/features/org.qbi.test.feature_1.0.0"));
        Files.writeString(feature.resolve("feature.xml"),
                "<?xml version=\"1.0\"?>\n<feature id=\"org.qbi.test.feature\" version=\"1.0.0\" label=\"x\"/>");
        Files.writeString(plugins.resolve("readme.txt"), "not a plugin");

        List<DropinsEntry> entries = Dropins.list(dir.resolve("dropins"), context());

        assertEquals(3, entries.size(), entries.toString());
        DropinsEntry broken = entries.stream().filter(e -> e.id().equals("org.qbi.test.dropped.broken")).findFirst()
                .orElseThrow();
        assertEquals("NOT LOADED", broken.state());
        // only what is missing: org.qbi.core.image is exported by the running platform
        // in the order of the manifest builder: packages, then plugins
        assertEquals("needs package org.qbi.test.gone, plugin org.qbi.test.absent (version >= 1.2.0, < 2.0.0), which is "
                + "not installed", broken.problem());
        assertTrue(broken.isFailed());
        DropinsEntry good = entries.stream().filter(e -> e.id().equals("org.qbi.test.dropped.good")).findFirst()
                .orElseThrow();
        assertTrue(good.problem().contains("next start"), good.problem());
        assertFalse(good.isFailed(), "waiting for the next start is not a failure");
        DropinsEntry featureEntry = entries.stream().filter(e -> e.kind().equals("feature")).findFirst().orElseThrow();
        assertEquals("org.qbi.test.feature", featureEntry.id());
        assertEquals("1.0.0", featureEntry.version());
    }

    @Test
    void absentDropinsFolderListsNothing() {
        assertTrue(Dropins.list(dir.resolve("nothing-here"), context()).isEmpty());
    }
}
