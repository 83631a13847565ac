"""The `onnx` facet's vocabulary: how a kind says, as plain data, what ONNX nodes compute a node of it.
(A package, not a module beside the kinds: kinds/ holds one module per kind and base.py only.)

A kind's facet is `onnx(config, in_shape, arrays) -> OnnxPart`: `config` is the checked config,
`in_shape` the node's input shape without the batch axis, `arrays` its parameters (the trained
ones, float64; a neuron group's W, b and alpha). The part's nodes are (op_type, inputs, outputs,
attributes) tuples over local tensor names: "x" is the node's input (its incoming edges joined,
batch axis first, as the engine runs it), "y" its output; every other name is the node's own
(export/onnx_export.py prefixes it with the node id) and names an initializer or an earlier
output. "" stands for an optional input or output left out. Attributes are ints, floats,
strings or lists of them. Initializers are NumPy arrays: floating ones are written as float32
(onnxruntime runs Conv, pooling and the recurrent ops in float32 only), integer ones as int64.

No onnx import here: kinds stay plain data (the exporter turns parts into protos).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

ONNX_FLOAT = 1          # TensorProto.FLOAT, the `to` of a Cast


@dataclass
class OnnxPart:
    nodes: list[tuple[str, list[str], list[str], dict]] = field(default_factory=list)
    initializers: dict[str, np.ndarray] = field(default_factory=dict)

    def add(self, op: str, inputs: list[str], outputs: list[str], **attrs) -> None:
        self.nodes.append((op, list(inputs), list(outputs), attrs))


# Activations that are one ONNX operator without parameters.
_PLAIN = {"linear": "Identity", "sigmoid": "Sigmoid", "tanh": "Tanh", "relu": "Relu"}


def activation(part: OnnxPart, name: str, alpha, src: str = "z", dst: str = "y") -> None:
    """Append to `part` what computes engine/activations.py's `name` from `src` into `dst`."""
    if name in _PLAIN:
        part.add(_PLAIN[name], [src], [dst])
    elif name == "leaky_relu":                  # z if z ≥ 0 else alpha·z (the same at 0 either way)
        part.add("LeakyRelu", [src], [dst], alpha=float(np.asarray(alpha)))
    elif name == "elu":                         # z if z > 0 else alpha·(e^z − 1)
        part.add("Elu", [src], [dst], alpha=float(np.asarray(alpha)))
    elif name == "prelu":                       # a slope per unit of the last axis
        part.initializers["slope"] = np.asarray(alpha, dtype=np.float64).reshape(-1)
        part.add("PRelu", [src, "slope"], [dst])
    elif name == "softmax":
        part.add("Softmax", [src], [dst], axis=-1)
    elif name in ("step", "sign"):
        # 1 if z ≥ 0 (also at 0, where ONNX's Sign gives 0), else 0 (step) or −1 (sign).
        part.initializers["zero"] = np.zeros(())
        part.add("GreaterOrEqual", [src, "zero"], ["at_least_zero"])
        if name == "step":
            part.add("Cast", ["at_least_zero"], [dst], to=ONNX_FLOAT)
        else:
            part.initializers["plus_one"] = np.ones(())
            part.initializers["minus_one"] = -np.ones(())
            part.add("Where", ["at_least_zero", "plus_one", "minus_one"], [dst])
    else:
        raise ValueError(f"no ONNX form for the activation {name!r}")


def dense(W: np.ndarray, b: np.ndarray | None, act: str, alpha) -> OnnxPart:
    """y = act(x·W + b) for x of any rank (MatMul then Add: W applies to the last axis)."""
    part = OnnxPart(initializers={"W": np.asarray(W)})
    plain = act == "linear"
    part.add("MatMul", ["x", "W"], ["y" if plain and b is None else "xW"])
    if b is not None:
        part.initializers["b"] = np.asarray(b)
        part.add("Add", ["xW", "b"], ["y" if plain else "z"])
    if not plain:
        activation(part, act, alpha, "z" if b is not None else "xW")
    return part


def recurrent(op: str, Wx: np.ndarray, Wh: np.ndarray, bx: np.ndarray, bh: np.ndarray, order: list[int],
              return_sequences: bool, **attrs) -> OnnxPart:
    """An ONNX RNN, LSTM or GRU over the engine's [batch, time, features] input.

    Wx [D, G·u], Wh [u, G·u] and the biases [G·u] are the engine's, gate blocks in its order;
    `order` lists the engine's blocks in ONNX's gate order. ONNX wants W [1, G·u, D] and
    R [1, G·u, u] (transposed), B [1, 2·G·u] (input biases, then recurrent ones), and time first:
    the input is transposed to [time, batch, features], and the output is every step
    ([batch, time, units] again) or the last hidden state ([batch, units])."""
    u = Wh.shape[0]

    def blocks(a: np.ndarray) -> np.ndarray:
        return np.concatenate([a[..., k * u:(k + 1) * u] for k in order], axis=-1)

    part = OnnxPart(initializers={
        "W": blocks(np.asarray(Wx)).T[None], "R": blocks(np.asarray(Wh)).T[None],
        "B": np.concatenate([blocks(np.asarray(bx)), blocks(np.asarray(bh))])[None]})
    part.add("Transpose", ["x"], ["x_time_major"], perm=[1, 0, 2])
    part.add(op, ["x_time_major", "W", "R", "B"], ["Y", ""] if return_sequences else ["", "Y_h"],
             hidden_size=int(u), **attrs)
    if return_sequences:
        part.initializers["axis1"] = np.array([1], dtype=np.int64)
        part.add("Squeeze", ["Y", "axis1"], ["Y_steps"])             # [time, 1, batch, u] → [time, batch, u]
        part.add("Transpose", ["Y_steps"], ["y"], perm=[1, 0, 2])
    else:
        part.initializers["axis0"] = np.array([0], dtype=np.int64)
        part.add("Squeeze", ["Y_h", "axis0"], ["y"])                 # [1, batch, u] → [batch, u]
    return part
