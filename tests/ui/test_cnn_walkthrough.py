"""The step-by-step walkthrough on the digits CNN: a layer network, so the Backprop panel offers
the layer-by-layer pass and computes it without failing on conv2d and pooling (vectors and
matrices, no per-neuron detail); the inspector shows the conv node's pair settings."""
from __future__ import annotations

from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 20000


def test_the_backprop_panel_walks_the_cnn_layer_by_layer(qtbot, open_window):
    w = open_window((1400, 900))
    assert w.files.open_example(EXAMPLES_DIR / "digits_cnn.json")
    w.backprop_dock.raise_()
    panel = w.backprop
    qtbot.waitUntil(lambda: panel.is_shown() and not panel._dirty, timeout=TIMEOUT)
    assert not panel.steps and not panel.layers_button.isHidden()
    panel.layers_button.click()
    qtbot.waitUntil(lambda: "Forward pass, layer by layer" in panel.summary.toPlainText(), timeout=TIMEOUT)
    text = " ".join(panel.summary.toPlainText().split())
    assert "conv1 conv2d (relu) [1, 8, 8] [16, 8, 8]" in text and "pool1 maxpool2d [16, 8, 8] [16, 4, 4]" in text
    assert "[16, 1, 3, 3]" in text and "Nothing to walk through" not in panel.summary_note.text()
    assert not panel.is_computing()

    w.inspector.show_selection(["conv1"], [])
    editors = w.inspector.node_form.editors
    assert editors["kernel_size"].widget.text() == "3" and editors["stride"].widget.text() == "1"
    assert editors["padding"].value() == "same" and editors["filters"].value() == 16
