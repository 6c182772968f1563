package org.qbi.io.dicom.internal.jpeg12;

/** One Huffman table as T.81 Annex C / F.2.2.3 builds it: MINCODE, MAXCODE and VALPTR per code length. */
final class Huffman {

    final int[] minCode = new int[17];
    final int[] maxCode = new int[18];
    final int[] valPtr = new int[17];
    final int[] values;
    final String name;

    Huffman(int[] counts, int[] values, String kind, int id) throws JpegExtendedException {
        this.values = values;
        this.name = kind + " table " + id;
        int code = 0;
        int k = 0;
        for (int l = 1; l <= 16; l++) {
            valPtr[l] = k;
            minCode[l] = code;
            code += counts[l];
            k += counts[l];
            if (code > 1 << l) {
                throw new JpegExtendedException("DHT " + name + " is not a valid Huffman code (too many codes of "
                        + "length " + l + ")");
            }
            maxCode[l] = counts[l] == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE;
    }
}
