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

What a header promises is checked before the values are read: against the file's size when it is
not compressed, against 16 GiB when it is (a few KB of gzip can promise terabytes), and images of
more than `MAX_COLUMNS` values are refused, as is a label file whose count differs from the images'.
"""
from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from typing import BinaryIO, Callable

import numpy as np

from nnstudio.data.chunked import cast_rows, first_non_finite_rows
from nnstudio.data.dataset import MAX_CLASSES, MAX_COLUMNS, DataError, Dataset, Progress, describe_number
from nnstudio.data.ticker import Ticker

GZIP_MAGIC = b"\x1f\x8b"
CHUNK = 1 << 22          # bytes read (and decompressed) at a time: a few ms each
MAX_BYTES = 1 << 34      # what a header may promise, compressed or not (16 GiB)
# type code → (big-endian dtype, name for messages)
TYPES = {
    0x08: (np.dtype(">u1"), "unsigned byte"),
    0x09: (np.dtype(">i1"), "signed byte"),
    0x0B: (np.dtype(">i2"), "16-bit integer"),
    0x0C: (np.dtype(">i4"), "32-bit integer"),
    0x0D: (np.dtype(">f4"), "float32"),
    0x0E: (np.dtype(">f8"), "float64"),
}


def load_idx(source: dict, base_dir: str | None, progress: Progress | None = None) -> Dataset:
    """Read `source["images"]` and `source["labels"]` (paths relative to `base_dir`); `progress`
    as in `load_source`."""
    from nnstudio.data.sources import source_path
    image_shown, image_full = source_path(source, base_dir, "images")
    label_shown, label_full = source_path(source, base_dir, "labels")
    ticker = Ticker.of(progress)

    def image_dims(dims: tuple[int, ...]) -> None:
        if len(dims) < 2:
            raise DataError(f"holds a 1-dimensional array of {dims[0]} values; an image file "
                            "holds [images, rows, columns]", image_shown)
        if math.prod(dims[1:]) > MAX_COLUMNS:
            raise DataError(f"holds images of {' × '.join(map(str, dims[1:]))} values; nnstudio reads "
                            f"images of up to {MAX_COLUMNS} values", image_shown)

    images = read_idx(image_full, image_shown, ticker.part(0.0, 0.55), image_dims)

    def label_dims(dims: tuple[int, ...]) -> None:
        if len(dims) != 1:
            raise DataError(f"holds an array of shape {list(dims)}; a label file holds one "
                            "label per image", label_shown)
        if dims[0] != images.shape[0]:
            raise DataError(f"holds {dims[0]} labels, but {image_shown} holds "
                            f"{images.shape[0]} images", label_shown)

    labels = read_idx(label_full, label_shown, ticker.part(0.55, 0.6), label_dims)
    if images.shape[0] == 0:
        raise DataError("holds no images", image_shown)
    n = images.shape[0]
    x = _as_float(images, ticker.part(0.6, 0.85)).reshape(n, -1)
    if x.shape[1] == 0:
        raise DataError("holds images of no pixels", image_shown)
    bad = first_non_finite_rows(x, ticker.part(0.85, 0.97))
    if bad is not None:
        raise DataError(f"image {bad[0]}, value {bad[1]}: {describe_number(float(x[bad]))} is "
                        "not allowed", image_shown)
    t = _class_indices(labels, label_shown)
    if images.ndim == 3:
        names = [f"p{r}_{c}" for r in range(images.shape[1]) for c in range(images.shape[2])]
    else:
        names = [f"p{j}" for j in range(x.shape[1])]
    return Dataset(x, t, names, ["label"], [str(k) for k in range(int(t.max()) + 1)])


def read_idx(full: str, shown: str, progress: Progress | None = None,
             check: Callable[[tuple[int, ...]], None] | None = None) -> np.ndarray:
    """The array an IDX file holds, in native byte order. DataError naming `shown` when the
    file is not IDX, is cut short, or has bytes left over. `check(dims)` may refuse the header's
    dimensions with a DataError before the values are read; `progress` as in `load_source`."""
    ticker = Ticker.of(progress)
    try:
        with open(full, "rb") as raw:
            compressed = raw.read(2) == GZIP_MAGIC
            raw.seek(0)
            if compressed:
                with gzip.GzipFile(fileobj=raw, mode="rb") as f:
                    return _parse(f, shown, "(once decompressed) ", None, check, ticker)
            return _parse(raw, shown, "", os.fstat(raw.fileno()).st_size, check, ticker)
    except DataError:
        raise
    except (gzip.BadGzipFile, EOFError, zlib.error) as e:
        raise DataError(f"is a damaged or cut-short gzip file ({e or 'unexpected end'})", shown) from None
    except OSError as e:
        raise DataError(f"cannot be read ({e.strerror or e})", shown) from None


def _parse(f: BinaryIO, shown: str, how: str, size: int | None,
           check: Callable[[tuple[int, ...]], None] | None, ticker: Ticker) -> np.ndarray:
    """The array of the IDX stream `f`; `size` is the file's size when it is not compressed, so
    that what the header promises is checked against it before anything is read."""
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
    promise = f"{' × '.join(map(str, dims))} {type_name} values ({expected} bytes)"
    if size is not None and size - 4 - 4 * ndim < expected:
        raise DataError(f"{how}is cut short: its header promises {promise}, but only "
                        f"{size - 4 - 4 * ndim} bytes follow", shown)
    if size is not None and size - 4 - 4 * ndim > expected:
        raise DataError(f"{how}has bytes left over after the {' × '.join(map(str, dims))} values its "
                        "header promises", shown)
    if expected > MAX_BYTES:
        raise DataError(f"{how}has a header that promises {promise}, more than the "
                        f"{MAX_BYTES // 2**30} GiB nnstudio reads", shown)
    if check is not None:
        check(dims)
    data = _read_exactly(f, expected, ticker)
    if len(data) < expected:
        raise DataError(f"{how}is cut short: its header promises {promise}, but only {len(data)} "
                        "bytes follow", shown)
    if f.read(1):
        raise DataError(f"{how}has bytes left over after the {' × '.join(map(str, dims))} values its "
                        "header promises", shown)
    array = np.frombuffer(data, dtype=dtype).reshape(dims)
    return array if dtype.itemsize == 1 else cast_rows(array, dtype.newbyteorder("="), ticker)


def _read_exactly(f: BinaryIO, n: int, ticker: Ticker) -> bytes | bytearray:
    """Up to `n` bytes, read in chunks (reporting progress) so that a compressed file whose header
    promises absurd sizes allocates only what the file really holds."""
    out = bytearray()
    while len(out) < n:
        chunk = f.read(min(CHUNK, n - len(out)))
        if not chunk:
            break
        out += chunk
        ticker(len(out) / n)
    return out


def _as_float(a: np.ndarray, ticker: Ticker) -> np.ndarray:
    """Bytes and 16-bit integers as float32 (exact), float32 as it is, others as float64."""
    if a.dtype in (np.float32, np.float64):
        return a
    return cast_rows(a, np.float32 if a.dtype.itemsize <= 2 else np.float64, ticker)


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
