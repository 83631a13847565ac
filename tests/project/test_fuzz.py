"""Fuzzing the loader: whatever a file holds, io raises ProjectError or gives a Project that
validates without raising, compiles (or refuses with ProjectError) and round-trips unchanged.

Derandomized, so every run (and CI) tries the same cases.
"""
from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.losses import LOSSES
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project import registry
from nnstudio.project.compile import compile_project
from nnstudio.project.graph import CycleError, infer_shapes, topological_order
from nnstudio.project.io import (ProjectError, dumps_project, loads_project, project_from_dict,
                                 project_to_dict)
from nnstudio.project.validation import Problem, validate

FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])


# --- three small valid projects ---------------------------------------------------------------
def neurons_221() -> dict:
    ws = [("w1", "x1", "h1", 0.5, False), ("w2", "x2", "h1", -0.5, False), ("w3", "x1", "h2", 1.0, False),
          ("w4", "x2", "h2", 1.0, False), ("w5", "h1", "y", 1.0, True), ("w6", "h2", "y", -1.0, True)]
    return {
        "format": "nnstudio.project", "version": 1, "meta": {"name": "2-2-1", "description": ""},
        "nodes": [{"id": "x1", "kind": "input", "label": "x1", "pos": [0, 0], "config": {"shape": [1]}},
                  {"id": "x2", "kind": "input", "label": "x2", "pos": [0, 50], "config": {"shape": [1]}},
                  {"id": "h1", "kind": "neuron", "label": "h1", "pos": [100, 0],
                   "config": {"activation": "step", "bias_trainable": False}, "params": {"b": -0.5}},
                  {"id": "h2", "kind": "neuron", "config": {"activation": "step", "bias_trainable": False},
                   "params": {"b": -1.5}},
                  {"id": "y", "kind": "neuron", "config": {"activation": "step", "init": "zeros"}}],
        "edges": [{"id": a, "source": s, "target": t, "weight": w, "trainable": tr} for a, s, t, w, tr in ws],
        "inputs": ["x1", "x2"], "outputs": ["y"],
        "data": {"source": {"kind": "table", "inputs": [[0, 0], [0, 1], [1, 0], [1, 1]],
                            "targets": [[0], [1], [1], [0]]}, "validation_split": 0.0, "normalize": "none"},
        "training": {"loss": "mse", "optimizer": {"kind": "perceptron", "lr": 1.0}, "schedule": {"kind": "constant"},
                     "epochs": 10, "batch_size": 1, "shuffle": True, "seed": 3,
                     "regularization": {"l1": 0.0, "l2": 0.0}, "dtype": "float64"},
        "history": {"epoch": [1, 2], "loss": [0.5, 0.25], "val_loss": [None, None],
                    "accuracy": [0.5, 0.75], "val_accuracy": [None, None]},
    }


def dense_net() -> dict:
    return {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "img", "kind": "input", "config": {"shape": [1, 2, 2]}},
                  {"id": "flat", "kind": "flatten"},
                  {"id": "d1", "kind": "dense", "config": {"units": 3, "activation": "leaky_relu", "alpha": 0.1},
                   "params": {"W": [[0.1, 0.2, 0.3]] * 4, "b": [0.0, 0.1, -0.1]}},
                  {"id": "drop", "kind": "dropout", "config": {"rate": 0.25}},
                  {"id": "act", "kind": "activation", "config": {"activation": "prelu"}},
                  {"id": "out", "kind": "dense", "config": {"units": 2, "activation": "softmax", "init": "he_normal"}},
                  {"id": "n", "kind": "neuron", "config": {"activation": "tanh"}}],
        "edges": [{"id": "e1", "source": "img", "target": "flat"}, {"id": "e2", "source": "flat", "target": "d1"},
                  {"id": "e3", "source": "d1", "target": "drop"}, {"id": "e4", "source": "drop", "target": "act"},
                  {"id": "e5", "source": "act", "target": "out"},
                  {"id": "e6", "source": "d1", "target": "n", "weight": [0.5, 0.5, 0.5], "trainable": False},
                  {"id": "e7", "source": "n", "target": "out"}],
        "inputs": ["img"], "outputs": ["out"],
        "data": {"source": {"kind": "csv", "path": "d.csv", "input_columns": ["a", "b", "c", "d"],
                            "target_columns": ["label"], "target_encoding": "onehot"},
                 "validation_split": 0.2, "normalize": "standard"},
        "training": {"loss": "categorical_crossentropy",
                     "optimizer": {"kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True},
                     "schedule": {"kind": "cosine", "t_max": 0, "eta_min": 0.001}, "epochs": 5,
                     "regularization": {"l2": 0.001}, "dtype": "float32"},
    }


