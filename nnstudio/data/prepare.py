"""From a Dataset to what the trainer eats: a training and a validation `Split`.

`prepare` keeps the last `validation_split` fraction of samples for validation (DESIGN §3),
fits the normaliser on the training rows only, casts once to the training dtype and cuts the
input columns into one array per network input node, in the order of the project's `inputs`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnstudio.data.dataset import DataError, Dataset
from nnstudio.engine.training import Split

NORMALIZE = ("none", "standard", "minmax")


@dataclass
class Normalizer:
    """Per input column: `apply(x) = (x - offset) / scale`. Stored with the trained project so
    that predictions on new data use the statistics of the training rows."""
    kind: str
    offset: np.ndarray
    scale: np.ndarray

    @classmethod
    def identity(cls, n_columns: int) -> "Normalizer":
        return cls("none", np.zeros(n_columns), np.ones(n_columns))

    @classmethod
    def fit(cls, kind: str, x: np.ndarray) -> "Normalizer":
        """Statistics of `x` `[rows, columns]`, computed in float64. A constant column gets
        scale 1, so it maps to 0 (standard) or stays put relative to its minimum (minmax)."""
        if kind not in NORMALIZE:
            raise DataError(f"must be one of {', '.join(NORMALIZE)}, not {kind!r}", "data.normalize")
        x = x.reshape(x.shape[0], -1)
        n = x.shape[1]
        if kind == "none" or x.shape[0] == 0:
            return cls(kind, np.zeros(n), np.ones(n))
        if kind == "standard":
            offset = x.mean(axis=0, dtype=np.float64)
            scale = x.std(axis=0, dtype=np.float64)
        else:
            offset = x.min(axis=0).astype(np.float64)
            scale = x.max(axis=0).astype(np.float64) - offset
        scale[~(scale > 0)] = 1.0
        return cls(kind, offset, scale)

    def apply(self, x: np.ndarray) -> np.ndarray:
        """`(x - offset) / scale` over the columns of `x` `[N, columns]`, in x's float dtype
        (float64 for integer x). A new array; `x` is not changed. `none` returns x itself."""
        if self.kind == "none":
            return x
        dtype = x.dtype if np.issubdtype(x.dtype, np.floating) else np.float64
        out = np.array(x, dtype=dtype, order="C", copy=True)
        self.apply_inplace(out)
        return out

    def apply_inplace(self, x: np.ndarray) -> None:
        """Normalise a float array `[N, columns]` in place."""
        if self.kind == "none":
            return
        if x.ndim != 2 or x.shape[1] != self.offset.shape[0]:
            raise DataError(f"the data has {x.shape[-1] if x.ndim else 0} input columns, the "
                            f"normaliser was fitted on {self.offset.shape[0]}", "data")
        x -= self.offset.astype(x.dtype)
        x /= self.scale.astype(x.dtype)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "offset": self.offset.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_dict(cls, d: dict, where: str = "normalizer") -> "Normalizer":
        if not isinstance(d, dict) or set(d) != {"kind", "offset", "scale"}:
            raise DataError("must be an object with kind, offset and scale", where)
        kind = d["kind"]
        if kind not in NORMALIZE:
            raise DataError(f"must be one of {', '.join(NORMALIZE)}, not {kind!r}", f"{where}.kind")
        arrays = []
        for key in ("offset", "scale"):
            v = d[key]
            ok = isinstance(v, list) and all(
                isinstance(e, (int, float)) and not isinstance(e, bool) and math.isfinite(e)
                for e in v)
            if not ok:
                raise DataError("must be a list of finite numbers", f"{where}.{key}")
            arrays.append(np.array(v, dtype=np.float64).reshape(-1))
        offset, scale = arrays
        if offset.shape != scale.shape:
            raise DataError(f"has {scale.size} values, offset has {offset.size}", f"{where}.scale")
        if (scale == 0).any():
            raise DataError("must not hold 0", f"{where}.scale")
        return cls(kind, offset, scale)


@dataclass
class Prepared:
    train: Split
    val: Split | None
    normalizer: Normalizer
    n_train: int
    n_val: int


def validation_count(n: int, validation_split: float) -> int:
    """How many of the last samples are kept for validation: floor(n·split), at least 1 when the
    split is above 0 and there are 2 samples or more, and never all of them."""
    if n < 2 or validation_split <= 0:
        return 0
    return min(max(int(math.floor(n * validation_split)), 1), n - 1)


def prepare(dataset: Dataset, input_shapes: Sequence[Sequence[int]], *,
            validation_split: float = 0.0, normalize: str = "none", dtype=np.float64,
            where: str = "data") -> Prepared:
    """Split, normalise, cast and cut `dataset` for the trainer (see the module docstring)."""
    if isinstance(validation_split, bool) or not isinstance(validation_split, (int, float)) \
            or not 0.0 <= validation_split < 1.0:
        raise DataError(f"must be a number from 0 up to (not including) 1, not {validation_split!r}",
                        f"{where}.validation_split")
    if normalize not in NORMALIZE:
        raise DataError(f"must be one of {', '.join(NORMALIZE)}, not {normalize!r}",
                        f"{where}.normalize")
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise DataError(f"must be a float type, not {dtype}", "training.dtype")
    n = len(dataset)
    if n == 0:
        raise DataError("the data has no samples", where)
    if dataset.targets.shape[0] != n:
        raise DataError(f"the data has {n} input rows but {dataset.targets.shape[0]} target rows",
                        where)
    x_raw = dataset.inputs.reshape(n, -1)
    _check_columns(x_raw.shape[1], input_shapes, where)
    n_val = validation_count(n, float(validation_split))
    n_train = n - n_val
    normalizer = Normalizer.fit(normalize, x_raw[:n_train])
    # One cast: a copy when normalising (never change the caller's arrays), else only if needed.
    if normalize == "none":
        x = np.ascontiguousarray(x_raw, dtype=dtype)
    else:
        x = np.array(x_raw, dtype=dtype, order="C", copy=True)
    normalizer.apply_inplace(x)
    inputs = split_inputs(x, input_shapes, where=where)
    t = dataset.targets
    if t.ndim == 1 and np.issubdtype(t.dtype, np.integer):
        t = np.ascontiguousarray(t, dtype=np.int64)
    else:
        t = np.ascontiguousarray(t.reshape(n, -1) if t.ndim != 2 else t, dtype=dtype)
    train = Split([a[:n_train] for a in inputs], t[:n_train])
    val = Split([a[n_train:] for a in inputs], t[n_train:]) if n_val else None
    return Prepared(train, val, normalizer, n_train, n_val)


def split_inputs(x: np.ndarray, input_shapes: Sequence[Sequence[int]], *,
                 where: str = "data") -> list[np.ndarray]:
    """Cut `x` `[N, columns]` into one C-contiguous array `[N, *shape]` per input node: node k
    takes the next prod(shape_k) columns. A single node taking every column costs no copy."""
    n = x.shape[0]
    x = x.reshape(n, -1)
    sizes = _check_columns(x.shape[1], input_shapes, where)
    out, start = [], 0
    for shape, size in zip(input_shapes, sizes):
        part = x[:, start:start + size]
        out.append(np.ascontiguousarray(part).reshape((n, *tuple(int(d) for d in shape))))
        start += size
    return out


def _check_columns(n_columns: int, input_shapes: Sequence[Sequence[int]], where: str) -> list[int]:
    if len(input_shapes) == 0:
        raise DataError("the network has no input nodes", where)
    sizes = []
    for shape in input_shapes:
        dims = tuple(shape)
        if any(isinstance(d, bool) or not isinstance(d, (int, np.integer)) or d < 1 for d in dims):
            raise DataError(f"an input node has the shape {list(dims)}; every size must be a "
                            "whole number, 1 or more", where)
        sizes.append(math.prod(dims))
    if sum(sizes) != n_columns:
        raise DataError(f"the data has {n_columns} input column{'s' * (n_columns != 1)}, "
                        f"the input nodes take {sum(sizes)}", where)
    return sizes
