"""Fully connected layer y = f(x·W + b), optionally with a mask of which weights exist.

A masked Dense is how a column of neurons runs: every neuron at the same depth with the same
activation becomes one unit, edges become the non-zero entries of W.
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
        self.add_param("W", W, w_trainable, regularized=True)
        if b is not None:
            self.add_param("b", b, b_trainable)
        self._alpha = alpha
        if activation == "prelu":
            self.add_param("alpha", np.asarray(alpha, dtype=W.dtype), alpha_trainable)
        # Set when the loss is computed from the pre-activation (softmax or sigmoid fused with
        # cross-entropy): backward then receives dL/dz directly.
        self.fused_output = False

    @property
    def alpha(self) -> np.ndarray | float:
        return self.params["alpha"] if self.activation == "prelu" else self._alpha

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        W = self.params["W"]
        z = x @ W
        if "b" in self.params:
            z += self.params["b"]
        y = activations.forward(self.activation, z, self.alpha)
        self._cache = (x, z, y)
        return y

    def preactivation(self) -> np.ndarray:
        return self._cache[1]

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        x, z, y = self._cache
        if self.fused_output:
            dz = dy
        else:
            dz, dalpha = activations.backward(self.activation, z, y, dy, self.alpha, self.straight_through)
            if dalpha is not None:
                self.grads["alpha"][...] = dalpha
        W = self.params["W"]
        if x.ndim == 2:
            np.matmul(x.T, dz, out=self.grads["W"])
        else:
            np.matmul(x.reshape(-1, x.shape[-1]).T, dz.reshape(-1, dz.shape[-1]), out=self.grads["W"])
        if "b" in self.params:
            dz.reshape(-1, dz.shape[-1]).sum(axis=0, out=self.grads["b"])
        return dz @ W.T if self.need_input_grad else None
