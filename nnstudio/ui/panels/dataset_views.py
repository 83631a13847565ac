"""The pictures of the Dataset panel: points, an image grid, sequence lines, class balance bars.

Each view makes its plot items once and only calls setData/setImage/setOpts afterwards. Class
colours are the decision boundary's, so a class has the same colour in every panel.
"""
from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nnstudio.ui.panels.boundary import (CLASS_COLORS, POINT_OUTLINE, class_legend_html, diverging_map,
                                         plot_widget)
from nnstudio.ui.panels.dataset_analysis import IMAGE_COUNT, SEQUENCE_COUNT, mosaic

LEGEND_MAX = 12             # legend entries; more classes are summed up in one last entry
COLOUR_STEPS = 64           # a continuous target is coloured in this many shades
NAME_CHARS = 12             # image labels are cut to this many characters


def class_colour(k: int) -> QColor:
    return QColor(CLASS_COLORS[k % len(CLASS_COLORS)])


def short(name: str, limit: int = NAME_CHARS) -> str:
    return name if len(name) <= limit else name[:limit - 1] + "…"


def caption_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #546e7a;")     # quieter than the plot, as the boundary's caption
    return label


def legend_label() -> QLabel:
    """The legend as a wrapped line of coloured dots and names above a plot: unlike a box inside
    the plot, it never hides points in a narrow dock."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setVisible(False)
    return label


class PointsView(QWidget):
    """Samples as points (x, y): filled for training, hollow for validation, coloured by class
    (with a legend of the class names) or by a continuous value (orange low → blue high)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption_label()
        self.plot = plot_widget(self)
        self.train = pg.ScatterPlotItem(size=7, antialias=True)
        self.val = pg.ScatterPlotItem(size=8, antialias=True)
        for item in (self.train, self.val):
            self.plot.addItem(item)
        self.legend = legend_label()
        self._legend_names: list[str] = []
        self._outline = pg.mkPen(POINT_OUTLINE, width=1.0)
        self._class_brushes = [pg.mkBrush(c) for c in CLASS_COLORS]
        self._class_pens = [pg.mkPen(c, width=1.6) for c in CLASS_COLORS]
        shades = diverging_map().getLookupTable(nPts=COLOUR_STEPS, alpha=False)
        self._shade_brushes = [pg.mkBrush(*map(int, rgb)) for rgb in shades]
        self._shade_pens = [pg.mkPen(tuple(int(v) for v in rgb), width=1.6) for rgb in shades]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)

    def show_points(self, x: np.ndarray, y: np.ndarray, is_val: np.ndarray, *, classes: np.ndarray | None,
                    names: list[str], value: np.ndarray | None, x_name: str, y_name: str,
                    class_ticks: bool, caption: str, counts: np.ndarray | None = None) -> None:
        """Draw points (x[i], y[i]); `classes` colours them by class, else `value` by shade."""
        x, y = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
        is_val = np.asarray(is_val, dtype=bool)
        if classes is not None:
            key = np.asarray(classes) % len(CLASS_COLORS)
            brushes, pens = self._class_brushes, self._class_pens
        else:
            v = np.nan_to_num(np.asarray(value, dtype=np.float64)) if value is not None else np.zeros(len(x))
            lo, hi = (float(v.min()), float(v.max())) if len(v) else (0.0, 1.0)
            key = np.clip(((v - lo) / (hi - lo if hi > lo else 1.0) * (COLOUR_STEPS - 1)).round(), 0,
                          COLOUR_STEPS - 1).astype(int)
            brushes, pens = self._shade_brushes, self._shade_pens
        train = ~is_val
        self.train.setData(x=x[train], y=y[train], brush=[brushes[k] for k in key[train]], pen=self._outline,
                           symbol="o", size=7)
        self.val.setData(x=x[is_val], y=y[is_val], brush=pg.mkBrush(None), pen=[pens[k] for k in key[is_val]],
                         symbol="o", size=8)
        self._fill_legend(classes, names, bool(is_val.any()), counts)
        self.plot.setLabel("bottom", x_name)
        self.plot.setLabel("left", y_name)
        left = self.plot.getAxis("left")
        left.setTicks([[(float(k), short(n)) for k, n in enumerate(names)]] if class_ticks else None)
        item = self.plot.getPlotItem()
        item.vb.setAspectLocked(False)
        item.enableAutoRange()
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))

    def points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(x, y, is_validation) of every drawn point, training points first."""
        xs, ys, val = [], [], []
        for item, hollow in ((self.train, False), (self.val, True)):
            px, py = item.getData()
            xs.append(np.asarray(px, dtype=np.float64))
            ys.append(np.asarray(py, dtype=np.float64))
            val.append(np.full(len(px), hollow))
        return np.concatenate(xs), np.concatenate(ys), np.concatenate(val)

    def legend_names(self) -> list[str]:
        """The legend's entries: class (or series) names, then "validation" when any is held out."""
        return list(self._legend_names)

    def _fill_legend(self, classes: np.ndarray | None, names: list[str], any_val: bool,
                     counts: np.ndarray | None) -> None:
        shown = list(names) if classes is not None else []
        validation = self.tr("validation")
        self._legend_names = shown[:LEGEND_MAX] + ([validation] if any_val else [])
        hollow = f"<span style='color:#546e7a'>○</span>&nbsp;{html.escape(validation)}" if any_val else ""
        self.legend.setText(class_legend_html(shown, LEGEND_MAX, hollow, counts))
        self.legend.setVisible(bool(self._legend_names))


