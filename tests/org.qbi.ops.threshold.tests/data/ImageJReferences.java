import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ij.process.AutoThresholder;

/**
 * The independent reference for Huang, MaxEntropy and Moments (scikit-image has none): ImageJ 1.54f's
 * AutoThresholder (net.imagej:ij from Maven Central) on the 256-bin histograms make_references.py wrote (ij_*.txt).
 * Run from this folder: java -cp ~/.m2/repository/net/imagej/ij/1.54f/ij-1.54f.jar ImageJReferences.java
 * Writes imagej_thresholds.csv: image,method,bin index chosen by ImageJ.
 */
public class ImageJReferences {
    public static void main(String[] args) throws Exception {
        List<String> out = new ArrayList<>();
        out.add("# ImageJ " + ij.IJ.getVersion() + " AutoThresholder on ij_<image>.txt (256 bins)");
        for (String name : new String[] { "blobs", "head", "membranes", "tribolium", "shell" }) {
            int[] data = Files.readAllLines(Path.of("ij_" + name + ".txt")).stream().mapToInt(Integer::parseInt)
                    .toArray();
            AutoThresholder thresholder = new AutoThresholder();
            for (AutoThresholder.Method m : new AutoThresholder.Method[] { AutoThresholder.Method.Huang,
                    AutoThresholder.Method.MaxEntropy, AutoThresholder.Method.Moments }) {
                out.add(name + "," + m.name() + "," + thresholder.getThreshold(m, data));
            }
        }
        Files.write(Path.of("imagej_thresholds.csv"), out);
    }
}
