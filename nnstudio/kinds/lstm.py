"""The `lstm` kind: a long short-term memory layer over a [time, features] sequence.

Gates in PyTorch's order i, f, g, o, each a block of `units` columns of Wx [features, 4·units],
Wh [units, 4·units] and the one bias b [4·units] (PyTorch's b_ih + b_hh):
i, f, o = σ(x_t·Wx + h_{t−1}·Wh + b), g = tanh(…), c_t = f·c_{t−1} + i·g, h_t = o·tanh(c_t).
Shape rule, starting values and detail line are the recurrent kinds' (see rnn.py).
"""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import LSTM, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Look, NodeKind, Shape, Streams
from nnstudio.kinds.rnn import RETURN_SEQUENCES, UNITS, always_trains, recurrent_params, sequence_detail, sequence_shape
from nnstudio.kinds.torch_code import TorchCode, recurrent_code


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return LSTM(arrays["Wx"], arrays["Wh"], arrays["b"], config["return_sequences"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    # The engine's gates i, f, g, o in ONNX's order i, o, f, c; its one bias b as ONNX's Wb (Rb zero).
    return onnx_parts.recurrent("LSTM", arrays["Wx"], arrays["Wh"], arrays["b"], np.zeros_like(arrays["b"]),
                                [0, 3, 1, 2], config["return_sequences"])


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.LSTM, batch first, gates i, f, g, o as here; the one bias b is torch's bias_ih (bias_hh starts at 0)."""
    module = f"nn.LSTM({(in_shape or (1,))[-1]}, {config['units']}, batch_first=True)"
    return recurrent_code(module, config, ("b",))


KIND = NodeKind(
    "lstm", "LSTM",
    "A long short-term memory layer over a [time, features] sequence: input, forget and output "
    "gates decide what the cell state c keeps, so it can remember over many steps; outputs the "
    "last h, or every h_t with return_sequences.", "layer",
    (UNITS, RETURN_SEQUENCES),
    None, sequence_shape("lstm"), recurrent_params(4, ("b",)),
    id_prefix="lstm",
    onnx_ops=("LSTM",),
    look=Look("#be185d", "LSTM", detail=sequence_detail),
    build=_build,
    probes=("output", "weights"),
    trains=always_trains,
    onnx=_onnx,
    torch=_torch,
)
