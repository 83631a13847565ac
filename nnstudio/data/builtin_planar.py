"""Generators of the small built-in datasets: truth tables, and 2-D problems in the style of
TensorFlow Playground (classification and regression over the plane, about [-6, 6]²).

Each function takes the checked parameters (every key present, see `builtin.BUILTINS`) and
returns a Dataset. Randomness comes only from `np.random.default_rng(seed)`, so the same
parameters give the same arrays on every machine (for one NumPy version). `noise` is the
standard deviation of Gaussian noise: added to both coordinates for classification (labels come
from the clean points, so the classes blur into each other), and to the target for regression.
Rows are shuffled, so the validation split (the last fraction of the rows) holds every class.
"""
from __future__ import annotations

import numpy as np

from nnstudio.data.dataset import Dataset

XY = ["x1", "x2"]
BINARY = ["0", "1"]

TRUTH_TABLES = {
    "and": (0, 0, 0, 1),
    "or": (0, 1, 1, 1),
    "nand": (1, 1, 1, 0),
    "xor": (0, 1, 1, 0),
    "xnor": (1, 0, 0, 1),
}


def truth_table(name: str, p: dict) -> Dataset:
    """The four rows (0,0), (0,1), (1,0), (1,1) of a logic gate, `repeats` times over, inputs
    blurred by `noise` when it is above 0. Targets are float [[0], [1], …]."""
    corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
    x = np.tile(corners, (p["repeats"], 1))
    t = np.tile(np.array(TRUTH_TABLES[name], dtype=np.float64), p["repeats"]).reshape(-1, 1)
    if p["noise"] > 0:
        x += np.random.default_rng(p["seed"]).normal(0.0, p["noise"], x.shape)
    return Dataset(x, t, list(XY), ["y"], list(BINARY))


def _binary(rng: np.random.Generator, x: np.ndarray, label: np.ndarray, noise: float) -> Dataset:
    """Shuffle the rows, add noise to the points, and wrap with float 0/1 targets."""
    order = rng.permutation(len(x))
    x, label = x[order], label[order]
    if noise > 0:
        x = x + rng.normal(0.0, noise, x.shape)
    return Dataset(np.ascontiguousarray(x, dtype=np.float64), label.astype(np.float64).reshape(-1, 1),
                   list(XY), ["y"], list(BINARY))


def _classes(rng: np.random.Generator, x: np.ndarray, label: np.ndarray, noise: float,
             names: list[str], encoding: str) -> Dataset:
    """Shuffle, add noise, and wrap with int64 class indices (or one-hot rows)."""
    order = rng.permutation(len(x))
    x, label = x[order], label[order].astype(np.int64)
    if noise > 0:
        x = x + rng.normal(0.0, noise, x.shape)
    return Dataset(np.ascontiguousarray(x, dtype=np.float64), encode_classes(label, len(names), encoding),
                   list(XY), ["class"], names)


def encode_classes(label: np.ndarray, k: int, encoding: str) -> np.ndarray:
    """int64 indices as they are ("index"), or float one-hot rows [N, k] ("onehot")."""
    if encoding == "index":
        return label
    onehot = np.zeros((len(label), k), dtype=np.float64)
    onehot[np.arange(len(label)), label] = 1.0
    return onehot


def _halves(n: int) -> np.ndarray:
    """Labels 1 for the first ceil(n/2) samples, 0 for the rest: balanced classes."""
    label = np.zeros(n, dtype=np.int64)
    label[:(n + 1) // 2] = 1
    return label


def _polar(r: np.ndarray, angle: np.ndarray) -> np.ndarray:
    return np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)


def circle(p: dict) -> Dataset:
    """Class 1 inside radius 2.5, class 0 on the ring from 3.5 to 5 around it."""
    rng = np.random.default_rng(p["seed"])
    label = _halves(p["samples"])
    u = rng.uniform(0.0, 1.0, len(label))
    r = np.where(label == 1, 2.5 * u, 3.5 + 1.5 * u)
    return _binary(rng, _polar(r, rng.uniform(0.0, 2 * np.pi, len(label))), label, p["noise"])


