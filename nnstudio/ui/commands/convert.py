"""Undo commands for Convert to Neurons and Group into Layer: one undo step each.

project/convert.py works out the converted project; `replace_parts` turns the difference between
the document and it into the atomic commands of edits.py (remove edges, set the io lists, remove
nodes, add nodes, add edges, each at its index), so the document changes only through its API
and its views follow its events. The steps live in a `Compound`'s Python list, never as Qt child
commands (PySide6 6.11 crashes on Python children).
"""
from __future__ import annotations

from nnstudio.project import convert, io
from nnstudio.project.document import Document
from nnstudio.project.model import Project
from nnstudio.ui.commands.edits import AddEdge, AddNode, Compound, RemoveEdge, RemoveNodeOnly, SetInputsOutputs
from nnstudio.ui.i18n import translate


def replace_parts(doc: Document, new: Project, text: str) -> Compound:
    """One undo step that turns the document's project into `new`, which may differ from it only
    by nodes and edges added or removed and by its inputs/outputs lists (what conversions do)."""
    old = doc.project
    old_nodes, new_nodes = {n.id: n for n in old.nodes}, {n.id: n for n in new.nodes}
    old_edges, new_edges = {e.id: e for e in old.edges}, {e.id: e for e in new.edges}
    for node_id in old_nodes.keys() & new_nodes.keys():
        if io.project_to_dict(Project(nodes=[old_nodes[node_id]])) != io.project_to_dict(Project(nodes=[new_nodes[node_id]])):
            raise ValueError(f"{node_id} changed; a conversion only adds and removes nodes")
    for edge_id in old_edges.keys() & new_edges.keys():
        if io.project_to_dict(Project(edges=[old_edges[edge_id]])) != io.project_to_dict(Project(edges=[new_edges[edge_id]])):
            raise ValueError(f"{edge_id} changed; a conversion only adds and removes edges")
    compound = Compound(text)
    for edge in old.edges:
        if edge.id not in new_edges:
            compound.add(RemoveEdge(doc, edge.id))
    # A node leaves the io lists before it is removed, and an added one joins them once it is
    # there: so that undo, which runs the steps backwards, can remove it again.
    for which in ("inputs", "outputs"):
        kept = [i for i in getattr(old, which) if i in new_nodes]
        if kept != getattr(old, which):
            compound.add(SetInputsOutputs(doc, which, kept))
    for node in old.nodes:
        if node.id not in new_nodes:
            compound.add(RemoveNodeOnly(doc, node.id))
    # Added in the order of the new lists, each at its final index: what is already there (kept
    # or added before it) stands in the same order as in `new`, so every index is right.
    for index, node in enumerate(new.nodes):
        if node.id not in old_nodes:
            compound.add(AddNode(doc, node, index))
    for index, edge in enumerate(new.edges):
        if edge.id not in old_edges:
            compound.add(AddEdge(doc, edge, index))
    for which in ("inputs", "outputs"):
        if [i for i in getattr(old, which) if i in new_nodes] != getattr(new, which):
            compound.add(SetInputsOutputs(doc, which, list(getattr(new, which))))
    return compound


def convert_to_neurons(doc: Document, node_id: str) -> tuple[Compound, list[str]]:
    """The command that turns the dense node `node_id` into neurons, and the new nodes' ids.
    Raises ProjectError with the reason when it cannot be done (convert.why_not_neurons)."""
    new = convert.to_neurons(doc.project, node_id)
    before = set(doc.project.node_ids())
    added = [n.id for n in new.nodes if n.id not in before]
    label = doc.project.node(node_id).label or node_id
    return replace_parts(doc, new, translate("ConvertCommands", "Convert {name} to neurons").format(name=label)), added


def group_into_layer(doc: Document, neuron_ids: list[str]) -> tuple[Compound, str]:
    """The command that groups the neurons into one dense layer, and the layer's id. Raises
    ProjectError with the reason when it cannot be done (convert.why_not_layer)."""
    new = convert.to_layer(doc.project, neuron_ids)
    before = set(doc.project.node_ids())
    layer = next(n.id for n in new.nodes if n.id not in before)
    text = translate("ConvertCommands", "Group {count} neurons into a layer").format(count=len(neuron_ids))
    return replace_parts(doc, new, text), layer
