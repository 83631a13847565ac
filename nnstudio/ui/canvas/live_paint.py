"""Drawing a node's live output: the value chip under its label, the map inside its body, and a
conv or pool block's strip of feature maps under it.

Colours are TensorFlow Playground's: orange for negative, white at 0, blue for positive. Maps of
neurons whose output lies in [0, 1] (sigmoid, step) use 0.5 as their white point, so a map reads as
"which side of this neuron's boundary", as the Playground's thumbnails do.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPainter, QPainterPath

STRIP_H = 24.0                  # the feature-map strip under a layer block
STRIP_CHANNELS = 8              # channels drawn in it (the probe may hold up to 16)
LIVE_CHIP_H = 15.0
LIVE_CHIP_W = 30.0              # half the widest chip ("-0.123" and its padding)
NEGATIVE_RGB = np.array([238, 125, 59], dtype=np.float64)     # the canvas's negative-weight orange
POSITIVE_RGB = np.array([59, 118, 225], dtype=np.float64)     # and positive-weight blue
WHITE_RGB = np.array([255, 255, 255], dtype=np.float64)


def diverging_rgb(t: np.ndarray) -> np.ndarray:
    """t in [-1, 1] → uint8 RGB [..., 3]: orange at -1, white at 0, blue at +1."""
    t = np.clip(np.nan_to_num(np.asarray(t, dtype=np.float64)), -1.0, 1.0)[..., None]
    rgb = np.where(t < 0, WHITE_RGB + (NEGATIVE_RGB - WHITE_RGB) * -t, WHITE_RGB + (POSITIVE_RGB - WHITE_RGB) * t)
    return np.round(rgb).astype(np.uint8)


def centred(values: np.ndarray) -> np.ndarray:
    """Values mapped to [-1, 1] around their natural centre: 0.5 for outputs in [0, 1], else 0."""
    v = np.asarray(values, dtype=np.float64)
    finite = v[np.isfinite(v)]
    if finite.size == 0:
        return np.zeros_like(v)
    lo, hi = float(finite.min()), float(finite.max())
    if lo >= 0.0 and hi <= 1.0:
        return (v - 0.5) * 2.0
    scale = max(abs(lo), abs(hi)) or 1.0
    return v / scale


def map_image(values: np.ndarray) -> QImage:
    """A [rows = y, columns = x] map as an RGB image, y growing upwards as on a plot."""
    rgb = np.ascontiguousarray(diverging_rgb(centred(values))[::-1])
    h, w = rgb.shape[:2]
    # QImage does not own `rgb`'s memory: copy() detaches it before the array goes away.
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def strip_image(maps: np.ndarray, limit: int = STRIP_CHANNELS) -> QImage:
    """The first `limit` channels of `maps` [C, h, w] side by side, one pixel apart, on one
    symmetric colour scale (orange negative, white 0, blue positive), rows top to bottom."""
    maps = np.asarray(maps, dtype=np.float64)[:limit]
    n, h, w = maps.shape
    rgb = np.full((h, n * (w + 1) - 1, 3), 255, dtype=np.uint8)
    top = float(np.abs(maps[np.isfinite(maps)]).max(initial=0.0)) or 1.0
    for k in range(n):
        rgb[:, k * (w + 1):k * (w + 1) + w] = diverging_rgb(maps[k] / top)
    rgb = np.ascontiguousarray(rgb)
    return QImage(rgb.data, rgb.shape[1], h, 3 * rgb.shape[1], QImage.Format.Format_RGB888).copy()


def paint_strip(painter: QPainter, body: QRectF, image: QImage) -> None:
    """`image` (strip_image) under the block `body`, as wide as fits STRIP_H, framed."""
    width = min(body.width(), STRIP_H * image.width() / max(image.height(), 1))
    height = width * image.height() / max(image.width(), 1)
    rect = QRectF(body.left() + (body.width() - width) / 2, body.bottom() + 5, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)     # crisp pixels
    painter.drawImage(rect, image)
    painter.setPen(QColor("#94a3b8"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(rect)
    painter.restore()


def paint_map(painter: QPainter, outline: QPainterPath, body: QRectF, image: QImage) -> None:
    """The map clipped to the node's outline, then the outline again in the current pen."""
    pen = painter.pen()
    painter.save()
    painter.setClipPath(outline)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(body, image)
    painter.restore()
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(outline)


_CHIP_FONT: QFont | None = None


def value_text(value: float) -> str:
    if not math.isfinite(value):
        return "—"
    return f"{value:.3f}" if abs(value) < 100 else f"{value:.3g}"


def paint_value(painter: QPainter, row: QRectF, value: float,
                align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter, prefix: str = "") -> None:
    """A small rounded chip in `row` (centred, or at its right end), tinted by the value;
    `prefix` names what the value is ("δ ")."""
    global _CHIP_FONT
    if _CHIP_FONT is None:
        _CHIP_FONT = QFont()
        _CHIP_FONT.setPixelSize(10)
        _CHIP_FONT.setBold(True)
    text = prefix + value_text(value)
    painter.setFont(_CHIP_FONT)
    width = painter.fontMetrics().horizontalAdvance(text) + 12
    left = row.right() - width if align == Qt.AlignmentFlag.AlignRight else row.center().x() - width / 2
    rect = QRectF(left, row.top(), width, row.height())
    t = float(np.clip(value, -1.0, 1.0)) if math.isfinite(value) else 0.0
    r, g, b = (int(c) for c in diverging_rgb(np.array(t * 0.6)))     # a pale tint keeps the text readable
    painter.setPen(QColor("#cbd5e1"))
    painter.setBrush(QBrush(QColor(r, g, b)))
    painter.drawRoundedRect(rect, row.height() / 2, row.height() / 2)
    painter.setPen(QColor("#1f2937"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


def paint_node_value(painter: QPainter, form: str, body: QRectF, label_w: float, value: float, prefix: str) -> None:
    """A neuron's or an input's live value: a chip under a neuron's label (`label_w` wide), or at
    the left of an input, where its label does not go."""
    if form == "neuron":
        paint_value(painter, QRectF(-label_w / 2, body.bottom() + 21, label_w, LIVE_CHIP_H), value, prefix=prefix)
    else:
        paint_value(painter, QRectF(body.left() - 4 - 2 * LIVE_CHIP_W, -LIVE_CHIP_H / 2, 2 * LIVE_CHIP_W, LIVE_CHIP_H),
                    value, Qt.AlignmentFlag.AlignRight, prefix)
