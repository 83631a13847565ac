"""Bulk painters: one item draws every edge, another every node when zoomed far out.

A QGraphicsItem per edge that paints itself costs a Python call per edge per frame; 20,000 of
them cannot repaint in 50 ms. These painters keep a few cached QPainterPaths (one per pen and
brush), rebuilt lazily after changes, and draw each with a single call; the edges' paths come
from a LineBatch (line_batch.py), which also picks how to draw them by the zoom.
"""
from __future__ import annotations

import math
import time

import numpy as np
from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmapCache, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnstudio.ui.canvas.edge_rows import EdgeRows, SegmentLookup
from nnstudio.ui.canvas.line_batch import EdgeStyle, LineBatch, Segment, arrow, edge_pen
from nnstudio.ui.canvas.line_math import weakest
from nnstudio.ui.canvas.items import BACKGROUND, FAR_PENS, GRID_DOT, INPUT_HALF, LAYER_H, LAYER_W, NEURON_R, WHITE, kit

if TYPE_CHECKING:
    from nnstudio.ui.canvas.items import NodeItem

GRID = 24.0                                # scene units between grid dots at 100 %
Z_EDGE_LAYER, Z_NODE_LAYER = -1.0, 0.5     # under the edge hit targets (0) / under the nodes (1)
_EMPTY = QPainterPath()
# The edge layer's picture is kept as a pixmap of the view (QGraphicsItem's device cache): a
# 4K viewport needs ~33 MB, more than Qt's default pixmap cache of 10 MB, and an evicted picture
# of 100,000 edges costs half a second to paint again.
PIXMAP_CACHE_KB = 160 * 1024


def _seg_rect(seg: Segment) -> QRectF:
    x1, y1, x2, y2 = seg
    return QRectF(min(x1, x2) - 12, min(y1, y2) - 12, abs(x2 - x1) + 24, abs(y2 - y1) + 24)


