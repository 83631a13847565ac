"""A network shows itself at once (issue 10): a reopened trained project, an edit or an undo
fills Evaluation, Decision boundary, the neuron maps and the activations from the document's
current weights, with no training."""
from __future__ import annotations

import copy

import numpy as np
import pytest

from nnstudio.training import probes
from nnstudio.project.io import load_project, save_project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.commands.edits import SetEdgeWeight, SetInputsOutputs, SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.panels import activations as activations_panel
from nnstudio.ui.panels import boundary as boundary_panel
from nnstudio.ui.panels import evaluation as evaluation_panel
from nnstudio.ui.training.preview import DELAY_MS

TIMEOUT = 10_000


@pytest.fixture
def window(qtbot, open_window):
    w = open_window((1400, 900), exposed=False)
    return w


def saved_trained(tmp_path, name: str = "xor_5_hidden") -> str:
    """The example trained to the end by the Qt-free runner and saved, as `nnstudio train -o` does."""
    project = load_project(EXAMPLES_DIR / f"{name}.json")
    run = TrainingRun(project)
    assert run.run().status == "finished"
    run.write_back(project)
    path = str(tmp_path / f"trained_{name}.json")
    save_project(project, path)
    return path


def shown_outputs(w) -> np.ndarray:
    """The Evaluation truth table's output column, as displayed (4 decimals)."""
    return np.array([float(row[-2]) for row in w.live.evaluation.table_rows()])


def expected_views(project):
    """What the views must show for `project`, computed without the window: the runner's
    evaluation (as `nnstudio eval` prints it), the boundary, and every node's output and map."""
    run = TrainingRun(project.copy())
    data = run.all_samples()
    return (run.evaluate("all"), probes.boundary(run.model, data),
            probes.node_outputs(project, run.model, data.inputs), probes.node_maps(project, run.model, data))


def filled(w) -> bool:
    """Every view has the latest preview, and it shows a network."""
    items = w.canvas.scene().node_items.values()
    return (not w.live.preview.is_busy() and w.live.evaluation.mode() != "" and w.live.boundary.mode() == "plane"
            and all(item.live_map is not None for item in items))


def assert_views_match(w, project) -> None:
    result, boundary, outputs, maps = expected_views(project)
    np.testing.assert_allclose(shown_outputs(w), result["outputs"][:, 0], atol=5e-5)
    np.testing.assert_allclose(w.live.boundary.image_values(), boundary.values, atol=1e-9)
    live = w.live.canvas_live
    for node_id, values in maps.items():
        np.testing.assert_allclose(live.probe.node_maps[node_id], values, atol=1e-12)
    items = w.canvas.scene().node_items
    for sample in range(4):
        live.set_sample(sample)
        for node_id in ("h1", "h4", "y"):
            assert items[node_id].live_value == pytest.approx(float(outputs[node_id][sample, 0]), abs=1e-12)


def test_a_saved_trained_project_reopened_shows_itself_before_any_training(window, qtbot, tmp_path):
    w = window
    path = saved_trained(tmp_path)
    result = TrainingRun(load_project(path)).evaluate("all")      # what `nnstudio eval --json` prints
    assert result["accuracy"] == 1.0
    assert w.files.open_path(path)
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    # Evaluation: the truth table of the saved weights, every row right.
    ev = w.live.evaluation
    assert ev.mode() == "truth_table" and len(ev.table_rows()) == 4
    assert [row[-1] for row in ev.table_rows()] == ["✓"] * 4 and "All 4 right" in ev.summary.text()
    assert_views_match(w, w.doc.project)
    np.testing.assert_allclose(shown_outputs(w), result["outputs"][:, 0], atol=5e-5)
    # Activations and weights follow too: the selected node's outputs, the saved matrices.
    w.canvas.select_ids(["h1"])
    assert w.live.activations.unit_means() == pytest.approx([float(np.mean(expected_views(w.doc.project)[2]["h1"]))])
    assert w.live.weights.current_name() is not None
    # Nothing was trained: no run, no undo step, the file as saved; runs' readouts stay quiet.
    assert w.training.state == "idle" and w.training.last_snapshot is None
    assert w.stack.count() == 0 and not w.isWindowModified()
    assert len(w.doc.project.history.epoch) == 2500
    assert w.live.status.isHidden()


def test_an_inspector_weight_edit_and_its_undo_change_the_views(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    before = shown_outputs(w)
    edge = next(e for e in w.doc.project.edges if e.source == "h1" and e.target == "y")
    w.canvas.select_ids([], [edge.id])
    form = w.inspector.edge_form
    assert form.edge_id == edge.id
    spin = form.weight.widget
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), "-25")
    assert w.doc.project.edge(edge.id).weight == -25.0
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    assert not np.allclose(shown_outputs(w), before, atol=1e-4)
    assert_views_match(w, w.doc.project)
    while w.stack.canUndo():
        w.stack.undo()
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    np.testing.assert_array_equal(shown_outputs(w), before)
    assert_views_match(w, w.doc.project)


