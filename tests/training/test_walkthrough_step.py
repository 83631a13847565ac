"""The walkthrough and explain take their loss and gradient from engine.step, so what they show is
what training does: one plain gradient step on one sample, worked out by hand neuron by neuron,
lands on the weights the engine's own step gives."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.step import LossStep
from nnstudio.engine.training import run_to_end, train
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.training.explain import explain
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import num, walk_sample

INPUTS = [[0.3, -0.8], [1.1, 0.4], [-0.5, 0.9]]


def neurons(loss: str, outputs: list[tuple[str, str]], *, optimizer: str = "sgd", l1: float = 0.0,
            l2: float = 0.0) -> Project:
    """x1, x2 → h1 (tanh), h2 (sigmoid, frozen bias) → the outputs, with a skip edge x1 → each
    output and a frozen edge."""
    p = Project()
    p.nodes = [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
               Node("h1", "neuron", config={"activation": "tanh", "bias": 0.1}),
               Node("h2", "neuron", config={"activation": "sigmoid", "bias": -0.2, "bias_trainable": False})]
    p.edges = [Edge("a", "x1", "h1", 0.5), Edge("b", "x2", "h1", -0.4), Edge("c", "x1", "h2", 0.8),
               Edge("d", "x2", "h2", 0.3, trainable=False)]
    for k, (name, act) in enumerate(outputs):
        p.nodes.append(Node(name, "neuron", config={"activation": act, "bias": 0.05 * (k + 1)}))
        p.edges += [Edge(f"{name}1", "h1", name, 0.7 - 0.3 * k), Edge(f"{name}2", "h2", name, -0.6 + 0.2 * k),
                    Edge(f"{name}s", "x1", name, 0.25)]
    targets = [[1.0, 0.0][: len(outputs)], [0.0, 1.0][: len(outputs)], [1.0, 1.0][: len(outputs)]]
    p.data = DataSpec(source={"kind": "table", "inputs": INPUTS, "targets": targets})
    p.inputs, p.outputs = ["x1", "x2"], [name for name, _ in outputs]
    p.training.loss = loss
    p.training.optimizer = {"kind": optimizer, "lr": 0.5}
    p.training.regularization = {"l1": l1, "l2": l2}
    p.training.epochs = 1
    p.training.batch_size = 1
    return p


def perceptron() -> Project:
    p = Project()
    p.nodes = [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
               Node("y", "neuron", config={"activation": "step", "bias": -0.3})]
    p.edges = [Edge("a", "x1", "y", 0.2), Edge("b", "x2", "y", -0.1)]
    p.data = DataSpec(source={"kind": "table", "inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
                              "targets": [[0.0], [0.0], [0.0], [1.0]]})
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    p.training.loss = "mse"
    p.training.optimizer = {"kind": "perceptron", "lr": 1.0}
    p.training.epochs = 1
    p.training.batch_size = 1
    return p


def engine_step(project: Project, sample: int) -> tuple[dict, dict]:
    """The edge weights and neuron params after the engine trains one step on one sample."""
    run = TrainingRun(project)
    opt = make_optimizer(project.training.optimizer["kind"], run.model.network.trainables(),
                         lr=project.training.optimizer["lr"])
    data = run.all_samples().take(slice(sample, sample + 1))
    assert run_to_end(train(run.model.network, run.model.objective, opt, data, epochs=1)).status == "finished"
    return run.model.edge_weights(), run.model.node_params()


CASES = {
    "half_sse": lambda: neurons("half_sse", [("o", "linear")]),
    "mse, two outputs": lambda: neurons("mse", [("o", "linear"), ("p", "tanh")]),
    "half_sse with l1 and l2": lambda: neurons("half_sse", [("o", "sigmoid"), ("p", "linear")], l1=0.02, l2=0.05),
    "fused binary cross-entropy": lambda: neurons("binary_crossentropy", [("o", "sigmoid")], l2=0.01),
    "perceptron rule": perceptron,
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_walkthroughs_step_is_the_engines(case):
    project = CASES[case]()
    run = TrainingRun(project)
    # The walkthrough never fuses (it shows ∂E/∂out and f' apart): equal to rounding, not to the bit.
    rtol = 1e-9 if run.model.objective.fused_layer is not None else 1e-13
    for sample in range(len(run.all_samples())):
        walk = walk_sample(project, TrainingRun(project), sample)
        edges, params = engine_step(project, sample)
        for u in walk.weights:
            np.testing.assert_allclose(u.new, edges[u.edge], rtol=rtol, atol=1e-15, err_msg=f"{case}: {u.edge}")
        for b in walk.biases:
            assert b.new == pytest.approx(float(params[b.node]["b"]), rel=rtol, abs=1e-15), (case, b.node)


@pytest.mark.parametrize("case", list(CASES))
def test_the_walkthroughs_error_is_the_steps(case):
    project = CASES[case]()
    run = TrainingRun(project)
    model = run.model
    step = LossStep(model.network, model.objective)
    walk = walk_sample(project, run, 1)
    data = run.all_samples().take(slice(1, 2))
    value, _ = step.loss(model.network.forward(data.inputs), data.targets)
    assert walk.error == pytest.approx(value, rel=1e-12)
    assert walk.extra == step.penalty()
    assert walk.perceptron == model.objective.perceptron


def test_explains_layer_summary_reports_the_steps_loss_and_penalty():
    project = neurons("half_sse", [("o", "linear")], l1=0.02, l2=0.05)
    project.nodes.append(Node("f", "flatten"))          # a layer node: explain summarises layer by layer
    project.edges.append(Edge("ef", "x1", "f"))
    run = TrainingRun(project)
    model = run.model
    step = LossStep(model.network, model.objective)
    data = run.all_samples().take(slice(0, 1))
    value, _ = step.loss(model.network.forward(data.inputs), data.targets)
    text = explain(project, run, 0)
    assert f"E = half_sse = {num(value)} + penalty {num(step.penalty())}" in text