def xor_quadrants(p: dict) -> Dataset:
    """Points in [-5, 5]², kept 0.3 away from the axes: class 1 where x1 and x2 have different
    signs (exclusive or), class 0 where they agree."""
    rng = np.random.default_rng(p["seed"])
    x = rng.uniform(-5.0, 5.0, (p["samples"], 2))
    x += np.where(x >= 0, 0.3, -0.3)
    label = ((x[:, 0] >= 0) != (x[:, 1] >= 0)).astype(np.int64)
    return _binary(rng, x, label, p["noise"])


def gaussians(p: dict) -> Dataset:
    """Two round Gaussian clouds of standard deviation `spread`: class 1 around (2, 2), class 0
    around (-2, -2)."""
    rng = np.random.default_rng(p["seed"])
    label = _halves(p["samples"])
    centre = np.where(label[:, None] == 1, 2.0, -2.0)
    x = centre + rng.normal(0.0, p["spread"], (len(label), 2))
    return _binary(rng, x, label, p["noise"])


def moons(p: dict) -> Dataset:
    """Two interleaved half circles (as scikit-learn's make_moons), scaled by 3 and centred."""
    rng = np.random.default_rng(p["seed"])
    label = _halves(p["samples"])
    angle = rng.uniform(0.0, np.pi, len(label))
    upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
    lower = np.stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
    x = 3.0 * (np.where(label[:, None] == 0, upper, lower) - np.array([0.5, 0.25]))
    return _binary(rng, x, label, p["noise"])


def spiral(p: dict) -> Dataset:
    """`arms` spiral arms of `turns` turns from the centre out to radius 5; class k is arm k."""
    rng = np.random.default_rng(p["seed"])
    k = p["arms"]
    label = np.arange(p["samples"]) % k
    t = rng.uniform(0.0, 1.0, len(label))
    angle = 2 * np.pi * (p["turns"] * t + label / k)
    names = [f"arm {j + 1}" for j in range(k)]
    return _classes(rng, _polar(5.0 * t, angle), label, p["noise"], names, p["target_encoding"])


def blobs(p: dict) -> Dataset:
    """`classes` round Gaussian clouds of standard deviation `spread`, centred evenly on the
    circle of radius 4 (class k at angle 2πk/classes)."""
    rng = np.random.default_rng(p["seed"])
    k = p["classes"]
    label = np.arange(p["samples"]) % k
    centres = _polar(np.full(k, 4.0), 2 * np.pi * np.arange(k) / k)
    x = centres[label] + rng.normal(0.0, p["spread"], (len(label), 2))
    names = [f"blob {j + 1}" for j in range(k)]
    return _classes(rng, x, label, p["noise"], names, p["target_encoding"])


# --- regression ----------------------------------------------------------------------------

def _regression(rng: np.random.Generator, x: np.ndarray, y: np.ndarray, noise: float,
                names: list[str]) -> Dataset:
    if noise > 0:
        y = y + rng.normal(0.0, noise, y.shape)
    return Dataset(np.ascontiguousarray(x, dtype=np.float64), y.reshape(-1, 1).astype(np.float64),
                   names, ["y"])


def plane(p: dict) -> Dataset:
    """y = (x1 + x2) / 12 over [-6, 6]²: a tilted plane from -1 to 1."""
    rng = np.random.default_rng(p["seed"])
    x = rng.uniform(-6.0, 6.0, (p["samples"], 2))
    return _regression(rng, x, (x[:, 0] + x[:, 1]) / 12.0, p["noise"], list(XY))


def sine(p: dict) -> Dataset:
    """y = sin(x) for x uniform over `periods` whole periods centred on 0 ([-π, π] for 1)."""
    rng = np.random.default_rng(p["seed"])
    half = np.pi * p["periods"]
    x = rng.uniform(-half, half, (p["samples"], 1))
    return _regression(rng, x, np.sin(x[:, 0]), p["noise"], ["x"])


def bump(p: dict) -> Dataset:
    """y = exp(-(x1² + x2²) / (2·width²)) over [-6, 6]²: a Gaussian bump of height 1."""
    rng = np.random.default_rng(p["seed"])
    x = rng.uniform(-6.0, 6.0, (p["samples"], 2))
    y = np.exp(-(x ** 2).sum(axis=1) / (2.0 * p["width"] ** 2))
    return _regression(rng, x, y, p["noise"], list(XY))