def test_a_network_that_cannot_run_says_what_is_missing(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    w.stack.push(SetInputsOutputs(w.doc, "outputs", []))      # "Network output" unticked
    qtbot.waitUntil(lambda: not w.live.preview.is_busy(), timeout=TIMEOUT)
    assert w.live.evaluation.mode() == "" and w.live.preview.last is None
    assert w.live.evaluation.hint.text() == evaluation_panel.WAITING
    assert w.live.boundary.mode() == "" and w.live.boundary.message.text() == boundary_panel.WAITING
    w.canvas.select_ids(["h1"])
    assert w.live.activations.hint.text() == activations_panel.WAITING.format(name="“h1”")
    for text in (evaluation_panel.WAITING, boundary_panel.WAITING, activations_panel.WAITING):
        assert text.startswith("Connect the network") and "F5" not in text
    assert w.live.canvas_live.probe is None and w.live.sample_bar.isHidden()
    assert all(item.live_value is None for item in w.canvas.scene().node_items.values())
    w.stack.undo()
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    assert_views_match(w, w.doc.project)


def test_the_digits_evaluation_says_it_covers_the_first_1000_samples(window, qtbot):
    w = window
    assert w.files.open_example(EXAMPLES_DIR / "digits_mlp.json")
    ev = w.live.evaluation
    qtbot.waitUntil(lambda: ev.mode() == "confusion" and not w.live.preview.is_busy(), timeout=TIMEOUT)
    assert int(ev.confusion().sum()) == 1000
    assert "on the first 1,000 of 1,797 samples" in ev.summary.text()


def test_a_runs_snapshots_win_over_the_preview(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    preview = w.live.preview
    shown = preview.last
    assert shown is not None and shown.status == "preview"
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "running", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.live.canvas_live.probe is not shown.probe, timeout=TIMEOUT)
    w.training.stop()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)
    # The run's write-back (its weights, already shown) does not start a preview: the views keep
    # the run's last snapshot.
    qtbot.wait(3 * DELAY_MS)
    assert preview.last is shown
    qtbot.waitUntil(lambda: w.live.canvas_live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)


def test_a_refresh_asked_for_during_a_run_waits_for_its_end(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    preview = w.live.preview
    shown = preview.last
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "running", timeout=TIMEOUT)
    preview.refresh_now()                   # nothing is computed while the run is under way
    assert preview.last is shown
    w.training.stop()
    qtbot.waitUntil(lambda: preview.last is not shown, timeout=TIMEOUT)
    assert w.training.state == "idle" and preview.last.status == "preview"
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    assert_views_match(w, w.doc.project)    # the weights the run wrote back


def test_undoing_a_run_shows_the_weights_from_before_it(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    before = shown_outputs(w)
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs, spec.optimizer = 30, {**spec.optimizer, "lr": 5.0}     # big steps: the outputs move
    w.stack.push(SetTraining(w.doc, spec, "epochs"))
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: w.live.canvas_live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)
    assert not np.allclose(shown_outputs(w), before, atol=1e-4)
    assert w.stack.undoText().startswith("Train")
    w.stack.undo()
    # The pictures are not blanked while the preview of the weights from before is computed.
    assert w.live.evaluation.mode() == "truth_table" and w.live.boundary.mode() == "plane"
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    np.testing.assert_array_equal(shown_outputs(w), before)
    assert_views_match(w, w.doc.project)


def test_the_evaluation_names_the_samples_it_leaves_out(qtbot):
    from nnstudio.training.live import LiveSnapshot
    from nnstudio.training.preview import preview_snapshot
    from nnstudio.ui.panels.evaluation import EvaluationPanel
    panel = EvaluationPanel()
    qtbot.addWidget(panel)
    project = load_project(EXAMPLES_DIR / "xor_dense.json")
    project.data.source = {"kind": "builtin", "name": "circle", "params": {"samples": 1500, "seed": 1}}
    snap = preview_snapshot(project)
    assert snap.probe.total_samples == 1500
    panel.update_snapshot(snap)
    assert panel.mode() == "confusion" and int(panel.confusion().sum()) == 1000
    assert "on the first 1,000 of 1,500 samples" in panel.summary.text()
    # A regression's summary counts the samples the same way.
    for node in project.nodes:
        if node.id in project.outputs:
            node.config["activation"] = "linear"
    project.training.loss = "mse"
    project.data.source = {"kind": "builtin", "name": "plane", "params": {"samples": 1500, "seed": 1}}
    panel.update_snapshot(preview_snapshot(project))
    assert panel.mode() == "regression" and "· the first 1,000 of 1,500 samples ·" in panel.summary.text()
    # All of them probed: nothing to say.
    whole = preview_snapshot(load_project(EXAMPLES_DIR / "xor_dense.json")).probe
    panel.update_snapshot(LiveSnapshot("paused", probe=whole))
    assert "first" not in panel.summary.text()


def test_a_preview_overtaken_by_an_edit_is_never_shown(window, qtbot, tmp_path):
    w = window
    assert w.files.open_path(saved_trained(tmp_path))
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    preview, shown = w.live.preview, []
    preview.shown.connect(shown.append)
    preview.refresh_now()                   # computing in its thread...
    edge = next(e for e in w.doc.project.edges if e.target == "y")
    w.stack.push(SetEdgeWeight(w.doc, edge.id, -30.0))   # ... when the document changes
    qtbot.waitUntil(lambda: filled(w), timeout=TIMEOUT)
    assert len(shown) == 1                  # only the edited network's preview reached the views
    assert_views_match(w, w.doc.project)
    assert shown[0].probe.evaluation.outputs[0, 0] == pytest.approx(expected_views(w.doc.project)[0]["outputs"][0, 0])
