"""What every loader returns: a `Dataset` of input columns and targets, and `DataError`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from nnstudio.errors import DataError

__all__ = ["DataError", "Dataset", "LoadCancelled", "Progress"]   # DataError lives in nnstudio.errors

# A loader calls progress(fraction done, 0..1) now and then from the thread that loads; to stop a
# load, the callback raises LoadCancelled, which the loader lets through (it is not a DataError).
Progress = Callable[[float], None]
# Values per sample a loader accepts (a 2048 × 2048 image is 4M): each becomes an input column
# with a name, and a file that declares more is far more likely broken than meant.
MAX_COLUMNS = 1 << 22
MAX_CLASSES = 65536     # one class name and one network output per class; labels 0 … 65535


class LoadCancelled(Exception):
    """Raised by a progress callback to stop a load the user cancelled."""


@dataclass
class Dataset:
    """Samples in file order.

    `inputs` is `[N, columns]`, float64, or float32 when the file holds float32 (or small integers,
    which float32 holds exactly); `prepare` casts it to the training dtype once. `targets` is
    `[N, columns]` float (raw or one-hot) or `[N]` int64 class indices. `class_names` is the label
    of each class in index order, where the loader knows the labels (CSV class columns)."""
    inputs: np.ndarray
    targets: np.ndarray
    input_names: list[str]
    target_names: list[str]
    class_names: list[str] | None = None

    def __len__(self) -> int:
        return int(self.inputs.shape[0])

    @property
    def is_index(self) -> bool:
        """True when the targets are integer class indices."""
        return self.targets.ndim == 1 and np.issubdtype(self.targets.dtype, np.integer)


def first_non_finite(a: np.ndarray) -> tuple[int, ...] | None:
    """Index of the first NaN or infinity in a float array, or None. Fast when all is well:
    a sum is finite only if every element is (a NaN or an infinity always spreads)."""
    if not np.issubdtype(a.dtype, np.floating) or a.size == 0:
        return None
    with np.errstate(all="ignore"):
        if np.isfinite(a.sum(dtype=np.float64)):
            return None
    bad = np.argwhere(~np.isfinite(a))
    return tuple(int(i) for i in bad[0]) if len(bad) else None


def describe_number(v: float) -> str:
    """`NaN`, `infinity` or `-infinity`, as messages name them."""
    if np.isnan(v):
        return "NaN"
    return "infinity" if v > 0 else "-infinity"
