"""The `scale` kind: multiplies every value by one learned factor, y = a·x.

A test-only kind: this file is exactly what nnstudio/kinds/scale.py would hold, its engine layer
included. tests/kinds/test_toy_kind.py registers its KIND; tests/kinds/test_one_module_one_line.py
copies it into a copy of the package as kinds/scale.py and adds the one line "scale" to the
allowlist there.
"""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import Layer
from nnstudio.kinds.base import Field, Look, NodeKind, ParamSpec, Shape, Streams, same_shape
from nnstudio.kinds.onnx_parts import OnnxPart
from nnstudio.kinds.torch_code import TorchCode


class Scale(Layer):
    """y = a·x with one learned factor a."""

    def __init__(self, a: np.ndarray, trainable: bool = True) -> None:
        super().__init__()
        self.add_param("a", a, trainable)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        self._cache = x
        return x * self.params["a"]

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        x = self._cache
        self.grads["a"][...] = np.sum(dy * x)
        return dy * self.params["a"] if self.need_input_grad else None


def _params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    return {"a": ParamSpec((1,), "config:start", trainable_key="trainable")}


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Scale(arrays["a"], config["trainable"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> OnnxPart:
    part = OnnxPart(initializers={"a": arrays["a"]})
    part.add("Mul", ["x", "a"], ["y"])
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    return TorchCode('nn.ParameterDict({"a": nn.Parameter(torch.ones(1))})', '{x} * {m}["a"]',
                     lambda arrays: {"a": arrays["a"]}, frozen=() if config["trainable"] else ("a",),
                     read=lambda state: {"a": state["a"]})


KIND = NodeKind(
    "scale", "Scale", "Multiplies every value by one learned factor: y = a·x.", "layer",
    (Field("start", "float", 1.0, "Starting a when params.a is absent"),
     Field("trainable", "bool", True, "Whether training updates a")),
    None, same_shape, _params,
    id_prefix="scale",
    look=Look("#9333ea", "Scale", detail=lambda config: f"a from {config.get('start', 1.0):g}"),
    build=_build,
    trains=lambda config, edges_trainable: config["trainable"],
    onnx=_onnx,
    torch=_torch,
)
