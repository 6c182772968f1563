package org.qbi.io.dicom.internal;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

/**
 * The Image Pixel module of a file (rows, columns, samples, bits, photometric interpretation, frames), checked
 * for sizes that can be, and the pixel type QBI presents: one sample gives uint8/int8/uint16/int16/uint32/int32
 * (float32/float64 for Float/Double Float Pixel Data); three 8-bit samples give rgb8 (YBR converted to RGB); three
 * 16- or 32-bit samples give three channels on axis c.
 */
record PixelModule(int rows, int columns, int samples, int bitsAllocated, int bitsStored, int highBit, boolean signed,
        String photometric, int planar, int frames, int pixelTag, PixelType pixelType, int channels) {

    static PixelModule of(DicomFile file) throws FormatException {
        DicomDataset ds = file.dataset();
        if (file.pixel() == null) {
            throw new FormatException(file.path(), "the file has no Pixel Data (not an image: SOP class "
                    + ds.string(Tags.SOP_CLASS_UID) + ", modality " + ds.string(Tags.MODALITY) + ")");
        }
        int rows = ds.integer(Tags.ROWS, -1);
        int columns = ds.integer(Tags.COLUMNS, -1);
        if (rows < 1 || columns < 1) {
            throw new FormatException(file.path(), "Rows " + rows + " and Columns " + columns
                    + " must both be present and at least 1");
        }
        int pixelTag = file.pixel().tag();
        int samples = ds.integer(Tags.SAMPLES_PER_PIXEL, 1);
        int bitsAllocated = ds.integer(Tags.BITS_ALLOCATED, pixelTag == Tags.FLOAT_PIXEL_DATA ? 32
                : pixelTag == Tags.DOUBLE_FLOAT_PIXEL_DATA ? 64 : -1);
        int bitsStored = ds.integer(Tags.BITS_STORED, bitsAllocated);
        int highBit = ds.integer(Tags.HIGH_BIT, bitsStored - 1);
        boolean signed = ds.integer(Tags.PIXEL_REPRESENTATION, 0) == 1;
        String photometric = ds.string(Tags.PHOTOMETRIC_INTERPRETATION);
        if (photometric == null) {
            photometric = samples == 3 ? "RGB" : "MONOCHROME2";
        }
        int planar = ds.integer(Tags.PLANAR_CONFIGURATION, 0);
        double framesValue = ds.number(Tags.NUMBER_OF_FRAMES, 1);
        if (!(framesValue >= 0) || framesValue > Integer.MAX_VALUE) {
            throw new FormatException(file.path(), "NumberOfFrames " + framesValue + " is not a frame count");
        }
        int frames = Math.max(1, (int) framesValue);
        PixelType type;
        int channels = 1;
        if (pixelTag == Tags.FLOAT_PIXEL_DATA || pixelTag == Tags.DOUBLE_FLOAT_PIXEL_DATA) {
            if (samples != 1) {
                throw new FormatException(file.path(), "float pixel data with " + samples + " samples per pixel");
            }
            type = pixelTag == Tags.FLOAT_PIXEL_DATA ? PixelType.FLOAT32 : PixelType.FLOAT64;
            bitsAllocated = pixelTag == Tags.FLOAT_PIXEL_DATA ? 32 : 64;
            bitsStored = bitsAllocated;
        } else if (samples == 1) {
            type = switch (bitsAllocated) {
                case 1 -> PixelType.UINT8;
                case 8 -> signed ? PixelType.INT8 : PixelType.UINT8;
                case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
                case 32 -> signed ? PixelType.INT32 : PixelType.UINT32;
                default -> throw new FormatException(file.path(), "BitsAllocated " + bitsAllocated
                        + " is not supported (1, 8, 16 or 32 for one sample per pixel)");
            };
        } else if (samples == 3) {
            type = switch (bitsAllocated) {
                case 8 -> PixelType.RGB8;
                case 16 -> signed ? PixelType.INT16 : PixelType.UINT16;
                case 32 -> signed ? PixelType.INT32 : PixelType.UINT32;
                default -> throw new FormatException(file.path(), "BitsAllocated " + bitsAllocated
                        + " is not supported for 3 samples per pixel (8, 16 or 32)");
            };
            channels = bitsAllocated == 8 ? 1 : 3;
        } else {
            throw new FormatException(file.path(), "SamplesPerPixel " + samples
                    + " is not supported (1 or 3; photometric " + photometric + ")");
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new FormatException(file.path(), "BitsStored " + bitsStored + " must be between 1 and BitsAllocated "
                    + bitsAllocated);
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            highBit = bitsStored - 1;
        }
        if (photometric.startsWith("YBR") && samples != 3) {
            throw new FormatException(file.path(), "PhotometricInterpretation " + photometric + " with " + samples
                    + " samples per pixel");
        }
        PixelModule module = new PixelModule(rows, columns, samples, bitsAllocated, bitsStored, highBit, signed,
                photometric, planar, frames, pixelTag, type, channels);
        module.checkLength(file);
        return module;
    }

    /** Bytes of one native frame (bit-packed frames are handled by {@link #frameBits()}). */
    long frameBytes() {
        long pixels = (long) rows * columns;
        if ("YBR_FULL_422".equals(photometric) && samples == 3) {
            return pixels * 2 * (bitsAllocated / 8);
        }
        return pixels * samples * (bitsAllocated / 8);
    }

    long frameBits() {
        return (long) rows * columns * samples;
    }

    /** Native pixel data must hold every frame; encapsulated data must have fragments. */
    private void checkLength(DicomFile file) throws FormatException {
        DicomFile.PixelInfo pixel = file.pixel();
        if (!pixel.encapsulated()) {
            if (file.syntax().encapsulated()) {
                throw new FormatException(file.path(), "the transfer syntax " + file.syntax().describe()
                        + " is compressed but the Pixel Data is not encapsulated");
            }
            long needed = bitsAllocated == 1 ? (frameBits() * frames + 7) / 8 : Math.multiplyExact(frameBytes(), frames);
            if (needed > pixel.length()) {
                throw new FormatException(file.path(), "Rows x Columns x frames x samples (" + rows + " x " + columns
                        + " x " + frames + " x " + samples + ", " + bitsAllocated + " bits) needs " + needed
                        + " bytes but the Pixel Data holds " + pixel.length());
            }
        } else {
            if (!file.syntax().encapsulated()) {
                throw new FormatException(file.path(), "the Pixel Data is encapsulated but the transfer syntax "
                        + file.syntax().describe() + " is not a compressed one");
            }
            if (file.fragments().isEmpty()) {
                throw new FormatException(file.path(), "the encapsulated Pixel Data has no fragments");
            }
        }
    }

    /** Samples in one frame after decoding (YBR 4:2:2 expanded). */
    int frameSamples() {
        return Math.multiplyExact(Math.multiplyExact(rows, columns), samples);
    }
}
