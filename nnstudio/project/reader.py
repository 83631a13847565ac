"""Reading a project from its JSON object: every key checked, every error naming its JSON path."""
from __future__ import annotations

import copy
import os
from typing import Any, Callable

import numpy as np

from nnstudio.data.dataset import DataError
from nnstudio.data.features import check_features
from nnstudio.data.prepare import Normalizer
from nnstudio.engine.losses import LOSSES
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project import registry
from nnstudio.errors import ProjectError
from nnstudio.project.model import (FORMAT_NAME, FORMAT_VERSION, DataSpec, Edge, History, Node, Project,
                                     TrainingSpec)
from nnstudio.project.schema import (DATA_KEYS, DTYPES, EDGE_KEYS, HISTORY_KEYS, INT_MAX, LIMITS, META_KEYS,
    NODE_KEYS, NORMALIZE, SEED_MAX, SOURCES, TARGET_ENCODINGS, TOP_KEYS, TRAINING_KEYS, VIEW_KEYS, _array, _at, _bool,
    _choice, _ident, _int, _is_number, _list, _number, _object, _path, _plain_json, _show, _str_list, _string,
    _type_name, _unicode)

# version N → function turning a version-N dict into a version-(N+1) dict. Add one per format change.
MIGRATIONS: dict[int, Callable[[dict], dict]] = {}


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
    project.view = _read_view(data.get("view", {}))
    return project


def _read_view(raw: Any, where: str = "view") -> dict[str, Any]:
    """The view settings. `expanded` may name ids the file no longer holds: readers skip those."""
    obj = _object(raw, where, VIEW_KEYS, what="view")
    expanded = [_ident(v, _at(_at(where, "expanded"), i))
                for i, v in enumerate(_str_list(obj.get("expanded", []), _at(where, "expanded")))]
    return {"expanded": expanded} if expanded else {}


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
        _unicode(key, _at(where, "params"))
        params[key] = _array(value, _at(_at(where, "params"), key))
    return Node(node_id, kind_name, label, pos, config, params)


def _check_config(kind: registry.NodeKind, raw: Any, where: str) -> dict[str, Any]:
    try:
        return kind.check_config(raw)
    except registry.ConfigError as exc:
        raise ProjectError(str(exc), _at(where, exc.key) if exc.key else where) from None


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
        if need_input and registry.kind(kinds[node_id]).category != "input":
            raise ProjectError(f"{_show(node_id)} is a {kinds[node_id]} node, not an input node", _at(where, i))
    return ids


def _read_data(raw: Any, where: str = "data") -> DataSpec:
    obj = _object(raw, where, DATA_KEYS, what="data")
    default = DataSpec()
    source = _read_source(obj["source"], _at(where, "source")) if "source" in obj else default.source
    split = obj.get("validation_split", default.validation_split)
    split_seed = obj.get("split_seed")
    features = _str_list(obj.get("features", []), _at(where, "features"))
    normalizer = obj.get("normalizer")
    try:
        check_features(features, _at(where, "features"))
        if normalizer is not None:
            normalizer = Normalizer.from_dict(normalizer, _at(where, "normalizer")).to_dict()
    except DataError as exc:        # a ProjectError, but name it as every other reader error
        raise ProjectError(exc.detail, exc.where) from None
    return DataSpec(source, _number(split, _at(where, "validation_split"), 0.0, 1.0, hi_open=True),
                    _choice(obj.get("normalize", default.normalize), _at(where, "normalize"), NORMALIZE),
                    None if split_seed is None else _int(split_seed, _at(where, "split_seed"), 0, SEED_MAX),
                    features, normalizer)


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
        out["header"] = _bool(values["header"], at["header"])
        out["missing"] = _choice(values["missing"], at["missing"], ("refuse", "drop"))
        decimal = values["decimal"]
        if decimal not in (".", ","):
            raise ProjectError(f'must be "." (a decimal point) or "," (a decimal comma), not {_show(decimal)}',
                               at["decimal"])
        out["decimal"] = decimal
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
        clip_norm=None if obj.get("clip_norm") is None else _number(obj["clip_norm"], at["clip_norm"], 0.0,
                                                                    lo_open=True),
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
