"""The scene's edge hit targets, made only where they are needed once a project is big.

An EdgeItem per edge is what selection, tooltips and double-click use. With 100,000 edges those
items alone make a project slow to open, and every repaint and every node move walks them in
Qt's scene index. Up to EAGER_EDGES edges, every edge gets its item when it is added (as before);
beyond that an edge's item is made on demand: when a click, a double click or a tooltip lands
near it (a NumPy search over every segment finds it), when a rubber band encloses it, or when
code asks `scene.edge_items[edge_id]`. The mapping still lists every edge id.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Callable

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF

from nnstudio.ui.canvas.edge_items import EdgeItem
from nnstudio.ui.canvas.painters import Segment

EAGER_EDGES = 25_000            # up to this many edges, each one has its item from the start
HIT_TOLERANCE = 6.0             # scene units either side of an edge (its item's pick pen is 10 wide)
KEPT_UNUSED = 2_000             # on-demand items kept beyond the selected ones


class EdgeItems(Mapping):
    """edge id → EdgeItem for every edge of the scene; items are made on first use when the scene
    holds more than EAGER_EDGES edges. `add_to_scene` / `remove_from_scene` put items in and out
    of the QGraphicsScene; `segment_of` gives an edge's current segment (and, if it has a `many`
    method, many edges' segments as one array)."""

    def __init__(self, add_to_scene: Callable[[EdgeItem], None], remove_from_scene: Callable[[EdgeItem], None],
                 segment_of: Callable[[str], Segment], hidden: Callable[[], set[str]] = set) -> None:
        self._add_to_scene, self._remove_from_scene, self._segment_of = add_to_scene, remove_from_scene, segment_of
        self._hidden = hidden           # edges not drawn now (thinned away): never found by a click
        self._ends: dict[str, tuple[str, str]] = {}      # every edge: (source id, target id)
        self._items: dict[str, EdgeItem] = {}            # the edges that have an item now
        self._eager = True
        self._ids: list[str] = []                        # the search arrays' edge order
        self._segs: np.ndarray | None = None             # [n, 4] x1 y1 x2 y2; None: out of date

    # --- Mapping -----------------------------------------------------------------------------------
    def __getitem__(self, edge_id: str) -> EdgeItem:
        item = self._items.get(edge_id)
        if item is None:
            if edge_id not in self._ends:
                raise KeyError(edge_id)
            item = self._make(edge_id)
        return item

    def __contains__(self, edge_id: object) -> bool:
        return edge_id in self._ends

    def __iter__(self) -> Iterator[str]:
        return iter(self._ends)

    def __len__(self) -> int:
        return len(self._ends)

    # --- what the scene calls ----------------------------------------------------------------------
    @property
    def eager(self) -> bool:
        """True while every edge has its item (a project of at most EAGER_EDGES edges)."""
        return self._eager

    def made(self) -> dict[str, EdgeItem]:
        """The edges that have an item now (all of them when `eager`)."""
        return self._items

    def reset(self, ends: dict[str, tuple[str, str]]) -> None:
        """A new set of edges (the scene was cleared, so no item is left)."""
        self._ends = dict(ends)
        self._items = {}
        self._eager = len(ends) <= EAGER_EDGES
        self._segs = None
        if self._eager:
            for edge_id in self._ends:
                self._make(edge_id)

    def add(self, edge_id: str, source: str, target: str) -> None:
        self._ends[edge_id] = (source, target)
        self._segs = None
        if self._eager and len(self._ends) > EAGER_EDGES:
            self._eager = False
        if self._eager:
            self._make(edge_id)

    def remove(self, edge_id: str) -> None:
        """Forget the edge; its item, if it has one, leaves the scene."""
        self._ends.pop(edge_id, None)
        self._segs = None
        item = self._items.pop(edge_id, None)
        if item is not None:
            self._remove_from_scene(item)

    def ends(self, edge_id: str) -> tuple[str, str]:
        """(source id, target id) of the edge."""
        return self._ends[edge_id]

    def moved(self, segs: dict[str, Segment]) -> None:
        """These edges' segments changed: their items (if any) follow; searches see the new segments."""
        items = self._items
        for edge_id in segs.keys() & items.keys() if len(items) < len(segs) else items.keys() & segs.keys():
            items[edge_id].setLine(*segs[edge_id])
        self._segs = None

    # --- finding edges without items ---------------------------------------------------------------
    def make_near(self, pos: QPointF, tolerance: float = HIT_TOLERANCE) -> list[str]:
        """Give the edge nearest to `pos`, if within `tolerance`, its item (before Qt looks for
        items there). Only the nearest: where edges crowd, Qt would pick among several by
        stacking order, not by distance."""
        if self._eager or not self._ends:
            return []
        x1, y1, x2, y2 = self._arrays().T
        px, py = pos.x(), pos.y()
        dx, dy = x2 - x1, y2 - y1
        length2 = np.maximum(dx * dx + dy * dy, 1e-12)
        t = np.clip(((px - x1) * dx + (py - y1) * dy) / length2, 0.0, 1.0)
        distance = np.hypot(x1 + t * dx - px, y1 + t * dy - py)
        distance[self._hidden_mask()] = np.inf
        nearest = int(np.argmin(distance))
        return self._make_all([self._ids[nearest]]) if distance[nearest] <= tolerance else []

    def make_inside(self, rect: QRectF) -> list[str]:
        """Give every edge whose segment lies inside `rect` its item (a rubber band's edges)."""
        if self._eager or not self._ends:
            return []
        x1, y1, x2, y2 = self._arrays().T
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        inside = ((np.minimum(x1, x2) >= left) & (np.maximum(x1, x2) <= right)
                  & (np.minimum(y1, y2) >= top) & (np.maximum(y1, y2) <= bottom) & ~self._hidden_mask())
        return self._make_all([self._ids[k] for k in np.flatnonzero(inside)])

    def drop_unused(self, keep: set[str]) -> int:
        """Past KEPT_UNUSED on-demand items, drop those not in `keep` (selected ones). Returns how
        many were dropped."""
        if self._eager or len(self._items) <= KEPT_UNUSED + len(keep):
            return 0
        unused = [edge_id for edge_id in self._items if edge_id not in keep]
        for edge_id in unused:
            self._remove_from_scene(self._items.pop(edge_id))
        return len(unused)

    def _make_all(self, edge_ids: list[str]) -> list[str]:
        for edge_id in edge_ids:
            if edge_id not in self._items:
                self._make(edge_id)
        return edge_ids

    def _make(self, edge_id: str) -> EdgeItem:
        source, target = self._ends[edge_id]
        item = EdgeItem(edge_id, source, target, QLineF(*self._segment_of(edge_id)))
        self._add_to_scene(item)
        self._items[edge_id] = item
        return item

    def _hidden_mask(self) -> np.ndarray:
        hidden = self._hidden()
        if not hidden:
            return np.zeros(len(self._ids), dtype=bool)
        return np.fromiter((edge_id in hidden for edge_id in self._ids), dtype=bool, count=len(self._ids))

    def _arrays(self) -> np.ndarray:
        if self._segs is None:
            self._ids = list(self._ends)
            segment_of = self._segment_of
            many = getattr(segment_of, "many", None)        # the EdgeLayer's: all at once
            found = many(self._ids) if many is not None else [segment_of(edge_id) for edge_id in self._ids]
            self._segs = np.array(found, dtype=np.float64).reshape(-1, 4)
        return self._segs
