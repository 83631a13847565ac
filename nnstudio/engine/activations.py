"""Activation functions as pure functions on arrays.

`forward(name, z, alpha)` returns y. `backward(name, z, y, dy, alpha)` returns (dz, dalpha) where
dalpha is the gradient summed to alpha's shape (only for prelu; None otherwise). `alpha` is the
slope of leaky_relu, the scale of elu and the learned slope of prelu (broadcast over the last axis).
`step` and `sign` have zero gradient; the perceptron rule passes errors straight through them
instead (`straight_through=True`).
"""
from __future__ import annotations

import numpy as np


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Clipping keeps exp from overflowing; beyond the limit sigmoid is 0 or 1 to working precision.
    limit = 80.0 if z.dtype == np.float32 else 700.0
    out = np.clip(z, -limit, limit)
    np.negative(out, out=out)
    np.exp(out, out=out)
    out += 1.0
    return np.reciprocal(out, out=out)


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def forward(name: str, z: np.ndarray, alpha: np.ndarray | float = 0.0) -> np.ndarray:
    if name == "linear":
        return z
    if name == "sigmoid":
        return _sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    if name in ("leaky_relu", "prelu"):
        return np.where(z >= 0, z, z * alpha)
    if name == "elu":
        return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))
    if name == "softmax":
        return softmax(z)
    if name == "step":
        return (z >= 0).astype(z.dtype)
    if name == "sign":
        return np.where(z >= 0, 1, -1).astype(z.dtype)
    raise KeyError(name)


def backward(name: str, z: np.ndarray, y: np.ndarray, dy: np.ndarray,
             alpha: np.ndarray | float = 0.0, straight_through: bool = False):
    """Gradient with respect to z (and to alpha for prelu)."""
    if name == "linear":
        return dy, None
    if name == "sigmoid":
        return dy * y * (1 - y), None
    if name == "tanh":
        return dy * (1 - y * y), None
    if name == "relu":
        return dy * (z > 0), None
    if name == "leaky_relu":
        return np.where(z >= 0, dy, dy * alpha), None
    if name == "prelu":
        dz = np.where(z >= 0, dy, dy * alpha)
        da = np.where(z >= 0, 0, dy * z)
        da = da.reshape(-1, da.shape[-1]).sum(axis=0) if np.ndim(alpha) else np.asarray(da.sum())
        return dz, da
    if name == "elu":
        return np.where(z > 0, dy, dy * (y + alpha)), None
    if name == "softmax":
        return y * (dy - (dy * y).sum(axis=-1, keepdims=True)), None
    if name in ("step", "sign"):
        return (dy if straight_through else np.zeros_like(dy)), None
    raise KeyError(name)


ACTIVATIONS: dict[str, str] = {
    "linear": "y = z",
    "step": "y = 1 if z ≥ 0 else 0",
    "sign": "y = +1 if z ≥ 0 else −1",
    "sigmoid": "y = 1 / (1 + e^−z)",
    "tanh": "y = tanh z",
    "relu": "y = max(0, z)",
    "leaky_relu": "y = z if z ≥ 0 else alpha·z",
    "prelu": "y = z if z ≥ 0 else alpha·z, alpha learned",
    "elu": "y = z if z > 0 else alpha·(e^z − 1)",
    "softmax": "y = e^z / Σ e^z over the last axis",
}
