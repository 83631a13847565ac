"""Comparing runs in the Loss panel: loss curves kept as dashed reference curves over the current ones.

The user keeps what the panel shows ("Keep for comparison", named after the project by default),
opens another project or example, trains it, and sees the kept curves beside the new run, each in
its own colour with a legend entry (its validation loss too, dotted, when the run measured one).
A kept run is a plain copy of the numbers (epochs, loss, validation loss), never a reference to a
document: it outlives the project it came from, lives as long as the panel (the window's session),
and is no part of any project file or of the undo stack (it is a view, not an edit).

The curves are plot items of the panel's loss plot, so its PNG, SVG and CSV exports include them
(the CSV columns are named after them).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QMenu, QToolButton, QWidget

from nnstudio.project.model import History

# Colours apart from the panel's own (train blue, validation orange, pale batch blue).
KEPT_COLOURS = ("#16a34a", "#9333ea", "#db2777", "#0891b2", "#ca8a04", "#64748b")
KEPT_Z = -0.5           # above the per-batch curve, beneath the current run's curves

Series = tuple[np.ndarray, np.ndarray, np.ndarray]     # epochs, loss, validation loss (NaN: none)


@dataclass(frozen=True, eq=False)
class KeptRun:
    """One kept loss history: copies of its numbers, the label it is shown under and its colour."""
    label: str
    colour: str
    epochs: np.ndarray
    loss: np.ndarray
    val_loss: np.ndarray | None     # None when the run measured no validation loss

    def values(self) -> np.ndarray:
        return np.concatenate([self.loss] + ([self.val_loss] if self.val_loss is not None else []))


def _column(values, n: int) -> np.ndarray:
    """`values` as n floats, None (or a short column) as NaN."""
    out = np.full(n, np.nan)
    for i, v in enumerate(list(values)[:n]):
        if v is not None:
            out[i] = float(v)
    return out


def history_series(history: History) -> Series:
    n = len(history.epoch)
    return (np.asarray(history.epoch, dtype=np.float64).reshape(n), _column(history.loss, n),
            _column(history.val_loss, n))


def _kept_curve(plot: pg.PlotWidget, colour: str, style: Qt.PenStyle, name: str) -> pg.PlotDataItem:
    """A curve like the panel's own long ones (peak downsampling, clipped to the view), named so
    that the CSV export heads its columns with the name."""
    curve = plot.plot(pen=pg.mkPen(colour, width=1.5, style=style), connect="finite", name=name)
    curve.setDownsampling(auto=True, method="peak")
    curve.setClipToView(True)
    curve.setZValue(KEPT_Z)
    return curve


class LossComparison(QObject):
    """The kept runs of one loss plot, their curves, and the panel's Compare button and menu.

    `shown()` gives the (epochs, loss, validation loss) the panel shows now; `changed` asks the
    panel to redraw (legend and ranges) after a run was kept or removed."""

    changed = Signal()

    def __init__(self, plot: pg.PlotWidget, shown: Callable[[], Series], parent: QWidget) -> None:
        super().__init__(parent)
        self.plot, self._shown = plot, shown
        self._project_name: Callable[[], str] = lambda: ""
        self._runs: list[tuple[KeptRun, pg.PlotDataItem, pg.PlotDataItem | None]] = []
        # The smallest and largest positive kept loss, worked out when the runs change, not per update.
        self._positive = (np.inf, 0.0)
        self.changed.connect(self._find_positive)
        self.button = QToolButton(parent, text=self.tr("Compare"))
        self.button.setToolTip(self.tr("Keep this loss curve, open another project or example and train it: "
                                       "the kept curves stay drawn, dashed, for comparison"))
        self.button.setAutoRaise(True)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self.fill_menu)
        self.button.setMenu(self.menu)

    # --- public API -----------------------------------------------------------------------
    def set_name_source(self, name: Callable[[], str]) -> None:
        """Where the default label comes from: the open project's name."""
        self._project_name = name

    def runs(self) -> list[KeptRun]:
        return [run for run, _train, _val in self._runs]

    def labels(self) -> tuple[str, ...]:
        return tuple(run.label for run in self.runs())

    def curves(self, label: str) -> tuple[pg.PlotDataItem, pg.PlotDataItem | None]:
        """The kept run's loss curve and validation curve (None without one); KeyError if none."""
        for run, train, val in self._runs:
            if run.label == label:
                return train, val
        raise KeyError(label)

    def keep_history(self, history: History, label: str) -> KeptRun | None:
        """Keep a copy of `history`'s losses under `label` (made unique); None when it has no epoch."""
        return self.keep_series(history_series(history), label)

    def keep_series(self, series: Series, label: str) -> KeptRun | None:
        epochs, loss, val = (np.array(column, dtype=np.float64) for column in series)     # copies
        if not epochs.size:
            return None
        label = self._unique(label.strip() or self.tr("Kept run"))
        used = {run.colour for run in self.runs()}
        colour = next((c for c in KEPT_COLOURS if c not in used), KEPT_COLOURS[len(self._runs) % len(KEPT_COLOURS)])
        run = KeptRun(label, colour, epochs, loss, val if np.isfinite(val).any() else None)
        train = _kept_curve(self.plot, colour, Qt.PenStyle.DashLine, label)
        train.setData(run.epochs, run.loss)
        val_curve = None
        if run.val_loss is not None:
            val_curve = _kept_curve(self.plot, colour, Qt.PenStyle.DotLine, self.validation_name(label))
            val_curve.setData(run.epochs, run.val_loss)
        self._runs.append((run, train, val_curve))
        self.changed.emit()
        return run

    def keep_shown(self) -> KeptRun | None:
        """Keep what the panel shows, under a label the user confirms (None: nothing kept)."""
        series = self._shown()
        if not len(series[0]):
            return None
        label = self.ask_label(self._unique(self._project_name() or self.tr("Kept run")))
        return None if label is None else self.keep_series(series, label)

    def remove(self, label: str) -> None:
        for entry in self._runs:
            if entry[0].label == label:
                self._runs.remove(entry)
                for curve in entry[1:]:
                    if curve is not None:
                        self.plot.removeItem(curve)
                self.changed.emit()
                return

    def clear(self) -> None:
        if not self._runs:
            return
        for _run, train, val in self._runs:
            for curve in (train, val):
                if curve is not None:
                    self.plot.removeItem(curve)
        self._runs.clear()
        self.changed.emit()

    def validation_name(self, label: str) -> str:
        return self.tr("{label} (validation)").format(label=label)

    # --- for the panel: legend and ranges -------------------------------------------------------
    def legend_entries(self) -> list[tuple[pg.PlotDataItem, str]]:
        entries = []
        for run, train, val in self._runs:
            entries.append((train, run.label))
            if val is not None:
                entries.append((val, self.validation_name(run.label)))
        return entries

    def x_ends(self) -> list[tuple[float, float]]:
        return [(float(run.epochs[0]), float(run.epochs[-1])) for run in self.runs()]

    def y_values(self, x0: float, x1: float) -> list[np.ndarray]:
        """The kept losses inside the epochs x0..x1 (for fitting the loss axis; epochs ascend)."""
        pieces = []
        for run in self.runs():
            lo, hi = np.searchsorted(run.epochs, x0, side="left"), np.searchsorted(run.epochs, x1, side="right")
            pieces += [run.loss[lo:hi]] + ([run.val_loss[lo:hi]] if run.val_loss is not None else [])
        return pieces

    def widen(self, positive: tuple[float, float]) -> tuple[float, float]:
        """`positive` (the smallest and largest positive loss shown) widened by the kept losses."""
        return min(positive[0], self._positive[0]), max(positive[1], self._positive[1])

    def _find_positive(self) -> None:
        values = np.concatenate([run.values() for run in self.runs()] or [np.zeros(0)])
        values = values[np.isfinite(values) & (values > 0)]
        self._positive = (float(values.min()), float(values.max())) if values.size else (np.inf, 0.0)

    # --- the menu (tests replace ask_label) ------------------------------------------------------
    def ask_label(self, default: str) -> str | None:
        text, ok = QInputDialog.getText(self.button, self.tr("Keep for comparison"),
                                        self.tr("Name of the kept loss curve:"), text=default)
        return text if ok else None

    def fill_menu(self) -> None:
        """The menu as it is now: keep, then each kept run to remove, then clear."""
        menu = self.menu
        menu.clear()
        keep = menu.addAction(self.tr("Keep for comparison…"), self.keep_shown)
        keep.setEnabled(bool(len(self._shown()[0])))
        keep.setToolTip(self.tr("Keep the loss curve shown now, drawn dashed after another project is opened"))
        if self._runs:
            menu.addSeparator()
        for label in self.labels():
            name = label.replace("&", "&&")         # a single & would underline the next letter
            menu.addAction(self.tr("Remove “{label}”").format(label=name), lambda label=label: self.remove(label))
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear comparison"), self.clear)
        clear.setEnabled(bool(self._runs))

    def _unique(self, label: str) -> str:
        taken = set(self.labels())
        if label not in taken:
            return label
        k = 2
        while f"{label} ({k})" in taken:
            k += 1
        return f"{label} ({k})"
