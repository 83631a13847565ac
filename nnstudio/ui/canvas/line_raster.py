"""Aliased 1-pixel lines rasterised in NumPy once, as an incidence: which lines cross each pixel
of a small image. Recolouring the lines then costs one reduction over that incidence per frame
(the highest draw rank crossing each pixel is the style on top), not a new drawing of every line:
100,000 weight lines restyled each training snapshot at far zoom (LineBatch's image mode).

NumPy only. Lines come in image pixels: (N, 4) float arrays of x1, y1, x2, y2, where pixel (i, j)
covers [i, i + 1) × [j, j + 1).

Rasterisation rule (close to Qt's aliased cosmetic lines, not pixel-exact on slanted lines):
along the line's longer axis, every pixel from the one holding its first end to the one holding
its last end; at each, the pixel the line crosses at that column's (or row's) centre.
"""
from __future__ import annotations

import numpy as np

ENTRY_BUDGET = 8_000_000     # (pixel, line) pairs at most: 32 MB kept, about as much again while built
CHUNK = 262_144            # pairs made at a time while building (bounds the temporary arrays)


class Incidence:
    """For each touched pixel of a width × height image, the lines that cross it: the pixels
    (flat indices, ascending), and where each pixel's run starts in `line_of_entry`."""

    def __init__(self, width: int, height: int, pixels: np.ndarray, starts: np.ndarray,
                 line_of_entry: np.ndarray) -> None:
        self.width, self.height = width, height
        self.pixels = pixels
        self.starts = starts
        self.line_of_entry = line_of_entry

    @property
    def nbytes(self) -> int:
        return self.pixels.nbytes + self.starts.nbytes + self.line_of_entry.nbytes

    def top(self, ranks: np.ndarray) -> np.ndarray:
        """(height × width,) the highest rank among the lines crossing each pixel, −1 where
        none does. `ranks` (one per line, small non-negative ints; −1: not drawn) is the draw
        order: the highest rank is drawn last, so it is the one on top."""
        top = np.full(self.width * self.height, -1, dtype=ranks.dtype)
        if len(self.starts):
            top[self.pixels] = np.maximum.reduceat(ranks[self.line_of_entry], self.starts)
        return top

    def picture(self, ranks: np.ndarray, palette: np.ndarray) -> np.ndarray:
        """(height, width) uint32 pixels: palette[rank] of the line on top, 0 (transparent) where
        no drawn line crosses. `palette` has one colour per rank."""
        with_none = np.concatenate([np.zeros(1, dtype=np.uint32), np.asarray(palette, dtype=np.uint32)])
        return with_none[self.top(ranks) + 1].reshape(self.height, self.width)


def _spans(ends: np.ndarray, width: int, height: int) -> tuple[np.ndarray, ...]:
    """Per line: whether x is its longer axis, the first and last pixel along that axis (clipped
    to the image), and the line's minor coordinate and its step per pixel along it."""
    with np.errstate(invalid="ignore", over="ignore"):     # infinite or NaN ends: no pixels
        return _spans_of(ends, width, height)


def _spans_of(ends: np.ndarray, width: int, height: int) -> tuple[np.ndarray, ...]:
    x1, y1, x2, y2 = ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3]
    along_x = np.abs(x2 - x1) >= np.abs(y2 - y1)
    u1, u2 = np.where(along_x, x1, y1), np.where(along_x, x2, y2)
    v1, v2 = np.where(along_x, y1, x1), np.where(along_x, y2, x2)
    backwards = u2 < u1
    u1, u2, v1, v2 = (np.where(backwards, u2, u1), np.where(backwards, u1, u2),
                      np.where(backwards, v2, v1), np.where(backwards, v1, v2))
    with np.errstate(divide="ignore"):
        slope = np.where(u2 > u1, (v2 - v1) / (u2 - u1), 0.0)
    length = np.where(along_x, width, height)
    first = np.clip(np.floor(u1), 0, length)
    last = np.clip(np.floor(u2), -1, length - 1)
    count = np.where(np.isfinite(ends).all(axis=1), np.maximum(last - first + 1, 0), 0).astype(np.int64)
    first = np.where(count > 0, first, 0).astype(np.int64)
    # the minor coordinate at the centre of the first pixel along the line
    start = np.where(count > 0, v1 + (first + 0.5 - u1) * slope, 0.0)
    return along_x, first, count, start, np.where(count > 0, slope, 0.0)


