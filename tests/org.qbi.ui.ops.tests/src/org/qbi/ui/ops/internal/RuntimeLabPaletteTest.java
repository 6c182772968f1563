package org.qbi.ui.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.qbi.ops.Operators;
import org.qbi.ui.ops.testlab.RuntimeLabOperator;

/**
 * A lab bundle installed and started while the workbench runs (as p2 does when changes are applied without a
 * restart, or a developer does from the OSGi console) shows its operator in the Operators palette at once, and
 * leaves it when uninstalled: the palette follows the extension registry.
 */
class RuntimeLabPaletteTest {

    private static final String OPERATOR_CLASS = RuntimeLabOperator.class.getName().replace('.', '/') + ".class";

    @TempDir
    Path dir;

    /** A bundle jar carrying a copy of RuntimeLabOperator and a plugin.xml contributing it. */
    private Path labBundle() throws Exception {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.qbi.testlab.runtime;singleton:=true");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Require-Bundle", "org.qbi.core,org.qbi.ops");
        String pluginXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <?eclipse version="3.4"?>
                <plugin>
                   <extension point="org.qbi.operators">
                      <operator class="org.qbi.ui.ops.testlab.RuntimeLabOperator"/>
                   </extension>
                </plugin>
                """;
        Path jar = dir.resolve("org.qbi.testlab.runtime_1.0.0.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream operatorClass = RuntimeLabOperator.class.getClassLoader().getResourceAsStream(OPERATOR_CLASS)) {
            assertNotNull(operatorClass, OPERATOR_CLASS);
            out.putNextEntry(new JarEntry("plugin.xml"));
            out.write(pluginXml.getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry(OPERATOR_CLASS));
            operatorClass.transferTo(out);
        }
        return jar;
    }

    private static boolean shown(OperatorsView palette, String id) {
        return palette.shownGroups().stream().flatMap(g -> g.children().stream())
                .anyMatch(o -> o instanceof Operators.Installed i && i.spec().id().equals(id));
    }

    @Test
    void anOperatorOfABundleInstalledAtRunTimeAppearsAndLeaves() throws Exception {
        OperatorsView palette = OpsUi.palette();
        palette.filter().setText("");
        processEvents();
        assertFalse(shown(palette, "testlab.runtime"), "not there before the lab bundle is installed");

        BundleContext context = FrameworkUtil.getBundle(OperatorsView.class).getBundleContext();
        Bundle lab = context.installBundle(labBundle().toUri().toString());
        try {
            lab.start();
            waitFor("the palette shows the runtime lab's operator", () -> shown(palette, "testlab.runtime"));
            PaletteModel.Group group = palette.shownGroups().stream().filter(g -> g.name().equals("Runtime lab"))
                    .findFirst().orElseThrow();
            Operators.Installed installed = (Operators.Installed) group.children().getFirst();
            assertEquals("org.qbi.testlab.runtime", installed.plugin(), "named by the bundle that contributes it");
            // the class came from the new bundle, not from this fragment
            assertEquals(lab, FrameworkUtil.getBundle(installed.operator().getClass()));
        } finally {
            lab.uninstall();
        }
        waitFor("the palette drops the operator of the uninstalled bundle", () -> !shown(palette, "testlab.runtime"));
    }
}