class _Layer(QGraphicsItem):
    """Never a hit target (empty shape, no buttons): clicks and tooltips reach the items."""

    def __init__(self, z: float) -> None:
        super().__init__()
        self.setZValue(z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._bounds = QRectF()
        self._dirty = False

    def _touch(self) -> None:
        """Call before changing what is drawn; the paths are rebuilt when next needed."""
        if not self._dirty:
            self.prepareGeometryChange()
            self._dirty = True

    def _rebuild(self) -> None:
        raise NotImplementedError

    def boundingRect(self) -> QRectF:   # noqa: N802 (Qt name)
        if self._dirty:
            self._rebuild()
            self._dirty = False
        return self._bounds

    def shape(self) -> QPainterPath:
        return _EMPTY


class EdgeLayer(_Layer):
    """Paints every edge, through one LineBatch (line_batch.py: NumPy arrays, a few paths, level
    of detail). Its picture is cached at screen resolution: a repaint without a change to the
    edges or the zoom copies a pixmap instead of stroking 100,000 lines. Edges touching nodes
    being dragged are 'live': a child item (LiveEdges, not cached) draws them one by one from
    their current segment, so a drag neither rebuilds the big paths nor repaints them."""

    def __init__(self) -> None:
        super().__init__(Z_EDGE_LAYER)
        self.setVisible(False)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        # Every edge's segment, style and |weight| (thinning: with share < 1 only the strongest
        # share of the weighted edges is drawn; edges without a weight always are).
        self.rows = EdgeRows()
        self.segment = SegmentLookup(self.rows)     # segment(edge_id), or segment.many(edge_ids)
        self._live: set[str] = set()
        self.share = 1.0
        self._thinned = np.zeros(0, dtype=bool)   # the rows thinning hid at the last rebuild
        self._hidden_ids: set[str] | None = None  # the same as edge ids, made when asked
        self.batch = LineBatch()
        self.live_edges = LiveEdges(self)
        self.paint_seconds = 0.0            # what the last full paint took (live.py paces restyles by it)

    def set_edges(self, segs: dict[str, Segment], styles: dict[str, EdgeStyle],
                  strengths: dict[str, float | None] | None = None) -> None:
        """Add or replace edges (one call for a whole project)."""
        self._touch()
        rows = self.rows
        rows.add(segs)
        if segs:
            rows.segs[rows.rows_of(list(segs))] = np.array(list(segs.values()), dtype=np.float64).reshape(-1, 4)
        styled = [edge_id for edge_id in styles if edge_id in rows]
        rows.codes[rows.rows_of(styled)] = rows.codes_of([styles[edge_id] for edge_id in styled])
        self.set_strengths(strengths or {})
        self.setVisible(bool(rows.index))     # hidden when empty: no null rect among the items

    def set_strengths(self, strengths: dict[str, float | None]) -> None:
        """|weight| per edge (None: no weight, always drawn); matters only while thinning."""
        known = [edge_id for edge_id in strengths if edge_id in self.rows]
        values = [strengths[edge_id] for edge_id in known]
        index = self.rows.rows_of(known)
        self.rows.ranked[index] = np.fromiter((v is not None for v in values), bool, len(values))
        self.rows.strength[index] = np.fromiter((0.0 if v is None else v for v in values), np.float64, len(values))
        if self.share < 1.0 and strengths:
            self._touch()
            self.update()

    def set_strength_rows(self, index: np.ndarray, strengths: np.ndarray) -> None:
        """`set_strengths` by rows (`rows.rows_of`) at once: a training snapshot's |weights|.
        Rows below 0 (no such edge) are skipped."""
        drawn = index >= 0
        index = index[drawn]
        self.rows.ranked[index] = True
        self.rows.strength[index] = np.asarray(strengths)[drawn]
        if self.share < 1.0 and len(index):
            self._touch()
            self.update()

    def hidden_edges(self) -> set[str]:
        """The weighted edges thinning hides now (none while `share` is 1)."""
        self.boundingRect()         # rebuilds if needed
        if self._hidden_ids is None:
            ids = self.rows.ids
            self._hidden_ids = {ids[k] for k in np.flatnonzero(self._thinned).tolist()}
        return self._hidden_ids

    def set_share(self, share: float) -> None:
        """Draw only the strongest `share` (0–1] of the weighted edges."""
        share = min(1.0, max(0.0, float(share)))
        if share != self.share:
            self.share = share
            self._touch()
            self.update()

    def style(self, edge_id: str) -> EdgeStyle:
        """How the edge is drawn now."""
        return self.rows.table[self.rows.codes[self.rows.index[edge_id]]]

    def set_style(self, edge_id: str, style: EdgeStyle) -> None:
        self.set_styles({edge_id: style})

    def set_styles(self, styles: dict[str, EdgeStyle]) -> None:
        """Restyle many edges at once."""
        known = [edge_id for edge_id in styles if edge_id in self.rows]
        self.set_style_codes(self.rows.rows_of(known), self.rows.codes_of([styles[e] for e in known]), self.rows.table)

    def set_style_codes(self, index: np.ndarray, codes: np.ndarray, table: list[EdgeStyle]) -> None:
        """Restyle rows (`rows.rows_of`) at once: row index[k] gets table[codes[k]] (a training
        snapshot's weights, from looks.weight_style_codes). Rows below 0 (no such edge) are skipped."""
        own = self.rows.codes_of(table)
        drawn = index >= 0
        index, new = index[drawn], own[codes[drawn]] if len(codes) else np.zeros(0, dtype=np.int64)
        if np.any(self.rows.codes[index] != new):
            self._touch()
            self.rows.codes[index] = new
            self.update()

    def set_segments(self, segs: dict[str, Segment]) -> None:
        """Many edges moved (a node's, while it is dragged): live ones repaint once, as one area."""
        live, rows = self._live, self.rows
        if not segs.keys() <= live:
            self._touch()
        known = [edge_id for edge_id in segs if edge_id in rows]
        index = rows.rows_of(known)
        new = np.array([segs[edge_id] for edge_id in known], dtype=np.float64).reshape(-1, 4)
        moving = np.fromiter((edge_id in live for edge_id in known), bool, len(known))
        ends = np.concatenate([rows.segs[index[moving]], new[moving]])
        rows.segs[index] = new          # live rows are not in the batch's paths: no rebuild for them
        if len(ends):
            xs, ys = ends[:, 0::2], ends[:, 1::2]
            left, top = float(xs.min()) - 12, float(ys.min()) - 12
            self.live_edges.moved(QRectF(left, top, float(xs.max()) + 12 - left, float(ys.max()) + 12 - top))

    def remove(self, edge_id: str) -> None:
        self._touch()
        self.rows.remove(edge_id)
        self._live.discard(edge_id)
        self.setVisible(bool(self.rows.index))

    def set_live(self, edge_ids: set[str]) -> None:
        self._touch()
        self._live = set(edge_ids) & self.rows.index.keys()
        self.live_edges.reset([_seg_rect(self.segment(e)) for e in self._live])

    def live_lines(self) -> dict[EdgeStyle, list[QLineF]]:
        """The live edges by style, as LiveEdges draws them."""
        lines: dict[EdgeStyle, list[QLineF]] = {}
        rows, thinned = self.rows, self._thinned
        for edge_id in self._live:
            row = rows.index[edge_id]
            if row >= len(thinned) or not thinned[row]:
                lines.setdefault(rows.table[rows.codes[row]], []).append(QLineF(*rows.segs[row].tolist()))
        return lines

    def _rebuild(self) -> None:
        rows = self.rows
        rows.compact()
        count = len(rows)
        drawn = rows.codes[:count] >= 0
        self._thinned = weakest(rows.strength[:count], rows.ranked[:count] & drawn, self.share)
        self._hidden_ids = None
        hidden = self._thinned | ~drawn
        hidden[rows.rows_of(list(self._live))] = True
        batch = self.batch
        batch.set_segments(rows.segs[:count])
        batch.set_codes(rows.codes[:count], rows.table)
        batch.set_hidden(hidden)
        self._bounds = batch.bounds()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        start = time.perf_counter()
        self.boundingRect()      # rebuilds if needed
        self.batch.paint(painter, option)
        self.paint_seconds = time.perf_counter() - start


class LiveEdges(QGraphicsItem):
    """The edges of the nodes being dragged, drawn one by one over the (cached) EdgeLayer, its
    parent. Only this item repaints while they move."""

    def __init__(self, layer: EdgeLayer) -> None:
        super().__init__(layer)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self._layer = layer
        self._bounds = QRectF()

    def reset(self, rects: list[QRectF]) -> None:
        self.prepareGeometryChange()
        self._bounds = QRectF()
        for rect in rects:
            self._bounds = self._bounds.united(rect)
        self.update()

    def moved(self, area: QRectF) -> None:
        """Live edges moved within `area` (where they were and where they are now)."""
        if not self._bounds.contains(area):
            self.prepareGeometryChange()
            self._bounds = self._bounds.united(area)
        self.update(area)

    def boundingRect(self) -> QRectF:   # noqa: N802 (Qt name)
        return self._bounds

    def shape(self) -> QPainterPath:
        return _EMPTY

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lines = self._layer.live_lines()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for style, group in sorted(lines.items(), key=lambda kv: (kv[0].width, kv[0].colour)):
            painter.setPen(edge_pen(style))
            painter.drawLines(group)        # one call per style: a dragged neuron may have 800 edges
        painter.setPen(Qt.PenStyle.NoPen)
        for style, group in lines.items():
            if style.arrow:
                painter.setBrush(QColor(style.colour))
                for line in group:
                    painter.drawPolygon(arrow((line.x1(), line.y1(), line.x2(), line.y2())))


class NodeLayer(_Layer):
    """Zoomed far out, paints every node as a flat shape (the NodeItems then paint nothing).
    It reads positions, looks and states from the scene's NodeItems when it rebuilds."""

    DOT_PX = 8.0     # below this on-screen size a node is a plain square dot

    def __init__(self, node_items: dict[str, "NodeItem"]) -> None:
        super().__init__(Z_NODE_LAYER)
        self._items = node_items
        self._active = False
        self._groups: list[tuple[QPen, QBrush, QBrush, QPainterPath, list[QRectF]]] = []

    def set_active(self, active: bool) -> None:
        if active != self._active:
            self.prepareGeometryChange()
            self._active = active
            self._dirty = active
        self.setVisible(active)

    def invalidate(self) -> None:
        """Something about the nodes changed (cheap when inactive: nothing is rebuilt)."""
        if self._active:
            self._touch()
            self.update()

    def boundingRect(self) -> QRectF:   # noqa: N802
        return super().boundingRect() if self._active else QRectF()

    def _rebuild(self) -> None:
        shapes: dict[tuple[str, str, str], tuple[QPainterPath, list[QRectF]]] = {}
        for item in self._items.values():
            if not item.drawn_by_layer_when_far:
                continue        # an expanded layer draws its units itself
            look = item.look
            key = (look.form, look.accent, "accent" if item.isSelected() else item.problem)
            if key not in shapes:
                shapes[key] = (QPainterPath(), [])
            path, rects = shapes[key]
            pos = item.pos()
            x, y = pos.x(), pos.y()
            if look.form == "neuron":
                path.addEllipse(QPointF(x, y), NEURON_R, NEURON_R)
                rects.append(QRectF(x - NEURON_R, y - NEURON_R, 2 * NEURON_R, 2 * NEURON_R))
            else:
                w, h = (LAYER_W, LAYER_H) if look.form == "layer" else (2 * INPUT_HALF, 2 * INPUT_HALF)
                path.addRoundedRect(x - w / 2, y - h / 2, w, h, 9, 9)
                rects.append(QRectF(x - w / 2, y - h / 2, w, h))
        self._groups = []
        bounds = QRectF()
        # selected and flagged nodes last, so they are on top
        for (form, accent, state), (path, rects) in sorted(shapes.items(), key=lambda kv: bool(kv[0][2])):
            look_kit = kit(accent)
            pen = FAR_PENS[state] if state else look_kit.far_pen
            dot = QBrush(pen.color())
            self._groups.append((pen, WHITE if form == "layer" else look_kit.far_fill, dot, path, rects))
            bounds = bounds.united(path.controlPointRect().adjusted(-4, -4, 4, 4))
        self._bounds = bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._active:
            return
        self.boundingRect()
        # Filling a path of thousands of antialiased shapes is slow (≈25 ms for 2,000); tiny
        # nodes are drawn as plain rectangles instead, which costs about 1 ms.
        dots = 2 * NEURON_R * option.levelOfDetailFromTransform(painter.worldTransform()) < self.DOT_PX
        if dots:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setPen(Qt.PenStyle.NoPen)
        for pen, brush, dot, path, rects in self._groups:
            if dots:
                painter.setBrush(dot)
                painter.drawRects(rects)
            else:
                painter.setPen(pen)
                painter.setBrush(brush)
                painter.drawPath(path)
        if dots:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)


def draw_grid(painter: QPainter, rect: QRectF, scale: float) -> None:
    """The canvas background: a soft dotted grid that thins out as the view zooms out."""
    painter.fillRect(rect, BACKGROUND)
    step = GRID
    while step * scale < 16:       # keep dots at least 16 px apart on screen
        step *= 2
    x0, y0 = math.floor(rect.left() / step) * step, math.floor(rect.top() / step) * step
    nx, ny = int((rect.right() - x0) / step) + 1, int((rect.bottom() - y0) / step) + 1
    if nx * ny > 40_000:
        return
    pen = QPen(GRID_DOT, 2.0)
    pen.setCosmetic(True)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPoints(QPolygonF([QPointF(x0 + i * step, y0 + j * step) for j in range(ny) for i in range(nx)]))
