"""The `rnn` kind: a plain (Elman) recurrent layer h_t = act(x_t·Wx + h_{t−1}·Wh + b) over a
[time, features] sequence, and what the `lstm` and `gru` kinds share with it.

Every recurrent kind takes a sequence [time, features] and gives its last hidden state [units],
or with `return_sequences` every one, [time, units] (a dense node after it then acts per step).
Its arrays have `gates·units` columns, one block of `units` per gate (rnn 1, gru 3, lstm 4).

Starting values when `params` lacks them: Wx is xavier_uniform with the fans of one gate's block
(features in, units out), as if each gate were a dense layer of its own; Wh is xavier_uniform
over [units, units] per gate, bound √(3/units), which keeps h·Wh of the order of h at the start;
biases start at zero (the LSTM's forget gate too: it then starts half open, σ(0) = ½, as in
PyTorch, whose layers these match array for array).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from nnstudio.engine.layers import RNN, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Field, Look, NodeKind, ParamSpec, Shape, ShapeError, Streams, fmt_shape, needs_input
from nnstudio.kinds.torch_code import TorchCode, recurrent_code

UNITS = Field("units", "int", 16, "Size of the hidden state h", minimum=1, maximum=100_000, label="Units")
RETURN_SEQUENCES = Field("return_sequences", "bool", False, "Output the hidden state of every time step "
                         "([time, units]) instead of the last one ([units])", label="Return sequences")


def sequence_shape(kind_name: str) -> Callable[[dict, Shape | None], Shape]:
    """The shape rule of a recurrent kind: [time, features] in, [units] or [time, units] out."""
    def rule(config: dict, in_shape: Shape | None) -> Shape:
        shape = needs_input(in_shape)
        if len(shape) != 2:
            hint = (f": give the input node a shape like [{shape[0]}, 1] (time steps, features)"
                    if len(shape) == 1 else "")
            raise ShapeError(f"needs a [time, features] input, but receives {fmt_shape(shape)}{hint}")
        units = config["units"]
        return (shape[0], units) if config["return_sequences"] else (units,)
    rule.__doc__ = f"{kind_name}: [time, features] → [units], or [time, units] with return_sequences."
    return rule


def recurrent_params(gates: int, biases: tuple[str, ...]) -> Callable[[dict, Shape | None], dict[str, ParamSpec]]:
    """The param specs of a recurrent kind with `gates` blocks of units: Wx, Wh and `biases`."""
    def specs(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
        features = in_shape[-1] if in_shape else 1
        u = config["units"]
        out = {"Wx": ParamSpec((features, gates * u), "xavier_uniform", features, u, regularized=True),
               "Wh": ParamSpec((u, gates * u), "xavier_uniform", u, u, regularized=True)}
        for name in biases:
            out[name] = ParamSpec((gates * u,), "zeros")
        return out
    return specs


def sequence_detail(config: dict) -> str:
    """'32 units · seq' (every step out) or '32 units · last' (the last step), then rnn's activation."""
    units = config.get("units", "?")
    parts = [f"{units} unit{'' if units == 1 else 's'}", "seq" if config.get("return_sequences") else "last"]
    if "activation" in config:
        parts.append(str(config["activation"]))
    return " · ".join(parts)


def always_trains(config: dict, edges_trainable: bool) -> bool:
    return True


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return RNN(arrays["Wx"], arrays["Wh"], arrays["b"], config["activation"], config["return_sequences"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    act = {"tanh": "Tanh", "relu": "Relu"}[config["activation"]]
    return onnx_parts.recurrent("RNN", arrays["Wx"], arrays["Wh"], arrays["b"], np.zeros_like(arrays["b"]), [0],
                                config["return_sequences"], activations=[act])


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.RNN, batch first; the one bias b is torch's bias_ih (bias_hh starts at 0)."""
    module = f"nn.RNN({needs_input(in_shape)[-1]}, {config['units']}, nonlinearity={config['activation']!r}, batch_first=True)"
    return recurrent_code(module, config, ("b",))


KIND = NodeKind(
    "rnn", "Simple RNN",
    "A plain recurrent layer over a [time, features] sequence: h_t = act(x_t·Wx + h_{t−1}·Wh + b), "
    "from h_0 = 0; outputs the last h, or every h_t with return_sequences.", "layer",
    (UNITS,
     Field("activation", "choice", "tanh", "Function applied at every step", ("tanh", "relu"), label="Activation"),
     RETURN_SEQUENCES),
    None, sequence_shape("rnn"), recurrent_params(1, ("b",)),
    id_prefix="rnn",
    onnx_ops=("RNN",),
    look=Look("#7c3aed", "RNN", detail=sequence_detail),
    build=_build,
    probes=("output", "weights"),
    trains=always_trains,
    onnx=_onnx,
    torch=_torch,
)
