#!/usr/bin/python3
"""Writes the small TIFF fixtures of org.qbi.io.tiff.tests and expected.json (their truth).

Run with Debian's python3 (numpy 1.24, tifffile 2023.2.3, Pillow 9.4 with libtiff):
    /usr/bin/python3 generate.py
The pixel values come from a seeded numpy generator; expected.json is computed from those arrays (not from any
decoder), and every file is read back with tifffile (or Pillow, for LZW, which tifffile cannot decode without
imagecodecs) and compared with its array before the truth is written.

Conventions of expected.json (as QBI sees images): "dims" is [x, y, z, c, t]; "sha256" is over the stored values
little-endian, x fastest, then y, z, c, t, samples of rgb8/rgba8 interleaved; "spacing"/"unit"/"origin" per axis
name where the file is calibrated.
"""
import hashlib
import json
import os
import struct

import numpy as np
import tifffile
from PIL import Image, TiffImagePlugin

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'tiff')
rng = np.random.RandomState(20261121)
expected = {}


def fingerprint(tczyx):
    """sha256 of an array ordered (t, c, z, y, x[, samples]) as little-endian bytes."""
    a = np.ascontiguousarray(tczyx)
    return hashlib.sha256(a.astype(a.dtype.newbyteorder('<'), copy=False).tobytes()).hexdigest()


def record(name, tczyx, pixel_type, calibration=None, fmt=None, entry=None, reader='tifffile'):
    t, c, z, y, x = tczyx.shape[:5]
    item = {'dims': [x, y, z, c, t], 'pixelType': pixel_type, 'sha256': fingerprint(tczyx),
            'min': float(np.min(tczyx)), 'max': float(np.max(tczyx)), 'checkedWith': reader}
    if calibration:
        item['calibration'] = calibration
    if fmt:
        item['format'] = fmt
    if entry is not None:
        item['entry'] = entry
    expected[name + ('' if entry is None else '#' + entry)] = item


def path(name):
    return os.path.join(OUT, name)


def check_tifffile(name, array, series=0):
    back = tifffile.imread(path(name), series=series)
    assert back.shape == array.shape and back.dtype == array.dtype and np.array_equal(back, array), name


def values(dtype, shape):
    dt = np.dtype(dtype)
    if dt.kind == 'f':
        return (rng.standard_normal(shape) * 1000).astype(dt)
    info = np.iinfo(dt)
    return rng.randint(info.min, int(info.max) + 1, size=shape, dtype=np.int64).astype(dt)


def tczyx(a, axes):
    """Moves the axes named in `axes` (a string over T, C, Z, Y, X, S) into (t, c, z, y, x[, s])."""
    order = [axes.index(k) for k in 'TCZYX' if k in axes]
    out = np.transpose(a, order + ([axes.index('S')] if 'S' in axes else []))
    for i, k in enumerate('TCZYX'):
        if k not in axes:
            out = np.expand_dims(out, i)
    return out


os.makedirs(OUT, exist_ok=True)

# Every sample type, two pages (z), both byte orders, plain and Deflate with horizontal predictor.
for i, dtype in enumerate(['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64']):
    a = values(dtype, (2, 10, 12))
    order = '>' if i % 2 else '<'
    compression = 'zlib' if i % 4 >= 2 else None
    predictor = compression is not None and np.dtype(dtype).kind != 'f'
    name = f'{dtype}_{"be" if order == ">" else "le"}_{compression or "none"}.tif'
    tifffile.imwrite(path(name), a, byteorder=order, compression=compression, predictor=predictor,
                     photometric='minisblack', metadata=None)
    check_tifffile(name, a)
    record(name, tczyx(a, 'ZYX'), dtype)

# float16 is read as float32 (exactly: every float16 is a float32)
a = values('float16', (10, 12))
tifffile.imwrite(path('float16.tif'), a, metadata=None)
check_tifffile('float16.tif', a)
record('float16.tif', tczyx(a.astype('float32'), 'YX'), 'float32')

