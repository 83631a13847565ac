"""The weights panel: a heatmap of one weight matrix, its colour bar, and a histogram of all weights.

Rows are sources and columns targets (the `x @ W` convention), so dense W reads "from the row's
input to the column's unit". Neuron groups arrive already assembled into matrices, with NaN
where two neurons are not connected; those cells show the grey behind the image. The colour map
matches the canvas's edges: orange for negative, white at 0, blue for positive, with levels kept
symmetric (±max|w|) so white always means zero. Hovering a cell names its source and target.

Conv filters, and dense layers fed by an image, can be seen "As images" (weights_tiles.py): each
filter or unit's weights as a small picture of what it looks at, all on the one colour scale.
Recurrent layers arrive split by gate ("lstm1 Wx · f (forget gate)").
"""
from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGraphicsRectItem, QHBoxLayout, QLabel, QSizePolicy,
                               QVBoxLayout, QWidget)

from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History
from nnstudio.training.probes import WeightMatrix
from nnstudio.ui.domain_i18n import matrix_name
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.plotting import nice_ceiling
from nnstudio.ui.panels.weights_tiles import mosaic

AXIS_COLOUR = "#475569"
NO_CONNECTION = "#cbd2da"       # the grey behind NaN cells
FRAME_COLOUR = "#94a3b8"        # outlines the matrix, so near-zero (white) cells don't vanish
HIST_PEN = "#475569"
HIST_FILL = (100, 116, 139, 90)
MAX_NAMED_TICKS = 20            # name every row/column up to this many
HOVER_HINT = QT_TRANSLATE_NOOP("WeightsPanel", "Hover a cell to see its weight")
NO_MATRICES = QT_TRANSLATE_NOOP("WeightsPanel", "No weight matrices yet: train, or step once")
# Negative orange → white → positive blue, as the canvas colours edges (items.NEGATIVE/POSITIVE).
DIVERGING = pg.ColorMap([0.0, 0.25, 0.5, 0.75, 1.0],
                        ["#9a3412", "#ee7d3b", "#f8fafc", "#3b76e1", "#1e3a8a"], name="nnstudio-diverging")
_INDEXED = re.compile(r"^(.*)\[(\d+)\]$")


def axis_names(names: list[str]) -> tuple[str, list[str]]:
    """(common base, short tick labels): ["x[0]", "x[1]"] → ("x", ["0", "1"]); otherwise ("", names)."""
    matches = [_INDEXED.match(n) for n in names]
    if names and all(matches) and len({m.group(1) for m in matches}) == 1:
        return matches[0].group(1), [m.group(2) for m in matches]
    return "", list(names)


def symmetric_level(values: np.ndarray) -> float:
    """max|w| over the finite values rounded up to a nice number (see nice_ceiling), or 1 when
    there are none (or all are 0)."""
    finite = values[np.isfinite(values)]
    top = float(np.abs(finite).max()) if finite.size else 0.0
    return nice_ceiling(top) if top > 0 else 1.0


def _style_axes(plot: pg.PlotItem, names: tuple[str, ...] = ("left", "bottom")) -> None:
    for name in names:
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        axis.enableAutoSIPrefix(False)      # "count (x0.001)" reads badly


