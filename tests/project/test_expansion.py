"""project/expansion.py: part ids, what can be expanded and why not, where the units go, which
rows of W each incoming edge feeds, and the pixel grids of image inputs."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.project import expansion
from nnstudio.project.expansion import (MAX_DENSE_UNITS, PIXEL_SPACING, UNIT_COLUMN_SPACING, UNIT_SPACING, Part,
                                        WeightBlock, image_grid, parse_part_id, unit_id, unit_image, unit_offsets,
                                        weight_blocks, weight_id, why_not_expand)
from nnstudio.project.io import project_from_dict
from nnstudio.project.model import DataSpec


def build(nodes, edges, source=None):
    data = {"format": "nnstudio.project", "version": 1, "nodes": nodes,
            "edges": [{"id": a, "source": s, "target": t} for a, s, t in edges],
            "inputs": [n["id"] for n in nodes if n["kind"] == "input"]}
    project = project_from_dict(data)
    if source is not None:
        project.data = DataSpec(source)
    return project


def net():
    """a[2], b[3] → hidden(4) → out(2); a conv branch on an image; a lone neuron."""
    return build([{"id": "a", "kind": "input", "config": {"shape": [2]}},
                  {"id": "b", "kind": "input", "config": {"shape": [3]}},
                  {"id": "hidden", "kind": "dense", "config": {"units": 4}},
                  {"id": "out", "kind": "dense", "config": {"units": 2}},
                  {"id": "img", "kind": "input", "config": {"shape": [1, 8, 8]}},
                  {"id": "conv", "kind": "conv2d"},
                  {"id": "n", "kind": "neuron"}],
                 [("e1", "b", "hidden"), ("e2", "a", "hidden"), ("e3", "hidden", "out"), ("e4", "img", "conv")])


# --- ids --------------------------------------------------------------------------------------------
def test_ids_and_their_parse():
    assert unit_id("hidden", 3) == "hidden#3"
    assert weight_id("hidden", 10, 3) == "hidden#10>3"
    assert parse_part_id("hidden#3") == Part("hidden", 3)
    assert parse_part_id("hidden#10>3") == Part("hidden", 3, 10)
    # Node ids may hold '#' and '>': the part is read from the right.
    assert parse_part_id(unit_id("a#b>2", 7)) == Part("a#b>2", 7)
    assert parse_part_id(weight_id("x#1", 0, 12)) == Part("x#1", 12, 0)


@pytest.mark.parametrize("text", ["hidden", "#3", "hidden#", "hidden#x", "hidden#3>", "hidden#>3", "hidden#-1",
                                  "hidden#1>2>3", "hidden# 3", "hidden#٣", 3, None])
def test_other_texts_are_not_parts(text):
    assert parse_part_id(text) is None


def test_part_is_frozen_and_hashable():
    part = Part("hidden", 1, 2)
    with pytest.raises(AttributeError):
        part.unit = 3
    assert {part, Part("hidden", 1, 2)} == {part}
    assert Part("hidden", 1) != Part("hidden", 1, 0)


# --- why not ----------------------------------------------------------------------------------------
def test_dense_and_vector_and_image_inputs_expand():
    p = net()
    for node_id in ("a", "b", "hidden", "out", "img"):
        assert why_not_expand(p, node_id) is None, node_id


def test_reasons_in_plain_words():
    p = net()
    assert why_not_expand(p, "conv") == "conv2d blocks cannot be opened into neurons"
    assert why_not_expand(p, "n") == "n is a single neuron already"
    assert why_not_expand(p, "nope") == "there is no node nope"
    p.node("hidden").config["units"] = 5000
    assert why_not_expand(p, "hidden") == "hidden has 5,000 units; at most 1,024 can be drawn"
    p.node("hidden").config["units"] = MAX_DENSE_UNITS
    assert why_not_expand(p, "hidden") is None


def test_dense_inputs_must_be_known_vectors():
    p = build([{"id": "img", "kind": "input", "config": {"shape": [1, 4, 4]}},
               {"id": "d", "kind": "dense"}, {"id": "lonely", "kind": "dense"},
               {"id": "seq", "kind": "input", "config": {"shape": [5, 3]}}, {"id": "r", "kind": "dense"}],
              [("e1", "img", "d"), ("e2", "seq", "r")])
    assert why_not_expand(p, "d") == ("a neuron takes a vector, but d receives [1, 4, 4], "
                                      "an image: put a flatten node before it")
    assert why_not_expand(p, "lonely") == "lonely has no inputs yet: connect something into it first"
    assert why_not_expand(p, "r").startswith("a neuron takes a vector, but r receives [5, 3], a sequence")


def test_a_layer_of_too_many_weights_is_not_drawn():
    p = build([{"id": "x", "kind": "input", "config": {"shape": [784]}},
               {"id": "h", "kind": "dense", "config": {"units": 128}},
               {"id": "wide", "kind": "dense", "config": {"units": 256}}],
              [("e1", "x", "h"), ("e2", "x", "wide")])
    assert why_not_expand(p, "h") is None                      # 100,352 lines: the tutorial's first layer
    assert why_not_expand(p, "wide") == "wide has 200,704 weights; at most 200,000 can be drawn as lines"


def test_input_limits():
    p = build([{"id": "big", "kind": "input", "config": {"shape": [5000]}},
               {"id": "rgb", "kind": "input", "config": {"shape": [3, 8, 8]}},
               {"id": "huge", "kind": "input", "config": {"shape": [1, 70, 70]}},
               {"id": "ok", "kind": "input", "config": {"shape": [4096]}}], [])
    assert why_not_expand(p, "big") == "big has 5,000 values; at most 4,096 can be drawn"
    assert why_not_expand(p, "rgb") == "rgb gives images of 3 channels; only one-channel images can be drawn as pixels"
    assert why_not_expand(p, "huge") == "huge has 4,900 values; at most 4,096 can be drawn"
    assert why_not_expand(p, "ok") is None


# --- image grids ------------------------------------------------------------------------------------
def test_image_grid_from_the_shape():
    p = build([{"id": "one", "kind": "input", "config": {"shape": [1, 28, 28]}},
               {"id": "flat2d", "kind": "input", "config": {"shape": [6, 4]}},
               {"id": "rgb", "kind": "input", "config": {"shape": [3, 8, 8]}},
               {"id": "vec", "kind": "input", "config": {"shape": [64]}}, {"id": "d", "kind": "dense"}],
              [("e1", "vec", "d")])
    assert image_grid(p, "one") == (28, 28)
    assert image_grid(p, "flat2d") == (6, 4)
    assert image_grid(p, "rgb") is None
    assert image_grid(p, "vec") is None            # a table's 64 columns are not pixels
    assert image_grid(p, "d") is None
    assert image_grid(p, "missing") is None


@pytest.mark.parametrize("source, grid", [
    ({"kind": "builtin", "name": "digits", "params": {}}, (8, 8)),
    ({"kind": "idx", "images": "i.idx", "labels": "l.idx"}, (8, 8)),
    ({"kind": "builtin", "name": "spiral", "params": {}}, None),
    ({"kind": "npz", "path": "x.npz", "inputs": "inputs", "targets": "targets"}, None),
])
def test_a_flat_square_input_is_an_image_when_the_data_says_so(source, grid):
    p = build([{"id": "x", "kind": "input", "config": {"shape": [64]}},
               {"id": "y", "kind": "input", "config": {"shape": [63]}}], [], source)
    assert image_grid(p, "x") == grid
    assert image_grid(p, "y") is None


def test_unit_image_directly_or_through_flatten():
    digits = {"kind": "builtin", "name": "digits", "params": {}}
    p = build([{"id": "x", "kind": "input", "config": {"shape": [64]}}, {"id": "h", "kind": "dense"},
               {"id": "o", "kind": "dense"},
               {"id": "img", "kind": "input", "config": {"shape": [1, 5, 7]}}, {"id": "f", "kind": "flatten"},
               {"id": "g", "kind": "dense"}, {"id": "raw", "kind": "dense"}, {"id": "two", "kind": "dense"}],
              [("e1", "x", "h"), ("e2", "h", "o"), ("e3", "img", "f"), ("e4", "f", "g"), ("e5", "img", "raw"),
               ("e6", "x", "two"), ("e7", "f", "two")], digits)
    assert unit_image(p, "h") == (8, 8)
    assert unit_image(p, "g") == (5, 7)
    assert unit_image(p, "o") is None              # fed by a dense layer, not pixels
    assert unit_image(p, "raw") is None            # a dense on [1, 5, 7] works on rows of 7
    assert unit_image(p, "two") is None            # two sources: no one picture


# --- layout -----------------------------------------------------------------------------------------
def test_a_column_of_units_is_centred_and_spaced():
    p = net()
    offsets = unit_offsets(p, "hidden")
    assert offsets.shape == (4, 2) and offsets.dtype == np.float64
    np.testing.assert_array_equal(offsets[:, 0], 0.0)
    np.testing.assert_array_equal(offsets[:, 1], np.array([-1.5, -0.5, 0.5, 1.5]) * UNIT_SPACING)


def test_more_than_64_units_make_columns():
    p = net()
    p.node("hidden").config["units"] = 130            # columns of 64, 64 and 2
    offsets = unit_offsets(p, "hidden")
    assert offsets.shape == (130, 2)
    np.testing.assert_array_equal(np.unique(offsets[:, 0]), [-UNIT_COLUMN_SPACING, 0.0, UNIT_COLUMN_SPACING])
    np.testing.assert_array_equal(offsets[0], [-UNIT_COLUMN_SPACING, -31.5 * UNIT_SPACING])
    np.testing.assert_array_equal(offsets[63], [-UNIT_COLUMN_SPACING, 31.5 * UNIT_SPACING])
    np.testing.assert_array_equal(offsets[64], [0.0, -31.5 * UNIT_SPACING])
    np.testing.assert_array_equal(offsets[128:], [[UNIT_COLUMN_SPACING, -0.5 * UNIT_SPACING],
                                                  [UNIT_COLUMN_SPACING, 0.5 * UNIT_SPACING]])
    assert len({tuple(o) for o in offsets}) == 130


def test_an_image_input_is_a_row_major_pixel_grid():
    p = build([{"id": "img", "kind": "input", "config": {"shape": [1, 3, 4]}}], [])
    offsets = unit_offsets(p, "img")
    assert offsets.shape == (12, 2)
    for r in range(3):
        for c in range(4):
            np.testing.assert_array_equal(offsets[r * 4 + c], [(c - 1.5) * PIXEL_SPACING, (r - 1) * PIXEL_SPACING])


def test_a_vector_input_is_a_column_and_other_nodes_have_no_units():
    p = net()
    np.testing.assert_array_equal(unit_offsets(p, "b"), [[0, -UNIT_SPACING], [0, 0], [0, UNIT_SPACING]])
    assert unit_offsets(p, "conv").shape == (0, 2)
    assert expansion.unit_count(p, "img") == 64 and expansion.unit_count(p, "out") == 2


# --- weight blocks ----------------------------------------------------------------------------------
def test_weight_blocks_follow_edge_order():
    p = net()
    assert weight_blocks(p, "hidden") == [WeightBlock("e1", "b", 0, 3), WeightBlock("e2", "a", 3, 2)]
    assert weight_blocks(p, "out") == [WeightBlock("e3", "hidden", 0, 4)]
    assert weight_blocks(p, "a") == []


def test_weight_blocks_are_empty_while_a_shape_is_unknown_or_not_a_vector():
    p = build([{"id": "img", "kind": "input", "config": {"shape": [1, 4, 4]}}, {"id": "d", "kind": "dense"}],
              [("e1", "img", "d")])
    assert weight_blocks(p, "d") == []
    assert weight_blocks(p, "d", shapes={}) == []
