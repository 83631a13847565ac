"""The inspector's Data tab: where the samples come from (data_source_form: an inline table, a
built-in dataset and its parameters, or a file through the import dialog), an inline table editor
for `table` sources (type a truth table: input columns, then target columns), the validation split
and its shuffle seed, the normalisation and the derived features (data_extras).

Each change (a cell, an added row, removed rows) pushes one SetData; edits of one cell in a row
merge. File sources (csv, npz, …) are shown read-only: Import file… replaces them.
"""
from __future__ import annotations

import copy
import math
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QRegularExpression, Qt, Signal
from PySide6.QtGui import QColor, QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QStyledItemDelegate, QStyleOptionViewItem, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.project.analysis import analyse
from nnstudio.project.document import Document
from nnstudio.ui.commands.edits import SetData
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.data_extras import FeaturesBox, SplitSeedRow
from nnstudio.ui.panels.data_source_form import MIN_COMBO_CHARS, SourceForm
from nnstudio.ui.panels.dataset_words import counted, inputs_text, outputs_text, samples_text
from nnstudio.ui.panels.editors import (STEPS, align_labels, choice_editor, float_editor, fmt_number, hint_label,
                                        label_for, new_form, same)

SOURCE_TITLES = {"table": QT_TRANSLATE_NOOP("DataTab", "Inline table"), "csv": QT_TRANSLATE_NOOP("DataTab", "CSV file"),
                 "npz": QT_TRANSLATE_NOOP("DataTab", "NumPy .npz file"),
                 "idx": QT_TRANSLATE_NOOP("DataTab", "IDX files (MNIST)"),
                 "builtin": QT_TRANSLATE_NOOP("DataTab", "Built-in dataset")}
NORMALIZE_TIPS = {"none": QT_TRANSLATE_NOOP("DataTab", "Use the input values as they are"),
                  "standard": QT_TRANSLATE_NOOP("DataTab", "Shift and scale each input column to mean 0, "
                                                           "standard deviation 1"),
                  "minmax": QT_TRANSLATE_NOOP("DataTab", "Shift and scale each input column to the range 0 to 1")}
TARGET_TINT = QColor(224, 134, 30, 38)      # target cells: a light wash of the neuron colour


class _NumberDelegate(QStyledItemDelegate):
    """Cells edit as text that must look like a number (1, -0.5, 1e-3)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        edit = QLineEdit(parent)
        edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[+-]?(\d+\.?\d*|\.\d+)?([eE][+-]?\d*)?"), edit))
        return edit


def _widths(doc: Document, ids: list[str]) -> list[tuple[str, int]] | None:
    """(label, width) of each listed node's vector output, or None when a shape is unknown."""
    project, out = doc.project, analyse(doc).output_shapes()
    found = []
    for node_id in ids:
        shape = out.get(node_id)
        if shape is None or len(shape) != 1:
            return None
        try:
            label = project.node(node_id).label or node_id
        except KeyError:
            return None
        found.append((label, shape[0]))
    return found


def _names(widths: list[tuple[str, int]] | None, count: int, prefix: str) -> list[str]:
    """Column headers from the nodes the columns feed, or x1, x2, … when they do not line up."""
    if widths is not None and sum(w for _, w in widths) == count:
        return [label if w == 1 else f"{label}[{k}]" for label, w in widths for k in range(w)]
    return [f"{prefix}{k + 1}" for k in range(count)]


