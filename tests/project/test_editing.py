"""Editing helpers: fresh ids, neuron columns, full connection, connection checks, copy/paste."""
from __future__ import annotations

import json

import numpy as np
import pytest

from nnstudio.project import editing, graph, io, registry
from nnstudio.errors import ProjectError
from nnstudio.project.model import Edge, Node, Project


def make(nodes: list[tuple], edges: list[tuple] = ()) -> Project:
    """(id, kind, x, y[, config]) nodes and (id, source, target[, weight]) edges."""
    p = Project()
    for node_id, kind, x, y, *config in nodes:
        p.nodes.append(Node(node_id, kind, node_id, (float(x), float(y)),
                            registry.kind(kind).check_config(config[0] if config else {})))
    p.edges = [Edge(e[0], e[1], e[2], e[3] if len(e) > 3 else None) for e in edges]
    p.inputs = [n.id for n in p.nodes if n.kind == "input"]
    return p


@pytest.fixture
def chain() -> Project:
    """i1 → a → b, plus a spare neuron c and an image input img."""
    return make([("i1", "input", 0, 0), ("a", "neuron", 200, 0), ("b", "neuron", 400, 0),
                 ("c", "neuron", 400, 90), ("img", "input", 0, 200, {"shape": [1, 4, 4]})],
                [("e1", "i1", "a", 0.5), ("e2", "a", "b", -0.25)])


# --- ids and new nodes -------------------------------------------------------------------------
def test_fresh_id_skips_node_edge_and_reserved_ids():
    p = make([("n1", "neuron", 0, 0), ("n3", "neuron", 0, 0)], [("n2", "n1", "n3")])
    assert editing.fresh_id(p, "n") == "n4"
    assert editing.fresh_id(p, "n", {"n4", "n5"}) == "n6"
    assert editing.fresh_id(p, "e") == "e1"


def test_new_node_has_default_config_overrides_and_a_kind_prefix():
    p = make([("dense1", "dense", 0, 0)])
    node = editing.new_node(p, "dense", (10, 20), units=7)
    assert (node.id, node.label, node.pos) == ("dense2", "dense2", (10.0, 20.0))
    assert node.config == dict(registry.kind("dense").check_config({}), units=7)
    assert editing.new_node(p, "input", (0, 0)).id == "in1"
    with pytest.raises(KeyError):
        editing.new_node(p, "not_a_kind", (0, 0))
    with pytest.raises(registry.ConfigError):
        editing.new_node(p, "dense", (0, 0), units=0)


def test_neuron_column_stacks_fresh_neurons_downwards():
    p = make([("n1", "neuron", 0, 0)])
    column = editing.neuron_column(p, 4, (100, -50))
    assert [n.id for n in column] == ["n2", "n3", "n4", "n5"]
    assert [n.pos for n in column] == [(100.0, -50.0), (100.0, 40.0), (100.0, 130.0), (100.0, 220.0)]
    assert all(n.kind == "neuron" and n.config["activation"] == "sigmoid" for n in column)


# --- columns and full connection -------------------------------------------------------------
def test_split_columns_takes_the_leftmost_column_top_to_bottom():
    p = make([("r2", "neuron", 400, 90), ("l2", "neuron", 10, 90), ("l1", "neuron", 0, 0),
              ("m", "neuron", 200, 0), ("r1", "neuron", 400, 0)])
    assert editing.split_columns(p, ["r2", "l2", "l1", "m", "r1"]) == (["l1", "l2"], ["m", "r1", "r2"])
    assert editing.split_columns(p, []) == ([], [])


def test_fully_connect_makes_every_pair_once_in_target_order():
    p = make([("i1", "input", 0, 0), ("i2", "input", 0, 90), ("h1", "neuron", 200, 0), ("h2", "neuron", 200, 90)],
             [("e1", "i1", "h1")])
    edges = editing.fully_connect(p, ["i1", "i2"], ["h1", "h2"])
    assert [(e.source, e.target) for e in edges] == [("i2", "h1"), ("i1", "h2"), ("i2", "h2")]
    assert [e.id for e in edges] == ["e2", "e3", "e4"]        # fresh and distinct
    assert all(e.weight is None and e.trainable for e in edges)
    assert len(p.edges) == 1      # the project itself is untouched


