"""The Backprop walk on expanded dense layers (no Qt).

A dense layer the canvas draws as its units is, number for number, the column of neurons
project/convert.to_neurons makes of it. So the walk converts every expanded dense node (sources
first, one after the other), walks the converted network exactly as a neuron-level one is walked
(walkthrough.walk_sample with a TrainingRun of it), and hands the walk back under the ids the
canvas draws: each made neuron is expansion.unit_id(dense, k), each made weighted edge
expansion.weight_id(dense, row, k), a softmax layer's `activation` head the dense id itself.

Before walking, the made nodes and edges are renamed to readable names ("hidden 4" for unit 3,
"hidden W[10, 3]" for a weight), so the walk's worked text reads like the layer; `ExpandedWalk.names`
keeps drawn id → name, and `expanded_steps` lays the walk out in those names with each step still
pointing at the drawn id. An edge from a vector source (an input of 64 pixels) carries a column of
W: its terms and updates are split into one per entry, each with its own weight id.

A dense softmax layer converts into linear neurons and an `activation` head, which the neuron-level
walk does not compute; `walk_softmax.py` walks such a network when every head is an output.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from nnstudio.errors import ProjectError
from nnstudio.project import registry
from nnstudio.project.convert import to_neurons, why_not_neurons
from nnstudio.project.convert_parts import has_weighted_inputs
from nnstudio.project.expansion import unit_id, weight_id, weight_blocks, why_not_expand
from nnstudio.project.graph import CycleError, topological_order
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walk_softmax import walk_with_heads
from nnstudio.training.walkthrough import (BiasUpdate, Step, Walk, WeightUpdate, factor, is_neuron_level, steps,
                                           walk_sample)

__all__ = ["ExpandedWalk", "covers", "expanded_steps", "walk_expanded", "why_not_walk_expanded"]


@dataclass
class ExpandedWalk(Walk):
    """A Walk under the canvas's drawn ids, with `names`: drawn id → the readable name its text uses."""
    names: dict[str, str] = field(default_factory=dict)


@dataclass
class _Column:
    """The W column entries one made edge carries: rows row..row+width of `dense`'s unit `unit`,
    fed by `source` (a node of `width` values when width > 1)."""
    dense: str
    row: int
    unit: int
    width: int
    source: str


@dataclass
class _Converted:
    project: Project                                           # neuron level, but for softmax heads
    heads: set[str]                                            # the softmax heads (named by their dense id)
    drawn: dict[str, str] = field(default_factory=dict)        # name in `project` → drawn id
    columns: dict[str, _Column] = field(default_factory=dict)  # made weighted edge name → its entries
    labels: dict[str, str] = field(default_factory=dict)       # node id → label, for entry names


def _label(project: Project, node_id: str) -> str:
    return project.node(node_id).label or node_id


def _convert(project: Project, expanded: set[str]) -> _Converted | str:
    """The project with every expanded dense node converted and renamed, or why it cannot be."""
    if is_neuron_level(project):
        return "the network is made of single neurons already: the walk covers it as it is"
    try:
        order = topological_order(project)
    except CycleError:
        return "the network has a cycle: fix the problems listed first"
    denses = []
    for node_id in order:
        node = project.node(node_id)
        spec = registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None
        if spec is not None and spec.walkthrough:
            continue
        if node.kind != "dense":
            return f"{node_id} is a {node.kind} block: the walk goes neuron by neuron, through dense layers only"
        if node_id not in expanded:
            return f"{node_id} is not expanded: the walk goes neuron by neuron once every dense layer is open"
        reason = why_not_expand(project, node_id) or why_not_neurons(project, node_id)
        if reason:
            return reason
        denses.append(node_id)
    labels = {n.id: _label(project, n.id) for n in project.nodes}
    done = _Converted(project, set(), labels=labels)
    for dense in denses:
        reason = _convert_one(done, dense)
        if reason:
            return reason
    p = done.project
    for node in p.nodes:
        spec = registry.KINDS.get(node.kind)
        if spec is not None and spec.walkthrough:
            continue
        if node.id not in done.heads:
            return f"{node.id} is a {node.kind} block: the walk goes neuron by neuron, through dense layers only"
        if node.id not in p.outputs or p.outgoing(node.id):
            return f"the softmax of {node.id} feeds other nodes, and the walk follows a softmax only at the output"
    return done


