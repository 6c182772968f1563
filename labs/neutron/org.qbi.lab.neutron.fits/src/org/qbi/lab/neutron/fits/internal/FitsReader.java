package org.qbi.lab.neutron.fits.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.io.ByteStore;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.image.io.RawLayout;
import org.qbi.core.image.io.RawSource;

/**
 * Reads FITS images (Flexible Image Transport System, FITS standard 4.0): the format of neutron imaging
 * instruments and astronomy. 2D images, 3D stacks (NAXIS3: the projections of a tomography) and 4D; BITPIX 8, 16,
 * 32, -32, -64 with BZERO/BSCALE as the rescale; header keywords as metadata; spacing from CDELTi/CUNITi (see
 * {@link FitsImageHeader}); a folder of 2D FITS files (one projection per file) as one stack ({@link FitsSeries}).
 * The header is parsed by nom.tam.fits (NASA HEASARC); pixels are read lazily, chunk by
 * chunk, with positional reads of the big-endian data. Gzip-compressed (.fits.gz) and tile-compressed FITS are
 * not read.
 */
public final class FitsReader implements ImageReader {

    /** FITS stores NAXIS1 (x) fastest, then NAXIS2 (y), NAXIS3 (z), NAXIS4 (t). */
    static final RawLayout LAYOUT = RawLayout.of(Axis.X, Axis.Y, Axis.Z, Axis.T, Axis.C);

    @Override
    public boolean canRead(Probe probe) {
        if (probe.directory()) {
            try {
                return FitsSeries.files(probe.path()).size() >= 2;
            } catch (IOException e) {
                return false;
            }
        }
        // The first card is SIMPLE = T: the keyword in columns 1-8, "= " in 9-10, T in column 30.
        return probe.startsWith("SIMPLE  = ") && probe.head().length >= 30 && probe.head()[29] == 'T';
    }

    @Override
    public ChunkSource open(Path path, String entry) throws IOException {
        if (Files.isDirectory(path)) {
            FitsImageHeader.Stack stack = FitsSeries.open(path);
            return new RawSource(path, stack.header(), stack.store(), ByteOrder.BIG_ENDIAN, LAYOUT);
        }
        FitsImageHeader fits = FitsImageHeader.read(path);
        ByteStore store = ByteStore.file(path, path, fits.dataOffset, fits.header.byteCount());
        return new RawSource(path, fits.header, store, ByteOrder.BIG_ENDIAN, LAYOUT);
    }
}