# Colour: RGB contiguous with Deflate + predictor, RGB planar, RGBA, RGB of 16 bits (channels on c), 2 samples
rgb = values('uint8', (2, 10, 12, 3))
tifffile.imwrite(path('rgb8_zlib.tif'), rgb, photometric='rgb', compression='zlib', predictor=True, metadata=None)
check_tifffile('rgb8_zlib.tif', rgb)
record('rgb8_zlib.tif', tczyx(rgb, 'ZYXS'), 'rgb8')
planar = values('uint8', (3, 10, 12))
tifffile.imwrite(path('rgb8_planar.tif'), planar, photometric='rgb', planarconfig='separate', metadata=None)
check_tifffile('rgb8_planar.tif', planar)
record('rgb8_planar.tif', tczyx(np.moveaxis(planar, 0, -1), 'YXS'), 'rgb8')
rgba = values('uint8', (10, 12, 4))
tifffile.imwrite(path('rgba8.tif'), rgba, photometric='rgb', extrasamples=['unassalpha'], metadata=None)
check_tifffile('rgba8.tif', rgba)
record('rgba8.tif', tczyx(rgba, 'YXS'), 'rgba8')
rgb16 = values('uint16', (10, 12, 3))
tifffile.imwrite(path('rgb16.tif'), rgb16, photometric='rgb', metadata=None)
check_tifffile('rgb16.tif', rgb16)
record('rgb16.tif', tczyx(rgb16, 'YXC'), 'uint16')
two = values('uint16', (10, 12, 2))
tifffile.imwrite(path('two_samples.tif'), two, photometric='minisblack', planarconfig='contig', metadata=None)
check_tifffile('two_samples.tif', two)
record('two_samples.tif', tczyx(two, 'YXC'), 'uint16')

# Palette (indices kept), MinIsWhite (stored values kept), bilevel (0/1)
idx = rng.randint(0, 4, (10, 12)).astype('uint8')
tifffile.imwrite(path('palette.tif'), idx, photometric='palette',
                 colormap=(np.arange(3 * 256, dtype='uint16').reshape(3, 256) * 80), metadata=None)
check_tifffile('palette.tif', idx)
record('palette.tif', tczyx(idx, 'YX'), 'uint8')
miw = values('uint8', (10, 12))
tifffile.imwrite(path('miniswhite.tif'), miw, photometric='miniswhite', metadata=None)
check_tifffile('miniswhite.tif', miw)
record('miniswhite.tif', tczyx(miw, 'YX'), 'uint8')
bits = rng.randint(0, 2, (10, 13)).astype(bool)
tifffile.imwrite(path('bilevel.tif'), bits, metadata=None)
check_tifffile('bilevel.tif', bits)
record('bilevel.tif', tczyx(bits.astype('uint8'), 'YX'), 'uint8')

# Tiles (partial tiles at the edges), BigTIFF
tiled = values('float32', (2, 40, 37))
tifffile.imwrite(path('tiled_float32_zlib.tif'), tiled, tile=(16, 16), compression='zlib', metadata=None)
check_tifffile('tiled_float32_zlib.tif', tiled)
record('tiled_float32_zlib.tif', tczyx(tiled, 'ZYX'), 'float32')
big = values('uint16', (3, 10, 12))
tifffile.imwrite(path('bigtiff_uint16.tif'), big, bigtiff=True, photometric='minisblack', metadata=None)
check_tifffile('bigtiff_uint16.tif', big)
record('bigtiff_uint16.tif', tczyx(big, 'ZYX'), 'uint16', fmt='TIFF (BigTIFF)')

