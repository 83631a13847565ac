"""The edge hit targets and the wire drawn while connecting (edges themselves are painted in bulk
by the EdgeLayer, painters.py)."""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsLineItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from nnstudio.ui.canvas.items import ACCENT, ERROR, OK, Z_WIRE, tint

_G = QGraphicsItem.GraphicsItemFlag
_EDGE_FLAGS = QGraphicsItem.GraphicsItemFlag(_G.ItemIsSelectable | _G.ItemHasNoContents)
_NO_CONTENTS = _G.ItemHasNoContents     # enum attribute lookups are slow in hot loops
_HIT_PEN = QPen(Qt.GlobalColor.transparent, 10)    # the pick tolerance: 5 px either side
_HALO_PEN = QPen(tint(ACCENT, 60), 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
_SELECTED_PEN = QPen(ACCENT, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)


class EdgeItem(QGraphicsLineItem):
    """The hit target of one edge. Invisible (ItemHasNoContents) until selected."""

    def __init__(self, edge_id: str, source_id: str, target_id: str, line: QLineF) -> None:
        super().__init__(line)
        self.edge_id, self.source_id, self.target_id = edge_id, source_id, target_id
        self.setPen(_HIT_PEN)
        self.setFlags(_EDGE_FLAGS)      # one call: each flag change costs a Python override lookup

    def set_highlight(self, on: bool) -> None:
        self.setFlag(_NO_CONTENTS, not on)
        # The scene repaints the area, not the item: Qt skips the update() of an item flagged
        # ItemHasNoContents, which left the old glow on screen after the highlight went off.
        scene = self.scene()
        if scene is not None:
            scene.update(self.sceneBoundingRect())

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        line = self.line()
        painter.setPen(_HALO_PEN)
        painter.drawLine(line)
        painter.setPen(_SELECTED_PEN)
        painter.drawLine(line)


class DragWire(QGraphicsPathItem):
    """The dashed wire that follows the mouse while connecting. `ok` colours it: None neutral,
    True a valid target, False a refused one."""

    def __init__(self, start: QPointF) -> None:
        super().__init__()
        self.start = QPointF(start)
        self.setZValue(Z_WIRE)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.set_end(start, None)

    def set_end(self, end: QPointF, ok: bool | None) -> None:
        colour = ACCENT if ok is None else OK if ok else ERROR
        pen = QPen(colour, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(QBrush(colour))
        path = QPainterPath(self.start)
        path.lineTo(end)
        path.addEllipse(end, 3.5, 3.5)
        self.setPath(path)
