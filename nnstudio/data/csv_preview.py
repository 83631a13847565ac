"""What the import dialog shows before a CSV file becomes a data source: the delimiter, header
and decimal mark it guesses, the first rows, and each column's type.

Pure functions over text and files, no Qt. `sniff_csv` looks at a sample of text;
`preview_csv` reads the file (up to `SCAN_ROWS` rows) with the same row reader as the loader, so
a file that previews also loads, and a broken one fails with the loader's message.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from typing import Iterator

from nnstudio.data.csv_source import (column_names, duplicate_name, is_missing, is_number, iter_rows,
                                      ragged, read_text)
from nnstudio.data.dataset import DataError

# Delimiters offered, in order of preference when several fit equally well.
DELIMITERS = (",", ";", "\t", "|", " ")
SAMPLE_BYTES = 64 * 1024
SCAN_ROWS = 200_000          # types are detected over this many rows at most
DISTINCT_CAP = 1000          # distinct values are counted up to this many, then "more"
# A number with a decimal comma, digits after the comma (3,14  -0,5  ,5  1,5e-3): not the "1," of "1, 2".
# The loader's words for a quote never closed (csv_source._csv_problem).
UNCLOSED_QUOTE = "is never closed"
COMMA_NUMBER = re.compile(r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?")


@dataclass
class CsvGuess:
    delimiter: str
    has_header: bool
    decimal: str = "."        # "," when the numbers are written 3,14


@dataclass
class Preview:
    """The first rows of a file and what its columns hold.

    `column_types[k]` is "number" (every value parses as a number), "text" (some value does
    not: class labels, names) or "empty" (no values at all). `missing[k]` counts missing cells
    (see csv_source.MISSING_MARKERS), `distinct[k]` the different values (at most DISTINCT_CAP + 1).
    `n_rows` counts the data rows read; `complete` is False when the file has more than SCAN_ROWS.
    `other_decimal[k]` is True when column k would hold numbers with the other decimal mark (a
    "text" column of 3,14 read with a decimal point), so the dialog can say which box to tick."""
    columns: list[str]
    rows: list[list[str]]
    column_types: list[str]
    n_rows: int = 0
    missing: list[int] = field(default_factory=list)
    distinct: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    complete: bool = True
    other_decimal: list[bool] = field(default_factory=list)


def read_sample(path: str, size: int = SAMPLE_BYTES) -> str:
    """The start of a file as text, for `sniff_csv`. DataError when it is empty or not text."""
    return read_text(path, os.path.basename(path), limit=size)


def sniff_csv(sample: str) -> CsvGuess:
    """Guess the delimiter, whether the first row is a header and the decimal mark from the start
    of a file.

    csv.Sniffer picks the delimiter; its guess is kept only when it splits every row into the
    same number of fields (Sniffer sometimes picks a character inside quoted text). Otherwise the
    first delimiter in DELIMITERS that does, else ",". A comma that splits decimal commas evenly
    (1,5;2,5 is "1", "5;2", "5") gives way to another delimiter that splits the rows evenly too.
    The decimal mark is "," when the delimiter is not a comma and more cells are numbers with a
    comma (3,14) than with a point (3.14). The first row is a header when it holds no numbers (a
    file of text only is taken to have one too: most CSV files name their columns)."""
    text = sample.lstrip("\ufeff")
    cut = max(text.rfind("\n"), text.rfind("\r"))
    if 0 < cut < len(text) - 1:
        text = text[:cut + 1]            # the last line may be cut off in the middle
    try:
        delimiter = csv.Sniffer().sniff(text, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        delimiter = ""
    if not _splits_evenly(text, delimiter):
        delimiter = next((d for d in DELIMITERS if _splits_evenly(text, d)), ",")
    if delimiter == ",":
        other = next((d for d in DELIMITERS[1:] if _splits_evenly(text, d)), None)
        if other is not None and guess_decimal(_rows(text, other), other) == ",":
            delimiter = other
    rows = _rows(text, delimiter)
    decimal = guess_decimal(rows, delimiter)
    return CsvGuess(delimiter, _looks_like_header(rows, decimal), decimal)


def guess_decimal(rows: list[list[str]], delimiter: str) -> str:
    """"," when the delimiter is not a comma and more cells are numbers written with a decimal
    comma than with a decimal point; else ".". Whole numbers count for neither."""
    if delimiter == ",":
        return "."
    cells = [c.strip() for row in rows for c in row]
    commas = sum(1 for c in cells if COMMA_NUMBER.fullmatch(c))
    points = sum(1 for c in cells if "." in c and is_number(c, "."))
    return "," if commas > points else "."


def _rows(text: str, delimiter: str, limit: int = 200) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if row and any(c.strip() for c in row):
                rows.append(row)
            if len(rows) >= limit:
                break
    except csv.Error:
        pass          # a quote left open in a sample cut short: judge by the rows before it
    return rows


def _splits_evenly(text: str, delimiter: str) -> bool:
    if len(delimiter) != 1:
        return False
    rows = _rows(text, delimiter)
    widths = {len(r) for r in rows}
    return len(widths) == 1 and widths.pop() > 1


def _looks_like_header(rows: list[list[str]], decimal: str = ".") -> bool:
    """A header names columns, so it holds no numbers; a first row of text is taken as one."""
    return not rows or not any(is_number(c, decimal) for c in rows[0] if c.strip())


def preview_csv(path: str, delimiter: str, header: bool, rows: int = 20,
                scan_rows: int = SCAN_ROWS, decimal: str = ".", limit_bytes: int | None = None) -> Preview:
    """The columns, the first `rows` data rows and the column types of a CSV file read with
    `delimiter`, `header` and the decimal mark `decimal` (a column of 3,14 is "number" with ","
    and "text" with "."). Raises DataError, naming the line, for what the loader would refuse
    whatever the columns: not text, empty, an unclosed quote, a row of the wrong length, a header
    naming a column twice, or no data rows.

    With `limit_bytes`, only the file's first `limit_bytes` bytes are read (the window previews a
    200 MB file at once this way): the row cut at the end is left out, a quote still open there
    is taken as the sample's end, and `complete` is False; what lies beyond is judged when the
    whole file loads."""
    shown = os.path.basename(path)
    cut = limit_bytes is not None and os.path.getsize(path) > limit_bytes
    text = read_text(path, shown, limit=limit_bytes if cut else None)
    if cut:
        end = max(text.rfind("\n"), text.rfind("\r"))
        text = text[:end + 1] if end > 0 else text
    names: list[str] | None = None
    shown_rows: list[list[str]] = []
    lines: list[int] = []
    numbers: list[bool] = []
    others: list[bool] = []
    other = "," if decimal == "." else "."
    missing: list[int] = []
    seen: list[set[str]] = []
    n_rows = 0
    complete = not cut
    for line, row in _sample_rows(text, delimiter, shown, cut):
        if names is None:
            names = [h.strip() for h in row] if header else column_names(len(row))
            twice = duplicate_name(names) if header else None
            if twice is not None:
                raise DataError(f'line {line}: the column name "{twice[0]}" appears twice '
                                f"(columns {twice[1]} and {twice[2]})", shown)
            numbers, others, missing = [True] * len(names), [True] * len(names), [0] * len(names)
            seen = [set() for _ in names]
            if header:
                continue
        if len(row) != len(names):
            raise DataError(ragged(line, len(row), len(names), header), shown)
        if n_rows >= scan_rows:
            complete = False
            break
        n_rows += 1
        if len(shown_rows) < rows:
            shown_rows.append(row)
            lines.append(line)
        for k, cell in enumerate(row):
            if is_missing(cell):
                missing[k] += 1
                continue
            value = cell.strip()
            if numbers[k] and not is_number(value, decimal):
                numbers[k] = False
            if others[k] and not is_number(value, other):
                others[k] = False
            if len(seen[k]) <= DISTINCT_CAP:
                seen[k].add(value)
    if names is None:
        raise DataError("is empty", shown)
    if n_rows == 0:
        raise DataError("has a header but no data rows", shown)
    types = ["empty" if missing[k] == n_rows else "number" if numbers[k] else "text"
             for k in range(len(names))]
    return Preview(names, shown_rows, types, n_rows, missing, [len(s) for s in seen], lines, complete,
                   [types[k] == "text" and others[k] for k in range(len(names))])


def _sample_rows(text: str, delimiter: str, shown: str, cut: bool) -> Iterator[tuple[int, list[str]]]:
    """`iter_rows`, except that in a sample cut from a bigger file a quoted field still open at
    the end (it may close beyond the cut, holding a line break) ends the sample quietly."""
    try:
        yield from iter_rows(text, delimiter, shown)
    except DataError as exc:
        if not (cut and UNCLOSED_QUOTE in str(exc)):
            raise
