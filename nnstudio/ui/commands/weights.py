"""Undo commands for one entry of a dense layer's arrays, as the expanded canvas draws them: a
weight W[row, unit] (a drawn line) and a bias b[unit] (a drawn neuron).

Each is one undo step that changes that one entry and leaves every other entry as it was. When the
node holds no such array yet (it would be drawn from the seed when training starts), the command
first gives it the values the compiler would start from (convert_parts.current_values), so the
edit changes one number of the network the student sees, not all of them; undo takes the array
away again. Typing into the same entry again merges into the same step, as SetNodeParam does.
`walk_update` is the Backprop panel's Apply update, for walks through expanded layers too.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtGui import QUndoCommand

from nnstudio.project.convert_parts import current_values
from nnstudio.project.document import Document
from nnstudio.project.expansion import parse_part_id
from nnstudio.ui.commands.edits import Compound, SetEdgeWeight, SetNodeParams
from nnstudio.ui.i18n import translate

if TYPE_CHECKING:
    from nnstudio.project.expansion import Part
    from nnstudio.training.walkthrough import Walk

# Merge id of consecutive edits of one entry (edits.py's ids run from 1 to 7).
_MERGE_ENTRY = 21


def stored_or_current(doc: Document, node_id: str, name: str) -> np.ndarray:
    """The node's array `name` as stored, or, when it holds none yet, the values training would
    start from (drawn from the seed). Raises ProjectError when the network cannot be compiled,
    KeyError when the node has no such array (a dense layer without a bias has no b)."""
    node = doc.project.node(node_id)
    if name in node.params:
        return np.asarray(node.params[name], dtype=np.float64)
    return np.asarray(current_values(doc.project, [node_id])[0][node_id][name], dtype=np.float64)


class SetParamEntry(QUndoCommand):
    """Set one entry (`index`) of the node's array `name` to `value`, in one undo step."""

    def __init__(self, doc: Document, node_id: str, name: str, index: tuple[int, ...], value: float, text: str):
        super().__init__(text)
        self.doc, self.node_id, self.name, self.index = doc, node_id, name, tuple(int(i) for i in index)
        self.had = name in doc.project.node(node_id).params     # False: the array is materialised
        start = stored_or_current(doc, node_id, name)
        if len(self.index) != start.ndim or any(not 0 <= i < n for i, n in zip(self.index, start.shape)):
            raise IndexError(f"{name}{list(self.index)} is outside {node_id}'s {name} of shape {start.shape}")
        self.start = None if self.had else start.copy()          # kept only when it was not stored
        self.old = float(start[self.index])
        self.new = float(value)

    def id(self) -> int:
        return _MERGE_ENTRY

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetParamEntry) or (other.node_id, other.name, other.index) != (
                self.node_id, self.name, self.index):
            return False
        self.new = other.new
        # Typed back to where it started: no step, unless the array was materialised (undo must
        # take it away again).
        self.setObsolete(self.had and self.new == self.old)
        return True

    def _set(self, value: float | None) -> None:
        params = dict(self.doc.project.node(self.node_id).params)
        if value is None:                    # undo of a materialising edit
            params.pop(self.name, None)
        else:
            array = np.array(params[self.name] if self.name in params else self.start, dtype=np.float64)
            array[self.index] = value
            params[self.name] = array
        self.doc.set_node_params(self.node_id, params)

    def redo(self) -> None:
        self._set(self.new)

    def undo(self) -> None:
        self._set(self.old if self.had else None)


class SetWeightEntry(SetParamEntry):
    """W[row, unit] of an expanded dense node (`part` is a drawn weight)."""

    def __init__(self, doc: Document, part: Part, value: float):
        if part.row is None:
            raise ValueError(f"{part} is a unit, not a weight")
        super().__init__(doc, part.node_id, "W", (part.row, part.unit), value,
                         translate("WeightCommands", "Change {id} W[{row}, {column}]").format(
                             id=part.node_id, row=part.row, column=part.unit))
        self.part = part


class SetUnitBias(SetParamEntry):
    """b[unit] of an expanded dense node (`part` is a drawn unit)."""

    def __init__(self, doc: Document, part: Part, value: float):
        super().__init__(doc, part.node_id, "b", (part.unit,), value,
                         translate("WeightCommands", "Change {id} b[{unit}]").format(id=part.node_id, unit=part.unit))
        self.part = part


def walk_update(doc: Document, walk: Walk, params: dict[str, dict[str, np.ndarray]], text: str) -> Compound:
    """One undo step setting every trainable weight and bias to its value after the Backprop walk's
    gradient step (the panel's Apply update). `params` are the walked network's node arrays. A
    walk through expanded layers names W entries and units by their drawn ids (hidden#10>3,
    hidden#3): their new values are gathered into one SetNodeParams of each dense node."""
    compound = Compound(text)
    project = doc.project
    edge_ids, node_ids = {e.id for e in project.edges}, set(project.node_ids())
    layers: dict[str, dict[str, np.ndarray]] = {}      # expanded dense node → its arrays, updated

    def layer_array(node_id: str, name: str) -> np.ndarray:
        if node_id not in layers:
            layers[node_id] = {k: np.array(v, dtype=np.float64) for k, v in params[node_id].items()}
        return layers[node_id][name]

    for u in walk.weights:
        part = None if u.edge in edge_ids else parse_part_id(u.edge)
        if u.frozen:
            continue
        if part is not None and part.row is not None:
            layer_array(part.node_id, "W")[part.row, part.unit] = float(u.new[0])
        else:
            value = float(u.new[0]) if u.new.size == 1 else np.array(u.new)
            compound.add(SetEdgeWeight(doc, u.edge, value, merge=False))
    for b in walk.biases:
        part = None if b.node in node_ids else parse_part_id(b.node)
        if b.frozen:
            continue
        if part is not None:
            layer_array(part.node_id, "b")[part.unit] = float(b.new)
        else:
            compound.add(SetNodeParams(doc, b.node, {**params.get(b.node, {}), "b": np.array(b.new)}))
    for node_id, arrays in layers.items():
        compound.add(SetNodeParams(doc, node_id, arrays))
    return compound
