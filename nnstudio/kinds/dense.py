"""The `dense` kind: a fully connected layer y = f(x·W + b), W of shape [in, units]."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import Dense, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import (INIT_NAMES, INIT_SCALE, Field, Look, NodeKind, ParamSpec, Shape, Streams,
                                 activation_alpha, activation_fields, needs_input)
from nnstudio.kinds.torch_code import TorchCode, activation_code, linear_read, linear_weights


def _shape(config: dict, in_shape: Shape | None) -> Shape:
    return tuple(needs_input(in_shape)[:-1]) + (config["units"],)


def _params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    n_in = in_shape[-1] if in_shape else 1
    units = config["units"]
    specs = {"W": ParamSpec((n_in, units), config["init"], n_in, units, regularized=True,
                            trainable_key="trainable", scale=config["init_scale"])}
    if config["use_bias"]:
        specs["b"] = ParamSpec((units,), "zeros", trainable_key="bias_trainable")
    if config["activation"] == "prelu":
        specs["alpha"] = ParamSpec((units,), "config:alpha", trainable_key="trainable")
    return specs


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Dense(arrays["W"], arrays.get("b"), config["activation"], arrays.get("alpha", activation_alpha(config)),
                 w_trainable=config["trainable"], b_trainable=config["bias_trainable"],
                 alpha_trainable=config["trainable"])


def _detail(config: dict) -> str:
    units = config.get("units", "?")
    return f"{units} unit{'' if units == 1 else 's'} · {config.get('activation', 'linear')}"


def _trains(config: dict, edges_trainable: bool) -> bool:
    return config["trainable"] or (config["use_bias"] and config["bias_trainable"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    return onnx_parts.dense(arrays["W"], arrays.get("b"), config["activation"],
                            arrays.get("alpha", activation_alpha(config)))


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.Linear (on the last axis, so per time step of a sequence), then the activation."""
    n_in, units = (in_shape or (1,))[-1], config["units"]
    linear = f"nn.Linear({n_in}, {units}{'' if config['use_bias'] else ', bias=False'})"
    frozen = (("weight",) if not config["trainable"] else ()) + (
        ("bias",) if config["use_bias"] and not config["bias_trainable"] else ())
    if config["activation"] == "prelu":
        def weights(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
            return {**linear_weights(arrays, "0."), "1.weight": np.asarray(arrays["alpha"])}
        return TorchCode(f"nn.Sequential({linear}, PReLU({units}))", "{m}({x})", weights,
                         tuple("0." + k for k in frozen) + (() if config["trainable"] else ("1.weight",)),
                         ("0.weight",), ("PReLU",), lambda state: {**linear_read(state, "0."), "alpha": state["1.weight"]})
    code, helpers = activation_code(config, "{m}({x})")
    return TorchCode(linear, code, linear_weights, frozen, ("weight",), helpers, linear_read)


KIND = NodeKind(
    "dense", "Dense layer", "A fully connected layer: y = f(x·W + b), W of shape [in, units].", "layer",
    (Field("units", "int", 4, "Number of units", minimum=1, maximum=100_000, label="Units"),
     *activation_fields("linear"),
     Field("init", "choice", "xavier_uniform", "How W starts when params.W is absent", INIT_NAMES, label="Initializer"),
     INIT_SCALE,
     Field("use_bias", "bool", True, "Whether the layer adds a bias b", label="Use a bias"),
     Field("trainable", "bool", True, "Whether training updates W (and alpha)", label="Train weights"),
     Field("bias_trainable", "bool", True, "Whether training updates b", label="Train bias")),
    None, _shape, _params,
    id_prefix="dense",
    onnx_ops=("Gemm", "MatMul"),
    look=Look("#4f46e5", "Dense", icon="bars", detail=_detail),
    build=_build,
    probes=("output", "weights"),
    output_units="units",
    trains=_trains,
    onnx=_onnx,
    torch=_torch,
)
