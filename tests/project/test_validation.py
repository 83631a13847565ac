"""validate(): one test per check, each asserting the problem's anchor."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.project.compile import compile_project
from nnstudio.errors import ProjectError
from nnstudio.project.io import project_from_dict
from nnstudio.project.model import Edge, Node, Project
from nnstudio.project.validation import Problem, validate


def worked() -> Project:
    """The 2-2-2 sigmoid backpropagation walkthrough."""
    def neuron(i, b):
        return {"id": i, "kind": "neuron", "config": {"activation": "sigmoid", "bias_trainable": False},
                "params": {"b": b}}
    ws = [("w1", "i1", "h1", .15), ("w2", "i2", "h1", .2), ("w3", "i1", "h2", .25), ("w4", "i2", "h2", .3),
          ("w5", "h1", "o1", .4), ("w6", "h2", "o1", .45), ("w7", "h1", "o2", .5), ("w8", "h2", "o2", .55)]
    return project_from_dict({
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "i1", "kind": "input"}, {"id": "i2", "kind": "input"},
                  neuron("h1", .35), neuron("h2", .35), neuron("o1", .6), neuron("o2", .6)],
        "edges": [{"id": a, "source": s, "target": t, "weight": w} for a, s, t, w in ws],
        "inputs": ["i1", "i2"], "outputs": ["o1", "o2"],
        "data": {"source": {"kind": "table", "inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]]}},
        "training": {"loss": "half_sse", "optimizer": {"kind": "sgd", "lr": 0.5}},
    })


def dense() -> Project:
    """input[2] → dense(3, tanh) → neuron(sigmoid) through a 3-number edge weight."""
    return project_from_dict({
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [2]}},
                  {"id": "d1", "kind": "dense", "config": {"units": 3, "activation": "tanh"},
                   "params": {"W": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]], "b": [0, 0, 0]}},
                  {"id": "n", "kind": "neuron", "config": {"activation": "sigmoid"}}],
        "edges": [{"id": "e1", "source": "x", "target": "d1"},
                  {"id": "e2", "source": "d1", "target": "n", "weight": [0.5, -0.5, 0.25]}],
        "inputs": ["x"], "outputs": ["n"],
        "training": {"loss": "binary_crossentropy", "optimizer": {"kind": "adam"}},
    })


def problems(project: Project, severity: str | None = None) -> list[Problem]:
    return [p for p in validate(project) if severity is None or p.severity == severity]


def only(project: Project, severity: str = "error") -> Problem:
    found = problems(project, severity)
    assert len(found) == 1, found
    return found[0]


def anchors(project: Project, severity: str = "error") -> set[str]:
    return {p.where for p in problems(project, severity)}


def test_valid_projects_have_no_problems():
    assert validate(worked()) == []
    assert validate(dense()) == []


def test_problem_where_and_str():
    assert Problem("error", "x", node_id="n").where == "n"
    assert Problem("error", "x", edge_id="e").where == "e"
    assert Problem("warning", "something").where == "project"
    assert Problem("error", "must be > 0", path="training.optimizer.lr").where == "training.optimizer.lr"
    assert Problem("error", "x", node_id="n", path="outputs").where == "n"     # the node comes first
    assert str(Problem("error", "must be > 0", path="training.optimizer.lr")) == "training.optimizer.lr: must be > 0"
    assert str(Problem("error", "has no incoming connections", "h3")) == "h3: has no incoming connections"


def test_unknown_kind():
    p = worked()
    p.node("h1").kind = "conv9"
    assert Problem("error", "has an unknown kind 'conv9'", "h1") in validate(p)


def test_config_errors():
    p = dense()
    p.node("d1").config["units"] = 0
    assert only(p) == Problem("error", "units must be a positive integer", "d1", path="config.units")
    p = dense()
    p.node("d1").config["colour"] = "red"
    assert only(p) == Problem("error", "has an unknown setting colour", "d1")
    p = dense()
    p.node("d1").config = None
    assert only(p) == Problem("error", "config must be an object", "d1")


def test_edge_to_missing_node():
    p = worked()
    p.edges[0].target = "ghost"
    assert Problem("error", "connects to 'ghost', which does not exist", edge_id="w1") in validate(p)


def test_self_loop():
    p = worked()
    p.edges.append(Edge("loop", "h1", "h1", 1.0))
    assert only(p) == Problem("error", "connects h1 to itself", edge_id="loop")


def test_duplicate_edge():
    p = worked()
    p.edges.append(Edge("w1b", "i1", "h1", 0.1))
    assert only(p) == Problem("error", "repeats w1: both connect i1 to h1", edge_id="w1b")


def test_duplicate_ids():
    p = worked()
    p.nodes.append(Node("h1", "neuron"))
    p.edges.append(Edge("o1", "i1", "o2"))
    found = problems(p)
    assert Problem("error", "uses the id of another node", "h1") in found
    assert Problem("error", "uses the id of another node or edge", edge_id="o1") in found


def test_cycle_names_every_node_on_it():
    p = worked()
    p.edges.append(Edge("back", "o1", "h1", 0.1))
    found = problems(p)
    assert {q.where for q in found} == {"h1", "o1"}
    assert all(q.message.startswith("is on a cycle: ") for q in found)
    assert "h1 → o1 → h1" in found[0].message


def test_shape_errors_are_anchored_to_the_node():
    p = worked()
    p.data.source = {"kind": "table", "inputs": [], "targets": []}
    p.node("i1").config["shape"] = [2, 3]
    p.node("i2").config["shape"] = [2, 3]
    # sequences join on features: [2, 3] + [2, 3] → [2, 6]
    assert problems(p) == [Problem("error", "takes vectors, but receives [2, 6]; add a flatten node", "h1"),
                           Problem("error", "takes vectors, but receives [2, 6]; add a flatten node", "h2")]
    p.node("i2").config["shape"] = [1]
    assert anchors(p) == {"h1", "h2"}
    assert "inputs of different ranks cannot be joined: [2, 3], [1]" in problems(p)[0].message
    p = dense()
    p.nodes.append(Node("seq", "input", config={"shape": [2, 3]}))
    p.inputs.append("seq")
    p.edges.append(Edge("e3", "seq", "d1"))
    assert only(p).node_id == "d1" and "different ranks" in only(p).message


def test_edge_into_an_input_node():
    p = worked()
    p.nodes.append(Node("i3", "input", config={"shape": [1]}))
    p.inputs.append("i3")
    p.data.source["inputs"] = [[0.05, 0.1, 0.2]]
    p.edges.append(Edge("bad", "o1", "i3"))
    assert only(p) == Problem("error", "leads into input node i3, which takes no incoming connections",
                              edge_id="bad")


def test_unconnected_input_port_is_reported_once():
    p = worked()
    p.nodes.append(Node("h3", "neuron", config={"activation": "sigmoid"}))
    assert problems(p, "error") == [Problem("error", "has no incoming connections", "h3")]
    assert problems(p, "warning") == [
        Problem("warning", "its output goes nowhere: connect it onward or make it a network output", "h3",
                path="outputs")]


def test_output_going_nowhere_is_a_warning():
    p = worked()
    p.outputs = ["o1"]
    p.data.source["targets"] = [[0.01]]
    assert only(p, "warning").node_id == "o2"
    assert problems(p, "error") == []


def test_no_inputs_and_no_outputs():
    p = worked()
    p.inputs, p.outputs = [], []
    found = problems(p, "error")
    assert Problem("error", "the network has no input node yet", path="inputs") in found
    assert Problem("error", "the network has no output node yet", path="outputs") in found
    assert Problem("error", "is an input node but is not listed in inputs", "i1") in found


def test_inputs_that_are_not_input_nodes():
    p = worked()
    p.inputs = ["i1", "i2", "h1", "i1", "ghost"]
    found = problems(p, "error")
    assert Problem("error", "is listed in inputs but is not an input node", "h1") in found
    assert Problem("error", "is listed twice in inputs", "i1") in found
    assert Problem("error", "lists 'ghost', which does not exist", path="inputs") in found
    p = worked()
    p.outputs = ["o1", "o2", "o9"]
    assert only(p) == Problem("error", "lists 'o9', which does not exist", path="outputs")


def test_edge_weight_size_must_match_source_width():
    p = dense()
    p.edges[1].weight = np.array([0.5, -0.5])
    assert only(p) == Problem("error", "has 2 weights, but d1 outputs 3 values", edge_id="e2")
    p.edges[1].weight = 0.5
    assert only(p) == Problem("error", "has 1 weight, but d1 outputs 3 values", edge_id="e2")
    p.edges[1].weight = np.array([0.5, np.nan, 1.0])
    assert only(p) == Problem("error", "has a weight that is not a finite number", edge_id="e2")
    p.edges[1].weight = "heavy"
    assert only(p).edge_id == "e2"


def test_weight_on_an_edge_into_a_layer_is_ignored_with_a_warning():
    p = dense()
    p.edges[0].weight = 0.3
    assert only(p, "warning") == Problem(
        "warning", "carries a weight, which is ignored: a dense node keeps its own weights", edge_id="e1")
    assert problems(p, "error") == []


def test_param_shapes():
    p = dense()
    p.node("d1").params["W"] = np.zeros((3, 3))
    assert only(p) == Problem("error", "params.W has shape [3, 3], expected [2, 3]", "d1", path="params.W")
    p = worked()
    p.node("h1").params["b"] = np.array([0.35])
    assert only(p) == Problem("error", "params.b has shape [1], expected a single number", "h1", path="params.b")
    p = worked()
    p.node("h1").params["b"] = np.array(np.inf)
    assert only(p) == Problem("error", "params.b holds values that are not finite", "h1", path="params.b")


def test_unknown_params_are_a_warning():
    p = dense()
    p.node("d1").config["use_bias"] = False
    assert only(p, "warning") == Problem("warning", "has a parameter b that this dense node does not use", "d1",
                                         path="params.b")
    p.node("x").params["W"] = np.zeros(2)
    assert Problem("warning", "has a parameter W that this input node does not use", "x", path="params.W") in validate(p)


def test_categorical_losses_need_two_outputs():
    p = dense()
    p.training.loss = "sparse_categorical_crossentropy"
    found = problems(p, "error")
    assert found == [Problem("error", "sparse_categorical_crossentropy needs at least 2 outputs (one per class), "
                                      "but the network has 1", "n", path="training.loss")]
    assert only(p, "warning") == Problem(
        "warning", "sparse_categorical_crossentropy expects a softmax output, but this node uses sigmoid", "n",
        path="config.activation")


def test_binary_crossentropy_wants_sigmoid_outputs():
    p = dense()
    p.node("n").config["activation"] = "tanh"
    assert only(p, "warning") == Problem(
        "warning", "binary_crossentropy expects a sigmoid output, but this node uses tanh", "n",
        path="config.activation")
    p = worked()
    p.training.loss = "categorical_crossentropy"
    assert anchors(p, "warning") == {"o1", "o2"}
    assert problems(p, "error") == []


def test_perceptron_trains_only_step_or_sign_output_units():
    p = worked()
    p.training.optimizer = {"kind": "perceptron", "lr": 1.0}
    found = problems(p, "error")
    assert {q.where for q in found} == {"h1", "h2", "o1", "o2"}
    hidden = [q for q in found if q.where == "h1"][0]
    assert "freeze its weights or choose another optimiser" in hidden.message
    out = [q for q in found if q.where == "o1"][0]
    assert out.message == "the perceptron rule needs a step or sign activation, but this unit uses sigmoid"
    for e in p.edges:
        if e.target in ("h1", "h2"):
            e.trainable = False
    for node_id in ("o1", "o2"):
        p.node(node_id).config["activation"] = "step"
    assert problems(p, "error") == []


def test_perceptron_and_dense_layers():
    p = dense()
    p.training.optimizer = {"kind": "perceptron"}
    p.training.loss = "mse"
    p.node("n").config["activation"] = "sign"
    assert anchors(p) == {"d1"}
    p.node("d1").config["trainable"] = False
    p.node("d1").config["bias_trainable"] = False
    assert problems(p, "error") == []


def test_nesterov_needs_momentum():
    p = worked()
    p.training.optimizer = {"kind": "sgd", "lr": 0.1, "nesterov": True}
    assert only(p) == Problem("error", "needs a momentum above 0 and a dampening of 0",
                              path="training.optimizer.nesterov")
    p.training.optimizer["momentum"] = 0.9
    assert problems(p, "error") == []


def test_settings_are_checked_like_io_does():
    p = worked()
    p.training.dtype = "float16"
    p.data.validation_split = 1.5
    p.meta = {"name": 3}
    messages = [str(q) for q in problems(p, "error")]
    assert any(m.startswith("training.dtype: must be one of float32, float64") for m in messages)
    assert "data.validation_split: must be < 1" in messages
    assert "meta.name: must be a string, not a number" in messages
    assert {q.path for q in problems(p, "error")} == {"training.dtype", "data.validation_split", "meta.name"}


def test_data_table_must_fit_the_network():
    p = worked()
    p.data.source["inputs"] = [[0.05, 0.1, 0.2]]
    assert only(p) == Problem("error", "the data table has 3 input columns, but the input nodes take 2",
                              path="data.source.inputs")
    p = worked()
    p.data.source["targets"] = [[0.01, 0.99, 0.5]]
    assert only(p) == Problem("error", "the data table has 3 target columns, but the network has 2 outputs",
                              path="data.source.targets")
    p = worked()
    p.training.loss = "sparse_categorical_crossentropy"
    p.data.source["targets"] = [2]
    assert Problem("error", "the data table has class label 2, but the network has only 2 outputs",
                   path="data.source.targets") in validate(p)


def test_csv_class_encodings_take_one_column():
    p = worked()
    p.data.source = {"kind": "csv", "path": "d.csv", "input_columns": ["a", "b"], "target_columns": ["y", "z"],
                     "target_encoding": "onehot", "delimiter": ","}
    assert only(p) == Problem("error", "must name one column for the onehot encoding",
                              path="data.source.target_columns")


def test_validate_never_raises_on_odd_in_memory_projects():
    p = worked()
    p.node("h1").params["b"] = "x"
    p.node("h2").config = {"activation": 3}
    p.edges[0].weight = object()
    p.training.optimizer = None
    p.training.schedule = "fast"
    p.meta = None
    p.history.loss = ["a"]
    p.data.source = {"kind": "table", "inputs": "abc", "targets": None}
    found = validate(p)
    assert found and all(isinstance(q, Problem) for q in found)
    assert validate(Project()) == [Problem("error", "the network has no input node yet", path="inputs"),
                                   Problem("error", "the network has no output node yet", path="outputs")]


def test_compile_refuses_the_first_error():
    p = worked()
    p.nodes.append(Node("h3", "neuron"))
    with pytest.raises(ProjectError, match="^h3: has no incoming connections$"):
        compile_project(p)
    compile_project(worked())
    compile_project(dense())


def test_outputs_must_join_along_the_last_axis():
    p = dense()
    p.nodes.append(Node("seq", "input", config={"shape": [2, 3]}))
    p.inputs.append("seq")
    p.outputs.append("seq")
    assert only(p) == Problem("error", "the network's outputs have shapes that cannot be joined along their last "
                                       "axis: n [1], seq [2, 3]", path="outputs")


def test_float32_cannot_hold_huge_values():
    p = dense()
    p.node("d1").params["W"][0, 0] = 1e300
    assert problems(p, "error") == []
    p.training.dtype = "float32"
    assert only(p) == Problem("error", "has stored values (W) too large for float32 precision: train in float64",
                              "d1", path="training.dtype")
    p = dense()
    p.training.dtype = "float32"
    p.edges[1].weight = np.array([1e39, 0.0, 0.0])
    assert only(p).edge_id == "e2"


def test_cycle_upstream_of_the_first_node_is_still_found():
    # graph._find_cycle starts at the first stuck node; here that is c, downstream of the a ⇄ b loop
    p = Project(nodes=[Node("c", "neuron"), Node("a", "neuron"), Node("b", "neuron")],
                edges=[Edge("e1", "a", "b"), Edge("e2", "b", "a"), Edge("e3", "b", "c")])
    cycle = [q for q in validate(p) if q.message.startswith("is on a cycle")]
    assert {q.node_id for q in cycle} == {"a", "b"}
    assert cycle[0].message in ("is on a cycle: a → b → a", "is on a cycle: b → a → b")
    assert not any("cannot be checked" in q.message for q in validate(p))
