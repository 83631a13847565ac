"""Central-difference gradient checks, used by the tests to prove every backward pass.

- `gradcheck(layer, x)` compares a Layer's backward (dx and every ``grads[key]``) with central
  differences of ``sum(forward(x) * R)`` for a fixed random R.
- `gradcheck(fn, x)` checks a function ``fn(x) -> (value, grad)`` such as a loss.
- `network_gradcheck(net, objective, inputs, targets)` checks every trainable Param of a Network
  against central differences of the objective's loss (l1/l2 included).

All arithmetic is float64 (a float32 layer is refused: differences would drown in rounding).
Each function returns ``{quantity: max relative error}``, where an element's error is
``|analytic − numeric| / max(|analytic|, |numeric|, floor)``: relative for ordinary values, and
absolute (scaled by `floor`) for values near zero, whose differences are only rounding noise.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Sequence

import numpy as np

from nnstudio.engine.layers.base import Layer
from nnstudio.engine.network import Network
from nnstudio.engine.step import LossStep, Objective

EPS = 1e-6
FLOOR = 1e-4


def relative_error(analytic: np.ndarray, numeric: np.ndarray, floor: float = FLOOR) -> float:
    """The largest element-wise relative error between two arrays of the same shape."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    if a.shape != n.shape:
        raise ValueError(f"shapes differ: analytic {a.shape}, numeric {n.shape}")
    if a.size == 0:
        return 0.0
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    return float((np.abs(a - n) / scale).max())


def numeric_gradient(f: Callable[[], float], array: np.ndarray, eps: float = EPS) -> np.ndarray:
    """d f / d array by central differences, perturbing `array` in place (and restoring it)."""
    grad = np.zeros(array.shape, dtype=np.float64)
    flat = array.reshape(-1)            # a view: writes reach `array`
    if not np.shares_memory(flat, array):
        raise ValueError("numeric_gradient needs a contiguous array it can perturb in place")
    out = grad.reshape(-1)
    for i in range(flat.size):
        keep = flat[i]
        flat[i] = keep + eps
        up = f()
        flat[i] = keep - eps
        down = f()
        flat[i] = keep
        out[i] = (up - down) / (2 * eps)
    return grad


def _float64(name: str, a: np.ndarray) -> None:
    if np.asarray(a).dtype != np.float64:
        raise TypeError(f"gradcheck works in float64; {name} is {np.asarray(a).dtype}")


def gradcheck(target: Layer | Callable[[np.ndarray], tuple[float, np.ndarray]], x: np.ndarray, *,
              training: bool = False, eps: float = EPS, floor: float = FLOOR, seed: int = 0) -> dict[str, float]:
    """Max relative error of each gradient of `target` at input `x`.

    For a Layer the checked scalar is ``sum(forward(x, training) * R)`` with R drawn from `seed`;
    the result has ``"x"`` (when backward returns dx) and one entry per key of ``params``. A layer
    must not be random in the mode checked (use Dropout with ``training=False``, or check its
    fixed-mask backward directly). A fused output layer is refused: its backward takes dL/dz.
    For a function ``fn(x) -> (value, grad)`` the result is ``{"x": error}``.
    """
    x = np.array(x, dtype=np.float64)      # our own copy, perturbed in place
    if not isinstance(target, Layer):
        _, grad = target(x.copy())
        numeric = numeric_gradient(lambda: float(target(x.copy())[0]), x, eps)
        return {"x": relative_error(grad, numeric, floor)}

    layer = target
    if getattr(layer, "fused_output", False):
        raise ValueError("a fused output layer's backward takes dL/dz; check it through the loss")
    for key, value in layer.params.items():
        _float64(f"params[{key!r}]", value)
    y = layer.forward(x.copy(), training)
    r = np.random.default_rng(seed).standard_normal(np.shape(y))
    dx = layer.backward(r.copy())
    analytic = {key: g.copy() for key, g in layer.grads.items()}

    def f() -> float:
        return float((layer.forward(x.copy(), training) * r).sum())

    errors: dict[str, float] = {}
    if dx is not None:
        errors["x"] = relative_error(dx, numeric_gradient(f, x, eps), floor)
    for key, value in layer.params.items():
        errors[key] = relative_error(analytic[key], numeric_gradient(f, value, eps), floor)
    return errors


def network_gradcheck(net: Network, objective: Objective, inputs: Sequence[np.ndarray], targets: np.ndarray, *,
                      eps: float = EPS, floor: float = FLOOR) -> dict[str, float]:
    """Max relative error of every trainable Param's grad (all its elements, frozen ones too) after
    `Network.backward`, against central differences of the objective's loss plus its l1/l2 penalty.

    `objective` is a step.Objective (loss name, fused output layer, l1, l2). Runs in inference
    mode, so dropout is the identity. The perceptron rule is left out: its signal is not a gradient.
    """
    inputs = [np.asarray(a, dtype=np.float64) for a in inputs]
    for p in net.params:
        _float64(p.name, p.value)
    step = LossStep(net, replace(objective, perceptron=False))

    def loss() -> tuple[float, np.ndarray]:
        y = net.forward(inputs, training=False)
        value, dy = step.loss(y, targets)
        return value + step.penalty(), dy

    _, dy = loss()
    step.backward(dy)
    analytic = {p.name: p.grad.copy() for p in net.params}
    return {p.name: relative_error(analytic[p.name], numeric_gradient(lambda: loss()[0], p.value, eps), floor)
            for p in net.params}
