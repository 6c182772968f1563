package org.qbi.io.dicom.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

import org.qbi.core.image.io.FormatException;

/**
 * JPEG-LS through {@code org.qbi.io.dicom.internal.jpegls.JpegLsDecoder.decode(byte[])}, written separately (no
 * pure-Java JPEG-LS decoder exists on Maven Central). It is looked up by name, so this bundle builds and reads
 * every other syntax while that decoder is not installed; the JPEG-LS syntaxes then fail with a clear message.
 */
final class JpegLsCodec {

    static final String DECODER = "org.qbi.io.dicom.internal.jpegls.JpegLsDecoder";

    private JpegLsCodec() {
    }

    /** What the decoder returns, as this reader needs it. */
    interface Decoder {
        ImageIoCodecs.Decoded decode(byte[] codestream) throws Exception;
    }

    private static volatile Decoder decoder;

    /** True when the JPEG-LS decoder class is present. */
    static boolean available() {
        try {
            Class.forName(DECODER, false, JpegLsCodec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static ImageIoCodecs.Decoded decode(Path file, String syntax, byte[] stream) throws FormatException {
        Decoder d = decoder(file, syntax);
        try {
            return d.decode(stream);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FormatException(file, "the JPEG-LS code stream cannot be decoded: " + cause.getMessage(), cause);
        } catch (Exception e) {
            throw new FormatException(file, "the JPEG-LS code stream cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static Decoder decoder(Path file, String syntax) throws FormatException {
        Decoder d = decoder;
        if (d != null) {
            return d;
        }
        Class<?> type;
        try {
            type = Class.forName(DECODER, true, JpegLsCodec.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new FormatException(file, "JPEG-LS decoder not installed: cannot decode transfer syntax " + syntax);
        }
        try {
            Method decode = type.getMethod("decode", byte[].class);
            d = stream -> {
                Object result = decode.invoke(null, (Object) stream);
                int width = ((Number) get(result, "width")).intValue();
                int height = ((Number) get(result, "height")).intValue();
                int components = ((Number) get(result, "components")).intValue();
                int bits = ((Number) get(result, "bitsPerSample")).intValue();
                int[] samples = (int[]) get(result, "samples");
                return new ImageIoCodecs.Decoded(width, height, components, bits, samples);
            };
        } catch (NoSuchMethodException e) {
            throw new FormatException(file, "the JPEG-LS decoder " + DECODER + " has no decode(byte[]) method", e);
        }
        decoder = d;
        return d;
    }

    private static Object get(Object result, String accessor) throws ReflectiveOperationException {
        Method method = result.getClass().getMethod(accessor);
        method.setAccessible(true);
        return method.invoke(result);
    }
}
