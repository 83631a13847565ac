"""Small vector icons for node kinds and problem severities, drawn with QPainter (no image files),
and the palette's tooltips.

Icons are drawn at several sizes and at the screen's device pixel ratio, so they stay sharp on
high-DPI screens. A kind's colour, glyph and drawing come from its look in nnstudio/kinds: the
palette shows a kind in the colour the canvas gives it.
"""
from __future__ import annotations

import html
import math
from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QIcon, QPainter, QPainterPath, QPen, QPixmap

from nnstudio.project import registry
from nnstudio.ui import mime
from nnstudio.ui.domain_i18n import kind_text
from nnstudio.ui.i18n import translate

_FALLBACK = "#7a7a7a"
SEVERITY_COLORS = {"error": "#d64541", "warning": "#e0a21e", "ok": "#2f9e6a"}
_SIZES = (16, 24, 32, 48)


def _look(kind: str) -> registry.Look | None:
    """The look of `kind`; the neuron column shares the neuron's."""
    spec = registry.KINDS.get(registry.column_kind() if kind == mime.NEURON_COLUMN else kind)
    return spec.look if spec is not None else None


def kind_color(kind: str) -> QColor:
    look = _look(kind)
    return QColor(look.colour if look is not None else _FALLBACK)


def _tint(color: QColor, amount: float = 0.82) -> QColor:
    """`color` mixed with white: the fill behind an outline."""
    return QColor(*(round(c + (255 - c) * amount) for c in (color.red(), color.green(), color.blue())))


def _text(p: QPainter, rect: QRectF, text: str, color: QColor, scale: float, bold: bool = True) -> None:
    font = QFont()
    font.setPixelSize(max(6, round(rect.height() * scale)))
    font.setBold(bold)
    p.setFont(font)
    p.setPen(color)
    p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)


# --- one painter per drawing a kind's look names, each into the square (0, 0, s, s) --------------
def _neuron(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    r = QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8)
    p.setPen(QPen(c, s / 14))
    p.setBrush(_tint(c))
    p.drawEllipse(r)
    _text(p, r.adjusted(0, -s * 0.05, 0, -s * 0.05), glyph, c.darker(130), 0.62)


