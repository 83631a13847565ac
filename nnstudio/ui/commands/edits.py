"""Undo commands. Each changes only the document; views follow the document's events.

Compound edits (delete a node with its edges, paste, fully connect) are a `Compound` whose steps
are these atomic commands: redo runs them in order, undo in reverse. The steps are kept in a
Python list rather than as Qt child commands: PySide6 (6.11) crashes when a parent QUndoCommand
owns children that are Python subclasses. `push` on a QUndoStack runs redo() once, so every
command does its work there.
"""
from __future__ import annotations

import copy
from typing import Any

import numpy as np
from PySide6.QtGui import QUndoCommand

from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec, Edge, History, Node, TrainingSpec
from nnstudio.ui.i18n import translate

# A command's text is shown in Edit ▸ Undo … and the History: translate("EditCommands", ...).

def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except ValueError:          # arrays compare element by element
        return False


class Compound(QUndoCommand):
    """One undo step made of several commands."""

    def __init__(self, text: str, steps: list[QUndoCommand] | None = None):
        super().__init__(text)
        self.steps: list[QUndoCommand] = list(steps or [])

    def add(self, step: QUndoCommand) -> QUndoCommand:
        self.steps.append(step)
        return step

    def redo(self) -> None:
        for step in self.steps:
            step.redo()

    def undo(self) -> None:
        for step in reversed(self.steps):
            step.undo()


# Ids for mergeWith: consecutive edits of the same field merge into one undo step.
_MERGE_CONFIG, _MERGE_WEIGHT, _MERGE_TRAINING, _MERGE_LABEL, _MERGE_META, _MERGE_DATA, _MERGE_PARAM = range(1, 8)


class AddNode(QUndoCommand):
    def __init__(self, doc: Document, node: Node, index: int | None = None):
        super().__init__(translate("EditCommands", "Add {name}").format(name=node.label or node.id))
        self.doc, self.node, self.index = doc, node.copy(), index

    def redo(self) -> None:
        self.index = self.doc.add_node(self.node, self.index)

    def undo(self) -> None:
        self.doc.remove_node(self.node.id)


class RemoveNodeOnly(QUndoCommand):
    """Removes a node nothing refers to any more (see `remove_nodes`)."""

    def __init__(self, doc: Document, node_id: str):
        super().__init__(translate("EditCommands", "Delete {id}").format(id=node_id))
        self.doc, self.node_id = doc, node_id
        self.node: Node | None = None
        self.index = 0

    def redo(self) -> None:
        self.node, self.index = self.doc.remove_node(self.node_id)

    def undo(self) -> None:
        self.doc.add_node(self.node, self.index)


class AddEdge(QUndoCommand):
    def __init__(self, doc: Document, edge: Edge, index: int | None = None):
        super().__init__(translate("EditCommands", "Connect {source} → {target}").format(source=edge.source,
                                                                                         target=edge.target))
        self.doc, self.edge, self.index = doc, edge.copy(), index

    def redo(self) -> None:
        self.index = self.doc.add_edge(self.edge, self.index)

    def undo(self) -> None:
        self.doc.remove_edge(self.edge.id)


class RemoveEdge(QUndoCommand):
    def __init__(self, doc: Document, edge_id: str):
        super().__init__(translate("EditCommands", "Delete connection {id}").format(id=edge_id))
        self.doc, self.edge_id = doc, edge_id
        self.edge: Edge | None = None
        self.index = 0

    def redo(self) -> None:
        self.edge, self.index = self.doc.remove_edge(self.edge_id)

    def undo(self) -> None:
        self.doc.add_edge(self.edge, self.index)


class SetInputsOutputs(QUndoCommand):
    def __init__(self, doc: Document, which: str, ids: list[str]):
        super().__init__(translate("EditCommands", "Set inputs") if which == "inputs" else
                         translate("EditCommands", "Set outputs"))
        self.doc, self.which, self.new = doc, which, list(ids)
        self.old: list[str] = []

    def redo(self) -> None:
        setter = self.doc.set_inputs if self.which == "inputs" else self.doc.set_outputs
        self.old = setter(self.new)

    def undo(self) -> None:
        setter = self.doc.set_inputs if self.which == "inputs" else self.doc.set_outputs
        setter(self.old)


