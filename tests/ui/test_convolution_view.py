"""The Convolution panel: every number it shows for hand-made cases, and how it follows the
canvas's selection and chosen sample."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec
from nnstudio.ui.panels.convolution import SELECT_HINT, ConvolutionPanel
from tests.training.views_projects import chain

IMAGE = np.arange(1.0, 17.0).reshape(4, 4)                              # 1 … 16, row-major
SOBEL = np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])


def hand_made(activation: str = "relu", pool: str = "") -> Document:
    """input [1, 4, 4] → conv2d: one 3×3 filter (Sobel x), bias 0.5 → (pool) → flatten → dense 1,
    on two samples: 1 … 16 and its negative."""
    layers = [("x", "input", {"shape": [1, 4, 4]}),
              ("c1", "conv2d", {"filters": 1, "kernel_size": 3, "activation": activation})]
    if pool:
        layers.append(("p1", pool, {"pool_size": 2, "stride": 1}))
    layers += [("flat", "flatten", {}), ("out", "dense", {"units": 1, "activation": "linear"})]
    project = chain(layers, {"kind": "table", "inputs": [IMAGE.ravel().tolist(), (-IMAGE).ravel().tolist()],
                             "targets": [[0.0], [1.0]]}, "mse")
    project.data = DataSpec(source=project.data.source)
    conv = next(n for n in project.nodes if n.id == "c1")
    conv.params = {"W": SOBEL.reshape(1, 1, 3, 3).copy(), "b": np.array([0.5])}
    return Document(project)


@pytest.fixture
def panel(qtbot):
    def make(doc: Document) -> ConvolutionPanel:
        p = ConvolutionPanel(doc)
        qtbot.addWidget(p)
        p.resize(900, 420)
        p.show()
        return p
    return make


def shown(qtbot, panel: ConvolutionPanel, node: str) -> None:
    panel.select_node(node)
    qtbot.waitUntil(lambda: panel.case is not None and panel.case.node_id == node, timeout=5000)


def test_every_number_of_a_hand_made_3x3_convolution(qtbot, panel) -> None:
    p = panel(hand_made("relu"))
    assert p.hint.text() == SELECT_HINT
    shown(qtbot, p, "c1")
    p.pick(0, 1)
    assert p.cell_texts("patch") == [["2", "3", "4"], ["6", "7", "8"], ["10", "11", "12"]]
    assert p.cell_texts("kernel") == [["1", "0", "−1"], ["2", "0", "−2"], ["1", "0", "−1"]]
    assert p.cell_texts("products") == [["2", "0", "−4"], ["12", "0", "−16"], ["10", "0", "−12"]]
    text = p.formula_text()
    assert "Σ of the 9 products in channel 0 = −8" in text
    assert "z = −8 + bias 0.5 = −7.5" in text
    assert "y = relu(z) = 0 → output[filter 0] at row 0, column 1" in text
    assert "network computed" not in text               # the engine agrees
    # The output map is the engine's: a Sobel over a ramp is −8 everywhere, relu 0.
    np.testing.assert_array_equal(p.grids["output"].image.image, np.zeros((2, 2)))
    rect = p.grids["input"].mark.rect()
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (1, 0, 3, 3)     # the window on the input


def test_the_second_sample_and_a_linear_activation(qtbot, panel) -> None:
    p = panel(hand_made("linear"))
    shown(qtbot, p, "c1")
    p.sample.setValue(2)                                # −1 … −16
    qtbot.waitUntil(lambda: p.case.sample == 1, timeout=5000)
    p.pick(1, 1)
    assert p.cell_texts("patch") == [["−6", "−7", "−8"], ["−10", "−11", "−12"], ["−14", "−15", "−16"]]
    assert p.cell_texts("products") == [["−6", "0", "8"], ["−20", "0", "24"], ["−14", "0", "16"]]
    text = p.formula_text()
    assert "= 8" in text and "z = 8 + bias 0.5 = 8.5" in text and "y = linear(z) = 8.5" in text


def test_a_max_pool_window_names_the_winner(qtbot, panel) -> None:
    p = panel(hand_made("linear", pool="maxpool2d"))
    shown(qtbot, p, "p1")
    p.sample.setValue(1)
    # conv output (linear): −7.5 everywhere on the ramp: every value ties and the first wins.
    assert p.cell_texts("patch") == [["−7.5", "−7.5"], ["−7.5", "−7.5"]]
    assert p.pixel.winner == (0, 0)
    assert "max of the 4 values = −7.5 (window row 0, column 0" in p.formula_text()
    assert not p.channel.isVisibleTo(p) and p.filter_label.text() == "Channel"


def test_an_average_pool_window_shows_its_mean(qtbot, panel) -> None:
    doc = hand_made("linear", pool="avgpool2d")
    doc.project.nodes[1].params["W"][0, 0] = [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]   # identity
    p = panel(doc)
    shown(qtbot, p, "p1")
    p.pick(0, 0)
    # conv output: the centre pixels 6, 7, 10, 11 (+ 0.5 bias); their mean 9.
    assert p.cell_texts("patch") == [["6.5", "7.5"], ["10.5", "11.5"]]
    assert "mean = 36 / 4 = 9" in p.formula_text()


def test_clicking_the_output_map_picks_the_position(qtbot, panel) -> None:
    p = panel(hand_made("linear"))
    shown(qtbot, p, "c1")
    plot = p.grids["output"].plot

    def click_cell() -> bool:
        """Click cell (row 1, column 1) where it is now: on a busy machine the layout may still
        move between mapping the point and the click, so the click is repeated until it lands."""
        point = p.grids["output"].image.mapToScene(1.5, 1.5)
        qtbot.mouseClick(p.view.viewport(), Qt.MouseButton.LeftButton, pos=p.view.mapFromScene(point))
        return (p.row.value(), p.col.value()) == (1, 1)
    qtbot.waitUntil(click_cell, timeout=5000)
    assert plot.isVisible()


def test_a_block_that_is_not_a_convolution_says_so(qtbot, panel) -> None:
    p = panel(hand_made())
    p.select_node("flat")
    qtbot.waitUntil(lambda: p.hint.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: "Select a conv2d" in p.hint.text(), timeout=5000)


def test_the_window_explains_the_selected_block_for_the_canvas_sample(qtbot, tmp_path, monkeypatch) -> None:
    """input [1, 8, 8] → conv2d → maxpool2d → flatten → dense on the digits, in the main window:
    selecting the conv block shows it; the canvas's chosen sample is the panel's and the probes'."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from nnstudio.ui.window.main_window import MainWindow
    from tests.training.views_projects import digits_cnn
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env.ini"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    w.files.install(digits_cnn(filters=3))
    w.show_canvas()
    w.show()
    qtbot.waitExposed(w)
    live = w.live
    live.dock("convolution").raise_()
    w.canvas.select_ids(["c1"])
    conv = live.convolution
    qtbot.waitUntil(lambda: conv.case is not None and conv.case.node_id == "c1", timeout=10000)
    assert conv.case.samples == 1797 and conv.case.output.shape == (3, 6, 6)
    # The preview's probe arrives; the canvas's sample bar picks sample 5.
    qtbot.waitUntil(lambda: live.canvas_live.sample_count() > 0, timeout=10000)
    live.canvas_live.set_sample(4)
    qtbot.waitUntil(lambda: conv.case.sample == 4, timeout=10000)
    assert live.training._wants[2] == 4 and live.preview.sample == 4
    qtbot.waitUntil(lambda: live.canvas_live.probe.sample == 4, timeout=10000)
    # Choosing a sample in the panel moves the canvas's.
    conv.sample.setValue(8)
    qtbot.waitUntil(lambda: live.canvas_live.sample == 7, timeout=5000)
    w.canvas.select_ids(["p1"])
    qtbot.waitUntil(lambda: conv.case.node_id == "p1", timeout=10000)
    assert conv.case.mode == "max" and conv.filter_label.text() == "Channel"


