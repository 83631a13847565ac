"""Text laid out for a terminal: prose wrapped to a width, and tables whose widest cells wrap
inside their own column, so `nnstudio explain` fits the terminal it prints to; a table that
cannot fit even so is printed as one block per row.

Formulas break before an operator (`+`, `-`, `=`), never inside a number or a product such as
`0.15·0.05`, so a wrapped line still reads as a formula. A column never gets narrower than its
longest unbreakable piece: a table that cannot fit even then is printed wider than asked.

Widths are display columns: an East Asian wide or fullwidth character (Chinese) takes two in a fixed
font and in a terminal, so a translated table (the window's) still lines up. Text with such characters
may also break between them (Chinese has no spaces), never before closing punctuation; text without
them is laid out by textwrap as before.
"""
from __future__ import annotations

import math
import shutil
import textwrap
import unicodedata
from typing import TextIO

DEFAULT_WIDTH = 80      # when the output is not a terminal (a file, a pipe, a test)
MIN_WIDTH = 40          # narrower terminals get 40 columns: tables cannot shrink much further
OPERATORS = (" + ", " - ", " = ")
_GLUE = "\u00a0"        # textwrap breaks at ASCII whitespace only, so this space holds pieces together
COLUMN_GAP = "  "
TABLE_INDENT = "  "
# Chinese punctuation that a line may not start with, and that it may not end with.
NO_BREAK_BEFORE = set("，。、；：！？）》」』”’…,.;:!?)]")
NO_BREAK_AFTER = set("（《「『“‘([")


