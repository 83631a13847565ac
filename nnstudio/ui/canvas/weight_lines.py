"""The drawn weights of an expanded dense layer: one item per (source, layer) pair draws every
W[row, unit] between the source's drawn units and the layer's, coloured by sign and strength
(the layer's largest |w| is full strength), as a few batched paths: one per colour step, not an
item per weight. A click near a line finds W[row, unit] with one NumPy search (`nearest`).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph.functions as pgfn
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from nnstudio.ui.canvas.items import NEGATIVE, POSITIVE

Z_WEIGHT_LINES = -0.9        # over the edge layer, under the edge hit targets and the nodes
STEPS = 6                    # strength steps per sign: 12 paths in all
MANY_LINES = 20_000          # past this, lines zoomed out are drawn without antialiasing
_EMPTY = QPainterPath()


def _step_pen(negative: bool, step: int, opaque: bool) -> QPen:
    """Strong weights: saturated and wide; weak ones: pale and thin. Translucent where there are
    few enough lines (the raster engine blends 100,000 lines several times slower)."""
    end = NEGATIVE if negative else POSITIVE
    share = (step + 1) / STEPS
    colour = QColor(round(255 + (end.red() - 255) * share), round(255 + (end.green() - 255) * share),
                    round(255 + (end.blue() - 255) * share), 255 if opaque else 150)
    pen = QPen(colour, 0.4 + 1.8 * share * share)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


_PENS = {opaque: [[_step_pen(negative, step, opaque) for step in range(STEPS)] for negative in (False, True)]
         for opaque in (False, True)}


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
        self._paths: list[tuple[QPen, QPainterPath]] = []
        self._bounds = QRectF()
        self._dirty = True
        self.setZValue(Z_WEIGHT_LINES)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_segments(self, segs: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.segs = np.asarray(segs, dtype=np.float64).reshape(-1, 4)
        self._touch()

    def set_weights(self, W: np.ndarray) -> None:
        W = np.asarray(W, dtype=np.float64)
        self.values = W[self.rows, self.units] if W.ndim == 2 and len(self.rows) else np.zeros(len(self.rows))
        self._touch()

    def set_share(self, share: float) -> None:
        if share != self.share:
            self.share = share
            self._touch()

    def shown(self) -> np.ndarray:
        """Which lines are drawn: all, or the strongest `share` of them."""
        mask = np.ones(len(self.values), dtype=bool)
        if self.share < 1.0 and len(self.values):
            strength = np.nan_to_num(np.abs(self.values), nan=0.0)
            kept = math.ceil(self.share * len(strength))
            mask[:] = False
            mask[np.argsort(-strength, kind="stable")[:kept]] = True
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
        self._dirty = False
        self._paths = []
        segs, values = self.segs, np.nan_to_num(self.values, nan=0.0)
        if not len(segs):
            self._bounds = QRectF()
            return
        limit = float(np.max(np.abs(values))) or 1.0
        step = np.minimum((np.abs(values) / limit * STEPS).astype(np.int64), STEPS - 1)
        shown = self.shown()
        pens = _PENS[len(segs) > MANY_LINES]
        # weak first, so strong weights are drawn on top
        for level in range(STEPS):
            for negative in (False, True):
                pick = shown & (step == level) & ((values < 0) == negative)
                if not pick.any():
                    continue
                chosen = segs[pick]
                x = np.empty(2 * len(chosen))
                y = np.empty(2 * len(chosen))
                x[0::2], x[1::2] = chosen[:, 0], chosen[:, 2]
                y[0::2], y[1::2] = chosen[:, 1], chosen[:, 3]
                self._paths.append((pens[negative][level], pgfn.arrayToQPath(x, y, connect="pairs")))
        left, top = segs[:, [0, 2]].min(), segs[:, [1, 3]].min()
        right, bottom = segs[:, [0, 2]].max(), segs[:, [1, 3]].max()
        self._bounds = QRectF(left - 4, top - 4, right - left + 8, bottom - top + 8)

    def boundingRect(self) -> QRectF:   # noqa: N802
        if self._dirty:
            self._rebuild()
        return self._bounds

    def shape(self) -> QPainterPath:
        return _EMPTY

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        self.boundingRect()
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        if len(self.segs) > MANY_LINES and lod < 0.5:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)     # sub-pixel lines anyway
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self._paths:
            painter.setPen(pen)
            painter.drawPath(path)
