"""Weight initialisers with torch.nn.init's formulas (gain 1 for xavier, √2 for he)."""
from __future__ import annotations

import math

import numpy as np

INITIALIZERS: dict[str, str] = {
    "zeros": "all zeros",
    "constant": "every value equals `value`",
    "uniform": "uniform on [−scale, scale]",
    "normal": "normal with mean 0 and standard deviation `scale`",
    "xavier_uniform": "uniform on ±√(6 / (fan_in + fan_out))",
    "xavier_normal": "normal with std √(2 / (fan_in + fan_out))",
    "he_uniform": "uniform on ±√(6 / fan_in)",
    "he_normal": "normal with std √(2 / fan_in)",
}


def initialize(name: str, shape: tuple[int, ...], rng: np.random.Generator, *, fan_in: int = 1,
               fan_out: int = 1, value: float = 0.0, scale: float = 0.05,
               dtype: np.dtype | type = np.float64) -> np.ndarray:
    """A new array of `shape` drawn by initialiser `name` from `rng`."""
    fan_in, fan_out = max(int(fan_in), 1), max(int(fan_out), 1)
    if name == "zeros":
        out = np.zeros(shape)
    elif name == "constant":
        out = np.full(shape, float(value))
    elif name == "uniform":
        out = rng.uniform(-scale, scale, shape)
    elif name == "normal":
        out = rng.normal(0.0, scale, shape)
    elif name == "xavier_uniform":
        bound = math.sqrt(6.0 / (fan_in + fan_out))
        out = rng.uniform(-bound, bound, shape)
    elif name == "xavier_normal":
        out = rng.normal(0.0, math.sqrt(2.0 / (fan_in + fan_out)), shape)
    elif name == "he_uniform":
        bound = math.sqrt(6.0 / fan_in)
        out = rng.uniform(-bound, bound, shape)
    elif name == "he_normal":
        out = rng.normal(0.0, math.sqrt(2.0 / fan_in), shape)
    else:
        raise KeyError(name)
    return np.asarray(out, dtype=dtype)
