"""What canvas items show, computed from document objects: node looks (glyph, detail, output
shape, badge, colour), edge styles (colour by sign, width by |weight|) and tooltip texts.

The scene calls these and hands the results to its items, which never see a Node or an Edge.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from nnstudio.project import editing, registry
from nnstudio.project.model import Edge, Node
from nnstudio.project.registry import Shape, fmt_shape, shape_text
from nnstudio.project.validation import Problem
from nnstudio.ui.canvas.items import ERROR, LAYER_EDGE, NEGATIVE, POSITIVE, UNSET, NodeLook
from nnstudio.ui.canvas.painters import EdgeStyle
from nnstudio.ui.domain_i18n import error_text, kind_detail, kind_text
from nnstudio.ui.i18n import translate

GLYPHS = {"linear": "lin", "step": "step", "sign": "sign", "sigmoid": "σ", "tanh": "tanh", "relu": "ReLU",
          "leaky_relu": "lReLU", "prelu": "PReLU", "elu": "ELU", "softmax": "smax"}
ACTIVATION_COLOURS = {"sigmoid": "#7c3aed", "tanh": "#0284c7", "relu": "#d97706", "leaky_relu": "#d97706",
                      "prelu": "#d97706", "elu": "#ca8a04", "linear": "#64748b", "step": "#db2777",
                      "sign": "#db2777", "softmax": "#4f46e5"}
NEUTRAL = "#64748b"
# Each kind's colour comes from its module in nnstudio/kinds (kind_colour() sees kinds registered
# later too); this copy is for readers of the old table.
KIND_COLOURS = {name: spec.look.colour for name, spec in registry.KINDS.items() if spec.look is not None}
_ERROR, _UNSET, _POSITIVE, _NEGATIVE = ERROR.name(), UNSET.name(), POSITIVE.name(), NEGATIVE.name()
_LAYER_EDGE = EdgeStyle(LAYER_EDGE.name(), 1.6, False, True)
_BAD_LAYER_EDGE = EdgeStyle(_ERROR, 1.6, False, True)

def kind_colour(kind: str) -> str:
    """The accent of a `kind` block on the canvas (and its palette icon), grey for an unknown kind."""
    spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
    return spec.look.colour if spec is not None and spec.look is not None else NEUTRAL

def node_look(node: Node, shape: Shape | None, badge: str) -> NodeLook:
    config = node.config if isinstance(node.config, dict) else {}
    label = node.label or node.id
    spec = registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None
    look = spec.look if spec is not None else None
    if spec is not None and spec.category == "neuron":
        # A neuron is drawn in its activation's colour and glyph: the one thing that tells them apart.
        act = str(config.get("activation", "sigmoid"))
        return NodeLook("neuron", label, GLYPHS.get(act, act[:5]), accent=ACTIVATION_COLOURS.get(act, NEUTRAL),
                        badge=badge)
    if spec is None or look is None:
        return NodeLook("layer", label, str(node.kind), translate("CanvasLooks", "unknown kind"), shape_text(shape),
                        accent=NEUTRAL, badge=badge)
    # Without a detail of its own: the first clause of the kind's description.
    detail = kind_detail(look.detail(config)) if look.detail else re.split("[.:。：]", kind_text(spec.description))[0]
    if spec.category == "input":
        return NodeLook("input", label, look.glyph, detail, accent=look.colour, badge=badge)
    return NodeLook("layer", label, look.glyph, detail, shape_text(shape), accent=look.colour, badge=badge)

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

def edge_strength(edge: Edge, into_neuron: bool) -> float | None:
    """What thinning ranks edges by: |weight| of an edge into a neuron (0 while not set, NaN for
    a weight that is not one number), None for an edge that carries no weight (always drawn)."""
    if not into_neuron:
        return None
    weight = edge.weight
    if weight is None:
        return 0.0
    return abs(float(weight)) if isinstance(weight, (int, float)) else math.nan

def weight_style(weight: float | None, trainable: bool = True) -> EdgeStyle:
    """The look of a weighted edge (also used while training, from the run's live weights)."""
    if weight is None:
        return _style(_UNSET, 1.2, not trainable)
    if not math.isfinite(weight):
        return _style(_ERROR, 2.0, not trainable)
    width = round((1.0 + min(abs(weight), 4.0) * 1.25) * 2) / 2      # 1–6 px in half-pixel steps
    return _style(_POSITIVE if weight >= 0 else _NEGATIVE, width, not trainable)

def weight_style_codes(weights: np.ndarray, trainable: np.ndarray) -> tuple[np.ndarray, list[EdgeStyle]]:
    """`weight_style` of many weights at once (a training snapshot's 100,000 edges), as codes
    into a fixed table: weight k looks like table[codes[k]]. Array work only: the table lists
    every look a weight can have (11 widths × 2 signs × frozen or not, and the error look)."""
    weights = np.asarray(weights, dtype=np.float64)
    frozen = ~np.asarray(trainable, dtype=bool)
    finite = np.isfinite(weights)
    doubled = np.round((1.0 + np.minimum(np.abs(np.where(finite, weights, 0.0)), 4.0) * 1.25) * 2)
    steps = doubled.astype(np.int64) - 2          # 0–10: the width's half-pixel steps above 1 px
    codes = np.where(finite, (steps * 2 + (weights < 0)) * 2 + frozen, _NON_FINITE + frozen)
    return codes, list(_weight_table())

def weight_styles(weights: np.ndarray, trainable: np.ndarray) -> list[EdgeStyle]:
    """`weight_style_codes` as one EdgeStyle per weight."""
    codes, table = weight_style_codes(weights, trainable)
    return [table[k] for k in codes.tolist()]

_NON_FINITE = 11 * 2 * 2       # the codes of a non-finite weight (then + 1 when frozen)

@lru_cache(maxsize=None)
def _weight_table() -> tuple[EdgeStyle, ...]:
    table = tuple(_style(_NEGATIVE if negative else _POSITIVE, (steps + 2) / 2, frozen)
                  for steps in range(11) for negative in (False, True) for frozen in (False, True))
    return table + (weight_style(math.nan, True), weight_style(math.nan, False))

@lru_cache(maxsize=None)
def _style(colour: str, width: float, dashed: bool) -> EdgeStyle:
    return EdgeStyle(colour, width, dashed)     # a few dozen distinct styles, shared

def edge_tooltip(edge: Edge, into_neuron: bool, problems: list[Problem]) -> str:
    """E.g. 'w1: 0.15 (i1 → h1)'."""
    ends = f"{edge.source} → {edge.target}"
    text = f"{edge.id}: {weight_text(edge.weight)} ({ends})" if into_neuron else f"{edge.id}: {ends}"
    if not edge.trainable:
        text = translate("CanvasLooks", "{edge} · frozen").format(edge=text)
    return text + _problem_lines(problems)

def node_tooltip(node: Node, shape: Shape | None, problems: list[Problem]) -> str:
    spec = registry.KINDS.get(node.kind)
    text = f"{node.label or node.id} ({node.id}) · {kind_text(spec.title) if spec else node.kind}"
    if shape is not None:
        text += "\n" + translate("CanvasLooks", "output {shape}").format(shape=fmt_shape(shape))
    return text + _problem_lines(problems)

def weight_text(weight: object) -> str:
    if weight is None:
        return translate("CanvasLooks", "not set (drawn from the neuron's init)")
    arr = np.asarray(weight, dtype=np.float64)
    if arr.ndim == 0:
        return f"{float(arr):.4g}"
    shown = ", ".join(f"{v:.3g}" for v in arr.ravel()[:4])
    return translate("CanvasLooks", "[{values}] ({count} values)").format(
        values=shown + (", …" if arr.size > 4 else ""), count=arr.size)

def level(problems: list[Problem]) -> str:
    """'error', 'warning' or '' — how a node with these problems is outlined."""
    severities = {p.severity for p in problems}
    return "error" if "error" in severities else "warning" if severities else ""

def _problem_lines(problems: list[Problem]) -> str:
    return "".join(f"\n{'⛔' if p.severity == 'error' else '⚠'} {error_text(p.message)}" for p in problems)
