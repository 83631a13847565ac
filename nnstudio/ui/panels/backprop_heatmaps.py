"""The Backprop panel's layer-level pictures: for one sample, each dense layer's δ = ∂E/∂z (one
value per unit) and its gradient matrix ∂E/∂W (a row per input, a column per unit, as the Weights
panel draws W), as heatmaps with a colour bar each, on a tab beside the layer-by-layer text.

`layer_gradients` is Qt-free and runs in the summary's worker thread (backprop_summary): one forward
and backward pass of the sample, the loss's gradient without the l1/l2 penalty, as `nnstudio
explain` shows it. For one sample ∂E/∂b = δ, so δ is read from the bias's gradient; a layer
without a bias, or one applied along a sequence (whose ∂E/∂b sums the steps), shows ∂E/∂W only.
The colours are the Weights panel's: orange below 0, white at 0, blue above, symmetric levels.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.engine.layers import Dense
from nnstudio.engine.step import LossStep
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.weights import AXIS_COLOUR, DIVERGING, symmetric_level

DELTA_ROW_HEIGHT = 34       # px for δ's one row of cells; ∂E/∂W gets the rest of the height


@dataclass(frozen=True)
class LayerGradient:
    """One dense layer's gradients for one sample."""
    node_id: str
    label: str
    delta: np.ndarray | None        # ∂E/∂z, [units]; None when it cannot be read (see the module)
    d_weights: np.ndarray           # ∂E/∂W, [inputs, units]


def layer_gradients(project: Project, run: TrainingRun, sample: int) -> list[LayerGradient]:
    """δ and ∂E/∂W of every dense layer node for the sample at index `sample` (dataset order)."""
    model = run.model
    net = model.network
    data = run.all_samples().take(slice(sample, sample + 1))
    step = LossStep(net, model.objective)
    y = net.forward(data.inputs, training=False)
    _value, dy = step.loss(y, data.targets)
    with step.straight_through():
        net.backward(dy)
    labels = {n.id: n.label or n.id for n in project.nodes}
    out = []
    for node_id, op in model.layer_ops.items():
        layer = model.layer(op)
        if not isinstance(layer, Dense):
            continue
        d_weights = np.array(layer.grads["W"], dtype=np.float64)
        one_step = layer.preactivation().ndim == 2
        delta = np.array(layer.grads["b"], dtype=np.float64) if "b" in layer.grads and one_step else None
        out.append(LayerGradient(node_id, labels.get(node_id, node_id), delta, d_weights))
    return out


def _heat_plot(view: pg.GraphicsLayoutWidget, row: int, name: str) -> tuple[pg.PlotItem, pg.ImageItem, pg.ColorBarItem]:
    """A heatmap named `name` on its left axis (the dock is short: no title rows)."""
    plot = view.addPlot(row=row, col=0)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.invertY(True)
    plot.setLabel("left", name, color=AXIS_COLOUR)
    plot.getViewBox().setMouseEnabled(x=False, y=False)
    for side in ("left", "bottom"):
        plot.getAxis(side).setPen(pg.mkPen(AXIS_COLOUR))
        plot.getAxis(side).setTextPen(pg.mkPen(AXIS_COLOUR))
    image = pg.ImageItem(axisOrder="row-major")
    plot.addItem(image)
    bar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=DIVERGING, interactive=False, width=10,
                          pen=AXIS_COLOUR, colorMapMenu=False)
    bar.setImageItem(image, insert_in=plot)
    bar.axis.enableAutoSIPrefix(False)
    return plot, image, bar


class GradientHeatmaps(QWidget):
    """A layer chooser and two heatmaps: δ as one row (a cell per unit) and ∂E/∂W."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layers: list[LayerGradient] = []
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("The layer whose δ and ∂E/∂W are drawn"))
        self.combo.currentIndexChanged.connect(self._show_current)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.ci.setContentsMargins(2, 2, 4, 2)
        self.delta_plot, self.delta_image, self.delta_bar = _heat_plot(self.view, 0, "δ")
        self.weights_plot, self.weights_image, self.weights_bar = _heat_plot(self.view, 1, "∂E/∂W")
        self.delta_plot.getAxis("left").setTicks([[]])         # one row: no row numbers
        self.weights_plot.setLabel("bottom", self.tr("unit"), color=AXIS_COLOUR)
        self.weights_plot.setXLink(self.delta_plot)             # δ's cells sit over their W columns
        self.delta_plot.hideAxis("bottom")
        self.delta_plot.setMaximumHeight(DELTA_ROW_HEIGHT)
        self.view.ci.layout.setRowStretchFactor(1, 10)
        self.view.setToolTip(self.tr("Top: δ = ∂E/∂z of each unit for this sample. Below: ∂E/∂W, a row per "
                                     "input and a column per unit (W's layout in the Weights panel). "
                                     "Orange < 0, white 0, blue > 0."))
        # "Layer [hidden ▾]": the summary page puts it in its tab bar's corner, saving a row.
        self.chooser = QWidget()
        top = QHBoxLayout(self.chooser)
        top.setContentsMargins(4, 0, 0, 2)
        top.addWidget(QLabel(self.tr("Layer")))
        top.addWidget(self.combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)

    def show_layers(self, layers: list[LayerGradient]) -> None:
        """Draw these layers' gradients (the first one shown); none: nothing is drawn (the summary
        page then hides this tab)."""
        self.layers = list(layers)
        self.combo.blockSignals(True)
        self.combo.clear()
        for layer in self.layers:
            self.combo.addItem(layer.label, layer.node_id)
        self.combo.blockSignals(False)
        if self.layers:
            self.combo.setCurrentIndex(0)
            self._show_current(0)

    def current(self) -> LayerGradient | None:
        index = self.combo.currentIndex()
        return self.layers[index] if 0 <= index < len(self.layers) else None

    def _show_current(self, _index: int) -> None:
        layer = self.current()
        if layer is None:
            return
        delta = layer.delta
        self.delta_plot.setVisible(delta is not None)
        if delta is not None:
            _set_image(self.delta_image, self.delta_bar, delta.reshape(1, -1))
        _set_image(self.weights_image, self.weights_bar, layer.d_weights)
        self.note.setText("" if delta is not None else
                          self.tr("This layer has no bias (or runs along a sequence): δ is not drawn."))
        self.note.setVisible(delta is None)


def _set_image(image: pg.ImageItem, bar: pg.ColorBarItem, values: np.ndarray) -> None:
    top = symmetric_level(values)           # white is always 0
    image.setImage(values, autoLevels=False, levels=(-top, top))
    bar.setLevels((-top, top))
    image.getViewBox().autoRange(padding=0.02)

