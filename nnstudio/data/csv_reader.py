"""Reading the named columns of a CSV file in two streaming passes, for `csv_source.load_csv`.

The window loads data in a worker thread, so no step may hold the GIL for long: one C call over a
whole big file (decoding 60 MB, `np.array` of a million strings, sorting a million labels)
freezes the window's event loop for its whole length. Hence:
1. `scan_file` reads the bytes in slices: the size cap, NUL bytes, UTF-8 and emptiness are checked
   before any parsing, in the order the messages always had.
2. `read_columns` parses the rows from the lines of 256 KB slices, each decoded whole, and converts them
   every `chunk_rows` rows: numbers with `np.array` calls of `CONVERT_CELLS` strings, class labels
   to codes through a dict of the distinct labels. The file's text and its cells are never held
   whole, so a 1,000,000-row file needs tens of MB rather than hundreds.
A bad value does not stop the pass: the first problem of each column is kept and raised at the end,
so a broken row anywhere still comes first and the column order of the messages stays as it was.
"""
from __future__ import annotations

import codecs
import io
import os
from itertools import chain
from typing import Iterator

import numpy as np

from nnstudio.data.csv_source import (clip, column_names, find_columns, is_missing, is_number,
                                      iter_records, not_a_number, parse_number, ragged)
from nnstudio.data.dataset import MAX_CLASSES, DataError, describe_number
from nnstudio.data.ticker import Ticker

SLICE = 1 << 22             # bytes read at a time by the first pass
TEXT_SLICE = 1 << 18        # bytes read at a time by the second: decoded and split in about a ms
MAX_CSV_BYTES = 4 * 10**9   # a bigger file is refused before it is read
CHUNK_CELLS = 1 << 18       # cells converted per chunk: one np.array call of a few ms per column
CHUNK_ROWS = 1 << 15
CONVERT_CELLS = 4096        # strings per np.array call: a few ms each
MAX_ONEHOT_BYTES = 1 << 31  # one-hot targets bigger than this are refused (index targets are not)
SCAN_SHARE = 0.08           # shares of the progress bar: the first pass, then the rows
ROWS_SHARE = 0.97


def scan_file(full: str, shown: str, ticker: Ticker) -> None:
    """Check that the file is non-empty UTF-8 text (a byte-order mark allowed) without NUL bytes;
    a DataError saying what it is not, naming the line."""
    size = os.path.getsize(full)
    if size > MAX_CSV_BYTES:
        raise DataError(f"is {size / 1e9:.1f} GB; nnstudio reads CSV files of up to "
                        f"{MAX_CSV_BYTES // 10**9} GB", shown)
    newlines, content, done = 0, False, 0
    bad: tuple[int, int] | None = None      # (line, byte) of the first byte that is not UTF-8
    carry = b""                             # a character cut at the end of the last slice
    with open(full, "rb") as f:
        while piece := f.read(SLICE):
            nul = piece.find(b"\x00")
            if nul >= 0:
                line = newlines + piece.count(b"\n", 0, nul) + 1
                raise DataError(f"is not a text file (line {line} holds a NUL byte)", shown)
            content = content or not piece.isspace()
            if bad is None:
                data = carry + piece
                try:
                    used = codecs.utf_8_decode(data, "strict", False)[1]
                except UnicodeDecodeError as e:     # `carry` holds no line feed: lines count as is
                    bad = (newlines + data.count(b"\n", 0, e.start) + 1, data[e.start])
                else:
                    carry = data[used:]
            newlines += piece.count(b"\n")
            done += len(piece)
            ticker(done / max(1, size))
    if not content:
        raise DataError("is empty", shown)
    if bad is None and carry:
        bad = (newlines + 1, carry[0])
    if bad is not None:
        raise DataError(f"is not a text file in UTF-8 (line {bad[0]}: byte 0x{bad[1]:02x} cannot be "
                        "decoded); if it is a CSV file, save it as UTF-8", shown)