def test_numbers_are_sized_to_their_cells(qtbot, panel) -> None:
    """Wide cells write 3 digits at up to 13 px; cells too narrow for that write 2 digits in a
    smaller font; cells too narrow for any readable size hide their numbers (never overlap)."""
    import pyqtgraph as pg

    from nnstudio.ui.panels.convolution_grid import MAX_NUMBER_PX, MIN_NUMBER_PX, Grid
    widget = pg.GraphicsLayoutWidget()
    qtbot.addWidget(widget)
    grid = Grid(widget.addPlot())
    values = np.array([[-0.0626, 0.184], [1.0, -0.752]])
    widget.resize(400, 400)
    widget.show()
    qtbot.waitExposed(widget)
    grid.show(values, (-1.0, 1.0), pg.colormap.get("viridis"), "t", numbered=True)
    texts = [label.toPlainText() for label in grid.labels]
    assert texts == ["−0.0626", "0.184", "1", "−0.752"] == [t for row in grid.texts for t in row]
    assert {label.textItem.font().pixelSize() for label in grid.labels} == {MAX_NUMBER_PX}
    widget.resize(90, 90)           # cells of about 32 px
    qtbot.waitUntil(lambda: grid.labels[0].toPlainText() == "−0.063", timeout=3000)
    assert all(label.isVisible() for label in grid.labels)
    assert MIN_NUMBER_PX <= grid.labels[0].textItem.font().pixelSize() < MAX_NUMBER_PX
    assert grid.texts[0][0] == "−0.0626"           # what the cells hold is still 3 digits
    widget.resize(60, 60)           # cells of about 18 px
    qtbot.waitUntil(lambda: not any(label.isVisible() for label in grid.labels), timeout=3000)