def display_width(text: str) -> int:
    """The columns `text` takes in a fixed font or a terminal: a wide or fullwidth character two."""
    if text.isascii():
        return len(text)
    return sum(2 if _is_wide(ch) else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` followed by spaces to `width` display columns (str.ljust counts characters)."""
    return text + " " * (width - display_width(text))


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _wide_tokens(word: str) -> list[str]:
    """`word` cut where a line may break inside it: around each wide character (punctuation stays
    with its neighbour). A word without wide characters stays whole."""
    if display_width(word) == len(word):
        return [word]
    tokens: list[str] = []
    for ch in word:
        if tokens and (ch in NO_BREAK_BEFORE or tokens[-1][-1] in NO_BREAK_AFTER
                       or not (_is_wide(ch) or _is_wide(tokens[-1][-1]))):
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _wrap_wide(text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy wrap by display width of text that holds wide characters: breaks at spaces (not at
    the glue) and between wide characters; `first` and `rest` lead the first and the other lines."""
    tokens = [(token, k == 0) for word in text.split(" ") if word for k, token in enumerate(_wide_tokens(word))]
    lines, line, empty = [], first, True
    for token, spaced in tokens:
        add = (" " if spaced and not empty else "") + token
        if not empty and display_width(line) + display_width(add) > width:
            lines.append(line)
            line = rest + token
        else:
            line += add
        empty = False
    lines.append(line)
    return [one.replace(_GLUE, " ").rstrip() for one in lines]


def terminal_width(stream: TextIO) -> int:
    """The width of the terminal `stream` writes to, or DEFAULT_WIDTH when it is not one."""
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        return DEFAULT_WIDTH
    return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)


def _glued(text: str) -> str:
    # "a + b" becomes "a" and "+ b": a break falls before the operator, which then leads its line.
    for op in OPERATORS:
        text = text.replace(op, f" {op.strip()}{_GLUE}")
    return text


def _pieces(text: str, glued: bool = True) -> list[str]:
    """The parts of `text` that a wrap keeps whole (`glued`: an operator with what follows it)."""
    return [token for piece in (_glued(text) if glued else text).split() for token in _wide_tokens(piece)]


def wrap(text: str, width: int | None, indent: str = "  ") -> list[str]:
    """`text` as lines of at most `width` characters (None: one line), its continuation lines
    indented by `indent` more than its first."""
    if width is None or display_width(text) <= width:
        return [text]
    lead = text[:len(text) - len(text.lstrip(" "))]
    if display_width(text) != len(text):
        return _wrap_wide(_glued(text.strip()), width, lead, lead + indent)
    lines = textwrap.wrap(_glued(text.strip()), width=width, initial_indent=lead,
                          subsequent_indent=lead + indent, break_long_words=False, break_on_hyphens=False)
    return [line.replace(_GLUE, " ") for line in lines] or [text]


def _cell_lines(cell: str, width: int) -> list[str]:
    if display_width(cell) <= width:
        return [cell]
    # Operators lead their line when the pieces fit; otherwise one may end the line before.
    glued = max(display_width(p) for p in _pieces(cell)) <= width
    if display_width(cell) != len(cell):
        return _wrap_wide(_glued(cell) if glued else cell, width, "", "")
    lines = textwrap.wrap(_glued(cell) if glued else cell, width=width, break_long_words=False,
                          break_on_hyphens=False)
    return [line.replace(_GLUE, " ") for line in lines] or [cell]


def _least(cells: list[list[str]], k: int, glued: bool) -> int:
    # Headers stay whole; other cells may break between their pieces.
    return max([display_width(cells[0][k]), *(display_width(p) for r in cells[1:] for p in _pieces(r[k], glued))])


def column_widths(cells: list[list[str]], width: int | None) -> list[int]:
    """Each column's width: its longest cell, the widest columns narrowed (never below their
    longest unbreakable piece) until the columns and the gaps between them fit in `width`."""
    widths = [max(display_width(r[k]) for r in cells) for k in range(len(cells[0]))]
    if width is None:
        return widths
    budget = width - len(COLUMN_GAP) * (len(widths) - 1)
    for glued in (True, False):          # first keep operators with what follows them
        least = [_least(cells, k, glued) for k in range(len(widths))]
        while sum(widths) > budget:
            slack = [w - m for w, m in zip(widths, least)]
            if max(slack) <= 0:
                break
            # Narrow the widest column that can give: formulas, not the short number columns.
            k = max((k for k in range(len(widths)) if slack[k] > 0), key=lambda k: widths[k])
            widths[k] = max(least[k], widths[k] - (sum(widths) - budget))
    return widths          # wider than `width` when even that is not enough


def text_table(headers: list[str], rows: list[list[str]], width: int | None) -> list[str]:
    """An aligned plain-text table, indented; a cell too wide for its column wraps within it.
    A table that cannot fit even so (a narrow terminal) is printed as one block per row."""
    cells = [headers, *rows]
    for indent in (TABLE_INDENT, ""):      # the table's indent goes before it overflows
        room = None if width is None else width - len(indent)
        widths = column_widths(cells, room)
        if room is None or sum(widths) + len(COLUMN_GAP) * (len(widths) - 1) <= room:
            break
    else:
        return records(headers, rows, width)
    out: list[str] = []
    for row in cells:
        parts = [_cell_lines(c, w) for c, w in zip(row, widths)]
        for i in range(max(len(p) for p in parts)):
            line = COLUMN_GAP.join(pad(p[i] if i < len(p) else "", w) for p, w in zip(parts, widths))
            out.append((indent + line).rstrip())
    return out


def records(headers: list[str], rows: list[list[str]], width: int | None) -> list[str]:
    """Each row as a block: its first cell, then one `header  value` line per other cell."""
    label = max(display_width(h) for h in headers[1:])
    lead = TABLE_INDENT + " " * 4
    out: list[str] = []
    for row in rows:
        out.append(TABLE_INDENT + row[0])
        for header, cell in zip(headers[1:], row[1:]):
            if cell:
                first = f"{lead}{pad(header, label)}  "
                room = None if width is None else max(width - display_width(first), 12)
                lines = _cell_lines(cell, room) if room is not None else [cell]
                out += [first + lines[0], *(" " * display_width(first) + line for line in lines[1:])]
    return out


def markdown_table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A markdown table: rows stay whole (a markdown row cannot span lines)."""
    esc = [[c.replace("|", "\\|") for c in r] for r in [headers, *rows]]
    return ["| " + " | ".join(esc[0]) + " |", "|" + "|".join("---" for _ in headers) + "|",
            *("| " + " | ".join(r) + " |" for r in esc[1:])]


def format_duration(seconds: float) -> str:
    """0:07, 3:25, 1:02:03."""
    if not math.isfinite(seconds) or seconds < 0:
        return "?"
    s = int(round(seconds))
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.4g}" if math.isfinite(value) else str(value)
