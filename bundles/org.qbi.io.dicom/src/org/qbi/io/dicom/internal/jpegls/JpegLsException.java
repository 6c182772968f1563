package org.qbi.io.dicom.internal.jpegls;

import java.io.IOException;

/** A JPEG-LS code stream that cannot be decoded; the message names what is wrong and, where known, the byte offset. */
public final class JpegLsException extends IOException {

    private static final long serialVersionUID = 1L;

    public JpegLsException(String message) {
        super(message);
    }
}
