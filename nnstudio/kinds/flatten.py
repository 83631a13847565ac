"""The `flatten` kind: reshapes any input into one vector."""
from __future__ import annotations

import math

import numpy as np

from nnstudio.engine.layers import Flatten, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Look, NodeKind, Shape, Streams, needs_input
from nnstudio.kinds.torch_code import TorchCode


def _shape(config: dict, in_shape: Shape | None) -> Shape:
    return (math.prod(needs_input(in_shape)),)


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Flatten()


def _detail(config: dict) -> str:
    return "Reshapes any input into one vector"


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    part = onnx_parts.OnnxPart()
    part.add("Flatten", ["x"], ["y"], axis=1)   # [N, C, H, W] → [N, C·H·W] in C, H, W order, as the engine
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """Row-major, as NumPy's reshape: channel, then row, then column."""
    return TorchCode("", "{x}.flatten(1)")


KIND = NodeKind(
    "flatten", "Flatten", "Reshapes any input into one vector.", "layer", (), None, _shape,
    id_prefix="flat",
    onnx_ops=("Flatten", "Reshape"),
    look=Look("#0d9488", "Flatten", icon="flatten", detail=_detail),
    build=_build,
    onnx=_onnx,
    torch=_torch,
)
