"""Bulk painters: one item draws every edge, another every node when zoomed far out.

A QGraphicsItem per edge that paints itself costs a Python call per edge per frame; 20,000 of
them cannot repaint in 50 ms. These painters keep a few cached QPainterPaths (one per pen and
brush), rebuilt lazily after changes, and draw each with a single call.
"""
from __future__ import annotations

import math
import time

import numpy as np
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPixmapCache, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnstudio.ui.canvas.items import BACKGROUND, FAR_PENS, GRID_DOT, INPUT_HALF, LAYER_H, LAYER_W, NEURON_R, WHITE, kit

if TYPE_CHECKING:
    from nnstudio.ui.canvas.items import NodeItem

GRID = 24.0                                # scene units between grid dots at 100 %
Z_EDGE_LAYER, Z_NODE_LAYER = -1.0, 0.5     # under the edge hit targets (0) / under the nodes (1)
Segment = tuple[float, float, float, float]     # x1, y1, x2, y2: cheaper than QLineF in bulk
_EMPTY = QPainterPath()
# The edge layer's picture is kept as a pixmap of the view (QGraphicsItem's device cache): a
# 4K viewport needs ~33 MB, more than Qt's default pixmap cache of 10 MB, and an evicted picture
# of 100,000 edges costs half a second to paint again.
PIXMAP_CACHE_KB = 160 * 1024


class EdgeStyle(NamedTuple):
    """How the EdgeLayer strokes one edge; equal styles share one path and pen. (A NamedTuple,
    not a dataclass: 20,000 of them are made when a big project opens.)"""
    colour: str
    width: float
    dashed: bool = False
    arrow: bool = False