class NumberColumn:
    """A column of numbers, converted chunk by chunk; `problem` is its first bad value."""

    def __init__(self, name: str, shown: str, decimal: str):
        self.name, self.shown, self.decimal = name, shown, decimal
        self.parts: list[np.ndarray] = []
        self.not_number: str | None = None
        self.not_finite: str | None = None

    @property
    def problem(self) -> str | None:
        # A cell that is not a number anywhere comes before a NaN or infinity, as it always did.
        return self.not_number or self.not_finite

    def add(self, cells: list[str], lines: list[int]) -> None:
        if self.not_number is not None:
            return
        decimal = self.decimal
        try:
            if decimal == "," and any("." in c for c in cells):
                raise ValueError("a point with a decimal comma")
            texts = [c.replace(",", ".") for c in cells] if decimal == "," else cells
            values = np.empty(len(texts), dtype=np.float64)
            for start in range(0, len(texts), CONVERT_CELLS):    # ~1 µs a cell, all under the GIL
                values[start:start + CONVERT_CELLS] = np.array(texts[start:start + CONVERT_CELLS],
                                                               dtype=np.float64)
        except ValueError as e:
            self.not_number = self._why(cells, lines, e)
            return
        if self.not_finite is None:
            bad = ~np.isfinite(values)
            if bad.any():
                i = int(np.argmax(bad))
                self.not_finite = (f'line {lines[i]}, column "{self.name}": "{clip(cells[i])}" is '
                                   f"{describe_number(values[i])}, which cannot be trained on")
        self.parts.append(values)

    def _why(self, cells: list[str], lines: list[int], e: ValueError) -> str:
        for i, cell in enumerate(cells):
            if not is_number(cell, self.decimal):
                return f'line {lines[i]}, column "{self.name}": {not_a_number(cell, self.decimal)}'
        return f'column "{self.name}": {e}'

    def values(self) -> np.ndarray:
        return np.concatenate(self.parts) if self.parts else np.empty(0)


class ClassColumn:
    """A column of class labels, kept as a code per row (the order of first appearance) and the
    distinct labels; `problem` is its first bad label."""

    def __init__(self, name: str, shown: str, decimal: str):
        self.name, self.shown, self.decimal = name, shown, decimal
        self.lookup: dict[str, int] = {}
        self.parts: list[np.ndarray] = []
        self.problem: str | None = None

    def add(self, cells: list[str], lines: list[int]) -> None:
        if self.problem is not None:
            return
        lookup = self.lookup
        codes = []
        for i, cell in enumerate(cells):
            label = cell.strip()
            code = lookup.get(label)
            if code is None:
                if not label:
                    self.problem = f'line {lines[i]}, column "{self.name}": the class label is empty'
                    return
                if is_missing(label):
                    self.problem = (f'line {lines[i]}, column "{self.name}": the class label "{label}" '
                                    'marks a missing value (data.source.missing "drop" skips such rows)')
                    return
                if len(lookup) == MAX_CLASSES:
                    self.problem = (f'line {lines[i]}, column "{self.name}": more than {MAX_CLASSES} '
                                    "different class labels; is it a class column?")
                    return
                code = lookup[label] = len(lookup)
            codes.append(code)
        self.parts.append(np.array(codes, dtype=np.int64))

    def classes(self) -> tuple[np.ndarray, list[str]]:
        """(int64 class index per row, class labels in index order): sorted numerically when every
        label is a number (named by its first appearance), otherwise as text."""
        distinct = list(self.lookup)
        try:
            values = np.array([parse_number(label, self.decimal) for label in distinct], dtype=np.float64)
            numeric = bool(np.isfinite(values).all())
        except ValueError:
            numeric = False
        if numeric:
            _, first, remap = np.unique(values, return_index=True, return_inverse=True)
            classes = [distinct[int(i)] for i in first]
        else:
            classes = sorted(distinct)
            place = {c: k for k, c in enumerate(classes)}
            remap = np.array([place[c] for c in distinct], dtype=np.int64)
        codes = np.concatenate(self.parts) if self.parts else np.empty(0, dtype=np.int64)
        index = np.asarray(remap, dtype=np.int64).reshape(-1)[codes]
        return np.ascontiguousarray(index, dtype=np.int64), classes


