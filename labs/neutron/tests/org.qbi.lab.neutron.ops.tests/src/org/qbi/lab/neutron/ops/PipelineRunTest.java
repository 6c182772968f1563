package org.qbi.lab.neutron.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.testing.OpTesting;
import org.qbi.testing.ConsoleRun;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code qbi run neutron --project <copy of labs/neutron/example-project>} in process, as the product's qbi command
 * runs it (the run command found through the org.qbi.commands extension point): the FITS reader and the neutron operators
 * from their plugins, the outputs equal to numpy/scipy's run of the same steps (data/pipeline_reference.py).
 */
class PipelineRunTest {

    private static final Path EXAMPLE = Path.of("../../example-project");

    @TempDir
    Path dir;

    @Test
    void theExamplePipelineRunsHeadlessAndEqualsTheNumpyReference() throws IOException {
        Path project = copy(EXAMPLE, dir.resolve("neutron-example"));
        Object command = qbiCommand("run");
        ConsoleRun run = ConsoleRun.of(() -> new CommandLine(command).execute("neutron", "--project", project.toString()));
        assertEquals(0, run.exitCode(), run.toString());

        Path results = project.resolve("results/neutron/shell");
        List<String[]> expected = csv(TestFiles.fixture(getClass(), "pipeline_expected.csv", dir));
        try (Image image = ImageFormats.installed().open(results.resolve("attenuation.fits"), null)) {
            assertEquals(PixelType.FLOAT32, image.header().pixelType());
            assertArrayEquals(new long[] { 160, 64, 24, 1, 1 }, image.header().dimensions());
            assertEquals(0.1, image.header().axis(org.qbi.core.image.Axis.X).spacing(), 1e-12, "CDELT1 kept");
            double[] values = OpTesting.values(image);
            for (int z = 0; z < 24; z++) {
                double sum = 0;
                for (int i = 0; i < 160 * 64; i++) {
                    sum += values[z * 160 * 64 + i];
                }
                assertEquals(Double.parseDouble(expected.get(z)[3]), sum / (160 * 64), 1e-6, "mean of projection " + z);
            }
            for (String[] pixel : csv(TestFiles.fixture(getClass(), "pipeline_pixels.csv", dir))) {
                int at = Integer.parseInt(pixel[0]) + 160 * (Integer.parseInt(pixel[1]) + 64 * Integer.parseInt(pixel[2]));
                assertEquals(Double.parseDouble(pixel[3]), values[at], 1e-5, "pixel " + String.join(",", pixel));
            }
        }
        Table dose;
        try (Reader in = Files.newBufferedReader(results.resolve("dose.csv"))) {
            dose = Table.readCsv(in, "dose", "dose.csv");
        }
        assertEquals(24, dose.rowCount());
        for (int z = 0; z < 24; z++) {
            assertEquals(Double.parseDouble(expected.get(z)[0]), dose.column("dose").number(z), 1e-4, "dose " + z);
            assertEquals(Double.parseDouble(expected.get(z)[2]), dose.column("factor").number(z), 1e-8, "factor " + z);
        }
        // physics: the measured dose follows the source fluctuation make_example.py simulated (truth.json), up to
        // Poisson noise (0.2 % here): dose / simulated dose is the open beam's dose (simulated dose 1)
        String truth = Files.readString(project.resolve("raw/neutron/truth.json"));
        String list = truth.substring(truth.indexOf('[', truth.indexOf("\"dose\"")) + 1, truth.indexOf(']'));
        double[] simulated = java.util.Arrays.stream(list.split(",")).mapToDouble(t -> Double.parseDouble(t.strip()))
                .toArray();
        assertEquals(24, simulated.length);
        for (int z = 0; z < 24; z++) {
            double openDose = dose.column("open_dose").number(z);
            assertEquals(1, dose.column("dose").number(z) / simulated[z] / openDose, 0.01, "dose of projection " + z);
        }
    }

    /** The qbi subcommand {@code name} as the product finds it: through the org.qbi.commands extension point. */
    private static Object qbiCommand(String name) {
        for (IConfigurationElement element : Platform.getExtensionRegistry().getConfigurationElementsFor("org.qbi.commands")) {
            try {
                Object command = element.createExecutableExtension("class");
                Command annotation = command.getClass().getAnnotation(Command.class);
                if (annotation != null && annotation.name().equals(name)) {
                    return command;
                }
            } catch (CoreException e) {
                throw new IllegalStateException("qbi command " + element.getAttribute("class") + " cannot be made", e);
            }
        }
        throw new IllegalStateException("no qbi command '" + name + "' is contributed");
    }

    private static List<String[]> csv(Path file) throws IOException {
        return Files.readAllLines(file).stream().skip(1).map(line -> line.split(",")).toList();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
