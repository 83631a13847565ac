"""Canvas items of an expanded layer: a dense layer (or an input) drawn as its units.

The document keeps one node; its ExpandedNodeItem is a NodeItem (dragged, selected, connected
like any node) that draws a frame around the node's units: neuron circles, or an image input's
pixel grid, each coloured by its value for the chosen sample. A first layer fed by an image shows
each unit's incoming weights as a small picture beside it. UnitItems (one per unit) and
WeightItems (made on demand where the user clicks a drawn weight) are the hit targets that let a
single unit or W[row, unit] be selected; the WeightLines item (scene_expanded.py) draws the
weights themselves.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsItem, QGraphicsLineItem, QStyle, QStyleOptionGraphicsItem,
                               QWidget)

from nnstudio.project.expansion import Part
from nnstudio.ui.canvas.items import (ACCENT, BORDER, INPUT_HALF, LAYER_W, LOD_TEXT, NEGATIVE, PORT_R, POSITIVE,
                                      TEXT, WHITE, NodeItem, NodeLook)

UNIT_R = 10.0            # a drawn unit's radius (units are 26 apart: expansion.py)
CELL = 24.0              # a drawn pixel's side
PICTURE = 22.0           # a unit's weight picture's side, right of its circle
FRAME_PAD = 12.0
TITLE_H = 20.0           # the title sits above the frame, as a neuron's label sits under it
TITLE_CHAR_W = 7.0       # a generous width per character of the title (for the bounds only)
_G = QGraphicsItem.GraphicsItemFlag
_NO_CONTENTS = _G.ItemHasNoContents
_FRAME_PEN = QPen(QColor("#94a3b8"), 1.2)
_UNIT_PEN = QPen(QColor("#64748b"), 1.0)
_SELECTED_PEN = QPen(ACCENT, 3.0)
_FRAME_FILL = QColor(255, 255, 255, 150)


def diverging_rgb(values: np.ndarray, limit: float | None = None) -> np.ndarray:
    """Colours (…, 3) uint8 for `values`: white at 0, the canvas's positive blue and negative
    orange at ±limit (the largest |value| when not given). NaN is grey."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    if limit is None:
        limit = float(np.max(np.abs(values[finite]))) if finite.any() else 0.0
    share = np.clip(np.abs(np.where(finite, values, 0.0)) / limit, 0.0, 1.0) if limit > 0 else np.zeros(values.shape)
    pos = np.array([POSITIVE.red(), POSITIVE.green(), POSITIVE.blue()], dtype=np.float64)
    neg = np.array([NEGATIVE.red(), NEGATIVE.green(), NEGATIVE.blue()], dtype=np.float64)
    end = np.where((values < 0)[..., None], neg, pos)
    rgb = 255.0 + (end - 255.0) * share[..., None]
    rgb[~finite] = 190.0
    return np.round(rgb).astype(np.uint8)


def grey_rgb(values: np.ndarray) -> np.ndarray:
    """Ink colours (…, 3) uint8 for pixel values: white at their minimum, near black at their maximum."""
    values = np.nan_to_num(np.asarray(values, dtype=np.float64))
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 0.0)
    share = (values - low) / (high - low) if high > low else np.zeros(values.shape)
    level = np.round(255.0 - 225.0 * share).astype(np.uint8)
    return np.repeat(level[..., None], 3, axis=-1)


