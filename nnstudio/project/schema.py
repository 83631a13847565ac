"""The building blocks of the project file's checks: limits, key lists, and small checkers that
turn one JSON value into a Python value or raise ProjectError naming its JSON path.
docs/format.md documents every limit here."""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from nnstudio.errors import ProjectError

INT_MAX = 2**31 - 1          # epochs, batch sizes, schedule steps: what a spin box can hold
SEED_MAX = 2**32 - 1         # seeds are 32-bit (compile.py masks them to 32 bits)
MAX_RANK = 8                 # dimensions of a params array
MAX_DEPTH = 16               # nesting of free-form JSON (builtin dataset params)
ID_MAX_LEN = 200

TOP_KEYS = ("format", "version", "meta", "nodes", "edges", "inputs", "outputs", "data", "training", "history",
            "view")
VIEW_KEYS = ("expanded",)
META_KEYS = ("name", "description")
NODE_KEYS = ("id", "kind", "label", "pos", "config", "params")
EDGE_KEYS = ("id", "source", "target", "weight", "trainable")
DATA_KEYS = ("source", "validation_split", "normalize", "split_seed", "features", "normalizer")
NORMALIZE = ("none", "standard", "minmax")
TRAINING_KEYS = ("loss", "optimizer", "schedule", "epochs", "batch_size", "shuffle", "seed", "regularization",
                 "dtype", "clip_norm")
DTYPES = ("float32", "float64")
HISTORY_KEYS = ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")
TARGET_ENCODINGS = ("raw", "onehot", "index")
# kind → (required keys, optional keys with defaults)
SOURCES: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "table": ((), {"inputs": [], "targets": []}),
    "builtin": (("name",), {"params": {}}),
    "csv": (("path", "input_columns", "target_columns"), {"target_encoding": "raw", "delimiter": ",",
                                                          "header": True, "missing": "refuse", "decimal": "."}),
    "npz": (("path",), {"inputs": "inputs", "targets": "targets"}),
    "idx": (("images", "labels"), {}),
}
# Optimiser and schedule settings: (lowest, highest, lowest excluded, highest excluded); the type
# (bool, int or float) comes from the default in OPTIMIZERS / SCHEDULES. Unlisted numbers: any finite.
LIMITS: dict[str, tuple[float | None, float | None, bool, bool]] = {
    "lr": (0.0, None, True, False), "momentum": (0.0, None, False, False), "dampening": (0.0, 1.0, False, False),
    "weight_decay": (0.0, None, False, False), "alpha": (0.0, 1.0, False, False), "eps": (0.0, None, False, False),
    "beta1": (0.0, 1.0, False, True), "beta2": (0.0, 1.0, False, True),
    "step_size": (1, INT_MAX, False, False), "gamma": (0.0, None, True, False), "t_max": (0, INT_MAX, False, False),
    "eta_min": (0.0, None, False, False),
}



