"""The scene's tooltips, computed when asked so they always show current values, and the hit
targets made on demand under the mouse first. A base class of CanvasScene (scene.py), whose
indexes (`_edges`, `_nodes`, `_shapes`, the problems) it reads."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHelpEvent, QToolTip

from nnstudio.ui.canvas import looks
from nnstudio.ui.canvas.edge_items import EdgeItem
from nnstudio.ui.canvas.expanded_items import UnitItem, WeightItem
from nnstudio.ui.canvas.items import NodeItem, PortItem


class Tooltips:
    """Mixed into CanvasScene."""

    def tooltip_for(self, item: QGraphicsItem) -> str:
        """Tooltip text, computed when asked so it always shows current values."""
        if isinstance(item, PortItem):
            return self.tr("Drag to another node to connect") if item.role == "out" else ""
        if isinstance(item, (UnitItem, WeightItem)):
            return self.part_tooltip(item.part)
        if isinstance(item, EdgeItem) and item.edge_id in self._edges:
            edge = self._edges[item.edge_id]
            return looks.edge_tooltip(edge, self.is_weighted_edge(edge.id, edge),
                                      self._edge_problems.get(edge.id, []))
        if isinstance(item, NodeItem) and item.node_id in self._nodes:
            node = self._nodes[item.node_id]
            return looks.node_tooltip(node, self._shapes.get(node.id), self._node_problems.get(node.id, []))
        return ""

    def make_targets_near(self, pos: QPointF) -> None:
        """Before Qt looks for items at `pos`: the edge or drawn weight there gets its hit target."""
        self.edge_items.make_near(pos)
        if self.weight_lines:
            self.make_weight_near(pos)

    def helpEvent(self, event: QGraphicsSceneHelpEvent) -> None:   # noqa: N802
        self.make_targets_near(event.scenePos())
        for item in self.items(event.scenePos()):
            text = self.tooltip_for(item)
            if text:
                QToolTip.showText(event.screenPos(), text, event.widget())
                event.accept()
                return
        QToolTip.hideText()
        event.ignore()
