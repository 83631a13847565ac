"""Convert a dense layer into neurons and group neurons back into a layer (project/convert.py):
the outputs stay the same to 1e-12 in float64, training gives the same losses, the structure
(positions, labels, flags, io lists, edge order) is kept, and what cannot be done says why."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.errors import ProjectError
from nnstudio.project import convert, io, registry, validation
from nnstudio.project.editing import COLUMN_SPACING
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.training.runner import TrainingRun

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RNG = np.random.default_rng(7)
ROWS = RNG.normal(size=(12, 3))          # columns: a (2 values), c (1 value)


def make(hidden: dict, *, after: str = "dense", two_sources: bool = False, output_hidden: bool = False,
         params: dict | None = None) -> Project:
    """a [2] (and c [1]) → hidden (dense) → `after` (a dense layer, a neuron, or both), with
    random table data and Adam, in float64."""
    p = Project()

    def node(node_id, kind, x, y, config=None, values=None):
        p.nodes.append(Node(node_id, kind, node_id, (float(x), float(y)), registry.kind(kind).check_config(config or {}),
                            values or {}))
    node("a", "input", 0, 0, {"shape": [2]})
    if two_sources:
        node("c", "input", 0, 120, {"shape": [1]})
    node("hidden", "dense", 200, 30, hidden, params)
    p.edges.append(Edge("e1", "a", "hidden"))
    if two_sources:
        p.edges.append(Edge("e2", "c", "hidden"))
    outputs = ["hidden"] if output_hidden else []
    if "dense" in after:
        node("top", "dense", 400, 0, {"units": 2, "activation": "tanh"})
        p.edges.append(Edge("e3", "hidden", "top"))
        outputs.append("top")
    if "neuron" in after:
        node("o", "neuron", 400, 120, {"activation": "sigmoid"})
        p.edges.append(Edge("e4", "hidden", "o"))     # no weight: drawn from the seed
        outputs.append("o")
    p.inputs = ["a", "c"] if two_sources else ["a"]
    p.outputs = outputs
    width = sum(2 if o == "top" else hidden.get("units", 4) if o == "hidden" else 1 for o in outputs)
    columns = 3 if two_sources else 2
    p.data = DataSpec({"kind": "table", "inputs": ROWS[:, :columns].tolist(),
                       "targets": RNG.uniform(size=(len(ROWS), width)).tolist()})
    p.training.loss = "mse"
    p.training.optimizer = {"kind": "adam", "lr": 0.01}
    p.training.seed = 3
    return p


def outputs(project: Project) -> np.ndarray:
    """The network's outputs on every sample of the project's data, in float64."""
    assert project.training.dtype == "float64"
    return TrainingRun(project).evaluate("all")["outputs"]


def losses(project: Project, epochs: int) -> np.ndarray:
    run = TrainingRun(project)
    run.run(epochs)
    return np.array(run.history.loss)


def neuron_ids(project: Project) -> list[str]:
    return [n.id for n in project.nodes if n.kind == "neuron" and n.id != "o"]


CASES = {
    "sigmoid, 1 unit": ({"units": 1, "activation": "sigmoid"}, {}),
    "tanh, 3 units": ({"units": 3, "activation": "tanh"}, {}),
    "relu, 7 units": ({"units": 7, "activation": "relu"}, {}),
    "linear, 4 units": ({"units": 4, "activation": "linear"}, {}),
    "prelu with alphas": ({"units": 3, "activation": "prelu"}, {"alpha": np.array([0.1, 0.3, -0.2])}),
    "leaky_relu alpha 0.2": ({"units": 5, "activation": "leaky_relu", "alpha": 0.2}, {}),
    "no bias": ({"units": 3, "activation": "tanh", "use_bias": False}, {}),
    "frozen weights and bias": ({"units": 3, "activation": "sigmoid", "trainable": False, "bias_trainable": False}, {}),
    "softmax": ({"units": 4, "activation": "softmax"}, {}),
}


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("shape", ["dense after", "neuron after", "both after, two sources, hidden an output"])
def test_outputs_and_training_stay_the_same(name, shape):
    config, params = CASES[name]
    if config.get("use_bias", True):        # biases that differ, W left to the seed
        params = {**params, "b": np.linspace(-0.5, 0.5, config["units"])}
    project = make(config, after=shape.split(" after")[0], two_sources="two sources" in shape,
                   output_hidden="hidden an output" in shape, params=params)
    assert "W" not in project.node("hidden").params
    before = outputs(project)
    neurons = convert.to_neurons(project, "hidden")
    assert not validation.errors(neurons)
    np.testing.assert_allclose(outputs(neurons), before, rtol=0, atol=1e-12)
    ids = neuron_ids(neurons)
    assert len(ids) == config["units"]
    back = convert.to_layer(neurons, ids[::-1])     # the unit order comes from the network, not the list
    np.testing.assert_allclose(outputs(back), before, rtol=0, atol=1e-12)
    # The same starting values and the same arithmetic: the same losses, epoch by epoch.
    reference = losses(project, 15)
    np.testing.assert_allclose(losses(neurons, 15), reference, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(losses(back, 15), reference, rtol=1e-9, atol=1e-12)
    assert reference[-1] < reference[0] or name == "frozen weights and bias"


def test_structure_of_the_neurons():
    project = make({"units": 3, "activation": "prelu", "use_bias": True, "bias_trainable": False},
                   after="dense neuron", two_sources=True, output_hidden=True,
                   params={"alpha": np.array([0.1, 0.3, -0.2])})
    project.edges[3].trainable = False                 # hidden → o stays frozen as three edges
    result = convert.to_neurons(project, "hidden")
    ids = neuron_ids(result)
    nodes = [result.node(i) for i in ids]
    assert [n.label for n in nodes] == ["hidden 1", "hidden 2", "hidden 3"]
    assert [n.pos for n in nodes] == [(200.0, 30.0 - COLUMN_SPACING), (200.0, 30.0), (200.0, 30.0 + COLUMN_SPACING)]
    assert [n.config["activation"] for n in nodes] == ["prelu"] * 3
    assert [float(n.params["alpha"]) for n in nodes] == [0.1, 0.3, -0.2]
    assert all(not n.config["bias_trainable"] for n in nodes)
    # Where the layer stood in the node list; the outputs list names the neurons in order.
    assert [n.id for n in result.nodes] == ["a", "c", *ids, "top", "o"]
    assert result.outputs == [*ids, "top", "o"]
    # a's weights are 2-number lists, c's numbers; the edges into top keep its input order.
    into = {i: [e for e in result.edges if e.target == i] for i in ids}
    for i in ids:
        assert [e.source for e in into[i]] == ["a", "c"]
        assert np.shape(into[i][0].weight) == (2,) and isinstance(into[i][1].weight, float)
    assert [e.source for e in result.edges if e.target == "top"] == ids
    to_o = [e for e in result.edges if e.target == "o"]
    assert [e.source for e in to_o] == ids and all(isinstance(e.weight, float) and not e.trainable for e in to_o)
    all_ids = [n.id for n in result.nodes] + [e.id for e in result.edges]
    assert len(set(all_ids)) == len(all_ids)
    # The original is left alone.
    assert [n.id for n in project.nodes] == ["a", "c", "hidden", "top", "o"]


def test_grouping_back_gives_the_layer_it_was():
    project = make({"units": 4, "activation": "tanh", "use_bias": False, "trainable": False},
                   after="dense neuron", two_sources=True)
    neurons = convert.to_neurons(project, "hidden")
    back = convert.to_layer(neurons, list(reversed(neuron_ids(neurons))))    # any selection order
    layer = next(n for n in back.nodes if n.kind == "dense" and n.id != "top")
    assert layer.label == "hidden" and layer.pos == (200.0, 30.0)
    assert layer.config == project.node("hidden").config
    reference = convert.to_neurons(project, "hidden")     # W as drawn from the seed, bit for bit
    columns = [np.concatenate([np.atleast_1d(e.weight) for e in reference.edges if e.target == i])
               for i in neuron_ids(reference)]
    np.testing.assert_array_equal(layer.params["W"], np.stack(columns, axis=1))
    assert [n.id for n in back.nodes] == ["a", "c", layer.id, "top", "o"]
    assert [(e.source, e.target) for e in back.edges] == [("a", layer.id), ("c", layer.id), (layer.id, "top"),
                                                          (layer.id, "o")]
    assert np.shape(back.edges[3].weight) == (4,)


def test_examples_convert_and_group_back():
    xor = io.load_project(EXAMPLES / "xor_dense.json")
    neurons = convert.to_neurons(xor, "hidden")
    np.testing.assert_allclose(outputs(neurons), outputs(xor), rtol=0, atol=1e-12)
    np.testing.assert_allclose(losses(neurons, 40), losses(xor, 40), rtol=1e-9)
    back = convert.to_layer(neurons, neuron_ids(neurons))
    np.testing.assert_allclose(outputs(back), outputs(xor), rtol=0, atol=1e-12)

    digits = io.load_project(EXAMPLES / "digits_mlp.json")
    digits.data.validation_split = 0.0          # every sample in outputs()
    neurons = convert.to_neurons(digits, "hidden")
    ids = neuron_ids(neurons)
    assert len(ids) == 32
    weights = [e.weight for e in neurons.edges if e.source == "x"]
    assert len(weights) == 32 and all(np.shape(w) == (64,) for w in weights)
    before = outputs(digits)
    assert before.shape == (1797, 10)
    np.testing.assert_allclose(outputs(neurons), before, rtol=0, atol=1e-12)
    np.testing.assert_allclose(outputs(convert.to_layer(neurons, ids)), before, rtol=0, atol=1e-12)
    digits.training.epochs = 2
    np.testing.assert_allclose(losses(neurons, 2), losses(digits, 2), rtol=1e-9)


def test_a_converted_project_saves_and_loads_bit_for_bit(tmp_path):
    project = make({"units": 3, "activation": "prelu"}, after="dense neuron", two_sources=True)
    neurons = convert.to_neurons(project, "hidden")
    io.save_project(neurons, tmp_path / "neurons.json")
    loaded = io.load_project(tmp_path / "neurons.json")
    assert io.project_to_dict(loaded) == io.project_to_dict(neurons)
    np.testing.assert_array_equal(outputs(loaded), outputs(neurons))


def test_a_float32_project_keeps_its_values_exactly():
    """Values are drawn in float64 and cast when compiled: the converted weights are the float64
    draws, so the float32 network starts from what it would have, and a float64 one too."""
    project = make({"units": 3, "activation": "tanh"}, after="neuron")
    single = project.copy()
    single.training.dtype = "float32"
    assert io.project_to_dict(convert.to_neurons(single, "hidden"))["edges"] == \
        io.project_to_dict(convert.to_neurons(project, "hidden"))["edges"]
    before = TrainingRun(single).evaluate("all")["outputs"]
    after = TrainingRun(convert.to_neurons(single, "hidden")).evaluate("all")["outputs"]
    np.testing.assert_allclose(after, before, rtol=0, atol=1e-6)


def test_softmax_becomes_neurons_and_a_softmax_node():
    digits = io.load_project(EXAMPLES / "digits_mlp.json")
    result = convert.to_neurons(digits, "digit")
    head = result.node(result.outputs[0])
    assert head.kind == "activation" and head.config["activation"] == "softmax" and head.label == "digit"
    ids = neuron_ids(result)
    assert len(ids) == 10 and all(result.node(i).config["activation"] == "linear" for i in ids)
    assert [e.source for e in result.edges if e.target == head.id] == ids
    assert head.pos[0] > result.node(ids[0]).pos[0]
    np.testing.assert_allclose(outputs(result), outputs(digits), rtol=0, atol=1e-12)


def test_a_student_can_edit_the_neurons():
    project = make({"units": 3, "activation": "tanh"})
    result = convert.to_neurons(project, "hidden")
    ids = neuron_ids(result)
    result.node(ids[1]).config["activation"] = "relu"
    result.edges = [e for e in result.edges if not (e.source == ids[0] and e.target == "top")]
    assert not validation.errors(result)
    assert outputs(result).shape == (12, 2)
    assert "relu" in convert.why_not_layer(result, ids)


@pytest.mark.parametrize("config, shape, expected", [
    ({"activation": "tanh"}, [5, 2], "receives [5, 2], a sequence"),
    ({"activation": "tanh"}, [1, 4, 4], "put a flatten node before it"),
    ({"units": 1001}, [2], "1,001 units; at most 1,000"),
    ({"activation": "prelu", "trainable": False}, [2], "slopes are frozen"),
])
def test_refusals_to_convert(config, shape, expected):
    project = make(config, after="")
    project.node("a").config["shape"] = shape
    reason = convert.why_not_neurons(project, "hidden")
    assert expected in reason
    with pytest.raises(ProjectError, match=expected.replace("[", r"\[").replace("]", r"\]")):
        convert.to_neurons(project, "hidden")


def test_refusals_for_other_nodes():
    project = make({"units": 3}, after="neuron")
    assert "only a dense layer" in convert.why_not_neurons(project, "o")
    assert "no node" in convert.why_not_neurons(project, "zz")
    project.edges = [e for e in project.edges if e.target != "hidden"]
    assert "no inputs yet" in convert.why_not_neurons(project, "hidden")
    assert convert.why_not_neurons(make({"units": 3}), "hidden") is None


def grouped(after: str = "dense neuron") -> tuple[Project, list[str]]:
    project = convert.to_neurons(make({"units": 3, "activation": "tanh"}, after=after, two_sources=True), "hidden")
    return project, neuron_ids(project)


def test_refusals_to_group():
    project, ids = grouped()
    assert convert.why_not_layer(project, ids) is None
    assert "only neurons" in convert.why_not_layer(project, [*ids, "top"])
    assert "select the neurons" in convert.why_not_layer(project, [])
    project.node(ids[2]).config["activation"] = "sigmoid"
    assert "uses tanh and" in convert.why_not_layer(project, ids)

    project, ids = grouped()
    project.edges = [e for e in project.edges if not (e.source == "c" and e.target == ids[1])]
    assert "a layer's units all read the same inputs" in convert.why_not_layer(project, ids)

    project, ids = grouped()
    next(e for e in project.edges if e.target == ids[0]).trainable = False
    assert "frozen and others not" in convert.why_not_layer(project, ids)

    project, ids = grouped()
    project.node(ids[0]).config["bias_trainable"] = False
    assert "trains all its biases or none" in convert.why_not_layer(project, ids)


def test_refusals_that_would_change_what_follows():
    project, ids = grouped()            # o takes only two of the three: a weight would appear
    project.edges = [e for e in project.edges if not (e.source == ids[2] and e.target == "o")]
    assert "o takes only some of these neurons" in convert.why_not_layer(project, ids)

    project, ids = grouped("dense")     # top takes c between the neurons: its input would change
    top_in = [k for k, e in enumerate(project.edges) if e.target == "top"]
    project.edges.insert(top_in[1], Edge("ec", "c", "top"))
    assert "other inputs between them" in convert.why_not_layer(project, ids)

    project, ids = grouped("dense")     # the outputs list them in another order than top takes them
    project.outputs = ["top", ids[1], ids[0], ids[2]]
    assert "in another order" in convert.why_not_layer(project, ids)

    project, ids = grouped("dense")     # the first and last are not side by side in top's input
    assert "other inputs between them" in convert.why_not_layer(project, [ids[0], ids[2]])
    with pytest.raises(ProjectError, match="other inputs between them"):
        convert.to_layer(project, [ids[0], ids[2]])
    # The first two are: top still receives the same values, in the same order.
    assert convert.why_not_layer(project, ids[:2]) is None
    part = convert.to_layer(project, ids[:2])
    assert [e.source for e in part.edges if e.target == "top"] == [part.nodes[2].id, ids[2]]
    np.testing.assert_allclose(outputs(part), outputs(project), rtol=0, atol=1e-12)


def test_group_keeps_the_order_the_outputs_need():
    project, ids = grouped("")
    project.outputs = [ids[2], ids[0], ids[1]]
    project.data.source["targets"] = RNG.uniform(size=(len(ROWS), 3)).tolist()
    expected = outputs(project)
    back = convert.to_layer(project, ids)
    assert len(back.outputs) == 1
    np.testing.assert_allclose(outputs(back), expected, rtol=0, atol=1e-12)
