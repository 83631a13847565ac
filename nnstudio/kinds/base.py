"""What a node kind is made of: config fields, parameter specs, its look, and the NodeKind record
that one module per kind fills in. Pure Python over NumPy; no Qt, nothing above the engine.

Shapes are feature shapes without the batch axis, tuples of any rank: `(n,)` for vectors,
`(time, features)` for sequences, `(channels, height, width)` for images.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.initializers import INITIALIZERS
from nnstudio.engine.layers import Layer

Shape = tuple[int, ...]
# A named random stream for one node: the same key always gives the same numbers for a seed.
Streams = Callable[[str], np.random.Generator]
Builder = Callable[[dict, Shape, dict[str, np.ndarray], Streams], Layer]

CATEGORIES = ("input", "neuron", "layer")
# What the live views may read from a node while it trains: its output values (activation plots,
# the canvas's live values) and its weight matrix (the heatmap).
PROBES = ("output", "weights")


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
    type: str            # "int" | "float" | "bool" | "choice" | "shape" | "pair"
    default: Any
    doc: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None       # inclusive
    maximum: float | None = None       # inclusive
    exclusive_max: float | None = None
    label: str = ""                    # the inspector's name for it ("" derives one from `name`)
    step: float | None = None          # a spin box arrow's step (None: the form's usual one)
    # A "pair" field that may be null, meaning "as another setting says" (a pool's stride: its size).
    optional: bool = False

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
        if t == "pair":
            return self._check_pair(value)
        raise AssertionError(f"unknown field type {t}")

    def _check_pair(self, value: Any) -> Any:
        """An int or [int, int] (a kernel's height and width), kept as the user wrote it: 3 stays 3
        and [3, 5] stays [3, 5], so the file reads as it was typed. Null only when `optional`."""
        if value is None and self.optional:
            return None
        def whole(v: Any) -> Any:       # JSON may spell an integer 3.0
            return int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 2**53 else v

        value = [whole(v) for v in value] if isinstance(value, list) else whole(value)
        items = value if isinstance(value, list) and len(value) == 2 else [value]
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in items):
            raise ConfigError(self.name, "must be an integer or a pair of integers [height, width]")
        low = 1 if self.minimum is None else self.minimum
        if any(v < low for v in items):
            raise ConfigError(self.name, "must be positive" if low == 1 else f"must be ≥ {low:g}")
        if self.maximum is not None and any(v > self.maximum for v in items):
            raise ConfigError(self.name, f"must be at most {self.maximum:g}")
        return list(value) if isinstance(value, list) else value


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
class Look:
    """How a kind is drawn, as plain data: the canvas and the palette paint from it.

    `colour` is the accent of its canvas block and its palette icon; `glyph` the short text on a
    node or an icon; `icon` names the palette's drawing ("" draws the glyph in a rounded box);
    `detail(config)` the second line of a layer block ("4 units · tanh"); `small` nodes (inputs,
    neurons) stack closer together than layer blocks."""
    colour: str
    glyph: str
    icon: str = ""
    detail: Callable[[dict], str] | None = None
    small: bool = False


def _no_params(config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    return {}


def _never_trains(config: dict, edges_trainable: bool) -> bool:
    return False


@dataclass(frozen=True)
class NodeKind:
    """Everything about one node kind. `category` says how it compiles: an "input" is a source,
    "neuron"s at one depth share a masked dense op, a "layer" is built by `build`."""
    name: str
    title: str
    description: str          # what it computes: palette tooltip and docs
    category: str             # "input" | "neuron" | "layer"
    fields: tuple[Field, ...]
    max_inputs: int | None    # 0: a source; None: any number of incoming edges
    shape_rule: Callable[[dict, Shape | None], Shape]
    param_specs: Callable[[dict, Shape | None], dict[str, ParamSpec]] = _no_params
    defaults: dict[str, Any] = field(default_factory=dict)
    id_prefix: str = ""       # fresh node ids are id_prefix + a number
    look: Look | None = None
    build: Builder | None = None          # config, input shape, arrays, streams → the engine layer
    probes: tuple[str, ...] = ("output",)
    walkthrough: bool = False              # the step-by-step walkthrough can explain it
    weighted_inputs: bool = False          # its incoming edges carry the weights (a neuron)
    # The int config key that sets how many values it gives per position (a dense layer's "units"):
    # importing data sizes an output node of such a kind to the targets. "" when it has none.
    output_units: str = ""
    # Whether training may change anything of a node with this config (the perceptron rule's
    # check); `edges_trainable` says whether any incoming edge is trainable.
    trains: Callable[[dict, bool], bool] = _never_trains
    # Exports (issue 13), as plain data and code text: a kind module imports neither onnx nor torch.
    # The contracts are in nnstudio/export/onnx_export.py, onnx_import.py and torch_script.py.
    onnx: Callable[..., Any] | None = None      # how a node of this kind is written as ONNX nodes
    onnx_ops: tuple[str, ...] = ()              # the ONNX operators import may turn into this kind
    torch: Callable[..., Any] | None = None     # how a node of this kind is written in a PyTorch script

    @property
    def activated(self) -> bool:
        """Its config names an activation."""
        return any(f.name == "activation" for f in self.fields)

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


# --- shared by several kinds -----------------------------------------------------------------
ACTIVATION_NAMES = tuple(ACTIVATIONS)
INIT_NAMES = tuple(INITIALIZERS)

INIT_SCALE = Field("init_scale", "float", 0.05, "The value for the constant initialiser, the bound ±scale "
                   "for uniform, the standard deviation for normal", minimum=0.0, maximum=1e6)


def activation_fields(default: str) -> tuple[Field, ...]:
    return (
        Field("activation", "choice", default, "Function applied to the weighted sum", ACTIVATION_NAMES,
              label="Activation"),
        Field("alpha", "float", 0.0, "Slope for leaky_relu (0 means 0.01), scale for elu (0 means 1), "
              "starting slope for prelu (0 means 0.25)"),
    )


def activation_alpha(config: dict) -> float:
    """The alpha an activation uses: the config value, or the customary default when it is 0."""
    alpha = float(config.get("alpha", 0.0))
    if alpha:
        return alpha
    return {"leaky_relu": 0.01, "elu": 1.0, "prelu": 0.25}.get(config.get("activation", ""), 0.0)


def pool_fields() -> tuple[Field, ...]:
    """The settings of the pooling kinds (maxpool2d, avgpool2d)."""
    return (
        Field("pool_size", "pair", 2, "Window height and width: 2 or [2, 3]", maximum=1024, label="Pool size"),
        Field("stride", "pair", None, "Step between windows: empty for the pool size (windows side by side)",
              maximum=1024, label="Stride", optional=True),
    )


def pool_geometry(config: dict) -> tuple[tuple[int, int], tuple[int, int]]:
    """((ph, pw), (sh, sw)) of a pooling config: the stride defaults to the pool size."""
    size = as_pair(config["pool_size"])
    return size, size if config.get("stride") is None else as_pair(config["stride"])


def pool_shape(config: dict, in_shape: Shape | None) -> Shape:
    """The shape rule of the pooling kinds: valid windows only, [C, (H − ph) // sh + 1, …]."""
    channels, h, w = needs_image(in_shape)
    (ph, pw), (sh, sw) = pool_geometry(config)
    if ph > h or pw > w:
        raise ShapeError(f"pool {ph}×{pw} is larger than its {h}×{w} input")
    return channels, (h - ph) // sh + 1, (w - pw) // sw + 1


def pool_detail(word: str, config: dict) -> str:
    """'max 2×2', 'avg 3×3 stride 1×1' (the stride only when it is not the pool size)."""
    text = f"{word} {fmt_pair(config.get('pool_size', 2))}"
    stride = config.get("stride")
    if stride is not None and fmt_pair(stride) != fmt_pair(config.get("pool_size", 2)):
        text += f" stride {fmt_pair(stride)}"
    return text


def needs_input(in_shape: Shape | None) -> Shape:
    """`in_shape`, or ShapeError for a node nothing feeds yet."""
    if in_shape is None:
        raise ShapeError("has no incoming connections")
    return in_shape


def same_shape(config: dict, in_shape: Shape | None) -> Shape:
    """The shape rule of element-wise kinds: out is in."""
    return needs_input(in_shape)


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


def as_pair(value: Any) -> tuple[int, int]:
    """A checked "pair" field's value as (height, width): 3 → (3, 3), [3, 5] → (3, 5)."""
    return (value, value) if isinstance(value, int) else (int(value[0]), int(value[1]))


def fmt_pair(value: Any) -> str:
    """'3×3' for 3 or [3, 3], '3×5' for [3, 5]; '?' for anything else (a detail line never fails)."""
    try:
        h, w = as_pair(value)
    except (TypeError, ValueError, IndexError):
        return "?"
    return f"{h}×{w}"


def needs_image(in_shape: Shape | None) -> Shape:
    """`in_shape` when it is an image [channels, height, width], else ShapeError saying so."""
    shape = needs_input(in_shape)
    if len(shape) != 3:
        raise ShapeError(f"needs a [channels, height, width] input, but receives {fmt_shape(shape)}"
                         + (": give the input node a shape like [1, 8, 8]" if len(shape) == 1 else ""))
    return shape


def fmt_shape(shape: Shape | None) -> str:
    return "?" if shape is None else "[" + ", ".join(str(d) for d in shape) + "]"


def shape_text(shape: Shape | None) -> str:
    """A shape as the canvas writes it on a node: "8×6×6" for an image, "20×32" for a sequence,
    and a vector as fmt_shape writes it ("[10]"), "?" when unknown."""
    if shape is None or len(shape) < 2:
        return fmt_shape(shape)
    return "×".join(str(d) for d in shape)


def missing_facets(spec: NodeKind) -> list[str]:
    """What `spec` lacks of a complete kind (empty when complete): the allowlist refuses such a kind
    and the completeness test walks every registered one."""
    missing = [name for name in ("name", "title", "description", "id_prefix") if not getattr(spec, name)]
    if spec.category not in CATEGORIES:
        missing.append(f"category (one of {', '.join(CATEGORIES)})")
    if spec.look is None or not spec.look.colour or not spec.look.glyph:
        missing.append("look (colour and glyph)")
    elif spec.category != "neuron" and spec.look.detail is None:
        missing.append("look.detail")       # a neuron shows its activation instead
    if spec.category == "layer" and spec.build is None:
        missing.append("build (the engine layer)")
    if not spec.probes or not set(spec.probes) <= set(PROBES):
        missing.append(f"probes (some of {', '.join(PROBES)})")
    if not callable(spec.shape_rule) or not callable(spec.param_specs) or not callable(spec.trains):
        missing.append("shape_rule, param_specs and trains")
    if not isinstance(spec.walkthrough, bool) or not isinstance(spec.weighted_inputs, bool):
        missing.append("walkthrough and weighted_inputs flags")
    if not callable(spec.onnx):
        missing.append("onnx (its ONNX nodes, see kinds/onnx_parts)")
    if not isinstance(spec.output_units, str) or (
            spec.output_units and not any(f.name == spec.output_units and f.type == "int" for f in spec.fields)):
        missing.append("output_units (\"\" or the name of an int field)")
    if spec.torch is None:
        missing.append("torch (how a PyTorch script writes it)")
    return missing
