"""The arithmetic of one output pixel of a convolution or a pooling window, with every number
(no Qt): what the convolution view shows, in the manner of CNN Explainer.

A conv2d output pixel (filter f, row i, column j) is the window of the (padded) input that the
kernel covers, multiplied element by element with the kernel, summed over channels and kernel
positions, plus the filter's bias, through the activation. A pooling output pixel is the largest
value of its window (the first one in row-major order on ties, as the engine routes gradients)
or the window's mean. The geometry is the engine's own (engine/im2col.py): "same" padding puts
the odd extra row and column at the bottom and right, as TensorFlow does; pooling windows are
always "valid". The tests check every number against the engine's Conv2D, MaxPool2D and
AvgPool2D outputs.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.im2col import pair, same_padding, valid_size
from nnstudio.engine.layers import AvgPool2D, Conv2D, MaxPool2D
from nnstudio.errors import ProjectError
from nnstudio.project.model import Project
from nnstudio.training.preview import runnable
from nnstudio.training.runner import TrainingRun


@dataclass(frozen=True)
class ConvGeometry:
    """Where the windows of a conv2d or pool lie on an h × w input."""
    kernel: tuple[int, int]
    stride: tuple[int, int]
    out: tuple[int, int]                       # (OH, OW)
    pad: tuple[int, int, int, int]             # (top, bottom, left, right) zero rows/columns

    def window_origin(self, i: int, j: int) -> tuple[int, int]:
        """The input row and column (unpadded coordinates; negative inside the padding) of the
        window's top-left cell for output position (i, j)."""
        if not (0 <= i < self.out[0] and 0 <= j < self.out[1]):
            raise IndexError(f"output position ({i}, {j}) is outside the {self.out[0]}×{self.out[1]} output")
        return i * self.stride[0] - self.pad[0], j * self.stride[1] - self.pad[2]


def geometry(h: int, w: int, kernel: Any, stride: Any = 1, padding: str = "valid") -> ConvGeometry:
    """The engine's geometry for an h × w input (Conv2D.geometry; pools use "valid")."""
    (kh, kw), (sh, sw) = pair(kernel, "kernel"), pair(stride, "stride")
    if padding == "same":
        oh, top, bottom = same_padding(h, kh, sh)
        ow, left, right = same_padding(w, kw, sw)
        return ConvGeometry((kh, kw), (sh, sw), (oh, ow), (top, bottom, left, right))
    if padding != "valid":
        raise ValueError(f"padding must be 'valid' or 'same', got {padding!r}")
    return ConvGeometry((kh, kw), (sh, sw), (valid_size(h, kh, sh), valid_size(w, kw, sw)), (0, 0, 0, 0))