# LZW with horizontal predictor and PackBits, written by Pillow through libtiff (tifffile needs imagecodecs for them)
TiffImagePlugin.WRITE_LIBTIFF = True
for name, array, mode_args in [('lzw_pred_uint8.tif', values('uint8', (10, 12)), {'compression': 'tiff_lzw', 'tiffinfo': {317: 2}}),
                               ('lzw_pred_uint16.tif', values('uint16', (10, 12)), {'compression': 'tiff_lzw', 'tiffinfo': {317: 2}}),
                               ('lzw_pred_rgb8.tif', values('uint8', (10, 12, 3)), {'compression': 'tiff_lzw', 'tiffinfo': {317: 2}}),
                               ('packbits_uint8.tif', values('uint8', (10, 12)), {'compression': 'packbits'})]:
    Image.fromarray(array).save(path(name), **mode_args)
    back = np.array(Image.open(path(name)))
    assert back.dtype == array.dtype and np.array_equal(back, array), name
    page = tifffile.TiffFile(path(name)).pages[0]
    assert page.compression in (5, 32773), name
    record(name, tczyx(array, 'YXS' if array.ndim == 3 else 'YX'), 'rgb8' if array.ndim == 3 else str(array.dtype),
           reader='Pillow (libtiff)')
# JPEG-compressed TIFF (lossy): the truth is Pillow/libjpeg's decode; QBI's test compares with a tolerance
jy, jx = np.mgrid[0:64, 0:80]
jpeg_src = np.stack([(jx * 3) % 256, (jy * 4) % 256, ((jx + jy) * 2) % 256], -1).astype('uint8')
Image.fromarray(jpeg_src).save(path('jpeg_rgb8.tif'), compression='jpeg', quality=90)
assert tifffile.TiffFile(path('jpeg_rgb8.tif')).pages[0].compression == 7
jpeg_decoded = np.array(Image.open(path('jpeg_rgb8.tif')))
record('jpeg_rgb8.tif', tczyx(jpeg_decoded, 'YXS'), 'rgb8', reader='Pillow (libtiff, libjpeg)')
expected['jpeg_rgb8.tif'].update({'lossy': True, 'mean': float(jpeg_decoded.mean()), 'std': float(jpeg_decoded.std())})
TiffImagePlugin.WRITE_LIBTIFF = False

# ImageJ hyperstack written by tifffile: 2 frames x 3 slices x 2 channels, 0.25 um pixels, 2 um slices, 0.5 s frames
hyper = values('uint16', (2, 3, 2, 10, 12))
tifffile.imwrite(path('imagej_hyperstack.tif'), hyper, imagej=True, resolution=(1 / 0.25, 1 / 0.25),
                 metadata={'axes': 'TZCYX', 'spacing': 2.0, 'unit': 'um', 'finterval': 0.5, 'tunit': 'sec'})
check_tifffile('imagej_hyperstack.tif', hyper)
record('imagej_hyperstack.tif', tczyx(hyper, 'TZCYX'), 'uint16', fmt='ImageJ TIFF',
       calibration={'x': [0.25, 'um'], 'y': [0.25, 'um'], 'z': [2.0, 'um'], 't': [0.5, 's']})
# ImageJ RGB stack, unit mm
rgbstack = values('uint8', (3, 10, 12, 3))
tifffile.imwrite(path('imagej_rgb.tif'), rgbstack, imagej=True, resolution=(2.0, 2.0),
                 metadata={'axes': 'ZYXS', 'spacing': 1.25, 'unit': 'mm'})
check_tifffile('imagej_rgb.tif', rgbstack)
record('imagej_rgb.tif', tczyx(rgbstack, 'ZYXS'), 'rgb8', fmt='ImageJ TIFF',
       calibration={'x': [0.5, 'mm'], 'y': [0.5, 'mm'], 'z': [1.25, 'mm']})
# ImageJ float32 stack with an origin (xorigin/yorigin in pixels) and a signed int16 stack
fl = values('float32', (4, 10, 12))
tifffile.imwrite(path('imagej_float32.tif'), fl, imagej=True, resolution=(10.0, 10.0),
                 metadata={'axes': 'ZYX', 'spacing': 0.3, 'unit': 'micron', 'xorigin': 5.0, 'yorigin': 2.0})
check_tifffile('imagej_float32.tif', fl)
record('imagej_float32.tif', tczyx(fl, 'ZYX'), 'float32', fmt='ImageJ TIFF',
       calibration={'x': [0.1, 'um', -0.5], 'y': [0.1, 'um', -0.2], 'z': [0.3, 'um']})


