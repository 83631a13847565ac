"""The Weights panel with conv and recurrent layers: conv filters and the dense units fed by an
image as pictures on one colour scale, recurrent weights split by gate."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.training.preview import preview_snapshot
from nnstudio.ui.panels.weights import WeightsPanel
from tests.training.views_projects import bits_recurrent, chain, digits_cnn


@pytest.fixture
def panel(qtbot) -> WeightsPanel:
    p = WeightsPanel()
    qtbot.addWidget(p)
    p.resize(700, 400)
    p.show()
    return p


def params(project, node_id: str) -> dict:
    """The arrays a preview compiled for `node_id` (absent params come from the seed)."""
    from nnstudio.training.runner import TrainingRun
    model = TrainingRun(project).model
    return model.node_params()[node_id]


def test_one_channel_filters_wrap_into_a_square_of_pictures(panel) -> None:
    project = digits_cnn(filters=3)
    panel.update_snapshot(preview_snapshot(project))
    panel.select("c1 filters")
    assert panel.as_images.isVisibleTo(panel) and panel.as_images.isChecked()
    W = params(project, "c1")["W"]                       # [3, 1, 3, 3]
    image = panel.current_image()
    assert image.shape == (7, 7)                         # 2 × 2 tiles of 3×3, one cell apart
    np.testing.assert_array_equal(image[:3, :3], W[0, 0])
    np.testing.assert_array_equal(image[:3, 4:], W[1, 0])
    np.testing.assert_array_equal(image[4:, :3], W[2, 0])
    assert np.isnan(image[3]).all() and np.isnan(image[4:, 4:]).all()     # gaps, and no 4th filter
    assert panel.hover_text_at(5, 1) == f"ch0[1,1] → filter 2: {W[2, 0, 1, 1]:+.4g}"
    assert panel.hover_text_at(3, 0) == ""
    top = np.abs(W).max()
    lo, hi = panel.levels()
    assert lo == -hi and hi >= top
    panel.as_images.setChecked(False)                   # back to the matrix: rows (c, kh, kw), one column a filter
    np.testing.assert_array_equal(panel.current_image(), W.reshape(3, -1).T)


def test_filters_of_several_channels_are_filters_by_channels(panel) -> None:
    project = chain([("x", "input", {"shape": [1, 8, 8]}), ("c1", "conv2d", {"filters": 3}),
                     ("c2", "conv2d", {"filters": 2}), ("flat", "flatten", {}),
                     ("out", "dense", {"units": 10, "activation": "softmax"})],
                    {"kind": "builtin", "name": "digits", "params": {}}, "sparse_categorical_crossentropy")
    panel.update_snapshot(preview_snapshot(project))
    panel.select("c2 filters")
    W = params(project, "c2")["W"]                       # [2, 3, 3, 3]
    image = panel.current_image()
    assert image.shape == (2 * 4 - 1, 3 * 4 - 1)
    for f in range(2):
        for c in range(3):
            np.testing.assert_array_equal(image[4 * f:4 * f + 3, 4 * c:4 * c + 3], W[f, c])


def test_a_dense_layer_fed_by_an_image_shows_what_each_unit_looks_at(panel) -> None:
    project = digits_cnn(filters=4)
    panel.update_snapshot(preview_snapshot(project))
    panel.select("out")
    W = params(project, "out")["W"]                      # [4·3·3, 10], flatten order (c, h, w)
    image = panel.current_image()
    assert image.shape == (10 * 4 - 1, 4 * 4 - 1)        # units × channels of 3×3
    np.testing.assert_array_equal(image[8:11, 4:7], W[:, 2].reshape(4, 3, 3)[1])
    # The plain MLP's dense layer over a [64] input is no picture.
    mlp = chain([("x", "input", {"shape": [64]}), ("out", "dense", {"units": 10, "activation": "softmax"})],
                {"kind": "builtin", "name": "digits", "params": {}}, "sparse_categorical_crossentropy")
    panel.update_snapshot(preview_snapshot(mlp))
    assert not panel.as_images.isVisibleTo(panel) and panel.current_image().shape == (64, 10)


@pytest.mark.parametrize("kind,gates", [("lstm", ["i (input gate)", "f (forget gate)", "g (candidate)",
                                                   "o (output gate)"]),
                                        ("gru", ["r (reset gate)", "z (update gate)", "n (candidate)"])])
def test_recurrent_weights_are_split_by_gate(panel, kind, gates) -> None:
    project = bits_recurrent(kind, units=3, steps=5)
    panel.update_snapshot(preview_snapshot(project))
    names = [panel.combo.itemData(i) for i in range(panel.combo.count())]
    assert names == [f"r {w} · {g}" for g in gates for w in ("Wx", "Wh")] + ["out"]
    p = params(project, "r")
    panel.select(f"r Wh · {gates[1]}")
    np.testing.assert_array_equal(panel.current_image(), p["Wh"][:, 3:6])
    panel.select(f"r Wx · {gates[-1]}")
    np.testing.assert_array_equal(panel.current_image(), p["Wx"][:, 3 * (len(gates) - 1):])
    assert not panel.as_images.isVisibleTo(panel)