def test_fully_connect_skips_pairs_that_would_close_a_cycle(chain):
    # b → a would close a → b → a; c → a is fine. Sources and targets overlapping: a → a is skipped.
    edges = editing.fully_connect(chain, ["b", "c", "a"], ["a"])
    assert [(e.source, e.target) for e in edges] == [("c", "a")]
    # Within one call, new edges count too: x → y then y → x is refused.
    p = make([("x", "neuron", 0, 0), ("y", "neuron", 0, 90)])
    assert [(e.source, e.target) for e in editing.fully_connect(p, ["x", "y"], ["y", "x"])] == [("x", "y")]


# --- checking a proposed connection ----------------------------------------------------------
@pytest.mark.parametrize("source, target, words", [
    ("a", "a", "cannot connect to itself"),
    ("i1", "a", "already connected"),
    ("b", "a", "would make a cycle"),
    ("b", "i1", "is an input"),
    ("img", "c", "takes vectors"),
    ("img", "a", "cannot be joined"),
    ("a", "ghost", "there is no node ghost"),
])
def test_connection_problem_names_the_reason(chain, source, target, words):
    before = io.project_to_dict(chain)
    problem = editing.connection_problem(chain, source, target)
    assert problem is not None and words in problem
    assert io.project_to_dict(chain) == before


@pytest.mark.parametrize("source, target", [("i1", "b"), ("a", "c"), ("i1", "c"), ("b", "c")])
def test_connection_problem_accepts_good_connections(chain, source, target):
    assert editing.connection_problem(chain, source, target) is None


def test_an_existing_shape_error_does_not_block_unrelated_connections():
    p = make([("img", "input", 0, 0, {"shape": [1, 4, 4]}), ("n", "neuron", 200, 0), ("i", "input", 0, 100),
              ("m", "neuron", 200, 100)], [("bad", "img", "n")])
    assert "n" in graph.infer_shapes(p).errors
    assert editing.connection_problem(p, "i", "m") is None


# --- copy and paste --------------------------------------------------------------------------
def test_fragment_holds_the_nodes_and_only_the_edges_among_them(chain):
    chain.nodes[1].params = {"b": np.array(0.35)}
    frag = editing.fragment(chain, ["a", "b"])
    assert frag["format"] == "nnstudio.fragment"
    assert [n["id"] for n in frag["nodes"]] == ["a", "b"] and frag["nodes"][0]["params"] == {"b": 0.35}
    assert [e["id"] for e in frag["edges"]] == ["e2"]
    json.dumps(frag)      # clipboard-ready


def test_paste_gives_fresh_ids_offsets_and_reconnects_the_copies(chain):
    frag = json.loads(json.dumps(editing.fragment(chain, ["i1", "a", "b"])))
    nodes, edges = editing.paste(chain, frag, offset=(40, 30))
    used = set(chain.node_ids()) | {e.id for e in chain.edges}
    ids = [n.id for n in nodes] + [e.id for e in edges]
    assert len(set(ids)) == len(ids) and not set(ids) & used
    old_to_new = dict(zip(["i1", "a", "b"], [n.id for n in nodes]))
    assert [(e.source, e.target, e.weight) for e in edges] == [
        (old_to_new["i1"], old_to_new["a"], 0.5), (old_to_new["a"], old_to_new["b"], -0.25)]
    assert [n.pos for n in nodes] == [(40.0, 30.0), (240.0, 30.0), (440.0, 30.0)]
    assert [n.label for n in nodes] == [n.id for n in nodes]      # labels that were ids follow the ids
    assert [n.kind for n in nodes] == ["input", "neuron", "neuron"]
    # pasting into a project that now holds the copies gives yet other ids
    for n in nodes:
        chain.nodes.append(n)
    again, _ = editing.paste(chain, frag)
    assert not {n.id for n in again} & set(chain.node_ids())


def test_paste_keeps_custom_labels():
    p = make([("n1", "neuron", 0, 0)])
    p.nodes[0].label = "hidden unit"
    nodes, _ = editing.paste(p, editing.fragment(p, ["n1"]))
    assert nodes[0].label == "hidden unit" and nodes[0].id == "n2"


@pytest.mark.parametrize("data", [None, [], {"format": "nnstudio.project"}, {"format": "nnstudio.fragment",
                                  "nodes": [{"id": "a", "kind": "bogus", "pos": [0, 0], "config": {}}]}])
def test_paste_refuses_anything_but_a_fragment(data):
    with pytest.raises(ProjectError):
        editing.paste(Project(), data)


def test_edge_value_is_a_single_number():
    assert editing.edge_value(None) is None
    assert editing.edge_value(0.25) == 0.25
    assert editing.edge_value(np.array(-1.5)) == -1.5
    assert editing.edge_value(np.array([1.0, 3.0])) == 2.0
