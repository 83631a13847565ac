"""The layer protocol: `params` and `grads` hold arrays under the same keys."""
from __future__ import annotations

from typing import Any

import numpy as np


class Layer:
    """One step of computation with its own parameters.

    `forward(x, training)` keeps exactly one cache for `backward(dy)`, which fills `grads`
    (same keys as `params`) and returns dx, or None when `need_input_grad` is false (nothing
    upstream is trainable). `trainable[key]` is True, False, or an array mask of the elements
    training may change. `regularized` names the weights l1/l2 apply to (never biases).
    `straight_through` makes step/sign pass errors unchanged (Rosenblatt's perceptron rule).
    """

    def __init__(self) -> None:
        self.params: dict[str, np.ndarray] = {}
        self.grads: dict[str, np.ndarray] = {}
        self.trainable: dict[str, Any] = {}
        self.regularized: set[str] = set()
        self.need_input_grad = True
        self.straight_through = False
        self._cache: Any = None

    def add_param(self, key: str, value: np.ndarray, trainable: Any = True, regularized: bool = False) -> None:
        self.params[key] = value
        self.grads[key] = np.zeros_like(value)
        self.trainable[key] = trainable
        if regularized:
            self.regularized.add(key)

    def params_rebound(self) -> None:
        """Called when the arrays in `params`/`grads` were replaced (the network moves them into one
        flat buffer): layers that keep views of their parameters make them again here."""

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        raise NotImplementedError

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        raise NotImplementedError
