#!/usr/bin/python3
"""JPEG Extended (1.2.840.10008.1.2.4.51) DICOM fixtures for Jpeg12*Test, encoded by dcmtk's dcmcjpeg (IJG 6b
8/12-bit) and decoded by dcmtk's dcmdjpeg as the reference; GDCM (gdcmconv --raw) is checked as a second reference.

Writes the .dcm files here and expected.tsv: name, rows, cols, frames, samples, bits stored, pixel representation,
photometric of the decoded file, sha256 of dcmdjpeg's pixels (little-endian uint16/int16 or uint8, x fastest, samples
interleaved, frames in order), whether GDCM agrees.
Run: /usr/bin/python3 make_fixtures.py   (needs dcmtk, libgdcm-tools, python3-pydicom, python3-numpy)
"""
import hashlib
import os
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.uid import ExplicitVRLittleEndian

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "../../../../../shared/data/dicom"))
if not os.path.isdir(SHARED):
    SHARED = "/work/shared/data/dicom"


def run(*args):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)


def make_source(tmp, name, pixels, bits_stored, signed, photometric="MONOCHROME2", template="single/MR_small.dcm"):
    ds = pydicom.dcmread(os.path.join(SHARED, template))
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    frames = pixels.shape[0] if pixels.ndim >= 3 and photometric.startswith("MONO") else 1
    if photometric.startswith("MONO"):
        rows, cols = pixels.shape[-2:]
        ds.SamplesPerPixel = 1
    else:
        rows, cols = pixels.shape[:2]
        ds.SamplesPerPixel = 3
        ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = rows, cols
    if frames > 1:
        ds.NumberOfFrames = frames
    ds.PhotometricInterpretation = photometric
    ds.BitsAllocated = 16 if bits_stored > 8 else 8
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    for tag in ("WindowCenter", "WindowWidth", "SmallestImagePixelValue", "LargestImagePixelValue"):
        if tag in ds:
            delattr(ds, tag)
    dtype = ("<i2" if signed else "<u2") if bits_stored > 8 else "u1"
    ds.PixelData = np.ascontiguousarray(pixels.astype(dtype)).tobytes()
    path = os.path.join(tmp, name + ".src.dcm")
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.save_as(path, write_like_original=False)
    return path


def pixel_bytes(path):
    ds = pydicom.dcmread(path)
    return ds.PixelData[: ds.Rows * ds.Columns * ds.SamplesPerPixel * int(ds.get("NumberOfFrames", 1))
                        * (ds.BitsAllocated // 8)], ds


def main():
    rng = np.random.default_rng(12)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = []
        # The shared 12-bit multi-frame MR, default quality and a low one with smoothing.
        cases.append(("emri_small_q90", os.path.join(SHARED, "multiframe/emri_small.dcm"), ["+ee"]))
        cases.append(("emri_small_q30", os.path.join(SHARED, "multiframe/emri_small.dcm"), ["+ee", "+q", "30"]))
        # A 12-bit CT made from CT_small (clipped to 12 bits, signed), odd size to leave partial blocks.
        ct = pydicom.dcmread(os.path.join(SHARED, "single/CT_small.dcm")).pixel_array.astype(np.int32)
        ct = np.clip(ct[3:124, 5:118], -2048, 2047)
        cases.append(("ct12_signed_121x113_q95", make_source(tmp, "ct12", ct, 12, True), ["+ee", "+q", "95"]))
        ctu = np.clip(ct + 1024, 0, 4095)
        cases.append(("ct12_unsigned_121x113_q75", make_source(tmp, "ct12u", ctu, 12, False), ["+ee", "+q", "75"]))
        # Full-range 12-bit noise and ramps: large coefficients, clamping at 0 and 4095.
        y, x = np.mgrid[0:37, 0:53]
        noise = np.where((x // 8 + y // 8) % 2 == 0, rng.integers(0, 4096, (37, 53)), (x * 77 + y * 31) % 4096)
        noise[0:8, 0:16] = 0
        noise[8:16, 0:16] = 4095
        cases.append(("noise12_53x37_q100", make_source(tmp, "noise12", noise, 12, False), ["+ee", "+q", "100"]))
        cases.append(("noise12_53x37_q10", make_source(tmp, "noise12b", noise, 12, False), ["+ee", "+q", "10"]))
        # 8-bit extended (SOF1, precision 8), grey and colour with 4:2:2 subsampling and 4:4:4.
        grey8 = ((x * 5 + y * 3) % 256).astype(np.uint8)
        grey8[10:20, 10:30] = rng.integers(0, 256, (10, 20))
        cases.append(("grey8_53x37_q80", make_source(tmp, "grey8", grey8, 8, False), ["+ee", "+q", "80"]))
        rgb = np.stack([(x * 4) % 256, (y * 6) % 256, ((x + y) * 3) % 256], axis=-1).astype(np.uint8)
        rgb[5:25, 20:40] = rng.integers(0, 256, (20, 20, 3))
        cases.append(("rgb8_422_53x37_q85", make_source(tmp, "rgb8", rgb, 8, False, "RGB"), ["+ee", "+q", "85"]))
        cases.append(("rgb8_444_53x37_q85", make_source(tmp, "rgb8b", rgb, 8, False, "RGB"),
                      ["+ee", "+q", "85", "+s4"]))
        cases.append(("rgb8_411_53x37_q85", make_source(tmp, "rgb8c", rgb, 8, False, "RGB"),
                      ["+ee", "+q", "85", "+n1"]))

        # pydicom's JPGExtended.dcm (1024 x 256, 12-bit), already in ../pydicom: reference only.
        cases.append(("../pydicom/JPGExtended", None, None))
        for name, source, options in cases:
            out = os.path.join(HERE, name + ".dcm")
            if source is not None:
                run("dcmcjpeg", *options, source, out)
            ref = os.path.join(tmp, os.path.basename(name) + ".dcmtk.dcm")
            run("dcmdjpeg", "+cn", out, ref)  # +cn: keep YCbCr, as the code stream holds it
            data, ds = pixel_bytes(ref)
            gd = os.path.join(tmp, os.path.basename(name) + ".gdcm.dcm")
            run("gdcmconv", "--raw", out, gd)
            gdata, gds = pixel_bytes(gd)
            gdcm_agrees = gdata == data
            enc = pydicom.dcmread(out)
            rows.append([name, ds.Rows, ds.Columns, int(ds.get("NumberOfFrames", 1)), ds.SamplesPerPixel,
                         enc.BitsStored, enc.PixelRepresentation, str(ds.PhotometricInterpretation),
                         hashlib.sha256(data).hexdigest(), "yes" if gdcm_agrees else "no"])
            print(name, os.path.getsize(out), rows[-1][7], "gdcm agrees" if gdcm_agrees else "GDCM DIFFERS",
                  file=sys.stderr)
    with open(os.path.join(HERE, "expected.tsv"), "w") as f:
        f.write("name\trows\tcols\tframes\tsamples\tbits_stored\tsigned\tphotometric\tsha256\tgdcm_agrees\n")
        for r in rows:
            f.write("\t".join(str(v) for v in r) + "\n")


if __name__ == "__main__":
    main()