# --- small checkers ---------------------------------------------------------------------------
def _at(where: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else key


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else _type_name(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "a number"
    return {str: "a string", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def _object(value: Any, where: str, allowed: Iterable[str], required: Iterable[str] = (), what: str = "") -> dict:
    if not isinstance(value, dict):
        raise ProjectError(f"must be an object, not {_type_name(value)}", where)
    allowed = tuple(allowed)
    for key in value:
        if not isinstance(key, str):
            raise ProjectError("keys must be strings", where)
        if key not in allowed:
            raise ProjectError(f"unknown key ({what or 'this object'} takes {', '.join(allowed)})", _at(where, key))
    for key in required:
        if key not in value:
            raise ProjectError("is missing", _at(where, key))
    return value


def _string(value: Any, where: str, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise ProjectError(f"must be a string, not {_type_name(value)}", where)
    if not empty and not value:
        raise ProjectError("must not be empty", where)
    return _unicode(str(value), where)


def _unicode(text: str, where: str) -> str:
    """Refuse lone surrogates (JSON can spell them, "\\ud800"; UTF-8 cannot store them)."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ProjectError("is not valid Unicode text (it holds a lone surrogate)", where) from None
    return text


def _path(value: Any, where: str) -> str:
    value = _string(value, where, empty=False)
    if "\x00" in value:
        raise ProjectError("must not contain a NUL character", where)
    return value


def _ident(value: Any, where: str) -> str:
    value = _string(value, where, empty=False)
    if len(value) > ID_MAX_LEN:
        raise ProjectError(f"must be at most {ID_MAX_LEN} characters long", where)
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ProjectError("must not contain control characters", where)
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ProjectError(f"must be true or false, not {_type_name(value)}", where)
    return bool(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _int(value: Any, where: str, lo: int = 0, hi: int = INT_MAX) -> int:
    if isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer():
        value = int(value)
    if not _is_number(value):
        raise ProjectError(f"must be an integer, not {_type_name(value)}", where)
    if isinstance(value, (float, np.floating)):
        raise ProjectError("must be an integer", where)
    value = int(value)
    if not lo <= value <= hi:
        raise ProjectError(f"must be an integer from {lo} to {hi}", where)
    return value


def _number(value: Any, where: str, lo: float | None = None, hi: float | None = None,
            lo_open: bool = False, hi_open: bool = False) -> float:
    if not _is_number(value):
        raise ProjectError(f"must be a number, not {_type_name(value)}", where)
    try:
        value = float(value)
    except OverflowError:
        raise ProjectError("is too large", where) from None
    if not math.isfinite(value):
        raise ProjectError("must be a finite number", where)
    if lo is not None and (value < lo or (lo_open and value == lo)):
        raise ProjectError(f"must be {'>' if lo_open else '≥'} {lo:g}", where)
    if hi is not None and (value > hi or (hi_open and value == hi)):
        raise ProjectError(f"must be {'<' if hi_open else '≤'} {hi:g}", where)
    return value


def _choice(value: Any, where: str, choices: Iterable[str]) -> str:
    choices = tuple(choices)
    if not isinstance(value, str) or value not in choices:
        raise ProjectError(f"must be one of {', '.join(choices)} (got {_show(value)})", where)
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ProjectError(f"must be a list, not {_type_name(value)}", where)
    return value


def _array(value: Any, where: str, max_rank: int = MAX_RANK) -> np.ndarray:
    """A number or a rectangular nested list of numbers → a float64 array (0-d for a number)."""
    if not isinstance(value, list):
        return np.array(_number(value, where), dtype=np.float64)
    shape: list[int] = []
    probe: Any = value
    while isinstance(probe, list):
        if len(shape) == max_rank:
            raise ProjectError(f"has more than {max_rank} dimensions" if max_rank > 1
                               else "must be a number or a list of numbers", where)
        shape.append(len(probe))
        if not probe:
            break
        probe = probe[0]
    flat: list[float] = []
    _flatten(value, shape, 0, (), flat, where)
    return np.array(flat, dtype=np.float64).reshape(shape)


def _flatten(value: list, shape: list[int], depth: int, index: tuple, flat: list, where: str) -> None:
    def here(i: int) -> str:
        return where + "".join(f"[{k}]" for k in index + (i,))

    last = depth == len(shape) - 1
    for i, item in enumerate(value):
        if last:
            if type(item) is float and math.isfinite(item):
                flat.append(item)
            elif isinstance(item, list):
                raise ProjectError("is not rectangular (rows nest to different depths)", here(i))
            else:
                flat.append(_number(item, here(i)))
        else:
            if not isinstance(item, list) or len(item) != shape[depth + 1]:
                raise ProjectError(f"must be a list of {shape[depth + 1]} entries like the first one "
                                   "(arrays must be rectangular)", here(i))
            _flatten(item, shape, depth + 1, index + (i,), flat, where)


def _plain_json(value: Any, where: str, depth: int = 0) -> Any:
    """A copy of free-form JSON (null, bool, finite number, string, list, object), nesting limited."""
    if depth > MAX_DEPTH:
        raise ProjectError(f"is nested more than {MAX_DEPTH} levels deep", where)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _unicode(value, where)
    if _is_number(value):
        return int(value) if isinstance(value, (int, np.integer)) else _number(value, where)
    if isinstance(value, list):
        return [_plain_json(v, _at(where, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise ProjectError("keys must be strings", where)
            out[_unicode(k, where)] = _plain_json(v, _at(where, k), depth + 1)
        return out
    raise ProjectError(f"must be plain JSON, not {_type_name(value)}", where)


def _str_list(value: Any, where: str) -> list[str]:
    items = _list(value, where)
    out: list[str] = []
    for i, item in enumerate(items):
        item = _string(item, _at(where, i), empty=False)
        if item in out:
            raise ProjectError(f"{_show(item)} is listed twice", _at(where, i))
        out.append(item)
    return out
