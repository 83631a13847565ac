"""Max and average pooling over [N, C, H, W] images, vectorised over windows.

Config: `pool_size` (int or pair) and `stride` (int or pair, defaults to pool_size). Padding is
always "valid": only windows that fit entirely are pooled, so rows and columns past the last
window are ignored (their gradient is zero), as PyTorch does with padding=0 and ceil_mode=False.
Output [N, C, OH, OW] with OH = (H − ph) // sh + 1 (likewise OW).

MaxPool2D's backward routes each output's gradient to the first maximum of its window, in
row-major order (what PyTorch does on ties). AvgPool2D's spreads it equally over the window
(divisor ph·pw). Where windows overlap (stride < pool_size) the contributions add up.

After `forward`, for the live views (plain arrays of the last forward): `x` the input and `y`
the output; MaxPool2D also has `argmax` [N, C, OH, OW], the row-major index (0 … ph·pw − 1)
inside each window of the value it took.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine.im2col import pair, scatter_windows, valid_size, windows
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

    def _tiles(self, x: np.ndarray, out: tuple[int, int]) -> np.ndarray | None:
        """Windows that tile x without overlap or gap, as a [N, C, OH, ph, OW, pw] view; else None."""
        (ph, pw), (oh, ow) = self.pool_size, out
        if self.stride != self.pool_size:
            return None
        n, c = x.shape[:2]
        return x[:, :, :oh * ph, :ow * pw].reshape(n, c, oh, ph, ow, pw)

    def _windows(self, x: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
        """([N, C, OH, OW, ph·pw] copy of every window, (OH, OW))."""
        _, oh, ow = self.output_shape(x.shape[1:])
        n, c = x.shape[:2]
        tiles = self._tiles(x, (oh, ow))
        if tiles is not None:
            v = tiles.transpose(0, 1, 2, 4, 3, 5)
        else:
            v = windows(x, self.pool_size, self.stride, (oh, ow))
        return v.reshape(n, c, oh, ow, -1), (oh, ow)

    def _scatter(self, dwin: np.ndarray, out: tuple[int, int]) -> np.ndarray:
        """The image gradient from per-window gradients dwin [N, C, OH, OW, ph·pw]."""
        x, (ph, pw) = self.x, self.pool_size
        n, c = x.shape[:2]
        v = dwin.reshape(n, c, out[0], out[1], ph, pw).transpose(0, 1, 4, 5, 2, 3)
        core = (x.shape[0], x.shape[1], (out[0] - 1) * self.stride[0] + ph, (out[1] - 1) * self.stride[1] + pw)
        dx = scatter_windows(v, core, self.pool_size, self.stride, out)
        if core == x.shape:
            return dx
        full = np.zeros(x.shape, dtype=dx.dtype)                 # rows/columns no window reached
        full[:, :, :core[2], :core[3]] = dx
        return full


class MaxPool2D(_Pool2D):
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        win, out = self._windows(x)
        idx = win.argmax(axis=-1)                                # the first maximum, as PyTorch
        y = np.take_along_axis(win, idx[..., None], axis=-1)[..., 0]
        self.x, self.y, self.argmax = x, y, idx
        self._cache = (idx, out, win.shape)
        return y

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        if not self.need_input_grad:
            return None
        idx, out, shape = self._cache
        dwin = np.zeros(shape, dtype=dy.dtype)
        np.put_along_axis(dwin, idx[..., None], dy[..., None], axis=-1)
        return self._scatter(dwin, out)


class AvgPool2D(_Pool2D):
    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        _, oh, ow = self.output_shape(x.shape[1:])
        tiles = self._tiles(x, (oh, ow))
        if tiles is not None:
            y = tiles.mean(axis=(3, 5))
        else:
            y = windows(x, self.pool_size, self.stride, (oh, ow)).mean(axis=(4, 5))
        self.x, self.y = x, y
        self._cache = (oh, ow)
        return y

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        if not self.need_input_grad:
            return None
        out = self._cache
        k = self.pool_size[0] * self.pool_size[1]
        share = dy / k                                           # Python int: no upcast of float32
        dwin = np.broadcast_to(share[..., None], share.shape + (k,))
        return self._scatter(dwin, out)
