"""The Backprop walk of a neuron network whose outputs end in softmax heads (no Qt).

convert.to_neurons turns a dense softmax layer into linear neurons and an `activation` node with
softmax after them, since one neuron cannot normalise over several. walkthrough.walk_neurons
computes neurons only; this walks the same way, neuron by neuron, with each head's softmax
s = e^z / Σ e^z taken over the neurons it joins (in edge order) and its error passed back to them:
∂E/∂z = s·(∂E/∂s − Σ s·∂E/∂s), or the engine's fused softmax-and-cross-entropy signal straight from
z when the compiled model fuses them (as training does). A head must be an output that feeds nothing.
The result is a walkthrough.Walk: `steps` lays it out as for any neuron network.
"""
from __future__ import annotations

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.step import LossStep
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import (SOFTMAX_AND_LOSS, THROUGH_SOFTMAX, Walk, Words, forward_pass, neuron_delta,
                                           num, parameter_updates, step_lr)

__all__ = ["walk_with_heads"]


def walk_with_heads(project: Project, run: TrainingRun, sample: int, heads: set[str]) -> Walk:
    """The walk of sample `sample` (0-based) through input and neuron nodes and the softmax
    `heads` (activation nodes listed in `outputs`, fed by neurons only)."""
    data = run.all_samples().take(slice(sample, sample + 1))
    lr = step_lr(project, run)
    model, t = run.model, project.training
    step = LossStep(model.network, model.objective)
    perceptron = step.perceptron
    forward = forward_pass(project, model, data, heads)
    values, logits, neurons, weights = forward.values, forward.logits, forward.neurons, forward.weights

    y = np.concatenate([values[o] for o in project.outputs])[None, :]
    targets = data.targets
    fused = model.objective.fused_layer is not None and list(project.outputs) in ([h] for h in heads)
    z = logits[project.outputs[0]][None, :] if fused else None
    value, dy = step.signal(y, targets, z)
    # ∂E/∂z of each head's inputs, and ∂E/∂out of any neuron that is an output itself.
    signal: dict[tuple[str, int], float] = {}
    col = 0
    for o in project.outputs:
        width = values[o].size
        part = dy[0, col:col + width]
        if o in heads:
            s = values[o]
            dz = part if fused else activations.backward("softmax", logits[o][None, :], s[None, :], part[None, :],
                                                         0.0)[0][0]
            for k, e in enumerate(project.incoming(o)):
                signal[(e.source, k)] = float(dz[k])
        else:
            signal[(o, -1)] = float(part[0])
        col += width
    head_inputs = {e.source: (o, k) for o in heads for k, e in enumerate(project.incoming(o))}

    back = forward.backward_order()
    for node_id in back:
        n = neurons[node_id]
        parts: list[float] = []
        symbols: list[str | Words] = []
        numbers: list[str] = []
        if (node_id, -1) in signal:
            parts.append(signal[(node_id, -1)])
            symbols.append("out - target" if perceptron else f"∂{t.loss}/∂out")
            numbers.append(num(parts[-1]))
        if node_id in head_inputs:
            head, k = head_inputs[node_id]
            parts.append(signal[(node_id, k)])
            symbols.append(Words(SOFTMAX_AND_LOSS if fused else THROUGH_SOFTMAX, {"k": str(k + 1), "head": head}))
            numbers.append(num(parts[-1]))
        neuron_delta(n, project, neurons, weights, perceptron, parts, symbols, numbers)

    updates, biases = parameter_updates(project, model, step, neurons, back, lr)
    return Walk({i: neurons[i] for i in forward.order if i in neurons}, back, y, targets, float(value),
                float(step.penalty()), perceptron, lr, t.loss, updates, biases)
