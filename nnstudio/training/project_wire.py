"""The project as it crosses to the engine process: its JSON config, and its arrays as arrays.

Re-encoding every weight as JSON text (and parsing it back) costs far more than the training
step it starts (~80 ms for a 784-128-64-10 MLP, a CNN's weights more); a pickled array is a copy
of its bytes. So `split_project` writes the project's v1 JSON with each node parameter and edge
weight replaced by a reference, its index in a list of float64 arrays that cross beside it, and
`join_project` reads that JSON as it would read a file (every key checked) and puts the arrays
back. The engine gets exactly the Project the file format would give it:
- parameters are C-ordered float64 arrays of their own (a number is a 0-d array);
- an edge's scalar weight is a Python float, a vector weight a 1-d array, no weight stays None;
- a weight that is not finite is refused in the window (ValueError, as json.dumps refuses it).
The references exist only on this pipe: such JSON is never written to a file.
"""
from __future__ import annotations

import dataclasses
import json

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.project.io import loads_project, project_to_dict
from nnstudio.project.model import EdgeWeight, Project
from nnstudio.project.schema import MAX_RANK


def _float64(value: object) -> np.ndarray:
    """A C-ordered float64 copy, taken now: the document may change before the message is sent.
    C order, because the file format's arrays are C-ordered and BLAS may round otherwise."""
    array = np.array(value, dtype=np.float64, order="C")
    if not np.isfinite(array).all():
        raise ValueError("a weight is not a finite number (NaN or infinity)")
    return array


def split_project(project: Project) -> tuple[str, list[np.ndarray]]:
    """`project` as JSON text whose params and edge weights are references, and the arrays they
    refer to (float64, in document order). ValueError if a weight or a setting is not finite."""
    arrays: list[np.ndarray] = []

    def refer(value: object) -> int:
        arrays.append(_float64(value))
        return len(arrays) - 1

    # dataclasses.replace copies nothing big: the stripped project shares the rest with `project`.
    nodes = [dataclasses.replace(n, params={key: refer(v) for key, v in n.params.items()}) for n in project.nodes]
    edges = [dataclasses.replace(e, weight=None if e.weight is None else refer(e.weight)) for e in project.edges]
    bare = dataclasses.replace(project, nodes=nodes, edges=edges)
    return json.dumps(project_to_dict(bare), allow_nan=False), arrays


def _take(arrays: list, ref: object, taken: list[bool], where: str, max_rank: int) -> np.ndarray:
    """The array `ref` names, checked as the file reader checks one (finite, at most `max_rank`
    dimensions), as a fresh C-ordered float64 array of the engine's own."""
    number = float(ref) if np.ndim(ref) == 0 else -1.0
    index = int(number)
    if not 0 <= index < len(arrays) or index != number or taken[index]:
        raise ProjectError(f"refers to array {number!r}, which did not cross", where)
    taken[index] = True
    value = arrays[index]
    if not isinstance(value, np.ndarray) or value.dtype != np.float64:
        raise ProjectError("did not cross as a float64 array", where)
    if value.ndim > max_rank:
        raise ProjectError(f"has more than {max_rank} dimensions" if max_rank > 1
                           else "must be a number or a list of numbers", where)
    if not np.isfinite(value).all():
        raise ProjectError("must hold finite numbers", where)
    return np.array(value, dtype=np.float64, order="C")   # owned, writable, aligned as numpy aligns


def join_project(text: str, arrays: list[np.ndarray]) -> Project:
    """The project `split_project` sent: its JSON read as a file is, its arrays put back.
    ProjectError for anything wrong, as the file reader would raise it."""
    if not isinstance(arrays, list):
        raise ProjectError("the project's arrays did not cross as a list")
    project = loads_project(text)
    taken = [False] * len(arrays)
    for i, node in enumerate(project.nodes):
        node.params = {key: _take(arrays, ref, taken, f"nodes[{i}].params.{key}", MAX_RANK)
                       for key, ref in node.params.items()}
    for i, edge in enumerate(project.edges):
        if edge.weight is not None:
            edge.weight = _edge_weight(_take(arrays, edge.weight, taken, f"edges[{i}].weight", 1))
    if not all(taken):
        raise ProjectError(f"{taken.count(False)} of the project's arrays are not referred to")
    return project


def _edge_weight(value: np.ndarray) -> EdgeWeight:
    """A number stays a Python float (as the reader gives it), a list a 1-d array."""
    return float(value) if value.ndim == 0 else value
