"""Convert, as an edit: a `dense` layer into its neurons and weighted edges, and a column of neurons
back into a `dense` layer. Pure functions on a copy of the project; no Qt.

Both keep what the network computes. Values the file leaves to the seed (an absent `W`, an edge
without a weight) are first drawn exactly as the compiler draws them (by compiling the part of the
network that holds them), then written into the converted nodes and edges. A layer's input is the
concatenation of its incoming edges in edge order, so every edge that is split or merged is put
where the original stood: a layer after the converted nodes still receives the same values in the
same order. A dense `softmax` becomes linear neurons followed by an `activation` node with
softmax, since a single neuron cannot normalise over several.
"""
from __future__ import annotations

import re

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.project import registry
from nnstudio.project.convert_parts import (FreshIds, as_weight, current_values, graph_shapes, has_weighted_inputs,
                                            incoming_edges, is_neuron, repeated_source)
from nnstudio.project.editing import COLUMN_SPACING, id_prefix
from nnstudio.project.model import Edge, Node, Project

__all__ = ["MAX_NEURONS", "is_neuron", "to_layer", "to_neurons", "why_not_layer", "why_not_neurons"]

MAX_NEURONS = 1000          # as many as the palette's column of neurons holds
# A softmax layer turns into its neurons and, to their right, the activation node that
# normalises them: the neurons step a little left and the node right, leaving room for the
# edges between them (a layer block is 150 wide, a neuron about 50).
SOFTMAX_SHIFT = (40.0, 100.0)


# --- dense → neurons ---------------------------------------------------------------------------------
def why_not_neurons(project: Project, node_id: str,
                    shapes: dict[str, registry.Shape | None] | None = None) -> str | None:
    """Why the node `node_id` cannot be converted into neurons, in plain words, or None.
    `shapes`: each node's output shape when the caller has them (analysis.Analysis)."""
    try:
        node = project.node(node_id)
    except KeyError:
        return f"there is no node {node_id}"
    if node.kind != "dense":
        spec = registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None
        title = spec.title.lower() if spec is not None else str(node.kind)
        return f"only a dense layer can be converted to neurons, and {node_id} is a {title}"
    try:
        config = registry.kind("dense").check_config(node.config)
    except registry.ConfigError as exc:
        return f"{node_id} has a bad setting ({exc.key}): fix it first"
    incoming = project.incoming(node_id)
    if not incoming:
        return f"{node_id} has no inputs yet: connect something into it first"
    twice = repeated_source(incoming)
    if twice is not None:
        return f"{node_id} receives {twice} twice, and a neuron can take each input only once"
    shapes = graph_shapes(project) if shapes is None else shapes
    in_shapes = [shapes.get(e.source) if shapes else None for e in incoming]
    if any(s is None for s in in_shapes):
        return f"the shapes of {node_id}'s inputs are not known yet: fix the problems listed first"
    if any(len(s) != 1 for s in in_shapes):
        bad = next(s for s in in_shapes if len(s) != 1)
        what = ("a sequence, and the layer works on every step" if len(bad) == 2
                else "an image: put a flatten node before it")
        return f"a neuron takes a vector, but {node_id} receives {registry.fmt_shape(bad)}, {what}"
    if config["units"] > MAX_NEURONS:
        return f"{node_id} has {config['units']:,} units; at most {MAX_NEURONS:,} neurons can be drawn one by one"
    if config["activation"] == "prelu" and not config["trainable"]:
        return (f"{node_id}'s prelu slopes are frozen with its weights, but a neuron's slope always trains: "
                "turn on Train weights first")
    return None


