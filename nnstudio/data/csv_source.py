"""The CSV loader: an optional header row, then one sample per row.

Source keys: `path`, `input_columns` and `target_columns` (column names), `target_encoding`
(`raw`: numeric target columns; `onehot` / `index`: exactly one class column holding text or
numbers), and optional ones: a one-character `delimiter` (default `,`), `header` (default true;
false names the columns c1, c2, … and reads line 1 as data), `missing` (`refuse`, the
default, or `drop`: skip the rows with a missing value in a named column) and `decimal` (`.`, the
default, or `,` for numbers written 3,14, as semicolon-separated files from many countries do).

With a decimal comma a number holding a point is refused rather than guessed at: "1.234" may be a
thousands separator (1234) or a decimal point, and reading it wrongly would be silent.

A missing value is an empty cell or one of the markers in `MISSING_MARKERS` (NA, NaN, null, ?, …,
in any letter case). Classes are the sorted unique labels: numerically when every label is a
number, otherwise as text. Files are read as UTF-8 (a byte-order mark is skipped); quoted fields
may hold the delimiter, quotes (doubled) and line breaks. Blank lines are skipped. Columns that
are not named are never parsed, so they may hold anything. Header names are matched after
trimming spaces, and two columns with the same non-empty name are an error. Line numbers in
messages are 1-based lines of the file (a record spanning lines is named by its first line).

Limits, refused with a message rather than met with a frozen or exhausted machine: a file over
4 GB (before it is read), a class column of more than 65,536 different labels, and one-hot targets
over 2 GiB (index targets hold the same classes in 8 bytes a row). The reading itself, in
`csv_reader`, streams the file, so memory stays near the size of the result.
"""
from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

import numpy as np

from nnstudio.data.dataset import DataError, Dataset, Progress
from nnstudio.data.ticker import Ticker
from nnstudio.data.sources import WHERE, source_path

ENCODINGS = ("raw", "onehot", "index")
MISSING = ("refuse", "drop")
DECIMALS = (".", ",")
# Cells that mean "no value", compared after trimming spaces and lower-casing.
MISSING_MARKERS = frozenset({"", "na", "n/a", "#n/a", "<na>", "nan", "-nan", "null", "?"})


def is_missing(cell: str) -> bool:
    """True for an empty cell or a missing-value marker (NA, NaN, null, ?, …)."""
    return cell.strip().lower() in MISSING_MARKERS


def check_decimal(decimal: object) -> str:
    if decimal not in DECIMALS:
        raise DataError(f'must be "." (a decimal point) or "," (a decimal comma), not {decimal!r}',
                        f"{WHERE}.decimal")
    return str(decimal)


def parse_number(cell: str, decimal: str = ".") -> float:
    """The number in `cell` written with `decimal` as its decimal mark; ValueError when it is not
    one (with a decimal comma, a cell holding a point is not: see the module's note)."""
    if decimal == ",":
        if "." in cell:
            raise ValueError(f"{cell!r} holds a point")
        cell = cell.replace(",", ".")
    return float(cell)


def is_number(cell: str, decimal: str = ".") -> bool:
    """True when `cell` reads as a number with the decimal mark `decimal`."""
    try:
        parse_number(cell, decimal)
    except ValueError:
        return False
    return True


def column_names(count: int) -> list[str]:
    """The names of the columns of a file without a header: c1, c2, …"""
    return [f"c{k + 1}" for k in range(count)]


def load_csv(source: dict, base_dir: str | None, progress: Progress | None = None) -> Dataset:
    """Read the named columns of a CSV file into a Dataset; `progress` as in `load_source`."""
    encoding = source.get("target_encoding", "raw")
    if encoding not in ENCODINGS:
        raise DataError(f"must be one of {', '.join(ENCODINGS)}, not {encoding!r}",
                        f"{WHERE}.target_encoding")
    in_cols = _names(source, "input_columns")
    t_cols = _names(source, "target_columns")
    if encoding != "raw" and len(t_cols) != 1:
        raise DataError(f"{encoding} targets come from exactly one class column, "
                        f"not {len(t_cols)}", f"{WHERE}.target_columns")
    delimiter = check_delimiter(source.get("delimiter") or ",")
    header = source.get("header", True)
    if not isinstance(header, (bool, np.bool_)):
        raise DataError(f"must be true or false, not {header!r}", f"{WHERE}.header")
    missing = source.get("missing", "refuse")
    if missing not in MISSING:
        raise DataError(f"must be one of {', '.join(MISSING)}, not {missing!r}", f"{WHERE}.missing")
    decimal = check_decimal(source.get("decimal", "."))
    shown, full = source_path(source, base_dir)
    from nnstudio.data.csv_reader import ClassColumn, NumberColumn, one_hot, read_columns
    numeric = list(dict.fromkeys(in_cols + (t_cols if encoding == "raw" else [])))
    numbers = {name: NumberColumn(name, shown, decimal) for name in numeric}
    labels = None if encoding == "raw" else ClassColumn(t_cols[0], shown, decimal)
    try:
        n = read_columns(full, shown, delimiter, bool(header),
                         [(c, "input_columns") for c in in_cols] + [(c, "target_columns") for c in t_cols],
                         list(numbers.values()) + ([labels] if labels else []), missing == "drop",
                         Ticker.of(progress))
    except OSError as e:
        raise DataError(f"cannot be read ({e.strerror or e})", shown) from None
    x = np.empty((n, len(in_cols)), dtype=np.float64)
    for j, name in enumerate(in_cols):
        x[:, j] = numbers[name].values()
    if labels is None:
        t = np.empty((n, len(t_cols)), dtype=np.float64)
        for j, name in enumerate(t_cols):
            t[:, j] = numbers[name].values()
        return Dataset(x, t, list(in_cols), list(t_cols))
    index, classes = labels.classes()
    if encoding == "index":
        return Dataset(x, index, list(in_cols), list(t_cols), classes)
    return Dataset(x, one_hot(index, classes, shown), list(in_cols), list(t_cols), classes)


