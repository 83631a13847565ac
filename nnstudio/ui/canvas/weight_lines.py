"""The drawn weights of an expanded dense layer: one item per (source, layer) pair draws every
W[row, unit] between the source's drawn units and the layer's, coloured by sign and strength
(the layer's largest |w| is full strength), as a few batched paths: one per colour step, not an
item per weight. Zoomed out, the LineBatch draws them as a coarse image made from which lines
cross each pixel (line_picture.py): a training run's recolour of 100,000 weights is then one
array reduction (~10 ms), not 100,000 lines drawn again (~55 ms).
A click near a line finds W[row, unit] with one NumPy search (`nearest`).
"""
from __future__ import annotations

import math
import time

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnstudio.ui.canvas.items import NEGATIVE, POSITIVE
from nnstudio.ui.canvas.line_batch import EdgeStyle, LineBatch, pairs_path

Z_WEIGHT_LINES = -0.9        # over the edge layer, under the edge hit targets and the nodes
STEPS = 6                    # strength steps per sign
_EMPTY = QPainterPath()


def _step_style(negative: bool, step: int, nudge: int) -> EdgeStyle:
    """Strong weights: saturated and wide; weak ones: pale and thin (opaque: the raster engine
    blends 100,000 translucent lines several times slower). `nudge` widens the pen by a
    thousandth of a unit per step: it only orders equal looks (see STYLES)."""
    end = NEGATIVE if negative else POSITIVE
    share = (step + 1) / STEPS
    colour = QColor(round(255 + (end.red() - 255) * share), round(255 + (end.green() - 255) * share),
                    round(255 + (end.blue() - 255) * share))
    return EdgeStyle(colour.name(), round(0.4 + 1.8 * share * share, 3) + 0.001 * nudge)


# Lines are drawn a style at a time, thin to wide, so at each strength one sign would always end on
# top (zoomed out, a field of one colour). Each strength has four styles instead, drawn in the
# order (+, even rows) (−, even rows) (−, odd rows) (+, odd rows): either sign is on top half the
# time. Code = 4 × step + group.
GROUPS = ((False, 0), (True, 1), (True, 2), (False, 3))      # (negative, nudge), the drawing order
STYLES = [_step_style(negative, step, nudge) for step in range(STEPS) for negative, nudge in GROUPS]