def to_neurons(project: Project, node_id: str) -> Project:
    """A copy of `project` in which the dense node `node_id` is a column of neurons (plus an
    `activation` node for softmax) with weighted edges, computing the same outputs. Raises
    ProjectError with the reason (`why_not_neurons`) when it cannot be done."""
    reason = why_not_neurons(project, node_id)
    if reason:
        raise ProjectError(reason, node_id)
    p = project.copy()
    dense = p.node(node_id)
    config = registry.kind("dense").check_config(dense.config)
    units = config["units"]
    incoming, outgoing = p.incoming(node_id), p.outgoing(node_id)
    weighted_targets = [e.target for e in outgoing if has_weighted_inputs(p, e.target)]
    params, weights = current_values(p, [node_id, *weighted_targets])
    W = params[node_id]["W"]
    b = params[node_id].get("b", np.zeros(units))
    softmax = config["activation"] == "softmax"
    kind = registry.column_kind()
    fresh = FreshIds(p)
    left, right = SOFTMAX_SHIFT if softmax else (0.0, 0.0)
    x, y = dense.pos
    base = dense.label or ""
    neurons: list[Node] = []
    for k in range(units):
        new_id = fresh(id_prefix(kind))
        neuron_config = registry.kind(kind).check_config({
            "activation": "linear" if softmax else config["activation"], "alpha": config["alpha"],
            "init": config["init"], "init_scale": config["init_scale"], "bias": 0.0,
            "bias_trainable": bool(config["use_bias"] and config["bias_trainable"])})
        values = {"b": np.array(float(b[k]))}
        if "alpha" in params[node_id]:
            values["alpha"] = np.array(float(params[node_id]["alpha"][k]))
        label = f"{base} {k + 1}" if base else f"h{k + 1}"
        neurons.append(Node(new_id, kind, label, (x - left, y + (k - (units - 1) / 2) * COLUMN_SPACING),
                            neuron_config, values))
    head: Node | None = None
    if softmax:
        act_id = fresh(id_prefix("activation"))
        head = Node(act_id, "activation", base or act_id, (x + right, y),
                    registry.kind("activation").check_config({"activation": "softmax"}))

    def edge(source: str, target: str, weight=None, trainable: bool = True) -> Edge:
        return Edge(fresh("e"), source, target, weight, trainable)

    replaced: dict[str, list[Edge]] = {}
    row = 0
    shapes = graph_shapes(p) or {}
    for e in incoming:
        width = int(shapes[e.source][-1])
        replaced[e.id] = [edge(e.source, n.id, as_weight(W[row:row + width, k]), config["trainable"])
                          for k, n in enumerate(neurons)]
        row += width
    into_head = [edge(n.id, head.id) for n in neurons] if head is not None else []
    for e in outgoing:
        if head is not None:
            weight = as_weight(weights[e.id]) if e.target in weighted_targets else None
            replaced[e.id] = [*into_head, edge(head.id, e.target, weight, e.trainable)]
            into_head = []
        elif e.target in weighted_targets:
            vector = np.asarray(weights[e.id], dtype=np.float64).reshape(-1)
            replaced[e.id] = [edge(n.id, e.target, float(vector[k]), e.trainable) for k, n in enumerate(neurons)]
        else:
            replaced[e.id] = [edge(n.id, e.target, None, e.trainable) for n in neurons]
    p.edges = [new for e in p.edges for new in replaced.get(e.id, [e])] + into_head
    shown = [head.id] if head is not None else [n.id for n in neurons]
    index = p.nodes.index(dense)
    p.nodes[index:index + 1] = [*neurons, *([head] if head is not None else [])]
    p.outputs = [o for out in p.outputs for o in (shown if out == node_id else [out])]
    return p


# --- neurons → dense ---------------------------------------------------------------------------------
def _unit_order(project: Project, ids: list[str]) -> tuple[list[str] | None, str | None]:
    """The order the layer's units must take so that everything after them reads the same values
    (the `outputs` list, a layer fed by them), or top to bottom on the canvas when nothing asks.
    Returns (order, None), or (None, why it cannot be kept)."""
    members = set(ids)
    into = incoming_edges(project)
    wanted: list[tuple[str, list[str]]] = []
    if members.intersection(project.outputs):
        wanted.append(("the network's outputs", list(project.outputs)))
    for target in dict.fromkeys(e.target for e in project.edges if e.source in members):
        if not has_weighted_inputs(project, target):
            wanted.append((target, [e.source for e in into[target]]))
    order: list[str] | None = None
    for where, sequence in wanted:
        positions = [k for k, s in enumerate(sequence) if s in members]
        block = [sequence[k] for k in positions]
        if sorted(block) != sorted(ids):
            return None, f"{where} takes only some of these neurons, so they cannot become one layer"
        if positions != list(range(positions[0], positions[0] + len(positions))):
            return None, f"{where} takes these neurons with other inputs between them, so they cannot become one layer"
        if order is None:
            order = block
        elif block != order:
            return None, f"{where} takes these neurons in another order than {wanted[0][0]} does"
    if order is None:
        index = {n.id: k for k, n in enumerate(project.nodes)}
        order = sorted(ids, key=lambda i: (project.node(i).pos[1], project.node(i).pos[0], index[i]))
    return order, None


