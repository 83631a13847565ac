"""Loaders for `DataSpec.source`: inline tables and `.npz` files here, CSV in `csv_source`,
MNIST's IDX files in `idx_source`, generated datasets in `builtin`.

`load_source(source, base_dir)` picks the loader by `source["kind"]`. Relative paths resolve
against `base_dir` (the project file's folder), or the working directory when it is None.
Every problem is a `DataError` that says where: `data.source.inputs[3]: …` for a table, the path
as the project writes it for a file.
"""
from __future__ import annotations

import math
import numbers
import os
import zipfile
from typing import Any

import numpy as np

from nnstudio.data.dataset import DataError, Dataset, Progress, describe_number, first_non_finite

WHERE = "data.source"

_KEYS = {
    "table": {"kind", "inputs", "targets"},
    "npz": {"kind", "path", "inputs", "targets"},
    "csv": {"kind", "path", "input_columns", "target_columns", "target_encoding", "delimiter",
            "header", "missing", "decimal"},
    "idx": {"kind", "images", "labels"},
    "builtin": {"kind", "name", "params"},
}
# The keys of each kind that hold file paths (relative to the project file's folder).
PATH_KEYS = {"npz": ("path",), "csv": ("path",), "idx": ("images", "labels")}


def load_source(source: dict, base_dir: str | None, progress: Progress | None = None) -> Dataset:
    """Load the samples that `source` (a `DataSpec.source` dict) describes. `progress`, when given,
    hears the fraction done now and then, and may raise LoadCancelled to stop (see dataset.py)."""
    if not isinstance(source, dict):
        raise DataError(f"must be an object, not {type(source).__name__}", WHERE)
    kind = source.get("kind")
    if not isinstance(kind, str):
        raise DataError(f"must be a source kind such as \"csv\", not {_show(kind)}", f"{WHERE}.kind")
    if kind not in _KEYS:
        raise DataError(f"unknown source kind {kind!r} (known: {', '.join(sorted(_KEYS))})",
                        f"{WHERE}.kind")
    unknown = sorted(set(source) - _KEYS[kind], key=str)
    if unknown:
        raise DataError(f"unknown key {unknown[0]!r} for a {kind} source "
                        f"(allowed: {', '.join(sorted(_KEYS[kind]))})", WHERE)
    report = progress or _ignore
    report(0.0)
    if kind == "table":
        dataset = load_table(source)
    elif kind == "npz":
        dataset = load_npz(source, base_dir)
    elif kind == "idx":
        from nnstudio.data.idx_source import load_idx
        dataset = load_idx(source, base_dir)
    elif kind == "builtin":
        from nnstudio.data.builtin import load_builtin
        dataset = load_builtin(source)
    else:
        from nnstudio.data.csv_source import load_csv
        dataset = load_csv(source, base_dir, report)
    report(1.0)
    return dataset


def _ignore(_fraction: float) -> None:
    """The progress callback of a load nobody watches."""


# --- shared helpers ------------------------------------------------------------------------

def source_path(source: dict, base_dir: str | None, key: str = "path") -> tuple[str, str]:
    """(the path `source[key]` as written, for messages; the path to open)."""
    path = source.get(key)
    if not isinstance(path, str) or not path.strip():
        raise DataError("must be a file path (a non-empty string)", f"{WHERE}.{key}")
    full = os.path.expanduser(path)
    if not os.path.isabs(full):
        full = os.path.join(base_dir or os.getcwd(), full)
    if not os.path.exists(full):
        raise DataError(f"no such file ({full})", path)
    if os.path.isdir(full):
        raise DataError(f"is a folder, not a file ({full})", path)
    return path, full


def relative_data_path(path: str, project_file: str | None) -> str:
    """`path` as a data source should store it: relative to the folder of `project_file` when
    there is one and a relative path exists (not across Windows drives), with `/` separators so
    the project opens on every system; otherwise `path` made absolute. An unsaved project
    (`project_file` None) keeps absolute paths, since it has no folder yet."""
    full = os.path.abspath(os.path.expanduser(path))
    if not project_file:
        return full
    folder = os.path.dirname(os.path.abspath(project_file))
    try:
        rel = os.path.relpath(full, folder)
    except ValueError:      # another drive on Windows
        return full
    return rel.replace(os.sep, "/")


