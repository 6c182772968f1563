package org.qbi.io.dicom.internal;

import java.util.Map;

/** The transfer syntaxes this reader knows: how the dataset is encoded and how pixel data is compressed. */
record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated, Codec codec) {

    /** How Pixel Data is stored. */
    enum Codec {
        NATIVE, RLE, JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LS, JPEG_2000, UNSUPPORTED
    }

    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";

    private static final Map<String, TransferSyntax> KNOWN = Map.ofEntries(
            entry(IMPLICIT_LE, "Implicit VR Little Endian", false, false, false, Codec.NATIVE),
            entry(EXPLICIT_LE, "Explicit VR Little Endian", true, false, false, Codec.NATIVE),
            entry(EXPLICIT_BE, "Explicit VR Big Endian", true, true, false, Codec.NATIVE),
            entry(DEFLATED_LE, "Deflated Explicit VR Little Endian", true, false, true, Codec.NATIVE),
            entry("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, Codec.RLE),
            entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, Codec.JPEG_BASELINE),
            entry("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, Codec.JPEG_EXTENDED),
            entry("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false,
                    Codec.JPEG_LOSSLESS),
            entry("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 "
                    + "[Selection Value 1])", true, false, false, Codec.JPEG_LOSSLESS),
            entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless", true, false, false, Codec.JPEG_LS),
            entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless", true, false, false, Codec.JPEG_LS),
            entry("1.2.840.10008.1.2.4.90", "JPEG 2000 (Lossless Only)", true, false, false, Codec.JPEG_2000),
            entry("1.2.840.10008.1.2.4.91", "JPEG 2000", true, false, false, Codec.JPEG_2000),
            entry("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 (Lossless Only)", true, false, false,
                    Codec.UNSUPPORTED),
            entry("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)", true, false,
                    false, Codec.UNSUPPORTED),
            entry("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000", true, false, false, Codec.UNSUPPORTED),
            entry("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level", true, false, false, Codec.UNSUPPORTED),
            entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1", true, false, false,
                    Codec.UNSUPPORTED),
            entry("1.2.840.10008.1.2.4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1", true, false,
                    false, Codec.UNSUPPORTED));

    private static Map.Entry<String, TransferSyntax> entry(String uid, String name, boolean explicit, boolean big,
            boolean deflated, Codec codec) {
        return Map.entry(uid, new TransferSyntax(uid, name, explicit, big, deflated, codec));
    }

    /** The syntax with this UID; unknown UIDs are taken as explicit VR little endian with unsupported pixels. */
    static TransferSyntax of(String uid) {
        TransferSyntax known = KNOWN.get(uid);
        if (known != null) {
            return known;
        }
        return new TransferSyntax(uid, "unknown transfer syntax", true, false, false, Codec.UNSUPPORTED);
    }

    boolean encapsulated() {
        return codec != Codec.NATIVE;
    }

    /** "1.2.840.10008.1.2.4.70 (JPEG Lossless ...)". */
    String describe() {
        return uid + " (" + name + ")";
    }
}
