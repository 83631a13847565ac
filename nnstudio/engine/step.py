"""The loss and its gradient, written once: training, the gradient check, `explain` and the
walkthrough all take them from here.

For the outputs y a network has just computed from a batch of m samples:

1. The loss value and the error signal that `Network.backward` takes: dL/dy from
   `losses.compute`, or dL/dz when the output layer's activation is fused into the loss (sigmoid
   with binary, softmax with categorical cross-entropy). The fused value comes from the layer's
   pre-activation z, which stays finite where log(y) would not.
2. Under the perceptron rule the signal is (y − t)/m whatever the loss says, and step/sign pass it
   unchanged during backward (straight-through estimation): Rosenblatt's w += lr·(t − y)·x.
3. The l1/l2 penalty l2·Σw² + l1·Σ|w| over the regularized weights: its value joins the loss, its
   gradient 2·l2·w + l1·sign(w) joins the grads after backward.

`LossStep` binds the three to one network and objective. `penalty_gradient` is rule 3 for one
weight array, as the walkthrough shows it.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from nnstudio.engine import losses
from nnstudio.engine.network import Network, Param


@dataclass
class Objective:
    """What is minimised: the loss, how accuracy is read, l1/l2, and whether the output layer's
    activation is fused into the loss (its `preactivation()` is then used)."""
    loss: str
    accuracy: str | None = None
    l1: float = 0.0
    l2: float = 0.0
    fused_layer: object | None = None
    perceptron: bool = False


def penalty(net: Network, objective: Objective) -> float:
    """l2·Σw² + l1·Σ|w| over every layer's regularized parameters (0.0 without l1 and l2)."""
    if not (objective.l1 or objective.l2):
        return 0.0
    total = 0.0
    for layer in net.layers():
        for key in layer.regularized:
            w = layer.params[key]
            if objective.l2:
                total += objective.l2 * float(np.vdot(w, w))
            if objective.l1:
                total += objective.l1 * float(np.abs(w).sum())
    return total


def add_penalty_grads(net: Network, objective: Objective) -> None:
    """Add the penalty's gradient to the grads `Network.backward` left, on regularized weights only."""
    for p in net.trainables():
        if not p.regularized:
            continue
        weights = p.regularized_mask
        # A term is added only when its coefficient is set: adding 0·w would turn a −0.0 grad
        # into +0.0, and the trained numbers must not depend on an unused setting.
        if objective.l2:
            extra = (2.0 * objective.l2) * p.value
            p.grad += extra if weights is None else extra * weights
        if objective.l1:
            extra = objective.l1 * np.sign(p.value)
            p.grad += extra if weights is None else extra * weights


def clip_grad_norm(params: list[Param], max_norm: float) -> float:
    """Scale the grads of `params` in place so that their global L2 norm is at most `max_norm`, as
    torch.nn.utils.clip_grad_norm_ does: every grad times min(1, max_norm / (norm + 1e-6)), computed
    in the grads' dtype. Frozen elements (a param's mask) are left out of the norm. Returns the norm."""
    if not params:
        return 0.0
    dtype = params[0].grad.dtype.type
    total = dtype(0.0)
    for p in params:
        g = p.grad if p.mask is None else p.grad * p.mask
        total += np.vdot(g, g)
    norm = np.sqrt(dtype(total))
    coef = dtype(max_norm) / (norm + dtype(1e-6))
    if coef < 1.0:   # torch multiplies by the coefficient clamped to 1.0; × 1.0 changes nothing
        for p in params:
            p.grad *= coef
    return float(norm)


def penalty_gradient(grad: np.ndarray, w: np.ndarray, objective: Objective) -> np.ndarray:
    """`grad` of one weight array plus the penalty's gradient at `w`: grad + 2·l2·w + l1·sign(w)."""
    return grad + 2 * objective.l2 * w + objective.l1 * np.sign(w)


class LossStep:
    """The loss and its gradient for `net` under `objective`.

    `loss(y, targets)` gives the loss without the penalty and the error signal; `penalty()` the
    penalty; `backward(dy)` runs the backward pass (straight through step/sign under the perceptron
    rule) and adds the penalty's gradient.
    """

    __slots__ = ("net", "objective", "perceptron", "has_penalty", "_name", "_fused")

    def __init__(self, net: Network, objective: Objective) -> None:
        self.net, self.objective = net, objective
        self.perceptron = objective.perceptron
        self.has_penalty = bool(objective.l1 or objective.l2)
        self._name, self._fused = objective.loss, objective.fused_layer

    def signal(self, y: np.ndarray, targets: np.ndarray, z: np.ndarray | None) -> tuple[float, np.ndarray]:
        """The loss without the penalty and the error signal for outputs `y`. With `z` (the fused
        output layer's pre-activation) the signal is dL/dz, else dL/dy; the perceptron rule
        replaces either with (y − t)/m."""
        value, dy = losses.compute(self._name, y, targets, z)
        if self.perceptron:
            dy = (y - targets) / targets.shape[0]
        return value, dy

    def loss(self, y: np.ndarray, targets: np.ndarray) -> tuple[float, np.ndarray]:
        """`signal` for the outputs the network has just computed: z comes from the fused layer."""
        fused = self._fused
        return self.signal(y, targets, fused.preactivation() if fused is not None else None)

    def penalty(self) -> float:
        return penalty(self.net, self.objective)

    @contextmanager
    def straight_through(self) -> Iterator[None]:
        """Within it, step and sign pass errors unchanged when the perceptron rule trains."""
        self.net.set_straight_through(self.perceptron)
        try:
            yield
        finally:
            self.net.set_straight_through(False)

    def backward(self, dy: np.ndarray) -> None:
        """Fill the grads from the error signal `dy`, the penalty's gradient included."""
        if self.perceptron:
            with self.straight_through():
                self.net.backward(dy)
        else:
            self.net.backward(dy)
        if self.has_penalty:
            add_penalty_grads(self.net, self.objective)
