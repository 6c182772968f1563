/*
 * Opens TIFFs with ImageJ 1.x and prints their dimensions and calibration (see ../README.md):
 *     java -Djava.awt.headless=true -cp ij-1.54f.jar IjCheck.java qbi_*.tif
 * ij-1.54f.jar is net.imagej:ij:1.54f from Maven Central. Not part of the build.
 */
import ij.IJ;
import ij.ImagePlus;
import ij.measure.Calibration;
public class IjCheck {
  public static void main(String[] a) {
    for (String f : a) {
      ImagePlus imp = IJ.openImage(f);
      if (imp == null) { System.out.println("FAILED " + f); continue; }
      Calibration c = imp.getCalibration();
      System.out.printf("%s: %dx%d c=%d z=%d t=%d bitDepth=%d hyperstack=%s; pixel %.6g x %.6g x %.6g %s; frame %.6g %s; origin %.4g %.4g %.4g; v(0,0)=%s%n",
        new java.io.File(f).getName(), imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames(), imp.getBitDepth(),
        imp.isHyperStack(), c.pixelWidth, c.pixelHeight, c.pixelDepth, c.getUnit(), c.frameInterval, c.getTimeUnit(), c.xOrigin, c.yOrigin, c.zOrigin,
        java.util.Arrays.toString(imp.getPixel(1,0)));
    }
  }
}
