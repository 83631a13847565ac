"""The EdgeLayer's edges as rows of NumPy arrays: each edge id gets a row once, and a restyle,
a move or thinning is then array work over rows, not a Python loop over 100,000 edges."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from nnstudio.ui.canvas.line_batch import EdgeStyle, Segment
from nnstudio.ui.canvas.line_math import grown


class EdgeRows:
    """edge id → row, and per row: `segs` (x1, y1, x2, y2), `codes` (index into `table`, -1 for
    a removed edge's row), `strength` (|weight|, for thinning) and `ranked` (False: the edge has
    no weight and is never thinned away). The arrays have spare rows at their ends: rows
    `len(self)` and beyond are unused. A removed edge's row stays, unused, until `compact`."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.ids: list[str | None] = []          # row → edge id (None: removed)
        self.segs = np.zeros((0, 4), dtype=np.float64)
        self.codes = np.zeros(0, dtype=np.int64)
        self.strength = np.zeros(0, dtype=np.float64)
        self.ranked = np.zeros(0, dtype=bool)
        self.table: list[EdgeStyle] = []         # every style seen (a few dozen)
        self._code_of: dict[EdgeStyle, int] = {}
        self.layout = 0                          # changes when `compact` renumbers the rows

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, edge_id: object) -> bool:
        return edge_id in self.index

    def rows_of(self, edge_ids: list[str]) -> np.ndarray:
        """Each edge's row (-1 for an edge without one)."""
        index = self.index
        return np.fromiter((index.get(edge_id, -1) for edge_id in edge_ids), np.int64, len(edge_ids))

    def add(self, edge_ids: Iterable[str]) -> None:
        """Rows for the edges that have none yet (at the end: rows follow the order edges came in)."""
        new = [edge_id for edge_id in dict.fromkeys(edge_ids) if edge_id not in self.index]
        if not new:
            return
        start = len(self.ids)
        need = start + len(new)
        if need > len(self.segs):                # grow by half at least: edges come one by one too
            size = max(need, len(self.segs) * 3 // 2, 64)
            self.segs = grown(self.segs, size, np.nan)
            self.codes = grown(self.codes, size, -1)
            self.strength = grown(self.strength, size, 0.0)
            self.ranked = grown(self.ranked, size, False)
        self.index.update(zip(new, range(start, need)))
        self.ids.extend(new)

    def remove(self, edge_id: str) -> None:
        row = self.index.pop(edge_id, None)
        if row is not None:
            self.ids[row] = None
            self.codes[row] = -1
            self.ranked[row] = False

    def code(self, style: EdgeStyle) -> int:
        """`style`'s index in `table` (added when new)."""
        code = self._code_of.get(style)
        if code is None:
            code = self._code_of[style] = len(self.table)
            self.table.append(style)
        return code

    def codes_of(self, styles: list[EdgeStyle]) -> np.ndarray:
        code = self.code
        return np.fromiter((code(style) for style in styles), np.int64, len(styles))

    def compact(self) -> bool:
        """Renumber the rows without the removed edges' once those are most of them."""
        removed = len(self.ids) - len(self.index)
        if removed <= 1024 or removed <= len(self.index):
            return False
        keep = np.flatnonzero(np.fromiter((edge_id is not None for edge_id in self.ids), bool, len(self.ids)))
        self.ids = [self.ids[row] for row in keep.tolist()]
        self.index = {edge_id: row for row, edge_id in enumerate(self.ids)}
        self.segs, self.codes = self.segs[keep], self.codes[keep]
        self.strength, self.ranked = self.strength[keep], self.ranked[keep]
        self.layout += 1
        return True


class SegmentLookup:
    """An edge's segment by id (called like a function), or `many` edges' at once as an array:
    the EdgeItems search arrays are built from 100,000 segments in one step so."""

    def __init__(self, rows: EdgeRows) -> None:
        self._rows = rows

    def __call__(self, edge_id: str) -> Segment:
        return tuple(self._rows.segs[self._rows.index[edge_id]].tolist())

    def many(self, edge_ids: list[str]) -> np.ndarray:
        """(len(edge_ids), 4) segments; KeyError for an edge without a row."""
        rows = self._rows.rows_of(edge_ids)
        if len(rows) and rows.min() < 0:
            raise KeyError(edge_ids[int(np.argmin(rows))])
        return self._rows.segs[rows]
