"""2-D convolution y = f(W ⊛ x + b) on [N, C, H, W] images, as one GEMM over im2col windows.

Params: W [filters, C, kh, kw] and b [filters] (when `use_bias`). Output [N, filters, OH, OW].
As in PyTorch (and every framework), the operation is a cross-correlation: the kernel is not
flipped. Padding is "valid" (only windows that fit) or "same" (output ceil(H / stride), zero
padding split as TensorFlow does, the extra row/column at the bottom/right: see engine/im2col).

The activation is fused as in Dense (any elementwise one of engine/activations; prelu and
softmax are refused: they are not elementwise per channel). Arithmetic stays in the dtype of x
and W.

Inside, images are batch-last ([C, H, W, N], see engine/im2col); what goes in and out is not.
After `forward`, for the live views (plain arrays of the last forward, the batch axis first):
`x` the input [N, C, H, W], `z` the pre-activation (a transposed view) and `y` the output, both
[N, F, OH, OW]. With `fused_output` (set by the compiler when the loss takes the pre-activation)
backward receives dL/dz.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.im2col import col2im, im2col, pair, same_padding, valid_size
from nnstudio.engine.layers.base import Layer

PADDINGS = ("valid", "same")


class Conv2D(Layer):
    def __init__(self, W: np.ndarray, b: np.ndarray | None = None, *, stride: Any = 1, padding: str = "valid",
                 activation: str = "linear", alpha: float = 0.0, w_trainable: Any = True,
                 b_trainable: Any = True) -> None:
        super().__init__()
        if W.ndim != 4:
            raise ValueError(f"conv2d W must be [filters, channels, kh, kw], got shape {W.shape}")
        if padding not in PADDINGS:
            raise ValueError(f"conv2d padding must be 'valid' or 'same', got {padding!r}")
        if activation in ("prelu", "softmax"):
            raise ValueError(f"conv2d cannot fuse activation {activation!r}")
        self.kernel = (int(W.shape[2]), int(W.shape[3]))
        self.stride = pair(stride, "stride")
        self.padding = padding
        self.activation = activation
        self.alpha = alpha
        self._act_forward, self._act_backward = activations.functions(activation)
        self._linear = activation == "linear"
        self._stepwise = activation in ("step", "sign")
        self._has_bias = b is not None
        self.add_param("W", W, w_trainable, regularized=True)
        if b is not None:
            self.add_param("b", b, b_trainable)
        self.fused_output = False
        self.x: np.ndarray | None = None
        self.z: np.ndarray | None = None
        self.y: np.ndarray | None = None

    @property
    def filters(self) -> int:
        return int(self.params["W"].shape[0])

    def geometry(self, h: int, w: int) -> tuple[tuple[int, int], tuple[int, int, int, int]]:
        """((OH, OW), (top, bottom, left, right) padding) for an h × w input."""
        (kh, kw), (sh, sw) = self.kernel, self.stride
        if self.padding == "same":
            oh, top, bottom = same_padding(h, kh, sh)
            ow, left, right = same_padding(w, kw, sw)
            return (oh, ow), (top, bottom, left, right)
        return (valid_size(h, kh, sh), valid_size(w, kw, sw)), (0, 0, 0, 0)

    def output_shape(self, shape: tuple[int, int, int]) -> tuple[int, int, int]:
        """[F, OH, OW] for one sample's [C, H, W]."""
        (oh, ow), _ = self.geometry(shape[1], shape[2])
        return self.filters, oh, ow

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        W = self.params["W"]
        n, c, h, w = x.shape
        if c != W.shape[1]:
            raise ValueError(f"conv2d expects {W.shape[1]} input channels, got {c}")
        out, pad = self.geometry(h, w)
        # The batch axis goes last inside ([C, H, W, N]; see engine/im2col), padding on the way.
        top, bottom, left, right = pad
        xt = np.zeros((c, h + top + bottom, w + left + right, n), dtype=x.dtype) if any(pad) else \
            np.empty((c, h, w, n), dtype=x.dtype)
        xt[:, top:top + h, left:left + w] = x.transpose(1, 2, 3, 0)
        cols = im2col(xt, self.kernel, self.stride, out)               # [C·kh·kw, OH·OW·N]
        f = W.shape[0]
        zt = np.dot(W.reshape(f, -1), cols)                             # [F, OH·OW·N]: the one GEMM
        if self._has_bias:
            zt += self.params["b"].reshape(f, 1)
        yt = zt if self._linear else self._act_forward(zt, self.alpha)
        self._cache = (cols, zt, yt, xt.shape, out, pad)
        self.x = x
        self.z = zt.reshape(f, out[0], out[1], n).transpose(3, 0, 1, 2)
        self.y = np.ascontiguousarray(yt.reshape(f, out[0], out[1], n).transpose(3, 0, 1, 2))
        return self.y

    def preactivation(self) -> np.ndarray:
        return self.z

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        cols, zt, yt, padded_shape, out, pad = self._cache
        W = self.params["W"]
        f = W.shape[0]
        dyt = np.ascontiguousarray(dy.transpose(1, 2, 3, 0)).reshape(f, -1)   # [F, OH·OW·N] as zt
        if self.fused_output or self._linear or (self.straight_through and self._stepwise):
            dzt = dyt
        else:
            dzt, _ = self._act_backward(zt, yt, dyt, self.alpha)
        grads = self.grads
        np.dot(dzt, cols.T, out=grads["W"].reshape(f, -1))
        if self._has_bias:
            np.add.reduce(dzt, axis=1, out=grads["b"])
        if not self.need_input_grad:
            return None
        dcols = np.dot(W.reshape(f, -1).T, dzt)                         # [C·kh·kw, OH·OW·N]
        dxt = col2im(dcols, padded_shape, self.kernel, self.stride, out)
        top, bottom, left, right = pad
        return dxt[:, top:padded_shape[1] - bottom, left:padded_shape[2] - right].transpose(3, 0, 1, 2)