def why_not_layer(project: Project, ids: list[str],
                  shapes: dict[str, registry.Shape | None] | None = None) -> str | None:
    """Why the neurons `ids` cannot be grouped into one dense layer, in plain words, or None."""
    if not ids:
        return "select the neurons to group"
    if len(set(ids)) != len(ids):
        return "a neuron is listed twice"
    known = set(project.node_ids())
    for node_id in ids:
        if node_id not in known:
            return f"there is no node {node_id}"
        if not is_neuron(project, node_id):
            return f"only neurons can be grouped into a layer, and {node_id} is not one"
    try:
        configs = {i: registry.kind(project.node(i).kind).check_config(project.node(i).config) for i in ids}
    except registry.ConfigError as exc:
        return f"a neuron has a bad setting ({exc.key}): fix it first"
    first = configs[ids[0]]
    for node_id in ids[1:]:
        c = configs[node_id]
        if (c["activation"], registry.activation_alpha(c)) != (first["activation"], registry.activation_alpha(first)):
            return (f"{ids[0]} uses {first['activation']} and {node_id} uses {c['activation']}"
                    + (f" (alpha {registry.activation_alpha(c):g})" if c["activation"] == first["activation"] else "")
                    + ": a layer applies one activation to all its units")
        if c["bias_trainable"] != first["bias_trainable"]:
            return f"{ids[0]}'s bias trains and {node_id}'s does not (or the other way round): a layer trains all its biases or none"
    into = incoming_edges(project)
    sources = [e.source for e in into[ids[0]]]
    if not sources:
        return f"{ids[0]} has no inputs yet"
    for node_id in ids:
        edges = into[node_id]
        twice = repeated_source(edges)
        if twice is not None:
            return f"{node_id} receives {twice} twice"
        if sorted(e.source for e in edges) != sorted(sources):
            return (f"{node_id} takes inputs from {', '.join(sorted(e.source for e in edges)) or 'nothing'} but "
                    f"{ids[0]} from {', '.join(sorted(sources))}: a layer's units all read the same inputs")
    flags = {e.trainable for i in ids for e in into[i]}
    if len(flags) > 1:
        return "some of the incoming connections are frozen and others not: a layer trains all its weights or none"
    if first["activation"] == "prelu" and flags == {False}:
        return "the connections are frozen but a neuron's prelu slope trains, which a layer cannot do: unfreeze them first"
    shapes = graph_shapes(project) if shapes is None else shapes
    if not shapes or any(shapes.get(s) is None for s in sources):
        return "the shapes of the neurons' inputs are not known yet: fix the problems listed first"
    if any(len(shapes[s]) != 1 for s in sources):
        return "a neuron takes vectors only: fix the problems listed first"
    members = set(ids)
    checked: set[str] = set()
    for e in project.edges:
        if e.source in members and e.target not in checked and has_weighted_inputs(project, e.target):
            checked.add(e.target)
            from_members = [x for x in into[e.target] if x.source in members]
            if sorted(x.source for x in from_members) != sorted(ids):
                return f"{e.target} takes only some of these neurons, so they cannot become one layer"
            if len({x.trainable for x in from_members}) > 1:
                return f"some connections into {e.target} are frozen and others not"
    return _unit_order(project, ids)[1]


_NUMBERED = re.compile(r"^(.*\S)\s+\d+$")


