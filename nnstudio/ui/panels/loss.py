"""The loss panel: training and validation loss per epoch, a light per-batch curve, and accuracy.

Data arrives as LiveSnapshots (only what is new since the previous one) or, when a project is
opened, as its saved History. Plot items are created once; every update appends to numpy
buffers that grow by doubling and hands views of them to setData. Long runs stay cheap because
the curves clip to the view and peak-downsample to the screen's resolution, and the per-batch
curve keeps at most BATCH_POINT_LIMIT points (thinned evenly, see loss_batches.py) while the
per-epoch curves keep every epoch.

Per-batch losses carry no epoch numbers, and the worker may peak-downsample them. Each run starts
on an epoch boundary and every epoch has the same number of batches B, so a batch that ends at
step s of the run sits at x = first epoch + s / B. A snapshot's points are spread evenly over the
steps it covers (`snapshot.step`; one step per value when a snapshot carries no step count), and B
is pinned down from (epochs done, steps done) pairs: (E − E0)·B ≤ s < (E − E0 + 1)·B. Until the
first epoch ends only a lower bound is known, so the run's points are placed again whenever the
estimate of B changes.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.GraphicsScene.mouseEvents import MouseClickEvent
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from nnstudio.training.health import number
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.panels.loss_axis import LossAxis, drawn_labels, spans_decades
from nnstudio.ui.panels.loss_batches import BatchRun, BatchSeries
from nnstudio.ui.panels.loss_compare import LossComparison
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.plotting import AXIS_COLOUR, GrowingArray, long_curve, styled_plot
from nnstudio.ui.training.status import percent, status_words

__all__ = ["GrowingArray", "LossPanel"]        # GrowingArray: the buffer of the bounded batch series

TRAIN_COLOUR = "#2563eb"        # blue
VAL_COLOUR = "#ea580c"          # orange
BATCH_COLOUR = "#bcd3f7"        # the train blue, pale (opaque: translucent long paths are slow to draw)


def _floats(values: list[float | None], n: int) -> np.ndarray:
    """`values` padded or cut to n, with None as NaN."""
    out = np.full(n, np.nan)
    for i, v in enumerate(values[:n]):
        if v is not None:
            out[i] = float(v)
    return out


def _fmt(value: float) -> str:
    """0.06667, 43,275 or 8.4e+44 (an exploded loss reads better with thousands separators)."""
    return number(value) if np.isfinite(value) else "—"


class LossPanel(QWidget):
    """Loss (top) and accuracy (below, shown once there is any) against the epoch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.readout = QLabel()
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A narrow dock clips the line instead of growing to fit it (the tooltip has it all).
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.log_check = QCheckBox(self.tr("Log scale"))
        self.log_check.setToolTip(self.tr("Show the loss on a logarithmic axis (ticked by itself when the loss "
                                          "spans many powers of ten, as an exploding loss does)"))
        self.log_check.toggled.connect(self._set_log)
        self.log_check.clicked.connect(self._log_chosen)     # the user's click, not setChecked
        self._log_auto = True           # the panel picks the axis until the user does
        self.fit_button = QToolButton(text=self.tr("Show all"),
                                      toolTip=self.tr("Follow the whole run (or double-click the plot)"))
        self.fit_button.setAutoRaise(True)
        self.fit_button.clicked.connect(lambda: self.set_following(True))
        self.fit_button.hide()

        self.loss_axis = LossAxis("left")
        self.loss_plot = styled_plot(self.tr("loss"), self.loss_axis)
        self.acc_plot = styled_plot(self.tr("accuracy"))
        self.acc_plot.setXLink(self.loss_plot)
        acc = self.acc_plot.getPlotItem()
        # Room for the 0% and 100% labels: pyqtgraph leaves out a label that would stick out of
        # the axis, and at 1280×800 the accuracy plot is only ~40 pixels high.
        acc.setYRange(0.0, 1.0, padding=0.25)
        acc.getAxis("left").setTicks([[(0.0, "0%"), (0.5, "50%"), (1.0, "100%")], [(0.25, ""), (0.75, "")]])
        acc.getAxis("left").setStyle(hideOverlappingLabels=False)
        acc.setLabel("bottom", self.tr("epoch"), color=AXIS_COLOUR)

        self.batch_curve = long_curve(self.loss_plot, BATCH_COLOUR, 1.0, z=-1)
        self.train_curve = long_curve(self.loss_plot, TRAIN_COLOUR, 2.0)
        self.val_curve = long_curve(self.loss_plot, VAL_COLOUR, 2.0, Qt.PenStyle.DashLine)
        self.acc_curve = long_curve(self.acc_plot, TRAIN_COLOUR, 2.0)
        self.val_acc_curve = long_curve(self.acc_plot, VAL_COLOUR, 2.0, Qt.PenStyle.DashLine)
        self.legend = pg.LegendItem(offset=(-8, 4), colCount=3, labelTextColor=AXIS_COLOUR, labelTextSize="8pt",
                                    brush=pg.mkBrush(255, 255, 255, 210), pen=pg.mkPen("#cbd5e1"))
        self.legend.setParentItem(self.loss_plot.getPlotItem().getViewBox())
        self._legend_shown: tuple | None = None
        # Kept runs drawn over this one (loss_compare.py): they outlive reset() and other projects.
        self.compare = LossComparison(self.loss_plot, lambda: (self._epoch.view(), self._loss.view(),
                                                               self._val.view()), self)
        self.compare.changed.connect(self._refresh)
        self._acc_shown: bool | None = None
        # Ranges are set here, not by pyqtgraph's auto-range: with peak downsampling the drawn x
        # extent depends on the bin size, which depends on the x range, so auto-range can loop;
        # and auto-range runs inside paint, so every update would be painted twice.
        self._following = True
        self.loss_plot.getPlotItem().getViewBox().sigXRangeChanged.connect(self._fit_y)
        for plot in (self.loss_plot, self.acc_plot):
            view = plot.getPlotItem().getViewBox()
            view.disableAutoRange()
            view.sigRangeChangedManually.connect(lambda _mask: self.set_following(False))
            plot.scene().sigMouseClicked.connect(self._on_click)

        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.addWidget(self.readout, 1)
        header.addWidget(self.fit_button)
        header.addWidget(self.compare.button)
        header.addWidget(export_button(self, lambda: [self.loss_plot, self.acc_plot], "loss"))
        header.addWidget(self.log_check)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.loss_plot, 3)
        layout.addWidget(self.acc_plot, 2)

        self._epoch, self._loss, self._val = GrowingArray(), GrowingArray(), GrowingArray()
        self._acc, self._val_acc = GrowingArray(), GrowingArray()
        self._batches = BatchSeries()
        self.reset()

    # --- public API -----------------------------------------------------------------------
    def reset(self) -> None:
        """Forget every point (a new project, or weights re-initialised)."""
        for buf in self._epoch_buffers():
            buf.truncate(0)
        self._batches.truncate(0)
        self._has = {"val": False, "acc": False, "val_acc": False}
        self._positive = (np.inf, 0.0)          # smallest and largest positive loss (for the axis)
        self._run: BatchRun | None = None       # where this run's batches go on the epoch axis
        self._last_step = 0
        self._last_elapsed = 0.0
        self.readout.setText(self.tr("No training yet: press Train (F5)"))
        self._log_auto = True           # a new project or new weights: the panel picks again
        self.log_check.setChecked(False)
        self._refresh()

    def show_history(self, history: History) -> None:
        """Show a saved history in place of whatever is shown."""
        self.reset()
        self._append(history)
        self._refresh()
        self._show_readout(None)

    def update_snapshot(self, snapshot: LiveSnapshot) -> None:
        """Append the epochs and batches the snapshot brings (only what is new since the last)."""
        history = snapshot.new_history
        batches = np.asarray(snapshot.batch_losses, dtype=np.float64).reshape(-1)
        if not history.epoch and not len(batches):
            self._show_readout(snapshot)
            return
        if history.epoch:
            self._append(history)
        if len(batches):
            self._append_batches(batches, len(history.epoch), snapshot.step, snapshot.elapsed)
        self._refresh()
        self._show_readout(snapshot)

    def following(self) -> bool:
        """True while the x axis shows the whole run (until the user zooms or pans)."""
        return self._following

    def set_following(self, on: bool) -> None:
        self._following = on
        self.fit_button.setVisible(not on)
        if on:
            self._fit_x()

    def log_scale(self) -> bool:
        return self.log_check.isChecked()

    def set_log_scale(self, on: bool) -> None:
        """Choose the axis, as the user's click does: the panel no longer picks it by itself."""
        self._log_auto = False
        self.log_check.setChecked(on)

    def loss_tick_labels(self) -> list[str]:
        """The loss axis's tick labels as drawn now."""
        return drawn_labels(self.loss_axis)

    def accuracy_tick_labels(self) -> list[str]:
        return drawn_labels(self.acc_plot.getPlotItem().getAxis("left"))

    # --- what is plotted (for tests and the status bar) --------------------------------------
    def epochs(self) -> np.ndarray:
        return self._data(self.train_curve.xData)

    def losses(self) -> np.ndarray:
        return self._data(self.train_curve.yData)

    def val_losses(self) -> np.ndarray:
        return self._data(self.val_curve.yData)

    def accuracies(self) -> np.ndarray:
        return self._data(self.acc_curve.yData)

    def val_accuracies(self) -> np.ndarray:
        return self._data(self.val_acc_curve.yData)

    def batch_losses(self) -> tuple[np.ndarray, np.ndarray]:
        """(x in epochs, loss) of the per-batch curve."""
        return self._data(self.batch_curve.xData), self._data(self.batch_curve.yData)

    def plot_items(self) -> list[pg.PlotDataItem]:
        return [self.train_curve, self.val_curve, self.batch_curve, self.acc_curve, self.val_acc_curve]

    # --- internals ------------------------------------------------------------------------
    @staticmethod
    def _data(values: np.ndarray | None) -> np.ndarray:
        return np.array(values if values is not None else [], dtype=np.float64)

    def _epoch_buffers(self) -> list[GrowingArray]:
        return [self._epoch, self._loss, self._val, self._acc, self._val_acc]

    def _append(self, history: History) -> None:
        """Add one point per epoch; an epoch already shown (a repeat, or a restarted count)
        replaces the points from there on, so no epoch is ever shown twice."""
        n = len(history.epoch)
        if not n:
            return
        epochs = np.asarray(history.epoch, dtype=np.float64)
        keep = int(np.searchsorted(self._epoch.view(), epochs[0], side="left"))
        if keep < self._epoch.size:
            for buf in self._epoch_buffers():
                buf.truncate(keep)
            self._batches.truncate(int(np.searchsorted(self._batches.x.view(), epochs[0] - 1.0, side="right")))
            self._run = None
            self._has = {"val": bool(np.isfinite(self._val.view()).any()),
                         "acc": bool(np.isfinite(self._acc.view()).any()),
                         "val_acc": bool(np.isfinite(self._val_acc.view()).any())}
            self._positive = (np.inf, 0.0)
            self._widen(self._loss.view())
            self._widen(self._val.view())
        columns = {"val": history.val_loss, "acc": history.accuracy, "val_acc": history.val_accuracy}
        self._epoch.extend(epochs)
        self._loss.extend(_floats(list(history.loss), n))
        for key, buf in (("val", self._val), ("acc", self._acc), ("val_acc", self._val_acc)):
            values = _floats(list(columns[key]), n)
            buf.extend(values)
            self._has[key] = self._has[key] or bool(np.isfinite(values).any())
        self._widen(self._loss.view()[-n:])
        self._widen(self._val.view()[-n:])

    def _widen(self, losses: np.ndarray) -> None:
        """Keep the range of positive losses up to date (cheaper than a pass over every epoch)."""
        v = losses[np.isfinite(losses) & (losses > 0)]
        if v.size:
            self._positive = (min(self._positive[0], float(v.min())), max(self._positive[1], float(v.max())))

    def _append_batches(self, losses: np.ndarray, finished: int, step: int, elapsed: float) -> None:
        """Place the snapshot's batch losses on the epoch axis (see the module docstring)."""
        n = len(losses)
        done = float(self._epoch.view()[-1]) if self._epoch.size else 0.0
        step = step if step > 0 else self._last_step + n            # hand-made snapshots
        run, series = self._run, self._batches
        if run is None or step <= self._last_step or elapsed < self._last_elapsed:
            # A new run (or the first batches after reset/show_history): it began where the
            # epochs this snapshot finishes began, at step 0.
            run = self._run = BatchRun(done - finished)
            series.start_run()
            self._last_step = 0
        before = run.per_epoch()
        run.observe(done, step)
        first = series.run_start if run.per_epoch() != before else series.size
        series.extend(self._last_step + (step - self._last_step) * np.arange(1, n + 1) / n, losses)
        self._last_step, self._last_elapsed = step, elapsed
        series.place(first, run.first_epoch, run.per_epoch())
        series.settle()

    def _refresh(self) -> None:
        """Hand the buffers to the (existing) curves and show or hide what has data."""
        epochs = self._epoch.view()
        self.train_curve.setData(epochs, self._loss.view())
        self.val_curve.setData(epochs, self._val.view())
        self.batch_curve.setData(self._batches.x.view(), self._batches.y.view())
        self.acc_curve.setData(epochs, self._acc.view())
        self.val_acc_curve.setData(epochs, self._val_acc.view())
        self._show_accuracy(self._has["acc"] or self._has["val_acc"])
        self._sync_legend()
        self._y_fitted = False
        if self._log_auto:
            self._pick_axis()
        if self._following:
            self._fit_x()           # fits y as well when the x range moves
        if not self._y_fitted:
            self._fit_y()
        # pyqtgraph applies a new range just before painting, which moves every item and asks for
        # a second paint of the whole plot; applying it now makes one paint per update.
        for plot in (self.loss_plot, self.acc_plot):
            plot.getPlotItem().getViewBox().updateMatrix()

    def _fit_x(self) -> None:
        """Show every epoch (and batch) on the x axis."""
        ends = [(b.view()[0], b.view()[-1]) for b in (self._epoch, self._batches.x) if b.size] + self.compare.x_ends()
        if not ends:
            self.loss_plot.getPlotItem().setXRange(0.0, 1.0, padding=0.02)
            return
        low, high = min(e[0] for e in ends), max(e[1] for e in ends)
        self.loss_plot.getPlotItem().setXRange(min(low, high - 1.0), high, padding=0.02)

    def _fit_y(self, *_args: object) -> None:
        """Fit the loss axis to the loss values inside the visible epochs (positive ones in log)."""
        self._y_fitted = True
        x0, x1 = self.loss_plot.getPlotItem().getViewBox().viewRange()[0]
        pieces = []
        for x, ys in ((self._epoch, (self._loss, self._val)), (self._batches.x, (self._batches.y,))):
            if ys[0] is self._batches.y and not self.batch_curve.isVisible():
                continue
            xs = x.view()
            lo, hi = np.searchsorted(xs, x0, side="left"), np.searchsorted(xs, x1, side="right")
            pieces += [y.view()[lo:hi] for y in ys]
        pieces += self.compare.y_values(x0, x1)
        values = np.concatenate(pieces) if pieces else np.zeros(0)
        values = values[np.isfinite(values) & ((values > 0) if self.log_scale() else True)]
        if not values.size:
            return
        low, high = float(values.min()), float(values.max())
        if self.log_scale():
            low, high = np.log10(low), np.log10(high)
        if high - low < 1e-12:
            low, high = low - 0.5, high + 0.5
        self.loss_plot.getPlotItem().setYRange(low, high, padding=0.06)

    def _on_click(self, event: MouseClickEvent) -> None:
        if event.double():
            self.set_following(True)

    def _show_accuracy(self, on: bool) -> None:
        if on == self._acc_shown:
            return
        self._acc_shown = on
        self.acc_plot.setVisible(on)
        bottom = self.loss_plot.getPlotItem().getAxis("bottom")
        bottom.setStyle(showValues=not on)
        bottom.setHeight(8 if on else None)
        self.loss_plot.getPlotItem().setLabel("bottom", "" if on else self.tr("epoch"), color=AXIS_COLOUR)
        bottom.showLabel(not on)

    def _sync_legend(self) -> None:
        # Full batch: one batch per epoch repeats the epoch curve, so it is not drawn.
        batches = self._batches.size > 0 and not (self._run is not None and self._run.per_epoch() == 1)
        self.batch_curve.setVisible(batches)
        shown = (self._epoch.size > 0, self._has["val"], batches)
        if (shown, self.compare.labels()) == self._legend_shown:
            return
        self._legend_shown = (shown, self.compare.labels())
        self.legend.clear()
        self.legend.setColumnCount(max(1, sum(shown)))
        own = zip(shown, (self.train_curve, self.val_curve, self.batch_curve),
                  (self.tr("train"), self.tr("validation"), self.tr("per batch")))
        for item, name in [(item, name) for on, item, name in own if on] + self.compare.legend_entries():
            self.legend.addItem(item, name)
        self.legend.setVisible(any(shown) or bool(self.compare.labels()))

    def _pick_axis(self) -> None:
        """A log axis while the losses span decades (an exploding run); a linear one otherwise,
        where a plateau and its drop read best."""
        positive = self.compare.widen(self._positive)
        wanted = spans_decades(np.array(positive if positive[1] > 0 else []))
        if wanted != self.log_check.isChecked():
            self.log_check.setChecked(wanted)

    def _log_chosen(self, _checked: bool) -> None:
        self._log_auto = False

    def _set_log(self, on: bool) -> None:
        item = self.loss_plot.getPlotItem()
        item.setLogMode(y=on)
        item.getViewBox().disableAutoRange()     # setLogMode turns pyqtgraph's auto-range back on
        if self._following:
            self._fit_x()
        self._fit_y()

    def _show_readout(self, snapshot: LiveSnapshot | None) -> None:
        if not self._epoch.size and snapshot is None:
            return
        i = self._epoch.size - 1
        epoch = int(self._epoch.view()[i]) if i >= 0 else (snapshot.epoch if snapshot else 0)
        total = snapshot.total_epochs if snapshot else 0
        parts = [self.tr("epoch {epoch:,} / {total:,}").format(epoch=epoch, total=total) if total
                 else self.tr("epoch {epoch:,}").format(epoch=epoch)]
        if i >= 0:
            parts.append(self.tr("loss {value}").format(value=_fmt(self._loss.view()[i])))
            if self._has["val"]:
                parts.append(self.tr("val {value}").format(value=_fmt(self._val.view()[i])))
            if self._has["acc"] and np.isfinite(self._acc.view()[i]):
                parts.append(self.tr("acc {value}").format(value=percent(self._acc.view()[i])))
            if self._has["val_acc"] and np.isfinite(self._val_acc.view()[i]):
                parts.append(self.tr("val acc {value}").format(value=percent(self._val_acc.view()[i])))
        if snapshot is not None and snapshot.status not in ("running", "idle"):
            parts.append(error_text(snapshot.message) if snapshot.message else status_words(snapshot.status))
        text = "  ·  ".join(parts)
        self.readout.setText(text)
        self.readout.setToolTip(text)
