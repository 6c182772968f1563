package org.qbi.io.dicom.internal;

import java.nio.file.Path;

import org.qbi.core.image.io.FormatException;
import org.qbi.io.dicom.internal.jpegls.JpegLsDecoder;
import org.qbi.io.dicom.internal.jpegls.JpegLsException;

/**
 * JPEG-LS (1.2.840.10008.1.2.4.80 / .81) through this bundle's own T.87 decoder, {@link JpegLsDecoder} (no
 * pure-Java JPEG-LS decoder exists on Maven Central): the one place the DICOM reader meets it.
 */
final class JpegLsCodec {

    private JpegLsCodec() {
    }

    static ImageIoCodecs.Decoded decode(Path file, String syntax, byte[] stream) throws FormatException {
        try {
            JpegLsDecoder.Decoded d = JpegLsDecoder.decode(stream);
            return new ImageIoCodecs.Decoded(d.width(), d.height(), d.components(), d.bitsPerSample(), d.samples());
        } catch (JpegLsException e) {
            throw new FormatException(file, "the JPEG-LS code stream (" + syntax + ") cannot be decoded: "
                    + e.getMessage(), e);
        }
    }
}
