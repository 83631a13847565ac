"""The `avgpool2d` kind: the mean of each pool_size window, per channel (valid windows). LeNet's
subsampling layers were averages."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import AvgPool2D, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Look, NodeKind, Shape, Streams, pool_detail, pool_fields, pool_geometry, pool_shape
from nnstudio.kinds.torch_code import TorchCode


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    size, stride = pool_geometry(config)
    return AvgPool2D(size, stride)


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    (ph, pw), (sh, sw) = pool_geometry(config)
    part = onnx_parts.OnnxPart()
    part.add("AveragePool", ["x"], ["y"], kernel_shape=[ph, pw], strides=[sh, sw], pads=[0, 0, 0, 0])  # valid windows
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.AvgPool2d over valid windows (no padding, rows past the last whole window left out)."""
    (ph, pw), (sh, sw) = pool_geometry(config)
    return TorchCode(f"nn.AvgPool2d(kernel_size=({ph}, {pw}), stride=({sh}, {sw}))", "{m}({x})")


KIND = NodeKind(
    "avgpool2d", "AvgPool2D", "Average pooling over [channels, height, width] images: each output is the mean "
    "of its pool_size window, channel by channel; rows and columns past the last whole window are "
    "left out.", "layer",
    pool_fields(), None, pool_shape,
    id_prefix="avgpool",
    onnx_ops=("AveragePool", "GlobalAveragePool"),
    look=Look("#4d7c0f", "Avg", icon="avg_pool", detail=lambda config: pool_detail("avg", config)),
    build=_build,
    onnx=_onnx,
    torch=_torch,
)