@lru_cache(maxsize=None)
def edge_pen(style: EdgeStyle) -> QPen:
    # Opaque and flat-capped on purpose: translucent or round-capped strokes make the raster
    # engine 4–25× slower on a path of thousands of lines.
    pen = QPen(QColor(style.colour), style.width, Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def arrow(seg: Segment, size: float = 9.0) -> QPolygonF:
    """A filled arrowhead with its tip on the segment's end."""
    x1, y1, x2, y2 = seg
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1e-6:
        return QPolygonF()
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by, half = x2 - ux * size, y2 - uy * size, size * 0.5
    return QPolygonF([QPointF(x2, y2), QPointF(bx - uy * half, by + ux * half),
                      QPointF(bx + uy * half, by - ux * half)])


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
    """Paints every edge. Its picture is cached at screen resolution: a repaint without a change
    to the edges or the zoom copies a pixmap instead of stroking 100,000 lines. Edges touching
    nodes being dragged are 'live': a child item (LiveEdges, not cached) draws them one by one
    from their current segment, so a drag neither rebuilds the big paths nor repaints them."""

    def __init__(self) -> None:
        super().__init__(Z_EDGE_LAYER)
        self.setVisible(False)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self._segs: dict[str, Segment] = {}
        self._styles: dict[str, EdgeStyle] = {}
        self._live: set[str] = set()
        # |weight| of weighted edges, for thinning: with share < 1 only the strongest share of
        # them is drawn (edges without a weight always are).
        self._strengths: dict[str, float] = {}
        self.share = 1.0
        self._hidden: set[str] = set()       # the edges thinned away at the last rebuild
        self._paths: list[tuple[QPen, QPainterPath]] = []
        self._arrows: list[tuple[QBrush, QPainterPath]] = []
        self.live_edges = LiveEdges(self)
        self.paint_seconds = 0.0            # what the last full paint took (live.py paces restyles by it)

    def set_edges(self, segs: dict[str, Segment], styles: dict[str, EdgeStyle],
                  strengths: dict[str, float | None] | None = None) -> None:
        """Add or replace edges (one call for a whole project)."""
        self._touch()
        self._segs.update(segs)
        self._styles.update(styles)
        self.set_strengths(strengths or {})
        self.setVisible(bool(self._segs))     # hidden when empty: no null rect among the items

    def set_strengths(self, strengths: dict[str, float | None]) -> None:
        """|weight| per edge (None: no weight, always drawn); matters only while thinning."""
        for edge_id, strength in strengths.items():
            if strength is None:
                self._strengths.pop(edge_id, None)
            else:
                self._strengths[edge_id] = strength
        if self.share < 1.0 and strengths:
            self._touch()
            self.update()

    def hidden_edges(self) -> set[str]:
        """The weighted edges thinning hides now (none while `share` is 1)."""
        self.boundingRect()         # rebuilds if needed
        return self._hidden

    def set_share(self, share: float) -> None:
        """Draw only the strongest `share` (0–1] of the weighted edges."""
        share = min(1.0, max(0.0, float(share)))
        if share != self.share:
            self.share = share
            self._touch()
            self.update()

    def segment(self, edge_id: str) -> Segment:
        return self._segs[edge_id]

    def set_style(self, edge_id: str, style: EdgeStyle) -> None:
        if self._styles.get(edge_id) != style:
            self._touch()
            self._styles[edge_id] = style
            self.update()

    def set_styles(self, styles: dict[str, EdgeStyle]) -> None:
        """Restyle many edges at once (a training snapshot's weights)."""
        if any(self._styles.get(edge_id) != style for edge_id, style in styles.items()):
            self._touch()
            self._styles.update(styles)
            self.update()

    def set_segments(self, segs: dict[str, Segment]) -> None:
        """Many edges moved (a node's, while it is dragged): live ones repaint once, as one area."""
        live = self._live
        if not segs.keys() <= live:
            self._touch()
        ends: list[float] = []
        old = self._segs
        for edge_id, seg in segs.items():
            if edge_id in live:
                ends += old[edge_id]
                ends += seg
            old[edge_id] = seg
        if ends:
            xs, ys = ends[0::2], ends[1::2]
            left, top = min(xs) - 12, min(ys) - 12
            self.live_edges.moved(QRectF(left, top, max(xs) + 12 - left, max(ys) + 12 - top))

    def remove(self, edge_id: str) -> None:
        self._touch()
        self._segs.pop(edge_id, None)
        self._styles.pop(edge_id, None)
        self._strengths.pop(edge_id, None)
        self._live.discard(edge_id)
        self.setVisible(bool(self._segs))

    def set_live(self, edge_ids: set[str]) -> None:
        self._touch()
        self._live = set(edge_ids) & self._segs.keys()
        self.live_edges.reset([_seg_rect(self._segs[e]) for e in self._live])

    def live_lines(self) -> dict[EdgeStyle, list[QLineF]]:
        """The live edges by style, as LiveEdges draws them."""
        segs, styles, hidden = self._segs, self._styles, self._hidden
        lines: dict[EdgeStyle, list[QLineF]] = {}
        for edge_id in self._live:
            if edge_id not in hidden:
                lines.setdefault(styles[edge_id], []).append(QLineF(*segs[edge_id]))
        return lines

    def _thinned(self) -> set[str]:
        """The weighted edges outside the strongest `share` of them (ties broken by edge order)."""
        if self.share >= 1.0 or not self._strengths:
            return set()
        ids = list(self._strengths)
        strengths = np.nan_to_num(np.fromiter(self._strengths.values(), np.float64, len(ids)), nan=0.0)
        kept = math.ceil(self.share * len(ids))
        order = np.argsort(-strengths, kind="stable")
        return {ids[k] for k in order[kept:]}

    def _rebuild(self) -> None:
        paths: dict[EdgeStyle, QPainterPath] = {}
        arrows: dict[str, QPainterPath] = {}
        self._hidden = self._thinned()
        live, styles = self._live | self._hidden, self._styles
        for edge_id, (x1, y1, x2, y2) in self._segs.items():
            if edge_id in live:
                continue
            style = styles[edge_id]
            path = paths.get(style)
            if path is None:
                path = paths[style] = QPainterPath()
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
            if style.arrow:
                arrows.setdefault(style.colour, QPainterPath()).addPolygon(arrow((x1, y1, x2, y2)))
        # thin edges first, so the strongest weights end up on top
        ordered = sorted(paths.items(), key=lambda kv: (kv[0].width, kv[0].colour))
        self._paths = [(edge_pen(style), path) for style, path in ordered]
        self._arrows = [(QBrush(QColor(colour)), path) for colour, path in arrows.items()]
        bounds = QRectF()
        for _, path in self._paths:
            bounds = bounds.united(path.controlPointRect().adjusted(-12, -12, 12, 12))
        self._bounds = bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        start = time.perf_counter()
        self.boundingRect()      # rebuilds if needed
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self._paths:
            painter.setPen(pen)
            painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, path in self._arrows:
            painter.setBrush(brush)
            painter.drawPath(path)
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
