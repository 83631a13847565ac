"""The `maxpool2d` kind: the largest value of each pool_size window, per channel (valid windows)."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import Layer, MaxPool2D
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Look, NodeKind, Shape, Streams, pool_detail, pool_fields, pool_geometry, pool_shape
from nnstudio.kinds.torch_code import TorchCode


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    size, stride = pool_geometry(config)
    return MaxPool2D(size, stride)


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    (ph, pw), (sh, sw) = pool_geometry(config)
    part = onnx_parts.OnnxPart()
    part.add("MaxPool", ["x"], ["y"], kernel_shape=[ph, pw], strides=[sh, sw], pads=[0, 0, 0, 0])  # valid windows
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.MaxPool2d over valid windows (no padding, rows past the last whole window left out)."""
    (ph, pw), (sh, sw) = pool_geometry(config)
    return TorchCode(f"nn.MaxPool2d(kernel_size=({ph}, {pw}), stride=({sh}, {sw}))", "{m}({x})")


KIND = NodeKind(
    "maxpool2d", "MaxPool2D", "Max pooling over [channels, height, width] images: each output is the largest value "
    "of its pool_size window, channel by channel; rows and columns past the last whole window are "
    "left out.", "layer",
    pool_fields(), None, pool_shape,
    id_prefix="maxpool",
    onnx_ops=("MaxPool", "GlobalMaxPool"),
    look=Look("#a16207", "Max", icon="max_pool", detail=lambda config: pool_detail("max", config)),
    build=_build,
    onnx=_onnx,
    torch=_torch,
)
