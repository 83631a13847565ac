"""Whole-array steps of a load done a slab of rows at a time, reporting progress between slabs.

A cast of an MNIST-sized array touches 190 MB of fresh memory: one call would keep the loader's
progress (and its Cancel) still for a tenth of a second or more. NumPy releases the GIL inside
these calls, so the slabs are for progress and Cancel, not for the GIL.
"""
from __future__ import annotations

import numpy as np

from nnstudio.data.dataset import first_non_finite
from nnstudio.data.ticker import Ticker

SLAB_BYTES = 1 << 23        # bytes of output per step: a few ms


def _rows_per_slab(a: np.ndarray, itemsize: int) -> int:
    row = itemsize * (a.size // max(1, len(a)))
    return max(1, SLAB_BYTES // max(1, row))


def cast_rows(a: np.ndarray, dtype: np.dtype | type, ticker: Ticker) -> np.ndarray:
    """`a` (at least 1-D) as a C-ordered array of `dtype`: `a` itself when it already is one,
    otherwise a new array filled a slab of rows at a time."""
    dtype = np.dtype(dtype)
    if a.dtype == dtype and a.flags.c_contiguous:
        return a
    out = np.empty(a.shape, dtype=dtype)
    step = _rows_per_slab(a, dtype.itemsize)
    for start in range(0, len(a), step):
        out[start:start + step] = a[start:start + step]
        ticker(min(1.0, (start + step) / len(a)))
    return out


def first_non_finite_rows(a: np.ndarray, ticker: Ticker) -> tuple[int, ...] | None:
    """`first_non_finite(a)` for an array of at least 1 dimension, a slab of rows at a time."""
    step = _rows_per_slab(a, a.dtype.itemsize)
    for start in range(0, len(a), step):
        bad = first_non_finite(a[start:start + step])
        if bad is not None:
            return (bad[0] + start, *bad[1:])
        ticker(min(1.0, (start + step) / len(a)))
    return None
