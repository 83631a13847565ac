"""The canvas while training: live edge styles, each neuron's output for the chosen sample, and
Playground-style maps of each neuron's output over the input plane."""
from __future__ import annotations

import copy

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.training import probes
from nnstudio.training.live import LiveSnapshot, make_probe
from nnstudio.project.model import Edge, Node, Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.canvas import looks
from nnstudio.ui.canvas.live_paint import centred, diverging_rgb, map_image
from nnstudio.ui.commands.edits import SetEdgeWeight, SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot, open_window):
    w = open_window((1400, 900), exposed=False)
    w.speed.set_full_speed()    # these tests wait for runs to end, not watch them (Auto paces tiny runs)
    w.files.open_example(EXAMPLES_DIR / "xor_5_hidden.json")
    return w


def train_epochs(w, qtbot, epochs: int) -> None:
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = epochs
    w.stack.push(SetTraining(w.doc, spec, "epochs"))
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=TIMEOUT)
    # The views get the final snapshot one by one after it arrives: wait for the canvas's turn.
    qtbot.waitUntil(lambda: w.live.canvas_live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)


def test_each_neuron_shows_its_output_for_the_chosen_sample(window, qtbot):
    w = window
    items = w.canvas.scene().node_items
    # Before any training the neurons already show the outputs of the starting weights.
    qtbot.waitUntil(lambda: all(item.live_map is not None for item in items.values()), timeout=TIMEOUT)
    assert items["y"].live_value is not None and not w.live.sample_bar.isHidden()
    train_epochs(w, qtbot, 200)
    # The trained weights are in the document: a fresh forward pass gives the expected outputs.
    run = TrainingRun(w.doc.project.copy())
    split = run.all_samples()
    expected = probes.node_outputs(w.doc.project, run.model, split.inputs)
    live = w.live.canvas_live
    for sample in range(4):
        live.set_sample(sample)
        for node_id in ("x1", "x2", "h1", "h3", "y"):
            assert items[node_id].live_value == pytest.approx(float(expected[node_id][sample, 0]), abs=1e-12)
    assert not w.live.sample_bar.isHidden()
    assert w.live.sample_bar.count.text() == "4 / 4"
    assert w.live.sample_bar.detail.text() == "x = (1, 1) → target 0"
    # "]" wraps to the first sample; "[" goes back to the last.
    w.canvas.setFocus()
    qtbot.keyClick(w.canvas, Qt.Key.Key_BracketRight)
    assert live.sample == 0 and items["x1"].live_value == 0.0 and items["x2"].live_value == 0.0
    qtbot.keyClick(w.canvas, Qt.Key.Key_BracketLeft)
    assert live.sample == 3 and items["x1"].live_value == 1.0


def test_two_input_problems_draw_each_neurons_map(window, qtbot):
    w = window
    train_epochs(w, qtbot, 50)
    probe = w.live.canvas_live.probe
    assert set(probe.node_maps) == {"x1", "x2", "h1", "h2", "h3", "h4", "h5", "y"}
    # The input x1's map grows along x, x2's along y (rows are y).
    x1, x2 = probe.node_maps["x1"], probe.node_maps["x2"]
    assert x1.shape == (24, 24) and np.all(np.diff(x1, axis=1) > 0) and np.all(np.diff(x1, axis=0) == 0)
    assert np.all(np.diff(x2, axis=0) > 0) and np.all(np.diff(x2, axis=1) == 0)
    item = w.canvas.scene().node_items["h2"]
    assert item.live_map is not None and (item.live_map.width(), item.live_map.height()) == (24, 24)
    # The bottom-left pixel is the plane's low corner: row 0 of the map, drawn at the bottom.
    corner = QColorTuple(item.live_map.pixelColor(0, 23))
    assert corner == tuple(int(c) for c in diverging_rgb(centred(probe.node_maps["h2"])[0, 0]))
    w.live.sample_bar.maps.setChecked(False)
    assert item.live_map is None and item.live_value is not None
    w.live.sample_bar.maps.setChecked(True)
    assert item.live_map is not None


def QColorTuple(colour) -> tuple[int, int, int]:    # noqa: N802 (reads like the Qt type it unpacks)
    return colour.red(), colour.green(), colour.blue()


def test_edges_follow_the_runs_weights_and_edits_show_the_new_weights_outputs(window, qtbot):
    w = window
    scene = w.canvas.scene()
    train_epochs(w, qtbot, 20)
    live = w.live.canvas_live
    # A snapshot with new weights restyles the edges before the document has them.
    edge = w.doc.project.edges[0]
    snap = LiveSnapshot("paused", edge_weights={edge.id: -3.5})
    live.show(snap)
    assert scene.layer.style(edge.id) == looks.weight_style(-3.5, edge.trainable)
    assert scene.layer.style(edge.id) != scene.edge_style(edge.id)
    # An edit (here an undoable weight change) makes the run's edge colours stale: they go at once,
    # and the outputs follow the new weights without training (issue 10: a network shows itself).
    before = live.probe
    w.stack.push(SetEdgeWeight(w.doc, edge.id, 0.25))
    assert scene.layer.style(edge.id) == scene.edge_style(edge.id) == looks.weight_style(0.25, edge.trainable)
    qtbot.waitUntil(lambda: live.probe is not before and live.probe is not None, timeout=TIMEOUT)
    run = TrainingRun(w.doc.project.copy())
    expected = probes.node_outputs(w.doc.project, run.model, run.all_samples().inputs)
    assert not np.allclose(expected["y"], before.node_outputs["y"])      # the edit changed the output
    live.set_sample(2)
    for node_id in ("h1", "h5", "y"):
        assert scene.node_items[node_id].live_value == pytest.approx(float(expected[node_id][2, 0]), abs=1e-12)
    assert not w.live.sample_bar.isHidden()