def _convert_one(done: _Converted, dense: str) -> str | None:
    """Convert `dense` in done.project and rename what it made; a reason when it cannot."""
    before = done.project
    for e in before.outgoing(dense):
        if has_weighted_inputs(before, e.target):
            # Its weights on the layer are one vector edge, which no drawn id names entry by entry.
            return (f"{dense} feeds the neuron {e.target} through one connection of {dense}'s width: "
                    f"convert {dense} to neurons to walk through it")
    blocks = weight_blocks(before, dense)
    label = done.labels[dense]
    try:
        after = to_neurons(before, dense)
    except ProjectError as exc:
        return exc.detail
    known = set(before.node_ids())
    made = [n for n in after.nodes if n.id not in known]
    neurons = [n for n in made if n.kind != "activation"]
    heads = [n for n in made if n.kind == "activation"]
    nodes: dict[str, str] = {}
    edges: dict[str, str] = {}
    readable: dict[str, str] = {}                # name → drawn id, for this layer
    columns: dict[str, _Column] = {}
    for k, neuron in enumerate(neurons):
        nodes[neuron.id] = f"{label} {k + 1}"
        readable[nodes[neuron.id]] = unit_id(dense, k)
        incoming = after.incoming(neuron.id)
        if len(incoming) != len(blocks):
            return f"{dense}'s inputs could not be matched to the rows of its weights"
        for e, block in zip(incoming, blocks):
            rows = f"{block.row_offset}" if block.width == 1 else f"{block.row_offset}:{block.row_offset + block.width}"
            edges[e.id] = f"{label} W[{rows}, {k}]"
            readable[edges[e.id]] = weight_id(dense, block.row_offset, k)
            columns[edges[e.id]] = _Column(dense, block.row_offset, k, block.width, block.source)
    for head in heads:
        nodes[head.id] = dense                   # the dense id is free again: the head takes it
        readable[dense] = dense
        done.heads.add(dense)
    others = {i for i in [*after.node_ids(), *(e.id for e in after.edges)] if i not in nodes and i not in edges}
    if len(set(readable)) != len(readable) or others & set(readable):
        # A name is taken (a node of the user's called "hidden 4"): walk under the drawn ids.
        nodes = {old: readable[new] for old, new in nodes.items()}
        edges = {old: readable[new] for old, new in edges.items()}
        columns = {readable[name]: column for name, column in columns.items()}
        readable = {drawn: drawn for drawn in readable.values()}
        if others & set(readable):
            return f"a node or connection already has an id like {dense}'s units, so the walk cannot name them"
    for n in after.nodes:
        n.id = nodes.get(n.id, n.id)
        done.labels.setdefault(n.id, n.label or n.id)
    for e in after.edges:
        e.id, e.source, e.target = edges.get(e.id, e.id), nodes.get(e.source, e.source), nodes.get(e.target, e.target)
    after.inputs = [nodes.get(i, i) for i in after.inputs]
    after.outputs = [nodes.get(i, i) for i in after.outputs]
    done.project = after
    done.drawn.update(readable)
    done.columns.update(columns)
    return None


def why_not_walk_expanded(project: Project, expanded: set[str]) -> str | None:
    """Why the walk cannot go neuron by neuron through the expanded layers, in plain words, or None."""
    found = _convert(project, set(expanded))
    return found if isinstance(found, str) else None


def covers(project: Project, expanded: set[str]) -> bool:
    """Whether walk_expanded walks `project` with these nodes expanded."""
    return why_not_walk_expanded(project, expanded) is None


