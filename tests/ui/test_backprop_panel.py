"""The Backprop panel: the worked example step by step, the canvas following, edits and samples."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nnstudio.ui.commands.edits import SetEdgeWeight
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 5000


@pytest.fixture
def window(qtbot, open_window):
    w = open_window((1400, 900))
    return w


def open_walk(w, qtbot, example: str):
    assert w.files.open_example(EXAMPLES_DIR / f"{example}.json")
    w.backprop_dock.raise_()
    panel = w.backprop
    qtbot.waitUntil(lambda: panel.is_shown() and not panel._dirty, timeout=TIMEOUT)
    return panel


def result_of(panel, title: str) -> str:
    return next(s.result for s in panel.steps if s.title == title)


def test_the_worked_example_steps_through_the_tutorials_numbers(window, qtbot):
    panel = open_walk(window, qtbot, "backprop_worked_example")
    # 4 forward steps, the error, 4 δ, 8 weights, 4 biases.
    assert [s.phase for s in panel.steps].count("forward") == 4 and len(panel.steps) == 21
    assert panel.sample_text.text() == "i1 = 0.05, i2 = 0.1 → o1 = 0.01, o2 = 0.99"
    assert panel.position.text() == "1 / 21"
    assert result_of(panel, "Forward: o1") == "out(o1) = sigmoid(1.10590597) = 0.75136507"
    assert result_of(panel, "Forward: o2") == "out(o2) = sigmoid(1.2249214) = 0.772928465"
    assert result_of(panel, "Error") == "E = 0.298371109"
    # SEED_NOTES: the weights after the first update.
    expected = {"w5": "0.35891648", "w6": "0.408666186", "w7": "0.51130127", "w8": "0.561370121",
                "w1": "0.149780716", "w2": "0.199561432", "w3": "0.249751144", "w4": "0.299502287"}
    for edge, value in expected.items():
        step = next(s for s in panel.steps if s.edge == edge)
        assert step.result.endswith(f"→ {value}"), step.result
    assert "(frozen: not trained)" in result_of(panel, "Bias of h1")   # the tutorial keeps biases fixed


def test_f11_steps_and_the_canvas_selects_each_steps_neuron_or_edge(window, qtbot):
    panel = open_walk(window, qtbot, "backprop_worked_example")
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F11)
    assert panel.position.text() == "2 / 21"
    assert window.canvas.selected_ids() == (["h2"], [])
    assert "Forward: h2" in panel.detail.toPlainText() and "0.596884378" in panel.detail.toPlainText()
    # To the first weight update: the edge w5 is selected, and the inspector edits it.
    while not panel.steps[panel.current_index()].edge:
        panel.next_action.trigger()
    assert panel.steps[panel.current_index()].edge == "w5"
    assert window.canvas.selected_ids() == ([], ["w5"])
    qtbot.keyClick(window.canvas, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    assert panel.steps[panel.current_index()].title == "Backward: δh2"
    # Back at the start, Back stays there; at the end, Next does.
    for _ in range(30):
        panel.back_button.click()
    assert panel.position.text() == "1 / 21"
    for _ in range(30):
        panel.next_button.click()
    assert panel.position.text() == "21 / 21"


def test_an_edit_recomputes_the_walk_and_undo_brings_it_back(window, qtbot):
    panel = open_walk(window, qtbot, "backprop_worked_example")
    before = result_of(panel, "Forward: o1")
    panel.go_to(5)
    window.stack.push(SetEdgeWeight(window.doc, "w5", 1.0, merge=False))
    qtbot.waitUntil(lambda: result_of(panel, "Forward: o1") != before, timeout=TIMEOUT)
    assert "1·0.593269992" in next(s.working for s in panel.steps if s.title == "Forward: o1")
    assert panel.current_index() == 5                     # the place in the walk is kept
    window.stack.undo()
    qtbot.waitUntil(lambda: result_of(panel, "Forward: o1") == before, timeout=TIMEOUT)


def test_each_sample_of_xor_can_be_walked(window, qtbot):
    panel = open_walk(window, qtbot, "xor_5_hidden")
    assert panel.sample.maximum() == 4 and panel.of_samples.text() == "of 4"
    panel.sample.setValue(4)
    qtbot.waitUntil(lambda: panel.sample_text.text() == "x1 = 1, x2 = 1 → y = 0", timeout=TIMEOUT)
    assert len(panel.steps) == 6 + 1 + 6 + 15 + 6


def test_layer_networks_get_the_layer_summary_and_broken_ones_say_why(window, qtbot):
    panel = open_walk(window, qtbot, "xor_dense")
    assert panel.pages.currentIndex() == 1 and not panel.steps
    # Nothing is computed (a layer network's data can be big) until asked for.
    # The note wraps in a label (issue 10: it was one line in a horizontally scrolling box).
    assert "single neurons" in panel.summary_note.text() and not panel.layers_button.isHidden()
    assert panel.summary_note.wordWrap() and panel.summary.isHidden()
    assert "Forward pass, layer by layer" not in panel.summary.toPlainText()
    panel.layers_button.click()                 # computed in a worker thread: the window stays live
    qtbot.waitUntil(lambda: "Forward pass, layer by layer" in panel.summary.toPlainText(), timeout=TIMEOUT)
    assert not panel.summary.isHidden() and not panel.is_computing()
    assert not panel.next_button.isEnabled() and not panel.apply_button.isEnabled()
    window.files.new_project()
    qtbot.waitUntil(lambda: "Nothing to walk through" in panel.summary_note.text(), timeout=TIMEOUT)


def test_apply_update_is_one_training_step_by_hand_and_one_undo_step(window, qtbot):
    panel = open_walk(window, qtbot, "backprop_worked_example")
    panel.apply_button.click()
    assert window.stack.count() == 1 and window.stack.text(0) == "Apply the gradient step of sample 1"
    # SEED_NOTES: the weights after the first update, and the error of the next forward pass.
    assert window.doc.project.edge("w5").weight == pytest.approx(0.35891648, abs=5e-9)
    assert window.doc.project.edge("w1").weight == pytest.approx(0.149780716, abs=5e-10)
    assert float(window.doc.project.node("h1").params["b"]) == 0.35          # frozen in the tutorial
    qtbot.waitUntil(lambda: not panel._dirty, timeout=TIMEOUT)
    assert result_of(panel, "Error") == "E = 0.291027774"
    # The same as one epoch of the engine's own training (one sample, plain SGD).
    from nnstudio.training.runner import TrainingRun
    project = window.doc.project.copy()
    window.stack.undo()
    assert window.doc.project.edge("w5").weight == 0.4
    engine = TrainingRun(window.doc.project.copy())
    for _ in engine.reports(1):
        pass
    trained = engine.model.edge_weights()
    for edge in project.edges:
        assert float(trained[edge.id]) == pytest.approx(float(edge.weight), rel=1e-12), edge.id


def test_apply_update_is_locked_while_training(window, qtbot):
    panel = open_walk(window, qtbot, "xor_5_hidden")
    assert panel.apply_button.isEnabled()
    window.training.train()
    qtbot.waitUntil(lambda: window.training.state == "running", timeout=TIMEOUT)
    assert not panel.apply_button.isEnabled()
    count = window.stack.count()
    panel.apply_update()                   # a click that got through anyway does nothing
    assert window.stack.count() == count
    window.training.stop()
    qtbot.waitUntil(lambda: window.training.state == "idle", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.apply_button.isEnabled(), timeout=TIMEOUT)


def test_the_canvas_chips_follow_the_walk_and_give_way_when_the_panel_hides(window, qtbot):
    panel = open_walk(window, qtbot, "backprop_worked_example")
    items = window.canvas.scene().node_items
    chips = lambda: {k: (i.live_value, i.live_prefix) for k, i in items.items() if i.live_value is not None}  # noqa: E731
    # Step 1, the forward pass of h1: the inputs and h1's output, nothing further yet.
    assert chips() == {"i1": (0.05, ""), "i2": (0.1, ""), "h1": (pytest.approx(0.593269992), "")}
    assert window.live.sample_bar.isHidden()
    panel.go_to(4)                                    # the error: every output known
    assert chips()["o1"] == (pytest.approx(0.75136507), "") and chips()["o2"][1] == ""
    panel.go_to(6)                                    # δo1 and δo2 computed
    assert chips()["o1"] == (pytest.approx(0.138498562), "δ ") and chips()["o2"][1] == "δ "
    assert chips()["h1"] == (pytest.approx(0.593269992), "")
    # Another tab in front: the walk's chips give way to the network's own outputs (shown without
    # training since issue 10), and come back with the panel.
    network = {"o1": (pytest.approx(0.75136507), ""), "h1": (pytest.approx(0.593269992), "")}
    window.live.loss_dock.raise_()
    qtbot.waitUntil(lambda: all(p == "" for _, p in chips().values()), timeout=TIMEOUT)
    assert {k: chips()[k] for k in network} == network
    window.backprop_dock.raise_()
    qtbot.waitUntil(lambda: chips().get("o1", (0, ""))[1] == "δ ", timeout=TIMEOUT)
    # The panel closed: the chips go; opened again: they return.
    window.backprop_dock.close()
    qtbot.waitUntil(lambda: not panel.is_shown(), timeout=TIMEOUT)
    assert {k: chips()[k] for k in network} == network and all(p == "" for _, p in chips().values())
    window.backprop_dock.show()
    window.backprop_dock.raise_()
    qtbot.waitUntil(lambda: chips().get("o1", (0, ""))[1] == "δ ", timeout=TIMEOUT)
