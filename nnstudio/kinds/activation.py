"""The `activation` kind: a function applied element by element (softmax: over the last axis)."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import Activation, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import (Look, NodeKind, ParamSpec, Shape, Streams, activation_alpha, activation_fields,
                                 same_shape)
from nnstudio.kinds.torch_code import TorchCode, activation_code


def _params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    if config["activation"] != "prelu":
        return {}
    return {"alpha": ParamSpec((in_shape[-1] if in_shape else 1,), "config:alpha")}


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Activation(config["activation"], arrays.get("alpha", activation_alpha(config)))


def _detail(config: dict) -> str:
    return str(config.get("activation", "relu"))


def _trains(config: dict, edges_trainable: bool) -> bool:
    return config["activation"] == "prelu"      # prelu's learned slope


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    part = onnx_parts.OnnxPart()
    onnx_parts.activation(part, config["activation"], arrays.get("alpha", activation_alpha(config)), "x")
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """An expression on its input; prelu a PReLU module (a learned slope per last-axis value)."""
    if config["activation"] == "prelu":
        return TorchCode(f"PReLU({out_shape[-1]})", "{m}({x})", lambda arrays: {"weight": np.asarray(arrays["alpha"])},
                         helpers=("PReLU",), read=lambda state: {"alpha": state["weight"]})
    code, helpers = activation_code(config, "{x}")
    return TorchCode("", code, helpers=helpers)


KIND = NodeKind(
    "activation", "Activation", "Applies a function element by element (softmax: over the last axis).",
    "layer", activation_fields("relu"), None, same_shape, _params,
    id_prefix="act",
    onnx_ops=("Relu", "Sigmoid", "Tanh", "LeakyRelu", "Elu", "PRelu", "Softmax"),
    look=Look("#d97706", "Activation", icon="curve", detail=_detail),
    build=_build,
    trains=_trains,
    onnx=_onnx,
    torch=_torch,
)
