"""The `builtin` source: datasets nnstudio generates from a name and a few parameters.

`BUILTINS` maps each name to a `Builtin`: its generator, its parameters (`Param`: default, type,
range, a one-line help), a short description, its task ("classification", "regression",
"sequence" or "image") and what its targets are ("binary" float 0/1 [N, 1], "classes" int64
indices [N] or one-hot rows, "values" float [N, k]). The window lists them and builds a form from
`params`; `load_builtin` checks a source and generates it.

Every dataset is generated from `np.random.default_rng(seed)` alone: the same name and
parameters give identical arrays every time. `noise` is always the standard deviation of Gaussian
noise (see each generator for what it blurs). The `digits` set is the real UCI 8×8 handwritten
digits bundled in `resources/digits_8x8.npz` (see the README there), installed as
`nnstudio/resources/` inside the package.
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from nnstudio.data import builtin_planar as planar
from nnstudio.data import builtin_sequences as sequences
from nnstudio.data.dataset import DataError, Dataset
from nnstudio.shipped import resources_dir

WHERE = "data.source"
DIGITS_FILE = resources_dir() / "digits_8x8.npz"
DIGITS_COUNT = 1797
MAX_SAMPLES = 1_000_000
SEED_MAX = 2**32 - 1
TASKS = ("classification", "regression", "sequence", "image")


@dataclass(frozen=True)
class Param:
    """One parameter: `kind` is "int", "float" or "choice"; `lo`/`hi` bound numbers (inclusive),
    `choices` lists the strings a choice takes."""
    name: str
    kind: str
    default: int | float | str
    help: str
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Builtin:
    generate: Callable[[dict], Dataset]
    params: tuple[Param, ...]
    description: str
    task: str
    targets: str                       # "binary" | "classes" | "values"
    title: str = ""
    param_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "param_names", tuple(p.name for p in self.params))

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)


def _samples(default: int, hi: int = MAX_SAMPLES) -> Param:
    return Param("samples", "int", default, "how many samples to generate", 1, hi)


def _noise(default: float, what: str) -> Param:
    return Param("noise", "float", default, f"standard deviation of Gaussian noise added to {what}", 0.0, 100.0)


SEED = Param("seed", "int", 0, "random seed: the same seed gives the same samples", 0, SEED_MAX)
ENCODING = Param("target_encoding", "choice", "index",
                 "index: int64 class indices (sparse_categorical_crossentropy); onehot: one-hot rows",
                 choices=("index", "onehot"))
SPREAD = Param("spread", "float", 1.0, "standard deviation of each cloud", 0.0, 100.0)


def _truth_table(name: str) -> Callable[[dict], Dataset]:
    return functools.partial(planar.truth_table, name)


def _gate(name: str, rule: str) -> Builtin:
    params = (Param("repeats", "int", 1, "how many times the four rows are repeated", 1, 100_000),
              _noise(0.0, "the inputs"), SEED)
    return Builtin(_truth_table(name), params, f"truth table of {name.upper()}: {rule}",
                   "classification", "binary", f"{name.upper()} truth table")


def load_digits(p: dict) -> Dataset:
    """The UCI 8×8 digits: 64 pixel columns (counts 0..16, row by row) and the digit as a
    class. `samples` below 1797 takes a random subset (chosen by `seed`) in file order; `noise`
    blurs the pixels, which are then clipped to 0..16."""
    images, labels = _digits_arrays()
    n = p["samples"]
    rng = np.random.default_rng(p["seed"])
    rows = np.arange(DIGITS_COUNT) if n >= DIGITS_COUNT else np.sort(rng.permutation(DIGITS_COUNT)[:n])
    x = images[rows].astype(np.float64)
    if p["noise"] > 0:
        x = np.clip(x + rng.normal(0.0, p["noise"], x.shape), 0.0, 16.0)
    t = planar.encode_classes(labels[rows].astype(np.int64), 10, p["target_encoding"])
    names = [f"p{r}_{c}" for r in range(8) for c in range(8)]
    return Dataset(x, t, names, ["digit"], [str(d) for d in range(10)])


@functools.lru_cache(maxsize=1)
def _digits_arrays() -> tuple[np.ndarray, np.ndarray]:
    try:
        with np.load(DIGITS_FILE, allow_pickle=False) as archive:
            images, labels = archive["images"], archive["labels"]
    except (OSError, ValueError, KeyError) as e:
        raise DataError(f"the bundled digits file cannot be read ({e}); reinstall nnstudio",
                        f"{WHERE}.name") from None
    if images.shape != (DIGITS_COUNT, 64) or labels.shape != (DIGITS_COUNT,):
        raise DataError("the bundled digits file is damaged; reinstall nnstudio", f"{WHERE}.name")
    images.flags.writeable = labels.flags.writeable = False
    return images, labels


BUILTINS: dict[str, Builtin] = {
    "and": _gate("and", "1 only when both inputs are 1"),
    "or": _gate("or", "1 when either input is 1"),
    "nand": _gate("nand", "0 only when both inputs are 1"),
    "xor": _gate("xor", "1 when exactly one input is 1 (needs a hidden layer)"),
    "xnor": _gate("xnor", "1 when both inputs are equal (needs a hidden layer)"),
    "circle": Builtin(planar.circle, (_samples(500), _noise(0.0, "the points"), SEED),
                      "a disc of class 1 inside a ring of class 0", "classification", "binary", "Circle"),
    "xor_quadrants": Builtin(planar.xor_quadrants, (_samples(500), _noise(0.0, "the points"), SEED),
                             "class 1 where x1 and x2 have different signs (TensorFlow Playground's "
                             "exclusive or)", "classification", "binary", "XOR quadrants"),
    "gaussians": Builtin(planar.gaussians, (_samples(500), SPREAD, _noise(0.0, "the points"), SEED),
                         "two Gaussian clouds, one per class", "classification", "binary", "Two Gaussians"),
    "spiral": Builtin(planar.spiral,
                      (_samples(600), Param("arms", "int", 2, "number of arms, one class each", 2, 20),
                       Param("turns", "float", 1.75, "turns of each arm", 0.1, 10.0),
                       _noise(0.0, "the points"), SEED, ENCODING),
                      "interleaved spiral arms, one class per arm", "classification", "classes", "Spiral"),
    "moons": Builtin(planar.moons, (_samples(500), _noise(0.3, "the points"), SEED),
                     "two interleaved half circles", "classification", "binary", "Moons"),
    "blobs": Builtin(planar.blobs,
                     (_samples(600), Param("classes", "int", 3, "number of clouds, one class each", 2, 50),
                      SPREAD, _noise(0.0, "the points"), SEED, ENCODING),
                     "Gaussian clouds on a circle, one class each", "classification", "classes", "Blobs"),
    "plane": Builtin(planar.plane, (_samples(500), _noise(0.0, "the target"), SEED),
                     "y = (x1 + x2) / 12 over [-6, 6]²", "regression", "values", "Plane"),
    "sine": Builtin(planar.sine,
                    (_samples(200), Param("periods", "float", 1.0, "how many periods of the sine x spans",
                                          0.1, 100.0), _noise(0.0, "the target"), SEED),
                    "y = sin(x), one input", "regression", "values", "Sine"),
    "bump": Builtin(planar.bump,
                    (_samples(500), Param("width", "float", 2.0, "standard deviation of the bump", 0.01, 100.0),
                     _noise(0.0, "the target"), SEED),
                    "a Gaussian bump of height 1 over [-6, 6]²", "regression", "values", "Gaussian bump"),
    "digits": Builtin(load_digits, (_samples(DIGITS_COUNT, DIGITS_COUNT), _noise(0.0, "the pixels"), SEED,
                                    ENCODING),
                      "1,797 handwritten digits, 8×8 pixels of 0..16 (UCI)", "image", "classes",
                      "Handwritten digits 8×8"),
    "sine_next": Builtin(sequences.sine_next,
                         (_samples(1000), Param("steps", "int", 10, "values in each window", 1, 1000),
                          Param("period", "float", 20.0, "steps per period of the sine", 2.0, 10_000.0),
                          _noise(0.05, "the window's values"), SEED),
                         "predict the next value of a noisy sine from the last few", "sequence", "values",
                         "Sine: next value"),
    "bit_sum": Builtin(sequences.bit_sum,
                       (_samples(1000), Param("steps", "int", 8, "bits in each sequence", 1, 1000),
                        _noise(0.0, "the bits"), SEED),
                       "count the 1s in a random bit sequence", "sequence", "values", "Bit sum"),
    "bit_parity": Builtin(sequences.bit_parity,
                          (_samples(1000), Param("steps", "int", 4, "bits in each sequence", 1, 1000),
                           _noise(0.0, "the bits"), SEED),
                          "is the number of 1s odd? (many-input XOR)", "sequence", "binary", "Bit parity"),
    "first_bit": Builtin(sequences.first_bit,
                         (_samples(1000), Param("steps", "int", 20, "bits in each sequence", 1, 1000),
                          _noise(0.0, "the bits"), SEED),
                         "what was the first bit? (remembering over many steps)", "sequence", "binary",
                         "First bit"),
    "marked_bit": Builtin(sequences.marked_bit,
                          (_samples(1000), Param("steps", "int", 20, "steps in each sequence", 1, 1000),
                           _noise(0.0, "the bits"), SEED),
                          "which bit did the marker point at, many steps ago? (gated memory)", "sequence",
                          "binary", "Marked bit"),
}


def check_params(name: Any, params: Any) -> dict[str, Any]:
    """The parameters of builtin `name`, defaults filled in, or DataError at
    `data.source.name` / `data.source.params.<param>` (unknown name, unknown parameter, wrong
    type, out of range)."""
    if name is None:
        raise DataError(f"is missing: name a built-in dataset ({', '.join(BUILTINS)})", f"{WHERE}.name")
    if not isinstance(name, str) or name not in BUILTINS:
        shown = f'"{name}"' if isinstance(name, str) else f"a {type(name).__name__}"
        raise DataError(f"unknown built-in dataset {shown} (known: {', '.join(BUILTINS)})", f"{WHERE}.name")
    spec = BUILTINS[name]
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise DataError(f"must be an object, not {type(params).__name__}", f"{WHERE}.params")
    for key in params:
        if key not in spec.param_names:
            raise DataError(f"{name} has no parameter {key!r} (it takes {', '.join(spec.param_names)})",
                            f"{WHERE}.params.{key}")
    return {p.name: _check_value(p, params.get(p.name, p.default)) for p in spec.params}


def _check_value(p: Param, value: Any) -> int | float | str:
    where = f"{WHERE}.params.{p.name}"
    if p.kind == "choice":
        if value not in p.choices:
            raise DataError(f"must be one of {', '.join(p.choices)}, not {value!r}", where)
        return value
    is_int = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
    if p.kind == "int":
        if not is_int:
            raise DataError(f"must be a whole number, not {value!r}", where)
        value = int(value)
    else:
        if not (is_int or isinstance(value, (float, np.floating))) or not math.isfinite(value):
            raise DataError(f"must be a number, not {value!r}", where)
        value = float(value)
    if (p.lo is not None and value < p.lo) or (p.hi is not None and value > p.hi):
        lo, hi = (_fmt(p.lo), _fmt(p.hi))
        raise DataError(f"must be from {lo} to {hi}, not {_fmt(value)}", where)
    return value


def _fmt(v: float | None) -> str:
    if v is None:
        return "any"
    return f"{int(v):,}".replace(",", " ") if float(v).is_integer() and abs(v) >= 10_000 else f"{v:g}"


def generate(name: str, params: dict | None = None) -> Dataset:
    """Dataset `name` with `params` (checked; missing ones take their defaults)."""
    checked = check_params(name, params)
    return BUILTINS[name].generate(checked)


def load_builtin(source: dict) -> Dataset:
    """A `{"kind": "builtin", "name": …, "params": {…}}` source."""
    return generate(source.get("name"), source.get("params", {}))


def columns(name: str, params: dict | None = None) -> tuple[int, int]:
    """(input columns, network outputs) of builtin `name`: what the input and output nodes must
    take (outputs: 1 for binary, the class count for classes, else the target columns).
    Generates only a few samples, so it is cheap enough to call on every edit."""
    checked = check_params(name, params)
    if "samples" in checked:
        checked["samples"] = min(checked["samples"], 4)
    if "repeats" in checked:
        checked["repeats"] = 1
    d = BUILTINS[name].generate(checked)
    outputs = len(d.class_names or ()) if d.is_index else int(d.targets.reshape(len(d), -1).shape[1])
    return int(d.inputs.shape[1]), outputs