def window(image: np.ndarray, geo: ConvGeometry, i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
    """(values [C, kh, kw], padding mask [kh, kw]) of the window for output (i, j) of `image`
    [C, H, W]: cells in the padding are 0 and marked True in the mask."""
    image = np.asarray(image, dtype=np.float64)
    geo.window_origin(i, j)                     # refuses a position outside the output
    top, bottom, left, right = geo.pad
    framed = np.pad(image, ((0, 0), (top, bottom), (left, right)))
    outside = np.pad(np.zeros(image.shape[1:], dtype=bool), ((top, bottom), (left, right)), constant_values=True)
    r, c = i * geo.stride[0], j * geo.stride[1]
    kh, kw = geo.kernel
    return framed[:, r:r + kh, c:c + kw].copy(), outside[r:r + kh, c:c + kw].copy()


@dataclass(frozen=True)
class ConvPixel:
    """One conv2d output pixel, step by step. Arrays are [C, kh, kw] (all input channels)."""
    filter: int
    position: tuple[int, int]          # (i, j) in the output map
    origin: tuple[int, int]            # the window's top-left input cell (negative in the padding)
    patch: np.ndarray                  # the input window, zeros in the padding
    padded: np.ndarray                 # [kh, kw] True where the window lies in the padding
    kernel: np.ndarray                 # W[filter]
    products: np.ndarray               # patch · kernel, element by element
    channel_sums: np.ndarray           # [C] the products summed per input channel
    total: float                       # Σ products
    bias: float
    z: float                           # total + bias
    activation: str
    output: float                      # activation(z)

    @property
    def terms(self) -> int:
        return int(self.products.size)


def conv_pixel(image: np.ndarray, W: np.ndarray, b: np.ndarray | None, f: int, i: int, j: int, *,
               stride: Any = 1, padding: str = "valid", activation: str = "linear",
               alpha: float = 0.0) -> ConvPixel:
    """Output pixel (f, i, j) of a conv2d on one sample `image` [C, H, W] with W [F, C, kh, kw]
    and b [F] (None: no bias). `alpha` is the activation's (kinds.activation_alpha)."""
    image, W = np.asarray(image, dtype=np.float64), np.asarray(W, dtype=np.float64)
    if image.ndim != 3 or W.ndim != 4 or W.shape[1] != image.shape[0]:
        raise ValueError(f"image [C, H, W] and W [F, C, kh, kw] must agree, got {image.shape} and {W.shape}")
    if not 0 <= f < W.shape[0]:
        raise IndexError(f"filter {f} is outside the {W.shape[0]} filters")
    geo = geometry(image.shape[1], image.shape[2], W.shape[2:], stride, padding)
    patch, padded = window(image, geo, i, j)
    kernel = W[f]
    products = patch * kernel
    channel_sums = products.reshape(len(products), -1).sum(axis=1)
    total = float(channel_sums.sum())
    bias = float(np.asarray(b, dtype=np.float64)[f]) if b is not None else 0.0
    z = total + bias
    out = float(activations.forward(activation, np.array([z]), alpha)[0])
    return ConvPixel(f, (i, j), geo.window_origin(i, j), patch, padded, kernel.copy(), products, channel_sums,
                     total, bias, z, activation, out)


@dataclass(frozen=True)
class PoolPixel:
    """One pooling output pixel: its window of one channel, and what it takes from it."""
    mode: str                          # "max" | "avg"
    channel: int
    position: tuple[int, int]
    origin: tuple[int, int]
    window: np.ndarray                 # [ph, pw]
    winner: tuple[int, int] | None     # max: the (row, column) in the window of the value taken
    total: float                       # avg: the window's sum (max: also given, for the text)
    output: float


def pool_pixel(image: np.ndarray, mode: str, c: int, i: int, j: int, *, pool_size: Any = 2,
               stride: Any = None) -> PoolPixel:
    """Output pixel (c, i, j) of max or average pooling on one sample `image` [C, H, W];
    `stride` defaults to `pool_size`. Max takes the first maximum in row-major order."""
    if mode not in ("max", "avg"):
        raise ValueError(f"pooling mode must be 'max' or 'avg', got {mode!r}")
    image = np.asarray(image, dtype=np.float64)
    if not 0 <= c < image.shape[0]:
        raise IndexError(f"channel {c} is outside the {image.shape[0]} channels")
    geo = geometry(image.shape[1], image.shape[2], pool_size, pool_size if stride is None else stride)
    values, _ = window(image[c:c + 1], geo, i, j)
    win = values[0]
    total = float(win.sum())
    if mode == "max":
        k = int(np.argmax(win))         # NumPy's argmax is the first maximum, row-major
        winner = (k // win.shape[1], k % win.shape[1])
        return PoolPixel(mode, c, (i, j), geo.window_origin(i, j), win, winner, total, float(win[winner]))
    return PoolPixel(mode, c, (i, j), geo.window_origin(i, j), win, None, total, total / win.size)


# --- one sample through a project's conv or pool node ---------------------------------------------
@dataclass(frozen=True)
class LayerCase:
    """What the convolution view explains: one node of a project for one sample, with the node's
    input image and output maps from a forward pass on the project's current weights."""
    node_id: str
    mode: str                          # "conv" | "max" | "avg"
    sample: int                        # dataset order, from 0
    samples: int                       # in the dataset
    image: np.ndarray                  # the node's input [C, H, W] for that sample
    output: np.ndarray                 # its output [F (conv) or C (pool), OH, OW]
    W: np.ndarray | None = None        # conv: [F, C, kh, kw]
    b: np.ndarray | None = None        # conv: [F], None without a bias
    kernel: tuple[int, int] = (1, 1)   # conv: (kh, kw); pool: pool_size
    stride: tuple[int, int] = (1, 1)
    padding: str = "valid"
    activation: str = "linear"
    alpha: float = 0.0

    def pixel(self, f: int, i: int, j: int) -> ConvPixel | PoolPixel:
        """Output pixel (filter or channel f, row i, column j), step by step."""
        if self.mode == "conv":
            return conv_pixel(self.image, self.W, self.b, f, i, j, stride=self.stride, padding=self.padding,
                              activation=self.activation, alpha=self.alpha)
        return pool_pixel(self.image, self.mode, f, i, j, pool_size=self.kernel, stride=self.stride)


def layer_case(project: Project, node_id: str, sample: int = 0) -> LayerCase | str:
    """`node_id` of `project` (a conv2d, maxpool2d or avgpool2d node) on dataset sample `sample`
    (clamped to the dataset), or a sentence saying why there is nothing to explain. Compiles a
    copy of the weights and loads the data: call it off the GUI thread."""
    runnable_project = runnable(project)
    if runnable_project is None:
        return "Connect the network and give it data to see its convolutions"
    try:
        run = TrainingRun(runnable_project)
    except ProjectError as exc:         # DataError too: a missing file, a CSV that no longer parses
        return f"The data cannot be read: {exc}"
    op = run.model.layer_ops.get(node_id)
    layer = run.model.layer(op) if op is not None else None
    if not isinstance(layer, (Conv2D, MaxPool2D, AvgPool2D)):
        return "Select a conv2d, maxpool2d or avgpool2d block to see how it computes an output pixel"
    data = run.all_samples()
    sample = min(max(int(sample), 0), len(data) - 1)
    run.model.network.forward(data.take(slice(sample, sample + 1)).inputs, training=False)
    image, output = np.array(layer.x[0], dtype=np.float64), np.array(layer.y[0], dtype=np.float64)
    if isinstance(layer, Conv2D):
        b = layer.params.get("b")
        return LayerCase(node_id, "conv", sample, len(data), image, output,
                         np.array(layer.params["W"], dtype=np.float64), None if b is None else np.array(b, dtype=np.float64),
                         layer.kernel, layer.stride, layer.padding, layer.activation, float(layer.alpha))
    mode = "max" if isinstance(layer, MaxPool2D) else "avg"
    return LayerCase(node_id, mode, sample, len(data), image, output, kernel=layer.pool_size, stride=layer.stride)