def style_codes(values: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Each line's code into STYLES, from its weight (strength relative to the largest) and row."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64), nan=0.0)
    limit = float(np.max(np.abs(values))) if len(values) else 0.0
    step = np.minimum((np.abs(values) / (limit or 1.0) * STEPS).astype(np.int64), STEPS - 1)
    negative, odd = values < 0, (np.asarray(rows) & 1).astype(bool)
    group = np.where(negative, np.where(odd, 2, 1), np.where(odd, 3, 0))
    return 4 * step + group


WEIGHT_PIXEL_BUDGET = 1_000_000     # pixels of aliased weight lines at full resolution at most
WEIGHT_MAX_DIVISOR = 8              # zoomed out, weights may be drawn at an eighth of the resolution
MOVING_LINES = 1_000     # while its layer is dragged, only this many of the strongest lines follow it
FEW_LINES = 20_000       # up to this many lines, and
FEW_PIXELS = 1_500_000   # this many pixels of them on screen, they are stroked antialiased and translucent


def _translucent_pen(style: EdgeStyle) -> QPen:
    """A few thousand lines cross each other less harshly half see-through, and stay smooth."""
    colour = QColor(style.colour)
    colour.setAlpha(160)
    pen = QPen(colour, style.width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


TRANSLUCENT = [_translucent_pen(style) for style in STYLES]


class WeightLines(QGraphicsItem):
    """`rows` and `units` (N,) say which W entry each line draws; `set_segments` places them and
    `set_weights` colours them (W of the whole layer, indexed [rows, units])."""

    def __init__(self, node_id: str, rows: np.ndarray, units: np.ndarray) -> None:
        super().__init__()
        self.node_id = node_id
        self.source_id = ""                    # the node the lines come from (set by the scene)
        self.row_offset = 0                    # W's row of the source's first unit
        self.rows = np.asarray(rows, dtype=np.int64)
        self.units = np.asarray(units, dtype=np.int64)
        self.segs = np.zeros((len(self.rows), 4))
        self.values = np.zeros(len(self.rows))
        self.share = 1.0                       # the strongest share drawn (View ▸ Edges thinning)
        self.moving = False                    # an end is being dragged: draw the strongest few
        self._order: np.ndarray | None = None  # line indices, strongest first (for the two above)
        self.batch = LineBatch()
        # 100,000 weights zoomed out are a haze of colour: drawn coarser than edges, sooner
        self.batch.pixel_budget, self.batch.max_divisor = WEIGHT_PIXEL_BUDGET, WEIGHT_MAX_DIVISOR
        self._placed = False                                # the batch has the current segments
        self._hidden_before = False                         # the batch hides some lines
        self.paint_seconds = 0.0                            # what the last paint took
        self._few: list[tuple[QPen, QPainterPath]] = []   # the paths of a few lines, drawn here
        self._length = 0.0                                  # of all the lines, in scene units
        self._bounds = QRectF()
        self._dirty = True
        self.setZValue(Z_WEIGHT_LINES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_segments(self, segs: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.segs = np.asarray(segs, dtype=np.float64).reshape(-1, 4)
        self._length = float(np.hypot(self.segs[:, 2] - self.segs[:, 0], self.segs[:, 3] - self.segs[:, 1]).sum())
        self._placed = False
        self._touch()

    def set_weights(self, W: np.ndarray) -> None:
        W = np.asarray(W, dtype=np.float64)
        self.values = W[self.rows, self.units] if W.ndim == 2 and len(self.rows) else np.zeros(len(self.rows))
        self._order = None
        self._touch()

    def set_share(self, share: float) -> None:
        if share != self.share:
            self.share = share
            self._touch()

    def set_moving(self, moving: bool) -> None:
        """While a layer with 100,000 lines is dragged, only its strongest MOVING_LINES lines
        follow it (each frame redraws every moved line); all of them come back on release."""
        if moving != self.moving:
            self.moving = moving
            self._touch()

    def shown(self) -> np.ndarray:
        """Which lines are drawn: all, or the strongest `share` of them (and of MOVING_LINES
        while moving)."""
        count = len(self.values)
        kept = math.ceil(self.share * count) if self.share < 1.0 else count
        if self.moving:
            kept = min(kept, MOVING_LINES)
        mask = np.ones(count, dtype=bool)
        if kept < count:
            if self._order is None:
                self._order = np.argsort(-np.nan_to_num(np.abs(self.values), nan=0.0), kind="stable")
            mask[:] = False
            mask[self._order[:kept]] = True
        return mask

    def nearest(self, pos: QPointF, tolerance: float) -> int | None:
        """The index of the drawn line nearest to `pos` when within `tolerance`, else None."""
        if not len(self.segs):
            return None
        x1, y1, x2, y2 = self.segs.T
        dx, dy = x2 - x1, y2 - y1
        length2 = np.maximum(dx * dx + dy * dy, 1e-12)
        t = np.clip(((pos.x() - x1) * dx + (pos.y() - y1) * dy) / length2, 0.0, 1.0)
        distance = np.hypot(x1 + t * dx - pos.x(), y1 + t * dy - pos.y())
        distance[~self.shown()] = np.inf
        k = int(np.argmin(distance))
        return k if distance[k] <= tolerance else None

    def _touch(self) -> None:
        self._dirty = True
        self.update()

    def _rebuild(self) -> None:
        """Hand the lines and their style codes to the batch (the paths are made when painted)."""
        self._dirty = False
        codes = style_codes(self.values, self.rows)
        if not self._placed:        # a recolour keeps the geometry (and the batch's culling)
            self.batch.set_segments(self.segs)
            self._placed = True
        self.batch.set_codes(codes, STYLES)
        shown = self.shown()
        hidden = None if shown.all() else ~shown
        if hidden is not None or self._hidden_before:
            self.batch.set_hidden(hidden)
        self._hidden_before = hidden is not None
        self._bounds = self.batch.bounds()
        self._few = []
        if len(self.segs) <= FEW_LINES:     # weak first, so strong weights end on top
            for code in range(len(STYLES)):         # STYLES is in drawing order
                pick = shown & (codes == code)
                if pick.any():
                    self._few.append((TRANSLUCENT[code], pairs_path(self.segs[pick])))

    def boundingRect(self) -> QRectF:   # noqa: N802
        if self._dirty:
            self._rebuild()
        return self._bounds

    def shape(self) -> QPainterPath:
        return _EMPTY

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        start = time.perf_counter()
        try:
            self._paint(painter, option)
        finally:
            self.paint_seconds = time.perf_counter() - start

    def _paint(self, painter: QPainter, option: QStyleOptionGraphicsItem) -> None:
        self.boundingRect()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if len(self.segs) > FEW_LINES or self._length * lod > FEW_PIXELS:
            self.batch.paint(painter, option)       # its level of detail keeps 100,000 lines quick
            return
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self._few:
            painter.setPen(pen)
            painter.drawPath(path)
