"""The `conv2d` kind: a 2-D convolution y = f(W ⊛ x + b) over [channels, height, width] images,
W of shape [filters, in_channels, kh, kw] (the engine's Conv2D; padding "same" as TensorFlow)."""
from __future__ import annotations

import numpy as np

from nnstudio.engine.im2col import same_padding, valid_size
from nnstudio.engine.layers import Conv2D, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import (ACTIVATION_NAMES, INIT_NAMES, INIT_SCALE, Field, Look, NodeKind, ParamSpec, Shape,
                                 ShapeError, Streams, activation_alpha, as_pair, fmt_pair, needs_image)
from nnstudio.kinds.torch_code import TorchCode, activation_code

# prelu (a slope per unit) and softmax (across units) are not elementwise per channel: the layer refuses them.
CONV_ACTIVATIONS = tuple(a for a in ACTIVATION_NAMES if a not in ("prelu", "softmax"))
MAX_KERNEL = 1024


def output_size(size: int, kernel: int, stride: int, padding: str) -> int:
    """Output rows (or columns) of a convolution along one axis, as the engine computes them."""
    if padding == "same":
        return same_padding(size, kernel, stride)[0]
    return valid_size(size, kernel, stride)


def _shape(config: dict, in_shape: Shape | None) -> Shape:
    _, h, w = needs_image(in_shape)
    (kh, kw), (sh, sw) = as_pair(config["kernel_size"]), as_pair(config["stride"])
    if config["padding"] == "valid" and (kh > h or kw > w):
        raise ShapeError(f"kernel {kh}×{kw} is larger than its {h}×{w} input: make it smaller, or pad "
                         f"with padding \"same\"")
    return config["filters"], output_size(h, kh, sh, config["padding"]), output_size(w, kw, sw, config["padding"])


def _params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    channels = in_shape[0] if in_shape and len(in_shape) == 3 else 1
    filters, (kh, kw) = config["filters"], as_pair(config["kernel_size"])
    # Each output value sums channels·kh·kw inputs; each input reaches filters·kh·kw outputs
    # (PyTorch's and Keras's fans for a convolution).
    specs = {"W": ParamSpec((filters, channels, kh, kw), config["init"], channels * kh * kw, filters * kh * kw,
                            regularized=True, trainable_key="trainable", scale=config["init_scale"])}
    if config["use_bias"]:
        specs["b"] = ParamSpec((filters,), "zeros", trainable_key="bias_trainable")
    return specs


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return Conv2D(arrays["W"], arrays.get("b"), stride=as_pair(config["stride"]), padding=config["padding"],
                  activation=config["activation"], alpha=activation_alpha(config),
                  w_trainable=config["trainable"], b_trainable=config["bias_trainable"])


def _detail(config: dict) -> str:
    filters = config.get("filters", "?")
    text = f"{filters} filter{'' if filters == 1 else 's'} {fmt_pair(config.get('kernel_size', 3))}"
    if config.get("stride", 1) not in (1, [1, 1]):
        text += f" stride {fmt_pair(config.get('stride'))}"
    if config.get("padding") == "same":
        text += " same"
    return f"{text} · {config.get('activation', 'relu')}"


