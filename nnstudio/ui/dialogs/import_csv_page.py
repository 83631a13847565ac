"""The import dialog's page for a CSV file: how to read it, a preview, and a role per column.

The delimiter, the header and a decimal comma (3,14, common in semicolon-separated files) are
guessed (`sniff_csv`) and can be changed; each change reads the file's first PREVIEW_BYTES again
(`preview_csv`) and suggests roles afresh: numbers are inputs, the last text column is
the target with one-hot encoding, other text and empty columns are ignored. With no text column,
the last number column is the target: one-hot when it holds few different values, raw otherwise.
"""
from __future__ import annotations

import os
from functools import partial
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QTableView, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.data.csv_preview import DISTINCT_CAP, Preview, preview_csv, read_sample, sniff_csv
from nnstudio.data.dataset import DataError, Dataset
from nnstudio.ui.commands.data_import import NetworkFit
from nnstudio.ui.dialogs.import_plan import ImportPlan
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate

# The choices' texts (translated where they are shown, by _combo); the words naming a detected delimiter.
DELIMITERS = [(",", QT_TRANSLATE_NOOP("CsvPage", "Comma  ,")),
              (";", QT_TRANSLATE_NOOP("CsvPage", "Semicolon  ;")),
              ("\t", QT_TRANSLATE_NOOP("CsvPage", "Tab")),
              ("|", QT_TRANSLATE_NOOP("CsvPage", "Pipe  |")),
              (" ", QT_TRANSLATE_NOOP("CsvPage", "Space"))]
DELIMITER_WORDS = {",": QT_TRANSLATE_NOOP("CsvPage", "comma"), ";": QT_TRANSLATE_NOOP("CsvPage", "semicolon"),
                   "\t": QT_TRANSLATE_NOOP("CsvPage", "tab"), "|": QT_TRANSLATE_NOOP("CsvPage", "pipe"),
                   " ": QT_TRANSLATE_NOOP("CsvPage", "space")}
ROLES = [("input", QT_TRANSLATE_NOOP("CsvPage", "Input")), ("target", QT_TRANSLATE_NOOP("CsvPage", "Target")),
         ("ignore", QT_TRANSLATE_NOOP("CsvPage", "Ignore"))]
ENCODINGS = [("raw", QT_TRANSLATE_NOOP("CsvPage", "Raw numbers")),
             ("onehot", QT_TRANSLATE_NOOP("CsvPage", "One-hot (one output per class)")),
             ("index", QT_TRANSLATE_NOOP("CsvPage", "Class index (sparse cross-entropy)"))]
MISSING = [("refuse", QT_TRANSLATE_NOOP("CsvPage", "Report them as errors")),
           ("drop", QT_TRANSLATE_NOOP("CsvPage", "Drop those rows"))]
# csv_preview's column types
TYPES = {"number": QT_TRANSLATE_NOOP("CsvPage", "number"), "text": QT_TRANSLATE_NOOP("CsvPage", "text"),
         "empty": QT_TRANSLATE_NOOP("CsvPage", "empty")}
PREVIEW_ROWS = 20
# The preview reads at most this much of a file, in the GUI thread: about 12 ms for 6,600 rows of
# 5 columns, so the dialog opens in ~25 ms (a 200 MB file is read whole only on Import, in a worker).
PREVIEW_BYTES = 256 * 1024
FEW_VALUES = 10           # a number column with at most this many values looks like class labels
COL_NAME, COL_TYPE, COL_ROLE, COL_MISSING, COL_VALUES = range(5)


def _combo(choices: list[tuple[str, str]], current: str | None = None) -> QComboBox:
    combo = QComboBox()
    for value, text in choices:
        combo.addItem(translate("CsvPage", text), value)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def _quoted(name: str) -> str:
    return f'"{name}"'


def _type(kind: str) -> str:
    """A column type as the dialog shows it."""
    return translate("CsvPage", TYPES[kind]) if kind in TYPES else kind


