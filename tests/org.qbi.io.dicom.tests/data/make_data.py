#!/usr/bin/python3
"""Test data for org.qbi.io.dicom that ../shared/data lacks, and its truth.

Run from this folder with Debian's python3 (python3-pydicom 2.3.1, python3-gdcm 3.0.21, numpy):
    /usr/bin/python3 make_data.py

pydicom/      copies of pydicom's own test files (MIT licence, see pydicom/README.md): RGB, YBR, deflate, RT dose,
              1-bit segmentation, JPEG baseline colour, JPEG extended 12-bit, JPEG 2000 colour and signed.
generated/    files written here with pydicom from MR_small.dcm / emri_small pixels: float and double float pixel
              data (parametric map), an enhanced multi-frame with per-frame functional groups, and small series
              (irregular gaps, gantry tilt, two series in one folder, mixed sizes).
truth.json    for every file: shape (numpy order), dtype, stored-value sha256 (little endian, x fastest, RGB
              interleaved) and stats, decoded by pydicom (GDCM for compressed syntaxes); YBR_FULL / YBR_FULL_422
              pixels converted with pydicom's convert_color_space (what QBI presents); lossy files also get the
              decoded pixels as reference/<name>.ref.npy.gz to compare within a tolerance (also for
              ../shared/data/dicom/compressed/CT_jpeg_2000.dcm, whose truth.json has no pixels).
"""
import gzip
import hashlib
import json
import os
import shutil

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixel_data_handlers.util import convert_color_space
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

HERE = os.path.dirname(os.path.abspath(__file__))
PYDICOM = "/usr/lib/python3/dist-packages/pydicom/data/test_files"
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "dicom"))

COPIED = [
    "ExplVR_BigEnd.dcm",              # RGB, planar configuration 1, explicit VR big endian
    "SC_rgb_small_odd.dcm",           # RGB 3x3, explicit LE
    "SC_rgb_rle.dcm",                 # RGB RLE
    "SC_rgb_rle_2frame.dcm",          # RGB RLE, 2 frames
    "SC_rgb_rle_16bit.dcm",           # 3 x 16-bit samples, RLE
    "SC_ybr_full_422_uncompressed.dcm",  # YBR_FULL_422 native
    "SC_rgb_jpeg_dcmtk.dcm",          # JPEG baseline, YBR_FULL
    "SC_rgb_dcmtk_+eb+cy+np.dcm",     # JPEG baseline, YBR_FULL_422
    "SC_rgb_jpeg_gdcm.dcm",           # JPEG lossless, RGB
    "SC_rgb_gdcm_KY.dcm",             # JPEG 2000 lossy, RGB
    "J2K_pixelrep_mismatch.dcm",      # JPEG 2000 lossless, signed 13-bit in an unsigned code stream
    "JPGExtended.dcm",                # JPEG extended 12-bit (no pure-Java decoder)
    "image_dfl.dcm",                  # deflated explicit VR little endian
    "rtdose.dcm",                     # RT dose, 15 frames, DoseGridScaling, GridFrameOffsetVector, implicit VR
    "rtdose_rle.dcm",                 # the same, RLE
    "liver_1frame.dcm",               # 1-bit segmentation
    "MR_truncated.dcm",               # pixel data cut short
]
LOSSY = {"SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+np.dcm", "SC_rgb_gdcm_KY.dcm"}
NO_TRUTH = {"JPGExtended.dcm", "MR_truncated.dcm"}


def pixels(path):
    ds = pydicom.dcmread(path)
    pi = ds.PhotometricInterpretation
    arr = ds.pixel_array
    if ds.get("SamplesPerPixel", 1) == 3 and pi.startswith("YBR_FULL") and ds.PhotometricInterpretation != "RGB":
        arr = convert_color_space(arr, pi, "RGB")
    return ds, arr


