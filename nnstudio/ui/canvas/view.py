"""The canvas view: zoom, pan, rubber-band selection, palette drops, and the editing operations
the main window's actions call (delete, arrange, fully connect, …; copy/paste and duplicate:
view_clipboard.py).

Every edit is pushed on the undo stack as one command; the view never changes the document
itself, and the scene redraws from the document's events.
"""
from __future__ import annotations

import functools
import math

import numpy as np

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter, QTransform, QUndoStack
from PySide6.QtWidgets import QGraphicsView, QInputDialog, QWidget

from nnstudio.project import editing, layout, registry
from nnstudio.project.document import Document
from nnstudio.project.expansion import Part
from nnstudio.ui import mime
from nnstudio.ui.canvas.interactions import Interactions
from nnstudio.ui.canvas.edge_items import EdgeItem
from nnstudio.ui.canvas.expanded_items import UnitItem, WeightItem
from nnstudio.ui.canvas.items import NodeItem
from nnstudio.ui.canvas import placement
from nnstudio.ui.canvas.painters import draw_grid
from nnstudio.ui.canvas.scene import CanvasScene
from nnstudio.ui.canvas.view_clipboard import ClipboardEdits
from nnstudio.ui.commands.edits import AddNode, MoveNodes, SetEdgeWeight, add_items, remove_items
from nnstudio.ui.i18n import translate

MIN_ZOOM, MAX_ZOOM, FIT_MAX_ZOOM = 0.02, 4.0, 1.25
ZOOM_STEP = 1.25
FIT_MARGIN = 40          # screen pixels around the graph after fit_all
SPAN = 200_000.0         # the view's scene rect: room to pan anywhere
ADDED_KEPT = 50          # insertions remembered for placing the next one beside them


def ask_weight(parent: QWidget, edge_id: str, value: float) -> float | None:
    """Ask for a new edge weight; None when cancelled."""
    label = translate("CanvasView", "Weight of {edge}:").format(edge=edge_id)
    new, ok = QInputDialog.getDouble(parent, translate("CanvasView", "Edit weight"), label, value, -1e9, 1e9, 6)
    return new if ok else None


