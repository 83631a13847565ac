"""Fully connected layer y = f(x·W + b), optionally with a mask of which weights exist.

A masked Dense is how a column of neurons runs: every neuron at the same depth with the same
activation becomes one unit, edges become the entries of W that training may change.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.layers.base import Layer


class Dense(Layer):
    def __init__(self, W: np.ndarray, b: np.ndarray | None = None, activation: str = "linear",
                 alpha: np.ndarray | float = 0.0, *, w_trainable: Any = True, b_trainable: Any = True,
                 alpha_trainable: Any = True) -> None:
        super().__init__()
        self.activation = activation
        self._act_forward, self._act_backward = activations.functions(activation)
        self.add_param("W", W, w_trainable, regularized=True)
        if b is not None:
            self.add_param("b", b, b_trainable)
        self._alpha = alpha
        self._has_bias = b is not None
        self._linear = activation == "linear"
        self._prelu = activation == "prelu"
        self._stepwise = activation in ("step", "sign")
        if activation == "prelu":
            self.add_param("alpha", np.asarray(alpha, dtype=W.dtype), alpha_trainable)
        # Set when the loss is computed from the pre-activation (softmax or sigmoid fused with
        # cross-entropy): backward then receives dL/dz directly.
        self.fused_output = False

    @property
    def alpha(self) -> np.ndarray | float:
        return self.params["alpha"] if self.activation == "prelu" else self._alpha

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        params = self.params
        z = x @ params["W"]
        if self._has_bias:
            z += params["b"]
        if self._linear:
            y = z
        else:
            y = self._act_forward(z, params["alpha"] if self._prelu else self._alpha)
        self._cache = (x, z, y)
        return y

    def preactivation(self) -> np.ndarray:
        return self._cache[1]

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        x, z, y = self._cache
        grads = self.grads
        if self.fused_output or self._linear or (self.straight_through and self._stepwise):
            dz = dy
        else:
            dz, dalpha = self._act_backward(z, y, dy, self.params["alpha"] if self._prelu else self._alpha)
            if dalpha is not None:
                grads["alpha"][...] = dalpha
        if x.ndim == 2:
            np.matmul(x.T, dz, out=grads["W"])
            if self._has_bias:
                np.add.reduce(dz, axis=0, out=grads["b"])
        else:
            flat_dz = dz.reshape(-1, dz.shape[-1])
            np.matmul(x.reshape(-1, x.shape[-1]).T, flat_dz, out=grads["W"])
            if self._has_bias:
                np.add.reduce(flat_dz, axis=0, out=grads["b"])
        return dz @ self.params["W"].T if self.need_input_grad else None
