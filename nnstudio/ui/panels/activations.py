"""The activations panel: what the node selected on the canvas outputs over the probe samples.

For a conv or pool node: its feature maps for the chosen sample, a tile per channel; for an rnn,
lstm or gru: its gates and states over time for the chosen sample (activations_maps.py). Then a
histogram of every output value (all units pooled) and a bar per unit for its mean, with
warnings a student can act on: dead ReLUs (a unit that outputs 0 for every sample never learns
again) and saturated sigmoid/tanh units (stuck at a rail, where the gradient is almost 0). A
saturated unit is only a problem while the loss is still high: a trained network's units often
sit at their rails on purpose, so the window says when the loss is low (`set_loss_high`).

Every plot item is made once; updates only call setData/setOpts.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget

from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.ui.i18n import translate
from nnstudio.ui.resources import icons
from nnstudio.ui.panels.activations_maps import TileGrid, map_tiles, state_tiles
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.boundary import plot_widget, rows_of

SELECT_HINT = QT_TRANSLATE_NOOP("ActivationsPanel", "Select a node on the canvas to see its activations")
# Shown only while the project cannot run: a valid network is probed at once (ui/training/preview.py).
WAITING = QT_TRANSLATE_NOOP("ActivationsPanel", "Connect the network and give it data to see the activations of {name}")
NO_OUTPUT = QT_TRANSLATE_NOOP("ActivationsPanel", "{name} has no outputs in the latest probe")
BINS = 30
RAIL = 0.02                 # within this of a sigmoid rail (0 or 1), or of tanh's ±1
SATURATED_SHARE = 0.95      # saturated when at least this share of samples sits on a rail
# Where an activation's outputs can go; histograms of bounded ones span the whole range, so a
# student sees values pile up at the rails.
BOUNDS: dict[str, tuple[float, float]] = {
    "sigmoid": (0.0, 1.0), "softmax": (0.0, 1.0), "step": (0.0, 1.0), "tanh": (-1.0, 1.0), "sign": (-1.0, 1.0)}
BAR, FLAGGED, HIST = "#0877bd", "#d64541", "#5c8fbf"
MAX_NAMED = 12              # unit indices named in a warning before "…"


LABEL_GAP = 18              # pixels between the labels of a vertical axis (a line of text and air)


class SparseAxis(pg.AxisItem):
    """A vertical axis with no more labels than fit: pyqtgraph puts six on a 40-pixel axis, one
    over the other. `whole`: counts, so no tick between whole numbers."""

    def __init__(self, orientation: str, whole: bool = False) -> None:
        super().__init__(orientation)
        self.whole = whole
        self.setStyle(maxTickLevel=0)

    def tickSpacing(self, minVal: float, maxVal: float, size: float) -> list:  # noqa: N802, N803
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels or size <= 0:
            return levels
        need = abs(maxVal - minVal) * LABEL_GAP / size      # the smallest spacing whose labels fit
        spacing = max(levels[0][0], 1.0 if self.whole else 0.0)
        power = 10.0 ** np.floor(np.log10(spacing))
        steps = [m * power * 10.0 ** k for k in range(0, 4) for m in (1.0, 2.0, 5.0)]
        return [(next((step for step in steps if step >= max(spacing, need) * (1 - 1e-9)), steps[-1]), 0)]


def _sparse_left_axis(plot: pg.PlotWidget, whole: bool = False) -> None:
    """Give `plot` a SparseAxis on the left, styled as the axis it replaces."""
    old = plot.getAxis("left")
    axis = SparseAxis("left", whole)
    axis.setPen(old.pen())
    axis.setTextPen(old.textPen())
    axis.enableAutoSIPrefix(False)
    plot.getPlotItem().setAxisItems({"left": axis})


def unit_columns(out: np.ndarray) -> np.ndarray:
    """Outputs as [observations, units]. Dense and neuron outputs are [samples, units] already;
    a conv/pool map [samples, channels, h, w] has one unit per channel, seen at every position;
    a sequence [samples, time, units] one per feature, seen at every step."""
    out = np.asarray(out, dtype=np.float64)
    if out.ndim == 4:
        return out.transpose(0, 2, 3, 1).reshape(-1, out.shape[1])
    if out.ndim == 3:
        return out.reshape(-1, out.shape[2])
    return rows_of(out)


def find_warnings(values: np.ndarray, activation: str | None) -> list[tuple[str, list[int]]]:
    """[("dead", units), ("saturated", units)] for `values` [samples, units], either absent when empty."""
    if activation is None or not len(values):
        return []
    y = np.asarray(values, dtype=np.float64)
    found: list[tuple[str, list[int]]] = []
    if activation == "relu":
        dead = np.flatnonzero((y == 0).all(axis=0))
        if len(dead):
            found.append(("dead", dead.tolist()))
    elif activation in ("sigmoid", "tanh"):
        on_rail = (y < RAIL) | (y > 1 - RAIL) if activation == "sigmoid" else np.abs(y) > 1 - RAIL
        stuck = np.flatnonzero(on_rail.mean(axis=0) >= SATURATED_SHARE)
        if len(stuck):
            found.append(("saturated", stuck.tolist()))
    return found


def _units(indices: list[int]) -> str:
    """The unit indices a warning names: "0, 3", or the first MAX_NAMED and how many in all."""
    names = ", ".join(str(i) for i in indices[:MAX_NAMED])
    if len(indices) <= MAX_NAMED:
        return names
    return translate("ActivationsPanel", "{units} … ({count} in all)").format(units=names, count=len(indices))


def describe(kind: str, units: list[int], activation: str, loss_high: bool | None = None) -> str:
    """One sentence for a warning, naming the units and saying why it matters (and, when the
    loss is known to be still high, what to try)."""
    names = _units(units)
    if kind == "dead":
        if len(units) == 1:
            return translate("ActivationsPanel", "Dead ReLU: unit {units} outputs 0 for every sample, so no gradient "
                             "reaches its weights and it no longer learns.").format(units=names)
        return translate("ActivationsPanel", "Dead ReLU: units {units} output 0 for every sample, so no gradient "
                         "reaches their weights and they no longer learn.").format(units=names)
    rails = (translate("ActivationsPanel", "0 or 1") if activation == "sigmoid"
             else translate("ActivationsPanel", "−1 or +1"))
    if len(units) == 1:
        text = translate("ActivationsPanel", "Saturated {activation}: unit {units} sits at {rails} for nearly every "
                         "sample, where the gradient is almost 0 and learning crawls.")
    else:
        text = translate("ActivationsPanel", "Saturated {activation}: units {units} sit at {rails} for nearly every "
                         "sample, where the gradient is almost 0 and learning crawls.")
    text = text.format(activation=activation, units=names, rails=rails)
    if loss_high:
        text += translate("ActivationsPanel", " The loss is still high: try a smaller Learning rate (Training tab), "
                          "then Reset weights.")
    return text


class ActivationsPanel(QWidget):
    """Histogram and per-unit means of the selected node's outputs, with warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._probe: ProbeData | None = None
        self._node: str | None = None
        self._label = ""
        self._activation: str | None = None
        self._counts = np.zeros(0, dtype=int)
        self._means = np.zeros(0)
        self._warnings: list[tuple[str, list[int]]] = []
        self._samples = 0
        self._one_sample = False        # the values are one sample's feature maps
        self._loss_high: bool | None = None

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.warning_icon = QLabel()
        self.warning_icon.setPixmap(icons.severity_icon("warning").pixmap(18, 18))
        self.warning_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.warning_text = QLabel()
        self.warning_text.setWordWrap(True)
        self.warning_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning_box = QWidget()
        self.warning_box.setObjectName("activationWarnings")
        self.warning_box.setStyleSheet("#activationWarnings { background: #fff4e0; border: 1px solid #e0a21e;"
                                       " border-radius: 4px; } QLabel { color: #7a4a00; }")
        row = QHBoxLayout(self.warning_box)
        row.setContentsMargins(6, 4, 6, 4)
        row.addWidget(self.warning_icon)
        row.addWidget(self.warning_text, 1)

        self.hist_plot = plot_widget(self)
        _sparse_left_axis(self.hist_plot, whole=True)
        self.hist_plot.setLabel("bottom", self.tr("activation"))
        self.hist_plot.setLabel("left", self.tr("count"))
        self.hist_plot.setMouseEnabled(x=False, y=False)
        self.histogram = pg.PlotDataItem(stepMode="center", fillLevel=0, brush=pg.mkBrush(HIST),
                                         pen=pg.mkPen("#2f5f8f", width=1))
        self.hist_plot.addItem(self.histogram)
        self.mean_plot = plot_widget(self)
        _sparse_left_axis(self.mean_plot)
        self.mean_plot.setLabel("bottom", self.tr("unit"))
        self.mean_plot.setLabel("left", self.tr("mean"))
        self.mean_plot.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7, brush=BAR, pen=pg.mkPen(None))
        self.mean_plot.addItem(self.bars)
        self.mean_plot.addItem(pg.InfiniteLine(0, angle=0, pen=pg.mkPen("#90a4ae")))
        # A dead unit's bar has no height: a cross at 0 shows which one is flagged.
        self.marks = pg.ScatterPlotItem(symbol="x", size=13, brush=pg.mkBrush(FLAGGED), pen=pg.mkPen(FLAGGED))
        self.mean_plot.addItem(self.marks)
        self._bar_brush, self._flag_brush = pg.mkBrush(BAR), pg.mkBrush(FLAGGED)

        self.maps = TileGrid()
        self.maps.setMinimumHeight(120)

        self.hint = QLabel(translate("ActivationsPanel", SELECT_HINT))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")
        self._plots = QWidget()
        plots = QVBoxLayout(self._plots)
        plots.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(export_button(self, lambda: [self.maps, self.hist_plot, self.mean_plot], "activations"))
        plots.addLayout(head)
        plots.addWidget(self.warning_box)
        plots.addWidget(self.maps, 6)
        plots.addWidget(self.hist_plot, 3)
        plots.addWidget(self.mean_plot, 2)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(self._plots)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._stack)
        self._refresh()

    # --- the panel protocol -----------------------------------------------------------------
    def reset(self) -> None:
        """Forget the run's outputs; the selected node stays selected."""
        self._probe = None
        self._refresh()

    def show_history(self, history: object) -> None:
        """Nothing to show from a saved history: activations need the network itself."""

    def update_snapshot(self, snapshot: LiveSnapshot) -> None:
        if snapshot.probe is None:       # unchanged since the last probe: keep the picture
            return
        self._probe = snapshot.probe
        self._refresh()

    def set_node(self, node_id: str | None, label: str = "", activation: str | None = None) -> None:
        """Show `node_id` (the canvas selection); None shows the hint. `activation` enables the
        warnings that apply to it."""
        self._node = node_id
        self._label = label or (node_id or "")
        self._activation = activation
        self._refresh()

    def set_loss_high(self, high: bool | None) -> None:
        """Whether the loss is still high (None: not known). Saturation is not warned about
        once it is known to be low."""
        if high != self._loss_high:
            self._loss_high = high
            self._refresh()

    # --- for tests ----------------------------------------------------------------------------
    def histogram_counts(self) -> np.ndarray:
        return self._counts.copy()

    def unit_means(self) -> np.ndarray:
        return self._means.copy()

    def warnings(self) -> list[tuple[str, list[int]]]:
        """[("dead" | "saturated", unit indices)] for the node shown."""
        return [(kind, list(units)) for kind, units in self._warnings]

    def warning_message(self) -> str:
        return self.warning_text.text() if self._warnings else ""

    def tiles(self) -> list[tuple[str, np.ndarray]]:
        """(title, image) of the feature-map or gate tiles shown (empty when none)."""
        return self.maps.tiles() if self.maps.isVisibleTo(self) else []

    # --- drawing --------------------------------------------------------------------------------
    def _values(self) -> np.ndarray | None:
        if self._probe is None or self._node is None:
            return None
        out = self._probe.node_outputs.get(self._node)
        inside = self._probe.insides.get(self._node)
        # Images cross for the chosen sample only: one sample says nothing of dead or saturated
        # channels ("0 for every sample"), so those warnings wait for outputs over every sample.
        self._one_sample = out is None and inside is not None and "maps" in inside.arrays
        if self._one_sample:
            out = inside.arrays["maps"][None]
        if out is None:
            return None
        self._samples = len(out)
        return unit_columns(out)

    def _draw_insides(self) -> str:
        """The chosen sample's feature maps or gates, if the probe has them; the title's words ("" if none)."""
        inside = self._probe.insides.get(self._node) if self._probe is not None else None
        if inside is None:
            self.maps.setVisible(False)
            return ""
        number = self._probe.sample + 1
        if "maps" in inside.arrays:
            tiles, top = map_tiles(inside)
            self.maps.show_tiles(tiles, shared=top)
            shown = len(tiles)
            self.maps.setVisible(True)
            if inside.channels > shown:
                return self.tr("feature maps of sample {number} (the first {shown} of {channels})").format(
                    number=number, shown=shown, channels=inside.channels)
            return self.tr("feature maps of sample {number}").format(number=number)
        self.maps.show_tiles(state_tiles(inside), x_label=self.tr("time step"), y_label=self.tr("unit"))
        self.maps.setVisible(True)
        return self.tr("gates and states of sample {number}").format(number=number)

    def _refresh(self) -> None:
        values = self._values()
        if values is None:
            self._clear()
            name = f"“{self._label}”" if self._label else self.tr("this node")
            text = SELECT_HINT if self._node is None else (WAITING if self._probe is None else NO_OUTPUT)
            self.hint.setText(translate("ActivationsPanel", text).format(name=name))
            self._stack.setCurrentWidget(self.hint)
            return
        units, samples = values.shape[1], self._samples
        kind = f" · {html.escape(self._activation)}" if self._activation else ""
        inside = self._draw_insides()
        units_text = (self.tr("{count} unit") if units == 1 else self.tr("{count} units")).format(count=units)
        samples_text = (self.tr("{count} sample") if samples == 1 else self.tr("{count} samples")).format(count=samples)
        parts = [units_text, samples_text] + ([inside] if inside else [])
        self.title.setText(f"<b>{html.escape(self._label)}</b>{kind} · " + " · ".join(html.escape(p) for p in parts))
        self._draw_histogram(values)
        self._draw_means(values)
        self._stack.setCurrentWidget(self._plots)

    def _clear(self) -> None:
        self.maps.setVisible(False)
        self._counts, self._means, self._warnings = np.zeros(0, dtype=int), np.zeros(0), []
        self.histogram.setData([], [])
        self.bars.setOpts(x=[], height=[], brushes=None)
        self.marks.setData([], [])
        self.warning_box.setVisible(False)

    def _draw_histogram(self, values: np.ndarray) -> None:
        finite = values[np.isfinite(values)]
        lo, hi = BOUNDS.get(self._activation or "", (np.inf, -np.inf))
        if len(finite):
            # Bounded activations keep their whole range; stray values (a custom node) widen it.
            lo, hi = min(lo, float(finite.min())), max(hi, float(finite.max()))
        if not np.isfinite(lo) or not np.isfinite(hi):
            lo, hi = 0.0, 1.0
        if hi - lo < 1e-12:              # all equal (a dead ReLU): a unit-wide window around it
            lo, hi = lo - 0.5, hi + 0.5
        counts, edges = np.histogram(finite, bins=BINS, range=(lo, hi))
        self._counts = counts
        self.histogram.setData(edges, counts)
        self.hist_plot.setXRange(lo, hi, padding=0.02)
        self.hist_plot.setYRange(0, max(1, int(counts.max(initial=0))), padding=0.05)

    def _draw_means(self, values: np.ndarray) -> None:
        units = values.shape[1]
        ok = np.isfinite(values)             # a diverged run's NaNs must not blank every bar
        n = ok.sum(axis=0)
        self._means = np.where(n > 0, np.where(ok, values, 0.0).sum(axis=0) / np.maximum(n, 1), np.nan)
        found = [] if self._one_sample else find_warnings(values, self._activation)
        self._warnings = [(kind, units) for kind, units in found
                          if kind != "saturated" or self._loss_high is not False]
        flagged = {u for _, us in self._warnings for u in us}
        brushes = [self._flag_brush if u in flagged else self._bar_brush for u in range(units)]
        self.bars.setOpts(x=np.arange(units), height=np.nan_to_num(self._means), brushes=brushes,
                          width=0.7 if units < 64 else 0.9)
        marked = sorted(u for k, us in self._warnings if k == "dead" for u in us)
        self.marks.setData(np.array(marked, dtype=float), np.nan_to_num(self._means[marked]))
        self.mean_plot.setXRange(-0.6, units - 0.4, padding=0)
        lo, hi = BOUNDS.get(self._activation or "", (0.0, 0.0))
        seen = self._means[np.isfinite(self._means)]
        lo, hi = min(lo, float(seen.min(initial=0.0))), max(hi, float(seen.max(initial=0.0)))
        # Room above and below the bars, so the end labels of a short axis are not cut.
        self.mean_plot.setYRange(lo, hi if hi > lo else lo + 1, padding=0.12)
        # Whole numbers only on the unit axis: a unit is an index.
        step = max(1, int(np.ceil(units / 10)))
        self.mean_plot.getAxis("bottom").setTicks([[(u, str(u)) for u in range(0, units, step)]])
        self.warning_text.setText("\n".join(describe(k, us, self._activation or "", self._loss_high)
                                             for k, us in self._warnings))
        self.warning_box.setVisible(bool(self._warnings))
