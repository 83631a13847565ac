"""The epochs a run reported since its last write-back, kept compact until they become History.

A run trained until stopped at full speed reports a few hundred epochs a second and is written back
only when it pauses or ends. Held as History's Python lists, each epoch costs about 200 bytes
(five list slots and four float objects, an int); here it costs 44: a float64 per column and a
byte saying whether a value was measured (History's None).
"""
from __future__ import annotations

import numpy as np

from nnstudio.project.model import History

COLUMNS = ("loss", "val_loss", "accuracy", "val_accuracy")


class _Column:
    """A typed buffer in fixed chunks: no per-value objects, and growing never copies (a doubling
    buffer leaves its old copies as holes in the heap, which a long run's resident memory keeps)."""

    CHUNK = 8192

    def __init__(self, dtype: type) -> None:
        self.dtype = dtype
        self.chunks: list[np.ndarray] = []
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        done = 0
        while done < len(values):
            used = self.size % self.CHUNK
            if used == 0:
                self.chunks.append(np.empty(self.CHUNK, dtype=self.dtype))
            take = min(self.CHUNK - used, len(values) - done)
            self.chunks[-1][used:used + take] = values[done:done + take]
            self.size += take
            done += take

    def view(self) -> np.ndarray:
        joined = np.concatenate(self.chunks) if self.chunks else np.zeros(0, dtype=self.dtype)
        return joined[:self.size]


class EpochLog:
    """History's columns as numpy buffers; `history()` gives them back as History."""

    def __init__(self) -> None:
        self._epoch = _Column(np.int64)
        self._values = {name: _Column(np.float64) for name in COLUMNS}
        self._measured = {name: _Column(np.bool_) for name in COLUMNS}

    def __len__(self) -> int:
        return self._epoch.size

    def extend(self, new: History) -> None:
        """Append `new`'s epochs (a column shorter than `epoch` counts as not measured)."""
        n = len(new.epoch)
        if not n:
            return
        self._epoch.extend(np.asarray(new.epoch, dtype=np.int64))
        for name in COLUMNS:
            column = list(getattr(new, name))[:n]
            column += [None] * (n - len(column))
            self._measured[name].extend(np.array([v is not None for v in column], dtype=np.bool_))
            self._values[name].extend(np.array([np.nan if v is None else v for v in column], dtype=np.float64))

    def history(self) -> History:
        """The epochs as History: ints, floats, and None where a value was not measured."""
        columns = {}
        for name in COLUMNS:
            values, measured = self._values[name].view().tolist(), self._measured[name].view().tolist()
            columns[name] = [v if m else None for v, m in zip(values, measured)]
        return History(self._epoch.view().tolist(), **columns)
