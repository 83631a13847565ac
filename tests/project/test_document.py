"""Document: one ordered event per change, and return values that invert every change exactly."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.project.document import Document, Event
from nnstudio.project.io import project_from_dict, project_to_dict
from nnstudio.project.model import DataSpec, Edge, History, Node, Project, TrainingSpec


def sample() -> Project:
    """A 2-2-1 neuron network, plus a spare unconnected neuron."""
    ws = [("w1", "i1", "h1", .15), ("w2", "i2", "h1", .2), ("w3", "i1", "h2", .25), ("w4", "i2", "h2", .3),
          ("w5", "h1", "o", .4), ("w6", "h2", "o", .45)]
    return project_from_dict({
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "i1", "kind": "input"}, {"id": "i2", "kind": "input"},
                  {"id": "h1", "kind": "neuron", "params": {"b": 0.1}},
                  {"id": "spare", "kind": "neuron", "pos": [5, 6]},
                  {"id": "h2", "kind": "neuron"}, {"id": "o", "kind": "neuron", "params": {"b": -0.2}}],
        "edges": [{"id": a, "source": s, "target": t, "weight": w} for a, s, t, w in ws],
        "inputs": ["i1", "i2"], "outputs": ["o"],
        "history": {"epoch": [1], "loss": [0.5]},
    })


@pytest.fixture
def doc():
    return Document(sample())


@pytest.fixture
def events(doc):
    seen: list[Event] = []
    doc.subscribe(seen.append)
    return seen


# (name, apply, invert given apply's result, event kind)
CHANGES = [
    ("add_node", lambda d: d.add_node(Node("n9", "neuron", "N9", (1.0, 2.0)), 2),
     lambda d, r: d.remove_node("n9"), "node_added"),
    ("add_node_at_end", lambda d: d.add_node(Node("n9", "dense", config={"units": 2})),
     lambda d, r: d.remove_node("n9"), "node_added"),
    ("remove_node", lambda d: d.remove_node("spare"), lambda d, r: d.add_node(*r), "node_removed"),
    ("add_edge", lambda d: d.add_edge(Edge("w9", "i1", "o", 0.7, False), 1),
     lambda d, r: d.remove_edge("w9"), "edge_added"),
    ("remove_edge", lambda d: d.remove_edge("w3"), lambda d, r: d.add_edge(*r), "edge_removed"),
    ("move_node", lambda d: d.move_node("h1", (10, -20.5)), lambda d, r: d.move_node("h1", r), "node_moved"),
    ("set_node_config", lambda d: d.set_node_config("h1", {"activation": "tanh", "bias": 0.5}),
     lambda d, r: d.set_node_config("h1", r), "node_changed"),
    ("set_node_label", lambda d: d.set_node_label("h1", "hidden one"),
     lambda d, r: d.set_node_label("h1", r), "node_changed"),
    ("set_node_params", lambda d: d.set_node_params("h1", {"b": np.array(0.75)}),
     lambda d, r: d.set_node_params("h1", r), "node_params_changed"),
    ("set_node_params_empty", lambda d: d.set_node_params("o", {}),
     lambda d, r: d.set_node_params("o", r), "node_params_changed"),
    ("set_edge_weight", lambda d: d.set_edge_weight("w1", 0.9), lambda d, r: d.set_edge_weight("w1", r),
     "edge_changed"),
    ("set_edge_weight_none", lambda d: d.set_edge_weight("w1", None), lambda d, r: d.set_edge_weight("w1", r),
     "edge_changed"),
    ("set_edge_weight_vector", lambda d: d.set_edge_weight("w1", np.array([0.5])),
     lambda d, r: d.set_edge_weight("w1", r), "edge_changed"),
    ("set_edge_trainable", lambda d: d.set_edge_trainable("w1", False),
     lambda d, r: d.set_edge_trainable("w1", r), "edge_changed"),
    ("set_inputs", lambda d: d.set_inputs(["i2", "i1"]), lambda d, r: d.set_inputs(r), "io_changed"),
    ("set_outputs", lambda d: d.set_outputs(["o", "h2"]), lambda d, r: d.set_outputs(r), "io_changed"),
    ("set_data", lambda d: d.set_data(DataSpec({"kind": "npz", "path": "x.npz", "inputs": "a", "targets": "b"},
                                               0.25, "standard")),
     lambda d, r: d.set_data(r), "data_changed"),
    ("set_training", lambda d: d.set_training(TrainingSpec(loss="half_sse", epochs=3)),
     lambda d, r: d.set_training(r), "training_changed"),
    ("set_history", lambda d: d.set_history(History()), lambda d, r: d.set_history(r), "history_changed"),
    ("set_meta", lambda d: d.set_meta({"name": "New", "description": "d"}), lambda d, r: d.set_meta(r),
     "meta_changed"),
    ("replace", lambda d: d.replace(Project()), lambda d, r: d.replace(r), "reset"),
]


@pytest.mark.parametrize("name, apply, invert, kind", CHANGES, ids=[c[0] for c in CHANGES])
def test_each_change_emits_one_event_and_inverts_exactly(doc, events, name, apply, invert, kind):
    before = doc.to_dict()
    result = apply(doc)
    assert [e.kind for e in events] == [kind]
    assert doc.to_dict() != before
    invert(doc, result)
    assert doc.to_dict() == before
    assert len(events) == 2


def test_event_payloads_in_order(doc, events):
    doc.add_node(Node("n9", "neuron"))
    doc.add_edge(Edge("w9", "h1", "n9", 0.5))
    doc.move_node("n9", (3, 4))
    doc.set_node_config("n9", {"activation": "relu"})
    doc.set_node_label("n9", "nine")
    doc.set_node_params("n9", {"b": 1.0})
    doc.set_edge_weight("w9", 0.25)
    doc.set_edge_trainable("w9", False)
    doc.set_outputs(["o", "n9"])
    doc.set_outputs(["o"])
    edge, edge_index = doc.remove_edge("w9")
    node, node_index = doc.remove_node("n9")
    doc.set_meta({"name": "x", "description": ""})
    doc.set_inputs(["i1", "i2"])
    doc.set_data(DataSpec())
    doc.set_training(TrainingSpec())
    doc.set_history(History())
    doc.replace(Project())
    assert [(e.kind, {k: v for k, v in e.payload.items() if k not in ("node", "edge")}) for e in events] == [
        ("node_added", {"node_id": "n9", "index": 6}),
        ("edge_added", {"edge_id": "w9", "index": 6}),
        ("node_moved", {"node_id": "n9", "pos": (3.0, 4.0), "old_pos": (0.0, 0.0)}),
        ("node_changed", {"node_id": "n9", "field": "config"}),
        ("node_changed", {"node_id": "n9", "field": "label"}),
        ("node_params_changed", {"node_id": "n9"}),
        ("edge_changed", {"edge_id": "w9", "field": "weight"}),
        ("edge_changed", {"edge_id": "w9", "field": "trainable"}),
        ("io_changed", {"which": "outputs"}),
        ("io_changed", {"which": "outputs"}),
        ("edge_removed", {"edge_id": "w9", "index": 6}),
        ("node_removed", {"node_id": "n9", "index": 6}),
        ("meta_changed", {}),
        ("io_changed", {"which": "inputs"}),
        ("data_changed", {}),
        ("training_changed", {}),
        ("history_changed", {}),
        ("reset", {}),
    ]
    assert events[10].payload["edge"] is edge and edge_index == 6
    assert events[11].payload["node"] is node and node.label == "nine" and float(node.params["b"]) == 1.0


def test_remove_node_refuses_while_edges_or_io_lists_use_it(doc, events):
    with pytest.raises(ValueError, match="h1: remove its connections first"):
        doc.remove_node("h1")
    doc.set_outputs(["o", "spare"])
    with pytest.raises(ValueError, match="spare: remove it from outputs first"):
        doc.remove_node("spare")
    assert [e.kind for e in events] == ["io_changed"]
    assert "spare" in doc.project.node_ids()


def test_add_refuses_duplicate_ids_and_missing_ends(doc, events):
    with pytest.raises(ValueError, match="already in use"):
        doc.add_node(Node("w1", "neuron"))
    with pytest.raises(ValueError, match="already in use"):
        doc.add_edge(Edge("h1", "i1", "o"))
    with pytest.raises(ValueError, match="there is no node 'ghost'"):
        doc.add_edge(Edge("w9", "ghost", "o"))
    with pytest.raises(IndexError):
        doc.add_node(Node("n9", "neuron"), 99)
    with pytest.raises(KeyError):
        doc.remove_edge("nope")
    with pytest.raises(KeyError):
        doc.move_node("nope", (0, 0))
    assert events == []


def test_stored_values_are_copies(doc):
    node = Node("n9", "neuron", params={"b": np.array(0.5)})
    doc.add_node(node)
    node.pos = (99.0, 99.0)
    node.params["b"][...] = 7.0
    stored = doc.project.node("n9")
    assert stored.pos == (0.0, 0.0) and float(stored.params["b"]) == 0.5
    config = {"activation": "tanh"}
    doc.set_node_config("n9", config)
    config["activation"] = "relu"
    assert doc.project.node("n9").config == {"activation": "tanh"}
    weight = np.array([1.0])
    doc.set_edge_weight("w1", weight)
    weight[0] = 5.0
    assert doc.project.edge("w1").weight[0] == 1.0


def test_unsubscribe(doc):
    seen = []
    stop = doc.subscribe(seen.append)
    doc.move_node("h1", (1, 1))
    stop()
    stop()                       # twice is harmless
    doc.move_node("h1", (2, 2))
    assert len(seen) == 1


def test_changes_made_by_a_subscriber_are_delivered_in_order(doc):
    first, second = [], []

    def follow(event):
        first.append(event.kind)
        if event.kind == "node_added":
            doc.move_node(event.payload["node_id"], (5, 5))

    doc.subscribe(follow)
    doc.subscribe(lambda e: second.append(e.kind))
    doc.add_node(Node("n9", "neuron"))
    assert first == second == ["node_added", "node_moved"]
    assert doc.project.node("n9").pos == (5.0, 5.0)


def test_a_failing_subscriber_does_not_silence_the_others(doc):
    seen = []

    def broken(event):
        raise RuntimeError("view bug")

    doc.subscribe(broken)
    doc.subscribe(seen.append)
    with pytest.raises(RuntimeError, match="view bug"):
        doc.move_node("h1", (1, 1))
    assert [e.kind for e in seen] == ["node_moved"]
    doc.subscribe(lambda e: None)
    with pytest.raises(RuntimeError):
        doc.move_node("h1", (2, 2))      # still delivering after a failure
    assert len(seen) == 2


def test_to_dict_is_the_file_dict(doc):
    assert doc.to_dict() == project_to_dict(doc.project)
    assert Document().project.nodes == []
