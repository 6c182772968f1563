package org.qbi.io.dicom.internal.jpeg12;

import java.io.IOException;

/** A JPEG code stream that {@link JpegExtendedDecoder} cannot decode; the message names what is wrong and where. */
public final class JpegExtendedException extends IOException {

    private static final long serialVersionUID = 1L;

    public JpegExtendedException(String message) {
        super(message);
    }
}
