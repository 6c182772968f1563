package org.qbi.ops.point.internal;

import java.lang.foreign.MemorySegment;

import org.qbi.core.image.PixelType;
import org.qbi.ops.point.engine.MemoryKernel;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointKernel;

/** The four arithmetic operations as kernels: with a constant, and between two images. */
public enum Arithmetic {
    ADD, SUBTRACT, MULTIPLY, DIVIDE;

    /** {@code out = in op constant}. */
    public PointKernel withConstant(double constant) {
        float f = (float) constant;
        return switch (this) {
            case ADD -> kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + f;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + constant;
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i, a.getAtIndex(MemoryKernel.FLOAT, i) + f);
                }
            });
            case SUBTRACT -> kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - f;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - constant;
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i, a.getAtIndex(MemoryKernel.FLOAT, i) - f);
                }
            });
            case MULTIPLY -> kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * f;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * constant;
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i, a.getAtIndex(MemoryKernel.FLOAT, i) * f);
                }
            });
            case DIVIDE -> kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / f;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / constant;
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i, a.getAtIndex(MemoryKernel.FLOAT, i) / f);
                }
            });
        };
    }

    /** {@code out = first op second}. */
    public PointKernel betweenImages() {
        return switch (this) {
            case ADD -> kernel((in, out, n) -> {
                float[] a = in[0];
                float[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                double[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] + b[i];
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                MemorySegment b = in[1];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i,
                            a.getAtIndex(MemoryKernel.FLOAT, i) + b.getAtIndex(MemoryKernel.FLOAT, i));
                }
            });
            case SUBTRACT -> kernel((in, out, n) -> {
                float[] a = in[0];
                float[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                double[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] - b[i];
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                MemorySegment b = in[1];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i,
                            a.getAtIndex(MemoryKernel.FLOAT, i) - b.getAtIndex(MemoryKernel.FLOAT, i));
                }
            });
            case MULTIPLY -> kernel((in, out, n) -> {
                float[] a = in[0];
                float[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                double[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] * b[i];
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                MemorySegment b = in[1];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i,
                            a.getAtIndex(MemoryKernel.FLOAT, i) * b.getAtIndex(MemoryKernel.FLOAT, i));
                }
            });
            case DIVIDE -> kernel((in, out, n) -> {
                float[] a = in[0];
                float[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                double[] b = in[1];
                for (int i = 0; i < n; i++) {
                    out[i] = a[i] / b[i];
                }
            }, (in, out, n) -> {
                MemorySegment a = in[0];
                MemorySegment b = in[1];
                for (long i = 0; i < n; i++) {
                    out.setAtIndex(MemoryKernel.FLOAT, i,
                            a.getAtIndex(MemoryKernel.FLOAT, i) / b.getAtIndex(MemoryKernel.FLOAT, i));
                }
            });
        };
    }

    /** The float output type for inputs of these types: float64 when float32 cannot hold them, else float32. */
    public static PixelType floatType(PixelType... inputs) {
        return PixelStream.Precision.forTypes(inputs) == PixelStream.Precision.FLOAT64 ? PixelType.FLOAT64
                : PixelType.FLOAT32;
    }

    /** A loop over float runs. */
    @FunctionalInterface
    public interface FloatLoop {
        void run(float[][] in, float[] out, int n);
    }

    /** A loop over double runs. */
    @FunctionalInterface
    public interface DoubleLoop {
        void run(double[][] in, double[] out, int n);
    }

    /** A loop over float32 pixels in memory (the same arithmetic as the {@link FloatLoop}). */
    @FunctionalInterface
    public interface MemoryLoop {
        void run(MemorySegment[] in, MemorySegment out, long n);
    }

    /** A kernel from its three loops. */
    public static PointKernel kernel(FloatLoop floats, DoubleLoop doubles, MemoryLoop memory) {
        return new MemoryKernel() {
            @Override
            public void floats(float[][] in, float[] out, int n) {
                floats.run(in, out, n);
            }

            @Override
            public void doubles(double[][] in, double[] out, int n) {
                doubles.run(in, out, n);
            }

            @Override
            public void floats(MemorySegment[] in, MemorySegment out, long n) {
                memory.run(in, out, n);
            }
        };
    }

    /** A kernel from its two loops. */
    public static PointKernel kernel(FloatLoop floats, DoubleLoop doubles) {
        return new PointKernel() {
            @Override
            public void floats(float[][] in, float[] out, int n) {
                floats.run(in, out, n);
            }

            @Override
            public void doubles(double[][] in, double[] out, int n) {
                doubles.run(in, out, n);
            }
        };
    }
}
