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
        self._ones = np.ones(0, dtype=W.dtype)
        self.params_rebound()
        if activation == "prelu":
            self.add_param("alpha", np.asarray(alpha, dtype=W.dtype), alpha_trainable)
        # Set when the loss is computed from the pre-activation (softmax or sigmoid fused with
        # cross-entropy): backward then receives dL/dz directly.
        self.fused_output = False

    @property
    def alpha(self) -> np.ndarray | float:
        return self.params["alpha"] if self.activation == "prelu" else self._alpha

    def params_rebound(self) -> None:
        # A (1, units) view of b: NumPy adds a 2-D row to a batch faster than a 1-D vector.
        self._b_row = self.params["b"].reshape(1, -1) if self._has_bias else None

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        params = self.params
        if x.ndim == 2:
            # np.dot, not @: for the small matrices of tiny networks matmul's dispatch costs
            # twice the arithmetic; for large ones both are the same BLAS call.
            z = np.dot(x, params["W"])
            if self._has_bias:
                z += self._b_row
        else:
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
            np.dot(x.T, dz, out=grads["W"])
            if self._has_bias:
                # Σ over the batch as a product with ones: one BLAS call, cheaper than a reduction.
                n = dz.shape[0]
                if self._ones.shape[0] != n or self._ones.dtype != dz.dtype:
                    self._ones = np.ones(n, dtype=dz.dtype)
                np.dot(self._ones, dz, out=grads["b"])
            return np.dot(dz, self.params["W"].T) if self.need_input_grad else None
        flat_dz = dz.reshape(-1, dz.shape[-1])
        np.matmul(x.reshape(-1, x.shape[-1]).T, flat_dz, out=grads["W"])
        if self._has_bias:
            np.add.reduce(flat_dz, axis=0, out=grads["b"])
        return dz @ self.params["W"].T if self.need_input_grad else None
