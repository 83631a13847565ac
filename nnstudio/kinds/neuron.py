"""The `neuron` kind: one unit y = f(Σ wᵢxᵢ + b). Its incoming weights live on the edges, its bias
in params.b; compile joins the neurons at one depth into one masked dense op."""
from __future__ import annotations

import numpy as np

from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import (INIT_NAMES, INIT_SCALE, Field, Look, NodeKind, ParamSpec, Shape, ShapeError,
                                 activation_alpha, activation_fields, fmt_shape)
from nnstudio.kinds.torch_code import TorchCode, activation_code, linear_read


def _shape(config: dict, in_shape: Shape | None) -> Shape:
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    if len(in_shape) != 1:
        raise ShapeError(f"takes vectors, but receives {fmt_shape(in_shape)}; add a flatten node")
    if config["activation"] == "softmax":
        raise ShapeError("softmax needs several units: use a dense layer or an activation node")
    return (1,)


def _params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    specs = {"b": ParamSpec((), "config:bias", trainable_key="bias_trainable")}
    if config["activation"] == "prelu":
        specs["alpha"] = ParamSpec((), "config:alpha")
    return specs


def _trains(config: dict, edges_trainable: bool) -> bool:
    return edges_trainable or config["bias_trainable"] or config["activation"] == "prelu"


def _onnx(config: dict, in_shape: Shape, arrays: dict) -> onnx_parts.OnnxPart:
    """The neurons of one depth and activation, as compile joins them: arrays W (zero where no edge
    runs), b and, for prelu, alpha hold a column per neuron."""
    return onnx_parts.dense(arrays["W"], arrays["b"], config["activation"],
                            arrays.get("alpha", activation_alpha(config)))


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """A neuron group (the neurons at one depth with one activation) as a MaskedLinear: its
    arrays are the group's W [in, n], b [n], alpha [n] (prelu), and the masks `connected` (where
    an edge is) and `trainable` [in, n] and `bias_trainable` [n]."""
    n_in, n = (in_shape or (1,))[-1], out_shape[-1]
    module = f"MaskedLinear({n_in}, {n})"

    def weights(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = {"0.weight" if prelu else "weight": np.ascontiguousarray(np.asarray(arrays["W"]).T)}
        names = {"bias": np.asarray(arrays["b"]), "connected": np.asarray(arrays["connected"], float).T,
                 "weight_trainable": np.asarray(arrays["trainable"], float).T,
                 "bias_trainable": np.asarray(arrays["bias_trainable"], float)}
        out.update({("0." if prelu else "") + k: np.ascontiguousarray(v) for k, v in names.items()})
        if prelu:
            out["1.weight"] = np.asarray(arrays["alpha"], float).reshape(n)
        return out
    prelu = config["activation"] == "prelu"
    if prelu:
        return TorchCode(f"nn.Sequential({module}, PReLU({n}))", "{m}({x})", weights, regularized=("0.weight",),
                         helpers=("MaskedLinear", "PReLU"),
                         read=lambda state: {**linear_read(state, "0."), "alpha": state["1.weight"]})
    code, helpers = activation_code(config, "{m}({x})")
    return TorchCode(module, code, weights, regularized=("weight",), helpers=("MaskedLinear", *helpers),
                     read=linear_read)


KIND = NodeKind(
    "neuron", "Neuron", "One unit: y = f(Σ wᵢxᵢ + b). Its incoming weights live on the edges "
    "and its bias in params.b.", "neuron",
    (*activation_fields("sigmoid"),
     Field("init", "choice", "xavier_uniform", "How edge weights without a value start", INIT_NAMES,
           label="Initializer"),
     INIT_SCALE,
     Field("bias", "float", 0.0, "Starting bias when params.b is absent", label="Starting bias"),
     Field("bias_trainable", "bool", True, "Whether training updates the bias", label="Train bias")),
    None, _shape, _params,
    id_prefix="n",
    # On the canvas a neuron takes its activation's colour and glyph; this is the palette's.
    look=Look("#e0861e", "σ", icon="circle", small=True),
    probes=("output", "weights"),
    walkthrough=True,
    weighted_inputs=True,
    trains=_trains,
    onnx=_onnx,
    torch=_torch,
)