def entry(path, lossy):
    ds, arr = pixels(path)
    little = arr.astype(arr.dtype.newbyteorder("<"))
    if arr.ndim >= 3 and ds.get("SamplesPerPixel", 1) == 3 and arr.dtype.itemsize > 1:
        # three 16/32-bit samples: QBI puts them on axis c (channel planes after x, y, z)
        frames = arr if ds.get("NumberOfFrames", 1) > 1 else arr[np.newaxis]
        little = np.ascontiguousarray(np.moveaxis(frames, -1, 0)).astype(arr.dtype.newbyteorder("<"))
    finite = arr[np.isfinite(arr)] if arr.dtype.kind == "f" else arr
    e = {
        "shape": list(arr.shape),
        "dtype": str(arr.dtype),
        "sha256": hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest(),
        # stats over finite values (the float maps hold a NaN and an infinity on purpose)
        "min": float(finite.min()), "max": float(finite.max()), "mean": float(finite.mean()),
        "std": float(finite.std()), "nonfinite": int(arr.size - finite.size),
        "transfer_syntax": str(ds.file_meta.TransferSyntaxUID),
        "photometric": ds.PhotometricInterpretation,
        "decoder": "pydicom %s (GDCM for compressed syntaxes)" % pydicom.__version__,
    }
    if lossy:
        ref = os.path.basename(path) + ".ref.npy.gz"
        with gzip.GzipFile(os.path.join(HERE, "reference", ref), "wb", mtime=0) as f:
            np.save(f, np.ascontiguousarray(arr))
        e["reference"] = "reference/" + ref
    return e


def write(ds, path):
    ds.save_as(path, write_like_original=False)


def base_from(template, rows, cols):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.MediaStorageSOPClassUID = template.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    for keyword in ["SOPClassUID", "Modality", "Manufacturer", "PatientName", "PatientID", "StudyInstanceUID"]:
        if keyword in template:
            setattr(ds, keyword, getattr(template, keyword))
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.Rows, ds.Columns = rows, cols
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = "MONOCHROME2"
    return ds