class Builder:
    """Makes an Incidence a few pairs at a time (`advance`), so that a frame that must also be
    drawn is not held up by all of it; `incidence` makes one in a single call."""

    def __init__(self, ends: np.ndarray, width: int, height: int, budget: int = ENTRY_BUDGET) -> None:
        ends = np.asarray(ends, dtype=np.float64).reshape(-1, 4)
        self.width, self.height = width, height
        self.bits = max(1, (len(ends) - 1).bit_length())      # a key is pixel << bits | line
        self._spans = _spans(ends, width, height)
        count = self._spans[2]
        self.total = int(count.sum())           # pairs at most
        self.fits = self.total <= budget
        # one sortable key per pair: pixel-major, then line; 32 bits when they fit (a faster sort)
        self._dtype = np.uint32 if (width * height) << self.bits < 2 ** 32 else np.uint64
        self._keys = np.empty(self.total if self.fits else 0, dtype=self._dtype)
        self._cumulative = np.cumsum(count)
        self._line = 0 if self.fits else len(ends)      # the next line to rasterise
        self._filled = 0

    def advance(self, pairs: int) -> Incidence | None:
        """Rasterises about `pairs` more pairs (at least one line); the Incidence once every
        line is done, else None (also when the lines do not fit the budget)."""
        if not self.fits:
            return None
        lines = len(self._cumulative)
        made_before = int(self._cumulative[self._line - 1]) if self._line else 0
        goal = made_before + pairs
        while self._line < lines and (int(self._cumulative[self._line - 1]) if self._line else 0) < goal:
            before = int(self._cumulative[self._line - 1]) if self._line else 0
            stop = max(int(np.searchsorted(self._cumulative, min(goal, before + CHUNK), side="right")), self._line + 1)
            self._filled += _fill(self._keys[self._filled:], np.arange(self._line, stop), *self._spans,
                                  self.width, self.height, self.bits)
            self._line = stop
        return self._finish() if self._line >= lines else None

    def _finish(self) -> Incidence:
        keys, dtype, bits = self._keys[:self._filled], self._dtype, self.bits
        self._keys = np.empty(0, dtype=dtype)
        keys.sort()
        # where each pixel's run starts: pixel p's keys are p << bits … (p + 1) << bits − 1
        bounds = np.searchsorted(keys, np.arange(self.width * self.height + 1, dtype=dtype) << dtype(bits))
        touched = np.flatnonzero(bounds[1:] > bounds[:-1])
        np.bitwise_and(keys, dtype((1 << bits) - 1), out=keys)      # in place: the keys become line numbers
        line_of_entry = keys.view(np.int32) if dtype == np.uint32 else keys.astype(np.int32)
        return Incidence(self.width, self.height, touched, bounds[touched], line_of_entry)


def incidence(ends: np.ndarray, width: int, height: int, budget: int = ENTRY_BUDGET) -> Incidence | None:
    """The lines of `ends` (image pixels) rasterised into a width × height image, or None when
    they would make more than `budget` (pixel, line) pairs."""
    builder = Builder(ends, width, height, budget)
    return builder.advance(builder.total + 1) if builder.fits else None


def _fill(out: np.ndarray, rows: np.ndarray, along_x: np.ndarray, first: np.ndarray, count: np.ndarray,
          start: np.ndarray, slope: np.ndarray, width: int, height: int, bits: int) -> int:
    """Writes the keys (pixel << bits | line) of lines `rows` into `out`; returns how many."""
    key_type = out.dtype.type
    # the minor coordinate in 16.16 fixed point, in 32 bits when the image is small enough: a
    # start clipped to ±2^14 then changes which pixels are inside no more than the true one does
    small = max(width, height) < 2 ** 13
    work, unsigned, reach = (np.int32, np.uint32, 2.0 ** 14) if small else (np.int64, np.uint64, 2.0 ** 30)

    def as_keys(values: np.ndarray) -> np.ndarray:     # wraps negatives: those pairs are dropped
        return values.view(key_type) if values.itemsize == out.itemsize else values.astype(key_type)

    filled = 0
    for horizontal in (True, False):
        picked = rows[along_x[rows] == horizontal]
        counts = count[picked]
        made = int(counts.sum())
        if not made:
            continue
        # pixel = v · across + u · along, with u = first + step along the line
        across, along, limit = (width, 1, height) if horizontal else (1, width, width)
        step = np.arange(made, dtype=work)
        step -= np.repeat((np.cumsum(counts) - counts).astype(work), counts)
        fixed = np.repeat(np.round(np.clip(start[picked], -reach, reach) * 65536).astype(work), counts)
        fixed += step * np.repeat(np.round(slope[picked] * 65536).astype(work), counts)
        fixed >>= 16
        inside = fixed.view(unsigned) < limit          # negative v wraps to a huge unsigned number
        keys = as_keys(fixed)
        keys *= key_type(across << bits)
        keys += np.repeat((((first[picked] * along) << bits) | picked).astype(key_type), counts)
        step = as_keys(step)
        step *= key_type(along << bits)
        keys += step
        chosen = keys[inside]
        out[filled:filled + len(chosen)] = chosen
        filled += len(chosen)
    return filled
