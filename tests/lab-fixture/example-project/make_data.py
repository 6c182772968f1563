"""Writes raw/transmission.labfix: a 4 x 3 float32 transmission image in the lab fixture's format
('LABFIX width height' line, then float32 little-endian, x fastest). Open beam 1000: the attenuation -ln(v/1000)
of these values is 0, ln 2, ln 4, ... which run-tests checks."""
import numpy as np

values = (1000.0 / 2.0 ** np.arange(12, dtype=np.float64)).astype('<f4').reshape(3, 4)  # rows y, columns x
with open('raw/transmission.labfix', 'wb') as out:
    out.write(b'LABFIX 4 3\n')
    out.write(values.tobytes())