class DataTab(QWidget):
    """The data source, its table editor (table sources), the validation split and normalisation.
    `import_requested`: the user asked for File ▸ Import Data… (the window connects it)."""

    import_requested = Signal()

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self._loading = False
        self.n_inputs = self.n_targets = 0
        self.labels = False               # targets are integer class labels, one per row
        layout = self._layout = QVBoxLayout(self)
        self.source_form = SourceForm(doc, stack)
        self.source_form.import_requested.connect(self.import_requested)
        self.source_form.shown_changed.connect(self.refresh)
        layout.addWidget(self.source_form)

        self.table_box = QWidget()
        box = QVBoxLayout(self.table_box)
        box.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add row"))
        self.remove_button = QPushButton(self.tr("Remove rows"))
        self.fit_button = QPushButton(self.tr("Fit columns"))
        self.fit_button.setToolTip(self.tr("Add or drop columns so that the table matches the input and output "
                                           "nodes"))
        for button, slot in ((self.add_button, self.add_row), (self.remove_button, self.remove_rows),
                             (self.fit_button, self.fit_columns)):
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.table = QTableWidget()
        self.table.setItemDelegate(_NumberDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(48)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setMinimumHeight(160)
        self.table.itemChanged.connect(self._cell_edited)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        box.addWidget(self.table, 1)
        self.table_hint = hint_label()
        box.addWidget(self.table_hint)
        layout.addWidget(self.table_box, 1)

        self.file_box = QWidget()
        file_layout = QVBoxLayout(self.file_box)
        file_layout.setContentsMargins(0, 0, 0, 0)
        self.file_form = new_form()
        self.source = QLabel()
        self.file_form.addRow(self.tr("Type"), self.source)
        file_layout.addLayout(self.file_form)
        file_layout.addWidget(hint_label(self.tr("The file is read when training starts. Import file… chooses "
                                                 "another file or other columns.")))
        layout.addWidget(self.file_box)

        bottom = new_form()
        self.split = float_editor(0.0, 1.0 - 1e-6, self._split_edited, STEPS["validation_split"])
        self.split.widget.setToolTip(self.tr("Share of the samples, taken from the end, kept out of training to "
                                             "measure validation loss (0: none)"))
        bottom.addRow(self.tr("Validation split"), self.split.widget)
        self.split_seed = SplitSeedRow(doc, stack)
        bottom.addRow(self.tr("Shuffle split"), self.split_seed)
        tips = {value: translate("DataTab", tip) for value, tip in NORMALIZE_TIPS.items()}
        self.normalize = choice_editor(tips, self._normalize_edited)
        self.normalize.widget.setToolTip(self.tr("How input columns are scaled before training (targets are not)"))
        self.normalize.widget.setMinimumContentsLength(MIN_COMBO_CHARS)      # fits a narrow dock
        bottom.addRow(self.tr("Normalize inputs"), self.normalize.widget)
        layout.addLayout(bottom)
        self.features = FeaturesBox(doc, stack)
        layout.addWidget(self.features)
        layout.addStretch(0)              # takes the spare height when no table does (refresh)
        self._forms = [*self.source_form.forms, self.file_form, bottom]

    # --- document → widgets -------------------------------------------------------------------
    def refresh(self) -> None:
        data = self.doc.project.data
        source = data.source if isinstance(data.source, dict) else {}
        kind = source.get("kind")
        self.source.setText(translate("DataTab", SOURCE_TITLES[kind]) if kind in SOURCE_TITLES else str(kind))
        self.source_form.refresh()
        shown = self.source_form.shown_kind()      # "builtin" also while a dataset is to be picked
        self.table_box.setVisible(shown == "table")
        self.file_box.setVisible(shown == "file")
        self._layout.setStretch(self._layout.count() - 1, 0 if shown == "table" else 1)
        if kind == "table":
            self._refresh_table(source)
        elif kind != "builtin":
            self._refresh_file(source)
        self.split.set(float(data.validation_split))
        self.split_seed.refresh()
        self.normalize.set(data.normalize)
        self.features.refresh()
        align_labels(self._forms)

    def _refresh_table(self, source: dict) -> None:
        project = self.doc.project
        rows, targets = list(source.get("inputs") or []), list(source.get("targets") or [])
        self.labels = bool(targets) and not isinstance(targets[0], list)
        in_widths, out_widths = _widths(self.doc, project.inputs), _widths(self.doc, project.outputs)
        # With derived features the network takes those; the table holds the two raw columns.
        need_in = 2 if project.data.features else sum(w for _, w in in_widths) if in_widths else None
        need_out = sum(w for _, w in out_widths) if out_widths else None
        self.n_inputs = len(rows[0]) if rows and isinstance(rows[0], list) else (need_in or 1)
        self.n_targets = 1 if self.labels else (len(targets[0]) if targets else (need_out or 1))
        headers = _names(in_widths, self.n_inputs, "x") + (
            [self.tr("class")] if self.labels else _names(out_widths, self.n_targets, "t"))
        self._loading = True
        blocked = self.table.blockSignals(True)
        try:
            self.table.setColumnCount(self.n_inputs + self.n_targets)
            self.table.setRowCount(len(rows))
            for c, text in enumerate(headers):
                target = c >= self.n_inputs
                header = self.table.horizontalHeaderItem(c) or QTableWidgetItem()
                header.setText(("→ " if target and c == self.n_inputs else "") + text)
                tip = self.tr("Target column {number}: {name}") if target else self.tr("Input column {number}: {name}")
                header.setToolTip(tip.format(number=c + 1, name=text))
                self.table.setHorizontalHeaderItem(c, header)
            for r in range(len(rows)):
                values = (list(rows[r]) if isinstance(rows[r], list) else []) + (
                    [targets[r]] if self.labels else list(targets[r]) if r < len(targets) else [])
                for c in range(self.n_inputs + self.n_targets):
                    self._show_cell(r, c, values[c] if c < len(values) else None)
        finally:
            self.table.blockSignals(blocked)
            self._loading = False
        mismatch = (need_in is not None and need_in != self.n_inputs) or (
            not self.labels and need_out is not None and need_out != self.n_targets)
        self.fit_button.setVisible(bool(rows) and mismatch and not self.labels)
        words = {"samples": samples_text(len(rows)),
                 "inputs": counted(self.n_inputs, self.tr("{count} input column"), self.tr("{count} input columns")),
                 "targets": self.tr("one class label (an integer)") if self.labels else
                 counted(self.n_targets, self.tr("{count} target column"), self.tr("{count} target columns"))}
        if mismatch and need_in is not None and need_out is not None:
            hint = self.tr("{samples}: {inputs}, then {targets}. The network takes {network_inputs} and gives "
                           "{network_outputs}.").format(network_inputs=inputs_text(need_in),
                                                        network_outputs=outputs_text(need_out), **words)
        else:
            hint = self.tr("{samples}: {inputs}, then {targets}.").format(**words)
        self.table_hint.setText(hint)
        self._update_buttons()

    def _show_cell(self, r: int, c: int, value: Any) -> None:
        text = "" if value is None else fmt_number(value) if isinstance(value, float) else str(value)
        item = self.table.item(r, c)
        if item is None:
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, c, item)
        elif item.text() != text:
            item.setText(text)
        target = c >= self.n_inputs
        if (item.data(Qt.ItemDataRole.BackgroundRole) is not None) != target:    # new, or changed sides
            item.setData(Qt.ItemDataRole.BackgroundRole, TARGET_TINT if target else None)

    def _refresh_file(self, source: dict) -> None:
        while self.file_form.rowCount() > 1:     # the first row, the file type, stays
            self.file_form.removeRow(1)
        for key, value in source.items():
            if key == "kind":
                continue
            if isinstance(value, bool):         # a CSV's header flag
                text = self.tr("True") if value else self.tr("False")
            else:
                text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            label = QLabel(text or "—")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.file_form.addRow(label_for(key), label)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self._selected_rows()))

    # --- widgets → commands -------------------------------------------------------------------
    def _push_source(self, source: dict, key: str = "") -> None:
        data = copy.deepcopy(self.doc.project.data)
        data.source = source
        if data != self.doc.project.data:
            self.stack.push(SetData(self.doc, data, key=key))

    def _table_source(self) -> dict:
        source = copy.deepcopy(self.doc.project.data.source)
        source["inputs"] = list(source.get("inputs") or [])
        source["targets"] = list(source.get("targets") or [])
        return source

    def _selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return sorted(rows)

    def add_row(self) -> None:
        """Append a row of zeros (one undo step) and make it current."""
        source = self._table_source()
        source["inputs"].append([0.0] * self.n_inputs)
        source["targets"].append(0 if self.labels else [0.0] * self.n_targets)
        self._push_source(source)
        row = len(source["inputs"]) - 1
        self.table.setCurrentCell(row, 0)
        self.table.scrollToItem(self.table.item(row, 0))

    def remove_rows(self) -> None:
        """Remove the selected rows (one undo step)."""
        doomed = set(self._selected_rows())
        if not doomed:
            return
        source = self._table_source()
        source["inputs"] = [r for i, r in enumerate(source["inputs"]) if i not in doomed]
        source["targets"] = [t for i, t in enumerate(source["targets"]) if i not in doomed]
        self.table.clearSelection()
        self._push_source(source)

    def fit_columns(self) -> None:
        """Pad with zeros or cut every row to the widths the input and output nodes need."""
        project = self.doc.project
        in_widths, out_widths = _widths(self.doc, project.inputs), _widths(self.doc, project.outputs)
        if in_widths is None or out_widths is None or self.labels:
            return
        n_in = 2 if project.data.features else sum(w for _, w in in_widths)
        n_out = sum(w for _, w in out_widths)
        source = self._table_source()
        source["inputs"] = [(list(r) + [0.0] * n_in)[:n_in] for r in source["inputs"]]
        source["targets"] = [(list(t) + [0.0] * n_out)[:n_out] for t in source["targets"]]
        self._push_source(source)

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        r, c = item.row(), item.column()
        try:
            value = float(item.text())
        except ValueError:
            value = math.nan
        label_ok = not self.labels or c < self.n_inputs or (value.is_integer() and value >= 0)
        if not math.isfinite(value) or not label_ok:
            self.refresh()                # not a number (or not a class label): show the old value
            return
        source = self._table_source()
        if self.labels and c >= self.n_inputs:
            old, source["targets"][r] = source["targets"][r], int(value)
        else:
            row, k = (source["inputs"][r], c) if c < self.n_inputs else (source["targets"][r], c - self.n_inputs)
            row.extend([0.0] * (k + 1 - len(row)))     # a ragged row (validation reports it) grows
            old, row[k] = row[k], value
        if same(old, value):
            self.refresh()                # "1.0" typed over 1: show it as the document has it
            return
        self._push_source(source, key=f"cell {r},{c}")

    def _split_edited(self, value: float | None) -> None:
        data = copy.deepcopy(self.doc.project.data)
        data.validation_split = float(value or 0.0)
        if data != self.doc.project.data:
            self.stack.push(SetData(self.doc, data, key="validation_split"))

    def _normalize_edited(self, value: str) -> None:
        data = copy.deepcopy(self.doc.project.data)
        data.normalize = value
        if data != self.doc.project.data:
            self.stack.push(SetData(self.doc, data, key="normalize"))
