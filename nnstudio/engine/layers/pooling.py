"""Max and average pooling over [N, C, H, W] images.

Vectorised over samples, channels and windows: the only loop is over the ph·pw offsets inside
a window, each a strided view holding that element of every window at once.

Config: `pool_size` (int or pair) and `stride` (int or pair, defaults to pool_size). Padding is
always "valid": only windows that fit entirely are pooled, so rows and columns past the last
window are ignored (their gradient is zero), as PyTorch does with padding=0 and ceil_mode=False.
Output [N, C, OH, OW] with OH = (H − ph) // sh + 1 (likewise OW).

MaxPool2D's backward routes each output's gradient to the first maximum of its window, in
row-major order (what PyTorch does on ties). AvgPool2D's spreads it equally over the window
(divisor ph·pw). Where windows overlap (stride < pool_size) the contributions add up.

After `forward`, for the live views (plain arrays of the last forward): `x` the input and `y`
the output; MaxPool2D also has `argmax` [N, C, OH, OW] (computed on demand), the row-major
index (0 … ph·pw − 1) inside each window of the value it took.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine.im2col import pair, valid_size
from nnstudio.engine.layers.base import Layer


class _Pool2D(Layer):
    def __init__(self, pool_size: Any = 2, stride: Any = None) -> None:
        super().__init__()
        self.pool_size = pair(pool_size, "pool_size")
        self.stride = self.pool_size if stride is None else pair(stride, "stride")
        self.x: np.ndarray | None = None
        self.y: np.ndarray | None = None

    def output_shape(self, shape: tuple[int, int, int]) -> tuple[int, int, int]:
        """[C, OH, OW] for one sample's [C, H, W]."""
        (ph, pw), (sh, sw) = self.pool_size, self.stride
        return shape[0], valid_size(shape[1], ph, sh), valid_size(shape[2], pw, sw)

    def _offsets(self, a: np.ndarray, out: tuple[int, int]):
        """For each offset (i, j) inside the window, row-major: the [N, C, OH, OW] strided view of
        `a` holding that element of every window. Pooling is a loop over these ph·pw views."""
        (ph, pw), (sh, sw) = self.pool_size, self.stride
        hi, wi = (out[0] - 1) * sh + 1, (out[1] - 1) * sw + 1
        for i in range(ph):
            for j in range(pw):
                yield a[:, :, i:i + hi:sh, j:j + wi:sw]

    def _start(self, x: np.ndarray) -> tuple[int, int]:
        _, oh, ow = self.output_shape(x.shape[1:])
        self.x = x
        return oh, ow

    def _overlap(self) -> bool:
        return self.stride[0] < self.pool_size[0] or self.stride[1] < self.pool_size[1]


class MaxPool2D(_Pool2D):
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        out = self._start(x)
        views = self._offsets(x, out)
        y = next(views).copy()
        for v in views:
            np.maximum(y, v, out=y)
        self.y = y
        self._cache = out
        return y

    def _first_max(self):
        """For each window offset k, the [N, C, OH, OW] mask of windows whose first maximum (in
        row-major order, PyTorch's rule on ties) sits at k: equal to the max and no earlier one was.
        Found from x and y again, which is cheaper than tracking the argmax in forward."""
        y, taken = self.y, None
        for v in self._offsets(self.x, self._cache):
            hit = v == y
            if taken is None:
                taken = hit.copy()
            else:
                np.greater(hit, taken, out=hit)      # hit and not taken
                taken |= hit
            yield hit

    @property
    def argmax(self) -> np.ndarray:
        """[N, C, OH, OW]: the row-major index (0 … ph·pw − 1) inside each window of the value taken."""
        idx = np.zeros(self.y.shape, dtype=np.int32)
        for k, hit in enumerate(self._first_max()):
            idx[hit] = k
        return idx

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        if not self.need_input_grad:
            return None
        dx = np.zeros(self.x.shape, dtype=dy.dtype)
        overlap = self._overlap()
        for v, hit in zip(self._offsets(dx, self._cache), self._first_max()):
            if overlap:
                v += hit * dy
            else:
                np.multiply(hit, dy, out=v)
        return dx


class AvgPool2D(_Pool2D):
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        out = self._start(x)
        views = self._offsets(x, out)
        y = next(views).copy()
        for v in views:
            y += v
        y /= self.pool_size[0] * self.pool_size[1]                # a Python int: no upcast of float32
        self.y = y
        self._cache = out
        return y

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        if not self.need_input_grad:
            return None
        out = self._cache
        share = dy / (self.pool_size[0] * self.pool_size[1])
        dx = np.zeros(self.x.shape, dtype=dy.dtype)
        overlap = self._overlap()
        for v in self._offsets(dx, out):
            if overlap:
                v += share
            else:
                v[...] = share
        return dx
