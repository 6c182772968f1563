#!/usr/bin/python3
"""Makes the JPEG-LS reference code streams of JpegLsFixturesTest and their expected decoded values.

Two independent encoders write them:
  * CharLS 2.4.1 (Debian package libcharls2, called through ctypes): every bit depth, NEAR, interleave mode and
    preset (LSE) coding parameters. CharLS writes no restart markers, so the restart fixtures are spliced: each
    restart interval of K lines is coded as its own K-line image (a restart interval is coded exactly like a new
    scan: contexts, RUNindex and the line above are reset) and the intervals' coded data are joined with RSTm
    markers under one SOF55 and a DRI marker segment.
  * dcmtk 3.6.7 (Debian package dcmtk, dcmcjpls; it has its own older fork of CharLS): a few DICOM files made from
    the same synthetic pixels, whose single fragment is the code stream.

The expected values (expected.tsv) are the samples decoded by CharLS (charls_jpegls_decoder), cross-checked against
GDCM 3.0.21 (gdcmconv --raw, package libgdcm-tools) and, for the dcmtk streams, dcmdjpls: the script stops when any
decoder disagrees, when a lossless stream does not return the source pixels or when a near-lossless one errs by more
than NEAR.

sha256 is over the samples as the test reads them: little-endian, 1 byte each when bits <= 8 else 2 bytes,
component-interleaved (pixel 0 c0 c1 c2, pixel 1 ...), row-major.

Run from this folder:  apt-get install libcharls2 dcmtk libgdcm-tools python3-pydicom python3-numpy
                       /usr/bin/python3 make_fixtures.py
"""
import ctypes
import hashlib
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
charls = ctypes.CDLL("libcharls.so.2")


class FrameInfo(ctypes.Structure):
    _fields_ = [("width", ctypes.c_uint32), ("height", ctypes.c_uint32), ("bits_per_sample", ctypes.c_int32),
                ("component_count", ctypes.c_int32)]


class PcParameters(ctypes.Structure):
    _fields_ = [("maximum_sample_value", ctypes.c_int32), ("threshold1", ctypes.c_int32),
                ("threshold2", ctypes.c_int32), ("threshold3", ctypes.c_int32), ("reset_value", ctypes.c_int32)]


for name in ("charls_jpegls_encoder_create", "charls_jpegls_decoder_create"):
    getattr(charls, name).restype = ctypes.c_void_p
_argtypes = {
    "charls_jpegls_encoder_set_frame_info": [ctypes.c_void_p, ctypes.POINTER(FrameInfo)],
    "charls_jpegls_encoder_set_near_lossless": [ctypes.c_void_p, ctypes.c_int32],
    "charls_jpegls_encoder_set_interleave_mode": [ctypes.c_void_p, ctypes.c_int32],
    "charls_jpegls_encoder_set_preset_coding_parameters": [ctypes.c_void_p, ctypes.POINTER(PcParameters)],
    "charls_jpegls_encoder_get_estimated_destination_size": [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)],
    "charls_jpegls_encoder_set_destination_buffer": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t],
    "charls_jpegls_encoder_encode_from_buffer": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint32],
    "charls_jpegls_encoder_get_bytes_written": [ctypes.c_void_p, ctypes.POINTER(ctypes.c_size_t)],
    "charls_jpegls_encoder_destroy": [ctypes.c_void_p],
    "charls_jpegls_decoder_set_source_buffer": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t],
    "charls_jpegls_decoder_read_header": [ctypes.c_void_p],
    "charls_jpegls_decoder_get_destination_size": [ctypes.c_void_p, ctypes.c_uint32, ctypes.POINTER(ctypes.c_size_t)],
    "charls_jpegls_decoder_decode_to_buffer": [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t, ctypes.c_uint32],
    "charls_jpegls_decoder_get_frame_info": [ctypes.c_void_p, ctypes.POINTER(FrameInfo)],
    "charls_jpegls_decoder_get_interleave_mode": [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int32)],
    "charls_jpegls_decoder_destroy": [ctypes.c_void_p],
}
for name, types in _argtypes.items():
    getattr(charls, name).argtypes = types
charls.charls_get_error_message.restype = ctypes.c_char_p


def check(code):
    if code != 0:
        raise RuntimeError("CharLS error %d: %s" % (code, charls.charls_get_error_message(code).decode()))