def imagej_contiguous(name, array):
    """An ImageJ stack as ImageJ writes stacks over 4 GB: one IFD, all planes contiguous after it (big-endian)."""
    n, h, w = array.shape
    desc = f'ImageJ=1.54f\nimages={n}\nslices={n}\nunit=mm\nspacing=3.0\nloop=false\n'.encode('ascii') + b'\0'
    entries = []  # (tag, type, count, value-or-offset)
    header = 8
    nentries = 11
    ifd_size = 2 + 12 * nentries + 4
    desc_off = header + ifd_size
    res_off = desc_off + len(desc)
    data_off = res_off + 16
    plane = h * w * array.itemsize
    entries = [(254, 4, 1, 0), (256, 4, 1, w), (257, 4, 1, h), (258, 3, 1, array.itemsize * 8), (262, 3, 1, 1),
               (270, 2, len(desc), desc_off), (273, 4, 1, data_off), (277, 3, 1, 1), (278, 3, 1, h),
               (279, 4, 1, plane), (282, 5, 1, res_off)]
    out = bytearray(b'MM\0\x2a' + struct.pack('>I', header))
    out += struct.pack('>H', nentries)
    for tag, typ, count, value in entries:
        if typ == 3 and count == 1:
            out += struct.pack('>HHIHH', tag, typ, count, value, 0)
        else:
            out += struct.pack('>HHII', tag, typ, count, value)
    out += struct.pack('>I', 0)
    out += desc
    out += struct.pack('>II', 2, 1) + struct.pack('>II', 2, 1)  # 0.5 mm pixels (2 per mm); the second is padding
    assert len(out) == data_off
    out += array.astype(array.dtype.newbyteorder('>')).tobytes()
    with open(path(name), 'wb') as f:
        f.write(out)


contiguous = values('uint16', (4, 10, 12))
imagej_contiguous('imagej_contiguous.tif', contiguous)
check_tifffile('imagej_contiguous.tif', contiguous)
record('imagej_contiguous.tif', tczyx(contiguous, 'ZYX'), 'uint16', fmt='ImageJ TIFF',
       calibration={'x': [0.5, 'mm'], 'y': [0.5, 'mm'], 'z': [3.0, 'mm']})

# OME-TIFF written by tifffile: 2 frames x 3 channels x 4 slices, named channels, physical sizes
ome = values('uint16', (2, 3, 4, 10, 12))
tifffile.imwrite(path('ome_tczyx.ome.tif'), ome, ome=True, photometric='minisblack',
                 metadata={'axes': 'TCZYX', 'PhysicalSizeX': 0.2, 'PhysicalSizeXUnit': 'µm',
                           'PhysicalSizeY': 0.2, 'PhysicalSizeYUnit': 'µm',
                           'PhysicalSizeZ': 1.5, 'PhysicalSizeZUnit': 'µm',
                           'TimeIncrement': 2.0, 'TimeIncrementUnit': 's',
                           'Channel': {'Name': ['DAPI', 'GFP', 'mCherry']}, 'Name': 'cells'})
check_tifffile('ome_tczyx.ome.tif', ome)
record('ome_tczyx.ome.tif', tczyx(ome, 'TCZYX'), 'uint16', fmt='OME-TIFF',
       calibration={'x': [0.2, 'um'], 'y': [0.2, 'um'], 'z': [1.5, 'um'], 't': [2.0, 's']})
# OME-TIFF with channels fastest (DimensionOrder XYCZT)
ome2 = values('uint8', (3, 2, 10, 12))
tifffile.imwrite(path('ome_zcyx.ome.tif'), ome2, ome=True, photometric='minisblack',
                 metadata={'axes': 'ZCYX', 'PhysicalSizeX': 0.5, 'PhysicalSizeXUnit': 'nm',
                           'PhysicalSizeY': 0.5, 'PhysicalSizeYUnit': 'nm'})
