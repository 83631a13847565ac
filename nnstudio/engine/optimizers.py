"""Optimisers with torch.optim's update rules and defaults, updating Params in place.

`weight_decay` is torch's: added to the gradient (coupled) for sgd/rmsprop/adam, decoupled for
adamw. nnstudio's own l1/l2 regularisation is separate and lives in the loss (see training.py).
`perceptron` is Rosenblatt's rule w += lr·(t − y)·x; the trainer produces its error signal, so the
update itself is a plain step.
"""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from nnstudio.engine.network import Param

# kind → {setting: default}; the defaults are torch.optim's.
OPTIMIZERS: dict[str, dict[str, Any]] = {
    "sgd": {"lr": 0.01, "momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "centered": False, "weight_decay": 0.0},
    "adam": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0, "amsgrad": False},
    "adamw": {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01, "amsgrad": False},
    "perceptron": {"lr": 1.0},
}


class Optimizer:
    def __init__(self, params: list[Param], **settings: Any) -> None:
        self.params = params
        self.settings = {**OPTIMIZERS[self.kind], **settings}
        self.state: list[dict[str, Any]] = [{} for _ in params]
        self.steps = 0

    kind = ""

    @property
    def lr(self) -> float:
        return self.settings["lr"]

    def step(self, lr: float | None = None) -> None:
        """One update of every param from its grad, at learning rate `lr` (the schedule's)."""
        self.steps += 1
        lr = self.settings["lr"] if lr is None else lr
        for p, state in zip(self.params, self.state):
            self._update(p, state, lr)

    def _update(self, p: Param, state: dict, lr: float) -> None:
        raise NotImplementedError

    @staticmethod
    def _apply(p: Param, delta: np.ndarray) -> None:
        """p −= delta, leaving frozen elements alone."""
        if p.mask is not None:
            delta *= p.mask
        p.value -= delta


class SGD(Optimizer):
    kind = "sgd"

    def step(self, lr: float | None = None) -> None:
        s = self.settings
        if s["momentum"] or s["weight_decay"]:
            return super().step(lr)
        # Plain SGD is most of what tiny networks run; keep its per-step cost to one pass.
        self.steps += 1
        lr = s["lr"] if lr is None else lr
        for p in self.params:
            delta = p.grad * lr
            if p.mask is not None:
                delta *= p.mask
            p.value -= delta

    def _update(self, p, state, lr):
        s = self.settings
        g = p.grad
        if s["weight_decay"]:
            g = g + s["weight_decay"] * p.value
        mu = s["momentum"]
        if mu:
            buf = state.get("momentum")
            if buf is None:
                buf = state["momentum"] = g.copy()
            else:
                buf *= mu
                buf += (1 - s["dampening"]) * g
            g = g + mu * buf if s["nesterov"] else buf
        self._apply(p, lr * g)


class Perceptron(SGD):
    kind = "perceptron"

    def __init__(self, params, **settings):
        super().__init__(params, **settings)
        self.settings.update(momentum=0.0, dampening=0.0, nesterov=False, weight_decay=0.0)


class RMSprop(Optimizer):
    kind = "rmsprop"

    def _update(self, p, state, lr):
        s = self.settings
        g = p.grad
        if s["weight_decay"]:
            g = g + s["weight_decay"] * p.value
        if not state:
            state["square_avg"] = np.zeros_like(p.value)
            if s["momentum"]:
                state["buf"] = np.zeros_like(p.value)
            if s["centered"]:
                state["grad_avg"] = np.zeros_like(p.value)
        a = s["alpha"]
        sq = state["square_avg"]
        sq *= a
        sq += (1 - a) * g * g
        if s["centered"]:
            ga = state["grad_avg"]
            ga *= a
            ga += (1 - a) * g
            avg = np.sqrt(sq - ga * ga)
        else:
            avg = np.sqrt(sq)
        avg += s["eps"]
        if s["momentum"]:
            buf = state["buf"]
            buf *= s["momentum"]
            buf += g / avg
            self._apply(p, lr * buf)
        else:
            self._apply(p, lr * g / avg)


class Adam(Optimizer):
    kind = "adam"
    decoupled = False

    def _update(self, p, state, lr):
        s = self.settings
        g = p.grad
        wd = s["weight_decay"]
        if wd and self.decoupled:
            decay = p.value * (lr * wd)
            self._apply(p, decay)
        elif wd:
            g = g + wd * p.value
        if not state:
            state["m"] = np.zeros_like(p.value)
            state["v"] = np.zeros_like(p.value)
            # One scratch buffer: every step below writes into it instead of allocating, which
            # for large layers saves more time than the arithmetic takes.
            state["scratch"] = np.empty_like(p.value)
            if s["amsgrad"]:
                state["vmax"] = np.zeros_like(p.value)
        b1, b2 = s["beta1"], s["beta2"]
        m, v, tmp = state["m"], state["v"], state["scratch"]
        m *= b1
        np.multiply(g, 1 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(g, g, out=tmp)
        tmp *= 1 - b2
        v += tmp
        t = self.steps
        bias1 = 1 - b1 ** t
        bias2_sqrt = math.sqrt(1 - b2 ** t)
        if s["amsgrad"]:
            np.maximum(state["vmax"], v, out=state["vmax"])
            np.sqrt(state["vmax"], out=tmp)
        else:
            np.sqrt(v, out=tmp)
        # torch: m / (√v / c + eps) · lr / bias1 with c = √(1 − β2^t); the same value as
        # m / (√v + eps·c) · lr·c / bias1, which needs one pass over the arrays fewer.
        tmp += s["eps"] * bias2_sqrt
        np.divide(m, tmp, out=tmp)
        tmp *= lr * bias2_sqrt / bias1
        self._apply(p, tmp)


class AdamW(Adam):
    kind = "adamw"
    decoupled = True


_CLASSES = {cls.kind: cls for cls in (SGD, Perceptron, RMSprop, Adam, AdamW)}


def make_optimizer(kind: str, params: list[Param], **settings: Any) -> Optimizer:
    unknown = set(settings) - set(OPTIMIZERS[kind])
    if unknown:
        raise KeyError(f"{kind} has no setting {sorted(unknown)[0]!r}")
    return _CLASSES[kind](params, **settings)
