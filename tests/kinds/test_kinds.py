"""Completeness: every registered kind has every facet, its shape rule, parameter specs and engine
layer agree, and its config survives a save and a load."""
from __future__ import annotations

import ast
import importlib
import json
import re
from pathlib import Path

import numpy as np
import pytest

import nnstudio.kinds as kinds
from nnstudio.engine.layers import Layer
from nnstudio.kinds.base import CATEGORIES, PROBES, Field, Look, NodeKind, missing_facets, same_shape
from nnstudio.project import io, registry
from nnstudio.project.model import Node, Project

NAMES = list(kinds.KINDS)
SAMPLE_INPUT = (3,)          # what a kind that takes inputs receives in these tests
# What the kinds that refuse a vector receive: a sequence [time, features], an image [channels, height, width].
SAMPLE_OTHERS = [(4, 3), (2, 5, 4)]


def sample_input(spec: NodeKind) -> tuple[int, ...]:
    """A vector, or the first of SAMPLE_OTHERS the kind's shape rule takes."""
    for shape in [SAMPLE_INPUT, *SAMPLE_OTHERS]:
        try:
            spec.shape_rule(spec.check_config({}), shape)
        except registry.ShapeError:
            continue
        return shape
    raise AssertionError(f"{spec.name} takes none of the sample inputs")


def test_the_allowlist_is_the_kinds_in_palette_order():
    assert NAMES == ["input", "neuron", "dense", "activation", "dropout", "flatten", "conv2d", "maxpool2d",
                     "avgpool2d", "rnn", "lstm", "gru"]
    assert registry.KINDS is kinds.KINDS and registry.kind("dense") is kinds.KINDS["dense"]


def test_the_allowlist_is_explicit_never_a_scan_or_an_import_by_name():
    """The allowlist is a tuple of module names written in kinds/__init__.py itself: adding a kind
    is one line there. Nothing lists the package's files or imports a name that came from outside."""
    source = (Path(kinds.__file__)).read_text(encoding="utf-8")
    for word in ("__import__", "pkgutil", "iter_modules", "glob", "listdir", "getattr", "environ", "open("):
        assert word not in source
    tree = ast.parse(source)
    listed = [node.value for node in tree.body
              if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "_ALLOWLIST"]
    assert len(listed) == 1 and isinstance(listed[0], ast.Tuple)
    names = [element.value for element in listed[0].elts if isinstance(element, ast.Constant)]
    assert names == NAMES == [*kinds._ALLOWLIST]       # string literals only, in palette order
    # The one import by name: each allowlisted module of this package, and nothing else.
    imports = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
               and getattr(node.func, "id", "") == "import_module"]
    assert len(imports) == 1 and ast.unparse(imports[0].args[0]) == "f'{__name__}.{_module}'"
    loop = next(node for node in tree.body if isinstance(node, ast.For))
    assert ast.unparse(loop.iter) == "_ALLOWLIST" and imports[0] in list(ast.walk(loop))
    modules = {p.stem for p in Path(kinds.__file__).parent.glob("*.py")} - {"__init__", "base"}
    assert modules == set(NAMES)
    for name in modules:       # each module holds the kind of its name
        assert importlib.import_module(f"nnstudio.kinds.{name}").KIND is kinds.KINDS[name]


@pytest.mark.parametrize("name", NAMES)
def test_every_kind_has_every_facet(name):
    spec = kinds.KINDS[name]
    assert spec.name == name
    assert missing_facets(spec) == []
    assert spec.category in CATEGORIES
    assert re.fullmatch(r"#[0-9a-f]{6}", spec.look.colour)
    assert set(spec.probes) <= set(PROBES) and "output" in spec.probes
    assert isinstance(spec.walkthrough, bool)
    units = [f for f in spec.fields if f.name == spec.output_units]
    assert spec.output_units == "" or (len(units) == 1 and units[0].type == "int")
    for field in spec.fields:
        assert field.doc, f"{name}.{field.name} has no doc (the inspector's tooltip)"
        assert field.check(field.default) == field.default     # every default is a valid value


def test_kinds_differ_in_id_prefix_and_colour():
    specs = list(kinds.KINDS.values())
    assert len({s.id_prefix for s in specs}) == len(specs)
    assert len({s.look.colour for s in specs}) == len(specs)


