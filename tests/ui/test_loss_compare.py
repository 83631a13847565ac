"""Comparing runs in the Loss panel: kept loss curves drawn dashed over the current run, with
their exact numbers and legend entries, surviving other projects, removable, and never part of a
project file or the undo stack."""
from __future__ import annotations

import copy
import csv
import json

import numpy as np
import pytest
from PySide6.QtCore import QLocale, Qt

from nnstudio.project.model import History
from nnstudio.project.lessons import lessons
from nnstudio.shipped import examples_dir
from nnstudio.training.live import LiveSnapshot
from nnstudio.ui.commands.edits import SetData, SetTraining
from nnstudio.ui.panels.lesson import lesson_html
from nnstudio.ui.panels.loss import LossPanel
from nnstudio.ui.panels.loss_compare import KEPT_COLOURS
from nnstudio.ui.panels.plot_export import export_csv
from tests.ui.conftest import legend_names

TIMEOUT = 20_000


def history(epochs, loss, val=None) -> History:
    n = len(epochs)
    return History(list(epochs), list(loss), list(val) if val is not None else [None] * n, [None] * n, [None] * n)


@pytest.fixture
def panel(loss_panel) -> LossPanel:
    return loss_panel


def menu_action(p: LossPanel, text: str):
    p.compare.fill_menu()
    return next(a for a in p.compare.menu.actions() if a.text() == text)


def curve_data(curve) -> tuple[np.ndarray, np.ndarray]:
    return np.asarray(curve.xData, dtype=np.float64), np.asarray(curve.yData, dtype=np.float64)


def test_a_kept_history_is_drawn_dashed_with_its_exact_numbers_and_survives_reset(panel):
    h = history([1, 2, 3, 4], [0.9, 0.5, 0.3125, 0.2], [1.0, 0.75, None, 0.5])
    panel.show_history(h)
    panel.compare.set_name_source(lambda: "Activations compared: sigmoid")
    asked = []
    panel.compare.ask_label = lambda default: asked.append(default) or default
    menu_action(panel, "Keep for comparison…").trigger()
    assert asked == ["Activations compared: sigmoid"]
    panel.reset()                                   # another project: the kept curve stays
    panel.show_history(history([1, 2], [2.0, 1.5]))
    train, val = panel.compare.curves("Activations compared: sigmoid")
    x, y = curve_data(train)
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    np.testing.assert_array_equal(y, [0.9, 0.5, 0.3125, 0.2])
    x, y = curve_data(val)
    np.testing.assert_array_equal(x, [1, 2, 3, 4])
    np.testing.assert_array_equal(y, [1.0, 0.75, np.nan, 0.5])
    assert train.opts["pen"].style() == Qt.PenStyle.DashLine and val.opts["pen"].style() == Qt.PenStyle.DotLine
    assert train.opts["pen"].color().name() == val.opts["pen"].color().name() == KEPT_COLOURS[0]
    assert train in panel.loss_plot.getPlotItem().items and val in panel.loss_plot.getPlotItem().items
    assert legend_names(panel) == ["train", "Activations compared: sigmoid",
                                   "Activations compared: sigmoid (validation)"]
    np.testing.assert_array_equal(panel.losses(), [2.0, 1.5])        # the panel's own run is untouched
    # The x axis covers the kept run's 4 epochs, though the current run has only 2.
    x0, x1 = panel.loss_plot.getPlotItem().getViewBox().viewRange()[0]
    assert x0 <= 1.0 and x1 >= 4.0
    y0, y1 = panel.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    assert y0 <= 0.2 and y1 >= 2.0


def test_kept_numbers_are_copies_not_references(panel):
    h = history([1, 2, 3], [0.5, 0.25, 0.125])
    panel.show_history(h)
    run = panel.compare.keep_history(h, "first")
    h.loss[0] = 99.0
    h.epoch.append(4)
    panel.update_snapshot(LiveSnapshot("running", epoch=4, total_epochs=10, loss=0.1, new_history=history([4], [0.1])))
    np.testing.assert_array_equal(run.loss, [0.5, 0.25, 0.125])
    np.testing.assert_array_equal(curve_data(panel.compare.curves("first")[0])[1], [0.5, 0.25, 0.125])
    assert run.val_loss is None and panel.compare.curves("first")[1] is None      # no validation measured
    assert legend_names(panel) == ["train", "first"]


def test_several_runs_get_their_own_colours_and_unique_names_and_remove_one_or_all(panel):
    compare = panel.compare
    assert not menu_action(panel, "Keep for comparison…").isEnabled()      # nothing shown: nothing to keep
    assert not menu_action(panel, "Clear comparison").isEnabled()
    for k in range(3):
        compare.keep_history(history([1, 2], [1.0 + k, 0.5 + k]), "run")
    assert compare.labels() == ("run", "run (2)", "run (3)")
    assert [r.colour for r in compare.runs()] == list(KEPT_COLOURS[:3])
    assert legend_names(panel) == ["run", "run (2)", "run (3)"] and panel.legend.isVisible()
    middle = compare.curves("run (2)")[0]
    menu_action(panel, "Remove “run (2)”").trigger()
    assert compare.labels() == ("run", "run (3)")
    assert middle not in panel.loss_plot.getPlotItem().items
    assert legend_names(panel) == ["run", "run (3)"]
    compare.keep_history(history([1], [3.0]), "again")
    assert compare.runs()[-1].colour == KEPT_COLOURS[1]      # the colour freed by the removed run
    assert menu_action(panel, "Clear comparison").isEnabled()
    menu_action(panel, "Clear comparison").trigger()
    assert compare.labels() == () and not panel.legend.isVisible()
    assert [i for i in panel.loss_plot.getPlotItem().items if i not in panel.plot_items()
            and hasattr(i, "implements") and i.implements("plotData")] == []


