"""The walkthrough, the live probes, placement, the palette, the gallery thumbnails and data import
read the kinds' facets, never a kind's name: a kind registered under a new name with the same
facets behaves the same there, and one with a facet changed behaves as the facet says."""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

import nnstudio
import nnstudio.kinds as kinds
from nnstudio.kinds.base import Look, NodeKind, missing_facets
from nnstudio.project.compile import compile_project
from nnstudio.project.model import DataSpec, Edge, Node, Project
from nnstudio.training import probes
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import is_neuron_level, walk_sample

ROOT = Path(nnstudio.__file__).parent
READERS = ["training/walkthrough.py", "training/probes.py", "ui/canvas/placement.py", "ui/dialogs/examples.py",
           "ui/panels/palette.py", "ui/commands/data_import.py"]
NAMES = "|".join(["input", "neuron", "dense", "activation", "dropout", "flatten", "conv2d", "maxpool2d", "avgpool2d"])
# A node's kind (or a registry entry) compared with, or looked up by, a kind's name.
BY_NAME = re.compile(rf"""(kind|name)\s*(==|!=)\s*["']({NAMES})["']|(kind|name)\s+(not\s+)?in\s*\(["']({NAMES})["']|"""
                     rf"""KINDS\[["']({NAMES})["']\]|\.kind\(["']({NAMES})["']\)|"""
                     rf"""\(["']({NAMES})["'],\s*["']({NAMES})["']""")      # a tuple of kind names


def copy_of(name: str, new_name: str, colour: str = "#123456", **facets) -> NodeKind:
    """The kind `name` under another name (and prefix and colour), with `facets` changed."""
    spec = kinds.KINDS[name]
    facets.setdefault("look", dataclasses.replace(spec.look, colour=colour))
    return dataclasses.replace(spec, name=new_name, id_prefix=new_name, **facets)


@contextmanager
def registered(*specs: NodeKind) -> Iterator[None]:
    for spec in specs:
        kinds.register(spec)
    try:
        yield
    finally:
        for spec in specs:
            kinds.unregister(spec.name)


@pytest.mark.parametrize("module", READERS)
def test_the_readers_key_nothing_by_a_kinds_name(module):
    source = (ROOT / module).read_text(encoding="utf-8")
    assert [m.group(0) for m in BY_NAME.finditer(source)] == []


def test_output_units_must_name_an_int_field():
    assert kinds.KINDS["dense"].output_units == "units"
    assert [n for n, s in kinds.KINDS.items() if s.output_units] == ["dense"]
    bad = dataclasses.replace(kinds.KINDS["dense"], name="bad", output_units="activation")
    assert missing_facets(bad) == ['output_units ("" or the name of an int field)']
    assert missing_facets(dataclasses.replace(bad, output_units="no_such_key")) == [
        'output_units ("" or the name of an int field)']


# --- the walkthrough ---------------------------------------------------------------------------
def two_neurons(kind: str = "neuron") -> Project:
    p = Project()
    p.nodes = [Node("x1", "input", config={"shape": [1]}), Node("x2", "input", config={"shape": [1]}),
               Node("h", kind, config={"activation": "tanh", "bias": 0.1}),
               Node("y", kind, config={"activation": "sigmoid", "bias": -0.2, "bias_trainable": False})]
    p.edges = [Edge("a", "x1", "h", 0.5), Edge("b", "x2", "h", -0.4), Edge("c", "h", "y", 0.8),
               Edge("d", "x2", "y", 0.3)]
    p.data = DataSpec(source={"kind": "table", "inputs": [[0.3, -0.8], [1.1, 0.4]], "targets": [[1.0], [0.0]]})
    p.inputs, p.outputs = ["x1", "x2"], ["y"]
    p.training.loss = "mse"
    p.training.optimizer = {"kind": "sgd", "lr": 0.5}
    return p


