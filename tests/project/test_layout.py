"""Automatic layout: columns by longest-path depth, centred columns, sensible row order."""
from __future__ import annotations

from nnstudio.project import layout, registry
from nnstudio.project.model import Edge, Node, Project


def make(nodes: list[tuple[str, str]], edges: list[tuple[str, str]], inputs: list[str] | None = None) -> Project:
    p = Project()
    p.nodes = [Node(i, k, i, (0.0, 0.0), registry.kind(k).check_config({})) for i, k in nodes]
    p.edges = [Edge(f"e{k}", s, t) for k, (s, t) in enumerate(edges)]
    p.inputs = [i for i, k in nodes if k == "input"] if inputs is None else inputs
    return p


def test_xor_net_is_three_centred_columns():
    p = make([("x1", "input"), ("x2", "input"), ("h1", "neuron"), ("h2", "neuron"), ("y", "neuron")],
             [("x1", "h1"), ("x2", "h1"), ("x1", "h2"), ("x2", "h2"), ("h1", "y"), ("h2", "y")])
    assert layout.layered_positions(p) == {
        "x1": (0.0, -45.0), "x2": (0.0, 45.0), "h1": (200.0, -45.0), "h2": (200.0, 45.0), "y": (400.0, 0.0)}


def test_depth_is_the_longest_path_not_the_shortest():
    # i → a → b → out, and a shortcut i → out: out still goes after b.
    p = make([("i", "input"), ("a", "dense"), ("b", "dense"), ("out", "dense")],
             [("i", "a"), ("a", "b"), ("b", "out"), ("i", "out")])
    assert layout.depths(p) == {"i": 0, "a": 1, "b": 2, "out": 3}
    assert [layout.layered_positions(p)[n][0] for n in ("i", "a", "b", "out")] == [0.0, 200.0, 400.0, 600.0]


def test_spacing_is_90_between_neurons_and_100_next_to_layers():
    p = make([("i", "input"), ("n1", "neuron"), ("n2", "neuron"), ("d", "dense"), ("n3", "neuron")],
             [("i", "n1"), ("i", "n2"), ("i", "d"), ("i", "n3")])
    pos = layout.layered_positions(p)
    ys = [pos[n][1] for n in ("n1", "n2", "d", "n3")]
    assert [b - a for a, b in zip(ys, ys[1:])] == [90.0, 100.0, 100.0]
    assert ys[0] == -ys[-1]          # the column is centred on y = 0


def test_first_column_follows_the_inputs_list_and_later_ones_their_parents():
    p = make([("a", "input"), ("b", "input"), ("ha", "neuron"), ("hb", "neuron")],
             [("b", "hb"), ("a", "ha")], inputs=["b", "a"])
    pos = layout.layered_positions(p)
    assert pos["b"][1] < pos["a"][1]          # listed first, so on top
    assert pos["hb"][1] < pos["ha"][1]        # next to its parent: no crossing


def test_unconnected_nodes_are_placed_and_nothing_overlaps():
    p = make([("i", "input"), ("lonely", "dense"), ("n", "neuron")], [("i", "n")])
    pos = layout.layered_positions(p)
    assert set(pos) == {"i", "lonely", "n"}
    assert len(set(pos.values())) == 3
    assert pos["lonely"][0] == 0.0 and pos["n"][0] == 200.0


def test_a_cycle_in_a_broken_file_does_not_stop_the_layout():
    p = make([("i", "input"), ("a", "neuron"), ("b", "neuron"), ("c", "neuron")],
             [("i", "a"), ("a", "b"), ("b", "c"), ("c", "a")])
    pos = layout.layered_positions(p)
    assert set(pos) == {"i", "a", "b", "c"}
    assert pos["i"][0] < pos["a"][0] < pos["b"][0] < pos["c"][0]


def test_empty_project():
    assert layout.layered_positions(Project()) == {}
