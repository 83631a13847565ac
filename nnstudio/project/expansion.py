"""Expanded layers: a `dense` (or `input`) node drawn as its units, and a dense node's W entries
as the lines between them. A view, not an edit: the document keeps the one node, and only the ids of
the expanded nodes are saved (`Project.view["expanded"]`). Pure functions; no Qt.

The canvas names what it draws with ids made here: unit k of node `hidden` is "hidden#3", the
weight W[row, unit] of `hidden` is "hidden#10>3" (`Part` is the parsed form). Node ids may hold '#'
and '>' themselves, so a part id is read from the right.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from nnstudio.data.builtin import BUILTINS
from nnstudio.project import registry
from nnstudio.project.convert_parts import graph_shapes
from nnstudio.project.model import Project

__all__ = ["MAX_DENSE_UNITS", "MAX_DRAWN_WEIGHTS", "MAX_INPUT_UNITS", "PIXEL_SPACING", "Part", "UNITS_PER_COLUMN", "UNIT_COLUMN_SPACING",
           "UNIT_SPACING", "WeightBlock", "image_grid", "parse_part_id", "unit_count", "unit_id", "unit_image",
           "unit_offsets", "weight_blocks", "weight_id", "why_not_expand"]

# How many units the canvas draws one by one: a dense layer of the tutorials' sizes (128, 64, 10)
# and a 28×28 image input (784 pixels) fit with room; more would be a wall of circles.
MAX_DENSE_UNITS = 1024
MAX_INPUT_UNITS = 4096
# Every W entry of an expanded dense node is a drawn line: the canvas is built to stay live at the
# 784-128-64-10 network's ~110,000; twice that is the most one layer may add.
MAX_DRAWN_WEIGHTS = 200_000
# Layout of the drawn units around the node's pos (scene units, y down): columns of at most
# UNITS_PER_COLUMN, UNIT_SPACING apart down a column, UNIT_COLUMN_SPACING between columns; an image
# input's pixels on a grid PIXEL_SPACING apart.
UNITS_PER_COLUMN = 64
UNIT_SPACING = 26.0
UNIT_COLUMN_SPACING = 60.0
PIXEL_SPACING = 26.0

Shapes = dict[str, "registry.Shape | None"]


@dataclass(frozen=True)
class Part:
    """A drawn piece of an expanded node: unit `unit` (row None), or the weight W[row, unit]."""
    node_id: str
    unit: int
    row: int | None = None


@dataclass(frozen=True)
class WeightBlock:
    """The rows of a dense node's W that one incoming edge feeds: W[row_offset + i, unit] joins
    unit i of `source` to `unit`."""
    edge_id: str
    source: str
    row_offset: int
    width: int


# --- ids -----------------------------------------------------------------------------------------
def unit_id(node_id: str, unit: int) -> str:
    return f"{node_id}#{int(unit)}"


def weight_id(node_id: str, row: int, unit: int) -> str:
    return f"{node_id}#{int(row)}>{int(unit)}"


_TAIL = re.compile(r"(?:([0-9]+)>)?([0-9]+)")


def parse_part_id(text: str) -> Part | None:
    """The Part a unit_id or weight_id names, or None for any other text."""
    if not isinstance(text, str) or "#" not in text:
        return None
    node_id, tail = text.rsplit("#", 1)
    match = _TAIL.fullmatch(tail)
    if not node_id or match is None:
        return None
    row = match.group(1)
    return Part(node_id, int(match.group(2)), None if row is None else int(row))


# --- what can be expanded ------------------------------------------------------------------------
def _config(project: Project, node_id: str) -> dict | None:
    node = project.node(node_id)
    try:
        return registry.kind(node.kind).check_config(node.config)
    except (registry.ConfigError, KeyError, TypeError, ValueError):
        return None


def _data_is_images(project: Project) -> bool:
    """Whether the project's samples are images, as far as the data source says without loading
    it: a builtin set whose task is "image", or IDX files (an image format)."""
    source = project.data.source
    kind = source.get("kind")
    if kind == "builtin":
        spec = BUILTINS.get(source.get("name")) if isinstance(source.get("name"), str) else None
        return spec is not None and spec.task == "image"
    return kind == "idx"


def image_grid(project: Project, node_id: str) -> tuple[int, int] | None:
    """(h, w) when the input node `node_id` gives one-channel images: shape [1, h, w] or [h, w], or
    a flat [h·w] with h == w that the data says are images. None otherwise."""
    try:
        node = project.node(node_id)
    except KeyError:
        return None
    if node.kind != "input":
        return None
    config = _config(project, node_id)
    if config is None:
        return None
    shape = tuple(int(d) for d in config["shape"])
    if len(shape) == 3 and shape[0] == 1:
        return shape[1], shape[2]
    if len(shape) == 2:
        return shape
    if len(shape) == 1 and shape[0] > 1:
        side = math.isqrt(shape[0])
        if side * side == shape[0] and _data_is_images(project):
            return side, side
    return None


def unit_count(project: Project, node_id: str) -> int:
    """How many units the node draws when expanded: a dense node's `units`, an input's values."""
    node = project.node(node_id)
    config = _config(project, node_id)
    if config is None:
        return 0
    if node.kind == "dense":
        return int(config["units"])
    if node.kind == "input":
        return int(np.prod(config["shape"]))
    return 0


def _vector_reason(project: Project, node_id: str, shapes: Shapes | None) -> str | None:
    """Why the dense node's inputs cannot be drawn as columns of units (convert.why_not_neurons' words)."""
    incoming = project.incoming(node_id)
    if not incoming:
        return f"{node_id} has no inputs yet: connect something into it first"
    shapes = graph_shapes(project) if shapes is None else shapes
    in_shapes = [shapes.get(e.source) if shapes else None for e in incoming]
    if any(s is None for s in in_shapes):
        return f"the shapes of {node_id}'s inputs are not known yet: fix the problems listed first"
    bad = next((s for s in in_shapes if len(s) != 1), None)
    if bad is not None:
        what = ("a sequence, and the layer works on every step" if len(bad) == 2
                else "an image: put a flatten node before it")
        return f"a neuron takes a vector, but {node_id} receives {registry.fmt_shape(bad)}, {what}"
    return None


def why_not_expand(project: Project, node_id: str, shapes: Shapes | None = None) -> str | None:
    """Why the node cannot be opened into its units on the canvas, in plain words, or None.
    `shapes`: each node's output shape when the caller has them (analysis.Analysis)."""
    try:
        node = project.node(node_id)
    except KeyError:
        return f"there is no node {node_id}"
    spec = registry.KINDS.get(node.kind) if isinstance(node.kind, str) else None
    if spec is None:
        return f"{node_id} is of an unknown kind"
    if spec.category == "neuron":
        return f"{node_id} is a single neuron already"
    if node.kind not in ("dense", "input"):
        return f"{node.kind} blocks cannot be opened into neurons"
    config = _config(project, node_id)
    if config is None:
        return f"{node_id} has a bad setting: fix it first"
    if node.kind == "input":
        shape = tuple(int(d) for d in config["shape"])
        grid = image_grid(project, node_id)
        if grid is None and len(shape) != 1:
            if len(shape) == 3:
                return f"{node_id} gives images of {shape[0]} channels; only one-channel images can be drawn as pixels"
            return f"{node_id} gives values of shape {registry.fmt_shape(shape)}, which cannot be drawn as a column"
        count = int(np.prod(shape))
        if count > MAX_INPUT_UNITS:
            return f"{node_id} has {count:,} values; at most {MAX_INPUT_UNITS:,} can be drawn"
        return None
    if config["units"] > MAX_DENSE_UNITS:
        return f"{node_id} has {config['units']:,} units; at most {MAX_DENSE_UNITS:,} can be drawn"
    shapes = graph_shapes(project) if shapes is None else shapes
    reason = _vector_reason(project, node_id, shapes)
    if reason:
        return reason
    count = config["units"] * sum(b.width for b in weight_blocks(project, node_id, shapes))
    if count > MAX_DRAWN_WEIGHTS:
        return f"{node_id} has {count:,} weights; at most {MAX_DRAWN_WEIGHTS:,} can be drawn as lines"
    return None


