"""Canvas items: nodes and their ports (edge hit targets and the connecting wire: edge_items.py).

Items hold ids plus the display values the scene hands them (a NodeLook) — never document
objects. Edges are painted in bulk by the EdgeLayer (painters.py); each EdgeItem is an invisible
hit target for selection, tooltips and double-click that paints itself only while selected.
Zoomed far out, the NodeLayer paints every node as a flat shape and NodeItems paint nothing.
That keeps a 2,000-node, 20,000-edge canvas fast.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (QGraphicsEllipseItem, QGraphicsItem,
                               QStyle, QStyleOptionGraphicsItem, QWidget)

from nnstudio.ui.canvas.badges import badge_text
from nnstudio.ui.canvas.live_paint import (LIVE_CHIP_H, LIVE_CHIP_W, STRIP_H, paint_map, paint_node_value,
                                           paint_strip)

# --- palette (soft, light theme) ----------------------------------------------------------------
BACKGROUND = QColor("#f4f6f9")
GRID_DOT = QColor("#cdd3dc")
TEXT = QColor("#1f2937")
MUTED = QColor("#6b7280")
BORDER = QColor("#d3d9e2")
ACCENT = QColor("#2563eb")
ERROR = QColor("#dc2626")
WARNING = QColor("#d97706")
OK = QColor("#16a34a")
POSITIVE = QColor("#3b76e1")
NEGATIVE = QColor("#ee7d3b")
UNSET = QColor("#a6aebb")
LAYER_EDGE = QColor("#8f99a8")
BADGE_COLOURS = {"in": QColor("#059669"), "out": QColor("#7c3aed")}

NEURON_R = 22.0                   # neuron circle radius
INPUT_HALF = 22.0                 # half side of the input square
LAYER_W, LAYER_H = 150.0, 64.0    # layer block
PORT_R = 5.0
PORT_HIT_R = 8.0                  # ports are easier to grab than they look
LABEL_W = 120.0                   # room for the label under a neuron or input
LOD_TEXT = 0.45                   # below this zoom, text is unreadable: skip it

# Edge hit targets keep the default z (0), so 20,000 of them need no setZValue call; nodes sit
# above them (a press on a port must reach the port, not an edge ending there).
Z_NODE, Z_WIRE = 1.0, 10.0
_G = QGraphicsItem.GraphicsItemFlag


@dataclass(frozen=True)
class NodeLook:
    """Everything a NodeItem draws, computed by the scene from the document."""
    form: str            # "neuron" | "input" | "layer"
    label: str
    title: str           # neuron: activation glyph; input: "in"; layer: kind title
    detail: str = ""     # input: its shape; layer: "8 units · tanh", "rate 0.5"
    shape: str = ""      # layer: output shape, "?" when unknown
    accent: str = "#64748b"
    badge: str = ""      # "in", "out 2", … when listed in project.inputs / outputs


@lru_cache(maxsize=None)
def _font(size: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


def tint(colour: QColor, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def _wash(colour: QColor, amount: float) -> QColor:
    """`colour` mixed into white: a soft fill that keeps the hue."""
    return QColor(round(255 + (colour.red() - 255) * amount), round(255 + (colour.green() - 255) * amount),
                  round(255 + (colour.blue() - 255) * amount))


class Kit:
    """Pens, brushes and colours for one accent colour, made once (paint runs thousands of times)."""

    def __init__(self, accent: str) -> None:
        a = QColor(accent)
        self.fill = QBrush(_wash(a, 0.13))
        self.far_fill = QBrush(_wash(a, 0.35))
        self.pen = QPen(a, 1.8)
        self.far_pen = QPen(a, 2.0)
        self.header = QBrush(tint(a, 38))
        self.stripe = QBrush(a)
        self.ink = a.darker(150)
        self.port_pen = QPen(a, 1.6)
        self.port_fill = QBrush(a)


@lru_cache(maxsize=None)
def kit(accent: str) -> Kit:
    return Kit(accent)


WHITE = QBrush(QColor("white"))
_SHADOW = QBrush(QColor(15, 23, 42, 22))
_HALO = QBrush(tint(ACCENT, 45))
_LAYER_PEN = QPen(BORDER, 1.2)
_STRONG_PENS = {"accent": QPen(ACCENT, 2.2), "error": QPen(ERROR, 2.2), "warning": QPen(WARNING, 2.2)}
FAR_PENS = {"accent": QPen(ACCENT, 3.0), "error": QPen(ERROR, 2.0), "warning": QPen(WARNING, 2.0)}
_FLAG_BRUSHES = {"error": QBrush(ERROR), "warning": QBrush(WARNING)}
_FLAG_PEN = QPen(QColor("white"), 1.5)
_NODE_FLAGS = QGraphicsItem.GraphicsItemFlag(_G.ItemIsSelectable | _G.ItemIsMovable)
_NODE_FAR_FLAGS = QGraphicsItem.GraphicsItemFlag(_NODE_FLAGS | _G.ItemHasNoContents)
_NO_CONTENTS = _G.ItemHasNoContents     # enum attribute lookups are slow in hot loops
_DEVICE_CACHE, _NO_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache, QGraphicsItem.CacheMode.NoCache


@lru_cache(maxsize=1)
def _cross() -> QCursor:
    return QCursor(Qt.CursorShape.CrossCursor)     # made after the QApplication, once


def anchor_offsets(form: str) -> tuple[float, float]:
    """x offsets from a node's centre to where its edges start (out) and end (in)."""
    half = LAYER_W / 2 if form == "layer" else NEURON_R
    return half, -half - PORT_R