def walk_expanded(project: Project, expanded: set[str], sample: int) -> ExpandedWalk | None:
    """The walk of sample `sample` (0-based) through the expanded layers under the drawn ids, or
    None when `covers` says no (why_not_walk_expanded says why). Raises ProjectError as
    TrainingRun and walk_sample do (the data cannot be loaded, the network not compiled)."""
    found = _convert(project, set(expanded))
    if isinstance(found, str):
        return None
    run = TrainingRun(found.project)
    if found.heads:
        walk = walk_with_heads(found.project, run, sample, found.heads)
    else:
        walk = walk_sample(found.project, run, sample)
    named = _split_columns(walk, found)
    drawn = dict(found.drawn)
    for column in found.columns.values():
        if column.width > 1:
            for i in range(column.width):
                drawn[_entry_source(found, column, i)] = unit_id(column.source, i)
    out = _relabel(named, lambda i: drawn.get(i, i))
    return ExpandedWalk(**{f: getattr(out, f) for f in Walk.__dataclass_fields__},
                        names={v: k for k, v in drawn.items()})


def _entry_source(found: _Converted, column: _Column, i: int) -> str:
    return f"{found.labels.get(column.source, column.source)} {i + 1}"


def _entries(found: _Converted, column: _Column) -> tuple[list[str], list[str]]:
    """The names of the W entries a vector edge carries, and of the source values they take."""
    label = found.labels.get(column.dense, column.dense)
    names = [f"{label} W[{column.row + i}, {column.unit}]" for i in range(column.width)]
    for i, name in enumerate(names):
        found.drawn[name] = weight_id(column.dense, column.row + i, column.unit)
    return names, [_entry_source(found, column, i) for i in range(column.width)]


def _split_columns(walk: Walk, found: _Converted) -> Walk:
    """The walk with every term and update of a made edge from a vector source split into one per
    W entry, named like the rest ("hidden W[10, 3]", from "x 11")."""
    split = {name: _entries(found, column) for name, column in found.columns.items() if column.width > 1}
    neurons, inputs = {}, {}
    for key, n in walk.neurons.items():
        terms = []
        for edge, source, w, x in n.terms:
            if edge not in split:
                terms.append((edge, source, w, x))
                continue
            inputs[edge] = x
            names, sources = split[edge]
            terms += [(names[i], sources[i], w[i:i + 1], x[i:i + 1]) for i in range(len(names))]
        neurons[key] = replace(n, terms=terms)
    updates = []
    for u in walk.weights:
        if u.edge not in split:
            updates.append(u)
            continue
        names, sources = split[u.edge]
        x = inputs[u.edge]
        delta = factor(walk.neurons[u.target].delta)
        penalty = " + l1/l2" if u.how.endswith(" + l1/l2") else ""
        updates += [WeightUpdate(names[i], sources[i], u.target, u.w[i:i + 1],
                                 f"δ{u.target}·out({sources[i]}) = {delta}·{factor(x[i])}{penalty}",
                                 u.grad[i:i + 1], u.new[i:i + 1], u.frozen) for i in range(len(names))]
    return replace(walk, neurons=neurons, weights=updates)


def _relabel(walk: Walk, ids) -> Walk:
    """The walk with every id (not the worked text) passed through `ids`. Built field by field:
    a walk of 100,000 weights is copied on every refresh, and dataclasses.replace is slow."""
    neurons = {ids(k): replace(n, id=ids(n.id), terms=[(ids(e), ids(s), w, x) for e, s, w, x in n.terms])
               for k, n in walk.neurons.items()}
    return replace(walk, neurons=neurons, back=[ids(i) for i in walk.back],
                   weights=[WeightUpdate(ids(u.edge), ids(u.source), ids(u.target), u.w, u.how, u.grad, u.new,
                                         u.frozen) for u in walk.weights],
                   biases=[BiasUpdate(ids(b.node), b.b, b.grad, b.new, b.frozen) for b in walk.biases])


def expanded_steps(walk: Walk) -> list[Step]:
    """walkthrough.steps in the walk's readable names, each step's node and edge the drawn ids."""
    names = getattr(walk, "names", {})
    if not names:
        return steps(walk)
    drawn = {v: k for k, v in names.items()}
    named = _relabel(walk, lambda i: names.get(i, i))
    return [Step(s.phase, s.title, s.formula, s.working, s.result, drawn.get(s.node, s.node), drawn.get(s.edge, s.edge),
                 s.words) for s in steps(named)]

