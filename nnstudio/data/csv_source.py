"""The CSV loader: a header row, then one sample per row.

Source keys: `path`, `input_columns` and `target_columns` (header names), `target_encoding`
(`raw`: numeric target columns; `onehot` / `index`: exactly one class column holding text or
numbers), and an optional one-character `delimiter` (default `,`).

Classes are the sorted unique labels: numerically when every label is a number, otherwise as
text. Files are read as UTF-8 (a byte-order mark is skipped); quoted fields may hold the
delimiter, quotes (doubled) and line breaks. Blank lines are skipped. Columns that are not named
are never parsed, so they may hold anything. Header names are matched after trimming spaces, and
two columns with the same non-empty name are an error. Line numbers in messages are 1-based
lines of the file (the header is line 1; a record spanning lines is named by its first line).
"""
from __future__ import annotations

import csv
import io

import numpy as np

from nnstudio.data.dataset import DataError, Dataset, describe_number
from nnstudio.data.sources import WHERE, source_path

ENCODINGS = ("raw", "onehot", "index")


def load_csv(source: dict, base_dir: str | None) -> Dataset:
    """Read the named columns of a CSV file into a Dataset."""
    encoding = source.get("target_encoding", "raw")
    if encoding not in ENCODINGS:
        raise DataError(f"must be one of {', '.join(ENCODINGS)}, not {encoding!r}",
                        f"{WHERE}.target_encoding")
    in_cols = _names(source, "input_columns")
    t_cols = _names(source, "target_columns")
    if encoding != "raw" and len(t_cols) != 1:
        raise DataError(f"{encoding} targets come from exactly one class column, "
                        f"not {len(t_cols)}", f"{WHERE}.target_columns")
    delimiter = source.get("delimiter") or ","
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        raise DataError(f"must be one character (not a quote or a line break), not {delimiter!r}",
                        f"{WHERE}.delimiter")
    shown, full = source_path(source, base_dir)
    header, lines, cells = _read_columns(_read_text(full, shown), delimiter, shown,
                                         [(c, "input_columns") for c in in_cols]
                                         + [(c, "target_columns") for c in t_cols])
    x = np.empty((len(lines), len(in_cols)), dtype=np.float64)
    for j, name in enumerate(in_cols):
        x[:, j] = _numbers(cells[name], lines, name, shown)
    if encoding == "raw":
        t = np.empty((len(lines), len(t_cols)), dtype=np.float64)
        for j, name in enumerate(t_cols):
            t[:, j] = _numbers(cells[name], lines, name, shown)
        return Dataset(x, t, list(in_cols), list(t_cols))
    index, classes = _classes(cells[t_cols[0]], lines, t_cols[0], shown)
    if encoding == "index":
        return Dataset(x, index, list(in_cols), list(t_cols), classes)
    onehot = np.zeros((len(lines), len(classes)), dtype=np.float64)
    onehot[np.arange(len(lines)), index] = 1.0
    return Dataset(x, onehot, list(in_cols), list(t_cols), classes)


def _names(source: dict, key: str) -> list[str]:
    names = source.get(key)
    if not isinstance(names, list) or not names:
        raise DataError("must be a non-empty list of column names", f"{WHERE}.{key}")
    for i, n in enumerate(names):
        if not isinstance(n, str) or not n.strip():
            raise DataError(f"{n!r} is not a column name", f"{WHERE}.{key}[{i}]")
        if n.strip() in [m.strip() for m in names[:i]]:
            raise DataError(f'the column "{n}" is named twice', f"{WHERE}.{key}[{i}]")
    return [n.strip() for n in names]