def remove_items(doc: Document, node_ids: list[str], edge_ids: list[str] = (), text: str = "") -> Compound:
    """One undo step deleting nodes (with every edge touching them and their inputs/outputs
    entries) and edges: edges first, then the io lists, then the nodes ("Delete" when no `text`)."""
    project = doc.project
    compound = Compound(text or translate("EditCommands", "Delete"))
    doomed_nodes = [n for n in node_ids if n in set(project.node_ids())]
    gone = set(doomed_nodes)
    doomed_edges = [e.id for e in project.edges if e.id in set(edge_ids) or e.source in gone or e.target in gone]
    for edge_id in doomed_edges:
        compound.add(RemoveEdge(doc, edge_id))
    for which in ("inputs", "outputs"):
        current = getattr(project, which)
        if any(i in gone for i in current):
            compound.add(SetInputsOutputs(doc, which, [i for i in current if i not in gone]))
    for node_id in doomed_nodes:
        compound.add(RemoveNodeOnly(doc, node_id))
    return compound


class MoveNodes(QUndoCommand):
    """A whole drag: pushed once, on mouse release, with every moved node's start and end."""

    def __init__(self, doc: Document, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]):
        super().__init__(translate("EditCommands", "Move") if len(moves) != 1 else
                         translate("EditCommands", "Move {id}").format(id=next(iter(moves))))
        self.doc, self.moves = doc, dict(moves)

    def redo(self) -> None:
        for node_id, (_, new) in self.moves.items():
            self.doc.move_node(node_id, new)

    def undo(self) -> None:
        for node_id, (old, _) in self.moves.items():
            self.doc.move_node(node_id, old)


class SetNodeConfig(QUndoCommand):
    """Replace a node's config; edits of the same key of the same node in a row merge."""

    def __init__(self, doc: Document, node_id: str, config: dict[str, Any], key: str = ""):
        super().__init__(translate("EditCommands", "Change {id} {setting}").format(id=node_id, setting=key) if key
                         else translate("EditCommands", "Change {id}").format(id=node_id))
        self.doc, self.node_id, self.key = doc, node_id, key
        self.old = copy.deepcopy(doc.project.node(node_id).config)
        self.new = copy.deepcopy(config)

    def id(self) -> int:
        return _MERGE_CONFIG if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodeConfig) or (other.node_id, other.key) != (self.node_id, self.key):
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_node_config(self.node_id, self.new)

    def undo(self) -> None:
        self.doc.set_node_config(self.node_id, self.old)


class SetNodeLabel(QUndoCommand):
    def __init__(self, doc: Document, node_id: str, label: str):
        super().__init__(translate("EditCommands", "Rename {id}").format(id=node_id))
        self.doc, self.node_id, self.new = doc, node_id, label
        self.old = doc.project.node(node_id).label

    def id(self) -> int:
        return _MERGE_LABEL

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodeLabel) or other.node_id != self.node_id:
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_node_label(self.node_id, self.new)

    def undo(self) -> None:
        self.doc.set_node_label(self.node_id, self.old)


class SetNodeParams(QUndoCommand):
    def __init__(self, doc: Document, node_id: str, params: dict, text: str = ""):
        super().__init__(text or translate("EditCommands", "Change {id} parameters").format(id=node_id))
        self.doc, self.node_id = doc, node_id
        self.old = {k: v.copy() for k, v in doc.project.node(node_id).params.items()}
        self.new = {k: v.copy() for k, v in params.items()}

    def redo(self) -> None:
        self.doc.set_node_params(self.node_id, self.new)

    def undo(self) -> None:
        self.doc.set_node_params(self.node_id, self.old)


class SetNodeParam(SetNodeParams):
    """Replace one array of a node; consecutive edits of the same array merge (typing a bias)."""

    def __init__(self, doc: Document, node_id: str, name: str, value: Any):
        params = {**doc.project.node(node_id).params, name: np.asarray(value, dtype=np.float64)}
        super().__init__(doc, node_id, params, translate("EditCommands", "Change {id} {array}").format(
            id=node_id, array=name))
        self.name = name

    def id(self) -> int:
        return _MERGE_PARAM

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetNodeParam) or (other.node_id, other.name) != (self.node_id, self.name):
            return False
        self.new = other.new
        old = self.old.get(self.name)
        self.setObsolete(old is not None and np.array_equal(old, self.new[self.name]))
        return True


