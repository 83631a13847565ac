"""A growing float64 buffer for series that grow all run long (one value an epoch).

Like plotting.GrowingArray (doubling, `view()` without a copy), but once past 128 KB each buffer is
its own anonymous memory map. A doubling buffer on the heap leaves every old copy behind as a free
hole that the C allocator keeps, so a full-speed run's resident memory grew about twice as fast
as its data; an unmapped old copy goes back to the system at once, and the pages of the new one
that are not filled yet are not resident.
"""
from __future__ import annotations

import mmap

import numpy as np

MAPPED_FROM = 16_384            # values (128 KB): below this the heap is fine


def _empty(capacity: int) -> np.ndarray:
    if capacity < MAPPED_FROM:
        return np.empty(capacity, dtype=np.float64)
    return np.frombuffer(mmap.mmap(-1, capacity * 8), dtype=np.float64)     # unmapped with its last view


class SeriesBuffer:
    """A float64 buffer that grows by doubling; `view()` is the filled part (no copy)."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = _empty(capacity)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        need = self.size + len(values)
        if need > len(self._data):
            capacity = len(self._data)
            while capacity < need:
                capacity *= 2
            grown = _empty(capacity)
            grown[:self.size] = self._data[:self.size]
            self._data = grown
        self._data[self.size:need] = values
        self.size = need

    def truncate(self, size: int) -> None:
        self.size = max(0, min(size, self.size))

    def view(self) -> np.ndarray:
        return self._data[:self.size]
