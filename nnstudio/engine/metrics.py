"""Classification accuracy, counted the way the output unit is read.

- "argmax": several outputs, one-hot (or soft) targets: the largest output names the class.
- "sparse": several outputs, integer class targets.
- "threshold": one output with a 0–1 range (sigmoid): output ≥ 0.5 means class 1, target > 0.5 too.
- "exact": step or sign outputs: a sample is right when every output equals its target.
- None: regression, no accuracy.
"""
from __future__ import annotations

import numpy as np


def correct(kind: str | None, y: np.ndarray, t: np.ndarray) -> int:
    """How many samples of the batch are right."""
    if kind is None:
        return 0
    if kind == "argmax":
        return int((y.argmax(axis=-1) == t.argmax(axis=-1)).sum())
    if kind == "sparse":
        return int((y.argmax(axis=-1) == np.asarray(t).reshape(-1)).sum())
    if kind == "threshold":
        hits = (y >= 0.5) == (t > 0.5)
        return int(np.count_nonzero(hits)) if hits.shape[-1] == 1 else int(hits.all(axis=-1).sum())
    if kind == "exact":
        return int((y == t).all(axis=-1).sum())
    raise KeyError(kind)
