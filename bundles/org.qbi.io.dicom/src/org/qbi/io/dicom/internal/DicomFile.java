package org.qbi.io.dicom.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A parsed DICOM file up to its Pixel Data: file meta, dataset, transfer syntax, and where the pixel data is
 * (for encapsulated data: the fragments). Pixel values are decoded on demand by {@link FrameDecoder}.
 *
 * @param path      the file
 * @param syntax    its transfer syntax
 * @param meta      the file meta group (empty for a raw dataset without preamble)
 * @param dataset   the dataset, without the pixel data element
 * @param pixel     where the pixel data is, or null when the file has none
 * @param fragments encapsulated fragments after the basic offset table (empty for native data)
 * @param offsetTable the basic offset table (empty when absent)
 * @param inflated  the inflated dataset of a deflated file (pixel offsets refer to it), or null
 * @param preamble  whether the file has the 128-byte preamble and "DICM"
 */
record DicomFile(Path path, TransferSyntax syntax, DicomDataset meta, DicomDataset dataset, PixelInfo pixel,
        List<Fragment> fragments, long[] offsetTable, byte[] inflated, boolean preamble) {

    /** The pixel data element. */
    record PixelInfo(int tag, String vr, long offset, long length) {
        boolean encapsulated() {
            return length < 0;
        }
    }

    /** One encapsulated fragment: its value's offset and length. */
    record Fragment(long offset, long length) {
    }

    /** The source pixel offsets refer to: the file, or the inflated dataset. */
    ByteSource openSource() throws IOException {
        return inflated != null ? ByteSource.of(inflated) : ByteSource.open(path);
    }
}