def generated(out):
    mr = pydicom.dcmread(os.path.join(PYDICOM, "MR_small.dcm"))
    mr_pixels = mr.pixel_array
    # Parametric maps: Float Pixel Data and Double Float Pixel Data.
    for name, keyword, dtype, bits in [("parametric_map_float32.dcm", "FloatPixelData", np.float32, 32),
                                       ("parametric_map_float64.dcm", "DoubleFloatPixelData", np.float64, 64)]:
        ds = base_from(mr, 64, 64)
        ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.30"  # Parametric Map Storage
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
        ds.Modality = "MR"
        ds.BitsAllocated = bits
        ds.NumberOfFrames = 1
        ds.PixelSpacing = mr.PixelSpacing
        ds.ImagePositionPatient = mr.ImagePositionPatient
        ds.ImageOrientationPatient = mr.ImageOrientationPatient
        values = (mr_pixels.astype(np.float64) * 0.001 - 0.25).astype(dtype)
        values[0, 0] = np.nan if dtype == np.float32 else -np.inf
        setattr(ds, keyword, values.astype(np.dtype(dtype).newbyteorder("<")).tobytes())
        write(ds, os.path.join(out, name))
    # Enhanced multi-frame with per-frame functional groups (positions along an oblique normal).
    emri = pydicom.dcmread(os.path.join(SHARED, "multiframe", "emri_small.dcm"))
    ds = base_from(emri, 64, 64)
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.4.1"
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.Modality = "MR"
    ds.SeriesInstanceUID = generate_uid()
    ds.NumberOfFrames = emri.NumberOfFrames
    ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
    row = np.array([1.0, 0.0, 0.0])
    col = np.array([0.0, np.cos(np.radians(20)), -np.sin(np.radians(20))])
    normal = np.cross(row, col)
    shared = Dataset()
    measures = Dataset()
    measures.PixelSpacing = [0.8, 0.7]
    measures.SliceThickness = 1.0
    shared.PixelMeasuresSequence = Sequence([measures])
    orient = Dataset()
    orient.ImageOrientationPatient = [float("%.8f" % v) for v in list(row) + list(col)]
    shared.PlaneOrientationSequence = Sequence([orient])
    transform = Dataset()
    transform.RescaleSlope = 2.0
    transform.RescaleIntercept = -10.0
    transform.RescaleType = "US"
    shared.PixelValueTransformationSequence = Sequence([transform])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    per = []
    for f in range(ds.NumberOfFrames):
        item = Dataset()
        pos = Dataset()
        p = np.array([-25.0, -20.0, 30.0]) + f * 1.5 * normal
        pos.ImagePositionPatient = [float("%.6f" % v) for v in p]
        item.PlanePositionSequence = Sequence([pos])
        per.append(item)
    ds.PerFrameFunctionalGroupsSequence = Sequence(per)
    ds.PixelData = emri.pixel_array.astype("<u2").tobytes()
    write(ds, os.path.join(out, "enhanced_mr_functional_groups.dcm"))

    # Series made of MR_small slices.
    def slice_file(folder, index, position, series_uid, pixels_array, iop=(1, 0, 0, 0, 1, 0), instance=None):
        ds = base_from(mr, pixels_array.shape[0], pixels_array.shape[1])
        ds.SeriesInstanceUID = series_uid
        ds.InstanceNumber = instance if instance is not None else index + 1
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.PixelSpacing = [0.3125, 0.3125]
        ds.ImageOrientationPatient = list(iop)
        ds.ImagePositionPatient = [float(v) for v in position]
        ds.PixelData = (pixels_array.astype(np.int16) + index).astype("<i2").tobytes()
        os.makedirs(folder, exist_ok=True)
        write(ds, os.path.join(folder, "IM%04d" % index))

    uid = "1.2.826.0.1.3680043.8.498.1"
    # Irregular: gaps 2, 2, 4, 2 mm; files named out of order.
    for i, z in enumerate([0.0, 2.0, 4.0, 8.0, 10.0]):
        slice_file(os.path.join(out, "series_irregular"), [3, 0, 4, 1, 2][i], (-10.0, -10.0, z), uid + "1",
                   mr_pixels)
    # Tilted: each slice 2 mm along z and 0.7 mm along y (gantry tilt about 19.3 degrees).
    for i in range(5):
        slice_file(os.path.join(out, "series_tilted"), i, (-10.0, -10.0 + 0.7 * i, 2.0 * i), uid + "2", mr_pixels)
    # Two series in one folder: 3 slices and 2 slices.
    for i in range(3):
        slice_file(os.path.join(out, "series_two"), i, (0.0, 0.0, 3.0 * i), uid + "3", mr_pixels)
    for i in range(2):
        slice_file(os.path.join(out, "series_two"), 10 + i, (0.0, 0.0, 5.0 * i), uid + "4", mr_pixels[:32, :32])
    # Mixed sizes in one series.
    slice_file(os.path.join(out, "series_mixed_sizes"), 0, (0.0, 0.0, 0.0), uid + "5", mr_pixels)
    slice_file(os.path.join(out, "series_mixed_sizes"), 1, (0.0, 0.0, 1.0), uid + "5", mr_pixels)
    slice_file(os.path.join(out, "series_mixed_sizes"), 2, (0.0, 0.0, 2.0), uid + "5", mr_pixels[:32, :48])


def main():
    truth = {}
    pyd = os.path.join(HERE, "pydicom")
    gen = os.path.join(HERE, "generated")
    for folder in (pyd, gen, os.path.join(HERE, "reference")):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    for name in COPIED:
        shutil.copy(os.path.join(PYDICOM, name), os.path.join(pyd, name))
        if name not in NO_TRUTH:
            truth["pydicom/" + name] = entry(os.path.join(pyd, name), name in LOSSY)
    generated(gen)
    # Lossy files of ../shared/data: GDCM's pixels, to compare within a tolerance.
    truth["shared/compressed/CT_jpeg_2000.dcm"] = entry(os.path.join(SHARED, "compressed", "CT_jpeg_2000.dcm"), True)
    for name in sorted(os.listdir(gen)):
        path = os.path.join(gen, name)
        if os.path.isfile(path) and name.endswith(".dcm"):
            truth["generated/" + name] = entry(path, False)
    with open(os.path.join(HERE, "pydicom", "README.md"), "w") as f:
        f.write("Copies of test files from pydicom %s (Debian python3-pydicom, "
                "/usr/lib/python3/dist-packages/pydicom/data/test_files), MIT licence; pydicom's README says the "
                "images come from NEMA WG04 / GDCM / dcmtk sample sets with no restriction.\n" % pydicom.__version__)
    with open(os.path.join(HERE, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1, sort_keys=True)
    print("wrote %d truth entries" % len(truth))


if __name__ == "__main__":
    main()