class CsvPage(QWidget):
    """Reading options, the first rows, and the columns with their types and roles."""

    changed = Signal()
    default_normalize = "standard"

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.preview: Preview | None = None
        self.load_error: str | None = None
        self._filling = False
        try:
            guess = sniff_csv(read_sample(path))
            detected = self._detected(guess.delimiter, guess.has_header, guess.decimal == ",")
        except DataError as exc:
            guess, detected = None, error_text(exc)
        self.delimiter_combo = _combo(DELIMITERS, guess.delimiter if guess else ",")
        self.header_check = QCheckBox(self.tr("First row is a header"))
        self.header_check.setChecked(guess.has_header if guess else True)
        self.decimal_check = QCheckBox(self.tr("Decimal comma"))
        self.decimal_check.setToolTip(self.tr("Numbers are written with a comma, 3,14 for 3.14, as spreadsheets "
                                              "in many countries save them (usually separated by semicolons)"))
        self.decimal_check.setChecked(guess is not None and guess.decimal == ",")
        self.missing_combo = _combo(MISSING, "refuse")
        self.missing_combo.setToolTip(self.tr("Empty cells and NA, NaN, null or ? in the chosen columns"))
        self.encoding_combo = _combo(ENCODINGS, "raw")
        self.detected_label = QLabel(detected)
        self.detected_label.setObjectName("detectedLabel")
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)

        self.preview_model = QStandardItemModel(self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        row_height = self.fontMetrics().height() + 8
        self.preview_view.verticalHeader().setDefaultSectionSize(row_height)
        self.columns_table = QTableWidget(0, 5)
        self.columns_table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Type"), self.tr("Role"),
                                                      self.tr("Missing"), self.tr("Different values")])
        self.columns_table.verticalHeader().hide()
        self.columns_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.columns_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.columns_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.columns_table.horizontalHeader().setStretchLastSection(True)
        self.columns_table.verticalHeader().setDefaultSectionSize(row_height + 6)    # room for a combo
        self.role_combos: list[QComboBox] = []

        reading = QHBoxLayout()
        reading.addWidget(QLabel(self.tr("Delimiter:")))
        reading.addWidget(self.delimiter_combo)
        reading.addSpacing(12)
        reading.addWidget(self.header_check)
        reading.addSpacing(12)
        reading.addWidget(self.decimal_check)
        reading.addStretch(1)
        reading.addWidget(self.detected_label)
        options = QFormLayout()
        options.addRow(self.tr("Target encoding:"), self.encoding_combo)
        options.addRow(self.tr("Missing values:"), self.missing_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(reading)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setWordWrap(True)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_view, 3)
        layout.addWidget(QLabel(self.tr("What each column is for:")))
        layout.addWidget(self.columns_table, 2)
        layout.addLayout(options)
        layout.addWidget(self.summary_label)

        self.delimiter_combo.currentIndexChanged.connect(self.refresh)
        self.header_check.toggled.connect(self.refresh)
        self.decimal_check.toggled.connect(self.refresh)
        self.encoding_combo.currentIndexChanged.connect(self._emit)
        self.missing_combo.currentIndexChanged.connect(self._emit)
        self.refresh()

    def _detected(self, delimiter: str, header: bool, decimal_comma: bool) -> str:
        """What sniffing found, as the label above the preview says it."""
        if header:
            text = (self.tr("Detected: {delimiter}-separated, with a header row, decimal commas") if decimal_comma
                    else self.tr("Detected: {delimiter}-separated, with a header row"))
        else:
            text = (self.tr("Detected: {delimiter}-separated, without a header row, decimal commas")
                    if decimal_comma else self.tr("Detected: {delimiter}-separated, without a header row"))
        return text.format(delimiter=translate("CsvPage", DELIMITER_WORDS[delimiter]))

    # --- reading ----------------------------------------------------------------------------
    @property
    def delimiter(self) -> str:
        return self.delimiter_combo.currentData()

    @property
    def decimal(self) -> str:
        """The decimal mark: "," when "Decimal comma" is ticked."""
        return "," if self.decimal_check.isChecked() else "."

    def refresh(self) -> None:
        """Read the file again with the current delimiter, header and decimal mark; suggest roles afresh."""
        try:
            self.preview = preview_csv(self.path, self.delimiter, self.header_check.isChecked(),
                                       rows=PREVIEW_ROWS, decimal=self.decimal, limit_bytes=PREVIEW_BYTES)
            self.load_error = None
        except DataError as exc:
            self.preview, self.load_error = None, error_text(exc)
        self._fill_preview()
        self._fill_columns()
        self._emit()

    def _fill_preview_label(self) -> None:
        p, name = self.preview, os.path.basename(self.path)
        if p is None or p.complete:
            self.preview_label.setText(self.tr("The first rows of {name}:").format(name=name))
        else:
            self.preview_label.setText(self.tr("The first rows of {name} (the preview reads its first {rows:,} "
                                               "rows; the whole file is read and checked on Import):")
                                       .format(name=name, rows=p.n_rows))

    def _fill_preview(self) -> None:
        model, p = self.preview_model, self.preview
        model.clear()
        self._fill_preview_label()
        if p is None:
            return
        model.setColumnCount(len(p.columns))
        model.setHorizontalHeaderLabels([f"{name}\n{_type(kind)}" for name, kind in zip(p.columns, p.column_types)])
        for row in p.rows:
            model.appendRow([QStandardItem(cell) for cell in row])
        model.setVerticalHeaderLabels([str(line) for line in p.lines])    # file line numbers
        self.preview_view.resizeColumnsToContents()

    def _fill_columns(self) -> None:
        p = self.preview
        self._filling = True
        self.columns_table.setRowCount(0)
        self.role_combos = []
        if p is not None:
            roles, encoding = self.suggest(p)
            self.columns_table.setRowCount(len(p.columns))
            for k, name in enumerate(p.columns):
                values = (str(p.distinct[k]) if p.distinct[k] <= DISTINCT_CAP
                          else self.tr("over {count}").format(count=DISTINCT_CAP))
                unnamed = self.tr("(column {number}, no name)").format(number=k + 1)
                for col, text in ((COL_NAME, name or unnamed), (COL_TYPE, _type(p.column_types[k])),
                                  (COL_MISSING, str(p.missing[k])), (COL_VALUES, values)):
                    self.columns_table.setItem(k, col, QTableWidgetItem(text))
                combo = _combo(ROLES, roles[k])
                combo.currentIndexChanged.connect(lambda _=0, k=k: self._role_changed(k))
                self.columns_table.setCellWidget(k, COL_ROLE, combo)
                self.role_combos.append(combo)
            self.encoding_combo.setCurrentIndex(self.encoding_combo.findData(encoding))
        self._filling = False

    @staticmethod
    def suggest(p: Preview) -> tuple[list[str], str]:
        """(a role per column, the target encoding) for a file just read."""
        roles = ["input" if t == "number" and name else "ignore" for name, t in zip(p.columns, p.column_types)]
        texts = [k for k, t in enumerate(p.column_types) if t == "text" and p.columns[k]]
        if texts:
            roles[texts[-1]] = "target"
            return roles, "onehot"
        numbers = [k for k, role in enumerate(roles) if role == "input"]
        if len(numbers) < 2:
            return roles, "raw"
        last = numbers[-1]
        roles[last] = "target"
        few = p.distinct[last] <= FEW_VALUES and p.distinct[last] * 3 <= p.n_rows
        return roles, "onehot" if few else "raw"

    # --- choices ----------------------------------------------------------------------------
    def role(self, column: int) -> str:
        return self.role_combos[column].currentData()

    def set_role(self, column: int, role: str) -> None:
        self.role_combos[column].setCurrentIndex(self.role_combos[column].findData(role))

    def columns_with(self, role: str) -> list[int]:
        return [k for k in range(len(self.role_combos)) if self.role(k) == role]

    def _role_changed(self, column: int) -> None:
        if self._filling:
            return
        p = self.preview
        if (p is not None and self.role(column) == "target" and p.column_types[column] == "text"
                and self.encoding_combo.currentData() == "raw"):
            self.encoding_combo.setCurrentIndex(self.encoding_combo.findData("onehot"))   # labels need classes
        self._emit()

    def _emit(self) -> None:
        if not self._filling:
            self._update_summary()
            self.changed.emit()

    def _update_summary(self) -> None:
        p = self.preview
        if p is None:
            self.summary_label.setText("")
            return
        targets = self.columns_with("target")
        rows, inputs = f"{p.n_rows:,}{'' if p.complete else '+'}", len(self.columns_with("input"))
        if len(targets) == 1 and self.encoding_combo.currentData() != "raw":
            text = self.tr("{rows} rows · {inputs} inputs · target {target}: {classes} classes").format(
                rows=rows, inputs=inputs, target=_quoted(p.columns[targets[0]]), classes=p.distinct[targets[0]])
        else:
            text = self.tr("{rows} rows · {inputs} inputs").format(rows=rows, inputs=inputs)
        self.summary_label.setText(text)

    def problem(self) -> str | None:
        """Why the current choice cannot be imported, or None."""
        p = self.preview
        if p is None:
            return self.load_error or self.tr("The file cannot be read.")
        inputs, targets = self.columns_with("input"), self.columns_with("target")
        encoding = self.encoding_combo.currentData()
        for k in inputs + targets:
            name, kind = p.columns[k], p.column_types[k]
            if not name:
                return self.tr("Column {number} has no name in the header, so a project cannot refer to it: "
                               "ignore it, or name it in the file.").format(number=k + 1)
            if kind == "empty":
                return self.tr("Column {column} holds no values: ignore it.").format(column=_quoted(name))
            if kind == "text" and p.other_decimal[k]:
                if self.decimal == ".":
                    return self.tr("Column {column} holds numbers written with a decimal comma (3,14): "
                                   "tick “Decimal comma” to read them as numbers.").format(column=_quoted(name))
                return self.tr("Column {column} holds numbers written with a decimal point (3.14): "
                               "untick “Decimal comma” to read them as numbers.").format(column=_quoted(name))
            if kind == "text" and k in inputs:
                return self.tr("Column {column} holds text, so it cannot be an input: make it the target "
                               "with one-hot or index encoding, or ignore it.").format(column=_quoted(name))
        if not inputs:
            return self.tr("Choose at least one input column.")
        if not targets:
            return self.tr("Choose a target column: what the network should learn to predict.")
        if encoding != "raw" and len(targets) != 1:
            return self.tr("One-hot and index encodings take exactly one target column, not {count}.").format(
                count=len(targets))
        for k in targets:
            if encoding == "raw" and p.column_types[k] == "text":
                return self.tr("Column {column} holds text: choose one-hot or index encoding "
                               "to turn its labels into classes.").format(column=_quoted(p.columns[k]))
        if self.missing_combo.currentData() == "refuse":
            for k in inputs + targets:
                if p.missing[k]:
                    text = (self.tr("Column {column} has {count} missing value: choose “Drop those rows” for "
                                    "missing values, or ignore the column.") if p.missing[k] == 1 else
                            self.tr("Column {column} has {count} missing values: choose “Drop those rows” for "
                                    "missing values, or ignore the column."))
                    return text.format(column=_quoted(p.columns[k]), count=p.missing[k])
        return None

    def plan(self, to_path: Callable[[str], str]) -> ImportPlan:
        """What OK loads, read off the widgets (in the GUI thread); `ImportPlan.run` loads the
        whole file: DataError when it cannot be used as chosen."""
        p = self.preview
        if p is None:
            raise DataError(self.load_error or self.tr("cannot be read"), os.path.basename(self.path))
        encoding = self.encoding_combo.currentData()
        source = {"kind": "csv", "path": os.path.basename(self.path),     # messages name the file
                  "input_columns": [p.columns[k] for k in self.columns_with("input")],
                  "target_columns": [p.columns[k] for k in self.columns_with("target")],
                  "target_encoding": encoding, "delimiter": self.delimiter,
                  "header": self.header_check.isChecked(), "missing": self.missing_combo.currentData(),
                  "decimal": self.decimal}
        stored = {**source, "path": to_path(os.path.abspath(self.path))}
        return ImportPlan(source, os.path.dirname(os.path.abspath(self.path)), stored,
                          partial(csv_fit, encoding, len(source["target_columns"])))

    def build(self, to_path: Callable[[str], str]) -> tuple[dict, NetworkFit]:
        """The source dict (its path made by `to_path`) and what the network needs, loaded here."""
        return self.plan(to_path).run()


def csv_fit(encoding: str, n_targets: int, dataset: Dataset) -> NetworkFit:
    """A class per output for one-hot and index targets, a column per output for raw ones."""
    outputs = len(dataset.class_names or ()) if encoding != "raw" else n_targets
    return NetworkFit(int(dataset.inputs.shape[1]), outputs, encoding)