def worked_like() -> dict:
    def neuron(i, b):
        return {"id": i, "kind": "neuron", "config": {"activation": "sigmoid", "bias_trainable": False},
                "params": {"b": b}}
    ws = [("w1", "i1", "h1", .15), ("w2", "i2", "h1", .2), ("w3", "i1", "h2", .25), ("w4", "i2", "h2", .3),
          ("w5", "h1", "o1", .4), ("w6", "h2", "o1", .45), ("w7", "h1", "o2", .5), ("w8", "h2", "o2", .55)]
    return {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "i1", "kind": "input"}, {"id": "i2", "kind": "input"},
                  neuron("h1", .35), neuron("h2", .35), neuron("o1", .6), neuron("o2", .6)],
        "edges": [{"id": a, "source": s, "target": t, "weight": w} for a, s, t, w in ws],
        "inputs": ["i1", "i2"], "outputs": ["o1", "o2"],
        "data": {"source": {"kind": "table", "inputs": [[0.05, 0.1]], "targets": [[0.01, 0.99]]}},
        "training": {"loss": "half_sse", "optimizer": {"kind": "adam", "lr": 0.5, "beta2": 0.99}},
    }


BASES = [neurons_221, dense_net, worked_like]


# --- random JSON values and places ------------------------------------------------------------
KEYS = sorted({"id", "kind", "label", "pos", "config", "params", "source", "target", "weight", "trainable",
               "shape", "units", "activation", "alpha", "init", "bias", "rate", "W", "b", "lr", "loss", "epochs",
               "format", "version", "nodes", "edges", "inputs", "outputs", "targets", "path", "name"})
WORDS = sorted({*registry.KINDS, *ACTIVATIONS, *LOSSES, *OPTIMIZERS, *SCHEDULES, "table", "csv", "npz", "idx",
                "builtin", "float32", "float64", "x1", "h1", "y", "d1", "out", "i1", "o1", "ghost", "",
                "nnstudio.project", "none", "standard", "raw", "onehot", "__import__", "..", "\x00", "é"})
SPECIAL_NUMBERS = [0, 1, -1, 2, 3, 100_000, 100_001, 2**31, 2**32, 2**53 + 1, 2**64, 10**400, -(10**400),
                   0.0, -0.0, 0.5, 1.0, 2.0, 1e-320, 1e308, -1e308, math.inf, -math.inf]

scalars = (st.none() | st.booleans() | st.sampled_from(SPECIAL_NUMBERS)
           | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.sampled_from(WORDS) | st.text(max_size=6))
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=4), inner,
                                                                max_size=3),
    max_leaves=8)


def walk(obj, prefix=()):
    """Every (path, value) inside obj, depth first."""
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in items:
        yield prefix + (key,), value
        yield from walk(value, prefix + (key,))


def parent(obj, path):
    for key in path[:-1]:
        obj = obj[key]
    return obj


def nest(value, depth: int):
    for _ in range(depth):
        value = [value]
    return value


def ids_in(d: dict) -> list:
    out = []
    for section in ("nodes", "edges"):
        items = d.get(section)
        if isinstance(items, list):
            out += [x.get("id") for x in items if isinstance(x, dict)]
    return out


def pick(draw, items):
    """One of `items` (cheaper than sampled_from for lists built on the fly)."""
    return items[draw(st.integers(0, len(items) - 1))]