class ImageGridView(QWidget):
    """The first images in a grid, each labelled with its class or target, in one ImageItem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption_label()
        base = self.palette().color(QPalette.ColorRole.Base)
        text = self.palette().color(QPalette.ColorRole.Text)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground(base)
        self.box: pg.ViewBox = self.view.addViewBox(lockAspect=True, invertY=True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.image)
        self.labels = [pg.TextItem(anchor=(0.5, 0.5), color=text) for _ in range(IMAGE_COUNT)]
        for label in self.labels:
            self.box.addItem(label)
        self._images: np.ndarray | None = None
        self._texts: list[str] = []
        self._columns = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)

    def show_images(self, images: np.ndarray, texts: list[str], caption: str) -> None:
        """`images` [k, C, H, W] (k ≤ IMAGE_COUNT), one label each."""
        self._images, self._texts = np.asarray(images), list(texts)
        self._columns = 0
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self._layout_grid()

    def columns(self) -> int:
        return self._columns

    def label_texts(self) -> list[str]:
        return [label.textItem.toPlainText() for label in self.labels if label.isVisible()]

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if self._images is not None:
            self._layout_grid()

    def _best_columns(self, k: int, cell_w: float, cell_h: float) -> int:
        """The number of columns that makes the tiles largest in the view's current shape."""
        width, height = max(self.view.width(), 1), max(self.view.height(), 1)
        best, best_scale = 1, 0.0
        for cols in range(1, k + 1):
            rows = math.ceil(k / cols)
            scale = min(width / (cols * cell_w), height / (rows * cell_h))
            if scale > best_scale:
                best, best_scale = cols, scale
        return best

    def _layout_grid(self) -> None:
        images = self._images
        k, _, h, w = images.shape
        gap = max(1, h // 8)
        label_space = max(3, math.ceil(h * 0.45))
        columns = self._best_columns(k, w + gap, h + gap + label_space)
        if columns == self._columns:
            return
        self._columns = columns
        picture, anchors = mosaic(images, columns, gap, label_space)
        rgba = np.zeros(picture.shape[:2] + (4,), dtype=np.uint8)
        filled = np.isfinite(picture if picture.ndim == 2 else picture[..., 0])
        grey = np.nan_to_num(picture) * 255
        rgba[..., :3] = np.round(grey[..., None] if picture.ndim == 2 else grey).astype(np.uint8)
        rgba[..., 3] = np.where(filled, 255, 0)      # the gaps show the panel's background
        self.image.setImage(rgba, autoLevels=False, levels=None, lut=None)
        for i, label in enumerate(self.labels):
            if i < k:
                label.setText(short(self._texts[i]))
                label.setPos(*anchors[i])
            label.setVisible(i < k)
        self.box.autoRange(padding=0.02)


class SequenceView(QWidget):
    """A few samples' inputs over time, one line each, coloured by class where there are classes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption_label()
        self.plot = plot_widget(self)
        self.plot.setLabel("bottom", self.tr("time step"))
        self.plot.setLabel("left", self.tr("input"))
        self.lines = [pg.PlotDataItem(antialias=True) for _ in range(SEQUENCE_COUNT)]
        for line in self.lines:
            self.plot.addItem(line)
        self.legend = legend_label()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot, 1)

    def show_sequences(self, series: np.ndarray, classes: np.ndarray | None, names: list[str],
                       caption: str, counts: np.ndarray | None = None) -> None:
        """`series` [k, T]: sample i drawn over t = 1..T."""
        t = np.arange(1, series.shape[1] + 1, dtype=np.float64)
        for i, line in enumerate(self.lines):
            if i >= len(series):
                line.setData([], [])
                continue
            k = int(classes[i]) if classes is not None else i
            colour = class_colour(k)
            # Dots mark the time steps: the values exist only there, and bit sequences overlap.
            line.setData(t, np.asarray(series[i], dtype=np.float64), pen=pg.mkPen(colour, width=1.8),
                         symbol="o", symbolSize=5, symbolBrush=colour, symbolPen=None)
        # Colours name the classes, or tell the samples apart when there are no classes.
        sample = self.tr("sample {index}")
        labels = list(names) if classes is not None else [sample.format(index=i) for i in range(len(series))]
        self.legend.setText(class_legend_html(labels, LEGEND_MAX, counts=counts if classes is not None else None))
        self.legend.setVisible(bool(labels))
        steps = series.shape[1]
        every = max(1, math.ceil(steps / 12))        # whole time steps only, about a dozen ticks
        self.plot.getAxis("bottom").setTicks([[(float(v), str(v)) for v in range(1, steps + 1, every)]])
        self.caption.setText(caption)
        self.caption.setVisible(bool(caption))
        self.plot.getPlotItem().enableAutoRange()

    def series(self) -> list[np.ndarray]:
        return [np.asarray(line.getData()[1]) for line in self.lines if line.getData()[1] is not None
                and len(line.getData()[1])]


class BalanceView(QWidget):
    """Samples per class as horizontal bars, named by class on the left (names read across, and
    many classes still fit): is one class much rarer than the others?"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plot_widget(self)
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getPlotItem().setTitle(self.tr("samples per class"), size="9pt",
                                         color=self.palette().color(QPalette.ColorRole.Text))
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        self.plot.getViewBox().invertY(True)          # the first class on top, as in a legend
        self.bars = pg.BarGraphItem(x0=[], y=[], width=[], height=0.7, brushes=[])
        self.plot.addItem(self.bars)
        self._counts = np.zeros(0, dtype=np.int64)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def show_counts(self, counts: np.ndarray, names: list[str]) -> None:
        self._counts = np.asarray(counts, dtype=np.int64).copy()
        k = len(self._counts)
        self.bars.setOpts(x0=np.zeros(k), y=np.arange(k, dtype=np.float64), width=self._counts.astype(np.float64),
                          height=0.7, brushes=[pg.mkBrush(class_colour(i)) for i in range(k)],
                          pens=[pg.mkPen(POINT_OUTLINE, width=0.8)] * k)
        step = max(1, math.ceil(k / 16))       # at most about sixteen names beside the bars
        ticks = [(float(i), short(names[i], 10)) for i in range(0, k, step)]
        left = self.plot.getAxis("left")
        left.setTicks([ticks])
        # Room for the longest name: the axis does not widen itself for text it has not drawn yet.
        metrics = QFontMetrics(left.style.get("tickFont") or self.font())
        left.setWidth(max((metrics.horizontalAdvance(text) for _, text in ticks), default=0) + 14)
        self.plot.setYRange(-0.6, k - 0.4, padding=0)
        self.plot.setXRange(0, max(int(self._counts.max(initial=0)), 1) * 1.08, padding=0)

    def counts(self) -> np.ndarray:
        return self._counts.copy()