check_tifffile('ome_zcyx.ome.tif', ome2)
assert 'DimensionOrder="XYCZT"' in tifffile.TiffFile(path('ome_zcyx.ome.tif')).pages[0].description
record('ome_zcyx.ome.tif', tczyx(ome2, 'ZCYX'), 'uint8', fmt='OME-TIFF',
       calibration={'x': [0.5, 'nm'], 'y': [0.5, 'nm']})

# Two series in one file (different shapes), and a reduced-resolution page after a full one
s0 = values('uint16', (2, 10, 12))
s1 = values('uint8', (6, 7))
with tifffile.TiffWriter(path('two_series.tif')) as tw:
    tw.write(s0, photometric='minisblack', metadata=None)
    tw.write(s1, photometric='minisblack', metadata=None)
check_tifffile('two_series.tif', s0, series=0)
check_tifffile('two_series.tif', s1, series=1)
record('two_series.tif', tczyx(s0, 'ZYX'), 'uint16')
record('two_series.tif', tczyx(s1, 'YX'), 'uint8', entry='series 1')

# Calibration from ResolutionUnit centimetre (no ImageJ): 500 pixels per cm = 20 um
cm = values('uint8', (10, 12))
tifffile.imwrite(path('resolution_cm.tif'), cm, resolution=(500, 500, 'CENTIMETER'), metadata=None)
check_tifffile('resolution_cm.tif', cm)
record('resolution_cm.tif', tczyx(cm, 'YX'), 'uint8', calibration={'x': [20.0, 'um'], 'y': [20.0, 'um']})
# ... and inch at 300 dpi: a print resolution, so uncalibrated
inch = values('uint8', (10, 12))
tifffile.imwrite(path('resolution_inch.tif'), inch, resolution=(300, 300, 'INCH'), metadata=None)
check_tifffile('resolution_inch.tif', inch)
record('resolution_inch.tif', tczyx(inch, 'YX'), 'uint8', calibration={'x': [1.0, 'pixel'], 'y': [1.0, 'pixel']})

# ---- PNG, BMP, GIF written by Pillow: conversions of the standard-image reader (data/standard, key "standard/...")
STD = os.path.join(HERE, 'standard')
os.makedirs(STD, exist_ok=True)


def record_std(name, tczyx_array, pixel_type, check):
    """Like record, for data/standard; `check` is the array Pillow reads back (compared before recording)."""
    back = np.array(Image.open(os.path.join(STD, name)).convert(check[0])) if check[0] else np.array(Image.open(os.path.join(STD, name)))
    assert np.array_equal(back, check[1]), name
    record('standard/' + name, tczyx_array, pixel_type, reader='Pillow')


grey16 = values('uint16', (10, 12))
Image.fromarray(grey16).save(os.path.join(STD, 'grey16.png'))
record_std('grey16.png', tczyx(grey16, 'YX'), 'uint16', (None, grey16))
la = values('uint8', (10, 12, 2))
Image.fromarray(la, 'LA').save(os.path.join(STD, 'grey_alpha.png'))
record_std('grey_alpha.png', tczyx(np.stack([la[..., 0], la[..., 0], la[..., 0], la[..., 1]], -1), 'YXS'), 'rgba8',
           (None, la))
# colour palette with one transparent entry: expanded to RGBA
pal_idx = rng.randint(0, 6, (10, 12)).astype('uint8')
palette = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 200, 100, 50, 7, 7, 7]
im = Image.fromarray(pal_idx, 'P')
im.putpalette(palette)
im.info['transparency'] = 2
im.save(os.path.join(STD, 'palette_alpha.png'), transparency=2)
lut = np.array(palette, dtype='uint8').reshape(-1, 3)
alpha = np.where(np.arange(len(lut)) == 2, 0, 255).astype('uint8')
rgba_expected = np.concatenate([lut[pal_idx], alpha[pal_idx][..., None]], -1)
record_std('palette_alpha.png', tczyx(rgba_expected, 'YXS'), 'rgba8', ('RGBA', rgba_expected))
# grey palette that is not the identity: expanded to the grey values
grey_idx = rng.randint(0, 4, (10, 12)).astype('uint8')
im = Image.fromarray(grey_idx, 'P')
im.putpalette([0, 0, 0, 50, 50, 50, 100, 100, 100, 250, 250, 250])
im.save(os.path.join(STD, 'palette_grey.png'))
grey_values = np.array([0, 50, 100, 250], dtype='uint8')[grey_idx]
record_std('palette_grey.png', tczyx(grey_values, 'YX'), 'uint8', ('L', grey_values))
rgb48 = values('uint16', (10, 12, 3))
# Pillow cannot write 48-bit PNG; tifffile cannot write PNG: 16-bit RGB PNGs are written by hand with zlib
import zlib