def _read_text(full: str, shown: str) -> str:
    with open(full, "rb") as f:
        raw = f.read()
    if not raw.strip():
        raise DataError("is empty", shown)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise DataError(f"is not a text file (line {line} holds a NUL byte)", shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise DataError(f"is not a text file in UTF-8 (line {line}: byte 0x{raw[e.start]:02x} "
                        "cannot be decoded); if it is a CSV file, save it as UTF-8", shown) from None


def _read_columns(text: str, delimiter: str, shown: str, wanted: list[tuple[str, str]]
                  ) -> tuple[list[str], list[int], dict[str, list[str]]]:
    """(header, first line of each data row, the cells of each wanted column)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    idx: dict[str, int] = {}
    lines: list[int] = []
    cells: dict[str, list[str]] = {}
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise DataError(f"line {start}: {_csv_problem(e)}", shown) from None
        if row and header is None:
            header = [h.strip() for h in row]
            idx = _find(header, start, wanted, shown)
            cells = {name: [] for name in idx}
        elif row:
            if len(row) != len(header):
                raise DataError(f"line {start}: has {len(row)} fields, the header has "
                                f"{len(header)}", shown)
            lines.append(start)
            for name, k in idx.items():
                cells[name].append(row[k])
        start = reader.line_num + 1
    if header is None:
        raise DataError("is empty", shown)
    if not lines:
        raise DataError("has a header but no data rows", shown)
    return header, lines, cells


def _csv_problem(e: csv.Error) -> str:
    text = str(e)
    if "unexpected end of data" in text:
        return "a quoted field starting here is never closed (a missing closing quote)"
    if "expected after" in text:
        return f"a closing quote must be followed by the delimiter or the line end ({text})"
    return text


def _find(header: list[str], line: int, wanted: list[tuple[str, str]], shown: str
          ) -> dict[str, int]:
    seen: dict[str, int] = {}
    for k, name in enumerate(header):
        if name and name in seen:
            raise DataError(f'line {line}: the column name "{name}" appears twice '
                            f"(columns {seen[name] + 1} and {k + 1})", shown)
        seen[name] = k
    idx: dict[str, int] = {}
    for name, key in wanted:
        if name not in seen:
            listed = ", ".join(f'"{h}"' for h in header)
            raise DataError(f'column "{name}" ({WHERE}.{key}) is not in the header; '
                            f"the header has {listed}", shown)
        idx[name] = seen[name]
    return idx


def _numbers(cells: list[str], lines: list[int], name: str, shown: str) -> np.ndarray:
    try:
        values = np.array(cells, dtype=np.float64)
    except ValueError as e:
        for i, cell in enumerate(cells):
            try:
                float(cell)
            except ValueError:
                problem = ("the value is empty" if not cell.strip()
                           else f'"{_clip(cell)}" is not a number')
                raise DataError(f'line {lines[i]}, column "{name}": {problem}', shown) from None
        raise DataError(f'column "{name}": {e}', shown) from None
    bad = ~np.isfinite(values)
    if bad.any():
        i = int(np.argmax(bad))
        raise DataError(f'line {lines[i]}, column "{name}": "{_clip(cells[i])}" is '
                        f"{describe_number(values[i])}, which cannot be trained on", shown)
    return values


def _classes(cells: list[str], lines: list[int], name: str, shown: str
             ) -> tuple[np.ndarray, list[str]]:
    """(int64 class index per row, class labels in index order)."""
    labels = [c.strip() for c in cells]
    for i, label in enumerate(labels):
        if not label:
            raise DataError(f'line {lines[i]}, column "{name}": the class label is empty', shown)
    try:
        values = np.array(labels, dtype=np.float64)
        numeric = bool(np.isfinite(values).all())
    except ValueError:
        numeric = False
    if numeric:
        _, first, index = np.unique(values, return_index=True, return_inverse=True)
        classes = [labels[int(i)] for i in first]
    else:
        classes = sorted(set(labels))
        lookup = {c: k for k, c in enumerate(classes)}
        index = np.fromiter((lookup[c] for c in labels), dtype=np.int64, count=len(labels))
    return np.ascontiguousarray(index.reshape(-1), dtype=np.int64), classes


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
