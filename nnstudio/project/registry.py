"""The allowlist of node kinds: config fields and defaults, ports, shape rule, parameters.

Nothing outside this table can appear in a project: a file names a kind, and the kind is looked
up here, never imported by name. Shapes are feature shapes without the batch axis, tuples of any
rank: `(n,)` for vectors, `(time, features)` for sequences, `(channels, height, width)` for images.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.initializers import INITIALIZERS

Shape = tuple[int, ...]


class ConfigError(ValueError):
    """A config value is wrong. `key` is the config key at fault."""

    def __init__(self, key: str, message: str):
        super().__init__(message)
        self.key = key


class ShapeError(ValueError):
    """The inputs a node receives do not fit it."""


@dataclass(frozen=True)
class Field:
    """One config key: its type, default and limits. The inspector builds its forms from these."""
    name: str
    type: str            # "int" | "float" | "bool" | "choice" | "shape"
    default: Any
    doc: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None       # inclusive
    maximum: float | None = None       # inclusive
    exclusive_max: float | None = None

    def check(self, value: Any) -> Any:
        """Return `value` in canonical form or raise ConfigError."""
        t = self.type
        if t == "bool":
            if not isinstance(value, bool):
                raise ConfigError(self.name, "must be true or false")
            return value
        if t == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
                    value = int(value)
                else:
                    raise ConfigError(self.name, "must be an integer")
            if self.minimum is not None and value < self.minimum:
                word = "a positive integer" if self.minimum == 1 else f"an integer ≥ {self.minimum:g}"
                raise ConfigError(self.name, f"must be {word}")
            if self.maximum is not None and value > self.maximum:
                raise ConfigError(self.name, f"must be at most {self.maximum:g}")
            return value
        if t == "float":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not _finite(value):
                raise ConfigError(self.name, "must be a finite number")
            value = float(value)
            if self.minimum is not None and value < self.minimum:
                raise ConfigError(self.name, f"must be ≥ {self.minimum:g}")
            if self.maximum is not None and value > self.maximum:
                raise ConfigError(self.name, f"must be ≤ {self.maximum:g}")
            if self.exclusive_max is not None and value >= self.exclusive_max:
                raise ConfigError(self.name, f"must be < {self.exclusive_max:g}")
            return value
        if t == "choice":
            if value not in self.choices:
                raise ConfigError(self.name, f"must be one of {', '.join(self.choices)}")
            return value
        if t == "shape":
            if (not isinstance(value, list) or not 1 <= len(value) <= 3
                    or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)):
                raise ConfigError(self.name, "must be a list of 1 to 3 positive integers")
            if math.prod(value) > 10**8:
                raise ConfigError(self.name, "is too large")
            return list(value)
        raise AssertionError(f"unknown field type {t}")


@dataclass(frozen=True)
class ParamSpec:
    """An array a node owns: its shape, how to initialise it when absent, and whether l1/l2 apply."""
    shape: Shape
    init: str                 # an initialiser name, or "config:<key>" for `constant` with that config value
    fan_in: int = 1
    fan_out: int = 1
    regularized: bool = False
    trainable_key: str | None = None   # config key that freezes it when false
    scale: float = 0.05       # `constant`'s value, `uniform`'s bound, `normal`'s standard deviation


@dataclass(frozen=True)
class NodeKind:
    name: str
    title: str
    description: str          # what it computes: palette tooltip and docs
    category: str             # "input" | "neuron" | "layer"
    fields: tuple[Field, ...]
    max_inputs: int | None    # 0: a source; None: any number of incoming edges
    shape_rule: Callable[[dict, Shape | None], Shape]
    param_specs: Callable[[dict, Shape | None], dict[str, ParamSpec]] = lambda c, s: {}
    defaults: dict[str, Any] = field(default_factory=dict)

    def check_config(self, config: Any) -> dict[str, Any]:
        """Defaults filled in, every value checked; unknown keys are refused."""
        if not isinstance(config, dict):
            raise ConfigError("", "must be an object")
        known = {f.name: f for f in self.fields}
        for key in config:
            if key not in known:
                raise ConfigError(key, f"unknown setting for a {self.name} node")
        return {name: f.check(config[name]) if name in config else _copy(f.default)
                for name, f in known.items()}


def _finite(value: int | float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:       # an int beyond float's range
        return False


def _copy(v: Any) -> Any:
    return list(v) if isinstance(v, list) else v


# --- shared fields ---------------------------------------------------------------------------
_ACT = tuple(ACTIVATIONS)
_INIT = tuple(INITIALIZERS)


_INIT_SCALE = Field("init_scale", "float", 0.05, "The value for the constant initialiser, the bound ±scale "
                    "for uniform, the standard deviation for normal", minimum=0.0, maximum=1e6)


def _activation_fields(default: str) -> tuple[Field, ...]:
    return (
        Field("activation", "choice", default, "Function applied to the weighted sum", _ACT),
        Field("alpha", "float", 0.0, "Slope for leaky_relu (0 means 0.01), scale for elu (0 means 1), "
              "starting slope for prelu (0 means 0.25)"),
    )


def activation_alpha(config: dict) -> float:
    """The alpha an activation uses: the config value, or the customary default when it is 0."""
    alpha = float(config.get("alpha", 0.0))
    if alpha:
        return alpha
    return {"leaky_relu": 0.01, "elu": 1.0, "prelu": 0.25}.get(config.get("activation", ""), 0.0)


def concat_shapes(shapes: list[Shape]) -> Shape:
    """Shape of the concatenation of several inputs, in edge order.

    Vectors join end to end; sequences `(time, features)` join on features; images
    `(channels, h, w)` join on channels. Everything else must agree."""
    if not shapes:
        raise ShapeError("has no inputs")
    if len(shapes) == 1:
        return shapes[0]
    rank = len(shapes[0])
    if any(len(s) != rank for s in shapes):
        raise ShapeError("inputs of different ranks cannot be joined: " + ", ".join(map(fmt_shape, shapes)))
    axis = concat_axis(rank)
    rest = [s[:axis] + s[axis + 1:] for s in shapes]
    if any(r != rest[0] for r in rest):
        raise ShapeError("inputs do not line up: " + ", ".join(map(fmt_shape, shapes)))
    joined = list(shapes[0])
    joined[axis] = sum(s[axis] for s in shapes)
    return tuple(joined)


def concat_axis(rank: int) -> int:
    """The feature axis (without batch) that inputs are joined along."""
    return 1 if rank == 2 else 0


def fmt_shape(shape: Shape | None) -> str:
    return "?" if shape is None else "[" + ", ".join(str(d) for d in shape) + "]"


# --- kinds -----------------------------------------------------------------------------------
def _input_shape(config: dict, _in: Shape | None) -> Shape:
    return tuple(config["shape"])


def _neuron_shape(config: dict, in_shape: Shape | None) -> Shape:
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    if len(in_shape) != 1:
        raise ShapeError(f"takes vectors, but receives {fmt_shape(in_shape)}; add a flatten node")
    if config["activation"] == "softmax":
        raise ShapeError("softmax needs several units: use a dense layer or an activation node")
    return (1,)


def _neuron_params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    specs = {"b": ParamSpec((), "config:bias", trainable_key="bias_trainable")}
    if config["activation"] == "prelu":
        specs["alpha"] = ParamSpec((), "config:alpha")
    return specs


def _dense_shape(config: dict, in_shape: Shape | None) -> Shape:
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    return tuple(in_shape[:-1]) + (config["units"],)


def _dense_params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    n_in = in_shape[-1] if in_shape else 1
    units = config["units"]
    specs = {"W": ParamSpec((n_in, units), config["init"], n_in, units, regularized=True,
                            trainable_key="trainable", scale=config["init_scale"])}
    if config["use_bias"]:
        specs["b"] = ParamSpec((units,), "zeros", trainable_key="bias_trainable")
    if config["activation"] == "prelu":
        specs["alpha"] = ParamSpec((units,), "config:alpha", trainable_key="trainable")
    return specs


def _same_shape(config: dict, in_shape: Shape | None) -> Shape:
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    return in_shape


def _activation_params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    if config["activation"] != "prelu":
        return {}
    return {"alpha": ParamSpec((in_shape[-1] if in_shape else 1,), "config:alpha")}


def _flatten_shape(config: dict, in_shape: Shape | None) -> Shape:
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    return (math.prod(in_shape),)


KINDS: dict[str, NodeKind] = {k.name: k for k in [
    NodeKind("input", "Input", "Feeds one group of dataset columns into the network. Shape [n] "
             "takes n columns; [channels, height, width] takes images; [time, features] sequences.",
             "input", (Field("shape", "shape", [1], "Shape of one sample"),), 0, _input_shape),
    NodeKind("neuron", "Neuron", "One unit: y = f(Σ wᵢxᵢ + b). Its incoming weights live on the edges "
             "and its bias in params.b.", "neuron",
             (*_activation_fields("sigmoid"),
              Field("init", "choice", "xavier_uniform", "How edge weights without a value start", _INIT),
              _INIT_SCALE,
              Field("bias", "float", 0.0, "Starting bias when params.b is absent"),
              Field("bias_trainable", "bool", True, "Whether training updates the bias")),
             None, _neuron_shape, _neuron_params),
    NodeKind("dense", "Dense layer", "A fully connected layer: y = f(x·W + b), W of shape [in, units].",
             "layer",
             (Field("units", "int", 4, "Number of units", minimum=1, maximum=100_000),
              *_activation_fields("linear"),
              Field("init", "choice", "xavier_uniform", "How W starts when params.W is absent", _INIT),
              _INIT_SCALE,
              Field("use_bias", "bool", True, "Whether the layer adds a bias b"),
              Field("trainable", "bool", True, "Whether training updates W (and alpha)"),
              Field("bias_trainable", "bool", True, "Whether training updates b")),
             None, _dense_shape, _dense_params),
    NodeKind("activation", "Activation", "Applies a function element by element (softmax: over the last axis).",
             "layer", _activation_fields("relu"), None, _same_shape, _activation_params),
    NodeKind("dropout", "Dropout", "While training, zeroes each value with probability `rate` and scales "
             "the rest by 1/(1−rate); passes values through unchanged otherwise.", "layer",
             (Field("rate", "float", 0.5, "Probability of dropping a value", minimum=0.0, exclusive_max=1.0),),
             None, _same_shape),
    NodeKind("flatten", "Flatten", "Reshapes any input into one vector.", "layer", (), None, _flatten_shape),
]}


def kind(name: str) -> NodeKind:
    """The registered kind, or KeyError for a name not on the allowlist."""
    return KINDS[name]


def node_params(node_kind: str, config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    return KINDS[node_kind].param_specs(config, in_shape)