# --- where the units are, and which weights join them --------------------------------------------
def _column_offsets(count: int) -> np.ndarray:
    k = np.arange(count)
    columns = max(1, -(-count // UNITS_PER_COLUMN))
    column, row = k // UNITS_PER_COLUMN, k % UNITS_PER_COLUMN
    # Each column is centred on its own length, so a short last column sits level with the rest.
    in_column = np.minimum(UNITS_PER_COLUMN, count - column * UNITS_PER_COLUMN)
    x = (column - (columns - 1) / 2) * UNIT_COLUMN_SPACING
    y = (row - (in_column - 1) / 2) * UNIT_SPACING
    return np.stack([x, y], axis=1).astype(np.float64).reshape(count, 2)


def unit_offsets(project: Project, node_id: str) -> np.ndarray:
    """Each drawn unit's position relative to the node's pos, [count, 2] (x, y), centred on
    (0, 0): an image input's pixel (r, c) at index r·w + c on a grid, any other node's units in
    columns. Empty for a node that is not drawn as units."""
    count = unit_count(project, node_id)
    grid = image_grid(project, node_id)
    if grid is not None and grid[0] * grid[1] == count:
        h, w = grid
        r, c = np.divmod(np.arange(count), w)
        return np.stack([(c - (w - 1) / 2) * PIXEL_SPACING, (r - (h - 1) / 2) * PIXEL_SPACING],
                        axis=1).astype(np.float64).reshape(count, 2)
    return _column_offsets(count)


def weight_blocks(project: Project, dense_id: str, shapes: Shapes | None = None) -> list[WeightBlock]:
    """The incoming edges of the dense node in edge order (the order its input joins), each with
    the rows of W it feeds. Empty while an input's shape is unknown or not a vector."""
    shapes = graph_shapes(project) if shapes is None else shapes
    blocks: list[WeightBlock] = []
    row = 0
    for e in project.incoming(dense_id):
        shape = shapes.get(e.source) if shapes else None
        if shape is None or len(shape) != 1:
            return []
        blocks.append(WeightBlock(e.id, e.source, row, int(shape[0])))
        row += int(shape[0])
    return blocks


def unit_image(project: Project, dense_id: str) -> tuple[int, int] | None:
    """The (h, w) grid a dense node's W rows come from, when its one source is an image input
    (directly, or through a flatten): each unit's incoming weights then form an h×w picture."""
    incoming = project.incoming(dense_id)
    if len(incoming) != 1:
        return None
    source = incoming[0].source
    try:
        node = project.node(source)
    except KeyError:
        return None
    if node.kind == "flatten":
        feeding = project.incoming(source)
        if len(feeding) != 1:
            return None
        source = feeding[0].source
    elif node.kind == "input" and len((_config(project, source) or {}).get("shape", ())) != 1:
        return None          # a dense layer on an image works along its rows, not on its pixels
    return image_grid(project, source)
