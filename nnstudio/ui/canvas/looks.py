"""What canvas items show, computed from document objects: node looks (glyph, detail, output
shape, badge, colour), edge styles (colour by sign, width by |weight|) and tooltip texts.

The scene calls these and hands the results to its items, which never see a Node or an Edge.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from nnstudio.project import editing, registry
from nnstudio.project.model import Edge, Node, Project
from nnstudio.project.registry import Shape, fmt_shape
from nnstudio.project.validation import Problem
from nnstudio.ui.canvas.items import ERROR, LAYER_EDGE, NEGATIVE, POSITIVE, UNSET, NodeLook
from nnstudio.ui.canvas.layers import EdgeStyle

GLYPHS = {"linear": "lin", "step": "step", "sign": "sign", "sigmoid": "σ", "tanh": "tanh", "relu": "ReLU",
          "leaky_relu": "lReLU", "prelu": "PReLU", "elu": "ELU", "softmax": "smax"}
ACTIVATION_COLOURS = {"sigmoid": "#7c3aed", "tanh": "#0284c7", "relu": "#d97706", "leaky_relu": "#d97706",
                      "prelu": "#d97706", "elu": "#ca8a04", "linear": "#64748b", "step": "#db2777",
                      "sign": "#db2777", "softmax": "#4f46e5"}
KIND_COLOURS = {"input": "#059669", "dense": "#4f46e5", "activation": "#d97706", "dropout": "#e11d48",
                "flatten": "#0d9488"}
NEUTRAL = "#64748b"
_ERROR, _UNSET, _POSITIVE, _NEGATIVE = ERROR.name(), UNSET.name(), POSITIVE.name(), NEGATIVE.name()
_LAYER_EDGE = EdgeStyle(LAYER_EDGE.name(), 1.6, False, True)
_BAD_LAYER_EDGE = EdgeStyle(_ERROR, 1.6, False, True)


def badges(project: Project) -> dict[str, str]:
    """'in' / 'out' for nodes listed in inputs / outputs, numbered when there are several."""
    found: dict[str, str] = {}
    for word, ids in (("in", project.inputs), ("out", project.outputs)):
        for k, node_id in enumerate(ids):
            text = word if len(ids) == 1 else f"{word} {k + 1}"
            found[node_id] = f"{found[node_id]} · {text}" if node_id in found else text
    return found


def node_look(node: Node, shape: Shape | None, badge: str) -> NodeLook:
    config = node.config if isinstance(node.config, dict) else {}
    label = node.label or node.id
    if node.kind == "input":
        return NodeLook("input", label, "in", fmt_shape(_shape_of(config.get("shape"))),
                        accent=KIND_COLOURS["input"], badge=badge)
    if node.kind == "neuron":
        act = str(config.get("activation", "sigmoid"))
        return NodeLook("neuron", label, GLYPHS.get(act, act[:5]), accent=ACTIVATION_COLOURS.get(act, NEUTRAL),
                        badge=badge)
    spec = registry.KINDS.get(node.kind)
    title = spec.title.replace(" layer", "") if spec else str(node.kind)
    if node.kind == "dense":
        units = config.get("units", "?")
        detail = f"{units} unit{'' if units == 1 else 's'} · {config.get('activation', 'linear')}"
    elif node.kind == "activation":
        detail = str(config.get("activation", "relu"))
    elif node.kind == "dropout":
        rate = config.get("rate", 0.5)
        detail = f"rate {rate:g}" if isinstance(rate, (int, float)) else "rate ?"
    elif spec is None:
        detail = "unknown kind"
    else:       # the first clause of the kind's description, e.g. "Reshapes any input into one vector"
        detail = spec.description.split(".")[0].split(":")[0]
    return NodeLook("layer", label, title, detail, fmt_shape(shape), accent=KIND_COLOURS.get(node.kind, NEUTRAL),
                    badge=badge)


def edge_style(edge: Edge, into_neuron: bool, bad: bool) -> EdgeStyle:
    """Edges into neurons carry weights: blue when positive, orange when negative, grey when not
    set yet, wider for larger |w|, dashed when frozen. Edges into layers are grey arrows."""
    if not into_neuron:
        return _BAD_LAYER_EDGE if bad else _LAYER_EDGE
    weight = edge.weight
    if weight is not None and type(weight) is not float:
        try:
            weight = editing.edge_value(weight)
        except (TypeError, ValueError):
            weight = math.nan
    if bad:
        return _style(_ERROR, 2.0, not edge.trainable)
    return weight_style(weight, edge.trainable)


def weight_style(weight: float | None, trainable: bool = True) -> EdgeStyle:
    """The look of a weighted edge (also used while training, from the run's live weights)."""
    if weight is None:
        return _style(_UNSET, 1.2, not trainable)
    if not math.isfinite(weight):
        return _style(_ERROR, 2.0, not trainable)
    width = round((1.0 + min(abs(weight), 4.0) * 1.25) * 2) / 2      # 1–6 px in half-pixel steps
    return _style(_POSITIVE if weight >= 0 else _NEGATIVE, width, not trainable)


@lru_cache(maxsize=None)
def _style(colour: str, width: float, dashed: bool) -> EdgeStyle:
    return EdgeStyle(colour, width, dashed)     # a few dozen distinct styles, shared


def edge_tooltip(edge: Edge, into_neuron: bool, problems: list[Problem]) -> str:
    """E.g. 'w1: 0.15 (i1 → h1)'."""
    ends = f"{edge.source} → {edge.target}"
    text = f"{edge.id}: {weight_text(edge.weight)} ({ends})" if into_neuron else f"{edge.id}: {ends}"
    return text + ("" if edge.trainable else " · frozen") + _problem_lines(problems)


def node_tooltip(node: Node, shape: Shape | None, problems: list[Problem]) -> str:
    spec = registry.KINDS.get(node.kind)
    text = f"{node.label or node.id} ({node.id}) · {spec.title if spec else node.kind}"
    text += f"\noutput {fmt_shape(shape)}" if shape is not None else ""
    return text + _problem_lines(problems)


def weight_text(weight: object) -> str:
    if weight is None:
        return "not set (drawn from the neuron's init)"
    arr = np.asarray(weight, dtype=np.float64)
    if arr.ndim == 0:
        return f"{float(arr):.4g}"
    shown = ", ".join(f"{v:.3g}" for v in arr.ravel()[:4])
    return f"[{shown}{', …' if arr.size > 4 else ''}] ({arr.size} values)"


def level(problems: list[Problem]) -> str:
    """'error', 'warning' or '' — how a node with these problems is outlined."""
    severities = {p.severity for p in problems}
    return "error" if "error" in severities else "warning" if severities else ""


def _problem_lines(problems: list[Problem]) -> str:
    return "".join(f"\n{'⛔' if p.severity == 'error' else '⚠'} {p.message}" for p in problems)


def _shape_of(value: object) -> Shape | None:
    if isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value):
        return tuple(value)
    return None
