"""Mouse gestures of the canvas, kept out of the items.

Connecting: press on an output port, drag a wire, release over a node. The proposed edge is
checked with `editing.connection_problem`; a refused one leaves the document untouched and the
view's status message says why. Moving: Qt moves the selected items while the mouse drags (the
document does not change); on release ONE MoveNodes command carries every moved node.
Panning: the middle button, or the left button while space is held, scrolls the view.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication

from nnstudio.project import editing
from nnstudio.project.model import Edge
from nnstudio.ui.canvas.edge_items import DragWire
from nnstudio.ui.canvas.items import NodeItem, PortItem
from nnstudio.ui.commands.edits import AddEdge, MoveNodes
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate

if TYPE_CHECKING:
    from nnstudio.ui.canvas.view import CanvasView


def _cannot_connect(problem: str) -> str:
    return translate("CanvasInteractions", "Cannot connect: {problem}").format(problem=error_text(problem))


class Interactions:
    """The canvas view's connect, move and pan gestures."""

    def __init__(self, view: "CanvasView") -> None:
        self.view = view
        self.wire: DragWire | None = None
        self.source: str | None = None
        self._press = QPoint()
        self._verdict: tuple[str, str | None] | None = None   # (target, problem) cached while hovering
        self._starts: dict[str, tuple[float, float]] = {}
        self._dragging = False
        self._pan_from: QPointF | None = None
        self._space_held = False

    # --- event entry points (the view calls these first; True means handled) --------------------
    def press(self, event: QMouseEvent) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_held):
            self._pan_from = event.position()
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        elif not (button == Qt.MouseButton.LeftButton and self.start_connect(event.position().toPoint())):
            return False
        event.accept()
        return True

    def pressed(self, event: QMouseEvent) -> None:
        """After Qt handled a press (selection, and maybe the start of a move)."""
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_move()

    def move(self, event: QMouseEvent) -> bool:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            bars = self.view.horizontalScrollBar(), self.view.verticalScrollBar()
            bars[0].setValue(bars[0].value() - round(delta.x()))
            bars[1].setValue(bars[1].value() - round(delta.y()))
        elif self.connecting:
            self.drag_connect(event.position().toPoint())
        else:
            return False
        event.accept()
        return True

    def release(self, event: QMouseEvent) -> bool:
        if self._pan_from is not None:
            self._pan_from = None
            self._set_hand()
        elif self.connecting and event.button() == Qt.MouseButton.LeftButton:
            self.finish_connect(event.position().toPoint())
        else:
            return False
        event.accept()
        return True

    def key(self, event: QKeyEvent, pressed: bool) -> bool:
        """Space held: the left button pans. Escape: drop the wire being drawn."""
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = pressed
            self._set_hand()
        elif event.key() == Qt.Key.Key_Escape and pressed and self.connecting:
            self.cancel_connect()
        else:
            return False
        event.accept()
        return True

    def _set_hand(self) -> None:
        if self._pan_from is not None:
            return
        if self._space_held:
            self.view.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.view.viewport().unsetCursor()

    # --- connecting --------------------------------------------------------------------------------
    @property
    def connecting(self) -> bool:
        return self.wire is not None

    def start_connect(self, viewport_pos: QPoint) -> bool:
        """Begin a wire when `viewport_pos` is on an output port; False otherwise (and always
        while the canvas is locked: setInteractive(False) only keeps events from the items)."""
        if not self.view.isInteractive():
            return False
        item = self.view.itemAt(viewport_pos)
        if not isinstance(item, PortItem) or item.role != "out":
            return False
        self.source = item.node_id
        self._press = QPoint(viewport_pos)
        self._verdict = None
        self.wire = DragWire(item.scenePos())
        self.view.canvas_scene.addItem(self.wire)
        return True

    def drag_connect(self, viewport_pos: QPoint) -> None:
        """Follow the mouse; the wire turns green over a node that accepts, red over one that refuses."""
        if not self._wire_alive():
            return
        scene_pos = self.view.mapToScene(viewport_pos)
        target = self.view.canvas_scene.node_at(scene_pos)
        ok: bool | None = None
        if target is not None and target != self.source:
            fresh = self._verdict is None or self._verdict[0] != target
            problem = self._problem(self.source, target)
            ok = problem is None
            if fresh:     # say it once per target, not on every mouse move
                self.view.statusMessage.emit(_cannot_connect(problem) if problem else translate(
                    "CanvasInteractions", "Release to connect {source} → {target}").format(source=self.source,
                                                                                          target=target))
            if ok:   # snap to where the edge will end
                scene_pos = self.view.canvas_scene.node_items[target].in_anchor()
        self.wire.set_end(scene_pos, ok)

    def finish_connect(self, viewport_pos: QPoint) -> str | None:
        """Release: push AddEdge, or say why not. Returns the new edge id, or None."""
        source = self.source
        self.cancel_connect()
        scene = self.view.canvas_scene
        target = scene.node_at(self.view.mapToScene(viewport_pos))
        moved = (viewport_pos - self._press).manhattanLength() >= QApplication.startDragDistance()
        if source is None or target is None or (target == source and not moved):
            return None      # released on nothing, or a click on the port: no message
        problem = self._problem(source, target)
        if problem is not None:
            self.view.statusMessage.emit(_cannot_connect(problem))
            return None
        project = self.view.doc.project
        edge = Edge(editing.fresh_id(project, "e"), source, target)
        self.view.stack.push(AddEdge(self.view.doc, edge))
        self.view.statusMessage.emit(translate("CanvasInteractions", "Connected {source} → {target}").format(
            source=source, target=target))
        return edge.id

    def cancel_connect(self) -> None:
        if self._wire_alive():
            self.view.canvas_scene.removeItem(self.wire)
        self.wire = None
        self.source = None

    def _wire_alive(self) -> bool:
        # A 'reset' mid-gesture clears the scene, which deletes the wire under us.
        return self.wire is not None and shiboken6.isValid(self.wire)

    def _problem(self, source: str, target: str) -> str | None:
        # connection_problem copies the project and infers shapes: ask once per hovered target.
        if self._verdict is None or self._verdict[0] != target:
            self._verdict = (target, editing.connection_problem(self.view.doc.project, source, target))
        return self._verdict[1]

    # --- moving ------------------------------------------------------------------------------------
    def begin_move(self) -> None:
        """After Qt handled the press: remember where every selected node starts."""
        positions = {n.id: n.pos for n in self.view.doc.project.nodes}
        self._starts = {i.node_id: positions[i.node_id] for i in self.view.canvas_scene.selectedItems()
                        if isinstance(i, NodeItem) and i.node_id in positions}
        self._dragging = False

    def moving(self, event: QMouseEvent) -> bool:
        """The mouse moves (before Qt moves the items). Once the left button drags nodes, their
        edges are 'live'. True while nodes are being dragged."""
        if not event.buttons() & Qt.MouseButton.LeftButton:
            return False
        if self._starts and not self._dragging:
            self._dragging = True
            self.view.canvas_scene.begin_drag(list(self._starts))
        return self._dragging

    def moved(self) -> None:
        """After Qt moved the items: their edges follow (the document does not change yet)."""
        self.view.canvas_scene.node_items_moved(list(self._starts))

    def end_move(self) -> bool:
        """After Qt handled the release: one MoveNodes with every node that moved (True if pushed)."""
        starts, self._starts = self._starts, {}
        scene = self.view.canvas_scene
        if self._dragging:
            scene.end_drag()
            self._dragging = False
        moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] = {}
        for node_id, old in starts.items():
            item = scene.node_items.get(node_id)
            if item is None:
                continue
            # whole pixels keep project files tidy; the item snaps when the command lands
            new = (float(round(item.pos().x())), float(round(item.pos().y())))
            if new != tuple(old):
                moves[node_id] = (tuple(old), new)
            elif item.pos() != QPointF(*old):
                item.setPos(*old)       # moved by less than half a pixel: put it back
                scene.node_items_moved([node_id])
        if not moves:
            return False
        self.view.stack.push(MoveNodes(self.view.doc, moves))
        return True