class SetEdgeWeight(QUndoCommand):
    def __init__(self, doc: Document, edge_id: str, weight: Any, merge: bool = True):
        super().__init__(translate("EditCommands", "Change weight {id}").format(id=edge_id))
        self.doc, self.edge_id, self.merge = doc, edge_id, merge
        old = doc.project.edge(edge_id).weight
        self.old = old.copy() if hasattr(old, "copy") else old
        self.new = weight

    def id(self) -> int:
        return _MERGE_WEIGHT if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetEdgeWeight) or other.edge_id != self.edge_id or not other.merge:
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_edge_weight(self.edge_id, self.new)

    def undo(self) -> None:
        self.doc.set_edge_weight(self.edge_id, self.old)


class SetEdgeTrainable(QUndoCommand):
    def __init__(self, doc: Document, edge_id: str, trainable: bool):
        super().__init__(translate("EditCommands", "Unfreeze {id}").format(id=edge_id) if trainable else
                         translate("EditCommands", "Freeze {id}").format(id=edge_id))
        self.doc, self.edge_id, self.new = doc, edge_id, bool(trainable)
        self.old = doc.project.edge(edge_id).trainable

    def redo(self) -> None:
        self.doc.set_edge_trainable(self.edge_id, self.new)

    def undo(self) -> None:
        self.doc.set_edge_trainable(self.edge_id, self.old)


class SetTraining(QUndoCommand):
    """Replace the training settings; edits of the same setting in a row merge."""

    def __init__(self, doc: Document, training: TrainingSpec, key: str = ""):
        super().__init__(translate("EditCommands", "Change training {setting}").format(setting=key) if key
                         else translate("EditCommands", "Change training"))
        self.doc, self.key = doc, key
        self.old = copy.deepcopy(doc.project.training)
        self.new = copy.deepcopy(training)

    def id(self) -> int:
        return _MERGE_TRAINING if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetTraining) or other.key != self.key:
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_training(self.new)

    def undo(self) -> None:
        self.doc.set_training(self.old)


class SetData(QUndoCommand):
    def __init__(self, doc: Document, data: DataSpec, key: str = "", text: str = ""):
        super().__init__(text or (translate("EditCommands", "Change data {setting}").format(setting=key) if key
                                  else translate("EditCommands", "Change data")))
        self.doc, self.key = doc, key
        self.old = copy.deepcopy(doc.project.data)
        self.new = copy.deepcopy(data)

    def id(self) -> int:
        return _MERGE_DATA if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetData) or other.key != self.key:
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_data(self.new)

    def undo(self) -> None:
        self.doc.set_data(self.old)


class SetMeta(QUndoCommand):
    def __init__(self, doc: Document, meta: dict[str, str], key: str = ""):
        super().__init__(translate("EditCommands", "Change project {setting}").format(setting=key) if key
                         else translate("EditCommands", "Change project details"))
        self.doc, self.key = doc, key
        self.old, self.new = dict(doc.project.meta), dict(meta)

    def id(self) -> int:
        return _MERGE_META if self.key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetMeta) or other.key != self.key:
            return False
        self.new = other.new
        self.setObsolete(_same(self.new, self.old))   # typed back to where it started: no step
        return True

    def redo(self) -> None:
        self.doc.set_meta(self.new)

    def undo(self) -> None:
        self.doc.set_meta(self.old)


class SetHistory(QUndoCommand):
    def __init__(self, doc: Document, history: History):
        super().__init__(translate("EditCommands", "Change history"))
        self.doc = doc
        self.old, self.new = copy.deepcopy(doc.project.history), copy.deepcopy(history)

    def redo(self) -> None:
        self.doc.set_history(self.new)

    def undo(self) -> None:
        self.doc.set_history(self.old)


def add_items(doc: Document, nodes: list[Node], edges: list[Edge], text: str,
              inputs: list[str] = (), outputs: list[str] = ()) -> Compound:
    """One undo step adding nodes then edges (paste, duplicate, a column of neurons, fully connect).
    `inputs`/`outputs` are appended to the project's lists."""
    compound = Compound(text)
    for node in nodes:
        compound.add(AddNode(doc, node))
    for edge in edges:
        compound.add(AddEdge(doc, edge))
    if inputs:
        compound.add(SetInputsOutputs(doc, "inputs", list(doc.project.inputs) + list(inputs)))
    if outputs:
        compound.add(SetInputsOutputs(doc, "outputs", list(doc.project.outputs) + list(outputs)))
    return compound
