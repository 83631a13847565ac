"""The `dropout` kind: zeroes values at random while training, passes them through otherwise."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import Dropout, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Field, Look, NodeKind, Shape, Streams, same_shape
from nnstudio.kinds.torch_code import TorchCode


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Dropout(config["rate"], streams("dropout"))


def _detail(config: dict) -> str:
    rate = config.get("rate", 0.5)
    return f"rate {rate:g}" if isinstance(rate, (int, float)) else "rate ?"


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    part = onnx_parts.OnnxPart()
    part.add("Identity", ["x"], ["y"])          # an exported network predicts: dropout passes values through
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.Dropout: the same inverted dropout while training, the identity otherwise."""
    return TorchCode(f"nn.Dropout({config['rate']!r})", "{m}({x})")


KIND = NodeKind(
    "dropout", "Dropout", "While training, zeroes each value with probability `rate` and scales "
    "the rest by 1/(1−rate); passes values through unchanged otherwise.", "layer",
    (Field("rate", "float", 0.5, "Probability of dropping a value", minimum=0.0, exclusive_max=1.0,
           label="Drop rate", step=0.05),),
    None, same_shape,
    id_prefix="drop",
    onnx_ops=("Dropout",),
    look=Look("#e11d48", "Dropout", icon="dropped", detail=_detail),
    build=_build,
    onnx=_onnx,
    torch=_torch,
)
