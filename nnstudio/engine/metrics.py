"""Classification accuracy, counted the way the output unit is read.

- "argmax": several outputs, one-hot (or soft) targets: the largest output names the class.
- "sparse": several outputs, integer class targets.
- "threshold": one output with a 0–1 range (sigmoid): output ≥ 0.5 means class 1, target > 0.5 too.
- "exact": step or sign outputs: a sample is right when every output equals its target.
- None: regression, no accuracy.

A sequence output [N, T, k] (targets [N, T, k], or [N, T] / [N, T, 1] class indices) is read per
time step: a sample counts as the fraction of its steps that are right, so accuracy is the share
of right steps over all samples' steps.
"""
from __future__ import annotations

import math

import numpy as np


def labels(kind: str | None, t: np.ndarray) -> np.ndarray | None:
    """What the targets are compared with, worked out once per batch of targets (the trainer
    reuses it every epoch when the batches do not change)."""
    if kind is None:
        return None
    if kind == "argmax":
        return t.argmax(axis=-1)
    if kind == "sparse":
        return np.asarray(t).reshape(-1)
    if kind == "threshold":
        return t > 0.5
    if kind == "exact":
        return t
    raise KeyError(kind)


def count(kind: str | None, y: np.ndarray, target_labels: np.ndarray | None) -> int | float:
    """How many samples of the batch are right, given `labels(kind, targets)`: an int, or for a
    sequence output [N, T, k] the sum over samples of the fraction of their steps that are right."""
    if kind is None:
        return 0
    if kind in ("argmax", "sparse"):
        picked = y.argmax(axis=-1)
        right = int(np.count_nonzero(picked.reshape(-1) == target_labels.reshape(-1)))
    elif kind == "threshold":
        hits = (y >= _HALF.get(y.dtype, 0.5)) == target_labels
        right = int(np.count_nonzero(hits)) if hits.shape[-1] == 1 else int(hits.all(axis=-1).sum())
    elif kind == "exact":
        right = int((y == target_labels).all(axis=-1).sum())
    else:
        raise KeyError(kind)
    steps = math.prod(y.shape[1:-1]) if y.ndim > 2 else 1
    return right if steps == 1 else right / steps


def correct(kind: str | None, y: np.ndarray, t: np.ndarray) -> int | float:
    """How many samples of the batch are right (see `count`)."""
    return count(kind, y, labels(kind, t))


# A typed 0.5: comparing with a Python float costs a conversion on every call.
_HALF = {np.dtype(np.float32): np.float32(0.5), np.dtype(np.float64): np.float64(0.5)}