def _is_number(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _numbers_row(row: Any, where: str, width: int | None) -> list[float]:
    if not isinstance(row, (list, tuple)):
        raise DataError(f"must be a list of numbers, not {_show(row)}", where)
    if width is not None and len(row) != width:
        raise DataError(f"has {len(row)} values, the first row has {width}", where)
    for j, v in enumerate(row):
        if not _is_number(v):
            raise DataError(f"value {j} ({_show(v)}) is not a number", where)
        try:
            finite = math.isfinite(v)
        except OverflowError:
            raise DataError(f"value {j} is too large", where) from None
        if not finite:
            raise DataError(f"value {j} is {describe_number(float(v))}", where)
    return [float(v) for v in row]


def _show(v: Any) -> str:
    text = repr(v) if not isinstance(v, str) else f'"{v}"'
    return text if len(text) <= 40 else text[:37] + "..."


# --- table ---------------------------------------------------------------------------------

def load_table(source: dict) -> Dataset:
    """Inline rows: `inputs` is a list of rows of numbers; `targets` a list of rows of numbers
    (float targets) or a list of whole numbers ≥ 0 (int64 class indices)."""
    rows, trows = source.get("inputs"), source.get("targets")
    if not isinstance(rows, list):
        raise DataError("must be a list of rows", f"{WHERE}.inputs")
    if not isinstance(trows, list):
        raise DataError("must be a list of rows or of class indices", f"{WHERE}.targets")
    if not rows:
        raise DataError("the table has no rows yet; add one row per sample", f"{WHERE}.inputs")
    if len(trows) != len(rows):
        raise DataError(f"the table has {len(rows)} rows of inputs but {len(trows)} of targets",
                        f"{WHERE}.targets")
    width = len(rows[0]) if isinstance(rows[0], (list, tuple)) else None
    if width == 0:
        raise DataError("has no values", f"{WHERE}.inputs[0]")
    x = np.array([_numbers_row(r, f"{WHERE}.inputs[{i}]", width) for i, r in enumerate(rows)],
                 dtype=np.float64).reshape(len(rows), -1)
    names = [f"x{j + 1}" for j in range(x.shape[1])]
    if isinstance(trows[0], (list, tuple)):
        twidth = len(trows[0])
        if twidth == 0:
            raise DataError("has no values", f"{WHERE}.targets[0]")
        t = np.array([_numbers_row(r, f"{WHERE}.targets[{i}]", twidth) for i, r in enumerate(trows)],
                     dtype=np.float64).reshape(len(trows), -1)
        return Dataset(x, t, names, [f"y{j + 1}" for j in range(twidth)])
    labels = []
    for i, v in enumerate(trows):
        where = f"{WHERE}.targets[{i}]"
        if isinstance(v, (list, tuple)):
            raise DataError("is a row, but the first target is a class index", where)
        if not (_is_number(v) and 0 <= v < 2**31 and v == int(v)):
            raise DataError(f"{_show(v)} is not a class index (a whole number, 0 or more)", where)
        labels.append(int(v))
    return Dataset(x, np.array(labels, dtype=np.int64), names, ["class"])


# --- npz -----------------------------------------------------------------------------------

def load_npz(source: dict, base_dir: str | None) -> Dataset:
    """Two arrays of a NumPy `.npz` archive, read without ever unpickling.

    Inputs `[N, ...]` become `[N, prod(...)]` (no copy when already C-ordered); float32 stays
    float32 and integers of 16 bits or less become float32 (exact), other numbers float64.
    Integer 1-D targets are int64 class indices; other targets float `[N, columns]`."""
    shown, full = source_path(source, base_dir)
    in_name = _array_name(source, "inputs")
    t_name = _array_name(source, "targets")
    with open(full, "rb") as f:
        magic = f.read(4)
    if not magic:
        raise DataError("is empty", shown)
    if magic.startswith(b"\x93NUM"):
        raise DataError("is a single .npy array; nnstudio needs an .npz file holding the "
                        "inputs and targets arrays", shown)
    if magic[:2] != b"PK":
        raise DataError("is not an .npz file (a zip archive of NumPy arrays)", shown)
    try:
        with np.load(full, allow_pickle=False) as archive:
            present = list(archive.files)
            for name, key in ((in_name, "inputs"), (t_name, "targets")):
                if name not in present:
                    listed = ", ".join(f'"{n}"' for n in present) or "none"
                    raise DataError(f'has no array "{name}" (data.source.{key}); '
                                    f"the arrays present are: {listed}", shown)
            x = _read(archive, in_name, shown)
            t = x if t_name == in_name else _read(archive, t_name, shown)
    except DataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as e:
        raise DataError(f"is not a readable .npz file ({e})", shown) from None
    return _npz_dataset(x, t, in_name, t_name, shown)


def _array_name(source: dict, key: str) -> str:
    name = source.get(key, key)
    if not isinstance(name, str) or not name:
        raise DataError("must be the name of an array in the .npz file", f"{WHERE}.{key}")
    return name


def _read(archive: Any, name: str, shown: str) -> np.ndarray:
    try:
        return archive[name]
    except ValueError as e:
        if "pickle" in str(e).lower() or "object" in str(e).lower():
            raise DataError(f'array "{name}" holds a pickled object array, '
                            "which nnstudio will not load", shown) from None
        raise DataError(f'array "{name}" cannot be read ({e})', shown) from None


def _npz_dataset(x: np.ndarray, t: np.ndarray, in_name: str, t_name: str, shown: str) -> Dataset:
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
    x = np.ascontiguousarray(_as_float(x)).reshape(n, -1)
    if x.shape[1] == 0:
        raise DataError(f'array "{in_name}" has no values per sample', shown)
    _check_finite(x, in_name, shown)
    if t.ndim == 1 and (np.issubdtype(t.dtype, np.integer) or t.dtype == np.bool_):
        t = np.ascontiguousarray(t.astype(np.int64, copy=False))
        if t.min() < 0:
            i = int(np.argmax(t < 0))
            raise DataError(f'array "{t_name}" row {i}: class index {t[i]} is negative', shown)
        return Dataset(x, t, _names(in_name, x.shape[1]), [t_name])
    t = np.ascontiguousarray(_as_float(t, small_ints=False)).reshape(n, -1)
    _check_finite(t, t_name, shown)
    return Dataset(x, t, _names(in_name, x.shape[1]), _names(t_name, t.shape[1]))


def _as_float(a: np.ndarray, small_ints: bool = True) -> np.ndarray:
    if a.dtype == np.float32 or a.dtype == np.float64:
        return a
    if a.dtype == np.float16 or (small_ints and a.dtype.itemsize <= 2):
        return a.astype(np.float32)
    return a.astype(np.float64)


def _check_finite(a: np.ndarray, name: str, shown: str) -> None:
    bad = first_non_finite(a)
    if bad is not None:
        raise DataError(f'array "{name}" row {bad[0]}, column {bad[1]}: '
                        f"{describe_number(float(a[bad]))} is not allowed", shown)


def _names(name: str, n: int) -> list[str]:
    return [name] if n == 1 else [f"{name}[{j}]" for j in range(n)]
