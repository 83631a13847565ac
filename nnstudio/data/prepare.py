"""From a Dataset to what the trainer eats: a training and a validation `Split`.

`prepare` derives the input features (`data.features`, see features.py), keeps the last
`validation_split` fraction of samples for validation (DESIGN §3; of a seeded shuffle when
`split_seed` is set), fits the normaliser on the training rows only (or reuses the one stored with
the project), casts once to the training dtype and cuts the input columns into one array per
network input node, in the order of the project's `inputs`. Its `InputEncoder` does the same to
new raw rows (a probe grid, data to predict on).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from nnstudio.data.dataset import DataError, Dataset
from nnstudio.data.features import check_features, derive_features
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
            scale = _column_std(x, offset)
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
            ok = isinstance(v, list) and all(_finite_number(e) for e in v)
            if not ok:
                raise DataError("must be a list of finite numbers", f"{where}.{key}")
            arrays.append(np.array(v, dtype=np.float64).reshape(-1))
        offset, scale = arrays
        if offset.shape != scale.shape:
            raise DataError(f"has {scale.size} values, offset has {offset.size}", f"{where}.scale")
        if (scale == 0).any():
            raise DataError("must not hold 0", f"{where}.scale")
        return cls(kind, offset, scale)


def _column_std(x: np.ndarray, mean: np.ndarray, rows: int = 256) -> np.ndarray:
    """Population standard deviation of each column of `x` about `mean`, in float64, a block
    of rows at a time: `x.std(dtype=float64)` would make a float64 copy of all of `x` (twice the
    memory of float32 data, and about twice the time on MNIST-sized inputs)."""
    n = x.shape[0]
    squares = np.zeros(x.shape[1])
    block = np.empty((min(rows, n), x.shape[1]))
    for start in range(0, n, rows):
        part = block[:min(rows, n - start)]
        np.subtract(x[start:start + rows], mean, out=part)
        np.multiply(part, part, out=part)
        squares += part.sum(axis=0)
    return np.sqrt(squares / n)


def _finite_number(e: object) -> bool:
    if isinstance(e, bool) or not isinstance(e, (int, float)):
        return False
    try:
        return math.isfinite(e)
    except OverflowError:       # an integer too large for a float
        return False


@dataclass
class InputEncoder:
    """Raw input rows → the network's inputs: features, then the normaliser, the cast to the
    training dtype and the cut into one array per input node."""
    features: list[str]
    normalizer: Normalizer
    dtype: np.dtype
    input_shapes: list[tuple[int, ...]]

    def encode(self, raw: np.ndarray, where: str = "data") -> list[np.ndarray]:
        """One array per input node for `raw` `[N, raw columns]` (never changed)."""
        x = raw.reshape(raw.shape[0], -1)
        if self.features:
            x = derive_features(x.astype(self.dtype, copy=False), self.features)
        x = np.array(x, dtype=self.dtype, order="C", copy=True)
        self.normalizer.apply_inplace(x)
        return split_inputs(x, self.input_shapes, where=where)


@dataclass
class Prepared:
    train: Split
    val: Split | None
    normalizer: Normalizer
    n_train: int
    n_val: int
    # The dataset row of each prepared row (training rows, then validation rows), or None when
    # they are the dataset's rows in order (no split_seed, or nothing held out).
    order: np.ndarray | None = None
    encoder: InputEncoder | None = None

    def dataset_order(self, joined: Split) -> Split:
        """`joined` (training rows followed by validation rows) back in dataset order."""
        if self.order is None:
            return joined
        inverse = np.empty_like(self.order)
        inverse[self.order] = np.arange(len(self.order))
        return joined.take(inverse)


def validation_count(n: int, validation_split: float) -> int:
    """How many of the last samples are kept for validation: floor(n·split), at least 1 when the
    split is above 0 and there are 2 samples or more, and never all of them."""
    if n < 2 or validation_split <= 0:
        return 0
    return min(max(int(math.floor(n * validation_split)), 1), n - 1)


def split_order(n: int, n_val: int, split_seed: int | None) -> np.ndarray | None:
    """Dataset rows of the training part then the validation part, each in dataset order, when
    `split_seed` picks the validation rows at random (`default_rng(split_seed).permutation`, its
    last `n_val` entries); None for the last `n_val` rows (no seed, or nothing held out)."""
    if split_seed is None or n_val == 0:
        return None
    perm = np.random.default_rng(split_seed).permutation(n)
    return np.concatenate([np.sort(perm[:n - n_val]), np.sort(perm[n - n_val:])])


def prepare(dataset: Dataset, input_shapes: Sequence[Sequence[int]], *,
            validation_split: float = 0.0, normalize: str = "none", dtype=np.float64,
            where: str = "data", split_seed: int | None = None, features: Sequence[str] = (),
            normalizer: Normalizer | None = None, output_shape: Sequence[int] | None = None) -> Prepared:
    """Features, split, normalise, cast and cut `dataset` for the trainer (see the module
    docstring). `normalizer`, the statistics stored with a trained project, is used instead of
    fitting new ones when it is of the `normalize` kind and fits the columns. `output_shape`, the
    network's output per sample, shapes sequence targets (see `shape_targets`)."""
    if isinstance(validation_split, bool) or not isinstance(validation_split, (int, float)) \
            or not 0.0 <= validation_split < 1.0:
        raise DataError(f"must be a number from 0 up to (not including) 1, not {validation_split!r}",
                        f"{where}.validation_split")
    if normalize not in NORMALIZE:
        raise DataError(f"must be one of {', '.join(NORMALIZE)}, not {normalize!r}",
                        f"{where}.normalize")
    if split_seed is not None and (isinstance(split_seed, bool) or not isinstance(split_seed, (int, np.integer))
                                   or not 0 <= split_seed < 2**32):
        raise DataError(f"must be null or a whole number from 0 to 4294967295, not {split_seed!r}",
                        f"{where}.split_seed")
    features = check_features(features, f"{where}.features")
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
    if features:                # computed in the training dtype: a new array
        x_raw = derive_features(x_raw.astype(dtype, copy=False), features, f"{where}.features")
    _check_columns(x_raw.shape[1], input_shapes, where)
    n_val = validation_count(n, float(validation_split))
    n_train = n - n_val
    order = split_order(n, n_val, split_seed)
    t = dataset.targets
    if order is not None:       # a copy in the new order; it may then be changed in place
        x_raw, t = x_raw[order], t[order]
    fresh = order is not None or bool(features)
    if normalizer is None or normalizer.kind != normalize or normalizer.offset.shape != (x_raw.shape[1],):
        normalizer = Normalizer.fit(normalize, x_raw[:n_train])
    # One cast: a copy when normalising (never change the caller's arrays), else only if needed.
    if normalize == "none" or (fresh and x_raw.dtype == dtype and x_raw.flags.c_contiguous):
        x = np.ascontiguousarray(x_raw, dtype=dtype)
    else:
        x = np.array(x_raw, dtype=dtype, order="C", copy=True)
    normalizer.apply_inplace(x)
    inputs = split_inputs(x, input_shapes, where=where)
    if t.ndim == 1 and np.issubdtype(t.dtype, np.integer):
        t = np.ascontiguousarray(t, dtype=np.int64)
    else:
        t = np.ascontiguousarray(t.reshape(n, -1) if t.ndim != 2 else t, dtype=dtype)
    t = shape_targets(t, output_shape, where)
    train = Split([a[:n_train] for a in inputs], t[:n_train])
    val = Split([a[n_train:] for a in inputs], t[n_train:]) if n_val else None
    encoder = InputEncoder(features, normalizer, dtype, [tuple(int(d) for d in s) for s in input_shapes])
    return Prepared(train, val, normalizer, n_train, n_val, order, encoder)


def shape_targets(t: np.ndarray, output_shape: Sequence[int] | None, where: str = "data") -> np.ndarray:
    """Targets [N, columns] as a sequence output [T, k] needs them: [N, T, columns / T], so
    columns t1_1..t1_k, t2_1.. are step 1's k values, then step 2's (one value per step, T
    columns, for k = 1 or class indices). Anything else, and a non-sequence output, is left as it is."""
    if output_shape is None or len(output_shape) != 2 or t.ndim != 2:
        return t
    steps = int(output_shape[0])
    if t.shape[1] % steps:
        raise DataError(f"the network outputs a sequence of {steps} steps, but the data has "
                        f"{t.shape[1]} target column{'s' * (t.shape[1] != 1)}, not a multiple of {steps}",
                        where)
    return t.reshape(t.shape[0], steps, -1)


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