def charls_encode(pixels, bits, near=0, ilv=0, preset=None):
    """pixels: (h, w) or (h, w, c) array; returns the code stream."""
    h, w = pixels.shape[:2]
    c = 1 if pixels.ndim == 2 else pixels.shape[2]
    dtype = np.uint8 if bits <= 8 else np.dtype("<u2")
    if c > 1 and ilv == 0:
        source = np.ascontiguousarray(np.moveaxis(pixels, 2, 0), dtype=dtype)  # CharLS: planar for ILV none
    else:
        source = np.ascontiguousarray(pixels, dtype=dtype)
    enc = charls.charls_jpegls_encoder_create()
    try:
        check(charls.charls_jpegls_encoder_set_frame_info(enc, ctypes.byref(FrameInfo(w, h, bits, c))))
        check(charls.charls_jpegls_encoder_set_near_lossless(enc, near))
        if c > 1:
            check(charls.charls_jpegls_encoder_set_interleave_mode(enc, ilv))
        if preset is not None:
            check(charls.charls_jpegls_encoder_set_preset_coding_parameters(enc, ctypes.byref(PcParameters(*preset))))
        size = ctypes.c_size_t()
        check(charls.charls_jpegls_encoder_get_estimated_destination_size(enc, ctypes.byref(size)))
        out = ctypes.create_string_buffer(size.value)
        check(charls.charls_jpegls_encoder_set_destination_buffer(enc, out, size.value))
        check(charls.charls_jpegls_encoder_encode_from_buffer(enc, source.ctypes.data, source.nbytes, 0))
        written = ctypes.c_size_t()
        check(charls.charls_jpegls_encoder_get_bytes_written(enc, ctypes.byref(written)))
        return out.raw[:written.value]
    finally:
        charls.charls_jpegls_encoder_destroy(enc)


def charls_decode(stream):
    """Returns (h, w, c) samples (component-interleaved, as the test reads them)."""
    dec = charls.charls_jpegls_decoder_create()
    buf = ctypes.create_string_buffer(stream, len(stream))
    try:
        check(charls.charls_jpegls_decoder_set_source_buffer(dec, buf, len(stream)))
        check(charls.charls_jpegls_decoder_read_header(dec))
        info = FrameInfo()
        check(charls.charls_jpegls_decoder_get_frame_info(dec, ctypes.byref(info)))
        ilv = ctypes.c_int32()
        check(charls.charls_jpegls_decoder_get_interleave_mode(dec, ctypes.byref(ilv)))
        size = ctypes.c_size_t()
        check(charls.charls_jpegls_decoder_get_destination_size(dec, 0, ctypes.byref(size)))
        out = ctypes.create_string_buffer(size.value)
        check(charls.charls_jpegls_decoder_decode_to_buffer(dec, out, size.value, 0))
    finally:
        charls.charls_jpegls_decoder_destroy(dec)
    dtype = np.uint8 if info.bits_per_sample <= 8 else np.dtype("<u2")
    a = np.frombuffer(out.raw, dtype=dtype)
    h, w, c = info.height, info.width, info.component_count
    if c > 1 and ilv.value == 0:
        return np.moveaxis(a.reshape(c, h, w), 0, 2)
    return a.reshape(h, w, c)


def gdcm_decode(stream, h, w, c, bits):
    """Decodes with GDCM's JPEG-LS codec (its own CharLS copy) through a DICOM file written by pydicom."""
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.encaps import encapsulate
    from pydicom.uid import JPEGLSNearLossless, generate_uid, SecondaryCaptureImageStorage
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = JPEGLSNearLossless
    ds.file_meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Rows, ds.Columns, ds.SamplesPerPixel = h, w, c
    ds.PhotometricInterpretation = "RGB" if c == 3 else "MONOCHROME2"
    if c == 3:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8 if bits <= 8 else 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.PixelData = encapsulate([stream])
    ds["PixelData"].VR = "OB"
    ds.is_little_endian, ds.is_implicit_VR = True, False
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.dcm")
        ds.save_as(path, write_like_original=False)
        out = os.path.join(tmp, "raw.dcm")
        subprocess.run(["gdcmconv", "--raw", path, out], check=True)
        a = pydicom.dcmread(out).pixel_array
    return a.reshape(h, w, c)


def samples_bytes(a, bits):
    return np.ascontiguousarray(a, dtype=np.uint8 if bits <= 8 else np.dtype("<u2")).tobytes()


