package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.PixelType;

class DisplayWindowTest {

    @Test
    void autoSaturatesAThousandthAndAHalfAtEachEndOfIntegerValuesExactly() {
        // 10000 values 0..9999: ImageJ's threshold is (long) (10000 * 0.35 / 200) = 17 values per side, so the
        // window starts at the 18th smallest value and ends at the 18th largest.
        DisplayWindow window = DisplayWindow.auto(Planes.values(PixelType.UINT16, Planes.sequence(10000)));
        assertEquals(new DisplayWindow(17, 9982), window);
        // 1000 values: threshold 1
        assertEquals(new DisplayWindow(1, 998), DisplayWindow.auto(Planes.values(PixelType.INT16, Planes.sequence(1000))));
    }

    @Test
    void autoIgnoresAFewOutliersThatMinMaxFollows() {
        double[] values = new double[10000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 10 ? 0 : i < 20 ? 60000 : 100 + i % 100;
        }
        PlaneValues plane = Planes.values(PixelType.UINT16, values);
        assertEquals(new DisplayWindow(100, 199), DisplayWindow.auto(plane));
        assertEquals(new DisplayWindow(0, 60000), DisplayWindow.minMax(plane));
        assertEquals(new DisplayWindow(0, 60000), DisplayWindow.saturated(plane, 0));
    }

    @Test
    void negativeIntegersAndSignedTypes() {
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = -1000 + i;
        }
        // threshold (long) (2000 * 0.35 / 200) = 3
        assertEquals(new DisplayWindow(-997, 996), DisplayWindow.auto(Planes.values(PixelType.INT16, values)));
    }

    @Test
    void floatValuesUseBinsWithinOneBinOfThePercentileAndSkipNaNAndInfinities() {
        int n = 100000;
        double[] values = new double[n + 3];
        for (int i = 0; i < n; i++) {
            values[i] = i / (double) n;
        }
        values[n] = Double.NaN;
        values[n + 1] = Double.POSITIVE_INFINITY;
        values[n + 2] = Double.NEGATIVE_INFINITY;
        DisplayWindow window = DisplayWindow.auto(Planes.values(PixelType.FLOAT32, values));
        double bin = (n - 1) / (double) n / DisplayWindow.BINS;
        // threshold 175: the 176th smallest is 175/n, the 176th largest (n - 176)/n
        assertEquals(175.0 / n, window.low(), bin + 1e-7);
        assertEquals((n - 176.0) / n, window.high(), bin + 1e-7);
        DisplayWindow minMax = DisplayWindow.minMax(Planes.values(PixelType.FLOAT32, values));
        assertEquals(0, minMax.low());
        assertEquals((float) ((n - 1) / (double) n), minMax.high(), 0);
    }

    @Test
    void twoValuesSplitBlackAndWhite() {
        double[] values = new double[1000];
        for (int i = 500; i < values.length; i++) {
            values[i] = 7;
        }
        DisplayWindow window = DisplayWindow.auto(Planes.values(PixelType.UINT8, values));
        assertEquals(new DisplayWindow(0, 7), window);
        assertEquals(0, window.gray(0));
        assertEquals(255, window.gray(7));
    }

    @Test
    void aConstantPlaneIsBlackAndAnEmptyOrAllNaNPlaneHasAWindowToo() {
        DisplayWindow constant = DisplayWindow.auto(Planes.values(PixelType.UINT16, 5, 5, 5, 5));
        assertEquals(5, constant.low());
        assertEquals(6, constant.high());
        assertEquals(0, constant.gray(5));
        DisplayWindow nan = DisplayWindow.auto(Planes.values(PixelType.FLOAT64, Double.NaN, Double.NaN));
        assertEquals(new DisplayWindow(0, 1), nan);
    }

    @Test
    void grayIsLinearRoundedAndClamped() {
        DisplayWindow window = new DisplayWindow(1000, 2000);
        assertEquals(0, window.gray(1000));
        assertEquals(255, window.gray(2000));
        assertEquals(128, window.gray(1500)); // 127.5 rounds to the even 128
        assertEquals(26, window.gray(1100)); // 25.5 -> 26
        assertEquals(64, window.gray(1250)); // 63.75
        assertEquals(0, window.gray(-5));
        assertEquals(255, window.gray(1e9));
        assertEquals(0, window.gray(Double.NaN));
    }

    @Test
    void complexValuesAreWindowedByMagnitude() {
        PlaneValues values = Planes.values(PixelType.COMPLEX_FLOAT32, 3, 4, 0, -1, 6, 8);
        assertEquals(3, values.count());
        assertEquals(5, values.get(0));
        assertEquals(1, values.get(1));
        assertEquals(10, values.get(2));
        assertEquals(new DisplayWindow(1, 10), DisplayWindow.minMax(values));
    }

    @Test
    void rejectsWhatCannotBeAWindow() {
        assertThrows(IllegalArgumentException.class, () -> new DisplayWindow(2, 2));
        assertThrows(IllegalArgumentException.class, () -> new DisplayWindow(0, Double.NaN));
        PlaneValues values = Planes.values(PixelType.UINT8, 1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> DisplayWindow.saturated(values, 100));
        assertThrows(IllegalArgumentException.class, () -> DisplayWindow.saturated(values, -1));
        assertThrows(IllegalArgumentException.class, () -> Planes.values(PixelType.RGB8, 1, 2, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new PlaneValues(PixelType.UINT16, Planes.of(PixelType.UINT16, 1, 2), 3));
    }
}
