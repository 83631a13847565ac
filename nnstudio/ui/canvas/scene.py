"""The canvas scene: a mirror of the document, kept current by the document's events.

It maps node ids to NodeItems and edge ids to EdgeItems, computes what each item shows (labels,
activation glyphs, output shapes, in/out badges, edge colours) and, ~100 ms after the last change,
marks offending items from the document's analysis (project.analysis: validation and shapes,
once per revision, shared with the Problems panel and the inspector). It never changes the document.
"""
from __future__ import annotations

import gc
import math
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene, QWidget

from nnstudio.project import registry
from nnstudio.project.analysis import analyse
from nnstudio.project.document import Document, Event
from nnstudio.project.model import Edge, Node
from nnstudio.project.registry import Shape
from nnstudio.project.validation import Problem
from nnstudio.ui.canvas import looks
from nnstudio.ui.canvas.badges import badges as badges_of
from nnstudio.ui.canvas.edge_index import EdgeItems
from nnstudio.ui.canvas.edge_items import EdgeItem
from nnstudio.ui.canvas.items import LOD_TEXT, NodeItem, NodeLook, PortItem
from nnstudio.ui.canvas.painters import EdgeLayer, EdgeStyle, NodeLayer, Segment
from nnstudio.ui.canvas.scene_edge_weights import EdgeWeights
from nnstudio.ui.canvas.scene_expanded import ExpandedLayers
from nnstudio.ui.canvas.scene_tooltips import Tooltips
from nnstudio.ui.canvas.scene_support import added, category, segment, subscribe_weakly

REFRESH_MS = 100


