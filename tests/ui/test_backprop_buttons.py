"""The Backprop panel's Back, Next, To end and Reset buttons and keys, copying its table of steps
as text, and the layer-level heatmaps of δ and ∂E/∂W."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from nnstudio.training.runner import TrainingRun
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 10_000
STEPS = 21      # the worked example: 4 forward, the error, 4 δ, 8 weights, 4 biases


@pytest.fixture
def panel(qtbot, open_window):
    w = open_window((1400, 900))
    assert w.files.open_example(EXAMPLES_DIR / "backprop_worked_example.json")
    w.backprop_dock.raise_()
    qtbot.waitUntil(lambda: w.backprop.position.text() == f"1 / {STEPS}", timeout=TIMEOUT)
    return w.backprop


def test_the_buttons_step_back_jump_to_the_end_and_reset(panel, qtbot):
    w = panel.window()
    controls = panel.controls
    for button in (panel.back_button, panel.next_button, controls.reset_button, controls.end_button,
                   controls.copy_button):
        assert button.isEnabled() and button.isVisible()
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.position.text() == f"3 / {STEPS}" and w.canvas.selected_ids() == (["o1"], [])
    qtbot.mouseClick(panel.back_button, Qt.MouseButton.LeftButton)
    assert panel.position.text() == f"2 / {STEPS}" and w.canvas.selected_ids() == (["h2"], [])
    qtbot.mouseClick(controls.end_button, Qt.MouseButton.LeftButton)
    assert panel.position.text() == f"{STEPS} / {STEPS}"
    assert panel.steps[-1].title == "Bias of h2" and w.canvas.selected_ids() == (["h2"], [])
    # At the end, Next stays there; Reset goes back to the first step.
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    assert panel.position.text() == f"{STEPS} / {STEPS}"
    qtbot.mouseClick(controls.reset_button, Qt.MouseButton.LeftButton)
    assert panel.position.text() == f"1 / {STEPS}" and w.canvas.selected_ids() == (["h1"], [])
    assert "Forward: h1" in panel.detail.toPlainText()


def test_the_keys_work_from_the_canvas_and_clash_with_nothing(panel, qtbot):
    w = panel.window()
    w.canvas.setFocus()
    presses = [(Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier, 2), (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier, 3),
               (Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier, 2),
               (Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier, STEPS),
               (Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier, STEPS - 1),
               (Qt.Key.Key_F11, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier, 1)]
    for key, modifiers, position in presses:
        qtbot.keyClick(w.canvas, key, modifiers)
        assert panel.position.text() == f"{position} / {STEPS}", (key, modifiers)
    # Each of the four keys belongs to exactly one action of the window.
    owners: dict[str, list[str]] = {}
    for action in w.findChildren(QAction):
        for seq in action.shortcuts():
            owners.setdefault(seq.toString(QKeySequence.SequenceFormat.PortableText), []).append(action.text())
    for keys in ("F11", "Shift+F11", "Ctrl+F11", "Ctrl+Shift+F11"):
        assert len(owners[keys]) == 1, (keys, owners[keys])


EXPECTED_LINES = [
    "Phase\tStep\tResult",
    "Forward pass\tForward: h1\tout(h1) = 0.593269992",
    "Forward pass\tForward: h2\tout(h2) = 0.596884378",
    "Forward pass\tForward: o1\tout(o1) = 0.75136507",
    "Forward pass\tForward: o2\tout(o2) = 0.772928465",
    "Error\tError\tE = 0.298371109",
    "Backward pass\tBackward: δo1\tδo1 = 0.138498562",
]


def test_the_table_copies_as_tab_separated_text_with_its_headers(panel, qtbot):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    qtbot.mouseClick(panel.controls.copy_button, Qt.MouseButton.LeftButton)
    text = clipboard.text()
    lines = text.splitlines()
    assert len(lines) == STEPS + 1 and text.endswith("\n")
    assert lines[:len(EXPECTED_LINES)] == EXPECTED_LINES
    assert lines[10] == "Weight updates\tWeight w5 (h1 → o1)\tw5: 0.4 → 0.35891648"
    assert lines[-1] == "Bias updates\tBias of h2\tb(h2): 0.35 → 0.35 (frozen)"
    assert all(line.count("\t") == 2 for line in lines)
    # Ctrl+C in the table copies the same text (not the canvas's nodes, Edit ▸ Copy's job).
    clipboard.setText("before")
    panel.window().canvas.select_ids(["h1"])
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == text
    # The current step did not move.
    assert panel.position.text() == f"1 / {STEPS}"


# --- the layer-level heatmaps -------------------------------------------------------------------------
def by_hand(project, sample: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """xor_dense (2 → 8 tanh → 1 sigmoid, binary cross-entropy) backpropagated with NumPy:
    node id → (δ = ∂E/∂z, ∂E/∂W)."""
    run = TrainingRun(project.copy())
    params = run.model.node_params()
    data = run.all_samples()
    x = np.asarray(data.inputs[0], dtype=np.float64)[sample:sample + 1]
    t = np.asarray(data.targets, dtype=np.float64).reshape(-1)[sample]
    w1, b1, w2, b2 = params["hidden"]["W"], params["hidden"]["b"], params["out"]["W"], params["out"]["b"]
    h = np.tanh(x @ w1 + b1)
    y = 1 / (1 + np.exp(-(h @ w2 + b2)))
    delta_out = (y - t).reshape(-1)                      # sigmoid with cross-entropy: ∂E/∂z = y − t
    delta_hidden = (delta_out @ w2.T) * (1 - h.reshape(-1) ** 2)
    return {"hidden": (delta_hidden, x.T @ delta_hidden.reshape(1, -1)),
            "out": (delta_out, h.T @ delta_out.reshape(1, -1))}


def test_dense_layers_show_delta_and_the_gradient_matrix_as_heatmaps(qtbot):
    from nnstudio.project.document import Document
    from nnstudio.project.io import load_project
    from nnstudio.ui.panels.backprop import BackpropPanel
    from PySide6.QtGui import QUndoStack
    doc = Document(load_project(EXAMPLES_DIR / "xor_dense.json"))
    panel = BackpropPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(1000, 450)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.layers_button.isVisible(), timeout=TIMEOUT)
    page = panel.summary_page
    heatmaps = page.heatmaps
    assert not page.tabs.isTabVisible(1)
    panel.layers_button.click()         # the first summary tells the panel how many samples there are
    qtbot.waitUntil(lambda: not panel.is_computing() and page.tabs.isTabVisible(1), timeout=TIMEOUT)
    assert page.tabs.currentIndex() == 0 and not panel.summary.isHidden()   # the text comes first
    page.tabs.setCurrentWidget(heatmaps)
    assert heatmaps.isVisible() and panel.summary.isHidden()
    assert panel.of_samples.text() == "of 4"
    for sample in (2, 3, 4):            # x = (0, 1), (1, 0), (1, 1): every W row gets a gradient somewhere
        panel.sample.setValue(sample)
        assert panel.sample.value() == sample
        panel.layers_button.click()
        qtbot.waitUntil(lambda: not panel.is_computing() and f"sample {sample} of 4" in panel.summary.toPlainText(),
                        timeout=TIMEOUT)
        assert heatmaps.isVisible()         # the tab chosen stays in front for the next sample
        assert [heatmaps.combo.itemText(k) for k in range(heatmaps.combo.count())] == ["hidden", "out"]
        expected = by_hand(doc.project, sample - 1)
        for index, node_id in enumerate(("hidden", "out")):
            heatmaps.combo.setCurrentIndex(index)
            delta, d_weights = expected[node_id]
            shown_delta = np.asarray(heatmaps.delta_image.image)
            shown_weights = np.asarray(heatmaps.weights_image.image)
            assert shown_delta.shape == (1, delta.size) and shown_weights.shape == d_weights.shape
            np.testing.assert_allclose(shown_delta[0], delta, rtol=1e-10, atol=1e-14)
            np.testing.assert_allclose(shown_weights, d_weights, rtol=1e-10, atol=1e-14)
            assert np.abs(d_weights).max() > 1e-6 and np.abs(delta).max() > 1e-6   # not pictures of zeros
            # The colour scale is symmetric about 0 and covers every value.
            low, high = heatmaps.weights_image.levels
            assert low == -high and high >= np.abs(d_weights).max()
            assert tuple(heatmaps.weights_bar.levels()) == (low, high)
            assert heatmaps.delta_plot.isVisible() and not heatmaps.note.isVisible()
    # A network the panel walks neuron by neuron has no layer page, so no heatmaps.
    panel.doc.replace(load_project(EXAMPLES_DIR / "backprop_worked_example.json"))
    qtbot.waitUntil(lambda: panel.position.text() == "1 / 21", timeout=TIMEOUT)
    assert not heatmaps.isVisible() and panel.pages.currentIndex() == 0
    # And a layer network's text without a summary asked for shows none either.
    panel.doc.replace(load_project(EXAMPLES_DIR / "xor_dense.json"))
    qtbot.waitUntil(lambda: panel.pages.currentIndex() == 1 and panel.layers_button.isVisible(), timeout=TIMEOUT)
    assert not heatmaps.isVisible() and heatmaps.layers == [] and not page.tabs.isTabVisible(1)


def test_help_lists_the_new_keys(panel, monkeypatch):
    from nnstudio.ui.window.actions import ShortcutsDialog
    shown = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    panel.window().act.shortcuts.trigger()
    table = shown[0].table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows["Back to the first walkthrough step"] == QKeySequence("Ctrl+Shift+F11").toString(
        QKeySequence.SequenceFormat.NativeText)
    assert rows["To the last walkthrough step"] == QKeySequence("Ctrl+F11").toString(
        QKeySequence.SequenceFormat.NativeText)
