#!/usr/bin/python3
"""FITS test files for org.qbi.lab.neutron.fits, written by hand (FITS 4.0: 2880-byte blocks of 80-character
cards, big-endian data) from the real neutron image npy/shellN.npy of ../shared/data (snail shell, QBI course 2019,
Apache-2.0), with the expected physical values as .npy (numpy 1.24). No astropy on the build machines; the
headers follow the standard's fixed format. Run: /usr/bin/python3 make_fits.py [path/to/shellN.npy]
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SHELL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, *[".."] * 6, "shared", "data", "npy", "shellN.npy")


def card(key, value=None, comment=None):
    if value is None:
        return "%-80s" % ("%-8s%s" % (key, comment or ""))[:80]
    if isinstance(value, bool):
        v = "%20s" % ("T" if value else "F")
    elif isinstance(value, str):
        v = "%-20s" % ("'%-8s'" % value)
    elif isinstance(value, int):
        v = "%20d" % value
    else:
        v = "%20s" % repr(float(value)).upper()
    text = "%-8s= %s" % (key, v) + (" / " + comment if comment else "")
    return "%-80s" % text[:80]


def fits(name, stored, bitpix, cards=(), bscale=None, bzero=None, extension=False):
    """stored: the array as it is stored (numpy order), written with dtype for bitpix, big-endian."""
    dtype = {8: ">u1", 16: ">i2", 32: ">i4", -32: ">f4", -64: ">f8", 64: ">i8"}[bitpix]
    def hdu(first, data, bp, extra):
        c = [card("SIMPLE", True) if first else card("XTENSION", "IMAGE"), card("BITPIX", bp), card("NAXIS", data.ndim)]
        c += [card("NAXIS%d" % (i + 1), int(n)) for i, n in enumerate(reversed(data.shape))]
        if first and extension:
            c.append(card("EXTEND", True))
        if not first:
            c += [card("PCOUNT", 0), card("GCOUNT", 1)]
        c += list(extra) + ["%-80s" % "END"]
        h = "".join(c).encode("ascii")
        h += b" " * (-len(h) % 2880)
        d = np.ascontiguousarray(data).astype(dtype).tobytes()
        return h + d + b"\0" * (-len(d) % 2880)
    extra = list(cards)
    if bscale is not None:
        extra.append(card("BSCALE", bscale))
    if bzero is not None:
        extra.append(card("BZERO", bzero))
    with open(os.path.join(HERE, name), "wb") as f:
        if extension:     # an empty primary HDU, the image in the first extension
            f.write(hdu(True, np.zeros((0,), dtype=np.uint8), 8, []))
        f.write(hdu(not extension, stored, bitpix, extra))


shell = np.load(SHELL)
crop = shell[300:340, 300:350]                                            # 40 x 50 uint16, real
stack = np.stack([crop, shell[340:380, 300:350], shell[380:420, 300:350]])  # 3 x 40 x 50
calibrated = [card("CTYPE1", "X"), card("CUNIT1", "mm"), card("CDELT1", 0.055), card("CRPIX1", 1.0),
              card("CRVAL1", 2.0), card("CUNIT2", "mm"), card("CDELT2", -0.055), card("CRPIX2", 11.0),
              card("CRVAL2", 0.0), card("CTYPE3", "ANGLE"), card("CUNIT3", "deg"), card("CDELT3", 1.5),
              card("EXPTIME", 12.5, "exposure (s)"), card("INSTRUME", "ICON"), card("COMMENT", None, "first"),
              card("COMMENT", None, "second"), card("HISTORY", None, "made by make_fits.py")]

# uint16 as BITPIX 16 + BZERO 32768 (the usual camera output)
fits("u16_stack.fits", stack.astype(np.int32) - 32768, 16, calibrated, bscale=1.0, bzero=32768.0)
np.save(os.path.join(HERE, "u16_stack.npy"), stack.astype(np.float64))
# uint8 2D
u8 = (crop >> 8).astype(np.uint8)
fits("u8.fits", u8, 8)
np.save(os.path.join(HERE, "u8.npy"), u8.astype(np.float64))
# int16 with BSCALE 0.5 and BZERO -100 (physical = -100 + 0.5 * stored)
i16 = (crop.astype(np.int32) // 4 - 2000).astype(np.int16)
fits("i16_scaled.fits", i16, 16, [card("BUNIT", "counts")], bscale=0.5, bzero=-100.0)
np.save(os.path.join(HERE, "i16_scaled.npy"), i16.astype(np.float64) * 0.5 - 100.0)
# int32, float32 (in an IMAGE extension), float64
i32 = crop.astype(np.int32) * 1000 - 20000000
fits("i32.fits", i32, 32)
np.save(os.path.join(HERE, "i32.npy"), i32.astype(np.float64))
f32 = (stack.astype(np.float32) / 1000.0)
fits("f32_extension.fits", f32, -32, extension=True)
np.save(os.path.join(HERE, "f32_extension.npy"), f32.astype(np.float64))
f64 = crop.astype(np.float64) / 7.0
fits("f64.fits", f64, -64)
np.save(os.path.join(HERE, "f64.npy"), f64)
# a series: one 2D file per projection, named so that name order is not number order (proj_10 last), the last
# with a header of two blocks (so its data starts elsewhere); the stack equals u16_stack.npy
os.makedirs(os.path.join(HERE, "series"), exist_ok=True)
os.makedirs(os.path.join(HERE, "series_mismatch"), exist_ok=True)
for name, plane, extra in (("proj_1", 0, []), ("proj_2", 1, []),
                           ("proj_10", 2, [card("HISTORY", None, "line %d" % i) for i in range(40)])):
    fits(os.path.join("series", name + ".fits"), stack[plane].astype(np.int32) - 32768, 16,
         calibrated[:9] + extra, bscale=1.0, bzero=32768.0)
fits(os.path.join("series_mismatch", "a.fits"), crop.astype(np.int32) - 32768, 16, bscale=1.0, bzero=32768.0)
fits(os.path.join("series_mismatch", "b.fits"), crop[:, :40].astype(np.int32) - 32768, 16, bscale=1.0, bzero=32768.0)
# refused: 64-bit integers
fits("i64.fits", crop.astype(np.int64), 64)
print("FITS test files written to", HERE)
