package org.qbi.io.dicom.internal;

import java.nio.file.Path;

import org.qbi.core.image.io.FormatException;
import org.qbi.io.dicom.internal.jpeg12.JpegExtendedDecoder;
import org.qbi.io.dicom.internal.jpeg12.JpegExtendedException;

/**
 * JPEG Extended 12-bit (1.2.840.10008.1.2.4.51, process 4) through this bundle's own sequential-DCT decoder,
 * {@link JpegExtendedDecoder} (no pure-Java 12-bit JPEG decoder exists on Maven Central): the one place the DICOM
 * reader meets it. 8-bit streams keep going to TwelveMonkeys through {@link ImageIoCodecs}.
 */
final class Jpeg12Codec {

    private Jpeg12Codec() {
    }

    /** The sample precision of the code stream's SOFn, or -1 when no SOF is found before SOS/EOI. */
    static int precision(byte[] s) {
        if (s.length < 4 || (s[0] & 0xFF) != 0xFF || (s[1] & 0xFF) != 0xD8) {
            return -1;
        }
        int i = 2;
        while (i + 4 < s.length) {
            if ((s[i] & 0xFF) != 0xFF) {
                return -1;
            }
            int marker = s[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                i += 2;
                continue;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return s[i + 4] & 0xFF;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            i += 2 + ((s[i + 2] & 0xFF) << 8 | s[i + 3] & 0xFF);
        }
        return -1;
    }

    static ImageIoCodecs.Decoded decode(Path file, String syntax, byte[] stream) throws FormatException {
        try {
            JpegExtendedDecoder.Decoded d = JpegExtendedDecoder.decode(stream);
            return new ImageIoCodecs.Decoded(d.width(), d.height(), d.components(), d.precision(), d.samples());
        } catch (JpegExtendedException e) {
            throw new FormatException(file, "the JPEG code stream (" + syntax + ") cannot be decoded: "
                    + e.getMessage(), e);
        }
    }
}
