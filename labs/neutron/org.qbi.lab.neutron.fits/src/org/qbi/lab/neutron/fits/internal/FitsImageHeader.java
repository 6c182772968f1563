package org.qbi.lab.neutron.fits.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import nom.tam.fits.FitsException;
import nom.tam.fits.Header;
import nom.tam.fits.HeaderCard;
import nom.tam.util.FitsFile;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.FormatException;

/**
 * The image header data unit (HDU) of a FITS file that QBI opens: the primary HDU when it holds an image, else the
 * first IMAGE extension. Header cards are parsed by nom.tam.fits; the pixel data is read by QBI's raw reader
 * from {@link #dataOffset} (FITS data is uncompressed, big-endian, NAXIS1 fastest).
 * <p>
 * Mapping (FITS standard 4.0, section 4.4 and 5): BITPIX 8 is uint8, 16 int16, 32 int32, -32 float32, -64 float64
 * (64, int64, has no QBI pixel type and is refused); BZERO/BSCALE become the rescale (so the common uint16 in
 * BITPIX 16 with BZERO 32768 reads exactly); NAXIS1..3 are x, y, z (z: the projections of a neutron stack) and
 * NAXIS4 is t. Spacing comes from CDELTi when CUNITi is a length unit (WCS paper I, Greisen and Calabretta 2002),
 * with the origin CRVALi - (CRPIXi - 1) * CDELTi; celestial or unitless axes stay in pixels. Every card is
 * metadata {@code fits:KEY} (group "FITS"), its comment in the entry's name.
 */
final class FitsImageHeader {

    static final String GROUP = "FITS";
    static final Set<String> LENGTH_UNITS = Set.of("m", "cm", "mm", "um", "µm", "nm");
    /** Header data units searched for an image before giving up (a FITS file may hold thousands of tables). */
    private static final int MAX_HDUS = 64;

    final ImageHeader header;
    final long dataOffset;

    /** A stack made of several files: its header and the store of all their data. */
    record Stack(ImageHeader header, org.qbi.core.image.io.ByteStore store) {
    }

    private FitsImageHeader(ImageHeader header, long dataOffset) {
        this.header = header;
        this.dataOffset = dataOffset;
    }

    static FitsImageHeader read(Path path) throws IOException {
        long fileSize = java.nio.file.Files.size(path);
        try (FitsFile in = new FitsFile(path.toFile(), "r")) {
            long position = 0;
            for (int hdu = 0; hdu < MAX_HDUS && position < fileSize; hdu++) {
                in.seek(position);
                Header h;
                try {
                    h = Header.readHeader(in);
                } catch (nom.tam.fits.TruncatedFileException | java.io.EOFException e) {
                    throw new FormatException(path, "ends inside the header of HDU " + hdu + ": the file is truncated", e);
                }
                if (h == null) {
                    break;
                }
                long dataStart = position + h.getOriginalSize();
                long dataSize = h.getDataSize();
                String xtension = h.getStringValue("XTENSION");
                boolean image = hdu == 0 ? !h.containsKey("GROUPS") || !h.getBooleanValue("GROUPS")
                        : xtension != null && xtension.strip().equalsIgnoreCase("IMAGE");
                if (image && h.getIntValue("NAXIS", 0) >= 1 && naxis(h, 1) > 0) {
                    if (dataStart + bytes(path, h) > fileSize) {
                        throw new FormatException(path, "holds " + Math.max(0, fileSize - dataStart) + " bytes of pixel "
                                + "data after its header (HDU " + hdu + "), the header needs " + bytes(path, h)
                                + ": the file is truncated");
                    }
                    return new FitsImageHeader(imageHeader(path, h, hdu), dataStart);
                }
                position = dataStart + dataSize;
            }
        } catch (FitsException e) {
            throw new FormatException(path, "is not a readable FITS file: " + e.getMessage(), e);
        }
        throw new FormatException(path, "is a FITS file without an image (its HDUs hold only tables or no data)");
    }

    private static long naxis(Header h, int i) {
        return h.getLongValue("NAXIS" + i, 0);
    }

    private static long bytes(Path path, Header h) throws FormatException {
        long n = Math.abs(h.getIntValue("BITPIX", 0)) / 8;
        try {
            for (int i = 1; i <= h.getIntValue("NAXIS", 0); i++) {
                n = Math.multiplyExact(n, naxis(h, i));
            }
        } catch (ArithmeticException e) {
            throw new FormatException(path, "has NAXISn whose byte count exceeds 2^63: the header is wrong");
        }
        return n;
    }

