"""The proof that a kind is one module: a toy `scale` kind (y = a·x with a learned a), written as
one module would be in nnstudio/kinds (tests/kinds/toy/scale.py) and registered through the
allowlist's public function, appears in the palette, validates, compiles, trains, saves and loads,
and is drawn on the canvas and in the palette: nothing else in the program had to learn about it.
test_one_module_one_line.py adds the same module to a copy of the package with its one line."""
from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

import nnstudio.kinds as kinds
from nnstudio.project import editing, io, layout, validation
from nnstudio.project.compile import compile_project
from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec
from nnstudio.training.runner import TrainingRun


TOY_DIR = Path(__file__).parent / "toy"


def _toy_module(name: str) -> ModuleType:
    """tests/kinds/toy/<name>.py, the module nnstudio/kinds/<name>.py would be (tests are no package)."""
    spec = importlib.util.spec_from_file_location(f"toy_{name}", TOY_DIR / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCALE = _toy_module("scale").KIND       # what nnstudio/kinds/scale.py would hold: see toy/scale.py


@pytest.fixture
def scale_kind():
    kinds.register(SCALE)          # the one registration line
    yield SCALE
    kinds.unregister("scale")


def doubling_project() -> Project:
    """x → scale → out, taught y = 2x."""
    project = Project(
        nodes=[Node("x", "input", "x", (0.0, 0.0), {"shape": [1]}),
               editing.new_node(Project(), "scale", (200.0, 0.0), start=0.5)],
        inputs=["x"],
        data=DataSpec(source={"kind": "table", "inputs": [[1.0], [2.0], [3.0]], "targets": [[2.0], [4.0], [6.0]]}),
        training=TrainingSpec(loss="mse", optimizer={"kind": "sgd", "lr": 0.05}, epochs=200))
    project.edges.append(Edge("e1", "x", project.nodes[1].id))
    project.outputs = [project.nodes[1].id]
    return project


def test_the_toy_kind_validates_compiles_trains_saves_and_loads(scale_kind, tmp_path):
    project = doubling_project()
    node = project.nodes[1]
    assert node.id == "scale1" and node.config == {"start": 0.5, "trainable": True}
    assert [p for p in validation.validate(project) if p.severity == "error"] == []
    model = compile_project(project)
    assert model.layer_ops == {"scale1": "scale1"}
    np.testing.assert_array_equal(model.node_params()["scale1"]["a"], [0.5])

    run = TrainingRun(project)
    report = run.run(200)
    run.write_back(project)
    assert report.loss < 1e-8
    np.testing.assert_allclose(project.nodes[1].params["a"], [2.0], rtol=1e-6)

    path = tmp_path / "scale.json"
    io.save_project(project, path)
    loaded = io.load_project(path)
    assert loaded.nodes[1].kind == "scale" and loaded.nodes[1].config == node.config
    np.testing.assert_array_equal(loaded.nodes[1].params["a"], project.nodes[1].params["a"])   # bit for bit
    assert compile_project(loaded).node_params()["scale1"]["a"][0] == project.nodes[1].params["a"][0]


def test_the_toy_kinds_settings_and_params_are_checked(scale_kind):
    project = doubling_project()
    project.nodes[1].config["start"] = "big"
    project.nodes[1].params["a"] = np.zeros(3)
    messages = [p.message for p in validation.validate(project)]
    assert any("must be a finite number" in m for m in messages), messages
    project.nodes[1].config["start"] = 1.0
    messages = [p.message for p in validation.validate(project)]
    assert any("params.a has shape [3], expected [1]" in m for m in messages), messages


def test_the_toy_kind_is_laid_out_as_a_layer_block(scale_kind):
    assert not layout.is_small("scale") and layout.is_small("neuron")
    project = doubling_project()
    project.nodes.append(Node("x2", "input", "x2", (0.0, 0.0), {"shape": [1]}))
    project.nodes.append(Node("x3", "input", "x3", (0.0, 0.0), {"shape": [1]}))
    project.edges.append(Edge("e2", "x2", "x3"))     # depth 1, beside the scale block
    positions = layout.layered_positions(project)
    assert abs(positions["scale1"][1] - positions["x3"][1]) == layout.LAYER_SPACING
    assert abs(positions["x"][1] - positions["x2"][1]) == layout.NEURON_SPACING


def test_the_toy_kind_is_in_the_palette_and_on_the_canvas(scale_kind, qtbot):
    from nnstudio.project.document import Document
    from nnstudio.ui.resources import icons
    from nnstudio.ui.canvas.scene import CanvasScene
    from nnstudio.ui.panels.palette import Palette

    palette = Palette()
    qtbot.addWidget(palette)
    assert palette.kinds()[-1] == "scale"
    assert palette.item("scale").text() == "Scale" and not palette.item("scale").icon().isNull()
    assert "y = a·x" in palette.item("scale").toolTip() and "<b>start</b>" in palette.item("scale").toolTip()
    assert icons.kind_color("scale").name() == "#9333ea"

    scene = CanvasScene(Document(doubling_project()))
    look = scene.node_items["scale1"].look
    assert (look.form, look.title, look.detail, look.accent, look.shape) == ("layer", "Scale", "a from 0.5",
                                                                                 "#9333ea", "[1]")


def test_without_its_registration_the_toy_kind_is_unknown():
    assert "scale" not in kinds.KINDS
    with pytest.raises(KeyError):
        editing.new_node(Project(), "scale", (0.0, 0.0))