class CanvasView(ClipboardEdits, QGraphicsView):
    selectionChangedIds = Signal(list, list)     # node ids, edge ids
    partSelected = Signal(object)                # the one selected unit or weight (a Part), or None
    statusMessage = Signal(str)
    zoomChanged = Signal(float)                  # the new scale, 1.0 = 100 %

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.canvas_scene = CanvasScene(doc, self)
        # A fixed, huge rect: panning goes anywhere, and setScene need not measure every item.
        self.setSceneRect(-SPAN, -SPAN, 2 * SPAN, 2 * SPAN)
        self.setScene(self.canvas_scene)
        self.interactions = Interactions(self)
        self.ask_weight = ask_weight             # replaceable, e.g. by tests
        self._fit_pending = False
        self._paste_count = 0
        self._bottom_reserved = 0               # px an overlay (the Sample bar) keeps at the bottom
        self._added: list[list[str]] = []       # the nodes insert_kind added, newest last (placement.py)

        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.ContainsItemBoundingRect)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas_scene.selectionChanged.connect(self._emit_selection)
        self.centerOn(0, 0)

    def detach(self) -> None:
        """Stop following the document (the scene unsubscribes)."""
        self.interactions.cancel_connect()
        self.canvas_scene.detach()

    # --- selection -----------------------------------------------------------------------------
    def selected_ids(self) -> tuple[list[str], list[str]]:
        """Selected node ids and edge ids, each in document order."""
        items = self.canvas_scene.selectedItems()
        nodes = {i.node_id for i in items if isinstance(i, NodeItem)}
        edges = {i.edge_id for i in items if isinstance(i, EdgeItem)}
        project = self.doc.project
        return ([n.id for n in project.nodes if n.id in nodes], [e.id for e in project.edges if e.id in edges])

    def select_ids(self, node_ids, edge_ids=()) -> None:
        """Select exactly these nodes and edges (one selectionChangedIds)."""
        scene = self.canvas_scene
        scene.blockSignals(True)        # one notification instead of one per item
        try:
            scene.clearSelection()
            for node_id in node_ids:     # a drawn unit's id too (the Backprop walk's steps)
                item = scene.node_items.get(node_id) or scene.part_item(node_id)
                if item is not None:
                    item.setSelected(True)
            for edge_id in edge_ids:     # or a drawn weight's
                item = scene.edge_items[edge_id] if edge_id in scene.edge_items else scene.part_item(edge_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            scene.blockSignals(False)
        scene.selectionChanged.emit()

    def select_all(self) -> None:
        self.select_ids(list(self.canvas_scene.node_items), list(self.canvas_scene.edge_items))

    def selected_part(self) -> Part | None:
        """The drawn unit or weight of an expanded layer, when it is all that is selected."""
        items = self.canvas_scene.selectedItems()
        return items[0].part if len(items) == 1 and isinstance(items[0], (UnitItem, WeightItem)) else None

    def _emit_selection(self) -> None:
        self.selectionChangedIds.emit(*self.selected_ids())
        self.partSelected.emit(self.selected_part())

    # --- editing -----------------------------------------------------------------------------------
    def delete_selection(self) -> bool:
        nodes, edges = self.selected_ids()
        if not nodes and not edges:
            return False
        count = len(nodes) + len(edges)
        text = self.tr("Delete {count} item") if count == 1 else self.tr("Delete {count} items")
        self.stack.push(remove_items(self.doc, nodes, edges, text.format(count=count)))
        return True

    def forget_placement(self) -> None:
        """Another project: the next double-clicked entry goes to the view's centre again."""
        self._added = []

    def insert_kind(self, payload: dict, scene_pos: QPointF | None = None) -> list[str]:
        """Add what a palette entry describes at `scene_pos` (a drop), or without one (a double
        click) beside the nodes added last (see placement.py), else at the view's centre.
        Returns the new node ids (selected)."""
        project, kind = self.doc.project, payload.get("kind")
        count = payload.get("count", 3) if kind == mime.NEURON_COLUMN else 1
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 1000:
            self.statusMessage.emit(self.tr("A column holds 1 to 1,000 neurons"))
            return []
        if scene_pos is None:
            c = self.mapToScene(self.viewport().rect().center())
            x, y = placement.centre_beside(project, self._added, str(kind), count, (round(c.x()), round(c.y())))
        else:
            x, y = float(round(scene_pos.x())), float(round(scene_pos.y()))
        nodes = placement.new_nodes(project, str(kind), count, (x, y))
        if not nodes:
            self.statusMessage.emit(self.tr("Unknown node kind {kind}").format(kind=repr(kind)))
            return []
        ids = [n.id for n in nodes]
        inputs = [n.id for n in nodes if registry.kind(n.kind).category == "input"]  # listed at once
        text = (self.tr("Add {count} neurons").format(count=count) if kind == mime.NEURON_COLUMN
                else self.tr("Add {node}").format(node=ids[0]))
        self.stack.push(AddNode(self.doc, nodes[0]) if len(nodes) == 1 and not inputs
                        else add_items(self.doc, nodes, [], text, inputs=inputs))
        self._added = [*self._added[-(ADDED_KEPT - 1):], ids]
        self.select_ids(ids)
        if scene_pos is None:           # placed out of sight, perhaps: bring it into view
            items = [self.canvas_scene.node_items[i].sceneBoundingRect() for i in ids]
            self.ensureVisible(functools.reduce(QRectF.united, items), FIT_MARGIN, FIT_MARGIN)
        return ids

    def fully_connect_selection(self) -> bool:
        """Connect every node of the selection's leftmost column to every other selected node."""
        project = self.doc.project
        nodes, _ = self.selected_ids()
        left, right = editing.split_columns(project, nodes)
        right = [i for i in right if registry.kind(project.node(i).kind).category != "input"]
        if not left or not right:
            self.statusMessage.emit(self.tr("Nothing to connect: select two columns of nodes, "
                                            "the sources on the left"))
            return False
        edges = editing.fully_connect(project, left, right)
        if not edges:
            self.statusMessage.emit(self.tr("Nothing to connect: those nodes are already connected"))
            return False
        self.stack.push(add_items(self.doc, [], edges, self.tr("Fully connect ({count} connections)").format(
            count=len(edges))))
        text = self.tr("Added {count} connection") if len(edges) == 1 else self.tr("Added {count} connections")
        self.statusMessage.emit(text.format(count=len(edges)))
        return True

    def arrange(self) -> bool:
        """Lay the graph out left to right by depth, as one undoable move."""
        project = self.doc.project
        targets = layout.layered_positions(project)
        moves = {n.id: (tuple(n.pos), targets[n.id]) for n in project.nodes if tuple(n.pos) != targets[n.id]}
        if not moves:
            self.statusMessage.emit(self.tr("Already arranged"))
            return False
        command = MoveNodes(self.doc, moves)
        command.setText(self.tr("Arrange"))
        self.stack.push(command)
        self.fit_all()
        return True

    def edit_edge_weight(self, edge_id: str, value: float | None = None) -> bool:
        """Set the weight of an edge into a neuron (asking for it when `value` is None)."""
        scene = self.canvas_scene
        if not scene.is_weighted_edge(edge_id):
            self.statusMessage.emit(self.tr("Edges into layers carry no weight: the layer keeps its own"))
            return False
        current = self.doc.project.edge(edge_id).weight
        if value is None:
            if current is not None and np.ndim(current) != 0:
                self.statusMessage.emit(self.tr("{edge} holds several weights: edit them in the inspector").format(
                    edge=edge_id))
                return False
            value = self.ask_weight(self, edge_id, 0.0 if current is None else float(current))
            if value is None:
                return False
        if not math.isfinite(value):
            self.statusMessage.emit(self.tr("A weight must be a finite number"))
            return False
        self.stack.push(SetEdgeWeight(self.doc, edge_id, float(value), merge=False))
        return True

    # --- zoom and pan ------------------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    def _zoom_by(self, factor: float, anchor: QPoint | None = None) -> None:
        """Scale, keeping the scene point under `anchor` (default: the centre) where it is."""
        current = self.zoom()
        target = min(MAX_ZOOM, max(MIN_ZOOM, current * factor))
        if abs(target / current - 1) < 1e-9:
            return
        anchor = anchor if anchor is not None else self.viewport().rect().center()
        fixed = self.mapToScene(anchor)
        self.scale(target / current, target / current)
        drift = self.mapFromScene(fixed) - anchor
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + drift.x())
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + drift.y())
        self.zoomChanged.emit(target)

    def reserve_bottom(self, pixels: int) -> None:
        """Keep `pixels` at the viewport's bottom free of nodes when fitting (an overlay sits there)."""
        self._bottom_reserved = max(0, int(pixels))

    def fit_all(self) -> None:
        """Show every item with a margin (zooming in no further than 125 %), above the reserved
        strip at the bottom."""
        if not self.isVisible():
            self._fit_pending = True     # the viewport has no real size yet: fit when shown
            return
        self._fit_pending = False
        rect = self.canvas_scene.content_rect()
        if rect.isNull():
            self.setTransform(QTransform())
            self.centerOn(0, 0)
        else:
            reserved = min(self._bottom_reserved, self.viewport().height() // 3)
            w = max(1, self.viewport().width() - 2 * FIT_MARGIN)
            h = max(1, self.viewport().height() - 2 * FIT_MARGIN - reserved)
            scale = min(FIT_MAX_ZOOM, max(MIN_ZOOM, min(w / rect.width(), h / rect.height())))
            self.setTransform(QTransform.fromScale(scale, scale))
            # The content's centre goes to the middle of the area above the reserved strip.
            self.centerOn(rect.center() + QPointF(0, reserved / 2 / scale))
        self.zoomChanged.emit(self.zoom())

    def showEvent(self, event) -> None:   # noqa: N802
        super().showEvent(event)
        if self._fit_pending:
            self.fit_all()

    def wheelEvent(self, event) -> None:   # noqa: N802
        dy = event.angleDelta().y()
        if dy == 0:
            super().wheelEvent(event)
            return
        self._zoom_by(1.0015 ** dy, event.position().toPoint())    # one notch ≈ 20 %
        event.accept()

    def paintEvent(self, event) -> None:   # noqa: N802
        # Whoever changed the transform (setTransform, fitInView, …), the scene learns the
        # scale before painting: nodes switch between the far and the close-up drawing.
        self.canvas_scene.set_zoom(self.zoom())
        super().paintEvent(event)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:   # noqa: N802
        draw_grid(painter, rect, self.zoom())

    # --- mouse and keys ------------------------------------------------------------------------
    def mousePressEvent(self, event) -> None:   # noqa: N802
        self.canvas_scene.make_targets_near(self.mapToScene(event.position().toPoint()))
        if not self.interactions.press(event):
            super().mousePressEvent(event)
            self.interactions.pressed(event)

    def mouseMoveEvent(self, event) -> None:   # noqa: N802
        if not self.interactions.move(event):
            dragging = self.interactions.moving(event)
            super().mouseMoveEvent(event)
            if dragging:
                self.interactions.moved()

    def mouseReleaseEvent(self, event) -> None:   # noqa: N802
        band = self.mapToScene(self.rubberBandRect()).boundingRect() if not self.rubberBandRect().isNull() else None
        if not self.interactions.release(event):
            super().mouseReleaseEvent(event)
            if event.button() == Qt.MouseButton.LeftButton:
                self.interactions.end_move()
                if band is not None:        # a big project's edges inside get their items now
                    self.canvas_scene.select_more_edges(self.canvas_scene.edge_items.make_inside(band))

    def mouseDoubleClickEvent(self, event) -> None:   # noqa: N802
        self.canvas_scene.make_targets_near(self.mapToScene(event.position().toPoint()))
        item = self.itemAt(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and isinstance(item, EdgeItem) and self.isInteractive():
            self.edit_edge_weight(item.edge_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:   # noqa: N802
        if not self.interactions.key(event, pressed=True):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:   # noqa: N802
        if not self.interactions.key(event, pressed=False):
            super().keyReleaseEvent(event)

    # --- drops from the palette ----------------------------------------------------------------
    @staticmethod
    def _palette_entry(data: QMimeData) -> dict | None:
        payload = mime.palette_payload(data)
        kind = payload.get("kind") if payload else None
        return payload if kind == mime.NEURON_COLUMN or kind in registry.KINDS else None

    def dragEnterEvent(self, event) -> None:   # noqa: N802
        # Anything but a palette entry (e.g. files) is ignored so it reaches the main window.
        if self._palette_entry(event.mimeData()) is not None:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:   # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:   # noqa: N802
        payload = self._palette_entry(event.mimeData())
        if payload is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.insert_kind(payload, self.mapToScene(event.position().toPoint()))
        self.setFocus()
