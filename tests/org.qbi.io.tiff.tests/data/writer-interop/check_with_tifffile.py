#!/usr/bin/python3
"""Checks the TIFFs QBI's TiffWriter wrote (WriterSamples.main) with tifffile, independently of QBI's reader.

    /usr/bin/python3 check_with_tifffile.py

For each file: tifffile must see an ImageJ file with the expected hyperstack axes and shape, dtype, the pixel values
of the formula in WriterSamples.value (recomputed here with numpy), and the calibration (resolution in pixels per
unit, ImageJ unit, spacing, finterval). Prints one line per file and exits non-zero on the first mismatch.
"""
import os
import sys

import numpy as np
import tifffile

HERE = os.path.dirname(os.path.abspath(__file__))


def formula(dtype, t, c, z, y, x, s=1):
    """(3x + 5y + 7z + 11c + 13t + 17s) mod 251, then as WriterSamples.value does per type; axes t, c, z, y, x, s."""
    T, C, Z, Y, X, S = np.meshgrid(np.arange(t), np.arange(c), np.arange(z), np.arange(y), np.arange(x), np.arange(s),
                                   indexing='ij')
    v = (3 * X + 5 * Y + 7 * Z + 11 * C + 13 * T + 17 * S) % 251
    if dtype in ('int8', 'int16', 'int32'):
        v = v - 100
    elif dtype in ('float32', 'float64'):
        v = 0.5 * v - 20
    elif dtype == 'uint16':
        v = v + 1000 * C
    return v.astype(dtype)


# file: (dtype, (t, c, z, y, x, samples), tifffile series axes, resolution (px/unit), unit, spacing, finterval, tunit)
EXPECTED = {
    'qbi_uint16_hyperstack.tif': ('uint16', (2, 2, 3, 10, 12, 1), 'TZCYX', 4.0, 'micron', 2.0, 0.5, 'sec'),
    'qbi_uint8_stack.tif': ('uint8', (1, 1, 4, 10, 12, 1), 'ZYX', 1 / 1.5, 'mm', 1.5, None, None),
    'qbi_int16_stack.tif': ('int16', (1, 1, 3, 10, 12, 1), 'ZYX', 1 / 0.065, 'micron', 0.2, None, None),
    'qbi_float32_timeseries.tif': ('float32', (5, 1, 1, 10, 12, 1), 'TYX', 1 / 0.52, 'micron', None, 2.0, 'min'),
    'qbi_rgb8_stack.tif': ('uint8', (1, 1, 3, 10, 12, 3), 'ZYXS', 2.0, 'mm', 1.25, None, None),
}

for name, (dtype, (t, c, z, y, x, s), axes, resolution, unit, spacing, finterval, tunit) in EXPECTED.items():
    with tifffile.TiffFile(os.path.join(HERE, name)) as tif:
        assert tif.is_imagej, f'{name}: tifffile does not see an ImageJ file'
        series = tif.series[0]
        data = series.asarray()
        ij = tif.imagej_metadata
        page = tif.pages[0]
        want = formula(dtype, t, c, z, y, x, s)
        # tifffile's ImageJ series order is TZCYXS; the formula array is t, c, z, y, x, s
        want = np.transpose(want, (0, 2, 1, 3, 4, 5)).reshape(series.shape)
        assert series.axes == axes, f'{name}: axes {series.axes}, expected {axes}'
        assert data.dtype == np.dtype(dtype), f'{name}: dtype {data.dtype}'
        assert np.array_equal(data, want), f'{name}: pixel values differ'
        xres = page.tags['XResolution'].value
        assert abs(xres[0] / xres[1] - resolution) < 1e-6 * resolution, f'{name}: XResolution {xres}'
        assert ij.get('unit') == unit, f'{name}: unit {ij.get("unit")}'
        if spacing is not None:
            assert abs(ij['spacing'] - spacing) < 1e-12, f'{name}: spacing {ij.get("spacing")}'
        if finterval is not None:
            assert abs(ij['finterval'] - finterval) < 1e-12 and ij.get('tunit') == tunit, f'{name}: {ij}'
        print(f'OK {name}: tifffile {tifffile.__version__} reads ImageJ axes {series.axes} shape {series.shape} '
              f'{data.dtype}, {xres[0] / xres[1]:.6g} px/{ij["unit"]}'
              + (f', spacing {ij["spacing"]}' if 'spacing' in ij else '')
              + (f', finterval {ij["finterval"]} {ij.get("tunit")}' if 'finterval' in ij else '')
              + f', compression {page.compression.name}')
sys.exit(0)