def _input(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    r = QRectF(s * 0.1, s * 0.18, s * 0.8, s * 0.64)
    p.setPen(QPen(c, s / 14))
    p.setBrush(_tint(c))
    p.drawRoundedRect(r, s * 0.14, s * 0.14)
    _text(p, r, glyph, c.darker(130), 0.62)


def _dense(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    for k in range(4):
        p.setBrush(c if k % 2 == 0 else c.lighter(125))
        p.drawRoundedRect(QRectF(s * 0.14, s * (0.12 + 0.2 * k), s * 0.72, s * 0.15), s * 0.05, s * 0.05)


def _activation(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    p.setPen(QPen(QColor("#b8b8b8"), s / 24))
    p.drawLine(QPointF(s * 0.1, s * 0.5), QPointF(s * 0.9, s * 0.5))
    p.drawLine(QPointF(s * 0.5, s * 0.1), QPointF(s * 0.5, s * 0.9))
    path = QPainterPath()
    for k in range(41):                      # a sigmoid from x = -6 to 6
        x = -6 + 12 * k / 40
        point = QPointF(s * (0.1 + 0.8 * k / 40), s * (0.85 - 0.7 / (1 + math.exp(-x))))
        path.lineTo(point) if k else path.moveTo(point)
    p.setPen(QPen(c, s / 11, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)


def _dropout(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    p.setPen(QPen(c, s / 16, Qt.PenStyle.DotLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8), s * 0.08, s * 0.08)
    dropped = {(0, 1), (1, 0), (2, 2), (1, 2)}     # the values a dropout mask zeroes
    for i in range(3):
        for j in range(3):
            centre = QPointF(s * (0.3 + 0.2 * i), s * (0.3 + 0.2 * j))
            if (i, j) in dropped:
                p.setPen(QPen(c, s / 24))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(c)
            p.drawEllipse(centre, s * 0.065, s * 0.065)


def _flatten(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(_tint(c, 0.45))
    for i in range(2):                       # a 2×2 grid: the input's several axes
        for j in range(2):
            p.drawRect(QRectF(s * (0.06 + 0.15 * i), s * (0.34 + 0.15 * j), s * 0.12, s * 0.12))
    p.setPen(QPen(c, s / 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(s * 0.42, s * 0.5), QPointF(s * 0.66, s * 0.5))
    head = QPainterPath(QPointF(s * 0.58, s * 0.4))
    head.lineTo(QPointF(s * 0.68, s * 0.5))
    head.lineTo(QPointF(s * 0.58, s * 0.6))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(head)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawRoundedRect(QRectF(s * 0.74, s * 0.1, s * 0.14, s * 0.8), s * 0.04, s * 0.04)


def _kernel(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    """A 4×4 image with a 3×3 window outlined, and the one output value it gives."""
    cell = s * 0.14
    p.setPen(Qt.PenStyle.NoPen)
    for i in range(4):
        for j in range(4):
            p.setBrush(_tint(c, 0.35 if i < 3 and j < 3 else 0.75))
            p.drawRect(QRectF(s * 0.06 + cell * j, s * 0.22 + cell * i, cell * 0.86, cell * 0.86))
    p.setPen(QPen(c.darker(140), s / 16))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(QRectF(s * 0.045, s * 0.205, cell * 3, cell * 3))
    p.setPen(QPen(c, s / 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(s * 0.52, s * 0.43), QPointF(s * 0.72, s * 0.43))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawRect(QRectF(s * 0.76, s * 0.36, cell, cell))


def _pool(p: QPainter, s: float, c: QColor, shades: tuple[float, ...], out: float) -> None:
    """A 2×2 window of values (`shades`: 0 dark … 1 white) pooled into one value of shade `out`."""
    cell = s * 0.2
    p.setPen(Qt.PenStyle.NoPen)
    for k, shade in enumerate(shades):
        p.setBrush(_tint(c, shade))
        p.drawRect(QRectF(s * 0.08 + cell * (k % 2), s * 0.3 + cell * (k // 2), cell * 0.9, cell * 0.9))
    p.setPen(QPen(c, s / 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(s * 0.54, s * 0.5), QPointF(s * 0.7, s * 0.5))
    p.setPen(QPen(c.darker(130), s / 20))
    p.setBrush(_tint(c, out))
    p.drawRect(QRectF(s * 0.74, s * 0.4, cell, cell))


def _max_pool(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    _pool(p, s, c, (0.7, 0.0, 0.55, 0.8), 0.0)          # the output is the darkest (largest) value


def _avg_pool(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    _pool(p, s, c, (0.7, 0.0, 0.55, 0.8), 0.51)         # the output is the mean shade


def _column(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    p.setPen(QPen(c, s / 18))
    p.setBrush(_tint(c))
    for k in range(3):
        p.drawEllipse(QPointF(s * 0.5, s * (0.19 + 0.31 * k)), s * 0.14, s * 0.14)


def _generic(p: QPainter, s: float, c: QColor, glyph: str) -> None:
    r = QRectF(s * 0.1, s * 0.1, s * 0.8, s * 0.8)
    p.setPen(QPen(c, s / 14))
    p.setBrush(_tint(c))
    p.drawRoundedRect(r, s * 0.12, s * 0.12)
    _text(p, r, glyph[:2], c.darker(130), 0.45)


Painter = Callable[[QPainter, float, QColor, str], None]
# Keyed by the drawing a look names (Look.icon), not by kind: a new kind picks one or gets _generic.
_PAINTERS: dict[str, Painter] = {
    "circle": _neuron, "tag": _input, "bars": _dense, "curve": _activation, "dropped": _dropout,
    "flatten": _flatten, "column": _column, "kernel": _kernel, "max_pool": _max_pool, "avg_pool": _avg_pool,
}


def _device_ratio() -> float:
    app = QGuiApplication.instance()
    screen = app.primaryScreen() if app is not None else None
    return max(1.0, screen.devicePixelRatio()) if screen is not None else 1.0


def _paint(draw: Callable[[QPainter, float, QColor], None], color: QColor, size: int) -> QPixmap:
    ratio = _device_ratio()
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    try:
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        draw(p, float(size), color)
    finally:
        p.end()
    return pixmap


def kind_pixmap(kind: str, size: int = 32) -> QPixmap:
    """The icon of node kind `kind` (or "neuron_column") as a `size`×`size` logical-pixel pixmap."""
    look = _look(kind)
    icon = "column" if kind == mime.NEURON_COLUMN else look.icon if look is not None else ""
    glyph = look.glyph if look is not None else kind
    painter = _PAINTERS.get(icon, _generic)
    return _paint(lambda p, s, c: painter(p, s, c, glyph), kind_color(kind), size)


@lru_cache(maxsize=None)
def kind_icon(kind: str) -> QIcon:
    """The icon of `kind` at the usual sizes. Cached: call only once a QGuiApplication exists."""
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(kind_pixmap(kind, size))
    return icon


def _severity(p: QPainter, s: float, c: QColor, severity: str) -> None:
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(c))
    mark = "✓" if severity == "ok" else "!"
    if severity == "warning":
        triangle = QPainterPath(QPointF(s * 0.5, s * 0.08))
        triangle.lineTo(QPointF(s * 0.95, s * 0.9))
        triangle.lineTo(QPointF(s * 0.05, s * 0.9))
        triangle.closeSubpath()
        p.drawPath(triangle)
        _text(p, QRectF(0, s * 0.28, s, s * 0.62), mark, QColor("white"), 0.9)
        return
    p.drawEllipse(QRectF(s * 0.06, s * 0.06, s * 0.88, s * 0.88))
    _text(p, QRectF(0, 0, s, s), mark, QColor("white"), 0.7)


@lru_cache(maxsize=None)
def severity_icon(severity: str) -> QIcon:
    """A red "!" disc for "error", an amber triangle for "warning", a green tick for "ok"."""
    color = QColor(SEVERITY_COLORS.get(severity, _FALLBACK))
    icon = QIcon()
    for size in _SIZES:
        icon.addPixmap(_paint(lambda p, s, c: _severity(p, s, c, severity), color, size))
    return icon


def _value(v: object) -> str:
    if v is None:                       # an optional setting left empty (a pool's stride: its size)
        return translate("KindIcons", "empty")
    if isinstance(v, bool):
        return translate("KindIcons", "on") if v else translate("KindIcons", "off")
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    return f"{v:g}" if isinstance(v, float) else str(v)


def kind_tooltip(kind: str, count: int | None = None) -> str:
    """Rich-text tooltip: what `kind` computes (the registry's description) and its settings with
    their defaults. For "neuron_column", `count` is the number of neurons."""
    if kind == mime.NEURON_COLUMN:
        n = count if count is not None else 3
        title = translate("KindIcons", "Column of {count} neurons").format(count=n)
        description = translate("KindIcons", "Adds {count} neurons stacked one above the other: a layer you can see "
                                "unit by unit. Each is y = f(Σ wᵢxᵢ + b); connect a column to another with "
                                "Fully connect.").format(count=n)
        fields = registry.KINDS[registry.column_kind()].fields
    else:
        spec = registry.KINDS.get(kind)
        if spec is None:
            return html.escape(kind)
        title, description, fields = kind_text(spec.title), kind_text(spec.description), spec.fields
    parts = [f"<b>{html.escape(title)}</b>", html.escape(description)]
    if fields:
        rows = "<br/>".join(f"<b>{html.escape(f.name)}</b> = {html.escape(_value(f.default))}"
                            f" <span style='color:#777'>— {html.escape(kind_text(f.doc))}</span>" for f in fields)
        parts.append(translate("KindIcons", "<i>Settings (defaults)</i><br/>{rows}").format(rows=rows))
    return "<p>" + "</p><p>".join(parts) + "</p>"
