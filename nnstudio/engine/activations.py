"""Activation functions as pure functions on arrays.

`forward(name, z, alpha)` returns y. `backward(name, z, y, dy, alpha)` returns (dz, dalpha) where
dalpha is the gradient summed to alpha's shape (only for prelu; None otherwise). `alpha` is the
slope of leaky_relu, the scale of elu and the learned slope of prelu (broadcast over the last axis).
`step` and `sign` have zero gradient; the perceptron rule passes errors straight through them
instead (`straight_through=True`).
"""
from __future__ import annotations

import numpy as np


# Constants of each float type. A Python float costs NumPy a conversion on every call, and a
# float64 scalar would promote float32 arrays; these are typed once. Tiny networks run a few
# dozen such operations per step, so this is a visible share of their time.
_F = {np.dtype(t): (t(0), t(1), t(88.0 if t is np.float32 else 700.0)) for t in (np.float32, np.float64)}


def _consts(z: np.ndarray):
    return _F.get(z.dtype) or (0, 1, 700.0)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # exp(−z) overflows below about −709 (−88 in float32); capping −z there changes nothing
    # visible, since sigmoid is already 0 to working precision. np.minimum is far cheaper than np.clip.
    _, one, cap = _consts(z)
    out = np.negative(z)
    np.minimum(out, cap, out=out)
    np.exp(out, out=out)
    out += one
    return np.reciprocal(out, out=out)


def _sigmoid_backward(z, y, dy, a):
    # dy·y·(1 − y) written as dy·y − dy·y·y: three array operations and no scalar.
    t = dy * y
    return np.subtract(t, t * y, out=t), None


def _tanh_backward(z, y, dy, a):
    t = y * y
    t *= dy
    return np.subtract(dy, t, out=t), None


def _relu(z, a):
    return np.maximum(z, _consts(z)[0])


def _relu_backward(z, y, dy, a):
    return dy * (z > _consts(z)[0]), None


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def _leaky(z, alpha):
    return np.where(z >= 0, z, z * alpha)


_FORWARD = {
    "linear": lambda z, a: z,
    "sigmoid": lambda z, a: _sigmoid(z),
    "tanh": lambda z, a: np.tanh(z),
    "relu": _relu,
    "leaky_relu": _leaky,
    "prelu": _leaky,
    "elu": lambda z, a: np.where(z > 0, z, a * np.expm1(np.minimum(z, 0))),
    "softmax": lambda z, a: softmax(z),
    "step": lambda z, a: (z >= 0).astype(z.dtype),
    "sign": lambda z, a: np.where(z >= 0, 1, -1).astype(z.dtype),
}


def _prelu_backward(z, y, dy, alpha):
    # The slope at z = 0 is alpha, as in torch (its backward tests z > 0).
    dz = np.where(z > 0, dy, dy * alpha)
    da = np.where(z > 0, 0, dy * z)
    da = da.reshape(-1, da.shape[-1]).sum(axis=0) if np.ndim(alpha) else np.asarray(da.sum())
    return dz, da


# Each returns (dz, dalpha); dalpha is None except for prelu.
_BACKWARD = {
    "linear": lambda z, y, dy, a: (dy, None),
    "sigmoid": _sigmoid_backward,
    "tanh": _tanh_backward,
    "relu": _relu_backward,
    "leaky_relu": lambda z, y, dy, a: (np.where(z > 0, dy, dy * a), None),   # slope alpha at 0, as torch
    "prelu": _prelu_backward,
    "elu": lambda z, y, dy, a: (np.where(z > 0, dy, dy * (y + a)), None),
    "softmax": lambda z, y, dy, a: (y * (dy - (dy * y).sum(axis=-1, keepdims=True)), None),
    "step": lambda z, y, dy, a: (np.zeros_like(dy), None),
    "sign": lambda z, y, dy, a: (np.zeros_like(dy), None),
}


def forward(name: str, z: np.ndarray, alpha: np.ndarray | float = 0.0) -> np.ndarray:
    return _FORWARD[name](z, alpha)


def backward(name: str, z: np.ndarray, y: np.ndarray, dy: np.ndarray,
             alpha: np.ndarray | float = 0.0, straight_through: bool = False):
    """Gradient with respect to z (and to alpha for prelu)."""
    if straight_through and name in ("step", "sign"):
        return dy, None
    return _BACKWARD[name](z, y, dy, alpha)


def functions(name: str):
    """(forward(z, alpha), backward(z, y, dy, alpha)) for `name`, for layers to bind once."""
    return _FORWARD[name], _BACKWARD[name]


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
