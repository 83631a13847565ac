"""A read-only table of every sample: inputs, targets and whether it is held out for validation.

The model formats a cell only when the view asks for it, so 60,000 rows of 784 columns cost
no more than the rows on screen.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from nnstudio.data import Dataset

Index = QModelIndex | QPersistentModelIndex
VALIDATION_COLOUR = QColor("#6a1b9a")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def cell_text(v: float) -> str:
    """Up to 6 significant digits: 0.05, 3, 1.23457e+06."""
    return f"{v:.6g}"


class SamplesModel(QAbstractTableModel):
    """Rows are samples in file order; columns the inputs, the targets (a class index with class
    names shows the name), and "set": training or validation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._x = np.zeros((0, 0))
        self._t = np.zeros((0, 0))
        self._headers: list[str] = []
        self._class_names: list[str] = []
        self._is_val = np.zeros(0, dtype=bool)
        self._set_names = ("", "")          # "training", "validation" in the interface's language

    def set_samples(self, dataset: Dataset | None, is_val: np.ndarray | None = None) -> None:
        self.beginResetModel()
        if dataset is None:
            self._x, self._t, self._headers = np.zeros((0, 0)), np.zeros((0, 0)), []
            self._class_names, self._is_val = [], np.zeros(0, dtype=bool)
        else:
            n = len(dataset)
            self._x = dataset.inputs.reshape(n, -1)
            self._t = dataset.targets.reshape(n, 1) if dataset.targets.ndim == 1 else dataset.targets.reshape(n, -1)
            self._class_names = list(dataset.class_names or []) if dataset.is_index else []
            self._is_val = np.zeros(n, dtype=bool) if is_val is None else np.asarray(is_val, dtype=bool)
            inputs = list(dataset.input_names)[:self._x.shape[1]]
            inputs += [f"x{j + 1}" for j in range(len(inputs), self._x.shape[1])]
            targets = list(dataset.target_names)[:self._t.shape[1]]
            targets += [f"y{j + 1}" for j in range(len(targets), self._t.shape[1])]
            self._headers = inputs + targets + [self.tr("set")]
            self._set_names = (self.tr("training"), self.tr("validation"))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else int(self._x.shape[0])

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        n_in = self._x.shape[1]
        is_set = col == len(self._headers) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            if is_set:
                return self._set_names[int(self._is_val[row])]
            if col < n_in:
                return cell_text(float(self._x[row, col]))
            v = self._t[row, col - n_in]
            if self._class_names and 0 <= int(v) < len(self._class_names):
                return self._class_names[int(v)]
            return cell_text(float(v))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter if is_set else RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and is_set and self._is_val[row]:
            return VALIDATION_COLOUR
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt override)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return str(section)          # sample numbers from 0, as `nnstudio explain --sample` counts


def samples_table(model: SamplesModel, parent: QWidget | None = None) -> QTableView:
    """A QTableView that never measures all rows: fixed row heights, no sorting, no word wrap."""
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultSectionSize(80)
    return view