    private static ImageHeader imageHeader(Path path, Header h, int hdu) throws FormatException {
        int naxis = h.getIntValue("NAXIS", 0);
        if (naxis > 4) {
            throw new FormatException(path, "has NAXIS = " + naxis + "; QBI reads FITS images of 1 to 4 axes (x, y, z, t)");
        }
        PixelType type = pixelType(path, h.getIntValue("BITPIX", 0));
        long[] sizes = { 1, 1, 1, 1 };
        for (int i = 1; i <= naxis; i++) {
            sizes[i - 1] = naxis(h, i);
            if (sizes[i - 1] <= 0) {
                throw new FormatException(path, "has NAXIS" + i + " = " + sizes[i - 1] + ": every axis needs at least 1 pixel");
            }
        }
        Axis[] order = { Axis.X, Axis.Y, Axis.Z, Axis.T };
        List<AxisCalibration> axes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            axes.add(calibration(h, order[i], i + 1, sizes[i]));
        }
        axes.add(AxisCalibration.uncalibrated(Axis.C, 1));
        axes.add(calibration(h, Axis.T, 4, sizes[3]));
        Metadata.Builder metadata = metadata(h);
        if (hdu > 0) {
            metadata.put("fits:hdu", "Image HDU", GROUP, hdu);
        }
        return new ImageHeader("FITS", type, axes, java.util.Optional.empty(), rescale(h), metadata.build());
    }

    static PixelType pixelType(Path path, int bitpix) throws FormatException {
        return switch (bitpix) {
            case 8 -> PixelType.UINT8;
            case 16 -> PixelType.INT16;
            case 32 -> PixelType.INT32;
            case -32 -> PixelType.FLOAT32;
            case -64 -> PixelType.FLOAT64;
            case 64 -> throw new FormatException(path, "has BITPIX = 64 (64-bit integers), which QBI cannot hold; "
                    + "convert it to BITPIX -64 (e.g. with astropy) to open it");
            default -> throw new FormatException(path, "has BITPIX = " + bitpix + "; FITS allows 8, 16, 32, 64, -32, -64");
        };
    }

    private static AxisCalibration calibration(Header h, Axis axis, int i, long size) {
        String unit = h.getStringValue("CUNIT" + i);
        double delta = h.getDoubleValue("CDELT" + i, 0);
        if (unit == null || !LENGTH_UNITS.contains(unit.strip().toLowerCase(Locale.ROOT)) || !(Math.abs(delta) > 0)
                || !Double.isFinite(delta)) {
            return AxisCalibration.uncalibrated(axis, size);
        }
        double origin = h.getDoubleValue("CRVAL" + i, 0) - (h.getDoubleValue("CRPIX" + i, 1) - 1) * delta;
        return AxisCalibration.of(axis, size, Math.abs(delta), Double.isFinite(origin) ? origin : 0, unit.strip());
    }

    private static Rescale rescale(Header h) {
        double scale = h.getDoubleValue("BSCALE", 1);
        double zero = h.getDoubleValue("BZERO", 0);
        if (!Double.isFinite(scale) || scale == 0 || !Double.isFinite(zero) || (scale == 1 && zero == 0)) {
            return Rescale.IDENTITY;
        }
        String unit = h.getStringValue("BUNIT");
        return new Rescale(scale, zero, unit == null ? "" : unit.strip());
    }

    /** Every card as {@code fits:KEY}; repeated commentary cards (COMMENT, HISTORY) are joined by newlines. */
    private static Metadata.Builder metadata(Header h) {
        Map<String, String[]> cards = new LinkedHashMap<>();
        for (var it = h.iterator(); it.hasNext();) {
            HeaderCard card = it.next();
            String key = card.getKey();
            if (key == null || key.isBlank() || key.equals("END")) {
                continue;
            }
            String value = card.isKeyValuePair() ? card.getValue() : card.getComment();
            String comment = card.isKeyValuePair() ? card.getComment() : null;
            value = value == null ? "" : value.strip();
            String[] previous = cards.get(key);
            if (previous == null) {
                cards.put(key, new String[] { value, comment });
            } else {
                previous[0] = previous[0] + "\n" + value;
            }
        }
        Metadata.Builder metadata = Metadata.builder();
        cards.forEach((key, card) -> {
            String comment = card[1] == null || card[1].isBlank() ? "" : " (" + card[1].strip() + ")";
            metadata.put("fits:" + key, key + comment, GROUP, card[0]);
        });
        return metadata;
    }
}
