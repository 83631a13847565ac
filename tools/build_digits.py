"""Build `resources/digits_8x8.npz` from scikit-learn's copy of the UCI digits.

    pip download scikit-learn==1.9.1 --no-deps -d /tmp/skl
    python tools/build_digits.py /tmp/skl/scikit_learn-1.9.1-*.whl

The wheel's `sklearn/datasets/data/digits.csv.gz` holds 1,797 rows of 64 pixel counts (0..16)
and the digit. The script checks the file's SHA-256, so a different copy is refused rather than
silently bundled, and writes the archive with a fixed timestamp: the same input gives the same
bytes. The arrays are plain uint8, so the archive loads with `allow_pickle=False`.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import sys
import zipfile

import numpy as np

MEMBER = "sklearn/datasets/data/digits.csv.gz"
SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"   # scikit-learn 1.9.1
OUT = os.path.join(os.path.dirname(__file__), os.pardir, "resources", "digits_8x8.npz")
FIXED_TIME = (1998, 7, 1, 0, 0, 0)      # the dataset's date, so rebuilding never changes the bytes


def read_digits(wheel: str) -> tuple[np.ndarray, np.ndarray]:
    """(images uint8 [1797, 64], labels uint8 [1797]) from the wheel's CSV."""
    with zipfile.ZipFile(wheel) as z:
        raw = z.read(MEMBER)
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{wheel}: {MEMBER} has SHA-256 {digest}, expected {SHA256}")
    table = np.loadtxt(io.StringIO(gzip.decompress(raw).decode("ascii")), delimiter=",", dtype=np.int64)
    if table.shape != (1797, 65) or table.min() < 0 or table[:, :64].max() > 16 or table[:, 64].max() > 9:
        raise SystemExit(f"{wheel}: unexpected digits table {table.shape}")
    return table[:, :64].astype(np.uint8), table[:, 64].astype(np.uint8)


def write_npz(path: str, arrays: dict[str, np.ndarray]) -> None:
    """An .npz archive (compressed) whose members carry a fixed date: reproducible bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(name + ".npy", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, buffer.getvalue(), compresslevel=9)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", help="scikit_learn-1.9.1-*.whl")
    parser.add_argument("-o", "--output", default=OUT)
    args = parser.parse_args(argv)
    images, labels = read_digits(args.wheel)
    write_npz(args.output, {"images": images, "labels": labels})
    print(f"{os.path.normpath(args.output)}: {images.shape[0]} digits, "
          f"{os.path.getsize(args.output)} bytes, counts {np.bincount(labels).tolist()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