class PortItem(QGraphicsEllipseItem):
    """The hit target of a port: 'out' on a node's right (drag from it to connect), 'in' on the
    left. It paints nothing — its NodeItem draws the port, so a big graph has half as many
    painted items — and only tells the node when the mouse hovers over it."""

    def __init__(self, parent: "NodeItem", role: str, x: float) -> None:
        super().__init__(-PORT_HIT_R, -PORT_HIT_R, 2 * PORT_HIT_R, 2 * PORT_HIT_R, parent)
        self.role = role
        self.node_id = parent.node_id
        self.setFlag(_NO_CONTENTS)
        self.setPos(x, 0.0)
        if role == "out":
            self.setCursor(_cross())
            self.setAcceptHoverEvents(True)

    def hoverEnterEvent(self, event) -> None:   # noqa: N802 (Qt name)
        self.parentItem().set_hot(True)

    def hoverLeaveEvent(self, event) -> None:   # noqa: N802
        self.parentItem().set_hot(False)


class NodeItem(QGraphicsItem):
    """A neuron (circle), an input (rounded square) or a layer (rounded block), centred on its pos.

    It does not tell anyone when it moves: whoever moves it (a drag, a document event) asks the
    scene to move its edges, which keeps Python out of Qt's per-item change notifications."""

    drawn_by_layer_when_far = True      # zoomed far out, the NodeLayer draws it (see set_far)

    def __init__(self, node_id: str, look: NodeLook, pos: tuple[float, float], far: bool = False) -> None:
        super().__init__()
        self.node_id = node_id
        self.problem = ""          # "" | "warning" | "error", set by the scene after validation
        self.setFlags(_NODE_FAR_FLAGS if far else _NODE_FLAGS)
        self.setZValue(Z_NODE)
        if not far:
            self.setCacheMode(_DEVICE_CACHE)
        self.setPos(pos[0], pos[1])
        self.look = look
        self._kit = kit(look.accent)
        self._elided: tuple[str, str] | None = None
        self._hot = False          # the mouse is over the output port
        self.live_value: float | None = None     # the output for the chosen sample while training
        self.live_map: QImage | None = None       # the output over the input plane; a layer's map strip
        self.live_prefix = ""                     # what the value is, when not the output ("δ ")
        self._geometry()
        self.out_port = PortItem(self, "out", self._body.right())
        self.in_port = None if look.form == "input" else PortItem(self, "in", self._body.left())

    def _geometry(self) -> None:
        form = self.look.form
        if form == "layer":
            self._body = QRectF(-LAYER_W / 2, -LAYER_H / 2, LAYER_W, LAYER_H)
            self._bounds = self._body.adjusted(-10, -22, 10, 8 + STRIP_H)     # room for a strip
        else:
            r = NEURON_R if form == "neuron" else INPUT_HALF
            self._body = QRectF(-r, -r, 2 * r, 2 * r)
            # Room for the live value chip (canvas/live_paint.py): below a neuron's label, left of an
            # input (inputs stack closely, and the badge above the next one would cover the chip).
            if form == "neuron":
                self._bounds = QRectF(-LABEL_W / 2, -r - 22, LABEL_W, 2 * r + 42 + LIVE_CHIP_H)
            else:
                self._bounds = QRectF(-LABEL_W / 2 - LIVE_CHIP_W, -r - 22, LABEL_W + LIVE_CHIP_W, 2 * r + 42)

    # --- what the scene calls ------------------------------------------------------------------
    def set_look(self, look: NodeLook) -> None:
        if look == self.look:
            return
        if look.form != self.look.form:       # geometry and ports change with the form
            self.prepareGeometryChange()
            self.look = look
            self._geometry()
            self.out_port.setPos(self._body.right(), 0)
            if self.in_port is not None:
                self.in_port.setPos(self._body.left(), 0)
        self.look = look
        self._kit = kit(look.accent)
        self._elided = None
        self.update()

    def set_far(self, far: bool) -> None:
        """Far away the NodeLayer draws this node and the item paints nothing. Close up it
        paints itself, cached at screen resolution: a repaint without a zoom change (selection,
        a drag, hovering) then blits a pixmap instead of running Python text drawing."""
        self.setFlag(_NO_CONTENTS, far)
        self.setCacheMode(_NO_CACHE if far else _DEVICE_CACHE)

    def set_hot(self, hot: bool) -> None:
        if hot != self._hot:
            self._hot = hot
            self.update()

    def set_live(self, value: float | None, live_map: QImage | None, prefix: str = "") -> None:
        """Show the node's output for the chosen sample (or another value, named by `prefix`), and
        its map over the input plane."""
        if value != self.live_value or live_map is not self.live_map or prefix != self.live_prefix:
            self.live_value, self.live_map, self.live_prefix = value, live_map, prefix
            self.update()

    def set_problem(self, level: str) -> None:
        if level != self.problem:
            self.problem = level
            self.update()

    def anchors(self) -> tuple[float, float]:
        """x offsets from the node's pos to where its edges start (out) and end (in)."""
        return anchor_offsets(self.look.form)

    def out_anchor(self) -> QPointF:
        """Scene point where outgoing edges start (the output port's centre)."""
        return self.pos() + QPointF(self.anchors()[0], 0.0)

    def in_anchor(self) -> QPointF:
        """Scene point where incoming edges end (just left of the input port)."""
        return self.pos() + QPointF(self.anchors()[1], 0.0)

    # --- QGraphicsItem -------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:   # noqa: N802
        return self._bounds

    def shape(self) -> QPainterPath:
        return _body_path(self.look.form)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        look, body, pk = self.look, self._body, self._kit
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lod = option.levelOfDetailFromTransform(painter.worldTransform())
        strong = "accent" if selected else self.problem
        radius = 0.0 if look.form == "neuron" else 10.0 if look.form == "layer" else 9.0

        if lod < LOD_TEXT:   # far away: a flat shape, no text
            painter.setPen(FAR_PENS[strong] if strong else pk.far_pen)
            painter.setBrush(WHITE if look.form == "layer" else pk.far_fill)
            self._draw_body(painter, body, radius)
            return

        painter.setPen(Qt.PenStyle.NoPen)
        if selected:
            painter.setBrush(_HALO)
            self._draw_body(painter, body.adjusted(-5, -5, 5, 5), radius + 5 if radius else 0)
        painter.setBrush(_SHADOW)
        self._draw_body(painter, body.translated(0, 2), radius)
        painter.setPen(_STRONG_PENS[strong] if strong else _LAYER_PEN if look.form == "layer" else pk.pen)
        painter.setBrush(WHITE if look.form == "layer" else pk.fill)
        self._draw_body(painter, body, radius)

        if look.form == "layer":
            self._paint_layer(painter, body)
            if self.live_map is not None:
                paint_strip(painter, body, self.live_map)
        else:
            if self.live_map is not None:
                paint_map(painter, _body_path(look.form), body, self.live_map)
            self._paint_small(painter, body)
            if self.live_value is not None:
                paint_node_value(painter, look.form, body, LABEL_W, self.live_value, self.live_prefix)
        painter.setPen(pk.port_pen)
        painter.setBrush(WHITE)
        if look.form != "input":
            painter.drawEllipse(QPointF(body.left(), 0), PORT_R, PORT_R)
        painter.setBrush(pk.port_fill if self._hot else WHITE)
        painter.drawEllipse(QPointF(body.right(), 0), PORT_R, PORT_R)
        if look.badge:
            self._paint_badge(painter, body)
        if self.problem:
            self._paint_flag(painter, body)

    @staticmethod
    def _draw_body(painter: QPainter, rect: QRectF, radius: float) -> None:
        if radius:
            painter.drawRoundedRect(rect, radius, radius)
        else:
            painter.drawEllipse(rect)

    def _elide(self) -> tuple[str, str]:
        if self._elided is None:
            label = QFontMetricsF(_font(11, self.look.form == "layer")).elidedText(
                self.look.label, Qt.TextElideMode.ElideRight, 88 if self.look.form == "layer" else LABEL_W - 4)
            detail = QFontMetricsF(_font(11)).elidedText(self.look.detail, Qt.TextElideMode.ElideRight, LAYER_W - 20)
            self._elided = (label, detail)
        return self._elided

    def _paint_small(self, painter: QPainter, body: QRectF) -> None:
        label, _ = self._elide()
        # A live map fills the body; the glyph or title would only blot it.
        if self.live_map is None and self.look.form == "neuron":
            n = len(self.look.title)
            painter.setFont(_font(16 if n == 1 else 12 if n <= 3 else 10 if n == 4 else 9, n <= 3))
            painter.setPen(self._kit.ink)
            painter.drawText(body, Qt.AlignmentFlag.AlignCenter, self.look.title)
        elif self.live_map is None:
            painter.setFont(_font(9))
            painter.setPen(MUTED)
            painter.drawText(QRectF(body.left(), body.top() + 4, body.width(), 12), Qt.AlignmentFlag.AlignCenter,
                             self.look.title)
            painter.setFont(_font(11, True))
            painter.setPen(self._kit.ink)
            painter.drawText(QRectF(body.left() - 8, body.top() + 17, body.width() + 16, 20),
                             Qt.AlignmentFlag.AlignCenter, self.look.detail)
        painter.setFont(_font(11))
        painter.setPen(TEXT)
        painter.drawText(QRectF(-LABEL_W / 2, body.bottom() + 3, LABEL_W, 16), Qt.AlignmentFlag.AlignCenter, label)

    def _paint_layer(self, painter: QPainter, body: QRectF) -> None:
        label, detail = self._elide()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._kit.header)
        painter.drawPath(_layer_header())
        painter.setBrush(self._kit.stripe)
        painter.drawRoundedRect(QRectF(body.left() + 1.5, body.top() + 6, 3.5, body.height() - 12), 1.75, 1.75)
        left = body.left() + 12
        painter.setFont(_font(11, True))
        painter.setPen(TEXT)
        painter.drawText(QRectF(left, body.top(), 96, 22), Qt.AlignmentFlag.AlignVCenter, label)
        painter.setFont(_font(9, True))
        painter.setPen(self._kit.ink)
        painter.drawText(QRectF(body.right() - 80, body.top(), 72, 22),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, self.look.title.upper())
        painter.setFont(_font(11))
        painter.setPen(TEXT)
        painter.drawText(QRectF(left, body.top() + 23, body.width() - 20, 18), Qt.AlignmentFlag.AlignVCenter, detail)
        painter.setFont(_font(10))
        painter.setPen(MUTED)
        painter.drawText(QRectF(left, body.top() + 41, body.width() - 20, 18), Qt.AlignmentFlag.AlignVCenter,
                         f"→ {self.look.shape or '?'}")

    def _paint_badge(self, painter: QPainter, body: QRectF) -> None:
        text = badge_text(self.look.badge)
        font = _font(9, True)
        width = QFontMetricsF(font).horizontalAdvance(text) + 10
        colour = BADGE_COLOURS["out" if self.look.badge.startswith("out") else "in"]
        x = body.left() if self.look.form == "layer" else -width / 2
        rect = QRectF(x, body.top() - 18, width, 14)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        painter.drawRoundedRect(rect, 7, 7)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_flag(self, painter: QPainter, body: QRectF) -> None:
        offset = body.width() / 2 * (1 - math.sqrt(0.5)) if self.look.form == "neuron" else 2
        centre = QPointF(body.right() - offset, body.top() + offset)
        rect = QRectF(centre.x() - 7, centre.y() - 7, 14, 14)
        painter.setPen(_FLAG_PEN)
        painter.setBrush(_FLAG_BRUSHES[self.problem])
        painter.drawEllipse(rect)
        painter.setFont(_font(10, True))
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "!")


@lru_cache(maxsize=None)
def _body_path(form: str) -> QPainterPath:
    """The clickable outline of a node of `form` (cached: hit tests call it often)."""
    path = QPainterPath()
    if form == "neuron":
        path.addEllipse(QRectF(-NEURON_R, -NEURON_R, 2 * NEURON_R, 2 * NEURON_R))
    elif form == "input":
        path.addRoundedRect(QRectF(-INPUT_HALF, -INPUT_HALF, 2 * INPUT_HALF, 2 * INPUT_HALF), 9, 9)
    else:
        path.addRoundedRect(QRectF(-LAYER_W / 2, -LAYER_H / 2, LAYER_W, LAYER_H), 10, 10)
    return path


@lru_cache(maxsize=1)
def _layer_header() -> QPainterPath:
    """The tinted top band of a layer block: the block's rounded shape cut at 22 px."""
    block = QPainterPath()
    block.addRoundedRect(QRectF(-LAYER_W / 2, -LAYER_H / 2, LAYER_W, LAYER_H), 10, 10)
    band = QPainterPath()
    band.addRect(QRectF(-LAYER_W / 2, -LAYER_H / 2, LAYER_W, 22))
    return block.intersected(band)
