package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IConfigurationElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.registry.ClasspathRegistry;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.stats.Analyses;

/**
 * The extension registry on a plain JVM (no OSGi): the bundles' jars on this test's class path are read from their
 * plugin.xml files, the same declarations the workbench reads. The expected contributions are counted independently
 * in the bundles' plugin.xml sources of the repository.
 */
class ClasspathRegistryTest {

    private static final Path BUNDLES = Path.of(System.getProperty("qbi.examples.project")).getParent().getParent();

    @Test
    void operatorsAndMeasurementsLoadFromTheirPluginXml() throws IOException {
        Operators operators = Operators.installed();
        assertEquals(List.of(), operators.problems());
        Set<String> declared = declaredClasses("operator", "measurement");
        Set<String> loaded = operators.all().stream().map(i -> i.operator().getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(declared, loaded);
        assertTrue(declared.size() >= 80, "expected the 80 built-in operators and 3 measurements, found " + declared);
        for (Operators.Installed installed : operators.all()) {
            assertTrue(installed.plugin().startsWith("org.qbi."), installed.plugin());
            // the version comes from the contributing jar's manifest (no OSGi here)
            assertTrue(installed.version().matches("0\\.1\\.0\\.\\d{12}|0\\.1\\.0\\.qualifier"), installed.version());
        }
    }

    @Test
    void readersAndAnalysesLoadFromTheirPluginXml() throws IOException {
        ImageFormats formats = ImageFormats.installed();
        Set<String> readerIds = formats.readers().stream().map(ImageFormats.Format::id).collect(Collectors.toSet());
        assertEquals(declaredIds("reader"), readerIds);
        assertEquals(declaredIds("writer"), formats.writers().stream().map(ImageFormats.Format::id)
                .collect(Collectors.toSet()));
        Analyses analyses = Analyses.installed();
        assertEquals(List.of(), analyses.problems());
        assertEquals(declaredClasses("analysis").size(), analyses.all().size());
    }

    @Test
    void anOperatorRunsOnAnImageAReaderOpened() throws IOException {
        Path blobs = Path.of(System.getProperty("qbi.examples.project"), "raw/microscopy/blobs.tif");
        try (Image image = ImageFormats.installed().open(blobs, null)) {
            assertEquals(256, image.header().size(Axis.X));
            assertEquals(254, image.header().size(Axis.Y));
            Outputs outputs = Operators.installed().run("threshold.otsu", Map.of("image", image), Map.of(),
                    OperatorContext.of(ProgressMonitor.NULL));
            Image mask = (Image) outputs.asMap().get("mask");
            // skimage.filters.threshold_otsu(blobs) = 120 on the stored values; pixels above it:
            // (blobs > 120).sum() = 22,243 (src/test/data/README.md)
            long above = 0;
            ArrayImage values = ArrayImage.copyOf(mask);
            for (long i = 0; i < 256L * 254; i++) {
                above += PixelValues.get(mask.header().pixelType(), values.values(), i) != 0 ? 1 : 0;
            }
            assertEquals(EXPECTED_OTSU_FOREGROUND, above);
        }
    }

    /** (blobs > threshold_otsu(blobs)).sum() with scikit-image on raw/microscopy/blobs.tif. */
    static final long EXPECTED_OTSU_FOREGROUND = 22243;

    @Test
    void aLabPluginJarOnAChildClassLoaderContributes(@TempDir Path dir) throws Exception {
        // a lab's plugin jar as spark-submit --jars adds it: a class loader of its own above the job's
        Path jar = dir.resolve("lab.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "edu.lab.formats;singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", "2.3.0");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("plugin.xml"));
            out.write(("<?xml version=\"1.0\"?><plugin><extension point=\"org.qbi.readers\">"
                    + "<reader id=\"edu.lab.npy\" name=\"Lab NumPy\" class=\"org.qbi.io.numpy.internal.NpyReader\""
                    + " extensions=\".labnpy\" priority=\"5\"/></extension></plugin>").getBytes(StandardCharsets.UTF_8));
        }
        try (URLClassLoader lab = new URLClassLoader(new URL[] { jar.toUri().toURL() },
                ClasspathRegistryTest.class.getClassLoader())) {
            ClasspathRegistry registry = ClasspathRegistry.read(lab);
            assertEquals(List.of(), registry.problems());
            assertEquals("2.3.0", registry.plugins().get("edu.lab.formats").version());
            IConfigurationElement reader = List.of(registry.registry().getConfigurationElementsFor("org.qbi.readers"))
                    .stream().filter(e -> "edu.lab.npy".equals(e.getAttribute("id"))).findFirst().orElseThrow();
            assertEquals("edu.lab.formats", reader.getContributor().getName());
            assertInstanceOf(ImageReader.class, reader.createExecutableExtension("class"));
            // the built-in plugins are there too, once each
            assertTrue(registry.plugins().containsKey("org.qbi.io.numpy"));
            assertFalse(registry.plugins().containsKey("org.qbi.ui.viewer"));
        }
    }

    /** The class attribute of every element named {@code names} in the bundles' plugin.xml sources. */
    private static Set<String> declaredClasses(String... names) throws IOException {
        return declared("class", names);
    }

    private static Set<String> declaredIds(String name) throws IOException {
        return declared("id", name);
    }

    private static Set<String> declared(String attribute, String... names) throws IOException {
        Set<String> found = new TreeSet<>();
        try (var bundles = Files.list(BUNDLES)) {
            for (Path bundle : bundles.filter(b -> !b.getFileName().toString().startsWith("org.qbi.ui")).toList()) {
                Path xml = bundle.resolve("plugin.xml");
                if (!Files.isRegularFile(xml)) {
                    continue;
                }
                String text = Files.readString(xml).replaceAll("(?s)<!--.*?-->", "");
                for (String name : names) {
                    Matcher element = Pattern.compile("(?s)<" + name + "\\s[^>]*>").matcher(text);
                    while (element.find()) {
                        Matcher value = Pattern.compile("\\s" + attribute + "=\"([^\"]+)\"").matcher(element.group());
                        if (value.find()) {
                            found.add(value.group(1));
                        }
                    }
                }
            }
        }
        return found;
    }
}
