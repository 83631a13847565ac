"""Array work behind LineBatch (line_batch.py): thinning, on-screen lengths, and the lines
that stay visible once a picture is coarse. NumPy only; transforms come as
(m11, m12, m21, m22, dx, dy), Qt's affine QTransform, mapping x' = m11·x + m21·y + dx and
y' = m12·x + m22·y + dy."""
from __future__ import annotations

import math

import numpy as np

Affine = tuple[float, float, float, float, float, float]


def weakest(strengths: np.ndarray, ranked: np.ndarray, share: float) -> np.ndarray:
    """Thinning: True for the `ranked` lines outside the strongest `share` (0–1] of them (NaN
    counts as 0; ties go to the earlier row). Lines not ranked are never thinned away."""
    thinned = np.zeros(len(ranked), dtype=bool)
    if share >= 1.0:
        return thinned
    rows = np.flatnonzero(ranked)
    kept = math.ceil(share * len(rows))
    order = np.argsort(-np.nan_to_num(strengths[rows], nan=0.0), kind="stable")
    thinned[rows[order[kept:]]] = True
    return thinned


def grown(array: np.ndarray, size: int, fill: object) -> np.ndarray:
    """`array` with room for `size` rows, the new ones set to `fill`."""
    bigger = np.full((size,) + array.shape[1:], fill, dtype=array.dtype)
    bigger[:len(array)] = array
    return bigger


def mapped(segs: np.ndarray, m: Affine) -> np.ndarray:
    """`segs` (N × 4: x1, y1, x2, y2) through the transform."""
    m11, m12, m21, m22, dx, dy = m
    out = np.empty_like(segs)
    for x, y in ((0, 1), (2, 3)):
        out[:, x] = segs[:, x] * m11 + segs[:, y] * m21 + dx
        out[:, y] = segs[:, x] * m12 + segs[:, y] * m22 + dy
    return out


def pixel_work(segs: np.ndarray, m: Affine, area: tuple[float, float, float, float]) -> float:
    """About how many pixels aliased 1-pixel lines along `segs` touch inside `area` (left, top,
    right, bottom in device pixels): each line's longer side on screen, clipped to `area`."""
    if not len(segs):
        return 0.0
    ends = mapped(segs, m)
    xa, ya, xb, yb = ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3]
    # Liang–Barsky: the part of each line (t0..t1 of it) inside the area
    t0, t1 = np.zeros(len(segs)), np.ones(len(segs))
    left, top, right, bottom = area
    with np.errstate(divide="ignore", invalid="ignore"):
        for start, delta, low, high in ((xa, xb - xa, left, right), (ya, yb - ya, top, bottom)):
            flat = delta == 0
            ta, tb = (low - start) / delta, (high - start) / delta
            t0 = np.where(flat, t0, np.maximum(t0, np.minimum(ta, tb)))
            t1 = np.where(flat, t1, np.minimum(t1, np.maximum(ta, tb)))
            t1 = np.where(flat & ((start < low) | (start > high)), -1.0, t1)
    share = np.clip(t1 - t0, 0.0, None)
    return float(np.sum(np.maximum(np.abs(xb - xa), np.abs(yb - ya)) * share))


def on_top(segs: np.ndarray, m: Affine) -> np.ndarray:
    """The lines (indices, ascending) that still show when each is drawn, in order, as an aliased
    1-pixel line between its ends rounded to whole pixels of the transform's device: of lines
    with the same rounded ends only the last is kept (the others lie under it, pixel for pixel).
    Zoomed far out, a column of neurons closer than a pixel makes many such lines."""
    ends = np.rint(mapped(segs, m))
    if not len(ends) or np.abs(ends).max() >= 2 ** 15:
        return np.arange(len(segs))     # off any image: not worth packing
    packed = ends.astype(np.int64) + 2 ** 15        # 0 … 2¹⁶: four of them fit in 64 bits
    key = ((packed[:, 0] << 48) | (packed[:, 1] << 32) | (packed[:, 2] << 16) | packed[:, 3])
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    last = np.ones(len(key), dtype=bool)
    last[:-1] = ordered[:-1] != ordered[1:]           # the last of each run of equal ends
    return np.sort(order[last])
