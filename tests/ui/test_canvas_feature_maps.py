"""The canvas with a CNN: blocks label their output shapes as 8×6×6, and conv and pool blocks
show a strip of their feature maps for the chosen sample (an image input shows the image)."""
from __future__ import annotations

import copy

import numpy as np
from PySide6.QtGui import QColor

from nnstudio.ui.canvas.live_paint import NEGATIVE_RGB, POSITIVE_RGB, strip_image
from nnstudio.ui.commands.edits import SetTraining
from tests.training.views_projects import bits_recurrent, chain, digits_cnn

TIMEOUT = 10_000


def pixel(image, x: int, y: int) -> tuple[int, int, int]:
    c = QColor(image.pixel(x, y))
    return c.red(), c.green(), c.blue()


def test_strip_images_put_channels_side_by_side_on_one_scale() -> None:
    maps = np.zeros((3, 2, 2))
    maps[0, 0, 0], maps[1, 1, 1], maps[2, 0, 1] = 2.0, -2.0, 1.0
    image = strip_image(maps)
    assert (image.width(), image.height()) == (3 * 3 - 1, 2)
    assert pixel(image, 0, 0) == tuple(POSITIVE_RGB.astype(int))          # the top value: full blue
    assert pixel(image, 3 + 1, 1) == tuple(NEGATIVE_RGB.astype(int))      # channel 1, row 1, column 1
    assert pixel(image, 2, 0) == (255, 255, 255)                           # the gap between channels
    assert pixel(image, 6 + 1, 0) == (157, 186, 240)                       # 1 of 2: half-way to blue
    assert strip_image(np.zeros((20, 4, 4))).width() == 8 * 5 - 1            # at most 8 channels


def test_blocks_label_their_output_shapes(open_window, qtbot) -> None:
    w = open_window((1400, 900), exposed=False)
    w.files.install(digits_cnn(filters=8))
    items = w.canvas.scene().node_items
    assert items["c1"].look.shape == "8×6×6" and items["p1"].look.shape == "8×3×3"
    assert items["flat"].look.shape == "[72]" and items["out"].look.shape == "[10]"
    project = bits_recurrent("lstm", units=5, steps=7)
    project.nodes[1].config["return_sequences"] = True
    project.nodes[2].config["units"] = 1
    w.files.install(project)
    assert w.canvas.scene().node_items["r"].look.shape == "7×5"
    bad = chain([("x", "input", {"shape": [1, 4, 4]}), ("c1", "conv2d", {"kernel_size": 5}),
                 ("flat", "flatten", {}), ("out", "dense", {"units": 1})],
                {"kind": "table", "inputs": [[0.0] * 16], "targets": [[0.0]]}, "mse")
    w.files.install(bad)
    assert w.canvas.scene().node_items["c1"].look.shape == "?"


def test_conv_and_pool_blocks_show_the_chosen_samples_feature_maps(open_window, qtbot) -> None:
    w = open_window((1400, 900), exposed=False)
    w.speed.set_full_speed()
    w.files.install(digits_cnn(filters=4))
    items, live = w.canvas.scene().node_items, w.live.canvas_live
    qtbot.waitUntil(lambda: items["c1"].live_map is not None, timeout=TIMEOUT)        # the preview
    assert (items["c1"].live_map.width(), items["c1"].live_map.height()) == (4 * 7 - 1, 6)
    assert (items["p1"].live_map.width(), items["p1"].live_map.height()) == (4 * 4 - 1, 3)
    assert (items["x"].live_map.width(), items["x"].live_map.height()) == (8, 8)       # the digit itself
    assert items["flat"].live_map is None and items["out"].live_map is None
    before = items["c1"].live_map
    live.set_sample(3)
    qtbot.waitUntil(lambda: live.probe is not None and live.probe.sample == 3, timeout=TIMEOUT)
    assert items["c1"].live_map is not before
    expected = strip_image(live.probe.insides["c1"].arrays["maps"])
    assert items["c1"].live_map == expected
    # A run's snapshots keep the chosen sample, and the strip follows its weights.
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = 2
    w.stack.push(SetTraining(w.doc, spec, "epochs"))
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.training.last_snapshot is not None
                    and w.training.last_snapshot.status == "finished", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: live.probe is w.training.last_snapshot.probe, timeout=TIMEOUT)
    assert live.probe.sample == 3
    assert items["c1"].live_map == strip_image(live.probe.insides["c1"].arrays["maps"])
    live.set_show_maps(False)
    assert items["c1"].live_map is None
