"""Layers without weights, or with one weight per feature: activation, dropout, flatten."""
from __future__ import annotations

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.layers.base import Layer


class Activation(Layer):
    def __init__(self, activation: str, alpha: np.ndarray | float = 0.0, alpha_trainable: bool = True) -> None:
        super().__init__()
        self.activation = activation
        self._alpha = alpha
        if activation == "prelu":
            self.add_param("alpha", np.asarray(alpha), alpha_trainable)
        self.fused_output = False

    @property
    def alpha(self) -> np.ndarray | float:
        return self.params["alpha"] if self.activation == "prelu" else self._alpha

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        y = activations.forward(self.activation, x, self.alpha)
        self._cache = (x, y)
        return y

    def preactivation(self) -> np.ndarray:
        return self._cache[0]

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        x, y = self._cache
        if self.fused_output:
            return dy
        dx, dalpha = activations.backward(self.activation, x, y, dy, self.alpha, self.straight_through)
        if dalpha is not None:
            self.grads["alpha"][...] = dalpha
        return dx


class Dropout(Layer):
    """Inverted dropout: scaled at training time so inference is the identity."""

    def __init__(self, rate: float, rng: np.random.Generator) -> None:
        super().__init__()
        self.rate = float(rate)
        self.rng = rng

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        if not training or self.rate == 0.0:
            self._cache = None
            return x
        keep = (self.rng.random(x.shape) >= self.rate).astype(x.dtype)
        keep /= 1.0 - self.rate
        self._cache = keep
        return x * keep

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        return dy if self._cache is None else dy * self._cache


class Flatten(Layer):
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._cache = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        return dy.reshape(self._cache)