def test_node_maps_match_a_forward_pass_and_need_two_inputs():
    from nnstudio.project.io import load_project
    project = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    run = TrainingRun(project)
    data = run.all_samples()
    maps = probes.node_maps(project, run.model, data, resolution=5, margin=0.0)
    # With no margin the grid's corners are the data's corners: (0, 0) and (1, 1).
    for corner, (row, col) in (((0.0, 0.0), (0, 0)), ((1.0, 1.0), (4, 4)), ((1.0, 0.0), (0, 4))):
        feeds = [np.array([[corner[0]]]), np.array([[corner[1]]])]
        out = probes.node_outputs(project, run.model, feeds)
        for node_id in ("h1", "h4", "y"):
            assert maps[node_id][row, col] == pytest.approx(float(out[node_id][0, 0]), abs=1e-12)
    probe = make_probe(project, run.model, data)
    assert set(probe.node_maps) >= {"h1", "y"}
    # One input column: no plane to draw.
    line = Project()
    line.nodes = [Node("x", "input", "x", (0, 0), {"shape": [1]}),
                  Node("n", "neuron", "n", (100, 0), {"activation": "tanh"})]
    line.edges = [Edge("w", "x", "n")]
    line.inputs, line.outputs = ["x"], ["n"]
    line.data.source = {"kind": "table", "inputs": [[0.0], [1.0]], "targets": [[0.0], [1.0]]}
    line_run = TrainingRun(line)
    assert probes.node_maps(line, line_run.model, line_run.all_samples()) == {}
    assert make_probe(line, line_run.model, line_run.all_samples()).node_maps == {}


def test_map_images_put_the_white_point_at_the_natural_centre():
    sigmoid_like = np.array([[0.0, 0.5, 1.0]])
    assert np.allclose(centred(sigmoid_like), [[-1.0, 0.0, 1.0]])
    signed = np.array([[-2.0, 0.0, 1.0]])
    assert np.allclose(centred(signed), [[-1.0, 0.0, 0.5]])
    image = map_image(sigmoid_like)
    assert QColorTuple(image.pixelColor(1, 0)) == (255, 255, 255)
    assert QColorTuple(image.pixelColor(0, 0)) == (238, 125, 59)
    assert QColorTuple(image.pixelColor(2, 0)) == (59, 118, 225)


def test_ports_and_edges_take_no_edits_while_training(window, qtbot):
    w = window
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = 1_000_000
    w.stack.push(SetTraining(w.doc, spec, "epochs"))
    view, scene = w.canvas, w.canvas.scene()
    asked: list[str] = []
    view.ask_weight = lambda _parent, edge_id, _value: asked.append(edge_id)
    port = view.mapFromScene(scene.node_items["h1"].out_anchor())
    edge = next(iter(scene.edge_items.values()))
    middle = view.mapFromScene(edge.line().center())
    # Unlocked, both work (the double-click asks for a weight; the press starts a wire).
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert asked == [edge.edge_id]
    assert view.interactions.start_connect(port) and view.interactions.connecting
    view.interactions.cancel_connect()
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "running", timeout=TIMEOUT)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert asked == [edge.edge_id]
    assert not view.interactions.start_connect(port) and not view.interactions.connecting
    w.act.stop.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)


def test_the_sample_bar_names_text_classes(window, qtbot, tmp_path):
    w = window
    csv = tmp_path / "kinds.csv"
    csv.write_text('a,b,kind\n0,0,"low"\n1,1,"high"\n0,1,"low"\n1,0,"high"\n', encoding="utf-8")
    project = w.doc.project.copy()
    project.data.source = {"kind": "csv", "path": str(csv), "input_columns": ["a", "b"],
                           "target_columns": ["kind"], "target_encoding": "onehot"}
    project.training.loss = "binary_crossentropy"
    run = TrainingRun(project)
    probe = make_probe(project, run.model, run.all_samples(), run.dataset.class_names,
                       run.dataset.inputs, run.encoder.encode)
    live = w.live.canvas_live
    live.show(LiveSnapshot("paused", probe=probe))
    # Classes sort as text: "high" is class 0, "low" class 1.
    assert live.sample_text() == "x = (0, 0) → target low"
    live.step(1)
    assert live.sample_text() == "x = (1, 1) → target high"


def test_the_sample_bar_says_when_the_probe_covers_only_the_first_samples(window, qtbot):
    w = window
    project = w.doc.project.copy()
    project.data.source = {"kind": "builtin", "name": "circle", "params": {"samples": 1500, "seed": 1}}
    run = TrainingRun(project)
    probe = make_probe(project, run.model, run.all_samples(), run.dataset.class_names,
                       run.dataset.inputs, run.encoder.encode)
    assert len(probe.inputs) == 1000 and probe.total_samples == 1500
    live = w.live.canvas_live
    live.show(LiveSnapshot("paused", probe=probe))
    bar = w.live.sample_bar
    assert bar.count.text() == "1 / 1,000 of 1,500"
    assert "first 1,000 of the 1,500" in bar.count.toolTip()
    live.step(-1)                               # wraps within the probed samples
    assert bar.count.text() == "1,000 / 1,000 of 1,500"