def _layer_label(project: Project, order: list[str], fallback: str) -> str:
    """"hidden" for neurons labelled "hidden 1" … "hidden n", else `fallback`."""
    stems = {m.group(1) if (m := _NUMBERED.match(project.node(i).label or "")) else None for i in order}
    stem = stems.pop() if len(stems) == 1 else None
    return stem or fallback


def to_layer(project: Project, ids: list[str]) -> Project:
    """A copy of `project` in which the neurons `ids` are one dense layer computing the same
    outputs. Raises ProjectError with the reason (`why_not_layer`) when it cannot be done."""
    reason = why_not_layer(project, ids)
    if reason:
        raise ProjectError(reason, ids[0] if ids else "selection")
    p = project.copy()
    order, _ = _unit_order(p, ids)
    members = set(order)
    config = registry.kind(p.node(order[0]).kind).check_config(p.node(order[0]).config)
    into = incoming_edges(p)
    first_in = into[order[0]]
    sources = [e.source for e in first_in]
    weighted_targets = list(dict.fromkeys(e.target for e in p.edges if e.source in members and has_weighted_inputs(p, e.target)))
    params, weights = current_values(p, [*order, *weighted_targets])
    shapes = graph_shapes(p) or {}
    widths = [int(shapes[s][-1]) for s in sources]
    W = np.zeros((sum(widths), len(order)))
    for k, node_id in enumerate(order):
        by_source = {e.source: e for e in into[node_id]}
        row = 0
        for source, width in zip(sources, widths):
            W[row:row + width, k] = np.asarray(weights[by_source[source].id], dtype=np.float64).reshape(-1)
            row += width
    b = np.array([float(params[i]["b"]) for i in order])
    trainable = all(e.trainable for e in first_in)
    use_bias = bool(config["bias_trainable"] or np.any(b != 0.0))
    values = {"W": W}
    if use_bias:
        values["b"] = b
    if config["activation"] == "prelu":
        values["alpha"] = np.array([float(params[i]["alpha"]) for i in order])
    fresh = FreshIds(p)
    dense_id = fresh(id_prefix("dense"))
    xs = [p.node(i).pos[0] for i in order]
    ys = [p.node(i).pos[1] for i in order]
    dense = Node(dense_id, "dense", _layer_label(p, order, dense_id), (sum(xs) / len(xs), sum(ys) / len(ys)),
                 registry.kind("dense").check_config({
                     "units": len(order), "activation": config["activation"], "alpha": config["alpha"],
                     "init": config["init"], "init_scale": config["init_scale"], "use_bias": use_bias,
                     # Without a bias the flag means nothing: it takes its default, as a new layer's.
                     "trainable": trainable, "bias_trainable": bool(config["bias_trainable"]) or not use_bias}),
                 values)

    def edge(source: str, target: str, weight=None, trainable: bool = True) -> Edge:
        return Edge(fresh("e"), source, target, weight, trainable)

    into_members = [e for e in p.edges if e.target in members]
    replaced = {e.id: [] for e in into_members[1:]}
    replaced[into_members[0].id] = [edge(s, dense_id) for s in sources]
    done: set[str] = set()
    for e in p.edges:
        if e.source not in members:
            continue
        if e.target in done:
            replaced[e.id] = []
            continue
        done.add(e.target)
        if e.target in weighted_targets:
            by_member = {x.source: x for x in into[e.target] if x.source in members}
            vector = np.array([float(np.asarray(weights[by_member[i].id]).reshape(-1)[0]) for i in order])
            replaced[e.id] = [edge(dense_id, e.target, vector, e.trainable)]
        else:
            replaced[e.id] = [edge(dense_id, e.target, None, e.trainable)]
    p.edges = [new for e in p.edges for new in replaced.get(e.id, [e])]
    index = min(k for k, n in enumerate(p.nodes) if n.id in members)
    kept = [n for n in p.nodes if n.id not in members]
    p.nodes = kept[:index] + [dense] + kept[index:]
    # The members stand in `outputs` side by side in unit order (_unit_order), the first first.
    p.outputs = [dense_id if o == order[0] else o for o in p.outputs if o == order[0] or o not in members]
    return p
