"""Strict JSON load and save for project files (format `nnstudio.project`, version 1).

Every malformed input raises ProjectError, whose message starts with the JSON path at fault
(`nodes[3].config.units: must be a positive integer`). Arrays round-trip bit for bit: they are
written as nested lists of Python floats, whose repr reads back exactly. docs/format.md is the
reference for every key; this module is its implementation.
"""
from __future__ import annotations

import copy
import json
import math
import os
import stat
import tempfile
from typing import Any, Callable, Iterable

import numpy as np

from nnstudio.engine.losses import LOSSES
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project import registry
from nnstudio.project.errors import ProjectError
from nnstudio.project.model import (FORMAT_NAME, FORMAT_VERSION, DataSpec, Edge, History, Node, Project,
                                     TrainingSpec)

__all__ = ["MIGRATIONS", "ProjectError", "check_settings", "dumps_project", "load_project", "loads_project",
           "project_from_dict", "project_to_dict", "save_project"]

# version N → function turning a version-N dict into a version-(N+1) dict. Add one per format change.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}

INT_MAX = 2**31 - 1          # epochs, batch sizes, schedule steps: what a spin box can hold
SEED_MAX = 2**32 - 1         # seeds are 32-bit (compile.py masks them to 32 bits)
MAX_RANK = 8                 # dimensions of a params array
MAX_DEPTH = 16               # nesting of free-form JSON (builtin dataset params)
ID_MAX_LEN = 200

TOP_KEYS = ("format", "version", "meta", "nodes", "edges", "inputs", "outputs", "data", "training", "history")
META_KEYS = ("name", "description")
NODE_KEYS = ("id", "kind", "label", "pos", "config", "params")
EDGE_KEYS = ("id", "source", "target", "weight", "trainable")
DATA_KEYS = ("source", "validation_split", "normalize")
NORMALIZE = ("none", "standard", "minmax")
TRAINING_KEYS = ("loss", "optimizer", "schedule", "epochs", "batch_size", "shuffle", "seed", "regularization",
                 "dtype")
