"""Losses averaged over the samples of a batch, each returning (value, dL/dy).

- half_sse: ½·Σ over outputs of (t − y)², averaged over samples (the backpropagation walkthrough's E).
- mse: mean over samples and outputs.
- binary_crossentropy: mean over samples and outputs of −[t·log y + (1 − t)·log(1 − y)].
- categorical_crossentropy: −Σ t·log y over classes, averaged over samples (one-hot targets).
- sparse_categorical_crossentropy: the same with integer class targets.

Sequence outputs [N, T, k] (a per-step layer after a recurrent one, with targets [N, T, k]; sparse
targets [N, T] or [N, T, 1]): every time step counts as a sample, so each loss is also averaged over
the T steps (mse and binary cross-entropy already average over every value) — PyTorch's mean
reduction over the flattened [N·T, k] rows.

When the output unit is a sigmoid (binary) or softmax (categorical) the loss is "fused": it is
computed from the pre-activation z, which is stable, and the gradient returned is dL/dz.
engine/step.py decides which, and adds the perceptron rule and the l1/l2 penalty.
"""
from __future__ import annotations

import math

import numpy as np

from nnstudio.engine.activations import log_softmax, softmax

LOSSES: dict[str, str] = {
    "half_sse": "½·Σ (t − y)² over outputs, averaged over samples",
    "mse": "mean of (t − y)² over samples and outputs",
    "binary_crossentropy": "−mean of t·log y + (1 − t)·log(1 − y)",
    "categorical_crossentropy": "−Σ t·log y over classes, averaged over samples (one-hot targets)",
    "sparse_categorical_crossentropy": "−log y[class], averaged over samples (integer targets)",
}

# Which output activation each loss can fuse with.
FUSES_WITH = {"binary_crossentropy": "sigmoid", "categorical_crossentropy": "softmax",
              "sparse_categorical_crossentropy": "softmax"}

_BCE_EPS = float(np.float32(1e-12))     # torch keeps this constant as a float32
_EPS = {np.dtype(np.float32): 1e-7, np.dtype(np.float64): 1e-12}


def _n(y: np.ndarray) -> int:
    """How many rows the loss averages over: the samples, times the steps of a sequence output."""
    if y.ndim <= 1:
        return y.shape[0] if y.ndim else 1
    return math.prod(y.shape[:-1])


def compute(name: str, y: np.ndarray, t: np.ndarray, z: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """Loss value and gradient. With `z` given (fused), the gradient is with respect to z."""
    n = _n(y)
    if name == "half_sse":
        diff = y - t
        return 0.5 * float(np.vdot(diff, diff)) / n, diff / n
    if name == "mse":
        diff = y - t
        return float(np.vdot(diff, diff)) / diff.size, diff * (2.0 / diff.size)
    if name == "binary_crossentropy":
        if z is not None:
            # log(1 + e^−|z|) + max(z, 0) − z·t: the stable form of the same loss.
            value = np.maximum(z, 0) - z * t + np.log1p(np.exp(-np.abs(z)))
            return float(value.sum()) / z.size, (y - t) / z.size
        # torch.nn.BCELoss's guards: each log is capped at −100, the gradient's divisor at ~1e-12.
        with np.errstate(divide="ignore"):
            value = -(t * np.maximum(np.log(y), -100.0) + (1 - t) * np.maximum(np.log(1 - y), -100.0))
        return float(value.sum()) / y.size, (y - t) / np.maximum(y * (1 - y), _BCE_EPS) / y.size
    if name == "categorical_crossentropy":
        if z is not None:
            # d/dz of −Σ t·log softmax(z) is softmax(z)·Σt − t: rows of t need not sum to 1.
            return float(-(t * log_softmax(z)).sum()) / n, (softmax(z) * t.sum(axis=-1, keepdims=True) - t) / n
        eps = _EPS.get(y.dtype, 1e-12)
        yc = np.clip(y, eps, 1.0)
        return float(-(t * np.log(yc)).sum()) / n, -t / yc / n
    if name == "sparse_categorical_crossentropy":
        idx = np.asarray(t).reshape(-1).astype(np.intp)
        rows = np.arange(idx.size)
        if z is not None:
            logp = log_softmax(z).reshape(idx.size, -1)      # a sequence's steps as rows
            grad = np.exp(logp)
            grad[rows, idx] -= 1.0
            return float(-logp[rows, idx].sum()) / n, (grad / n).reshape(z.shape)
        eps = _EPS.get(y.dtype, 1e-12)
        flat = y.reshape(idx.size, -1)
        picked = np.clip(flat[rows, idx], eps, 1.0)
        grad = np.zeros_like(flat)
        grad[rows, idx] = -1.0 / picked
        return float(-np.log(picked).sum()) / n, (grad / n).reshape(y.shape)
    raise KeyError(name)


def value_only(name: str, y: np.ndarray, t: np.ndarray, z: np.ndarray | None = None) -> float:
    return compute(name, y, t, z)[0]