def rgb_image(rgb: np.ndarray) -> QImage:
    """A QImage owning a copy of an (h, w, 3) uint8 array."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    return QImage(rgb.tobytes(), w, h, 3 * w, QImage.Format.Format_RGB888).copy()


class ExpandedNodeItem(NodeItem):
    """A node drawn as its units inside a frame; `offsets` are the units' centres relative to the
    node's pos (expansion.unit_offsets), `grid` an image input's (rows, columns) or None."""

    drawn_by_layer_when_far = False        # the far-zoom NodeLayer would draw a plain block

    def __init__(self, node_id: str, look: NodeLook, pos: tuple[float, float], offsets: np.ndarray,
                 grid: tuple[int, int] | None, title: str, pictures: bool) -> None:
        self.grid = grid
        self.offsets = self._placed(np.asarray(offsets, dtype=np.float64).reshape(-1, 2), look.form == "input",
                                    pictures)
        self.title = title
        self.pictures = pictures            # room for a weight picture right of each unit
        self.unit_rgb: np.ndarray | None = None          # (units, 3) fill colours, None: plain
        self.unit_images: list[QImage] = []              # each unit's weight picture
        super().__init__(node_id, look, pos, far=False)
        self.units = [UnitItem(self, Part(node_id, k), QPointF(float(x), float(y)), self.half_size())
                      for k, (x, y) in enumerate(self.offsets)]

    def _placed(self, offsets: np.ndarray, is_input: bool, pictures: bool) -> np.ndarray:
        """Shift the units sideways so the frame grows away from the node's neighbours: an input
        to the left of where its square's right side was, a layer to the right of where its
        block's left side was (the next node is usually further right than one column is wide)."""
        if not len(offsets):
            return offsets
        half = self.half_size()
        if is_input:
            right = offsets[:, 0].max() + half + FRAME_PAD + (PICTURE + 4 if pictures else 0.0)
            return offsets - [right - INPUT_HALF, 0.0]
        left = offsets[:, 0].min() - half - FRAME_PAD
        return offsets - [left + LAYER_W / 2, 0.0]

    def half_size(self) -> float:
        return CELL / 2 if self.grid else UNIT_R

    def _geometry(self) -> None:
        half = self.half_size()
        if len(self.offsets):
            (left, top), (right, bottom) = self.offsets.min(axis=0), self.offsets.max(axis=0)
        else:
            left = top = right = bottom = 0.0
        extra = PICTURE + 4 if self.pictures else 0.0
        self._body = QRectF(QPointF(left - half - FRAME_PAD, top - half - FRAME_PAD),
                            QPointF(right + half + extra + FRAME_PAD, bottom + half + FRAME_PAD))
        title_w = max(self._body.width(), TITLE_CHAR_W * len(self.title))
        self._title = QRectF(self._body.left(), self._body.top() - TITLE_H, title_w, TITLE_H - 2)
        self._bounds = self._body.adjusted(-8, -8, 8, 8).united(self._title)

    def anchors(self) -> tuple[float, float]:
        return self._body.right(), self._body.left() - PORT_R

    def set_far(self, far: bool) -> None:
        """Always paints itself (cached): the NodeLayer draws only collapsed nodes."""

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._body, 10, 10)
        return path

    # --- what the scene sets -------------------------------------------------------------------------
    def unit_points(self, side: str) -> np.ndarray:
        """Scene points (units × 2) where weights leave ('out') or reach ('in') the units."""
        points = self.offsets + [self.pos().x(), self.pos().y()]
        if side == "in":
            points[:, 0] -= self.half_size()
        elif not self.grid:             # pixels send from the cell's centre, units from their side
            points[:, 0] = (self.pos().x() + self._body.right()) if self.pictures else points[:, 0] + UNIT_R
        return points

    def unit_point(self, k: int, side: str) -> QPointF:
        """Scene point where weights leave ('out') or reach ('in') unit k."""
        x, y = self.unit_points(side)[k]
        return QPointF(float(x), float(y))

    def set_unit_values(self, values: np.ndarray | None) -> None:
        """Colour the units by their values for the chosen sample (None: plain)."""
        if values is None:
            rgb = None
        else:
            values = np.asarray(values, dtype=np.float64).reshape(-1)[:len(self.offsets)]
            rgb = grey_rgb(values) if self.grid else diverging_rgb(values)
        if not (rgb is None and self.unit_rgb is None) and not (
                rgb is not None and self.unit_rgb is not None and np.array_equal(rgb, self.unit_rgb)):
            self.unit_rgb = rgb
            for k, unit in enumerate(self.units):
                unit.value_text = "" if values is None or k >= len(values) else f"{values[k]:.4g}"
            self.update()

    def set_unit_images(self, images: list[QImage]) -> None:
        self.unit_images = images
        self.update()

    # --- painting ------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        body = self._body
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        painter.setPen(_SELECTED_PEN if selected else _FRAME_PEN)
        painter.setBrush(_FRAME_FILL)
        painter.drawRoundedRect(body, 10, 10)
        if lod >= LOD_TEXT:
            painter.setPen(TEXT)
            font = QFont()
            font.setPointSizeF(8.5)
            font.setBold(True)
            painter.setFont(font)
            painter.drawText(self._title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, self.title)
        self._paint_units(painter)
        if self.pictures and self.unit_images:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)   # crisp pixels
            for (x, y), image in zip(self.offsets, self.unit_images):
                painter.drawImage(QRectF(x + UNIT_R + 4, y - PICTURE / 2, PICTURE, PICTURE), image)
        painter.setPen(_UNIT_PEN)
        painter.setBrush(WHITE)
        if self.in_port is not None:
            painter.drawEllipse(QPointF(body.left(), 0), PORT_R, PORT_R)
        painter.drawEllipse(QPointF(body.right(), 0), PORT_R, PORT_R)

    def _paint_units(self, painter: QPainter) -> None:
        rgb, half = self.unit_rgb, self.half_size()
        painter.setPen(QPen(BORDER, 0.8) if self.grid else _UNIT_PEN)
        plain = QColor("#ffffff")
        for k, (x, y) in enumerate(self.offsets):
            painter.setBrush(QColor(int(rgb[k, 0]), int(rgb[k, 1]), int(rgb[k, 2])) if rgb is not None else plain)
            rect = QRectF(x - half, y - half, 2 * half, 2 * half)
            if self.grid:
                painter.drawRect(rect)
            else:
                painter.drawEllipse(rect)


class UnitItem(QGraphicsItem):
    """The hit target of one drawn unit (a child of its ExpandedNodeItem): selectable on its own;
    it paints a ring only while selected."""

    def __init__(self, parent: ExpandedNodeItem, part: Part, centre: QPointF, half: float) -> None:
        super().__init__(parent)
        self.part = part
        self.node_id = part.node_id
        self.value_text = ""
        self._rect = QRectF(-half, -half, 2 * half, 2 * half)
        self.setPos(centre)
        self.setFlag(_G.ItemIsSelectable)
        self.setFlag(_NO_CONTENTS)

    def boundingRect(self) -> QRectF:   # noqa: N802
        return self._rect.adjusted(-4, -4, 4, 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def itemChange(self, change, value):   # noqa: N802
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setFlag(_NO_CONTENTS, not bool(value))
        return value

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.isSelected():
            painter.setPen(_SELECTED_PEN)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self._rect.adjusted(-2, -2, 2, 2))


class WeightItem(QGraphicsLineItem):
    """The hit target of one drawn weight W[row, unit]; paints itself only while selected."""

    def __init__(self, part: Part, line: QLineF) -> None:
        super().__init__(line)
        self.part = part
        self.node_id = part.node_id
        self.setFlag(_G.ItemIsSelectable)
        self.setPen(QPen(Qt.GlobalColor.transparent, 8.0))
        self.setZValue(0.2)        # above the weight lines, under the nodes

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.isSelected():
            painter.setPen(QPen(ACCENT, 3.0))
            painter.drawLine(self.line())


def title_of(label: str, detail: str) -> str:
    """The frame's title, e.g. 'hidden · 32 units · relu'."""
    return f"{label} · {detail}" if detail else label

