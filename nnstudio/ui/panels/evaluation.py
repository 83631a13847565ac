"""The evaluation panel: how right the network is, in the form that suits the problem.

- truth_table: small binary problems (logic gates): inputs | target | output | ✓/✗, one row a sample.
- confusion: classification: counts of (true class, predicted class), the diagonal highlighted,
  with the accuracy. Classification without a confusion matrix (several independent sigmoid
  outputs) gets the per-sample table instead, in mode "table".
- regression: predicted against true values, the y = x line, R² and MSE.

Tables keep their items and only change texts when the shape stays the same; the plot's items
are made once.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QStackedLayout, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.training.live import LiveSnapshot
from nnstudio.training.probes import Evaluation
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.boundary import plot_widget, rows_of
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.training.status import percent

# Shown only while the project cannot run: a valid network is evaluated at once (ui/training/preview.py).
WAITING = QT_TRANSLATE_NOOP("EvaluationPanel", "Connect the network and give it data to see how it does on each "
                            "sample (Problems lists what is missing)")
MAX_ROWS = 200               # per-sample tables show at most this many samples
RIGHT, WRONG = "#2e7d32", "#c62828"
# Translucent, so the tint reads on light and dark palettes alike.
RIGHT_TINT, WRONG_TINT = QColor(46, 125, 50, 45), QColor(198, 40, 40, 45)


def fmt(v: float) -> str:
    """Rounded to 4 decimals, without trailing zeros: 1, 0.25, 0.9813."""
    if not np.isfinite(v):
        return str(v)
    s = f"{v:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _joined(row: np.ndarray) -> str:
    return ", ".join(fmt(float(v)) for v in np.ravel(row))


def r2_text(r2: float) -> str:
    """R² to four decimals, or in four significant digits when it is huge: a diverged network's
    R² of -2.6e+296 written out in full would be one unbreakable word thousands of pixels wide."""
    return f"{r2:.4f}" if abs(r2) < 1e5 else f"{r2:.4g}"


def r2_mse(targets: np.ndarray, outputs: np.ndarray) -> tuple[float, float]:
    """R² (1 − residual / total sum of squares, each output column about its own mean) and MSE."""
    t, y = rows_of(targets), rows_of(outputs)
    if not t.size:
        return float("nan"), float("nan")
    residual = float(((t - y) ** 2).sum())
    total = float(((t - t.mean(axis=0)) ** 2).sum())
    mse = residual / t.size
    return (1.0 - residual / total if total > 0 else float("nan")), mse


def binary_confusion(ev: Evaluation) -> tuple[np.ndarray, list[str]] | None:
    """A 2×2 confusion matrix for one thresholded output (probes gives one only for argmax).

    The true class is target > 0.5, as the accuracy metric reads it; the predicted class follows
    from `correct`, so the matrix agrees with the accuracy whatever threshold the output uses."""
    t, y = rows_of(ev.targets), rows_of(ev.outputs)
    if ev.correct is None or t.shape[1] != 1 or y.shape[1] != 1:
        return None
    truth = (t[:, 0] > 0.5).astype(int)
    right = np.asarray(ev.correct, bool).reshape(-1)
    predicted = np.where(right, truth, 1 - truth)
    cm = np.zeros((2, 2), dtype=int)
    np.add.at(cm, (truth, predicted), 1)
    if len(ev.class_names) == 2:          # text labels from the data file: "no", "yes"
        return cm, list(ev.class_names)
    return cm, (["−1", "+1"] if np.nanmin(t, initial=0.0) < 0 else ["0", "1"])


def target_names(ev: Evaluation) -> list[str] | None:
    """Each sample's true class by name, when the data names its classes (text labels in a CSV)
    and the targets are class indices, one-hot rows or one 0/1 (or ±1) column; else None."""
    names = list(ev.class_names)
    t = rows_of(ev.targets)
    if not names or not len(t) or not np.isfinite(t).all():
        return None
    if t.shape[1] == len(names) > 1:                      # one-hot rows
        return [names[k] for k in t.argmax(axis=1)]
    if t.shape[1] != 1:
        return None
    column = t[:, 0]
    if len(names) == 2 and np.isin(column, (-1.0, 1.0)).all():
        return [names[int(v > 0)] for v in column]
    if (column == np.round(column)).all() and column.min() >= 0 and column.max() < len(names):
        return [names[int(v)] for v in column]            # class indices (0/1 for two classes)
    return None


def _table() -> QTableWidget:
    table = QTableWidget()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    table.verticalHeader().setDefaultSectionSize(24)
    return table


class EvaluationPanel(QWidget):
    """Truth table, confusion matrix or predicted-vs-true plot of the latest probe."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mode = ""
        self._rows: list[tuple[str, ...]] = []
        self._confusion: np.ndarray | None = None
        self._total = 0                 # samples in the dataset; the probe covers the first ones

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.hint = QLabel(translate("EvaluationPanel", WAITING))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")

        self.samples = _table()
        self.samples.verticalHeader().setVisible(False)
        self.matrix = _table()
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix.verticalHeader().setMinimumWidth(32)
        self.matrix.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        big = self.matrix.font()
        big.setPointSizeF(big.pointSizeF() * 1.25)     # counts are what a student reads first
        self.matrix.setFont(big)
        bold = QFont(big)
        bold.setBold(True)
        self._bold = bold

        self.plot = plot_widget(self)
        self.plot.setLabel("bottom", self.tr("true value"))
        self.plot.setLabel("left", self.tr("predicted"))
        self.identity = pg.PlotDataItem(pen=pg.mkPen("#90a4ae", width=1.5, style=Qt.PenStyle.DashLine))
        self.scatter = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(8, 119, 189, 170), pen=pg.mkPen("#263238"))
        self.plot.addItem(self.identity)
        self.plot.addItem(self.scatter)

        self._stack = QStackedLayout()
        for page in (self.hint, self.samples, self.matrix, self.plot):
            self._stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(export_button(self, lambda: [self.plot], "evaluation"), 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        layout.addLayout(self._stack, 1)
        self.reset()

    # --- the panel protocol -----------------------------------------------------------------
    def reset(self) -> None:
        self._mode, self._rows, self._confusion, self._total = "", [], None, 0
        self.scatter.setData([], [])
        self.identity.setData([], [])
        self.summary.setVisible(False)
        self._stack.setCurrentWidget(self.hint)

    def show_history(self, history: object) -> None:
        """Nothing to show from a saved history: evaluation needs the network itself."""

    def update_snapshot(self, snapshot: LiveSnapshot) -> None:
        if snapshot.probe is None:       # unchanged since the last probe: keep the picture
            return
        ev = snapshot.probe.evaluation
        self._total = snapshot.probe.total_samples
        if ev.kind == "regression":
            self._show_regression(ev)
        elif ev.kind == "classification" and ev.confusion is not None:
            self._show_confusion(np.asarray(ev.confusion), list(ev.class_names))
        elif ev.kind == "classification" and (binary := binary_confusion(ev)) is not None:
            self._show_confusion(*binary)
        else:
            self._show_samples(ev, "truth_table" if ev.kind == "truth_table" else "table")

    # --- for tests --------------------------------------------------------------------------
    def mode(self) -> str:
        """"truth_table", "table", "confusion", "regression", or "" before the first probe."""
        return self._mode

    def table_rows(self) -> list[tuple[str, ...]]:
        """The rows as displayed: per-sample tables, or the confusion matrix's counts."""
        return list(self._rows)

    def confusion(self) -> np.ndarray | None:
        return None if self._confusion is None else self._confusion.copy()

    # --- pages ------------------------------------------------------------------------------
    def _covered(self, n: int) -> str:
        """" · on the first 1,000 of 1,797 samples" when the probe leaves samples out, else ""."""
        return " · " + self.tr("on the first {count:,} of {total:,} samples").format(count=n, total=self._total) \
            if self._total > n else ""

    def _set_summary(self, html: str) -> None:
        self.summary.setText(html)
        self.summary.setVisible(True)

    def _show_samples(self, ev: Evaluation, mode: str) -> None:
        n = len(ev.outputs)
        shown = min(n, MAX_ROWS)
        x, t, y = rows_of(ev.inputs), rows_of(ev.targets), rows_of(ev.outputs)
        right = np.ones(n, bool) if ev.correct is None else np.asarray(ev.correct, bool).reshape(-1)
        # Logic gates have a few input columns, each its own column; wide inputs are joined.
        split_inputs = x.shape[1] <= 4
        named = target_names(ev)
        head = [f"x{k + 1}" for k in range(x.shape[1])] if split_inputs else [self.tr("inputs")]
        head += [self.tr("target") if t.shape[1] == 1 or named else self.tr("targets"),
                 self.tr("output") if y.shape[1] == 1 else self.tr("outputs"), ""]
        rows = []
        for i in range(shown):
            cells = [fmt(float(v)) for v in x[i]] if split_inputs else [_joined(x[i])]
            target = named[i] if named else _joined(t[i])
            rows.append(tuple(cells + [target, _joined(y[i]), "✓" if right[i] else "✗"]))
        self._fill(self.samples, head, None, rows, [right[i] for i in range(shown)])
        header = self.samples.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(head) - 1, QHeaderView.ResizeMode.ResizeToContents)
        wrong = int(n - right.sum())
        words = self.tr("All {count:,} right") if not wrong else self.tr("{wrong:,} of {count:,} wrong")
        verdict = f"<span style='color:{WRONG if wrong else RIGHT}'>{words.format(count=n, wrong=wrong)}</span>"
        if shown < n:
            verdict = self.tr("{verdict} (the first {shown} shown)").format(verdict=verdict, shown=shown)
        title = self.tr("Truth table") if mode == "truth_table" else self.tr("Samples")
        self._set_summary(f"<b>{title}</b> · {verdict}" + self._covered(n))
        self._rows, self._confusion, self._mode = rows, None, mode
        self._stack.setCurrentWidget(self.samples)

    def _show_confusion(self, cm: np.ndarray, class_names: list[str]) -> None:
        cm = np.asarray(cm, dtype=int)
        k = cm.shape[0]
        names = class_names[:k] + [str(i) for i in range(len(class_names), k)]
        rows = [tuple(str(int(v)) for v in cm[i]) for i in range(k)]
        tints: list[list[QColor | None]] = []
        for i in range(k):
            total = max(int(cm[i].sum()), 1)
            # Right answers green, mistakes red in proportion to their share of the true class.
            tints.append([QColor(46, 125, 50, 40 + int(120 * cm[i, j] / total)) if i == j else
                          (QColor(198, 40, 40, 30 + int(130 * cm[i, j] / total)) if cm[i, j] else None)
                          for j in range(k)])
        self._fill(self.matrix, names, names, rows, tints,
                   center=True, bold_diagonal=True)
        n = int(cm.sum())
        right = int(np.trace(cm))
        accuracy = right / n if n else float("nan")
        self._set_summary(self.tr("<b>Accuracy {accuracy}</b> ({right:,} of {count:,})").format(
            accuracy=percent(accuracy), right=right, count=n) + self._covered(n) + " · "
            + self.tr("rows: true class, columns: predicted class"))
        self._rows, self._confusion, self._mode = rows, cm.copy(), "confusion"
        self._stack.setCurrentWidget(self.matrix)

    def _show_regression(self, ev: Evaluation) -> None:
        t, y = rows_of(ev.targets), rows_of(ev.outputs)
        r2, mse = r2_mse(t, y)
        tv, yv = t.ravel(), y.ravel()
        keep = np.isfinite(tv) & np.isfinite(yv)
        self.scatter.setData(tv[keep], yv[keep])
        both = np.concatenate([tv[keep], yv[keep]])
        lo, hi = (float(both.min()), float(both.max())) if len(both) else (0.0, 1.0)
        self.identity.setData([lo, hi], [lo, hi])
        if self._total > len(t):
            samples = self.tr("the first {count:,} of {total:,} samples").format(count=len(t), total=self._total)
        else:
            samples = self.tr("{count:,} samples").format(count=len(t))
        self._set_summary(f"<b>R² = {r2_text(r2)}</b> · MSE = {mse:.4g} · {samples} · "
                          + self.tr("dashed: predicted = true"))
        self._rows, self._confusion, self._mode = [], None, "regression"
        self._stack.setCurrentWidget(self.plot)

    def _fill(self, table: QTableWidget, columns: list[str], row_names: list[str] | None,
              rows: list[tuple[str, ...]], tints: list, center: bool = False, bold_diagonal: bool = False) -> None:
        """Put `rows` in `table`, reusing its items. `tints` holds, per row, True/False (right or
        wrong: the row is tinted and its last cell coloured) or a list of per-cell colours."""
        if table.columnCount() != len(columns) or table.rowCount() != len(rows):
            table.clearContents()
            table.setColumnCount(len(columns))
            table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels(columns)
        if row_names is not None:
            table.setVerticalHeaderLabels(row_names)
        align = Qt.AlignmentFlag.AlignCenter if center else Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                item = table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(align)
                    table.setItem(i, j, item)
                if item.text() != text:
                    item.setText(text)
                tint = tints[i][j] if isinstance(tints[i], list) else (RIGHT_TINT if tints[i] else WRONG_TINT)
                item.setBackground(QBrush(tint) if tint is not None else QBrush())
                if not isinstance(tints[i], list) and j == len(row) - 1:
                    item.setForeground(QColor(RIGHT if tints[i] else WRONG))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    item.setFont(self._bold)
                elif bold_diagonal and i == j:
                    item.setFont(self._bold)