def mutate_wildly(draw, d: dict) -> None:
    """One random change anywhere in `d`, in place: mostly things the loader must refuse."""
    op = pick(draw, ["delete", "replace", "replace", "insert", "duplicate_id", "repeat", "nest", "reverse",
                     "number", "word"])
    places = list(walk(d))
    if not places:
        return
    path, value = pick(draw, places)
    container, key = parent(d, path), path[-1]
    if op == "delete":
        del container[key]
    elif op == "replace":
        container[key] = draw(json_values)
    elif op == "insert":
        dicts = [v for p, v in places if isinstance(v, dict)] + [d]
        pick(draw, dicts)[draw(st.sampled_from(KEYS) | st.text(max_size=4))] = draw(json_values)
    elif op == "duplicate_id":
        ids = ids_in(d)
        records = [v for p, v in places if isinstance(v, dict) and "id" in v]
        if ids and records:
            pick(draw, records)["id"] = pick(draw, ids)
    elif op == "repeat":
        lists = [v for p, v in places if isinstance(v, list) and v]
        if lists:
            chosen = pick(draw, lists)
            chosen.append(json.loads(json.dumps(pick(draw, chosen))))
    elif op == "nest":
        container[key] = nest(value if not isinstance(value, (dict, list)) else 0.5,
                              pick(draw, [2, 3, 9, 17, 40, 200]))
    elif op == "reverse":
        lists = [v for p, v in places if isinstance(v, list)]
        if lists:
            pick(draw, lists).reverse()
    elif op == "number":
        numbers = [p for p, v in places if isinstance(v, (int, float)) and not isinstance(v, bool)]
        if numbers:
            p = pick(draw, numbers)
            parent(d, p)[p[-1]] = pick(draw, SPECIAL_NUMBERS)
    else:
        strings = [p for p, v in places if isinstance(v, str)]
        if strings:
            p = pick(draw, strings)
            parent(d, p)[p[-1]] = pick(draw, WORDS)


SMALL_FLOATS = st.floats(-3, 3, allow_nan=False, allow_subnormal=True)


def mutate_plausibly(draw, d: dict) -> None:
    """One change a user could make in the editor: the result usually loads, so that validation
    and compile see many odd but well-formed projects."""
    nodes, edges = d["nodes"], d.get("edges", [])
    ids = [n["id"] for n in nodes]
    op = pick(draw, ["rewire", "rewire", "drop_edge", "drop_node", "io", "activation", "kind", "units", "shape",
                     "weight", "params", "loss", "optimizer", "drop_optional", "add_edge"])
    node = pick(draw, nodes) if nodes else None
    if op == "rewire" and edges:
        pick(draw, edges)[pick(draw, ["source", "target"])] = pick(draw, ids + ["ghost"])
    elif op == "add_edge" and nodes:
        edges.append({"id": f"x{len(edges)}", "source": pick(draw, ids), "target": pick(draw, ids)})
        d["edges"] = edges
    elif op == "drop_edge" and edges:
        edges.pop(draw(st.integers(0, len(edges) - 1)))
    elif op == "drop_node" and nodes:
        nodes.remove(node)
    elif op == "io":
        d[pick(draw, ["inputs", "outputs"])] = draw(st.lists(st.sampled_from(ids + ["ghost"]), max_size=3))
    elif op == "activation" and node:
        node.setdefault("config", {})["activation"] = pick(draw, sorted(ACTIVATIONS))
    elif op == "kind" and node:
        node["kind"] = pick(draw, sorted(registry.KINDS))
        node["config"] = {}
    elif op == "units" and node:
        node.setdefault("config", {})["units"] = draw(st.integers(1, 6))
    elif op == "shape" and node:
        node.setdefault("config", {})["shape"] = draw(st.lists(st.integers(1, 4), min_size=1, max_size=3))
    elif op == "weight" and edges:
        edge = pick(draw, edges)
        edge["weight"] = draw(st.none() | SMALL_FLOATS | st.lists(SMALL_FLOATS, min_size=0, max_size=4))
    elif op == "params" and node:
        shape = draw(hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=4))
        array = np.asarray(draw(hnp.arrays(np.float64, shape, elements=SMALL_FLOATS)))
        node["params"] = {pick(draw, ["W", "b", "alpha", "gamma"]): array.tolist()}
    elif op == "loss":
        d["training"]["loss"] = pick(draw, sorted(LOSSES))
    elif op == "optimizer":
        d["training"]["optimizer"] = {"kind": pick(draw, sorted(OPTIMIZERS))}
    elif op == "drop_optional" and node:
        for key in ("label", "pos", "config", "params"):
            if draw(st.booleans()):
                node.pop(key, None)