DTYPES = ("float32", "float64")
HISTORY_KEYS = ("epoch", "loss", "val_loss", "accuracy", "val_accuracy")
TARGET_ENCODINGS = ("raw", "onehot", "index")
# kind → (required keys, optional keys with defaults)
SOURCES: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
    "table": ((), {"inputs": [], "targets": []}),
    "builtin": (("name",), {"params": {}}),
    "csv": (("path", "input_columns", "target_columns"), {"target_encoding": "raw", "delimiter": ","}),
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
    return str(value)


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
    if value is None or isinstance(value, (bool, str)):
        return value
    if _is_number(value):
        return int(value) if isinstance(value, (int, np.integer)) else _number(value, where)
    if isinstance(value, list):
        return [_plain_json(v, _at(where, i), depth + 1) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise ProjectError("keys must be strings", where)
            out[k] = _plain_json(v, _at(where, k), depth + 1)
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


# --- reading ----------------------------------------------------------------------------------
def project_from_dict(data: Any, *, path: str | os.PathLike | None = None) -> Project:
    """Check `data` (parsed JSON) and build a Project. Raises ProjectError, and nothing else."""
    try:
        project = _read_project(data)
        project.path = os.path.abspath(os.fspath(path)) if path is not None else None
        return project
    except ProjectError:
        raise
    except RecursionError:
        raise ProjectError("the project is nested too deeply to read") from None
    except Exception as exc:    # a last line of defence: every check above should have caught it
        raise ProjectError(f"the project cannot be read ({type(exc).__name__}: {str(exc)[:200]})") from exc


def _read_project(data: Any) -> Project:
    if not isinstance(data, dict):
        raise ProjectError(f"a project file must hold a JSON object, not {_type_name(data)}")
    if "format" not in data:
        raise ProjectError(f"is missing; this is not an nnstudio project (expected {FORMAT_NAME!r})", "format")
    if data["format"] != FORMAT_NAME:
        raise ProjectError(f"must be {FORMAT_NAME!r}; this is not an nnstudio project", "format")
    if "version" not in data:
        raise ProjectError("is missing", "version")
    version = data["version"]
    if not _is_number(version) or isinstance(version, (float, np.floating)):
        raise ProjectError("must be an integer", "version")
    version = int(version)
    if version > FORMAT_VERSION:
        shown = str(version) if version.bit_length() < 64 else "a very large number"
        raise ProjectError(f"the file was written by a newer nnstudio (format version {shown}); "
                           f"this one reads version {FORMAT_VERSION}", "version")
    if version < 1:
        raise ProjectError(f"must be at least 1 (the first format version); this one reads version "
                           f"{FORMAT_VERSION}", "version")
    if version < FORMAT_VERSION:
        data = copy.deepcopy(data)
        while version < FORMAT_VERSION:
            step = MIGRATIONS.get(version)
            if step is None:
                raise ProjectError(f"format version {version} can no longer be read", "version")
            data = step(data)
            version += 1
            data["version"] = version
    _object(data, "", TOP_KEYS, required=("nodes",), what="a project")

    project = Project()
    project.meta = _read_meta(data.get("meta", {}))
    used: set[str] = set()
    project.nodes = [_read_node(raw, i, used) for i, raw in enumerate(_list(data["nodes"], "nodes"))]
    kinds = {n.id: n.kind for n in project.nodes}
    project.edges = [_read_edge(raw, i, used, kinds) for i, raw in enumerate(_list(data.get("edges", []), "edges"))]
    project.inputs = _id_list(data.get("inputs", []), "inputs", kinds, need_input=True)
    project.outputs = _id_list(data.get("outputs", []), "outputs", kinds, need_input=False)
    project.data = _read_data(data.get("data", {}))
    project.training = _read_training(data.get("training", {}))
    project.history = _read_history(data.get("history", {}))
    return project


def _read_meta(raw: Any, where: str = "meta") -> dict[str, str]:
    obj = _object(raw, where, META_KEYS, what="meta")
    return {"name": _string(obj.get("name", "Untitled"), _at(where, "name")),
            "description": _string(obj.get("description", ""), _at(where, "description"))}


def _read_node(raw: Any, i: int, used: set[str]) -> Node:
    where = f"nodes[{i}]"
    obj = _object(raw, where, NODE_KEYS, required=("id", "kind"), what="a node")
    node_id = _ident(obj["id"], _at(where, "id"))
    if node_id in used:
        raise ProjectError(f"{_show(node_id)} is used twice (node and edge ids must be unique)", _at(where, "id"))
    used.add(node_id)
    kind_name = obj["kind"]
    if not isinstance(kind_name, str) or kind_name not in registry.KINDS:
        raise ProjectError(f"unknown node kind {_show(kind_name)} (known kinds: {', '.join(registry.KINDS)})",
                           _at(where, "kind"))
    label = _string(obj.get("label", node_id), _at(where, "label"))
    pos_raw = _list(obj.get("pos", [0.0, 0.0]), _at(where, "pos"))
    if len(pos_raw) != 2:
        raise ProjectError("must be a list of two numbers [x, y]", _at(where, "pos"))
    pos = (_number(pos_raw[0], _at(where, "pos") + "[0]"), _number(pos_raw[1], _at(where, "pos") + "[1]"))
    config = _check_config(registry.KINDS[kind_name], obj.get("config", {}), _at(where, "config"))
    params_raw = obj.get("params", {})
    if not isinstance(params_raw, dict):
        raise ProjectError(f"must be an object, not {_type_name(params_raw)}", _at(where, "params"))
    params: dict[str, np.ndarray] = {}
    for key, value in params_raw.items():
        if not isinstance(key, str) or not key:
            raise ProjectError("parameter names must be non-empty strings", _at(where, "params"))
        params[key] = _array(value, _at(_at(where, "params"), key))
    return Node(node_id, kind_name, label, pos, config, params)


def _check_config(kind: registry.NodeKind, raw: Any, where: str) -> dict[str, Any]:
    try:
        return kind.check_config(raw)
    except registry.ConfigError as exc:
        raise ProjectError(str(exc), _at(where, exc.key) if exc.key else where) from None
    except (ArithmeticError, TypeError, ValueError):
        # A field check that fails without a ConfigError (a huge integer where a float belongs):
        # find the key and report it plainly.
        for f in kind.fields:
            if f.name in raw:
                try:
                    f.check(raw[f.name])
                except registry.ConfigError as exc:
                    raise ProjectError(str(exc), _at(where, f.name)) from None
                except Exception:
                    raise ProjectError("is not a valid value", _at(where, f.name)) from None
        raise


def _read_edge(raw: Any, i: int, used: set[str], kinds: dict[str, str]) -> Edge:
    where = f"edges[{i}]"
    obj = _object(raw, where, EDGE_KEYS, required=("id", "source", "target"), what="an edge")
    edge_id = _ident(obj["id"], _at(where, "id"))
    if edge_id in used:
        raise ProjectError(f"{_show(edge_id)} is used twice (node and edge ids must be unique)", _at(where, "id"))
    used.add(edge_id)
    ends = []
    for key in ("source", "target"):
        end = _string(obj[key], _at(where, key), empty=False)
        if end not in kinds:
            raise ProjectError(f"there is no node {_show(end)}", _at(where, key))
        ends.append(end)
    weight_raw = obj.get("weight")
    weight: float | np.ndarray | None = None
    if weight_raw is not None:
        if isinstance(weight_raw, list):
            weight = _array(weight_raw, _at(where, "weight"), max_rank=1)
        else:
            weight = _number(weight_raw, _at(where, "weight"))
    trainable = _bool(obj.get("trainable", True), _at(where, "trainable"))
    return Edge(edge_id, ends[0], ends[1], weight, trainable)


def _id_list(raw: Any, where: str, kinds: dict[str, str], need_input: bool) -> list[str]:
    ids = _str_list(raw, where)
    for i, node_id in enumerate(ids):
        if node_id not in kinds:
            raise ProjectError(f"there is no node {_show(node_id)}", _at(where, i))
        if need_input and kinds[node_id] != "input":
            raise ProjectError(f"{_show(node_id)} is a {kinds[node_id]} node, not an input node", _at(where, i))
    return ids


def _read_data(raw: Any, where: str = "data") -> DataSpec:
    obj = _object(raw, where, DATA_KEYS, what="data")
    default = DataSpec()
    source = _read_source(obj["source"], _at(where, "source")) if "source" in obj else default.source
    split = obj.get("validation_split", default.validation_split)
    return DataSpec(source, _number(split, _at(where, "validation_split"), 0.0, 1.0, hi_open=True),
                    _choice(obj.get("normalize", default.normalize), _at(where, "normalize"), NORMALIZE))


def _read_source(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ProjectError(f"must be an object, not {_type_name(raw)}", where)
    if "kind" not in raw:
        raise ProjectError("is missing", _at(where, "kind"))
    kind = _choice(raw["kind"], _at(where, "kind"), SOURCES)
    required, optional = SOURCES[kind]
    _object(raw, where, ("kind", *required, *optional), required, what=f"a {kind} source")
    values = {**copy.deepcopy(optional), **raw}
    out: dict[str, Any] = {"kind": kind}
    at = {key: _at(where, key) for key in values}
    if kind == "table":
        inputs = _array(values["inputs"], at["inputs"], max_rank=2)
        targets = _array(values["targets"], at["targets"], max_rank=2)
        if inputs.ndim != 2 and inputs.size:
            raise ProjectError("must be a list of rows, each a list of numbers", at["inputs"])
        if targets.ndim == 0:
            raise ProjectError("must be a list of rows (or a list of integer class labels)", at["targets"])
        for key, arr in (("inputs", inputs), ("targets", targets)):
            if arr.ndim == 2 and arr.shape[0] and not arr.shape[1]:
                raise ProjectError("rows must not be empty", at[key])
        if len(inputs) != len(targets):
            raise ProjectError(f"has {len(targets)} rows, but inputs has {len(inputs)}", at["targets"])
        out["inputs"] = inputs.tolist() if inputs.size else []
        if targets.ndim == 1:
            if not all(float(t).is_integer() and 0 <= t <= INT_MAX for t in targets):
                raise ProjectError("a list of single values holds class labels: integers ≥ 0", at["targets"])
            out["targets"] = [int(t) for t in targets]
        else:
            out["targets"] = targets.tolist()
    elif kind == "builtin":
        out["name"] = _string(values["name"], at["name"], empty=False)
        out["params"] = _plain_json(values["params"], at["params"])
        if not isinstance(out["params"], dict):
            raise ProjectError(f"must be an object, not {_type_name(out['params'])}", at["params"])
    elif kind == "csv":
        out["path"] = _path(values["path"], at["path"])
        for key in ("input_columns", "target_columns"):
            out[key] = _str_list(values[key], at[key])
            if not out[key]:
                raise ProjectError("must name at least one column", at[key])
        out["target_encoding"] = _choice(values["target_encoding"], at["target_encoding"], TARGET_ENCODINGS)
        delimiter = _string(values["delimiter"], at["delimiter"])
        if len(delimiter) != 1 or delimiter in "\r\n\"":
            raise ProjectError("must be one character (not a quote or a line break)", at["delimiter"])
        out["delimiter"] = delimiter
    elif kind == "npz":
        out["path"] = _path(values["path"], at["path"])
        out["inputs"] = _string(values["inputs"], at["inputs"], empty=False)
        out["targets"] = _string(values["targets"], at["targets"], empty=False)
    else:   # idx
        out["images"] = _path(values["images"], at["images"])
        out["labels"] = _path(values["labels"], at["labels"])
    return out


def _read_training(raw: Any, where: str = "training") -> TrainingSpec:
    obj = _object(raw, where, TRAINING_KEYS, what="training")
    d = TrainingSpec()
    at = {key: _at(where, key) for key in TRAINING_KEYS}
    reg = _object(obj.get("regularization", d.regularization), at["regularization"], ("l1", "l2"),
                  what="regularization")
    return TrainingSpec(
        loss=_choice(obj.get("loss", d.loss), at["loss"], LOSSES),
        optimizer=_settings(obj.get("optimizer", d.optimizer), at["optimizer"], OPTIMIZERS, "optimizer"),
        schedule=_settings(obj.get("schedule", d.schedule), at["schedule"], SCHEDULES, "schedule"),
        epochs=_int(obj.get("epochs", d.epochs), at["epochs"]),
        batch_size=_int(obj.get("batch_size", d.batch_size), at["batch_size"]),
        shuffle=_bool(obj.get("shuffle", d.shuffle), at["shuffle"]),
        seed=_int(obj.get("seed", d.seed), at["seed"], 0, SEED_MAX),
        regularization={k: _number(reg.get(k, 0.0), _at(at["regularization"], k), 0.0) for k in ("l1", "l2")},
        dtype=_choice(obj.get("dtype", d.dtype), at["dtype"], DTYPES),
    )


def _settings(raw: Any, where: str, table: dict[str, dict[str, Any]], what: str) -> dict[str, Any]:
    """An optimiser or schedule: `kind` plus only the settings that kind has, each checked."""
    if not isinstance(raw, dict):
        raise ProjectError(f"must be an object, not {_type_name(raw)}", where)
    if "kind" not in raw:
        raise ProjectError("is missing", _at(where, "kind"))
    kind = _choice(raw["kind"], _at(where, "kind"), table)
    defaults = table[kind]
    _object(raw, where, ("kind", *defaults), what=f"the {kind} {what}")
    out: dict[str, Any] = {"kind": kind}
    for key, value in raw.items():
        if key == "kind":
            continue
        default, at = defaults[key], _at(where, key)
        lo, hi, lo_open, hi_open = LIMITS.get(key, (None, None, False, False))
        if isinstance(default, bool):
            out[key] = _bool(value, at)
        elif isinstance(default, int):
            out[key] = _int(value, at, int(lo if lo is not None else 0), int(hi if hi is not None else INT_MAX))
        else:
            out[key] = _number(value, at, lo, hi, lo_open, hi_open)
    return out


def _read_history(raw: Any, where: str = "history") -> History:
    obj = _object(raw, where, HISTORY_KEYS, what="history")
    if not obj:
        return History()
    for key in ("epoch", "loss"):
        if key not in obj:
            raise ProjectError("is missing", _at(where, key))
    epoch = [_int(v, _at(_at(where, "epoch"), i), 0, 2**53) for i, v in enumerate(_list(obj["epoch"], _at(where, "epoch")))]
    n = len(epoch)
    columns: dict[str, list] = {"epoch": epoch}
    for key in HISTORY_KEYS[1:]:
        at = _at(where, key)
        values = _list(obj.get(key, [None] * n), at)
        if len(values) != n:
            raise ProjectError(f"has {len(values)} entries, but epoch has {n}", at)
        hi = 1.0 if "accuracy" in key else None
        columns[key] = [None if (v is None and key != "loss") else _number(v, _at(at, i), 0.0 if hi else None, hi)
                        for i, v in enumerate(values)]
    return History(**columns)


# --- writing ----------------------------------------------------------------------------------
def project_to_dict(project: Project) -> dict[str, Any]:
    """The JSON object for `project` (plain Python values; arrays as nested lists of floats)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "meta": _plain(project.meta),
        "nodes": [_node_out(n) for n in project.nodes],
        "edges": [_edge_out(e) for e in project.edges],
        "inputs": list(project.inputs),
        "outputs": list(project.outputs),
        "data": _data_out(project.data),
        "training": _training_out(project.training),
        "history": _history_out(project.history),
    }


def _plain(value: Any) -> Any:
    """NumPy values and tuples → plain JSON values (deep copy)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, np.generic):
        return value.item()
    return value


def _array_out(value: Any) -> float | list:
    arr = np.asarray(value, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr.tolist()


def _node_out(node: Node) -> dict[str, Any]:
    out = {"id": node.id, "kind": node.kind, "label": node.label,
           "pos": [float(node.pos[0]), float(node.pos[1])], "config": _plain(node.config)}
    if node.params:
        out["params"] = {k: _array_out(v) for k, v in node.params.items()}
    return out


def _edge_out(edge: Edge) -> dict[str, Any]:
    out: dict[str, Any] = {"id": edge.id, "source": edge.source, "target": edge.target}
    if edge.weight is not None:
        out["weight"] = _array_out(edge.weight)
    out["trainable"] = bool(edge.trainable)
    return out


def _data_out(data: DataSpec) -> dict[str, Any]:
    return {"source": _plain(data.source), "validation_split": float(data.validation_split),
            "normalize": data.normalize}


def _training_out(t: TrainingSpec) -> dict[str, Any]:
    return {"loss": t.loss, "optimizer": _plain(t.optimizer), "schedule": _plain(t.schedule),
            "epochs": _plain(t.epochs), "batch_size": _plain(t.batch_size), "shuffle": _plain(t.shuffle),
            "seed": _plain(t.seed), "regularization": _plain(t.regularization), "dtype": t.dtype}


def _history_out(h: History) -> dict[str, Any]:
    def col(values: list) -> list:
        return [None if v is None else float(v) for v in values]
    return {"epoch": [int(e) for e in h.epoch], "loss": col(h.loss), "val_loss": col(h.val_loss),
            "accuracy": col(h.accuracy), "val_accuracy": col(h.val_accuracy)}


def check_settings(project: Project) -> list[ProjectError]:
    """The problems io would find in meta, data, training and history (for validation of projects
    built in memory rather than loaded)."""
    found = []
    for section, out, read in (("meta", _plain, _read_meta), ("data", _data_out, _read_data),
                               ("training", _training_out, _read_training), ("history", _history_out, _read_history)):
        try:
            read(out(getattr(project, section)), section)
        except ProjectError as exc:
            found.append(exc)
        except Exception as exc:
            found.append(ProjectError(f"holds a value that cannot be saved ({type(exc).__name__})", section))
    return found


def _format(value: Any, level: int = 0) -> str:
    """JSON with two-space indents; anything that fits in a line, and every row of numbers, on one line."""
    one = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
    if len(one) + 2 * level <= 100 or not isinstance(value, (dict, list)) or not value:
        return one
    pad, end = "  " * (level + 1), "\n" + "  " * level
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_format(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + end + "}"
    if not any(isinstance(v, (list, dict)) for v in value):
        return one
    return "[\n" + ",\n".join(pad + _format(v, level + 1) for v in value) + end + "]"


def dumps_project(project: Project) -> str:
    """The file text for `project`. Refuses (ProjectError) anything that would not load back."""
    try:
        data = project_to_dict(project)
    except Exception as exc:
        raise ProjectError(f"the project holds a value that cannot be saved ({type(exc).__name__}: {exc})") from exc
    project_from_dict(data)        # never write a file this module would refuse to read
    try:
        return _format(data) + "\n"
    except (TypeError, ValueError) as exc:
        raise ProjectError(f"the project holds a value that cannot be saved ({exc})") from exc


def save_project(project: Project, path: str | os.PathLike) -> None:
    """Write `project` to `path` atomically (a temporary file in the same folder, then a rename).
    `project.path` is left unchanged."""
    text = dumps_project(project)
    shown = os.fspath(path)
    target = os.path.realpath(shown)
    folder = os.path.dirname(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(target) + ".", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ProjectError(f"cannot be written ({exc.strerror or exc})", shown) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise ProjectError(f"cannot be written ({exc.strerror or exc})", shown) from exc
        raise


class _BadJSON(ValueError):
    pass


def _reject_constant(token: str) -> float:
    raise _BadJSON(f"{token} is not allowed: numbers must be finite")


def _parse_float(token: str) -> float:
    value = float(token)
    if not math.isfinite(value):
        raise _BadJSON(f"the number {token[:40]} is too large")
    return value


def _parse_int(token: str) -> int:
    if len(token) > 400:
        raise _BadJSON(f"an integer of {len(token)} digits is too large")
    return int(token)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _BadJSON(f"the key {key[:40]!r} appears twice in one object")
        out[key] = value
    return out


def loads_project(text: str | bytes, path: str | os.PathLike | None = None) -> Project:
    """Parse project JSON text. `path`, if given, names the file in errors and becomes project.path."""
    shown = os.fspath(path) if path is not None else ""
    try:
        data = json.loads(text, parse_constant=_reject_constant, parse_float=_parse_float, parse_int=_parse_int,
                          object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise ProjectError(f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", shown) from None
    except _BadJSON as exc:
        raise ProjectError(str(exc), shown) from None
    except RecursionError:
        raise ProjectError("nested too deeply to read", shown) from None
    except (ValueError, TypeError) as exc:
        raise ProjectError(f"cannot be read ({exc})", shown) from None
    if not shown:
        return project_from_dict(data)
    try:
        return project_from_dict(data, path=path)
    except ProjectError as exc:
        error = ProjectError(exc.detail, f"{shown}: {exc.where}" if exc.where else shown)
        error.json_path = exc.where        # type: ignore[attr-defined]
        raise error from None


def load_project(path: str | os.PathLike) -> Project:
    """Read a project file. Raises ProjectError naming the file for anything wrong with it."""
    try:
        shown = os.fspath(path)
    except TypeError:
        raise ProjectError(f"a file path must be a string, not {_type_name(path)}") from None
    if os.path.isdir(shown):
        raise ProjectError("is a folder, not a project file", shown)
    try:
        with open(shown, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise ProjectError("no such file", shown) from None
    except (OSError, ValueError) as exc:
        raise ProjectError(f"cannot be read ({getattr(exc, 'strerror', None) or exc})", shown) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ProjectError(f"is not UTF-8 text (undecodable byte at offset {exc.start})", shown) from None
    return loads_project(text, shown)
