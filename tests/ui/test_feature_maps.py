"""The Activations panel's feature maps (conv and pool nodes) and gate views (rnn, lstm, gru),
for the chosen sample, from the probes a preview or a run sends."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.training.preview import preview_snapshot
from nnstudio.ui.panels.activations import ActivationsPanel
from tests.training.views_projects import bits_recurrent, digits_cnn


@pytest.fixture
def panel(qtbot) -> ActivationsPanel:
    p = ActivationsPanel()
    qtbot.addWidget(p)
    p.resize(700, 600)
    p.show()
    return p


def test_a_conv_node_shows_one_tile_per_channel_of_the_chosen_sample(panel) -> None:
    snap = preview_snapshot(digits_cnn(filters=4), chosen=3)
    panel.update_snapshot(snap)
    panel.set_node("c1", "c1", "relu")
    maps = snap.probe.insides["c1"].arrays["maps"]
    tiles = panel.tiles()
    assert [t for t, _ in tiles] == ["ch 0", "ch 1", "ch 2", "ch 3"]
    for k, (_, image) in enumerate(tiles):
        np.testing.assert_array_equal(image, maps[k])
    assert "feature maps of sample 4" in panel.title.text() and "1 sample" in panel.title.text()
    # Histogram and means cover that sample's maps: 4 channels × 36 positions.
    assert panel.histogram_counts().sum() == 4 * 36
    np.testing.assert_allclose(panel.unit_means(), maps.reshape(4, -1).mean(axis=1))
    assert panel.warnings() == []       # one sample cannot tell a dead channel
    lo, hi = panel.maps.colorbar.levels()
    assert lo == -hi and hi >= np.abs(maps).max()


def test_a_pool_node_and_the_input_image_show_too(panel) -> None:
    snap = preview_snapshot(digits_cnn(filters=2), chosen=0)
    panel.update_snapshot(snap)
    panel.set_node("p1", "p1")
    assert [img.shape for _, img in panel.tiles()] == [(3, 3), (3, 3)]
    panel.set_node("x", "x")
    np.testing.assert_array_equal(panel.tiles()[0][1], snap.probe.insides["x"].arrays["maps"][0])
    panel.set_node("out", "out", "softmax")
    assert panel.tiles() == []              # a dense layer: histogram and means only


@pytest.mark.parametrize("kind,titles", [
    ("lstm", ["i · input gate", "f · forget gate", "o · output gate", "g · candidate", "c · cell state",
              "h · hidden state"]),
    ("gru", ["r · reset gate", "z · update gate", "n · candidate", "h · hidden state"]),
    ("rnn", ["h · hidden state"])])
def test_recurrent_nodes_show_gates_and_states_over_time(panel, kind, titles) -> None:
    snap = preview_snapshot(bits_recurrent(kind, units=3, steps=6), chosen=2)
    panel.update_snapshot(snap)
    panel.set_node("r", "r", None)
    tiles = panel.tiles()
    assert [t.split(" (")[0] for t, _ in tiles] == titles
    arrays = snap.probe.insides["r"].arrays
    for title, image in tiles:
        name = title[0]
        assert image.shape == (3, 6)                  # units × time steps
        np.testing.assert_array_equal(image, arrays[name].T)
    assert "gates and states of sample 3" in panel.title.text()
