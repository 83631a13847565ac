"""What the `torch` facet of a kind returns: how one node is written in an exported PyTorch script
(nnstudio/export/torch_script.py writes the script). Plain data and code text: nothing here, nor in
any kind module, imports torch.

A kind's facet is `torch(config, in_shape, out_shape) -> TorchCode`, shapes without the batch axis.
The neuron kind's facet is called once per neuron group (the neurons at one depth with one
activation, compiled into one masked dense op) with the group's activation config, its input
width and its number of neurons.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from nnstudio.kinds.base import activation_alpha

# The torch expression of each activation, `{z}` standing for the pre-activation and `{alpha}`
# for its slope or scale. prelu has a learned slope: a kind writes it as a PReLU module instead.
ACTIVATION_CODE = {
    "linear": "{z}",
    "sigmoid": "torch.sigmoid({z})",
    "tanh": "torch.tanh({z})",
    "relu": "torch.relu({z})",
    "leaky_relu": "F.leaky_relu({z}, {alpha})",
    "elu": "F.elu({z}, {alpha})",
    "softmax": "torch.softmax({z}, dim=-1)",
    "step": "step({z})",
    "sign": "sign({z})",
}

# Helper definitions a script may need, by name; TorchCode.helpers names the ones a node uses.
HELPERS = {
    "step": '''def step(z):
    """1 where z >= 0, else 0. Its gradient is 0, as in nnstudio (+ 0·z keeps the weights before it
    in the graph); under the perceptron rule errors pass straight through it, as nnstudio's do."""
    y = (z >= 0).to(z.dtype)
    return z + (y - z).detach() if STRAIGHT_THROUGH else y + 0 * z''',
    "sign": '''def sign(z):
    """1 where z >= 0, else -1. Its gradient is 0, as in nnstudio (+ 0·z keeps the weights before it
    in the graph); under the perceptron rule errors pass straight through it, as nnstudio's do."""
    y = torch.where(z >= 0, torch.ones_like(z), -torch.ones_like(z))
    return z + (y - z).detach() if STRAIGHT_THROUGH else y + 0 * z''',
    "PReLU": '''class PReLU(nn.Module):
    """max(0, z) + weight * min(0, z) with one learned slope per value of the last axis."""

    def __init__(self, n):
        super().__init__()
        self.weight = nn.Parameter(torch.full((n,), 0.25))

    def forward(self, z):
        return torch.where(z >= 0, z, z * self.weight)''',
    "MaskedLinear": '''class MaskedLinear(nn.Module):
    """The neurons at one depth: y = x @ (weight * connected).T + bias. `connected` marks the
    entries an edge of the drawing carries (the others stay 0); `trainable` the entries training
    may change (an edge or a bias can be frozen)."""

    def __init__(self, n_in, n_out):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(n_out, n_in))
        self.bias = nn.Parameter(torch.zeros(n_out))
        self.register_buffer("connected", torch.ones(n_out, n_in))
        self.register_buffer("weight_trainable", torch.ones(n_out, n_in))
        self.register_buffer("bias_trainable", torch.ones(n_out))
        self.weight.register_hook(lambda g: g * self.weight_trainable)
        self.bias.register_hook(lambda g: g * self.bias_trainable)

    def forward(self, x):
        return F.linear(x, self.weight * self.connected, self.bias)''',
}


@dataclass(frozen=True)
class TorchCode:
    """One node in a PyTorch script.

    `module`: the constructor of the node's attribute (`nn.Linear(2, 4)`), or "" for a node
    without one. `forward`: the expression of its output, `{x}` standing for its (joined) input
    and `{m}` for its attribute (`torch.tanh({m}({x}))`). `weights(arrays)`: nnstudio's arrays
    of the node → the attribute's state_dict entries (names relative to the attribute, NumPy
    arrays). `frozen`: state_dict entries training must not change; `regularized`: those l1/l2
    apply to. `helpers`: names in HELPERS the code uses. `read(state)`: the inverse of `weights`,
    the attribute's state_dict entries (trained by the script) → nnstudio's arrays; None for a
    node without arrays."""
    module: str
    forward: str
    weights: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]] = lambda arrays: {}
    frozen: tuple[str, ...] = ()
    regularized: tuple[str, ...] = ()
    helpers: tuple[str, ...] = field(default=())
    read: Callable[[dict[str, np.ndarray]], dict[str, np.ndarray]] | None = None


def activation_code(config: dict, z: str) -> tuple[str, tuple[str, ...]]:
    """(expression, helpers) of the activation `config` names applied to the expression `z`;
    not prelu."""
    name = config["activation"]
    code = ACTIVATION_CODE[name].format(z=z, alpha=repr(activation_alpha(config)))
    return code, tuple(h for h in ("step", "sign") if name == h)


def linear_weights(arrays: dict[str, np.ndarray], prefix: str = "") -> dict[str, np.ndarray]:
    """A dense layer's W [in, out] and b as nn.Linear's weight [out, in] and bias."""
    out = {prefix + "weight": np.ascontiguousarray(np.asarray(arrays["W"]).T)}
    if "b" in arrays:
        out[prefix + "bias"] = np.asarray(arrays["b"])
    return out


def linear_read(state: dict[str, np.ndarray], prefix: str = "") -> dict[str, np.ndarray]:
    """nn.Linear's weight and bias back as W [in, out] and b."""
    out = {"W": np.ascontiguousarray(np.asarray(state[prefix + "weight"]).T)}
    if prefix + "bias" in state:
        out["b"] = np.asarray(state[prefix + "bias"])
    return out


def recurrent_code(module: str, config: dict, biases: tuple[str, ...]) -> TorchCode:
    """A recurrent kind as torch's nn.RNN / nn.LSTM / nn.GRU (batch_first; the same gate order).
    `biases` ("b",): one bias, torch's bias_ih (bias_hh starts at 0; read back, the two are
    summed); ("bx", "bh"): torch's bias_ih and bias_hh as they are."""
    def weights(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        b_ih, b_hh = (arrays["b"], np.zeros_like(arrays["b"])) if len(biases) == 1 else (arrays["bx"], arrays["bh"])
        return {"weight_ih_l0": np.ascontiguousarray(np.asarray(arrays["Wx"]).T),
                "weight_hh_l0": np.ascontiguousarray(np.asarray(arrays["Wh"]).T),
                "bias_ih_l0": np.asarray(b_ih), "bias_hh_l0": np.asarray(b_hh)}

    def read(state: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        out = {"Wx": np.ascontiguousarray(state["weight_ih_l0"].T), "Wh": np.ascontiguousarray(state["weight_hh_l0"].T)}
        if len(biases) == 1:
            out[biases[0]] = state["bias_ih_l0"] + state["bias_hh_l0"]
        else:
            out.update(zip(biases, (state["bias_ih_l0"], state["bias_hh_l0"])))
        return out
    last = "" if config["return_sequences"] else "[:, -1]"
    return TorchCode(module, "{m}({x})[0]" + last, weights, regularized=("weight_ih_l0", "weight_hh_l0"), read=read)
