"""Derived input features for two-column data, as in TensorFlow Playground.

`data.features` lists which columns the network sees, computed from the raw columns x1 and x2
before normalisation: `["x1", "x2", "x1^2"]` feeds three columns. An empty list feeds the raw
columns unchanged. Training, evaluation, the command line and the live views all go through
`derive_features` (via `prepare.InputEncoder`), so they see the same columns.
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np

from nnstudio.data.dataset import DataError

# name → function of (x1, x2), each a float column
FEATURES: dict[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1^2": lambda x1, x2: x1 * x1,
    "x2^2": lambda x1, x2: x2 * x2,
    "x1*x2": lambda x1, x2: x1 * x2,
    "sin(x1)": lambda x1, x2: np.sin(x1),
    "sin(x2)": lambda x1, x2: np.sin(x2),
}
FEATURE_NAMES = tuple(FEATURES)


def check_features(features: Any, where: str = "data.features") -> list[str]:
    """`features` as a list of known, distinct names, or DataError at `where[i]`."""
    if not isinstance(features, (list, tuple)):
        raise DataError(f"must be a list of feature names, not {type(features).__name__}", where)
    seen: set[str] = set()
    for i, name in enumerate(features):
        if not isinstance(name, str) or name not in FEATURES:
            raise DataError(f"{name!r} is not a feature (known: {', '.join(FEATURE_NAMES)})", f"{where}[{i}]")
        if name in seen:
            raise DataError(f"{name!r} is listed twice", f"{where}[{i}]")
        seen.add(name)
    return list(features)


def derive_features(x: np.ndarray, features: Sequence[str], where: str = "data.features") -> np.ndarray:
    """The columns `features` names, computed from the two columns of `x` `[N, 2]`, as a new
    C-ordered array `[N, len(features)]` of x's float dtype (float64 for integers). An empty
    `features` returns `x` itself. DataError when `x` does not have exactly two columns."""
    if not len(features):
        return x
    check_features(features, where)
    x = x.reshape(x.shape[0], -1)
    if x.shape[1] != 2:
        raise DataError(f"derived features need exactly 2 input columns (x1, x2); the data has "
                        f"{x.shape[1]}", where)
    dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.dtype(np.float64)
    out = np.empty((x.shape[0], len(features)), dtype=dtype)
    x1, x2 = x[:, 0].astype(dtype, copy=False), x[:, 1].astype(dtype, copy=False)
    for j, name in enumerate(features):
        out[:, j] = FEATURES[name](x1, x2)
    return out


def feature_names(features: Sequence[str], input_names: Sequence[str]) -> list[str]:
    """Names of the network's input columns: the features, or the data's own column names."""
    return list(features) if len(features) else list(input_names)