class WeightsPanel(QWidget):
    """Choose a matrix; see it as a heatmap (hover for values) beside a histogram of all weights."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setToolTip(self.tr("The weight matrix to show: rows are sources, columns targets"))
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.currentIndexChanged.connect(self._on_choice)
        self.as_images = QCheckBox(self.tr("As images"))
        self.as_images.setToolTip(self.tr("Each filter's or unit's incoming weights as a picture of its input: "
                                          "what it looks at"))
        self.as_images.setChecked(True)
        self.as_images.toggled.connect(lambda _on: self._matrices and self._show_current())
        self._mosaic = None             # the tiles shown, when the matrix is drawn as images
        self.hover_label = QLabel(translate("WeightsPanel", HOVER_HINT))
        self.hover_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hover_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.ci.setContentsMargins(4, 4, 8, 4)
        self.heat: pg.PlotItem = self.view.addPlot(row=0, col=0)
        self.heat.setMenuEnabled(False)
        self.heat.invertY(True)
        self.heat.hideButtons()
        _style_axes(self.heat)
        self.background = QGraphicsRectItem()
        self.background.setBrush(QBrush(QColor(NO_CONNECTION)))
        self.background.setPen(pg.mkPen(None))
        self.frame = QGraphicsRectItem()
        self.frame.setPen(pg.mkPen(FRAME_COLOUR, width=0))     # cosmetic: 1 px at any zoom
        self.frame.setZValue(10)
        self.background.setZValue(-10)
        self.heat.addItem(self.background, ignoreBounds=True)
        self.heat.addItem(self.frame, ignoreBounds=True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.heat.addItem(self.image)
        self.colorbar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=DIVERGING, interactive=False, width=12,
                                        pen=AXIS_COLOUR, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.heat)
        self.colorbar.axis.setPen(pg.mkPen(AXIS_COLOUR))
        self.colorbar.axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        self.colorbar.axis.setWidth(40)
        self.colorbar.axis.enableAutoSIPrefix(False)

        self.hist: pg.PlotItem = self.view.addPlot(row=0, col=1)
        self.hist.setMenuEnabled(False)
        self.hist.hideButtons()
        _style_axes(self.hist)
        self.hist.setLabel("bottom", self.tr("weight"), color=AXIS_COLOUR)
        self.hist.setLabel("left", self.tr("count"), color=AXIS_COLOUR)
        self.hist.setTitle(self.tr("all weights"), color=AXIS_COLOUR, size="9pt")
        self.hist.getViewBox().setMouseEnabled(x=False, y=False)
        self.hist.getViewBox().setLimits(yMin=0.0)   # counts: the bars stand on the axis
        self.hist.getViewBox().disableAutoRange()
        self._hist_title = ""
        self.hist_curve = pg.PlotDataItem(np.zeros(2), np.zeros(1), stepMode="center", fillLevel=0,
                                          brush=pg.mkBrush(*HIST_FILL), pen=pg.mkPen(HIST_PEN, width=1.2))
        self.hist.addItem(self.hist_curve)
        self.zero_line = pg.InfiniteLine(0.0, angle=90, pen=pg.mkPen("#94a3b8", style=Qt.PenStyle.DashLine))
        self.hist.addItem(self.zero_line, ignoreBounds=True)
        layout_ = self.view.ci.layout
        layout_.setColumnStretchFactor(0, 3)
        layout_.setColumnStretchFactor(1, 2)
        self.view.scene().sigMouseMoved.connect(self._on_mouse)
        self.view.scene().sigMouseClicked.connect(self._on_click)
        self._hovered: tuple[int, int] | None = None    # the cell under the mouse, kept live

        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.setSpacing(6)
        header.addWidget(QLabel(self.tr("Matrix")))
        header.addWidget(self.combo)
        header.addWidget(self.as_images)
        header.addWidget(self.hover_label, 1)
        header.addWidget(export_button(self, lambda: [self.view], "weights"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.view, 1)

        self._matrices: list[WeightMatrix] = []
        self._shown: WeightMatrix | None = None
        self._shape: tuple[int, int] | None = None
        self._counts = np.zeros(0, dtype=np.int64)
        self._edges = np.zeros(1)
        self.reset()

    # --- public API -----------------------------------------------------------------------
    def reset(self) -> None:
        """Show nothing (a new project): an empty combo, image and histogram."""
        self._matrices, self._shown, self._shape, self._hovered = [], None, None, None
        self._mosaic = None
        self.as_images.setVisible(False)
        self._axes_key: tuple | None = None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.blockSignals(False)
        self.combo.setEnabled(False)
        self.image.setImage(np.zeros((0, 0)), autoLevels=False)
        self.image.hide()
        self.background.setRect(QRectF())
        self.frame.setRect(QRectF())
        self.heat.getAxis("left").setTicks(None)
        self.heat.getAxis("bottom").setTicks(None)
        self.heat.setLabel("left", self.tr("from"), color=AXIS_COLOUR)
        self.heat.setLabel("bottom", self.tr("to"), color=AXIS_COLOUR)
        self._set_histogram(np.zeros(0))
        self._set_hover(NO_MATRICES)

    def show_history(self, history: History) -> None:
        """Nothing to show from a history (weights come with the next snapshot)."""

    def update_snapshot(self, snapshot: LiveSnapshot) -> None:
        """Show the snapshot's matrices: the chosen one as a heatmap, all of them in the histogram."""
        if not snapshot.matrices:
            return
        self._matrices = list(snapshot.matrices)
        names = [m.name for m in self._matrices]
        if names != [self.combo.itemData(i) for i in range(self.combo.count())]:
            self._fill_combo(names)
        self._show_current()
        finite = [m.values[np.isfinite(m.values)] for m in self._matrices]
        self._set_histogram(np.concatenate(finite) if finite else np.zeros(0))
        if self.hover_label.text() == translate("WeightsPanel", NO_MATRICES):
            self._set_hover(HOVER_HINT)

    def select(self, name: str) -> None:
        """Choose the matrix called `name` (as the combo would)."""
        index = self.combo.findData(name)
        if index < 0:
            raise KeyError(name)
        self.combo.setCurrentIndex(index)

    def current_name(self) -> str | None:
        return self._shown.name if self._shown is not None else None

    def current_image(self) -> np.ndarray:
        """The array the heatmap shows: rows × cols of the chosen matrix, NaN where unconnected."""
        data = self.image.image
        return np.array(data if data is not None and self._shown is not None else np.zeros((0, 0)))

    def levels(self) -> tuple[float, float]:
        low, high = self.image.getLevels()
        return float(low), float(high)

    def histogram(self) -> tuple[np.ndarray, np.ndarray]:
        """(counts, bin edges) of every finite weight in the last snapshot."""
        return self._counts.copy(), self._edges.copy()

    def hover_text_at(self, row: int, col: int) -> str:
        """"from → to: value" for a cell of the shown matrix ("" outside it)."""
        m = self._shown
        if m is not None and self._mosaic is not None:      # as images: a cell of the mosaic
            cell = self._mosaic.matrix_cell(row, col)
            if cell is None:
                return ""
            row, col = cell
        if m is None or not (0 <= row < m.values.shape[0] and 0 <= col < m.values.shape[1]):
            return ""
        value = m.values[row, col]
        shown = self.tr("no connection") if not np.isfinite(value) else f"{value:+.4g}"
        return f"{m.rows[row]} → {m.cols[col]}: {shown}"

    # --- internals ------------------------------------------------------------------------
    def _fill_combo(self, names: list[str]) -> None:
        """Refill the combo, keeping the chosen matrix when it still exists."""
        keep = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        for m in self._matrices:
            rows, cols = m.values.shape
            self.combo.addItem(f"{matrix_name(m.template, m.parts, m.name)}  ({rows}×{cols})", m.name)
        index = names.index(keep) if keep in names else 0
        self.combo.setCurrentIndex(index)
        self.combo.blockSignals(False)
        self.combo.setEnabled(True)

    def _on_choice(self, _index: int) -> None:
        if self._matrices:
            self._show_current()

    def _show_current(self) -> None:
        name = self.combo.currentData()
        m = next((m for m in self._matrices if m.name == name), self._matrices[0])
        self._shown = m
        values = np.asarray(m.values, dtype=np.float64)
        top = symmetric_level(values)
        self.as_images.setVisible(m.image is not None)
        self._mosaic = mosaic(m) if m.image is not None and self.as_images.isChecked() else None
        if self._mosaic is not None:
            values = self._mosaic.values
        self.image.setImage(values, autoLevels=False, levels=(-top, top))
        self.colorbar.setLevels((-top, top))
        self.image.show()
        if self._hovered is not None:
            self._set_hover(self.hover_text_at(*self._hovered) or HOVER_HINT)
        if (m.name, m.rows, m.cols, self._mosaic is None) != self._axes_key:
            self._axes_key = (m.name, list(m.rows), list(m.cols), self._mosaic is None)
            self._set_axes(m)
        if values.shape != self._shape:
            self._shape = values.shape
            rect = QRectF(0, 0, values.shape[1], values.shape[0])
            self.background.setRect(rect)
            self.frame.setRect(rect)
            self.heat.getViewBox().autoRange(padding=0)

    def _set_axes(self, m: WeightMatrix) -> None:
        """Name rows and columns when there are few; otherwise leave numeric ticks. Pictures
        have none: a tile row is a filter (or a row of units), a tile column an input channel."""
        if self._mosaic is not None:
            many = self._mosaic.image[0] > 1
            for side, word in (("left", self.tr("filters / units") if many else self.tr("units")),
                               ("bottom", self.tr("input channels") if many else "")):
                self.heat.getAxis(side).setTicks([[], []])
                self.heat.setLabel(side, word, color=AXIS_COLOUR)
            return
        for side, names, source in (("left", m.rows, True), ("bottom", m.cols, False)):
            axis = self.heat.getAxis(side)
            if len(names) > MAX_NAMED_TICKS:
                axis.setTicks(None)
                self.heat.setLabel(side, self.tr("from (index)") if source else self.tr("to (index)"),
                                   color=AXIS_COLOUR)
                continue
            base, labels = axis_names(names)
            axis.setTicks([[(i + 0.5, text) for i, text in enumerate(labels)], []])
            if base:
                word = (self.tr("from {name}") if source else self.tr("to {name}")).format(name=base)
            else:
                word = self.tr("from") if source else self.tr("to")
            self.heat.setLabel(side, word, color=AXIS_COLOUR)

    def _set_histogram(self, weights: np.ndarray) -> None:
        if weights.size:
            top = symmetric_level(weights)
            bins = int(np.clip(np.sqrt(weights.size) * 2, 8, 60))
            counts, edges = np.histogram(weights, bins=bins, range=(-top, top))
        else:
            counts, edges = np.zeros(0, dtype=np.int64), np.zeros(1)
        self._counts, self._edges = counts, edges
        if counts.size:
            self.hist_curve.setData(edges, counts)
        else:
            self.hist_curve.setData(np.array([-1.0, 1.0]), np.zeros(1))
        title = self.tr("all weights ({count})").format(count=int(counts.sum()))
        if title != self._hist_title:       # a new title re-lays out the whole plot
            self._hist_title = title
            self.hist.setTitle(title, color=AXIS_COLOUR, size="9pt")
        # The range set here rather than by pyqtgraph's auto-range, which runs just before
        # painting and then asks for a second paint of the whole panel; likewise the matrices.
        view = self.hist.getViewBox()
        view.setRange(xRange=(edges[0], edges[-1]), yRange=(0.0, nice_ceiling(float(counts.max(initial=1)))),
                      padding=0.05)
        view.updateMatrix()
        self.heat.getViewBox().updateMatrix()

    def _on_mouse(self, pos: QPointF) -> None:
        """Name the cell under the mouse; its value follows the weights while it stays there."""
        self._hovered = None
        if self._shown is None:
            return
        if self.heat.getViewBox().sceneBoundingRect().contains(pos):
            p = self.image.mapFromScene(pos)
            cell = (int(np.floor(p.y())), int(np.floor(p.x())))
            if self.hover_text_at(*cell):
                self._hovered = cell
        self._set_hover(self.hover_text_at(*self._hovered) if self._hovered else HOVER_HINT)

    def _set_hover(self, text: str) -> None:
        """A value in the text colour; hints (HOVER_HINT, NO_MATRICES: translated here) in the quieter
        placeholder grey."""
        hint = text in (HOVER_HINT, NO_MATRICES)
        if hint:
            text = translate("WeightsPanel", text)
        if hint != self.hover_label.property("hint"):
            self.hover_label.setProperty("hint", hint)
            self.hover_label.setStyleSheet("color: palette(placeholder-text);" if hint else "font-weight: 600;")
        self.hover_label.setText(text)

    def _on_click(self, event: MouseClickEvent) -> None:
        """Double-click the heatmap to show the whole matrix again after zooming."""
        if event.double() and self._shape is not None:
            self.heat.getViewBox().autoRange(padding=0)
