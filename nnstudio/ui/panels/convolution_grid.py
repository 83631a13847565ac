"""One heatmap of the Convolution panel: a grid of cells with their numbers written on them,
sized to the cells, and the marked window or winning value."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsRectItem

from nnstudio.ui.panels.weights import AXIS_COLOUR

MAX_NUMBERED = 81           # cells that get their number written on them (a 9×9 kernel)
MIN_NUMBER_PX, MAX_NUMBER_PX = 7, 13        # font sizes of those numbers
CELL_MARGIN_PX = 4                            # room around a number in its cell (its label's margins and a gap)
MARK = "#dc2626"            # the window on the input and the pixel on the output
WINNER = "#16a34a"          # the value a max pool takes


def num(value: float, digits: int = 3) -> str:
    """A number as the panel writes it: 3 significant digits, a true minus sign, no "−0"."""
    value = float(value) + 0.0          # −0.0 + 0.0 is +0.0: a product of 0 and a negative reads 0
    text = f"{value:.{digits}g}" if np.isfinite(value) else "—"
    return text.replace("-", "−")


class Title(pg.LabelItem):
    """A plot's title that asks for no width: a PlotItem's own title sizes its layout column to
    the text, which left the short-titled patch the narrowest column and its numbers unreadable."""

    def updateMin(self) -> None:  # noqa: N802 (pyqtgraph's name)
        super().updateMin()
        self.setMinimumWidth(0)

    def sizeHint(self, which: Qt.SizeHint, constraint: QSizeF = QSizeF()) -> QSizeF:  # noqa: N802
        hint = super().sizeHint(which, constraint)
        return hint if which == Qt.SizeHint.MaximumSize else QSizeF(0, hint.height())


class Grid:
    """One heatmap with a title, optional numbers on its cells and an optional marked rectangle."""

    def __init__(self, plot: pg.PlotItem) -> None:
        self.plot = plot
        self.title = Title()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.invertY(True)
        plot.setAspectLocked(True)
        plot.setMouseEnabled(x=False, y=False)
        for side in ("left", "bottom"):
            plot.hideAxis(side)
        self.image = pg.ImageItem(axisOrder="row-major")
        plot.addItem(self.image)
        self.mark = QGraphicsRectItem()
        self.mark.setPen(pg.mkPen(MARK, width=2.5))
        self.mark.setZValue(10)
        plot.addItem(self.mark, ignoreBounds=True)
        self.winner = QGraphicsRectItem()
        self.winner.setPen(pg.mkPen(WINNER, width=3))
        self.winner.setZValue(11)
        plot.addItem(self.winner, ignoreBounds=True)
        self.labels: list[pg.TextItem] = []
        self.texts: list[list[str]] = []         # each cell's number at 3 digits (what tests read)
        self.values: list[float] = []            # the numbered cells, row by row
        # Numbers are sized to their cells, which shrink with the panel (1280×800 has ~35 px cells).
        plot.vb.sigResized.connect(self.fit_numbers)
        plot.vb.sigRangeChanged.connect(self.fit_numbers)

    def show(self, values: np.ndarray, levels: tuple[float, float], cmap: pg.ColorMap, title: str,
             numbered: bool = False, shaded: np.ndarray | None = None) -> None:
        """`values` [rows, cols]; `numbered` writes each cell's number on it ("pad" where
        `shaded` is True: the window lies in the zero padding there)."""
        values = np.asarray(values, dtype=np.float64)
        self.image.setColorMap(cmap)
        self.image.setImage(values, autoLevels=False, levels=levels)
        self.title.setText(title, color=AXIS_COLOUR, size="9pt")
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels, self.texts, self.values = [], [], []
        if numbered and values.size <= MAX_NUMBERED:
            for r in range(values.shape[0]):
                row = []
                for c in range(values.shape[1]):
                    text = num(values[r, c])
                    row.append(text)
                    self.values.append(values[r, c])
                    padded = shaded is not None and shaded[r, c]
                    label = pg.TextItem(text, color="#6b7280" if padded else "#111827", anchor=(0.5, 0.5),
                                        fill=pg.mkBrush(255, 255, 255, 150))
                    label.textItem.document().setDocumentMargin(1)     # Qt's 4 px each side cost a digit
                    label.setPos(c + 0.5, r + 0.5)
                    self.plot.addItem(label)
                    self.labels.append(label)
                self.texts.append(row)
        self.plot.setRange(xRange=(0, values.shape[1]), yRange=(0, values.shape[0]), padding=0.04)
        self.mark.setRect(QRectF())
        self.winner.setRect(QRectF())
        self.fit_numbers()

    def fit_numbers(self, *_: object) -> None:
        """Write the cells' numbers in a font whose longest text fits one cell; hide them where
        even the smallest readable size would overlap (hovering is not needed: the sum says it)."""
        if not self.labels:
            return
        unit, _ = self.plot.vb.viewPixelSize()
        cell = 1.0 / unit if unit and np.isfinite(unit) else 0.0        # pixels per cell
        font = QFont()
        font.setPixelSize(10)
        metrics = QFontMetricsF(font)           # widths scale with the pixel size
        for digits in (3, 2):            # 2 significant digits where 3 would not fit
            texts = [num(value, digits) for value in self.values]
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            size = int(min(MAX_NUMBER_PX, 10 * (cell - CELL_MARGIN_PX) / widest))
            if size >= MIN_NUMBER_PX:
                break
        font.setPixelSize(max(size, MIN_NUMBER_PX))
        for label, text in zip(self.labels, texts):
            label.setText(text)
            label.setFont(font)
            label.setVisible(size >= MIN_NUMBER_PX)
