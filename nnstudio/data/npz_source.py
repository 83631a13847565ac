"""The `npz` source: two arrays of a NumPy `.npz` archive, read without ever unpickling.

Each array's `.npy` header (shape, dtype, order) is read and checked before any of its values:
an object, structured or non-numeric dtype, a shape whose size differs from what the zip directory
says the member holds, or one beyond `MAX_BYTES` / `MAX_COLUMNS`, is refused naming the array
before anything is allocated. The values are then read in chunks into one preallocated array,
reporting progress, rather than by `np.load`, which allocates what the header says and reads on.
"""
from __future__ import annotations

import lzma
import math
import struct
import zipfile
import zlib
from dataclasses import dataclass

import numpy as np

from nnstudio.data.chunked import cast_rows, first_non_finite_rows
from nnstudio.data.dataset import MAX_COLUMNS, DataError, Dataset, Progress, describe_number
from nnstudio.data.sources import source_path
from nnstudio.data.ticker import Ticker

CHUNK = 1 << 22          # bytes read (and decompressed) at a time: a few ms each
MAX_BYTES = 1 << 34      # what one array may hold (16 GiB)
NPY_MAGIC = b"\x93NUMPY"
# What a damaged archive makes zipfile and its decompressors raise.
BROKEN_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
              NotImplementedError, RuntimeError, zlib.error, lzma.LZMAError, struct.error,
              OverflowError)


@dataclass
class Header:
    """What an array's `.npy` header declares, and where its values start in the member."""
    name: str
    member: str
    shape: tuple[int, ...]
    fortran_order: bool
    dtype: np.dtype
    offset: int

    @property
    def nbytes(self) -> int:
        return math.prod(self.shape) * self.dtype.itemsize


def load_npz(source: dict, base_dir: str | None, progress: Progress | None = None) -> Dataset:
    """Inputs `[N, ...]` become `[N, prod(...)]` (no copy when already C-ordered); float32 stays
    float32 and integers of 16 bits or less become float32 (exact), other numbers float64.
    Integer 1-D targets are int64 class indices; other targets float `[N, columns]`."""
    shown, full = source_path(source, base_dir)
    in_name = _array_name(source, "inputs")
    t_name = _array_name(source, "targets")
    ticker = Ticker.of(progress)
    try:
        with open(full, "rb") as f:
            magic = f.read(4)
            if not magic:
                raise DataError("is empty", shown)
            if magic.startswith(b"\x93NUM"):
                raise DataError("is a single .npy array; nnstudio needs an .npz file holding the "
                                "inputs and targets arrays", shown)
            if magic[:2] != b"PK":
                raise DataError("is not an .npz file (a zip archive of NumPy arrays)", shown)
            f.seek(0)
            with zipfile.ZipFile(f) as archive:
                members = archive.namelist()
                present = [m[:-4] if m.endswith(".npy") else m for m in members]
                for name, key in ((in_name, "inputs"), (t_name, "targets")):
                    if name not in present:
                        listed = ", ".join(f'"{n}"' for n in present) or "none"
                        raise DataError(f'has no array "{name}" (data.source.{key}); '
                                        f"the arrays present are: {listed}", shown)
                hx = read_header(archive, in_name, members, shown)
                ht = hx if t_name == in_name else read_header(archive, t_name, members, shown)
                share = hx.nbytes / max(1, hx.nbytes + (ht.nbytes if ht is not hx else 0))
                x = read_values(archive, hx, shown, ticker.part(0.0, 0.6 * share))
                t = x if ht is hx else read_values(archive, ht, shown, ticker.part(0.6 * share, 0.6))
    except DataError:
        raise
    except BROKEN_ZIP as e:
        raise DataError(f"is not a readable .npz file ({e})", shown) from None
    return _npz_dataset(x, t, in_name, t_name, shown, ticker)


def read_header(archive: zipfile.ZipFile, name: str, members: list[str], shown: str) -> Header:
    """The checked header of array `name`; a DataError naming it when it cannot be loaded."""
    member = name if name in members else name + ".npy"
    info = archive.getinfo(member)
    with archive.open(info) as m:
        if m.read(len(NPY_MAGIC)) != NPY_MAGIC:
            raise DataError(f'array "{name}" is not a NumPy array (the member "{member}" is not '
                            "in the .npy format)", shown)
        version = tuple(m.read(2))
        if version not in ((1, 0), (2, 0)):
            raise DataError(f'array "{name}" is in .npy format version '
                            f"{'.'.join(map(str, version)) or 'none'}; nnstudio reads 1.0 and 2.0", shown)
        read = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
        try:
            shape, fortran_order, dtype = read(m)
        except Exception as e:  # noqa: BLE001 - the header is Python literal syntax from the file:
            # its parser (ast, tokenize, np.dtype) raises ValueError, SyntaxError, TokenError, TypeError…
            raise DataError(f'array "{name}" has a damaged .npy header ({_clip(str(e))})', shown) from None
        offset = m.tell()
    header = Header(name, member, tuple(shape), bool(fortran_order), dtype, offset)
    _check_header(header, info.file_size - offset, shown)
    return header