@st.composite
def mutants(draw) -> dict:
    d = pick(draw, BASES)()
    for _ in range(draw(st.integers(0, 3))):
        mutate_plausibly(draw, d)
    if draw(st.integers(0, 9)) < 6:
        for _ in range(draw(st.integers(1, 2))):
            mutate_wildly(draw, d)
    return d


# --- the properties ---------------------------------------------------------------------------
def small_enough_to_compile(project) -> bool:
    """Keep the fuzz fast: skip compiling networks with more than a million weights."""
    try:
        shapes = infer_shapes(project, topological_order(project))
    except CycleError:
        return True
    total = 0
    for node in project.nodes:
        in_shape = shapes.inputs.get(node.id)
        if node.kind == "neuron" and in_shape:
            total += math.prod(in_shape) * len(project.nodes)
        for spec in registry.node_params(node.kind, node.config, in_shape).values():
            total += math.prod(spec.shape)
    return total <= 1_000_000


def check_loaded(project) -> None:
    problems = validate(project)
    assert isinstance(problems, list) and all(isinstance(p, Problem) for p in problems)
    assert all(p.severity in ("error", "warning") and p.message for p in problems)
    first = project_to_dict(project)
    again = project_to_dict(project_from_dict(first))
    assert again == first
    text = dumps_project(project)
    text.encode("utf-8")                # what save_project writes
    assert project_to_dict(loads_project(text)) == first
    if any(p.severity == "error" for p in problems) or not small_enough_to_compile(project):
        return
    try:
        model = compile_project(project)
    except ProjectError:
        return
    shapes = {n.id: tuple(n.config["shape"]) for n in project.nodes if n.kind == "input"}
    with np.errstate(all="ignore"):      # huge but finite weights may overflow; that is not the point here
        y = model.network.forward([np.ones((2, *shapes[i])) for i in model.input_ids])
    assert y.shape[0] == 2


@settings(FUZZ, max_examples=1500)
@given(mutants())
def test_mutated_projects_load_or_raise_project_error(data):
    try:
        project = project_from_dict(data)
    except ProjectError as exc:
        assert str(exc)
        return
    check_loaded(project)


@settings(FUZZ, max_examples=300)
@given(st.sampled_from(BASES), st.data())
def test_mutated_text_loads_or_raises_project_error(base, data):
    text = json.dumps(base(), indent=1)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        insert = data.draw(st.sampled_from(["", "{", "}", "[", "]", ",", ":", '"', "0", "-", "e9", "NaN", "true",
                                            "\\", "\ud800", "é", " "]))
        text = text[:at] + insert + text[at + cut:]
    try:
        project = loads_project(text)
    except ProjectError:
        return
    check_loaded(project)


@settings(FUZZ, max_examples=200)
@given(st.lists(hnp.arrays(np.float64, hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
                           elements=st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=True)),
                min_size=1, max_size=4))
def test_arrays_round_trip_bit_for_bit(arrays):
    project = project_from_dict(worked_like())
    project.node("i1").params = {f"a{i}": a for i, a in enumerate(arrays)}
    back = loads_project(dumps_project(project)).node("i1").params
    for i, a in enumerate(arrays):
        assert back[f"a{i}"].shape == a.shape and back[f"a{i}"].tobytes() == a.tobytes()


def test_every_base_project_is_valid_and_compiles():
    for base in BASES:
        project = project_from_dict(base())
        assert [p for p in validate(project) if p.severity == "error"] == [], base.__name__
        check_loaded(project)