def check_delimiter(delimiter: object) -> str:
    if not isinstance(delimiter, str) or len(delimiter) != 1 or delimiter in '"\r\n':
        raise DataError(f"must be one character (not a quote or a line break), not {delimiter!r}",
                        f"{WHERE}.delimiter")
    return delimiter


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


def read_text(full: str, shown: str, limit: int | None = None) -> str:
    """The file as text (at most `limit` bytes of it), or a DataError saying why it is not text."""
    with open(full, "rb") as f:
        raw = f.read() if limit is None else f.read(limit)
    if not raw.strip():
        raise DataError("is empty", shown)
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise DataError(f"is not a text file (line {line} holds a NUL byte)", shown)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if limit is not None and len(raw) == limit and e.start >= len(raw) - 3:
            return raw[:e.start].decode("utf-8-sig")    # a character cut at the end of the sample
        line = raw.count(b"\n", 0, e.start) + 1
        raise DataError(f"is not a text file in UTF-8 (line {line}: byte 0x{raw[e.start]:02x} "
                        "cannot be decoded); if it is a CSV file, save it as UTF-8", shown) from None


def iter_rows(text: str, delimiter: str, shown: str) -> Iterator[tuple[int, list[str]]]:
    """(first file line, fields) of every non-blank record; DataError for a broken quote."""
    return iter_records(io.StringIO(text, newline=""), delimiter, shown)


def iter_records(lines: Iterable[str], delimiter: str, shown: str) -> Iterator[tuple[int, list[str]]]:
    """`iter_rows` of text given as lines that keep their line breaks (a file opened with
    newline="")."""
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise DataError(f"line {start}: {csv_problem(e)}", shown) from None
        if row:
            yield start, row
        start = reader.line_num + 1


def ragged(line: int, got: int, width: int, header: bool) -> str:
    return f"line {line}: has {got} fields, the {'header' if header else 'first row'} has {width}"


def csv_problem(e: csv.Error) -> str:
    text = str(e)
    if "unexpected end of data" in text:
        return "a quoted field starting here is never closed (a missing closing quote)"
    if "expected after" in text:
        return f"a closing quote must be followed by the delimiter or the line end ({text})"
    return text


def duplicate_name(names: list[str]) -> tuple[str, int, int] | None:
    """(name, first column, second column), 1-based, of the first non-empty name used twice."""
    seen: dict[str, int] = {}
    for k, name in enumerate(names):
        if name and name in seen:
            return name, seen[name] + 1, k + 1
        seen[name] = k
    return None


def find_columns(names: list[str], line: int, wanted: list[tuple[str, str]], header: bool, shown: str
          ) -> dict[str, int]:
    twice = duplicate_name(names)
    if twice is not None:
        raise DataError(f'line {line}: the column name "{twice[0]}" appears twice '
                        f"(columns {twice[1]} and {twice[2]})", shown)
    seen = {name: k for k, name in enumerate(names)}
    idx: dict[str, int] = {}
    for name, key in wanted:
        if name not in seen:
            if header:
                listed = ", ".join(f'"{h}"' for h in names)
                raise DataError(f'column "{name}" ({WHERE}.{key}) is not in the header; '
                                f"the header has {listed}", shown)
            raise DataError(f'column "{name}" ({WHERE}.{key}) is not in the file: without a header '
                            f"(data.source.header is false) its {len(names)} columns are named "
                            f"c1 to c{len(names)}", shown)
        idx[name] = seen[name]
    return idx


def not_a_number(cell: str, decimal: str) -> str:
    """Why `cell` is not a number, and what reads it when it is one with the other decimal mark."""
    text = cell.strip()
    if not text:
        return "the value is empty"
    if is_missing(cell):
        return f'"{text}" marks a missing value (data.source.missing "drop" skips such rows)'
    if decimal == "." and is_number(text, ","):
        return (f'"{clip(text)}" is not a number with a decimal point; for numbers written with a '
                'decimal comma, set data.source.decimal to ","')
    if decimal == "," and is_number(text, "."):
        return (f'"{clip(text)}" holds a point, but data.source.decimal is "," (a decimal comma): '
                'write it with a comma, or remove the thousands separator')
    return f'"{clip(text)}" is not a number'


def clip(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
