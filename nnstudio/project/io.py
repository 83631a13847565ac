"""Strict JSON load and save for project files (format `nnstudio.project`, version 1).

Every malformed input raises ProjectError, whose message starts with the JSON path at fault
(`nodes[3].config.units: must be a positive integer`). Arrays round-trip bit for bit: they are
written as nested lists of Python floats, whose repr reads back exactly. docs/format.md is the
reference for every key; reader.py reads, this module writes and handles files.
"""
from __future__ import annotations

import json
import math
import os
import stat
import tempfile
from typing import Any

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.project.model import FORMAT_NAME, FORMAT_VERSION, DataSpec, Edge, History, Node, Project, TrainingSpec
from nnstudio.project.reader import (MIGRATIONS, _read_data, _read_history, _read_meta, _read_training, _read_view,
                                     project_from_dict)
from nnstudio.project.schema import _type_name

__all__ = ["MIGRATIONS", "ProjectError", "check_settings", "dumps_project", "load_project", "loads_project",
           "project_from_dict", "project_to_dict", "save_project", "write_atomically"]

# --- writing ----------------------------------------------------------------------------------
def project_to_dict(project: Project) -> dict[str, Any]:
    """The JSON object for `project` (plain Python values; arrays as nested lists of floats)."""
    out = {
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
    view = _view_out(project.view)
    if view:           # written only when there is something to say, so other files keep their bytes
        out["view"] = view
    return out


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
    out = {"source": _plain(data.source), "validation_split": float(data.validation_split),
           "normalize": data.normalize}
    # Written only when set, so files that do not use them stay as they were.
    if data.split_seed is not None:
        out["split_seed"] = _plain(data.split_seed)
    if data.features:
        out["features"] = list(data.features)
    if data.normalizer is not None:
        out["normalizer"] = _plain(data.normalizer)
    return out


def _training_out(t: TrainingSpec) -> dict[str, Any]:
    out = {"loss": t.loss, "optimizer": _plain(t.optimizer), "schedule": _plain(t.schedule),
           "epochs": _plain(t.epochs), "batch_size": _plain(t.batch_size), "shuffle": _plain(t.shuffle),
           "seed": _plain(t.seed), "regularization": _plain(t.regularization), "dtype": t.dtype}
    if t.clip_norm is not None:   # written only when set, so files without it keep their bytes
        out["clip_norm"] = float(t.clip_norm)
    return out


def _view_out(view: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in view.items() if v}


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
                               ("training", _training_out, _read_training), ("history", _history_out, _read_history),
                               ("view", _view_out, _read_view)):
        try:
            read(out(getattr(project, section)), section)
        except ProjectError as exc:
            found.append(exc)
        except Exception as exc:
            found.append(ProjectError(f"holds a value that cannot be saved ({type(exc).__name__})", section))
    return found


def _budget(value: Any, budget: int) -> int:
    """`budget` minus a lower bound on the length of `value` as JSON; stops early once below 0."""
    if isinstance(value, dict):
        budget -= 2
        for k, v in value.items():
            budget = _budget(v, budget - len(k) - 4)
            if budget < 0:
                break
        return budget
    if isinstance(value, list):
        budget -= 2
        for v in value:
            budget = _budget(v, budget - 2)
            if budget < 0:
                break
        return budget
    return budget - (len(value) + 2 if isinstance(value, str) else 1)


def _format(value: Any, level: int = 0) -> str:
    """JSON with two-space indents; anything that fits in a line, and every row of numbers, on one line."""
    if not isinstance(value, (dict, list)) or not value or _budget(value, 100 - 2 * level) >= 0:
        one = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
        if len(one) + 2 * level <= 100 or not isinstance(value, (dict, list)) or not value:
            return one
    pad, end = "  " * (level + 1), "\n" + "  " * level
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_format(v, level + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + end + "}"
    if not any(isinstance(v, (list, dict)) for v in value):
        return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))
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
    write_atomically(dumps_project(project), path)


def write_atomically(text: str, path: str | os.PathLike) -> None:
    """Write `text` (UTF-8) to `path` all or nothing: a temporary file in the same folder, synced,
    given the target's permissions, then renamed over it. ProjectError naming `path` on failure."""
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