class TextLines:
    """The lines of a UTF-8 file, with their line breaks (\n, \r\n or \r, as `newline=""` splits
    them), a list per `TEXT_SLICE` bytes read; `done` is the share of the file read so far.

    Not a text-mode file: that reads 8 KB at a time, and a thread that releases the GIL that often
    for an instant keeps a waiting thread (the window's event loop) from ever taking it."""

    def __init__(self, full: str, shown: str, ticker: Ticker):
        self.full, self.shown, self.ticker = full, shown, ticker
        self.done = 0.0

    def batches(self) -> Iterator[list[str]]:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        pending: list[str] = []         # the start of a line that goes on in the next slice
        with open(self.full, "rb") as f:
            size = max(1, os.fstat(f.fileno()).st_size)
            read = 0
            while True:
                piece = f.read(TEXT_SLICE)
                read += len(piece)
                self.done = min(1.0, read / size)
                self.ticker(self.done)      # for slices without a record: blank lines, a huge line
                try:
                    text = decoder.decode(piece, final=not piece)
                except UnicodeDecodeError:  # scan_file found none: the file changed since
                    raise DataError("changed while it was being read; load it again", self.shown) from None
                if piece and "\n" not in text and "\r" not in text:
                    pending.append(text)
                    continue
                lines = io.StringIO("".join(pending) + text, newline="").readlines()
                # The last line may go on, and a \r at a slice's end may be followed by a \n.
                pending = [lines.pop()] if piece and lines and not lines[-1].endswith("\n") else []
                yield lines
                if not piece:
                    return


def read_columns(full: str, shown: str, delimiter: str, header: bool, wanted: list[tuple[str, str]],
                 columns: list[NumberColumn | ClassColumn], drop: bool, ticker: Ticker) -> int:
    """Feed each of `columns` its cells of every data row; the number of rows kept. `wanted` names
    every requested column, as the messages name them."""
    scan_file(full, shown, ticker.part(0.0, SCAN_SHARE))
    rows_ticker = ticker.part(SCAN_SHARE, ROWS_SHARE)
    text = TextLines(full, shown, rows_ticker)
    names: list[str] | None = None
    idx: dict[str, int] = {}
    chunk_rows = CHUNK_ROWS
    lines: list[int] = []
    cells: dict[str, list[str]] = {}
    appenders: list = []        # (append to a column's cells, its field index): the hot loop's work
    rows = kept = 0

    def flush() -> None:
        nonlocal kept, lines, cells, appenders
        if drop:
            lines, cells = _without_missing(lines, cells)
        kept += len(lines)
        for column in columns:
            column.add(cells[column.name], lines)
            rows_ticker(text.done)
        lines, cells = [], {name: [] for name in idx}
        appenders = [(cells[name].append, k) for name, k in idx.items()]

    for line, row in iter_records(chain.from_iterable(text.batches()), delimiter, shown):
        if names is None:
            names = [h.strip() for h in row] if header else column_names(len(row))
            idx = find_columns(names, line, wanted, header, shown)
            cells = {name: [] for name in idx}
            appenders = [(cells[name].append, k) for name, k in idx.items()]
            chunk_rows = max(1, min(CHUNK_ROWS, CHUNK_CELLS // max(1, len(idx))))
            if header:
                continue
        if len(row) != len(names):
            raise DataError(ragged(line, len(row), len(names), header), shown)
        rows += 1
        lines.append(line)
        for append, k in appenders:
            append(row[k])
        if len(lines) >= chunk_rows:
            flush()
        elif not rows & 15:
            rows_ticker(text.done)
    if names is None:
        raise DataError("is empty", shown)
    if not rows:
        raise DataError("has a header but no data rows", shown)
    flush()
    if drop and not kept:
        raise DataError(f"every one of the {rows} data rows has a missing value in a named "
                        'column, and data.source.missing is "drop"', shown)
    for column in columns:
        if column.problem is not None:
            raise DataError(column.problem, shown)
    return kept


def _without_missing(lines: list[int], cells: dict[str, list[str]]
                     ) -> tuple[list[int], dict[str, list[str]]]:
    """Only the rows whose named cells all hold a value."""
    columns = list(cells.values())
    keep = [i for i in range(len(lines)) if not any(is_missing(c[i]) for c in columns)]
    if len(keep) == len(lines):
        return lines, cells
    return [lines[i] for i in keep], {name: [c[i] for i in keep] for name, c in cells.items()}


def one_hot(index: np.ndarray, classes: list[str], shown: str) -> np.ndarray:
    """[rows, classes] float64 with a 1 in each row's class column; refused when it would be huge."""
    size = len(index) * len(classes) * 8
    if size > MAX_ONEHOT_BYTES:
        raise DataError(f"{len(index)} rows of {len(classes)} classes make one-hot targets of "
                        f"{size / 2**30:.1f} GiB; use index targets (data.source.target_encoding "
                        '"index")', shown)
    onehot = np.zeros((len(index), len(classes)), dtype=np.float64)
    onehot[np.arange(len(index)), index] = 1.0
    return onehot