def test_cancelling_the_label_keeps_nothing_and_an_empty_history_is_not_kept(panel):
    panel.show_history(history([1, 2], [1.0, 0.5]))
    panel.compare.ask_label = lambda default: None
    menu_action(panel, "Keep for comparison…").trigger()
    assert panel.compare.labels() == ()
    assert panel.compare.keep_history(History(), "empty") is None and panel.compare.labels() == ()


def test_a_kept_exploding_run_makes_the_axis_logarithmic(panel):
    panel.compare.keep_history(history([1, 2, 3], [1.0, 1e4, 1e9]), "exploded")
    panel.show_history(history([1, 2], [1.0, 0.5]))
    assert panel.log_scale()
    panel.compare.clear()
    assert not panel.log_scale()


def test_the_csv_export_holds_the_kept_curves(panel, tmp_path):
    panel.show_history(history([1, 2], [1.0, 0.5]))
    panel.compare.keep_history(history([1, 2, 3], [0.8, 0.4, 0.2], [0.9, 0.6, 0.3]), "kept")
    [path] = export_csv([panel.loss_plot], tmp_path / "loss.csv")
    rows = list(csv.reader(open(path, newline="")))
    header = rows[0]
    assert "kept_x" in header and "kept_y" in header and "kept (validation)_y" in header
    column = header.index("kept_y")
    assert [float(r[column]) for r in rows[1:4]] == [0.8, 0.4, 0.2]
    column = header.index("kept (validation)_y")
    assert [float(r[column]) for r in rows[1:4]] == [0.9, 0.6, 0.3]


def test_lessons_that_compare_runs_point_to_keep_for_comparison():
    by_number = {lesson.number: lesson for lesson in lessons()}
    assert "Keep for comparison" in lesson_html(by_number[4], "en")
    assert "Keep for comparison" in lesson_html(by_number[7], "en")
    assert "Keep for comparison" not in lesson_html(by_number[5], "en")


def train_to_end(w, qtbot, epochs: int) -> None:
    """Train the window's project for its epochs, until the Loss panel has drawn all of them."""
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: len(w.live.loss.losses()) == epochs, timeout=TIMEOUT)


def test_keep_a_trained_example_open_another_and_compare(open_window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("NNSTUDIO_TRAINING", "thread")
    QLocale.setDefault(QLocale("en_US"))
    try:
        w = open_window((1400, 900), exposed=False)
        w.speed.set_full_speed()
        assert w.files.open_example(examples_dir() / "activations_sigmoid.json")
        spec = copy.deepcopy(w.doc.project.training)
        spec.epochs = 12
        w.stack.push(SetTraining(w.doc, spec, "epochs"))
        data = copy.deepcopy(w.doc.project.data)
        data.validation_split = 0.25
        w.stack.push(SetData(w.doc, data, "validation_split"))
        train_to_end(w, qtbot, 12)
        kept = copy.deepcopy(w.doc.project.history)
        assert kept.epoch == list(range(1, 13)) and all(v is not None for v in kept.val_loss)
        loss = w.live.loss
        monkeypatch.setattr(loss.compare, "ask_label", lambda default: default)
        steps, clean = w.stack.count(), w.stack.index()
        menu_action(loss, "Keep for comparison…").trigger()
        assert loss.compare.labels() == ("Activations compared: sigmoid",)
        assert (w.stack.count(), w.stack.index()) == (steps, clean)          # a view: no undo step

        assert w.files.open_example(examples_dir() / "activations_tanh.json")
        assert len(loss.epochs()) == 0                                        # the new project: no run yet
        train, val = loss.compare.curves("Activations compared: sigmoid")
        x, y = curve_data(train)
        np.testing.assert_array_equal(x, kept.epoch)
        np.testing.assert_array_equal(y, kept.loss)
        np.testing.assert_array_equal(curve_data(val)[1], kept.val_loss)
        assert "Activations compared: sigmoid" in legend_names(loss)
        assert "Activations compared: sigmoid (validation)" in legend_names(loss)

        spec = copy.deepcopy(w.doc.project.training)
        spec.epochs = 5
        w.stack.push(SetTraining(w.doc, spec, "epochs"))
        train_to_end(w, qtbot, 5)
        assert legend_names(loss)[0] == "train" and "Activations compared: sigmoid" in legend_names(loss)
        np.testing.assert_array_equal(curve_data(train)[1], kept.loss)        # still the kept numbers

        # Nothing of it is saved with the project.
        saved = tmp_path / "tanh.json"
        assert w.files.write(saved)
        text = saved.read_text(encoding="utf-8")
        assert "Activations compared: sigmoid" not in text and "(validation)" not in text
        shipped = json.loads((examples_dir() / "activations_tanh.json").read_text(encoding="utf-8"))
        assert json.loads(text).keys() == shipped.keys() and json.loads(text)["meta"] == shipped["meta"]

        menu_action(loss, "Remove “Activations compared: sigmoid”").trigger()
        assert loss.compare.labels() == () and "Activations compared: sigmoid" not in legend_names(loss)
        assert train not in loss.loss_plot.getPlotItem().items and val not in loss.loss_plot.getPlotItem().items
    finally:
        QLocale.setDefault(QLocale.system())