def phantom(h, w, bits, seed, channels=1):
    """Deterministic test pixels with flat areas (run mode), edges, ramps and noise (escape codes)."""
    rng = np.random.default_rng(seed)
    top = (1 << bits) - 1
    y, x = np.mgrid[0:h, 0:w]
    planes = []
    for ch in range(channels):
        img = np.zeros((h, w), dtype=np.float64)
        img += top * 0.15
        r = np.hypot(y - h * (0.4 + 0.1 * ch), x - w * 0.5)
        img[r < min(h, w) * 0.35] = top * (0.55 + 0.1 * ch)
        img[r < min(h, w) * 0.15] = top * 0.9
        img[:, : w // 6] = (x[:, : w // 6] * 37 + y[:, : w // 6] * 11) % (top + 1)  # ramps that wrap: large errors
        noisy = (y > h * 0.7) & (x > w * 0.5)
        img[noisy] += rng.normal(0, top * 0.08, noisy.sum())
        img[(y % 9 == 0) & (x > w * 0.3)] = top * (ch % 2)  # thin lines: run interruptions
        img[h // 2:, w // 2 - 3: w // 2 + 3] = rng.integers(0, top + 1, (h - h // 2, 6))  # full-range noise
        planes.append(np.clip(np.rint(img), 0, top).astype(np.int64))
    return planes[0] if channels == 1 else np.stack(planes, axis=2)


# --- Splicing restart intervals -------------------------------------------------------------------------------

def segments(stream):
    """Yields (marker, start, end) of the marker segments and (0xDA, sos_start, data_end) of the scans."""
    i = 2
    out = []
    while i < len(stream):
        assert stream[i] == 0xFF, i
        code = stream[i + 1]
        if code == 0xD9:
            out.append((code, i, i + 2))
            break
        length = struct.unpack(">H", stream[i + 2:i + 4])[0]
        end = i + 2 + length
        if code == 0xDA:
            j = end
            while not (stream[j] == 0xFF and stream[j + 1] >= 0x80):
                j += 1
            out.append((code, i, end, j))
            i = j
        else:
            out.append((code, i, end))
            i = end
    return out


def with_restarts(pixels, bits, interval, **options):
    """A code stream of pixels with a restart interval of `interval` lines (see the module comment)."""
    h = pixels.shape[0]
    strips = [charls_encode(pixels[y:y + interval], bits, **options) for y in range(0, h, interval)]
    first = segments(strips[0])
    head = bytearray(b"\xff\xd8")
    for seg in first:
        if seg[0] == 0xF7:  # SOF55 with the full height
            sof = bytearray(strips[0][seg[1]:seg[2]])
            sof[5:7] = struct.pack(">H", h)
            head += sof
        elif seg[0] == 0xF8:
            head += strips[0][seg[1]:seg[2]]
    head += b"\xff\xdd" + struct.pack(">HH", 4, interval)
    scans_per_strip = [[s for s in segments(strip) if s[0] == 0xDA] for strip in strips]
    for scan in range(len(scans_per_strip[0])):
        sos = scans_per_strip[0][scan]
        head += strips[0][sos[1]:sos[2]]
        for n, strip in enumerate(strips):
            s = scans_per_strip[n][scan]
            head += strip[s[2]:s[3]]
            if n + 1 < len(strips):
                head += bytes([0xFF, 0xD0 + n % 8])
    head += b"\xff\xd9"
    return bytes(head)


# --- dcmtk ------------------------------------------------------------------------------------------------------

def dcmtk_encode(pixels, bits, options):
    """Writes pixels as an uncompressed DICOM, compresses it with dcmcjpls, returns (stream, dcmdjpls samples)."""
    import pydicom
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid, SecondaryCaptureImageStorage
    from pydicom.encaps import generate_pixel_data_frame
    h, w = pixels.shape[:2]
    c = 1 if pixels.ndim == 2 else pixels.shape[2]
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = SecondaryCaptureImageStorage
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.SOPClassUID = SecondaryCaptureImageStorage
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Modality = "OT"
    ds.Rows, ds.Columns, ds.SamplesPerPixel = h, w, c
    ds.PhotometricInterpretation = "RGB" if c == 3 else "MONOCHROME2"
    if c == 3:
        ds.PlanarConfiguration = 0
    ds.BitsAllocated = 8 if bits <= 8 else 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.PixelData = samples_bytes(pixels, bits)
    ds.is_little_endian, ds.is_implicit_VR = True, False
    with tempfile.TemporaryDirectory() as tmp:
        src, jls, back = (os.path.join(tmp, n) for n in ("src.dcm", "jls.dcm", "back.dcm"))
        ds.save_as(src, write_like_original=False)
        subprocess.run(["dcmcjpls"] + options + [src, jls], check=True)
        subprocess.run(["dcmdjpls", jls, back], check=True)
        encoded = pydicom.dcmread(jls)
        stream = next(generate_pixel_data_frame(encoded.PixelData, 1))
        decoded = pydicom.dcmread(back).pixel_array.reshape(h, w, c)
    return bytes(stream), decoded


# --- The fixtures -----------------------------------------------------------------------------------------------

def main():
    rows = []

    def add(name, pixels, bits, near, stream, tool_decoded=None, note="", reference=None):
        """reference: a stream the reference decoders read as this one should be read (for the JAI streams)."""
        h, w = pixels.shape[:2]
        c = 1 if pixels.ndim == 2 else pixels.shape[2]
        source = pixels.reshape(h, w, c)
        decoded = charls_decode(reference or stream).astype(np.int64)
        gdcm = gdcm_decode(reference or stream, h, w, c, bits).astype(np.int64)
        if not np.array_equal(decoded, gdcm):
            sys.exit("%s: CharLS and GDCM disagree" % name)
        if tool_decoded is not None and not np.array_equal(decoded, tool_decoded.astype(np.int64)):
            sys.exit("%s: CharLS and dcmdjpls disagree" % name)
        error = int(np.abs(decoded - source).max())
        if error > near:
            sys.exit("%s: error %d > NEAR %d" % (name, error, near))
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(stream)
        digest = hashlib.sha256(samples_bytes(decoded, bits)).hexdigest()
        rows.append((name, w, h, c, bits, near, error, int(decoded.min()), int(decoded.max()), digest, note))

    g8 = phantom(47, 61, 8, 1)
    add("gray8_lossless.jls", g8, 8, 0, charls_encode(g8, 8), note="CharLS, default parameters")
    add("gray8_near2.jls", g8, 8, 2, charls_encode(g8, 8, near=2), note="CharLS, NEAR=2")
    g2 = phantom(23, 35, 2, 2)
    add("gray2_lossless.jls", g2, 2, 0, charls_encode(g2, 2), note="CharLS, 2 bits")
    g5 = phantom(30, 33, 5, 3)
    add("gray5_near1.jls", g5, 5, 1, charls_encode(g5, 5, near=1), note="CharLS, 5 bits, NEAR=1")
    g12 = phantom(40, 50, 12, 4)
    add("gray12_lossless.jls", g12, 12, 0, charls_encode(g12, 12), note="CharLS, 12 bits")
    add("gray12_near3.jls", g12, 12, 3, charls_encode(g12, 12, near=3), note="CharLS, 12 bits, NEAR=3")
    g16 = phantom(36, 44, 16, 5)
    add("gray16_lossless.jls", g16, 16, 0, charls_encode(g16, 16), note="CharLS, 16 bits (escape codes)")
    add("gray16_near7.jls", g16, 16, 7, charls_encode(g16, 16, near=7), note="CharLS, 16 bits, NEAR=7")
    g10 = phantom(32, 40, 10, 6)
    add("gray10_preset.jls", g10, 10, 0, charls_encode(g10, 10, preset=(0, 5, 11, 40, 20)),
        note="CharLS, LSE T1=5 T2=11 T3=40 RESET=20")
    add("gray10_preset_near2.jls", g10, 10, 2, charls_encode(g10, 10, near=2, preset=(0, 9, 20, 60, 32)),
        note="CharLS, LSE T1=9 T2=20 T3=60 RESET=32, NEAR=2")
    # A preset MAXVAL below 2^P - 1. CharLS clamps predictions with a bit mask ((v & MAXVAL) == v), which is right
    # only when MAXVAL is 2^n - 1 (T.87 A.4.2 clamps to 0..MAXVAL): a MAXVAL like 1000 gives non-conforming streams.
    g1023 = phantom(32, 40, 10, 9)
    add("gray12_maxval1023.jls", g1023, 12, 0, charls_encode(g1023, 12, preset=(1023, 0, 0, 0, 0)),
        note="CharLS, 12 bits, LSE MAXVAL=1023 (LIMIT and thresholds from MAXVAL), default thresholds")
    add("gray12_maxval1023_near1.jls", g1023, 12, 1, charls_encode(g1023, 12, near=1, preset=(1023, 0, 0, 0, 0)),
        note="CharLS, 12 bits, LSE MAXVAL=1023, NEAR=1")
    rgb = phantom(29, 37, 8, 7, channels=3)
    add("rgb8_ilv0.jls", rgb, 8, 0, charls_encode(rgb, 8, ilv=0), note="CharLS, 3 scans")
    add("rgb8_ilv1.jls", rgb, 8, 0, charls_encode(rgb, 8, ilv=1), note="CharLS, line interleaved")
    add("rgb8_ilv2.jls", rgb, 8, 0, charls_encode(rgb, 8, ilv=2), note="CharLS, sample interleaved")
    add("rgb8_ilv2_near3.jls", rgb, 8, 3, charls_encode(rgb, 8, near=3, ilv=2),
        note="CharLS, sample interleaved, NEAR=3")
    rgb12 = phantom(21, 26, 12, 8, channels=3)
    add("rgb12_ilv1_near2.jls", rgb12, 12, 2, charls_encode(rgb12, 12, near=2, ilv=1),
        note="CharLS, 12 bits, line interleaved, NEAR=2")
    add("gray8_restart5.jls", g8, 8, 0, with_restarts(g8, 8, 5), note="CharLS intervals spliced, DRI 5 lines")
    add("gray12_near2_restart7.jls", g12, 12, 2, with_restarts(g12, 12, 7, near=2),
        note="CharLS intervals spliced, DRI 7 lines, NEAR=2")
    add("rgb8_ilv0_restart4.jls", rgb, 8, 0, with_restarts(rgb, 8, 4, ilv=0),
        note="CharLS intervals spliced, DRI 4 lines, 3 scans")
    add("rgb8_ilv1_restart3.jls", rgb, 8, 0, with_restarts(rgb, 8, 3, ilv=1),
        note="CharLS intervals spliced, DRI 3 lines, line interleaved (more than 8 intervals: RST0..7 wrap)")
    add("rgb8_ilv2_restart6.jls", rgb, 8, 0, with_restarts(rgb, 8, 6, ilv=2),
        note="CharLS intervals spliced, DRI 6 lines, sample interleaved")

    # JAI ImageIO (old dcm4che) codes P > 12 with thresholds whose FACTOR is not clamped at MAXVAL 4095 and writes
    # no LSE segment. CharLS writes the same coding given those thresholds; without its LSE segment it is a JAI stream.
    for bits, seed, near in ((16, 14, 0), (13, 15, 0), (16, 16, 3)):
        g = phantom(30, 41, bits, seed)
        maxval = (1 << bits) - 1
        factor = (maxval + 128) >> 8
        jai = (maxval, factor + 2 + 3 * near, 4 * factor + 3 + 5 * near, 17 * factor + 4 + 7 * near, 64)
        with_lse = charls_encode(g, bits, near=near, preset=jai)
        lse = [seg for seg in segments(with_lse) if seg[0] == 0xF8]
        assert len(lse) == 1
        stream = with_lse[:lse[0][1]] + with_lse[lse[0][2]:]
        add("jai_gray%d%s.jls" % (bits, "_near%d" % near if near else ""), g, bits, near, stream,
            reference=with_lse,
            note="CharLS with JAI's thresholds T1=%d T2=%d T3=%d, LSE segment removed" % jai[1:4])

    stream, tool = dcmtk_encode(g12, 12, ["+en", "+md", "3", "+t1", "10", "+t2", "30", "+t3", "90", "+rs", "40"])
    add("dcmtk_gray12_near3_preset.jls", g12, 12, 3, stream, tool,
        note="dcmcjpls +en +md 3 +t1 10 +t2 30 +t3 90 +rs 40")
    stream, tool = dcmtk_encode(g16, 16, [])
    add("dcmtk_gray16_lossless.jls", g16, 16, 0, stream, tool, note="dcmcjpls (defaults)")
    stream, tool = dcmtk_encode(rgb, 8, ["+is"])
    add("dcmtk_rgb8_ilv2.jls", rgb, 8, 0, stream, tool, note="dcmcjpls +is")
    stream, tool = dcmtk_encode(rgb, 8, ["+in", "+en", "+md", "2"])
    add("dcmtk_rgb8_ilv0_near2.jls", rgb, 8, 2, stream, tool, note="dcmcjpls +in +en +md 2")
    stream, tool = dcmtk_encode(rgb, 8, ["+il"])
    add("dcmtk_rgb8_ilv1.jls", rgb, 8, 0, stream, tool, note="dcmcjpls +il")

    with open(os.path.join(HERE, "expected.tsv"), "w") as f:
        f.write("# file\twidth\theight\tcomponents\tbits\tnear\tmax_error_vs_source\tmin\tmax\tsha256\thow made\n")
        for row in rows:
            f.write("\t".join(str(v) for v in row) + "\n")
    print("wrote %d fixtures" % len(rows))


if __name__ == "__main__":
    main()
