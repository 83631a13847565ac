"""The decision-boundary panel: what the network outputs over the input plane, with the data on top.

Two inputs: a TensorFlow-Playground-style heatmap (orange 0 → white → blue 1 for one output;
class colours, paler where the network is less sure, for several), the 0.5 contour, and the
samples coloured by their target. One input: the fitted curve over the data. Anything else gets a
message. Students should see a straight line with no hidden layer, a convex region with one, and
any shape with two, so the grid is drawn exactly where probes.boundary sampled it.

Every plot item is made once; updates only call setData/setImage.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QStackedLayout, QToolButton, QVBoxLayout, QWidget

from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.training.probes import Boundary
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.aspect_box import AspectBox

# TensorFlow Playground's colours: orange for 0 (or −1), a grey-white middle, blue for 1.
NEGATIVE, NEUTRAL, POSITIVE = "#f59322", "#e8eaeb", "#0877bd"
# Class 0 and 1 match the one-output colours, so a 2-class softmax looks like a sigmoid.
CLASS_COLORS = [NEGATIVE, POSITIVE, "#2ca02c", "#9467bd", "#d62728", "#8c564b", "#e377c2", "#17becf",
                "#bcbd22", "#7f7f7f"]
NEEDS_INPUTS = QT_TRANSLATE_NOOP("BoundaryPanel", "The boundary view needs 2 inputs (or 1 for a curve)")
# Shown only while the project cannot run: a valid network is drawn at once (ui/training/preview.py).
WAITING = QT_TRANSLATE_NOOP("BoundaryPanel",
                            "Connect the network and give it data to see what it draws over its inputs")
POINT_OUTLINE = "#263238"
# The heatmap is paler than the points, so a blue sample on the blue region still stands out.
HEAT_PALE = 0.3


def point_size(n: int) -> int:
    """Pixels per sample dot: big for a truth table, small enough that hundreds of samples
    leave the boundary under them visible."""
    return 10 if n <= 50 else 7 if n <= 200 else 5


def rows_of(a: np.ndarray) -> np.ndarray:
    """`a` as float64 [samples, numbers]: one row per sample, even with no samples."""
    a = np.asarray(a, dtype=np.float64)
    width = int(np.prod(a.shape[1:])) if a.ndim > 1 else 1
    return a.reshape(len(a), width)


def plot_widget(parent: QWidget | None = None) -> pg.PlotWidget:
    """A PlotWidget in the window palette's colours (pyqtgraph's default is black with grey axes)."""
    pal = parent.palette() if parent is not None else QApplication.palette()
    plot = pg.PlotWidget(parent, background=pal.color(QPalette.ColorRole.Base))
    text = pal.color(QPalette.ColorRole.Text)
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(pal.color(QPalette.ColorRole.Mid)))
        axis.setTextPen(pg.mkPen(text))
        axis.enableAutoSIPrefix(False)      # "(x0.001)" puzzles students more than 0.35 does
    # The 60×60 boundary grid is scaled up to hundreds of pixels: interpolate instead of blocks.
    plot.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    plot.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    return plot


def _paler(color: str, amount: float) -> QColor:
    c = QColor(color)
    return QColor(*(round(v + (255 - v) * amount) for v in (c.red(), c.green(), c.blue())))


def diverging_map(lo: float = 0.0, hi: float = 1.0, pale: float = 0.0) -> pg.ColorMap:
    """Orange at `lo`, white in the middle, blue at `hi`; `pale` mixes the ends with white."""
    return pg.ColorMap([lo, (lo + hi) / 2, hi], [_paler(NEGATIVE, pale), QColor(NEUTRAL), _paler(POSITIVE, pale)])


def class_legend_html(names: list[str], limit: int = 12, extra: str = "", counts=None) -> str:
    """"● name" in each class's colour (with its sample count, grey, when `counts` is given), the
    first `limit` classes, then how many more; `extra` (already HTML) is appended as a last entry."""
    entries = [f"<span style='color:{CLASS_COLORS[k % len(CLASS_COLORS)]}'>●</span>&nbsp;{html.escape(name)}"
               + (f"&nbsp;<span style='color:#78909c'>{int(counts[k]):,}</span>" if counts is not None else "")
               for k, name in enumerate(names[:limit])]
    if len(names) > limit:
        entries.append(translate("BoundaryPanel", "… {count} more").format(count=len(names) - limit))
    if extra:
        entries.append(extra)
    return "&nbsp;&nbsp; ".join(entries)


def class_of_targets(targets: np.ndarray, outputs: int, threshold: float) -> np.ndarray:
    """One integer class per sample: argmax of one-hot rows, an index column as it is, or
    target > threshold for one output (as the accuracy metric reads 0/1 targets)."""
    t = rows_of(targets)
    if t.shape[1] > 1:
        return t.argmax(axis=1)
    if outputs > 1:                              # sparse targets: the class index itself
        return np.nan_to_num(t[:, 0]).astype(int)
    return (t[:, 0] > threshold).astype(int)


def class_image(boundary: Boundary, classes: int) -> np.ndarray:
    """RGBA uint8 [rows=y, cols=x, 4]: each cell's class colour, mixed with white where the top
    output is low (the network is unsure), as Playground fades towards the boundary."""
    colors = np.array([QColor(CLASS_COLORS[k % len(CLASS_COLORS)]).getRgb()[:3] for k in range(classes)], float)
    # Sure from a top output of 0.5 (a tie between two classes, white) to 1; the cell-sized
    # steps of the argmax then vanish into the white band along each border.
    sure = np.clip((np.nan_to_num(boundary.values, nan=0.0) - 0.5) / 0.5, 0.0, 1.0)
    strength = ((1 - HEAT_PALE) * np.sqrt(sure))[..., None]
    rgb = 255.0 * (1 - strength) + colors[np.asarray(boundary.classes) % classes] * strength
    rgba = np.empty(rgb.shape[:2] + (4,), dtype=np.uint8)
    rgba[..., :3] = np.round(rgb)
    rgba[..., 3] = 255
    return rgba


def _blur(values: np.ndarray, passes: int = 2) -> np.ndarray:
    """A separable [1, 2, 1] / 4 smoothing, `passes` times. It cuts the zigzag of a two-valued
    field's isoline from ±0.5 to about ±0.2 of a grid step; odd reflection extrapolates the field
    linearly past the edges, so lines that reach an edge do not bend there."""
    v = values
    for _ in range(passes):
        p = np.pad(v, ((1, 1), (0, 0)), mode="reflect", reflect_type="odd")
        v = (p[:-2] + 2 * p[1:-1] + p[2:]) / 4
        p = np.pad(v, ((0, 0), (1, 1)), mode="reflect", reflect_type="odd")
        v = (p[:, :-2] + 2 * p[:, 1:-1] + p[:, 2:]) / 4
    return v


class BoundaryPanel(QWidget):
    """The decision boundary (two inputs) or the fitted curve (one input) of the latest probe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._values: np.ndarray | None = None      # what the heatmap shows, rows = y
        self._ranges: tuple | None = None           # the plane last fitted to the view
        self._mode = ""                             # "" | "plane" | "curve" | "message"
        self._class_colours = False                 # the heatmap shows classes (RGBA), not one output
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet("color: #546e7a;")    # quieter than the plot, still readable
        self.plot = plot_widget(self)
        self.plot.setLabel("bottom", self.tr("input 1"))
        self.plot.setLabel("left", self.tr("input 2"))
        self.message = QLabel(translate("BoundaryPanel", WAITING))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")

        self.image = pg.ImageItem()
        # Pinned here, not global: another panel setting imageAxisOrder must not flip this one.
        self.image.setOpts(axisOrder="col-major")
        self.image.setZValue(-10)
        self._lut = diverging_map(pale=HEAT_PALE).getLookupTable(nPts=256)
        self.contour = pg.PlotDataItem(pen=pg.mkPen("#37474f", width=2), connect="finite", antialias=True)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(POSITIVE, width=2.5), antialias=True)
        self.points = pg.ScatterPlotItem(size=10, pen=pg.mkPen(POINT_OUTLINE, width=1.5), antialias=True)
        for item in (self.image, self.contour, self.curve, self.points):
            self.plot.addItem(item)
        self._outline = pg.mkPen(POINT_OUTLINE, width=1.5)
        self._class_brushes = [pg.mkBrush(c) for c in CLASS_COLORS]
        # The class legend is a line of text above the plot, not a box over it: in a narrow
        # dock a box would hide the very region it explains.
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setVisible(False)
        self._legend_names: list[str] = []

        self._stack = QStackedLayout()
        self._stack.addWidget(self.message)
        self.plot_box = AspectBox(self.plot)
        self._stack.addWidget(self.plot_box)
        # Enlarge: the window floats this panel big (ui/window/boundary_enlarge.py), as Playground shows it.
        self.enlarge_button = QToolButton(self)
        self.enlarge_button.setText(self.tr("⤢ Enlarge"))
        self.enlarge_button.setAutoRaise(True)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.caption, 1)
        head.addWidget(self.enlarge_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(export_button(self, lambda: [self.plot], "decision boundary"), 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.legend)
        layout.addLayout(self._stack, 1)
        self.reset()

    # --- the panel protocol -----------------------------------------------------------------
    def reset(self) -> None:
        """Forget the run: no picture until the next probe."""
        self._values = None
        self._ranges = None
        self.image.clear()
        for item in (self.contour, self.curve, self.points):
            item.setData([], [])
        self._set_legend([])
        self._show_message(WAITING)

    def show_history(self, history: object) -> None:
        """Nothing to show from a saved history: the boundary needs the network itself."""

    def update_snapshot(self, snapshot: LiveSnapshot) -> None:
        if snapshot.probe is None:       # unchanged since the last probe: keep the picture
            return
        self._draw(snapshot.probe)

    # --- for tests and other views ----------------------------------------------------------
    def image_values(self) -> np.ndarray | None:
        """The heatmap's numbers in the probe's orientation (rows are y, columns x), or None.
        One output: read back from the ImageItem; several: the top output that sets the shade."""
        if self._mode != "plane" or self._values is None:
            return None
        if not self._class_colours:
            return np.array(self.image.image, dtype=np.float64).T    # ImageItem holds [x, y]
        return self._values.copy()

    def point_count(self) -> int:
        return 0 if self._mode in ("", "message") else len(self.points.data)

    def mode(self) -> str:
        """"plane", "curve", "message", or "" before the first probe."""
        return self._mode

    def legend_names(self) -> list[str]:
        """The class names the legend lists (none when the caption explains the colours)."""
        return list(self._legend_names)

    def _set_legend(self, names: list[str]) -> None:
        """One entry per class colour; rebuilt only when the names change, not on every probe."""
        if names == self._legend_names:
            return
        self._legend_names = list(names)
        self.legend.setText(class_legend_html(names))
        self.legend.setVisible(bool(names))

    # --- drawing ----------------------------------------------------------------------------
    def _draw(self, probe: ProbeData) -> None:
        columns = probe.inputs.shape[1] if probe.inputs.ndim == 2 else 0
        if probe.boundary is not None:
            self._draw_plane(probe, probe.boundary)
        elif columns == 1 and len(probe.inputs):
            self._draw_curve(probe)
        else:
            self._show_message(NEEDS_INPUTS)

    def _show_message(self, text: str) -> None:
        self._mode = "message" if text != WAITING else ""
        self._set_legend([])
        self.message.setText(translate("BoundaryPanel", text))
        self.caption.setText("")
        self.caption.setVisible(False)
        # Nothing to enlarge, unless it is large now: then it is the way back.
        self.enlarge_button.setVisible(self.enlarge_button.isChecked())
        self._stack.setCurrentWidget(self.message)

    def _show_plot(self, mode: str, caption: str) -> None:
        self._mode = mode
        self.caption.setText(caption)
        self.caption.setVisible(True)
        self.enlarge_button.setVisible(True)
        self._stack.setCurrentWidget(self.plot_box)

    def _draw_plane(self, probe: ProbeData, b: Boundary) -> None:
        ev = probe.evaluation
        outputs = rows_of(ev.outputs).shape[1]
        values = np.asarray(b.values, dtype=np.float64)
        targets = rows_of(probe.targets)
        x, y = probe.inputs[:, 0], probe.inputs[:, 1]
        threshold: float | None = None
        # Regression with several outputs: the largest output as a surface; argmax means nothing there.
        self._class_colours = b.classes is not None and ev.kind != "regression"
        if self._class_colours:
            classes = max(outputs, int(np.max(b.classes, initial=0)) + 1)
            self.image.setImage(class_image(b, classes).transpose(1, 0, 2), autoLevels=False, levels=None,
                                lut=None)
            brushes = [self._class_brushes[k % len(CLASS_COLORS)] for k in class_of_targets(targets, outputs, 0.5)]
            caption = self.tr("Colour: the most likely class, white where two tie · dots: the samples by class")
            names = list(ev.class_names)[:classes]
            legend = names + [self.tr("class {number}").format(number=k) for k in range(len(names), classes)]
        else:
            finite = values[np.isfinite(values)]
            if ev.kind == "regression":
                seen = np.concatenate([finite, targets[:, 0][np.isfinite(targets[:, 0])]])
                lo, hi = (float(seen.min()), float(seen.max())) if len(seen) else (0.0, 1.0)
                hi = hi if hi - lo > 1e-12 else lo + 1.0
                cmap = diverging_map(lo, hi)
                brushes = [pg.mkBrush(c) for c in cmap.mapToQColor(np.nan_to_num(targets[:, 0], nan=lo))]
                caption = self.tr("Output: orange {low} → blue {high} · dots: the samples by target").format(
                    low=f"{lo:.3g}".replace("-", "−"), high=f"{hi:.3g}".replace("-", "−"))     # a typographic minus
                legend = []
            else:
                # ±1 targets (sign, tanh) live in [−1, 1]; 0/1 targets in [0, 1], whatever the
                # output's own range, so the line stays where the accuracy's threshold is.
                signed = bool(len(targets)) and np.nanmin(targets, initial=0.0) < 0
                lo, hi, threshold = (-1.0, 1.0, 0.0) if signed else (0.0, 1.0, 0.5)
                brushes = [self._class_brushes[k] for k in class_of_targets(targets, 1, threshold)]
                caption = self.tr("Output: orange {low} → white → blue {high} · line: {threshold} · "
                                  "dots: the samples by target").format(
                    low=f"{lo:g}".replace("-", "−"), high=f"{hi:g}".replace("-", "−"),
                    threshold=f"{threshold:g}".replace("-", "−"))
                # The caption explains 0 and 1; names from the data file get a legend.
                legend = list(ev.class_names) if len(ev.class_names) == 2 else []
            drawn = np.where(np.isfinite(values), values, (lo + hi) / 2)     # NaN after a divergence: neutral
            # levels scale (lo, hi) onto the whole table, so one table serves every range.
            self.image.setImage(drawn.T, autoLevels=False, levels=(lo, hi), lut=self._lut)
        self._values = values
        self._place_image(b, values.shape)
        self.contour.setData(*self._contour(values, b, threshold))
        self.curve.setData([], [])
        self.points.setData(x=x, y=y, brush=brushes, pen=self._outline, size=point_size(len(x)))
        self._set_legend(legend)
        self.plot.setLabel("bottom", self.tr("input 1"))
        self.plot.setLabel("left", self.tr("input 2"))
        if self._ranges != (b.x_range, b.y_range):
            # Only when the plane changes, so a zoom the user made survives the next probe.
            self._ranges = (b.x_range, b.y_range)
            vb = self.plot.getPlotItem().vb
            vb.disableAutoRange()
            # Equal units when the two inputs have similar spans, so a circle of data looks
            # round; inputs on very different scales fill the panel instead.
            ratio = (b.x_range[1] - b.x_range[0]) / max(b.y_range[1] - b.y_range[0], 1e-12)
            equal_units = 1 / 3 <= ratio <= 3
            vb.setAspectLocked(equal_units, ratio=1.0)
            self.plot_box.set_ratio(ratio if equal_units else None)
            self.plot.setRange(xRange=b.x_range, yRange=b.y_range, padding=0)
        self._show_plot("plane", caption)

    def _place_image(self, b: Boundary, shape: tuple[int, ...]) -> None:
        """Pixel centres on the grid points: the grid spans x_range edge to edge, so each pixel
        reaches half a step beyond its sample."""
        rows, cols = shape
        dx = (b.x_range[1] - b.x_range[0]) / max(cols - 1, 1)
        dy = (b.y_range[1] - b.y_range[0]) / max(rows - 1, 1)
        self.image.setRect(QRectF(b.x_range[0] - dx / 2, b.y_range[0] - dy / 2, cols * dx, rows * dy))

    @staticmethod
    def _contour(values: np.ndarray, b: Boundary, level: float | None) -> tuple[np.ndarray, np.ndarray]:
        """The `level` isoline in data coordinates, pieces separated by NaN (connect="finite")."""
        if level is None or not np.isfinite(values).all() or values.min() >= level or values.max() < level:
            return np.zeros(0), np.zeros(0)
        rows, cols = values.shape
        dx = (b.x_range[1] - b.x_range[0]) / max(cols - 1, 1)
        dy = (b.y_range[1] - b.y_range[0]) / max(rows - 1, 1)
        if np.unique(values).size <= 2:
            # Step/sign outputs jump between two values, and the isoline of such a field zigzags
            # half a cell either side of the true edge; a perceptron's line must look straight.
            values = _blur(values)
        xs: list[float] = []
        ys: list[float] = []
        # isocurve walks data[i, j] with i along x, and puts sample i at i + 0.5.
        for line in pg.functions.isocurve(values.T, level, connected=True):
            for px, py in line:
                xs.append(b.x_range[0] + (px - 0.5) * dx)
                ys.append(b.y_range[0] + (py - 0.5) * dy)
            xs.append(np.nan)
            ys.append(np.nan)
        return np.array(xs), np.array(ys)

    def _draw_curve(self, probe: ProbeData) -> None:
        ev = probe.evaluation
        x, t, y = rows_of(ev.inputs)[:, 0], rows_of(ev.targets)[:, 0], rows_of(ev.outputs)
        order = np.argsort(x, kind="stable")
        self.image.clear()
        self._values = None
        self.contour.setData([], [])
        self.curve.setData(x[order], y[order, 0])
        self.points.setData(x=x, y=t, brush=pg.mkBrush(NEGATIVE), pen=self._outline, size=point_size(len(x)) - 2)
        self._set_legend([])
        self.plot.setLabel("bottom", self.tr("input"))
        self.plot.setLabel("left", self.tr("output") if y.shape[1] == 1
                           else self.tr("output 1 of {count}").format(count=y.shape[1]))
        if self._mode != "curve":
            self._ranges = None
            self.plot.getPlotItem().vb.setAspectLocked(False)
            self.plot_box.set_ratio(None)
            self.plot.getPlotItem().vb.enableAutoRange()
        self._show_plot("curve", self.tr("Line: the network's output at each sample · dots: the targets"))