@pytest.mark.parametrize("name", NAMES)
def test_shape_rule_param_specs_and_engine_layer_agree(name):
    spec = kinds.KINDS[name]
    config = spec.check_config({})
    in_shape = None if spec.category == "input" else sample_input(spec)
    out_shape = spec.shape_rule(config, in_shape)
    assert all(isinstance(d, int) and d >= 1 for d in out_shape)
    specs = spec.param_specs(config, in_shape)
    if spec.category != "layer":
        assert spec.build is None       # inputs are sources, neurons are joined into one op by compile
        return
    arrays = {key: np.full(p.shape, 0.1) for key, p in specs.items()}
    layer = spec.build(config, in_shape, arrays, lambda key: np.random.default_rng(0))
    assert isinstance(layer, Layer)
    assert set(layer.params) == set(specs)
    y = layer.forward(np.ones((2,) + in_shape), training=False)
    assert y.shape == (2,) + out_shape


@pytest.mark.parametrize("name", NAMES)
def test_a_kind_without_inputs_says_so(name):
    spec = kinds.KINDS[name]
    if spec.category == "input":
        return
    with pytest.raises(registry.ShapeError, match="no incoming connections"):
        spec.shape_rule(spec.check_config({}), None)


def _other_value(field: Field):
    """A valid value of `field` other than its default."""
    if field.type == "bool":
        return not field.default
    if field.type == "choice":
        return next(c for c in field.choices if c != field.default)
    if field.type == "shape":
        return [2, 3]
    if field.type == "pair":
        return [2, 3] if field.default is None else [field.default, field.default + 1]
    if field.type == "int":
        return field.default + 1
    hi = field.exclusive_max if field.exclusive_max is not None else field.maximum
    value = field.default + 0.125
    return value if hi is None or value < hi else (field.default + (field.minimum or 0.0)) / 2


@pytest.mark.parametrize("name", NAMES)
def test_every_config_survives_saving_and_loading(name):
    spec = kinds.KINDS[name]
    for config in [spec.check_config({})] + [spec.check_config({f.name: _other_value(f)}) for f in spec.fields]:
        node = Node("a", name, "a", (1.5, -2.0), config)
        text = io.dumps_project(Project(nodes=[node]))
        loaded = io.loads_project(text).nodes[0]
        assert (loaded.kind, loaded.config) == (name, config)
        assert json.loads(text)["nodes"][0]["config"] == config
        assert spec.check_config(loaded.config) == config


@pytest.mark.parametrize("name", NAMES)
def test_unknown_settings_and_bad_values_are_refused(name):
    spec = kinds.KINDS[name]
    with pytest.raises(registry.ConfigError) as info:
        spec.check_config({"no_such_setting": 1})
    assert info.value.key == "no_such_setting"
    for field in spec.fields:
        with pytest.raises(registry.ConfigError):
            spec.check_config({field.name: "not a value" if field.type != "choice" else "nonsense"})


def test_an_incomplete_kind_is_named_and_refused():
    bare = NodeKind("bare", "Bare", "Passes values through.", "layer", (), None, same_shape)
    missing = missing_facets(bare)
    assert "id_prefix" in missing and "look (colour and glyph)" in missing and "build (the engine layer)" in missing
    with pytest.raises(ValueError, match="bare kind lacks"):
        kinds.register(bare)
    assert "bare" not in kinds.KINDS
    looks_only = NodeKind("bare", "Bare", "Passes values through.", "layer", (), None, same_shape,
                          id_prefix="bare", look=Look("#123456", "Bare"))
    assert missing_facets(looks_only) == ["look.detail", "build (the engine layer)",
                                          "onnx (its ONNX nodes, see kinds/onnx_parts)",
                                          "torch (how a PyTorch script writes it)"]


def test_a_kind_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered already"):
        kinds.register(kinds.KINDS["dense"])


def test_an_input_writes_its_shape_as_the_canvas_writes_block_shapes():
    """A vector as the file writes it; a sequence or an image as 20×2 (fits the input's small box)."""
    detail = kinds.KINDS["input"].look.detail
    assert detail({"shape": [2]}) == "[2]"
    assert detail({"shape": [20, 2]}) == "20×2"
    assert detail({"shape": [1, 8, 8]}) == "1×8×8"
    assert detail({"shape": "bad"}) == "?" and detail({}) == "?"
