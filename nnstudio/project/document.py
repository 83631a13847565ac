"""The open project plus ordered, synchronous change events. No Qt.

Every change goes through one method here, which changes the project and then emits exactly one
Event. Each method returns what an undo command needs to invert it exactly: the old value, or the
removed object and the index it was removed from. Views subscribe and update from events; they
read current values from `doc.project`.

Events are delivered in the order the changes happened. A change made by a subscriber while an
event is being delivered is applied at once, but its event waits until every subscriber has seen
the current one.

`revision` counts the changes: derived facts (validation, shapes; see project.analysis) are
computed once per revision and shared by every view.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnstudio.project import io
from nnstudio.project.model import DataSpec, Edge, EdgeWeight, History, Node, Project, TrainingSpec


@dataclass(frozen=True)
class Event:
    kind: str
    payload: dict[str, Any] = field(default_factory=dict)


Callback = Callable[[Event], None]


class Document:
    def __init__(self, project: Project | None = None) -> None:
        self._project = project if project is not None else Project()
        self._subscribers: list[Callback] = []
        self._queue: list[Event] = []
        self._emitting = False
        self._revision = 0
        # The node ids and the edge ids, kept up to date by the methods that add and remove, so
        # adding one of 100,000 edges does not rebuild a set of every id (see _id_sets).
        self._ids: tuple[set[str], set[str]] | None = None
        self._ids_counted: tuple[int, int] = (-1, -1)

    @property
    def project(self) -> Project:
        return self._project

    @property
    def revision(self) -> int:
        """How many changes have been made: one more after every change, never less."""
        return self._revision

    # --- events -------------------------------------------------------------------------------
    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call `callback(event)` after every change. Returns a function that unsubscribes."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)
        return unsubscribe

    def _emit(self, kind: str, **payload: Any) -> None:
        self._revision += 1          # the change is made: anything derived before it is stale
        self._queue.append(Event(kind, payload))
        if self._emitting:
            return
        self._emitting = True
        failure: BaseException | None = None
        try:
            while self._queue:
                event = self._queue.pop(0)
                for callback in list(self._subscribers):
                    try:
                        callback(event)
                    except Exception as exc:     # the other views must still hear about it
                        failure = failure or exc
        finally:
            self._emitting = False
        if failure is not None:
            raise failure

    # --- lookups ------------------------------------------------------------------------------
    def _node_index(self, node_id: str) -> int:
        for i, n in enumerate(self._project.nodes):
            if n.id == node_id:
                return i
        raise KeyError(node_id)

    def _edge_index(self, edge_id: str) -> int:
        for i, e in enumerate(self._project.edges):
            if e.id == edge_id:
                return i
        raise KeyError(edge_id)

    def _id_sets(self) -> tuple[set[str], set[str]]:
        """(node ids, edge ids). Rebuilt when the lists' lengths differ from what the sets were
        counted on: after a replace, or a change made to the lists outside these methods."""
        p = self._project
        counted = (len(p.nodes), len(p.edges))
        if self._ids is None or counted != self._ids_counted:
            self._ids = ({n.id for n in p.nodes}, {e.id for e in p.edges})
            self._ids_counted = counted
        return self._ids

    def _id_in_use(self, ident: str) -> bool:
        nodes, edges = self._id_sets()
        return ident in nodes or ident in edges

    def _count_ids(self, added: str | None = None, removed: str | None = None, edge: bool = False) -> None:
        """Keep the id sets in step with an add or remove just made (after _id_sets was current)."""
        if self._ids is None:
            return
        ids = self._ids[1 if edge else 0]
        if added is not None:
            ids.add(added)
        if removed is not None:
            ids.discard(removed)
        self._ids_counted = (len(self._project.nodes), len(self._project.edges))

    @staticmethod
    def _insert(items: list, item: Any, index: int | None) -> int:
        if index is None:
            index = len(items)
        if not 0 <= index <= len(items):
            raise IndexError(f"index {index} is outside 0..{len(items)}")
        items.insert(index, item)
        return index

    # --- nodes --------------------------------------------------------------------------------
    def add_node(self, node: Node, index: int | None = None) -> int:
        """Insert a copy of `node` (at the end, or at `index`). Returns the index. → node_added"""
        if self._id_in_use(node.id):
            raise ValueError(f"{node.id}: the id is already in use")
        index = self._insert(self._project.nodes, node.copy(), index)
        self._count_ids(added=node.id)
        self._emit("node_added", node_id=node.id, index=index)
        return index

    def remove_node(self, node_id: str) -> tuple[Node, int]:
        """Remove a node no edge touches and that is not listed in inputs/outputs (remove those
        first). Returns (node, index) for add_node. → node_removed"""
        index = self._node_index(node_id)
        touching = [e.id for e in self._project.edges if node_id in (e.source, e.target)]
        if touching:
            raise ValueError(f"{node_id}: remove its connections first ({', '.join(touching)})")
        for name in ("inputs", "outputs"):
            if node_id in getattr(self._project, name):
                raise ValueError(f"{node_id}: remove it from {name} first")
        self._id_sets()
        node = self._project.nodes.pop(index)
        self._count_ids(removed=node_id)
        self._emit("node_removed", node_id=node_id, index=index, node=node)
        return node, index

    def move_node(self, node_id: str, pos: tuple[float, float]) -> tuple[float, float]:
        """Returns the old position. → node_moved"""
        node = self._project.node(node_id)
        old = node.pos
        node.pos = (float(pos[0]), float(pos[1]))
        self._emit("node_moved", node_id=node_id, pos=node.pos, old_pos=old)
        return old

    def set_node_config(self, node_id: str, config: dict[str, Any]) -> dict[str, Any]:
        """Replace the node's config (stored as given; validation checks it). Returns the old
        config. → node_changed"""
        node = self._project.node(node_id)
        old = node.config
        node.config = copy.deepcopy(config)
        self._emit("node_changed", node_id=node_id, field="config")
        return old

    def set_node_label(self, node_id: str, label: str) -> str:
        """Returns the old label. → node_changed"""
        node = self._project.node(node_id)
        old = node.label
        node.label = str(label)
        self._emit("node_changed", node_id=node_id, field="label")
        return old

    def set_node_params(self, node_id: str, params: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Replace all the node's arrays (copies are stored). Returns the old dict. → node_params_changed"""
        node = self._project.node(node_id)
        old = node.params
        node.params = {k: np.array(v, dtype=np.float64, copy=True) for k, v in params.items()}
        self._emit("node_params_changed", node_id=node_id)
        return old

    # --- edges --------------------------------------------------------------------------------
    def add_edge(self, edge: Edge, index: int | None = None) -> int:
        """Insert a copy of `edge` between existing nodes. Returns the index. → edge_added"""
        if self._id_in_use(edge.id):
            raise ValueError(f"{edge.id}: the id is already in use")
        nodes = self._id_sets()[0]
        for end in (edge.source, edge.target):
            if end not in nodes:
                raise ValueError(f"{edge.id}: there is no node {end!r}")
        index = self._insert(self._project.edges, edge.copy(), index)
        self._count_ids(added=edge.id, edge=True)
        self._emit("edge_added", edge_id=edge.id, index=index)
        return index

    def remove_edge(self, edge_id: str) -> tuple[Edge, int]:
        """Returns (edge, index) for add_edge. → edge_removed"""
        index = self._edge_index(edge_id)
        self._id_sets()
        edge = self._project.edges.pop(index)
        self._count_ids(removed=edge_id, edge=True)
        self._emit("edge_removed", edge_id=edge_id, index=index, edge=edge)
        return edge, index

    def set_edge_weight(self, edge_id: str, weight: EdgeWeight) -> EdgeWeight:
        """A float, a 1-d array, or None (initialise from the target's `init`). Returns the old
        weight. → edge_changed"""
        edge = self._project.edge(edge_id)
        old = edge.weight
        edge.weight = np.array(weight, dtype=np.float64, copy=True) if isinstance(weight, (np.ndarray, list)) else (
            None if weight is None else float(weight))
        self._emit("edge_changed", edge_id=edge_id, field="weight")
        return old

    def set_edge_trainable(self, edge_id: str, trainable: bool) -> bool:
        """Returns the old flag. → edge_changed"""
        edge = self._project.edge(edge_id)
        old = edge.trainable
        edge.trainable = bool(trainable)
        self._emit("edge_changed", edge_id=edge_id, field="trainable")
        return old

    # --- project-wide -------------------------------------------------------------------------
    def set_inputs(self, ids: list[str]) -> list[str]:
        """Returns the old list. → io_changed"""
        old, self._project.inputs = self._project.inputs, list(ids)
        self._emit("io_changed", which="inputs")
        return old

    def set_outputs(self, ids: list[str]) -> list[str]:
        """Returns the old list. → io_changed"""
        old, self._project.outputs = self._project.outputs, list(ids)
        self._emit("io_changed", which="outputs")
        return old

    def set_data(self, data: DataSpec) -> DataSpec:
        """Returns the old spec. → data_changed"""
        old, self._project.data = self._project.data, copy.deepcopy(data)
        self._emit("data_changed")
        return old

    def set_training(self, training: TrainingSpec) -> TrainingSpec:
        """Returns the old spec. → training_changed"""
        old, self._project.training = self._project.training, copy.deepcopy(training)
        self._emit("training_changed")
        return old

    def set_history(self, history: History) -> History:
        """Returns the old history. → history_changed"""
        old, self._project.history = self._project.history, copy.deepcopy(history)
        self._emit("history_changed")
        return old

    def set_meta(self, meta: dict[str, str]) -> dict[str, str]:
        """Returns the old meta. → meta_changed"""
        old, self._project.meta = self._project.meta, dict(meta)
        self._emit("meta_changed")
        return old

    # --- view settings ----------------------------------------------------------------------
    def expanded(self) -> list[str]:
        """The ids of the nodes the canvas draws as their units, in the order they were opened.
        Ids the project no longer holds are left out."""
        ids = self._id_sets()[0]
        return [i for i in self._project.view.get("expanded", []) if i in ids]

    def set_expanded(self, ids: list[str]) -> list[str]:
        """Which nodes the canvas draws as their units. A view setting saved with the file, not an
        edit: the caller puts nothing on the undo stack. Returns the old list. → view_changed"""
        old = list(self._project.view.get("expanded", []))
        new = list(dict.fromkeys(str(i) for i in ids))
        if new:
            self._project.view["expanded"] = new
        else:
            self._project.view.pop("expanded", None)
        self._emit("view_changed", expanded=list(new))
        return old

    def replace(self, project: Project) -> Project:
        """Swap in another project (open, new, revert). Returns the old one. → reset"""
        old, self._project = self._project, project
        self._emit("reset")
        return old

    def to_dict(self) -> dict[str, Any]:
        return io.project_to_dict(self._project)