class CanvasScene(Tooltips, ExpandedLayers, EdgeWeights, QGraphicsScene):
    """Built from a Document; follows its events until `detach()`."""

    problemsChanged = Signal(list)      # every Problem of the last validation pass

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.node_items: dict[str, NodeItem] = {}
        self.problems: list[Problem] = []
        # Lookup indexes into doc.project (kept in step by events): Project.node()/edge() scan lists.
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}
        self._node_edges: dict[str, set[str]] = {}
        self._node_problems: dict[str, list[Problem]] = {}
        self._edge_problems: dict[str, list[Problem]] = {}
        self._shapes: dict[str, Shape | None] = {}
        self._highlighted: set[str] = set()
        self._far = True              # zoomed far out: the NodeLayer draws the nodes (see set_zoom)
        self.edge_share = 1.0         # the strongest share of weighted edges drawn (set_edge_share)
        self._reset_expanded()
        self._add_layers()
        # Every edge id → its hit target; big projects make them on demand (edge_index.py).
        self.edge_items = EdgeItems(self.addItem, self.removeItem, self.layer.segment, self.layer.hidden_edges)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_now)
        self.selectionChanged.connect(self._on_selection)
        self._unsubscribe: Callable[[], None] | None = subscribe_weakly(doc, self)
        self.rebuild()

    def _add_layers(self) -> None:
        self.layer = EdgeLayer()
        self.layer.set_share(self.edge_share)
        self.node_layer = NodeLayer(self.node_items)
        self.node_layer.set_active(self._far)
        self.addItem(self.layer)
        self.addItem(self.node_layer)

    # --- lifetime ----------------------------------------------------------------------------------
    def detach(self) -> None:
        """Stop following the document (call before dropping the scene; safe to call twice)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self._timer.stop()

    # --- building ----------------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Throw every item away and build them again from the document (on open and 'reset')."""
        # Opening a big project makes ~100,000 Python objects; the cyclic garbage collector would
        # walk the growing heap again and again meanwhile (none of them are garbage yet).
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._rebuild()
        finally:
            if collecting:
                gc.enable()

    def _rebuild(self) -> None:
        had_selection = False
        if self.node_items or self.edge_items:
            self.node_items = {}
            self._highlighted = set()
            had_selection = bool(self.selectedItems())
            with QSignalBlocker(self):      # clear() reports the selection gone while the layers are deleted
                self.clear()                # one call instead of thousands of removeItem()
            self._add_layers()
            self.edge_items = EdgeItems(self.addItem, self.removeItem, self.layer.segment, self.layer.hidden_edges)
        project = self.doc.project
        self._reset_expanded()
        self._nodes = {n.id: n for n in project.nodes}
        self._edges = {e.id: e for e in project.edges}
        self._node_edges = {i: set() for i in self._nodes}
        self._node_problems, self._edge_problems = {}, {}
        # Only layer blocks show shapes; for neuron-only graphs the debounced pass is soon enough.
        has_layers = any(category(n.kind) not in ("neuron", "input") for n in project.nodes)
        self._shapes = self._infer_shapes() if has_layers else {}
        badges = badges_of(project)
        ends: dict[str, tuple[float, float, float]] = {}     # node id → (out x, in x, y)
        for node in project.nodes:
            look = looks.node_look(node, self._shapes.get(node.id), badges.get(node.id, ""))
            item = self._expanded_item(node, look) or NodeItem(node.id, look, node.pos, self._far)
            self.addItem(item)
            self.node_items[node.id] = item
            out_dx, in_dx = item.anchors()
            ends[node.id] = (node.pos[0] + out_dx, node.pos[0] + in_dx, node.pos[1])
        # The hot loop of opening a big project: plain tuples, one bulk hand-over to the layer.
        segs: dict[str, Segment] = {}
        styles: dict[str, EdgeStyle] = {}
        edge_ends: dict[str, tuple[str, str]] = {}
        node_edges = self._node_edges
        for edge in project.edges:
            a, b = ends.get(edge.source), ends.get(edge.target)
            if a is None or b is None or self._drawn_as_weights(edge):
                continue        # a dangling edge in a broken file (validation reports it), or drawn as W
            segs[edge.id] = (a[0], a[2], b[1], b[2])
            edge_ends[edge.id] = (edge.source, edge.target)
            node_edges[edge.source].add(edge.id)
            node_edges[edge.target].add(edge.id)
            styles[edge.id] = self._edge_style(edge)
        # |weight| per edge matters only while thinning (set_edge_share gathers them when it starts)
        self.layer.set_edges(segs, styles, {e: self._strength(e) for e in segs} if self.edge_share < 1 else None)
        self.edge_items.reset(edge_ends)
        self._build_weight_lines()
        self.node_layer.invalidate()
        # Qt's BSP index picks a depth once, for the item count it first sees (often a nearly
        # empty scene): set one that keeps hit tests fast for this many items.
        count = 3 * len(self.node_items) + len(self.edge_items.made())     # nodes have two ports
        self.setBspTreeDepth(min(12, max(5, int(math.log2(count + 1)) - 2)))
        self.schedule_refresh()
        if had_selection:
            self.selectionChanged.emit()    # now empty

    def _add_edge_item(self, edge: Edge) -> None:
        source, target = self.node_items.get(edge.source), self.node_items.get(edge.target)
        if source is None or target is None or self._drawn_as_weights(edge):
            return          # a dangling edge in a broken file (validation reports it), or drawn as W
        seg = segment(source, target)
        self._node_edges[edge.source].add(edge.id)
        self._node_edges[edge.target].add(edge.id)
        self.layer.set_edges({edge.id: seg}, {edge.id: self._edge_style(edge)},
                             {edge.id: self._strength(edge.id)} if self.edge_share < 1 else None)
        self.edge_items.add(edge.id, edge.source, edge.target)

    # --- document events -----------------------------------------------------------------------
    def on_event(self, event: Event) -> None:
        if self._touches_expanded(event):
            self.rebuild()          # units, weights or their lines change: rare, and cheap enough
            return
        handler = getattr(self, "_on_" + event.kind, None)
        if handler is not None:
            handler(event.payload)
        elif event.kind != "history_changed":     # data/training/meta can change the problems
            self.schedule_refresh()

    def _on_reset(self, _payload: dict) -> None:
        self.rebuild()

    def _on_node_added(self, payload: dict) -> None:
        node = added(self.doc.project.nodes, payload)
        self._nodes[node.id] = node
        self._node_edges[node.id] = set()
        item = NodeItem(node.id, self._look(node), node.pos, self._far)
        self.addItem(item)
        self.node_items[node.id] = item
        self.node_layer.invalidate()
        self.schedule_refresh()

    def _on_node_removed(self, payload: dict) -> None:
        node_id = payload["node_id"]
        item = self.node_items.pop(node_id, None)
        for edge_id in list(self._node_edges.pop(node_id, ())):   # normally none are left
            self._drop_edge(edge_id)
        if item is not None:
            self.removeItem(item)
        self._nodes.pop(node_id, None)
        self.node_layer.invalidate()
        self.schedule_refresh()

    def _on_node_moved(self, payload: dict) -> None:
        item = self.node_items.get(payload["node_id"])
        x, y = payload["pos"]
        if item is not None and (item.pos().x(), item.pos().y()) != (x, y):
            item.setPos(x, y)
            self.node_items_moved([item.node_id])

    def _on_node_changed(self, payload: dict) -> None:
        node_id = payload["node_id"]
        if node_id in self.node_items:
            self.node_items[node_id].set_look(self._look(self._nodes[node_id]))
            self.node_layer.invalidate()
        self.schedule_refresh()

    def _on_edge_added(self, payload: dict) -> None:
        edge = added(self.doc.project.edges, payload, "edge_id")
        self._edges[edge.id] = edge
        self._add_edge_item(edge)
        self.schedule_refresh()

    def _on_edge_removed(self, payload: dict) -> None:
        self._drop_edge(payload["edge_id"])
        self.schedule_refresh()

    def _drop_edge(self, edge_id: str) -> None:
        edge = self._edges.pop(edge_id, None)
        self.edge_items.remove(edge_id)
        self.layer.remove(edge_id)
        self._highlighted.discard(edge_id)
        if edge is not None:
            for end in (edge.source, edge.target):
                self._node_edges.get(end, set()).discard(edge_id)

    def _on_edge_changed(self, payload: dict) -> None:
        edge = self._edges.get(payload["edge_id"])
        if edge is not None and edge.id in self.edge_items:
            self.layer.set_style(edge.id, self._edge_style(edge))
            if self.edge_share < 1:
                self.layer.set_strengths({edge.id: self._strength(edge.id)})
        self.schedule_refresh()

    def _on_node_params_changed(self, payload: dict) -> None:
        self._refresh_layer_weights([payload["node_id"]])
        self.schedule_refresh()

    def _on_io_changed(self, _payload: dict) -> None:
        self._restyle_nodes()
        self.schedule_refresh()

    # --- what items show ---------------------------------------------------------------------
    def _infer_shapes(self) -> dict[str, Shape | None]:
        # {} on a cycle or a broken config: validation says what is wrong.
        return analyse(self.doc).output_shapes()

    def _look(self, node: Node, badges: dict[str, str] | None = None) -> NodeLook:
        badges = badges_of(self.doc.project) if badges is None else badges
        return looks.node_look(node, self._shapes.get(node.id), badges.get(node.id, ""))

    def _restyle_nodes(self) -> None:
        badges = badges_of(self.doc.project)
        for node_id, item in self.node_items.items():
            item.set_look(self._look(self._nodes[node_id], badges))
        self.node_layer.invalidate()

    def _edge_style(self, edge: Edge) -> EdgeStyle:
        problems = self._edge_problems.get(edge.id) if self._edge_problems else None
        bad = bool(problems) and any(p.severity == "error" for p in problems)
        return looks.edge_style(edge, self.is_weighted_edge(edge.id, edge), bad)

    def edge_style(self, edge_id: str) -> EdgeStyle | None:
        """How the edge is drawn now (colour by sign, width by |weight|)."""
        edge = self._edges.get(edge_id)
        return self._edge_style(edge) if edge is not None else None

    def output_shape(self, node_id: str) -> Shape | None:
        return self._shapes.get(node_id)

    def is_weighted_edge(self, edge_id: str, edge: Edge | None = None) -> bool:
        """True for an edge into a node whose incoming edges carry its weights (a neuron): it
        carries a weight the user can edit."""
        edge = edge or self._edges.get(edge_id)
        target = self._nodes.get(edge.target) if edge else None
        kind = registry.KINDS.get(target.kind) if target is not None else None
        return kind is not None and kind.weighted_inputs

    # --- validation --------------------------------------------------------------------------------
    def schedule_refresh(self) -> None:
        """Validate ~100 ms after the last change: many edits in a row cost one pass."""
        self._timer.start()

    def refresh_now(self) -> None:
        """Mark problems, update output shapes and edge colours from the current analysis."""
        self._timer.stop()
        analysis = analyse(self.doc)
        problems = analysis.problems()
        self._shapes = analysis.output_shapes()
        nodes: dict[str, list[Problem]] = {}
        edges: dict[str, list[Problem]] = {}
        for p in problems:
            if p.node_id is not None:
                nodes.setdefault(p.node_id, []).append(p)
            elif p.edge_id is not None:
                edges.setdefault(p.edge_id, []).append(p)
        old_nodes, old_edges = self._node_problems, self._edge_problems
        self._node_problems, self._edge_problems, self.problems = nodes, edges, problems
        for node_id in old_nodes.keys() | nodes.keys():
            if node_id in self.node_items:
                self.node_items[node_id].set_problem(looks.level(nodes.get(node_id, [])))
        for edge_id in old_edges.keys() | edges.keys():
            if edge_id in self.edge_items and edge_id in self._edges:
                self.layer.set_style(edge_id, self._edge_style(self._edges[edge_id]))
        self._restyle_nodes()
        self.problemsChanged.emit(problems)

    def problems_for(self, item_id: str) -> list[Problem]:
        """Problems of the last validation pass anchored to this node or edge id."""
        return list(self._node_problems.get(item_id, ())) + list(self._edge_problems.get(item_id, ()))

    # --- what the view and the interactions call ---------------------------------------------------
    def node_items_moved(self, node_ids: list[str]) -> None:
        """These node items moved (a drag, or the document): their edges follow."""
        nodes, ends = self.node_items, self.edge_items.ends
        segs: dict[str, Segment] = {}
        for node_id in node_ids:
            for edge_id in self._node_edges.get(node_id, ()):
                if edge_id not in segs:
                    source, target = ends(edge_id)
                    segs[edge_id] = segment(nodes[source], nodes[target])
        self.edge_items.moved(segs)
        self.layer.set_segments(segs)
        self._weight_lines_moved(node_ids)
        self.node_layer.invalidate()

    def begin_drag(self, node_ids: list[str]) -> None:
        """Edges of these nodes are redrawn one by one while they move (no path rebuilds)."""
        self.layer.set_live({e for n in node_ids for e in self._node_edges.get(n, ())})
        self._weights_drag(node_ids)

    def end_drag(self) -> None:
        self.layer.set_live(set())
        self._weights_drag([])

    def set_zoom(self, scale: float) -> None:
        """The view's scale changed. Below the scale where text is readable, the NodeLayer
        draws every node in a few calls instead of a Python paint call per node."""
        far = scale < LOD_TEXT
        if far != self._far:
            self._far = far
            for item in self.node_items.values():
                item.set_far(far)
            self.node_layer.set_active(far)

    def content_rect(self) -> QRectF:
        """The scene rectangle every node (with its label and badge) occupies; null when empty."""
        rect = QRectF()
        for item in self.node_items.values():
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def node_at(self, scene_pos: QPointF) -> str | None:
        """The id of the node (or its port) under `scene_pos`, topmost first."""
        for item in self.items(scene_pos):
            if isinstance(item, (NodeItem, PortItem)):
                return item.node_id
        return None

    def _on_selection(self) -> None:
        """Selected edges paint their own highlight; the far-zoom node layer shows selection too."""
        self.node_layer.invalidate()
        selected = {i.edge_id for i in self.selectedItems() if isinstance(i, EdgeItem)}
        for edge_id in self._highlighted - selected:
            if edge_id in self.edge_items:
                self.edge_items[edge_id].set_highlight(False)
        for edge_id in selected - self._highlighted:
            self.edge_items[edge_id].set_highlight(True)
        self._highlighted = selected
        self.edge_items.drop_unused(selected)       # on-demand hit targets of a big project

    def select_more_edges(self, edge_ids: list[str]) -> None:
        """Add these edges to the selection (one selectionChanged)."""
        if edge_ids:
            with QSignalBlocker(self):
                for edge_id in edge_ids:
                    self.edge_items[edge_id].setSelected(True)
            self.selectionChanged.emit()

