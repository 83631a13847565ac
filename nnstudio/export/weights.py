"""Trained weights out of a project: a NumPy `.npz` archive or a plain JSON file.

Both hold every parameter the compiled network uses. Parameters the file does not have yet are
initialised exactly as compile does (from `config.init` and `training.seed`), so an export of an
untrained project gives the weights a run would start from. They also carry the input
preprocessing the weights were trained with (`data.features` and the stored `data.normalizer`),
without which a prediction from the raw inputs would be wrong.
"""
from __future__ import annotations

import copy
import json
import os
import tempfile
from typing import Any, Callable, IO

import numpy as np

from nnstudio.project.compile import compile_project
from nnstudio.errors import ProjectError
from nnstudio.project.model import Project

WEIGHTS_FORMAT = "nnstudio.weights"
WEIGHTS_VERSION = 1


def collect_weights(project: Project) -> tuple[dict[str, dict[str, np.ndarray]], dict[str, float | np.ndarray]]:
    """(node id → {param: array}, edge id → weight) as float64, in file order."""
    model = compile_project(project)
    params = model.node_params()
    weights = model.edge_weights()
    nodes = {n.id: params[n.id] for n in project.nodes if n.id in params}
    edges = {e.id: weights[e.id] for e in project.edges if e.id in weights}
    return nodes, edges


def weight_arrays(project: Project) -> dict[str, np.ndarray]:
    """Flat mapping "<node_id>/<param>" and "edge/<edge_id>" → array (0-d for scalars)."""
    nodes, edges = collect_weights(project)
    out: dict[str, np.ndarray] = {}
    for node_id, params in nodes.items():
        for key, value in params.items():
            out[f"{node_id}/{key}"] = np.asarray(value, dtype=np.float64)
    for edge_id, w in edges.items():
        key = f"edge/{edge_id}"
        if key in out:   # only when a node is called "edge" and owns a param named like an edge
            raise ProjectError(f"the key {key!r} is used twice; rename node 'edge'", "edge")
        out[key] = np.asarray(w, dtype=np.float64)
    normalizer = project.data.normalizer
    if normalizer:
        for key in ("offset", "scale"):
            name = f"preprocessing/{key}"
            if name in out:
                raise ProjectError(f"the key {name!r} is used twice; rename node 'preprocessing'", "preprocessing")
            out[name] = np.asarray(normalizer[key], dtype=np.float64)
    return out


def export_npz(project: Project, path: str | os.PathLike) -> None:
    """Write every weight to an uncompressed `.npz` (plain arrays: loading never needs pickle)."""
    arrays = weight_arrays(project)
    _write_atomic(path, "wb", lambda f: np.savez(f, **arrays))


def weights_to_dict(project: Project) -> dict[str, Any]:
    """The JSON export as a dict: nested lists for arrays, plain numbers for scalars."""
    nodes, edges = collect_weights(project)
    return {
        "format": WEIGHTS_FORMAT,
        "version": WEIGHTS_VERSION,
        "nodes": {node_id: {k: np.asarray(v).tolist() for k, v in params.items()}
                  for node_id, params in nodes.items()},
        "edges": {edge_id: (w if isinstance(w, float) else np.asarray(w).tolist())
                  for edge_id, w in edges.items()},
        # Raw input columns → derived features → (x − offset) / scale → the network's inputs.
        "preprocessing": {"features": list(project.data.features),
                          "normalizer": copy.deepcopy(project.data.normalizer)},
    }


def export_json(project: Project, path: str | os.PathLike) -> None:
    """Write the weights as JSON (floats written with repr, so they read back bit-exact)."""
    text = json.dumps(weights_to_dict(project), indent=1, allow_nan=False) + "\n"
    _write_atomic(path, "w", lambda f: f.write(text))


def _write_atomic(path: str | os.PathLike, mode: str, write: Callable[[IO], Any]) -> None:
    """Write through a temporary file in the same folder, then rename: never a half file."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".nnstudio-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, mode, **({"encoding": "utf-8"} if "b" not in mode else {})) as f:
            write(f)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
