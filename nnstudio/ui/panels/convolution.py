"""The Convolution panel: how a conv2d or pooling block computes one output pixel, with every
number, in the manner of CNN Explainer.

Select a conv2d block on the canvas: the panel shows, for the chosen sample and output position,
the input (one channel) with the kernel's window on it, the patch under the window, the kernel,
their products, and the sum, plus the bias, through the activation, to the output pixel, which is
marked on the output map. Click the output map to pick another position. A maxpool2d block shows
its window and which value wins; an avgpool2d block the window's mean.

The numbers come from the document's current weights (training.conv_arithmetic), computed off
the window's thread: compiling the project and loading its data can take a while (60,000 images).
During a run the document holds the weights of the last pause; the panel follows the document.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt, Signal
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QStackedLayout,
                               QVBoxLayout, QWidget)

from nnstudio.project.document import Document, Event
from nnstudio.training.conv_arithmetic import ConvPixel, LayerCase, PoolPixel, layer_case
from nnstudio.ui.background import Background
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.convolution_grid import MARK, Grid, num
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.editors import FollowsDocument
from nnstudio.ui.panels.weights import DIVERGING, symmetric_level

SELECT_HINT = QT_TRANSLATE_NOOP("ConvolutionPanel", "Select a conv2d, maxpool2d or avgpool2d block on the canvas to "
                                "see how it computes an output pixel")
COMPUTING = QT_TRANSLATE_NOOP("ConvolutionPanel", "Computing…")
IGNORED = {"node_moved", "meta_changed", "history_changed"}
DEBOUNCE_MS = 150
GREYS = pg.ColorMap([0.0, 1.0], ["#ffffff", "#1f2937"], name="nnstudio-greys")
PLOTS = ("input", "patch", "kernel", "products", "output")


class ConvolutionPanel(FollowsDocument, QWidget):
    """One output pixel of the selected conv2d or pool block, step by step, with its numbers."""

    sampleChosen = Signal(int)      # the user picked a sample here (from 0): the canvas follows

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.case: LayerCase | None = None
        self.pixel: ConvPixel | PoolPixel | None = None
        self._node: str | None = None
        self._in_front = True
        self._dirty = False
        self._worker = Background(self._on_case, "nnstudio-convolution", self)

        self.sample = self._spin(self.tr("The sample whose pixel is explained (dataset order)"), 1)
        self.of_samples = QLabel()
        self.filter = self._spin(self.tr("The filter whose output pixel is explained"))
        self.filter_label = QLabel(self.tr("Filter"))
        self.channel = self._spin(self.tr("The input channel whose patch, kernel slice and products are shown"))
        self.channel_label = QLabel(self.tr("Input channel"))
        self.row = self._spin(self.tr("The output pixel's row"))
        self.col = self._spin(self.tr("The output pixel's column"))
        self.sample.valueChanged.connect(self._on_sample)
        for spin in (self.filter, self.channel, self.row, self.col):
            spin.valueChanged.connect(self._show_pixel)
        # The controls must not set the dock's minimum width (the window may be made narrow):
        # squeezed, they are cut at the right rather than widening the whole bottom area.
        self.controls = QWidget()
        self.controls.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        controls = QHBoxLayout(self.controls)
        controls.setContentsMargins(6, 2, 6, 0)
        for widget in (QLabel(self.tr("Sample")), self.sample, self.of_samples, self.filter_label, self.filter,
                       self.channel_label, self.channel, QLabel(self.tr("Row")), self.row, QLabel(self.tr("Column")),
                       self.col):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(export_button(self, lambda: [self.view], "convolution"))

        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.grids = {name: Grid(pg.PlotItem()) for name in PLOTS}
        self.view.scene().sigMouseClicked.connect(self._on_click)
        self._layout_mode = ""
        self.formula = QLabel()
        self.formula.setTextFormat(Qt.TextFormat.RichText)
        self.formula.setWordWrap(True)
        self.formula.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.formula.setStyleSheet("font-size: 13px; padding: 4px 8px;")

        self.hint = QLabel(translate("ConvolutionPanel", SELECT_HINT))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")
        self.page = QWidget()
        page = QVBoxLayout(self.page)
        page.setContentsMargins(0, 0, 0, 0)
        page.addWidget(self.controls)
        page.addWidget(self.view, 1)
        page.addWidget(self.formula)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(self.page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._stack)
        self._follow(DEBOUNCE_MS, self.refresh_now)

    @staticmethod
    def _spin(tip: str, minimum: int = 0) -> QSpinBox:
        spin = QSpinBox()
        spin.setMinimum(minimum)
        spin.setToolTip(tip)
        spin.setKeyboardTracking(False)
        return spin

    # --- what the window calls --------------------------------------------------------------------
    def select_node(self, node_id: str | None) -> None:
        """Explain `node_id` (the canvas's single selected node; None: nothing selected)."""
        if node_id == self._node:
            return
        self._node = node_id
        self._schedule()

    def set_sample(self, index: int) -> None:
        """Explain sample `index` (from 0; the canvas's chosen sample)."""
        if index + 1 != self.sample.value():
            self.sample.blockSignals(True)
            self.sample.setMaximum(max(self.sample.maximum(), index + 1))
            self.sample.setValue(index + 1)
            self.sample.blockSignals(False)
            self._schedule()

    def dock_visible(self, visible: bool) -> None:
        """The dock came to the front (computed now if something changed) or went behind a tab."""
        self._in_front = visible
        if visible and self._dirty:
            self._timer.start()

    def reset(self) -> None:
        """Another project: computed afresh from the document."""
        self._schedule()

    def show_history(self, history: object) -> None:
        """Nothing to show from a history."""

    def update_snapshot(self, snapshot: object) -> None:
        """A run's snapshots carry no pixel arithmetic: the panel follows the document."""

    def is_shown(self) -> bool:
        return self.isVisible() and self._in_front

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._dirty and self._node is not None and self._timer is not None:
            self._timer.start()

    # --- for tests ----------------------------------------------------------------------------------
    def cell_texts(self, name: str) -> list[list[str]]:
        """The numbers written on the cells of plot `name` ("patch", "kernel", "products")."""
        return [list(row) for row in self.grids[name].texts]

    def formula_text(self) -> str:
        """The sum line as plain text."""
        return QTextDocumentFragment.fromHtml(self.formula.text()).toPlainText()

    def pick(self, i: int, j: int) -> None:
        """Choose output position (i, j), as a click on the output map does."""
        self.row.setValue(i)
        self.col.setValue(j)

    # --- computing ------------------------------------------------------------------------------
    def _attached(self) -> None:
        self._schedule()

    def _on_event(self, event: Event) -> None:
        if event.kind not in IGNORED and self._node is not None:
            self._schedule()

    def _schedule(self) -> None:
        self._dirty = True
        self._worker.cancel()           # a case being computed is of the network as it was
        if self._node is None:
            self._show_hint(translate("ConvolutionPanel", SELECT_HINT))
        elif self._timer is not None:
            self._timer.start()

    def _on_sample(self, value: int) -> None:
        self._schedule()
        self.sampleChosen.emit(value - 1)

    def refresh_now(self) -> None:
        """Compute the case of the selected node on the document as it is now (in a thread)."""
        if self._timer is not None:
            self._timer.stop()
        if self._node is None:
            self._show_hint(translate("ConvolutionPanel", SELECT_HINT))
            return
        if not self.is_shown():
            return                      # behind another tab: computed when it comes to the front
        self._dirty = False
        project, node, sample = self.doc.project.copy(), self._node, self.sample.value() - 1
        if self.case is None or self.case.node_id != node:
            self._show_hint(translate("ConvolutionPanel", COMPUTING))
        self._worker.run(lambda: layer_case(project, node, sample))

    def _on_case(self, case: LayerCase | str) -> None:
        if isinstance(case, str):
            self.case = self.pixel = None
            self._show_hint(error_text(case))
            return
        self.case = case
        for spin, top in ((self.filter, case.output.shape[0]), (self.channel, case.image.shape[0]),
                          (self.row, case.output.shape[1]), (self.col, case.output.shape[2])):
            spin.blockSignals(True)
            spin.setMaximum(top - 1)
            spin.blockSignals(False)
        self.sample.blockSignals(True)
        self.sample.setMaximum(case.samples)
        self.sample.setValue(case.sample + 1)
        self.sample.blockSignals(False)
        self.of_samples.setText(self.tr("of {count:,}").format(count=case.samples))
        conv = case.mode == "conv"
        self.filter_label.setText(self.tr("Filter") if conv else self.tr("Channel"))
        self.channel_label.setVisible(conv)
        self.channel.setVisible(conv)
        self._stack.setCurrentWidget(self.page)
        self._show_pixel()

    def _show_hint(self, text: str) -> None:
        self.hint.setText(text)
        self._stack.setCurrentWidget(self.hint)

    # --- drawing ----------------------------------------------------------------------------------
    def _arrange(self, mode: str) -> None:
        """Put the plots of `mode` in a row: input, patch, kernel, products, output (conv) or
        input, window, output (pooling)."""
        if mode == self._layout_mode:
            return
        self._layout_mode = mode
        self.view.ci.clear()
        names = PLOTS if mode == "conv" else ("input", "patch", "output")
        layout = self.view.ci.layout
        for col, name in enumerate(names):
            self.view.ci.addItem(self.grids[name].title, row=0, col=col)
            self.view.ci.addItem(self.grids[name].plot, row=1, col=col)
            layout.setColumnStretchFactor(col, 1)

    def _show_pixel(self, *_: object) -> None:
        case = self.case
        if case is None:
            return
        f, i, j = self.filter.value(), self.row.value(), self.col.value()
        self.pixel = px = case.pixel(f, i, j)
        self._arrange(case.mode)
        c = self.channel.value() if case.mode == "conv" else f
        picture = case.image[c]
        lo, hi = float(picture.min()), float(picture.max())
        levels = (lo, hi if hi > lo else lo + 1.0)
        g = self.grids
        g["input"].show(picture, levels, GREYS, self.tr("input · channel {channel}").format(channel=c))
        g["input"].mark.setRect(QRectF(px.origin[1], px.origin[0], case.kernel[1], case.kernel[0]))
        out = case.output[f]
        top = symmetric_level(out)
        title = self.tr("output · filter {number}") if case.mode == "conv" else self.tr("output · channel {number}")
        g["output"].show(out, (-top, top), DIVERGING, title.format(number=f))
        g["output"].mark.setRect(QRectF(j, i, 1, 1))
        if isinstance(px, ConvPixel):
            self._show_conv(px, c, levels)
        else:
            self._show_pool(px, levels)

    def _show_conv(self, px: ConvPixel, c: int, levels: tuple[float, float]) -> None:
        case, g = self.case, self.grids
        g["patch"].show(px.patch[c], levels, GREYS, self.tr("patch"), numbered=True, shaded=px.padded)
        k = symmetric_level(px.kernel[c])
        g["kernel"].show(px.kernel[c], (-k, k), DIVERGING,
                         self.tr("× kernel W[{filter}, {channel}]").format(filter=px.filter, channel=c), numbered=True)
        p = symmetric_level(px.products[c])
        g["products"].show(px.products[c], (-p, p), DIVERGING, self.tr("= products"), numbered=True)
        channels = len(px.channel_sums)
        lines = [self.tr("Σ of the {count} products in channel {channel} = <b>{sum}</b>").format(
            count=px.products[c].size, channel=c, sum=num(px.channel_sums[c]))]
        if channels > 1:
            parts = " + ".join(num(s) for s in px.channel_sums[:8]) + (" + …" if channels > 8 else "")
            lines.append(self.tr("Σ over all {count} channels = {parts} = <b>{total}</b>").format(
                count=channels, parts=parts, total=num(px.total)))
        if case.b is not None:
            lines.append(self.tr("z = {total} + bias {bias} = <b>{z}</b>").format(
                total=num(px.total), bias=num(px.bias), z=num(px.z)))
        else:
            lines.append(self.tr("z = {total} (no bias) = <b>{z}</b>").format(total=num(px.total), z=num(px.z)))
        line = self.tr("y = {activation}(z) = <b>{output}</b> → output[filter {filter}] at row {row}, "
                       "column {column}").format(activation=html.escape(px.activation), output=num(px.output),
                                                 filter=px.filter, row=px.position[0], column=px.position[1])
        lines.append(line + self._engine_check(px.output, case.output[px.filter][px.position]))
        self.formula.setText("<br>".join(lines))

    def _show_pool(self, px: PoolPixel, levels: tuple[float, float]) -> None:
        g = self.grids
        g["patch"].show(px.window, levels, GREYS, self.tr("window"), numbered=True)
        where = dict(channel=px.channel, row=px.position[0], column=px.position[1])
        if px.mode == "max":
            r, c = px.winner
            g["patch"].winner.setRect(QRectF(c, r, 1, 1))
            line = self.tr("max of the {count} values = <b>{output}</b> (window row {window_row}, column "
                           "{window_column}: the first largest, where the gradient goes) → output[channel {channel}] "
                           "at row {row}, column {column}").format(
                count=px.window.size, output=num(px.output), window_row=r, window_column=c, **where)
        else:
            line = self.tr("mean = {total} / {count} = <b>{output}</b> → output[channel {channel}] at row {row}, "
                           "column {column}").format(
                total=num(px.total), count=px.window.size, output=num(px.output), **where)
        line += self._engine_check(px.output, self.case.output[px.channel][px.position])
        self.formula.setText(line)

    def _engine_check(self, value: float, engine: float) -> str:
        """Said only when the step-by-step value and the network's own output differ."""
        if np.isclose(value, engine, rtol=1e-9, atol=1e-12):
            return ""
        said = self.tr("(the network computed {value})").format(value=num(engine))
        return f" <span style='color:{MARK}'>{said}</span>"

    def _on_click(self, event) -> None:
        """A click on the output map picks that position."""
        if self.case is None:
            return
        grid = self.grids["output"]
        if not grid.plot.sceneBoundingRect().contains(event.scenePos()):
            return
        p = grid.image.mapFromScene(event.scenePos())
        i, j = int(np.floor(p.y())), int(np.floor(p.x()))
        rows, cols = self.case.output.shape[1:]
        if 0 <= i < rows and 0 <= j < cols:
            self.pick(i, j)
