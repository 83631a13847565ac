"""Windows of images as matrices, and back: the kernels of conv2d.

Images are [N, C, H, W]. A window of size (kh, kw) moved by stride (sh, sw) gives an output of
[OH, OW] positions. `windows` is a strided *view* of every window (no copy), for whoever wants
to look at one. `im2col` and `col2im` work on images with the batch axis *last*, [C, H, W, N]:
then the innermost runs they copy and add are OW·N (or N) elements long instead of OW, which
makes both several times faster for small images. `im2col` copies every window into one matrix
[C·kh·kw, OH·OW·N], so that a convolution is one GEMM; `col2im` adds such a matrix back into an
image, one strided add per kernel offset (kh·kw array operations, never a loop over pixels or
samples).

Padding (`same_padding`) follows TensorFlow: the output has ceil(H / s) rows, the total padding
is max((OH − 1)·s + k − H, 0), and when it is odd the extra row (column) goes at the bottom
(right). PyTorch's own padding="same" exists only for stride 1 and splits the other way round;
to compare with PyTorch, pad explicitly with this split (F.pad(x, (left, right, top, bottom))).
"""
from __future__ import annotations

import math

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def pair(value, name: str = "value") -> tuple[int, int]:
    """An int or a pair of ints as a pair of positive ints."""
    if isinstance(value, (int, np.integer)):
        a = b = int(value)
    else:
        a, b = (int(v) for v in value)
    if a < 1 or b < 1:
        raise ValueError(f"{name} must be positive, got {value!r}")
    return a, b


def same_padding(size: int, k: int, s: int) -> tuple[int, int, int]:
    """(output size, padding before, padding after) along one axis for padding "same"."""
    out = math.ceil(size / s)
    total = max((out - 1) * s + k - size, 0)
    return out, total // 2, total - total // 2


def valid_size(size: int, k: int, s: int) -> int:
    """Output size along one axis for padding "valid" (windows that fit entirely)."""
    if k > size:
        raise ValueError(f"window {k} is larger than its input {size}")
    return (size - k) // s + 1


def windows(x: np.ndarray, k: tuple[int, int], s: tuple[int, int], out: tuple[int, int]) -> np.ndarray:
    """A [N, C, OH, OW, kh, kw] view of the windows of x (no copy)."""
    v = sliding_window_view(x, k, axis=(2, 3))
    return v[:, :, :(out[0] - 1) * s[0] + 1:s[0], :(out[1] - 1) * s[1] + 1:s[1]]


def im2col(xt: np.ndarray, k: tuple[int, int], s: tuple[int, int], out: tuple[int, int]) -> np.ndarray:
    """[C·kh·kw, OH·OW·N] from a batch-last image xt [C, H, W, N]: column (i, j, n) holds window
    (i, j) of sample n in (c, kh, kw) order, which is the order of a conv weight W[f] flattened."""
    c, n = xt.shape[0], xt.shape[3]
    v = sliding_window_view(xt, k, axis=(1, 2))[:, :(out[0] - 1) * s[0] + 1:s[0], :(out[1] - 1) * s[1] + 1:s[1]]
    return v.transpose(0, 4, 5, 1, 2, 3).reshape(c * k[0] * k[1], out[0] * out[1] * n)


def col2im(cols: np.ndarray, shape: tuple[int, ...], k: tuple[int, int], s: tuple[int, int],
           out: tuple[int, int]) -> np.ndarray:
    """The adjoint of im2col: a batch-last image of `shape` [C, H, W, N] where each pixel is the
    sum of every entry of `cols` that im2col copied from it. One strided add per kernel offset;
    windows that do not overlap and tile the image exactly are one reshape instead."""
    c, h, w, n = shape
    oh, ow = out
    v = cols.reshape(c, k[0], k[1], oh, ow, n)
    if s == k and h == oh * k[0] and w == ow * k[1]:
        return np.ascontiguousarray(v.transpose(0, 3, 1, 4, 2, 5)).reshape(shape)
    dx = np.zeros(shape, dtype=cols.dtype)
    hi, wi = (oh - 1) * s[0] + 1, (ow - 1) * s[1] + 1
    for i in range(k[0]):
        for j in range(k[1]):
            dx[:, i:i + hi:s[0], j:j + wi:s[1]] += v[:, i, j]
    return dx