def test_the_walkthrough_covers_the_kinds_whose_facet_says_so():
    assert is_neuron_level(two_neurons())
    with registered(copy_of("neuron", "unit"), copy_of("neuron", "blob", "#654321", walkthrough=False)):
        assert is_neuron_level(two_neurons("unit"))
        assert not is_neuron_level(two_neurons("blob"))
        expected = walk_sample(two_neurons(), TrainingRun(two_neurons()), 1)
        project = two_neurons("unit")
        walk = walk_sample(project, TrainingRun(project), 1)
    assert list(walk.neurons) == list(expected.neurons) == ["h", "y"]
    for mine, theirs in zip(walk.neurons.values(), expected.neurons.values()):
        assert (mine.net, mine.out, mine.delta) == (theirs.net, theirs.out, theirs.delta)
    assert [b.frozen for b in walk.biases] == [b.frozen for b in expected.biases] == [True, False]
    assert not is_neuron_level(Project(nodes=[Node("z", "no_such_kind")]))


# --- the live probes ---------------------------------------------------------------------------
def dense_net(kind: str = "dense") -> Project:
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [2]}), Node("out", kind, config={"units": 3})]
    p.edges = [Edge("e", "x", "out")]
    p.inputs, p.outputs = ["x"], ["out"]
    return p


def test_only_kinds_that_let_the_views_probe_weights_show_them():
    assert [m.name for m in probes.weight_matrices(dense_net(), compile_project(dense_net()))] == ["out"]
    with registered(copy_of("dense", "wide"), copy_of("dense", "hidden", "#654321", probes=("output",))):
        assert [m.name for m in probes.weight_matrices(dense_net("wide"), compile_project(dense_net("wide")))] \
            == ["out"]
        model = compile_project(dense_net("hidden"))
        assert probes.weight_matrices(dense_net("hidden"), model) == []
        outputs = probes.node_outputs(dense_net("hidden"), model, [np.ones((4, 2))])
    assert set(outputs) == {"x", "out"} and outputs["out"].shape == (4, 3)
    assert probes.may_probe("neuron", "weights") and not probes.may_probe("dropout", "weights")
    assert not probes.may_probe("no_such_kind", "output")


# --- placement ---------------------------------------------------------------------------------
def test_a_small_kind_stacks_below_one_of_its_own():
    from nnstudio.ui.canvas.placement import next_spots
    small = copy_of("dropout", "dot", look=Look("#123456", "•", detail=lambda config: "", small=True))
    with registered(small):
        p = Project(nodes=[Node("d1", "dot", pos=(0.0, 0.0)), Node("f1", "dropout", pos=(400.0, 0.0))])
        assert next_spots(p, ["d1"], "dot", 1, (0.0, 0.0)) == [(0.0, 90.0)]      # below, at a neuron's spacing
        assert next_spots(p, ["f1"], "dropout", 1, (0.0, 0.0)) == [(600.0, 0.0)]  # a block: the next column


# --- data import -------------------------------------------------------------------------------
def test_data_import_sizes_the_output_of_a_kind_with_output_units():
    from nnstudio.ui.commands.data_import import NetworkFit, plan_fit
    with registered(copy_of("dense", "wide"), copy_of("dense", "fixed", "#654321", output_units="")):
        project = dense_net("wide")
        project.training.loss = "categorical_crossentropy"
        plan = plan_fit(project, NetworkFit(2, 5, "onehot"))
        assert plan.configs["out"] == {"units": 5, "activation": "softmax"} and plan.notes == []
        plan = plan_fit(dense_net("fixed"), NetworkFit(2, 5, "onehot"))
        assert "out" not in plan.configs
        assert plan.notes == ["the output is not a single dense layer, so the number of outputs was left alone"]


# --- the palette and the gallery thumbnails ----------------------------------------------------
def test_the_neuron_column_ends_the_neurons_category(qtbot):
    from nnstudio.ui import mime
    from nnstudio.ui.panels.palette import Palette
    with registered(copy_of("neuron", "unit")):
        palette = Palette()
        qtbot.addWidget(palette)
        kinds_shown = palette.kinds()
    assert kinds_shown[:4] == ["input", "neuron", "unit", mime.NEURON_COLUMN]


def test_a_thumbnail_draws_a_renamed_neuron_as_the_neuron(qtbot):
    from PySide6.QtCore import QSize
    from nnstudio.ui.dialogs.examples import render_thumbnail
    with registered(copy_of("neuron", "unit")):
        mine = render_thumbnail(two_neurons("unit"), QSize(120, 80)).toImage()
    theirs = render_thumbnail(two_neurons(), QSize(120, 80)).toImage()
    assert mine == theirs