def _trains(config: dict, edges_trainable: bool) -> bool:
    return config["trainable"] or (config["use_bias"] and config["bias_trainable"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    """Conv with explicit pads: "same" splits them as the engine does (the extra row and column at
    the bottom and right), which ONNX's auto_pad SAME_UPPER also would, but pads say it plainly."""
    (kh, kw), (sh, sw) = as_pair(config["kernel_size"]), as_pair(config["stride"])
    pads = [0, 0, 0, 0]
    if config["padding"] == "same":
        _, top, bottom = same_padding(in_shape[1], kh, sh)
        _, left, right = same_padding(in_shape[2], kw, sw)
        pads = [top, left, bottom, right]
    part = onnx_parts.OnnxPart(initializers={"W": arrays["W"]})
    inputs = ["x", "W"]
    if "b" in arrays:
        part.initializers["b"] = arrays["b"]
        inputs.append("b")
    plain = config["activation"] == "linear"
    part.add("Conv", inputs, ["y" if plain else "z"], kernel_shape=[kh, kw], strides=[sh, sw], pads=pads,
             dilations=[1, 1], group=1)
    if not plain:
        onnx_parts.activation(part, config["activation"], activation_alpha(config))
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.Conv2d (the same W layout [filters, channels, kh, kw]); padding "same" as an explicit
    F.pad, the extra row and column at the bottom and right as TensorFlow (and the engine) put them."""
    channels, h, w = needs_image(in_shape)
    (kh, kw), (sh, sw) = as_pair(config["kernel_size"]), as_pair(config["stride"])
    module = (f"nn.Conv2d({channels}, {config['filters']}, kernel_size=({kh}, {kw}), stride=({sh}, {sw})"
              f"{'' if config['use_bias'] else ', bias=False'})")
    x = "{x}"
    if config["padding"] == "same":
        _, top, bottom = same_padding(h, kh, sh)
        _, left, right = same_padding(w, kw, sw)
        if top or bottom or left or right:
            x = f"F.pad({{x}}, ({left}, {right}, {top}, {bottom}))"
    code, helpers = activation_code(config, f"{{m}}({x})")

    def weights(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        return {"weight": np.asarray(arrays["W"]), **({"bias": np.asarray(arrays["b"])} if "b" in arrays else {})}
    frozen = (("weight",) if not config["trainable"] else ()) + (
        ("bias",) if config["use_bias"] and not config["bias_trainable"] else ())
    return TorchCode(module, code, weights, frozen, ("weight",), helpers,
                     lambda state: {"W": state["weight"], **({"b": state["bias"]} if "bias" in state else {})})


KIND = NodeKind(
    "conv2d", "Conv2D", "A 2-D convolution over [channels, height, width] images: each filter, a kernel "
    "[in_channels, kh, kw], slides over the input and gives one output channel; y = f(W ⊛ x + b).", "layer",
    (Field("filters", "int", 8, "Number of filters: the output's channels", minimum=1, maximum=4096, label="Filters"),
     Field("kernel_size", "pair", 3, "Kernel height and width: 3 or [3, 5]", maximum=MAX_KERNEL, label="Kernel size"),
     Field("stride", "pair", 1, "Step between windows, rows and columns: 1 or [2, 1]", maximum=MAX_KERNEL,
           label="Stride"),
     Field("padding", "choice", "valid", "valid: only windows that fit (the output shrinks); same: zero padding so "
           "that the output is ceil(input / stride), the extra row or column at the bottom/right",
           ("valid", "same"), label="Padding"),
     Field("activation", "choice", "relu", "Function applied to each weighted sum (elementwise)", CONV_ACTIVATIONS,
           label="Activation"),
     Field("alpha", "float", 0.0, "Slope for leaky_relu (0 means 0.01), scale for elu (0 means 1)"),
     Field("init", "choice", "xavier_uniform", "How W starts when params.W is absent (fan-in channels·kh·kw, "
           "fan-out filters·kh·kw)", INIT_NAMES, label="Initializer"),
     INIT_SCALE,
     Field("use_bias", "bool", True, "Whether each filter adds a bias b", label="Use a bias"),
     Field("trainable", "bool", True, "Whether training updates W", label="Train weights"),
     Field("bias_trainable", "bool", True, "Whether training updates b", label="Train bias")),
    None, _shape, _params,
    id_prefix="conv",
    onnx_ops=("Conv",),
    look=Look("#c2410c", "Conv", icon="kernel", detail=_detail),
    build=_build,
    probes=("output", "weights"),
    trains=_trains,
    onnx=_onnx,
    torch=_torch,
)