def png_chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


raw = b''.join(b'\0' + row.astype('>u2').tobytes() for row in rgb48)
with open(os.path.join(STD, 'rgb48.png'), 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + png_chunk(b'IHDR', struct.pack('>IIBBBBB', 12, 10, 16, 2, 0, 0, 0))
            + png_chunk(b'IDAT', zlib.compress(raw)) + png_chunk(b'IEND', b''))
with open(os.path.join(STD, 'rgb48.png'), 'rb') as f:  # decode it again: IDAT inflated, filter bytes (all 0) dropped
    blob = f.read()
idat = blob.index(b'IDAT')
inflated = zlib.decompress(blob[idat + 4:idat + 4 + struct.unpack('>I', blob[idat - 4:idat])[0]])
rows = np.frombuffer(inflated, dtype='u1').reshape(10, 1 + 12 * 6)
assert (rows[:, 0] == 0).all() and np.array_equal(rows[:, 1:].copy().view('>u2').reshape(10, 12, 3), rgb48)
record('standard/rgb48.png', tczyx(rgb48, 'YXC'), 'uint16', reader='own PNG encoder (zlib)')
# BMP: 24-bit RGB and 8-bit palette
bmp_rgb = values('uint8', (10, 12, 3))
Image.fromarray(bmp_rgb).save(os.path.join(STD, 'rgb24.bmp'))
record_std('rgb24.bmp', tczyx(bmp_rgb, 'YXS'), 'rgb8', (None, bmp_rgb))
bmp_idx = rng.randint(0, 3, (10, 12)).astype('uint8')
im = Image.fromarray(bmp_idx, 'P')
im.putpalette([10, 200, 30, 40, 50, 60, 255, 255, 0])
im.save(os.path.join(STD, 'palette8.bmp'))
bmp_expected = np.array([[10, 200, 30], [40, 50, 60], [255, 255, 0]], dtype='uint8')[bmp_idx]
record_std('palette8.bmp', tczyx(bmp_expected, 'YXS'), 'rgb8', ('RGB', bmp_expected))
# GIF: three full frames of a colour palette go on t
gif_frames = [rng.randint(0, 4, (10, 12)).astype('uint8') for _ in range(3)]
gif_palette = [0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255]
ims = []
for fr in gif_frames:
    im = Image.fromarray(fr, 'P')
    im.putpalette(gif_palette)
    ims.append(im)
ims[0].save(os.path.join(STD, 'frames.gif'), save_all=True, append_images=ims[1:], duration=100, loop=0,
            optimize=False, disposal=1)
glut = np.array(gif_palette, dtype='uint8').reshape(-1, 3)
gif_expected = np.stack([glut[f] for f in gif_frames])  # t, y, x, s
with Image.open(os.path.join(STD, 'frames.gif')) as g:
    for i in range(3):
        g.seek(i)
        assert np.array_equal(np.array(g.convert('RGB')), gif_expected[i]), 'gif frame %d' % i
record('standard/frames.gif', tczyx(gif_expected, 'TYXS'), 'rgb8', reader='Pillow')

with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1, sort_keys=True)
    f.write('\n')
print(len(expected), 'fixtures,', sum(os.path.getsize(path(n)) for n in os.listdir(OUT))
      + sum(os.path.getsize(os.path.join(STD, n)) for n in os.listdir(STD)), 'bytes')