def _check_header(h: Header, stored: int, shown: str) -> None:
    if h.dtype.hasobject:
        raise DataError(f'array "{h.name}" holds a pickled object array, which nnstudio will not load',
                        shown)
    if h.dtype.names is not None or h.dtype.subdtype is not None or h.dtype.kind not in "biuf" \
            or h.dtype.itemsize == 0:
        raise DataError(f'array "{h.name}" holds {_clip(str(h.dtype))} values, not real numbers', shown)
    if any(d < 0 for d in h.shape):
        raise DataError(f'array "{h.name}" has a negative dimension in its shape {list(h.shape)}', shown)
    declared = f"{' × '.join(map(str, h.shape)) or 'a single'} {h.dtype} values ({h.nbytes} bytes)"
    if h.nbytes > MAX_BYTES:
        raise DataError(f'array "{h.name}" declares {declared}, more than the '
                        f"{MAX_BYTES // 2**30} GiB nnstudio reads", shown)
    if h.nbytes != stored:
        raise DataError(f'array "{h.name}" declares {declared}, but its member holds {stored} bytes '
                        "of values", shown)
    if len(h.shape) >= 2 and math.prod(h.shape[1:]) > MAX_COLUMNS:
        raise DataError(f'array "{h.name}" has {math.prod(h.shape[1:])} values per sample; '
                        f"nnstudio reads up to {MAX_COLUMNS}", shown)


def read_values(archive: zipfile.ZipFile, h: Header, shown: str, ticker: Ticker) -> np.ndarray:
    """The array `h` describes, read in chunks into one array allocated once."""
    out = np.empty(math.prod(h.shape), dtype=h.dtype)
    into = out.view(np.uint8)
    with archive.open(h.member) as m:
        m.read(h.offset)
        done = 0
        while done < h.nbytes:
            chunk = m.read(min(CHUNK, h.nbytes - done))
            if not chunk:
                raise DataError(f'array "{h.name}" is cut short ({done} of {h.nbytes} bytes)', shown)
            into[done:done + len(chunk)] = np.frombuffer(chunk, dtype=np.uint8)
            done += len(chunk)
            ticker(done / h.nbytes)
        m.read(1)       # the member's end, where zipfile checks its CRC
    if h.fortran_order:
        return out.reshape(h.shape[::-1]).transpose()
    return out.reshape(h.shape)


def _array_name(source: dict, key: str) -> str:
    name = source.get(key, key)
    if not isinstance(name, str) or not name:
        raise DataError("must be the name of an array in the .npz file", f"data.source.{key}")
    return name


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _npz_dataset(x: np.ndarray, t: np.ndarray, in_name: str, t_name: str, shown: str,
                 ticker: Ticker) -> Dataset:
    for a, name in ((x, in_name), (t, t_name)):
        if not (np.issubdtype(a.dtype, np.number) or a.dtype == np.bool_) \
                or np.issubdtype(a.dtype, np.complexfloating):
            raise DataError(f'array "{name}" holds {a.dtype} values, not real numbers', shown)
        if a.ndim == 0:
            raise DataError(f'array "{name}" is a single value; it needs one row per sample', shown)
    if x.shape[0] != t.shape[0]:
        raise DataError(f'array "{in_name}" has {x.shape[0]} samples but "{t_name}" has '
                        f"{t.shape[0]}", shown)
    if x.shape[0] == 0:
        raise DataError(f'array "{in_name}" has no samples', shown)
    n = x.shape[0]
    x = cast_rows(x, _float_type(x.dtype), ticker.part(0.6, 0.75)).reshape(n, -1)
    if x.shape[1] == 0:
        raise DataError(f'array "{in_name}" has no values per sample', shown)
    _check_finite(x, in_name, shown, ticker.part(0.75, 0.85))
    if t.ndim == 1 and (np.issubdtype(t.dtype, np.integer) or t.dtype == np.bool_):
        t = cast_rows(t, np.int64, ticker.part(0.85, 0.97))
        if t.min() < 0:
            i = int(np.argmax(t < 0))
            raise DataError(f'array "{t_name}" row {i}: class index {t[i]} is negative', shown)
        return Dataset(x, t, _names(in_name, x.shape[1]), [t_name])
    t = cast_rows(t, _float_type(t.dtype, small_ints=False), ticker.part(0.85, 0.9)).reshape(n, -1)
    _check_finite(t, t_name, shown, ticker.part(0.9, 0.97))
    return Dataset(x, t, _names(in_name, x.shape[1]), _names(t_name, t.shape[1]))


def _float_type(dtype: np.dtype, small_ints: bool = True) -> np.dtype:
    """float32 and float64 (in this machine's byte order) stay; float16 and, with `small_ints`,
    integers of 16 bits or less become float32 (exact); the rest float64."""
    if dtype == np.float32 or dtype == np.float64:
        return dtype
    if dtype == np.float16 or (small_ints and dtype.itemsize <= 2):
        return np.dtype(np.float32)
    return np.dtype(np.float64)


def _check_finite(a: np.ndarray, name: str, shown: str, ticker: Ticker) -> None:
    bad = first_non_finite_rows(a, ticker)
    if bad is not None:
        raise DataError(f'array "{name}" row {bad[0]}, column {bad[1]}: '
                        f"{describe_number(float(a[bad]))} is not allowed", shown)


def _names(name: str, n: int) -> list[str]:
    return [name] if n == 1 else [f"{name}[{j}]" for j in range(n)]
