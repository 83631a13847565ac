"""The `idx` source: MNIST's IDX files, a file of images and a file of labels.

An IDX file is a 4-byte magic number (two zero bytes, a type code, the number of dimensions),
then each dimension as a big-endian uint32, then the values, big-endian, row-major. Either file
may be gzip-compressed (`train-images-idx3-ubyte.gz`): that is told from the file's first two
bytes, never from its name.

Images `[N, rows, cols]` (or any `[N, ...]`) become input columns `[N, rows·cols]`: unsigned
bytes as float32 0..255 (exact; normalisation is `data.normalize`'s job), other types as float32
or float64. Labels `[N]` must be whole numbers ≥ 0 and are the class indices themselves, so the
digit 7 is class 7 whichever labels a file happens to hold; `class_names` are "0" up to the
largest label.
"""
from __future__ import annotations

import gzip
import math
import struct
import zlib
from typing import BinaryIO

import numpy as np

from nnstudio.data.dataset import DataError, Dataset, describe_number, first_non_finite

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 24
MAX_CLASSES = 65536      # one class name and one network output per class
# type code → (big-endian dtype, name for messages)
TYPES = {
    0x08: (np.dtype(">u1"), "unsigned byte"),
    0x09: (np.dtype(">i1"), "signed byte"),
    0x0B: (np.dtype(">i2"), "16-bit integer"),
    0x0C: (np.dtype(">i4"), "32-bit integer"),
    0x0D: (np.dtype(">f4"), "float32"),
    0x0E: (np.dtype(">f8"), "float64"),
}


def load_idx(source: dict, base_dir: str | None) -> Dataset:
    """Read `source["images"]` and `source["labels"]` (paths relative to `base_dir`)."""
    from nnstudio.data.sources import source_path
    image_shown, image_full = source_path(source, base_dir, "images")
    label_shown, label_full = source_path(source, base_dir, "labels")
    images = read_idx(image_full, image_shown)
    labels = read_idx(label_full, label_shown)
    if images.ndim < 2:
        raise DataError(f"holds a 1-dimensional array of {images.shape[0]} values; an image file "
                        "holds [images, rows, columns]", image_shown)
    if labels.ndim != 1:
        raise DataError(f"holds an array of shape {list(labels.shape)}; a label file holds one "
                        "label per image", label_shown)
    if images.shape[0] != labels.shape[0]:
        raise DataError(f"holds {labels.shape[0]} labels, but {image_shown} holds "
                        f"{images.shape[0]} images", label_shown)
    if images.shape[0] == 0:
        raise DataError("holds no images", image_shown)
    n = images.shape[0]
    x = _as_float(images).reshape(n, -1)
    if x.shape[1] == 0:
        raise DataError("holds images of no pixels", image_shown)
    bad = first_non_finite(x)
    if bad is not None:
        raise DataError(f"image {bad[0]}, value {bad[1]}: {describe_number(float(x[bad]))} is "
                        "not allowed", image_shown)
    t = _class_indices(labels, label_shown)
    if images.ndim == 3:
        names = [f"p{r}_{c}" for r in range(images.shape[1]) for c in range(images.shape[2])]
    else:
        names = [f"p{j}" for j in range(x.shape[1])]
    return Dataset(x, t, names, ["label"], [str(k) for k in range(int(t.max()) + 1)])


def read_idx(full: str, shown: str) -> np.ndarray:
    """The array an IDX file holds, in native byte order. DataError naming `shown` when the
    file is not IDX, is cut short, or has bytes left over."""
    try:
        with open(full, "rb") as raw:
            compressed = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            if compressed:
                with gzip.GzipFile(fileobj=raw, mode="rb") as f:
                    return _parse(f, shown, "(once decompressed) ")
            return _parse(raw, shown, "")
    except DataError:
        raise
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise DataError(f"is a damaged or cut-short gzip file ({e or 'unexpected end'})", shown) from None
    except OSError as e:
        raise DataError(f"cannot be read ({e.strerror or e})", shown) from None


def _parse(f: BinaryIO, shown: str, how: str) -> np.ndarray:
    head = f.read(4)
    if len(head) < 4:
        raise DataError(f"{how}is too short to be an IDX file ({len(head)} bytes)", shown)
    zero, code, ndim = struct.unpack(">HBB", head)
    if zero != 0 or code not in TYPES:
        raise DataError(f"{how}is not an IDX file (its first bytes are {head.hex(' ')}; an IDX file "
                        "starts 00 00, a type code 08..0E and the number of dimensions)", shown)
    if ndim == 0:
        raise DataError(f"{how}is an IDX file of 0 dimensions; images and labels need at least one", shown)
    dims_raw = f.read(4 * ndim)
    if len(dims_raw) < 4 * ndim:
        raise DataError(f"{how}is cut short inside its header ({ndim} dimensions need "
                        f"{4 * ndim} bytes, {len(dims_raw)} are there)", shown)
    dims = struct.unpack(f">{ndim}I", dims_raw)
    dtype, type_name = TYPES[code]
    expected = math.prod(dims) * dtype.itemsize
    data = _read_exactly(f, expected)
    if len(data) < expected:
        raise DataError(f"{how}is cut short: its header promises {' × '.join(map(str, dims))} "
                        f"{type_name} values ({expected} bytes), but only {len(data)} bytes follow", shown)
    if f.read(1):
        raise DataError(f"{how}has bytes left over after the {' × '.join(map(str, dims))} values its "
                        "header promises", shown)
    array = np.frombuffer(data, dtype=dtype).reshape(dims)
    return array if dtype.itemsize == 1 else array.astype(dtype.newbyteorder("="))


def _read_exactly(f: BinaryIO, n: int) -> bytes | bytearray:
    """Up to `n` bytes, read in chunks so that a header promising absurd sizes allocates only
    what the file really holds."""
    if n <= CHUNK:
        return f.read(n)
    out = bytearray()
    while len(out) < n:
        chunk = f.read(min(CHUNK, n - len(out)))
        if not chunk:
            break
        out += chunk
    return out


def _as_float(a: np.ndarray) -> np.ndarray:
    """Bytes and 16-bit integers as float32 (exact), float32 as it is, others as float64."""
    if a.dtype in (np.float32, np.float64):
        return a
    return a.astype(np.float32 if a.dtype.itemsize <= 2 else np.float64)


def _class_indices(labels: np.ndarray, shown: str) -> np.ndarray:
    if not np.issubdtype(labels.dtype, np.integer):
        whole = np.isfinite(labels) & (labels == np.round(labels))
        if not whole.all():
            i = int(np.argmin(whole))
            raise DataError(f"label {i} is {float(labels[i])!r}, not a whole number", shown)
    if labels.size and labels.min() < 0:
        i = int(np.argmax(labels < 0))
        raise DataError(f"label {i} is {labels[i]}, but class labels must be 0 or more", shown)
    if labels.size and labels.max() >= MAX_CLASSES:
        i = int(np.argmax(labels))
        raise DataError(f"label {i} is {labels[i]}; class labels go up to {MAX_CLASSES - 1}", shown)
    return np.ascontiguousarray(labels.astype(np.int64))
