"""The `gru` kind: a gated recurrent unit layer over a [time, features] sequence.

Gates r, z, n, each a block of `units` columns of Wx [features, 3·units], Wh [units, 3·units],
bx and bh [3·units], computed as PyTorch does: r = σ(x·Wx_r + bx_r + h·Wh_r + bh_r), z likewise,
n = tanh(x·Wx_n + bx_n + r·(h·Wh_n + bh_n)), h_t = (1 − z)·n + z·h_{t−1}.
Shape rule, starting values and detail line are the recurrent kinds' (see rnn.py).
"""
from __future__ import annotations

import numpy as np

from nnstudio.engine.layers import GRU, Layer
from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Look, NodeKind, Shape, Streams
from nnstudio.kinds.rnn import RETURN_SEQUENCES, UNITS, always_trains, recurrent_params, sequence_detail, sequence_shape
from nnstudio.kinds.torch_code import TorchCode, recurrent_code


def _build(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray], streams: Streams) -> Layer:
    return GRU(arrays["Wx"], arrays["Wh"], arrays["bx"], arrays["bh"], config["return_sequences"])


def _onnx(config: dict, in_shape: Shape, arrays: dict[str, np.ndarray]) -> onnx_parts.OnnxPart:
    # The engine's gates r, z, n in ONNX's order z, r, h; linear_before_reset=1 is PyTorch's formula
    # n = tanh(x·Wx_n + bx_n + r·(h·Wh_n + bh_n)), the engine's.
    return onnx_parts.recurrent("GRU", arrays["Wx"], arrays["Wh"], arrays["bx"], arrays["bh"], [1, 0, 2],
                                config["return_sequences"], linear_before_reset=1)


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """nn.GRU, batch first, gates r, z, n and biases bx, bh exactly as torch's bias_ih, bias_hh."""
    module = f"nn.GRU({(in_shape or (1,))[-1]}, {config['units']}, batch_first=True)"
    return recurrent_code(module, config, ("bx", "bh"))


KIND = NodeKind(
    "gru", "GRU",
    "A gated recurrent unit layer over a [time, features] sequence: a reset gate r and an update "
    "gate z decide how much of the hidden state h to keep at each step (PyTorch's formula); "
    "outputs the last h, or every h_t with return_sequences.", "layer",
    (UNITS, RETURN_SEQUENCES),
    None, sequence_shape("gru"), recurrent_params(3, ("bx", "bh")),
    id_prefix="gru",
    onnx_ops=("GRU",),
    look=Look("#0369a1", "GRU", detail=sequence_detail),
    build=_build,
    probes=("output", "weights"),
    trains=always_trains,
    onnx=_onnx,
    torch=_torch,
)
