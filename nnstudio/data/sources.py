"""Loaders for `DataSpec.source`: inline tables here, `.npz` files in `npz_source`, CSV in
`csv_source`, MNIST's IDX files in `idx_source`, generated datasets in `builtin`.

`load_source(source, base_dir)` picks the loader by `source["kind"]`. Relative paths resolve
against `base_dir` (the project file's folder), or the working directory when it is None.
Every problem is a `DataError` that says where: `data.source.inputs[3]: …` for a table, the path
as the project writes it for a file.
"""
from __future__ import annotations

import json
import math
import numbers
import os
from typing import Any

import numpy as np

from nnstudio.data.dataset import DataError, Dataset, Progress, describe_number

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
        from nnstudio.data.npz_source import load_npz
        dataset = load_npz(source, base_dir, report)
    elif kind == "idx":
        from nnstudio.data.idx_source import load_idx
        dataset = load_idx(source, base_dir, report)
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

def source_stamp(source: Any, base_dir: str | None) -> str:
    """Identifies the samples `source` loads: the spec, the folder its paths resolve against, and
    the size and modification time of every file it names, so an edited file reads as new. Equal
    stamps mean a loaded Dataset can be used again instead of reading the file once more."""
    folder = base_dir or os.getcwd()
    stamps = []
    if isinstance(source, dict):
        for key in PATH_KEYS.get(source.get("kind"), ()):   # type: ignore[arg-type]
            path = source.get(key)
            if isinstance(path, str) and path:
                try:
                    info = os.stat(os.path.join(folder, os.path.expanduser(path)))
                    stamps.append((key, info.st_mtime_ns, info.st_size))
                except OSError:
                    stamps.append((key, None, None))
    return json.dumps([source, folder, stamps], sort_keys=True, default=str)


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
