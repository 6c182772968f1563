package org.qbi.io.zarr.internal;

/** A chunk whose bytes cannot be what its array says; the message says what is wrong ("it ..."). */
final class CorruptChunkException extends Exception {

    private static final long serialVersionUID = 1L;

    CorruptChunkException(String message) {
        super(message);
    }
}
