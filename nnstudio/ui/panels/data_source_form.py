"""The Data tab's control for where the samples come from: an inline table, a built-in dataset
with its parameters, or a file through the import dialog (the split seed and the derived features
are in data_extras.py), and the helpers both share.

Choosing a dataset, editing one of its parameters or ticking a feature changes how many values
the network takes and gives, so each pushes one `import_data` step: the data spec and the fitted
network together, undone by one Ctrl+Z. Consecutive edits of one parameter merge into one step,
as typing into the other editors does.
"""
from __future__ import annotations

import copy
import functools
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QFont, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from nnstudio.data.builtin import BUILTINS, TASKS, check_params, columns
from nnstudio.data.dataset import DataError
from nnstudio.project import registry
from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec, Project
from nnstudio.ui.commands.edits import Compound, SetData
from nnstudio.ui.commands.data_import import NetworkFit, import_data
from nnstudio.ui.domain_i18n import kind_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.dataset_words import counted, inputs_text, outputs_text
from nnstudio.ui.panels.editors import (Combo, Editor, choice_editor, float_editor, hint_label, int_editor,
                                        label_for, new_form)

SOURCE_KINDS = {"table": QT_TRANSLATE_NOOP("SourceForm", "Inline table"),
                "builtin": QT_TRANSLATE_NOOP("SourceForm", "Built-in dataset"),
                "file": QT_TRANSLATE_NOOP("SourceForm", "File…")}
EMPTY_TABLE = {"kind": "table", "inputs": [], "targets": []}
TASK_TITLES = {"classification": QT_TRANSLATE_NOOP("SourceForm", "Classification"),
               "regression": QT_TRANSLATE_NOOP("SourceForm", "Regression"),
               "sequence": QT_TRANSLATE_NOOP("SourceForm", "Sequences"),
               "image": QT_TRANSLATE_NOOP("SourceForm", "Images")}
PARAM_STEPS = {"noise": 0.05, "turns": 0.25, "period": 1.0}      # float parameters step 0.1 otherwise
# The inspector dock is about 280 px wide: number fields may shrink below the width of their
# largest value (a seed up to 4 294 967 295) and combos below 10 characters.
MIN_SPIN_WIDTH = 64
MIN_COMBO_CHARS = 6
_MERGE_SOURCE = 101       # QUndoCommand.id of `DataStep`: distinct from the ids in commands/edits.py


class DataStep(Compound):
    """An `import_data` step; with a `key`, the next step of the same key merges into it (one
    parameter typed digit by digit is one undo step). Each step's commands captured the state
    the previous one left, so running them all in order, and back, is exact."""

    def __init__(self, text: str, steps: list, key: str = "") -> None:
        super().__init__(text, steps)
        self.key = key

    def id(self) -> int:
        return _MERGE_SOURCE if self.key else -1

    def mergeWith(self, other: Any) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, DataStep) or other.key != self.key:
            return False
        self.steps.extend(other.steps)
        return True


def source_kind(source: Any) -> str:
    """"table", "builtin" or "file" (csv, npz, idx and anything unknown)."""
    kind = source.get("kind") if isinstance(source, dict) else None
    return kind if kind in ("table", "builtin") else "file"


@functools.lru_cache(maxsize=64)
def _builtin_columns(name: str, params: tuple) -> tuple[int, int] | None:
    try:
        return columns(name, dict(params))
    except DataError:
        return None


def builtin_columns(name: Any, params: Any) -> tuple[int, int] | None:
    """(input columns, network outputs) of a builtin source, None when it does not check.
    Cached: the tab asks on every document event."""
    if not isinstance(name, str) or name not in BUILTINS or not isinstance(params, dict):
        return None
    try:
        return _builtin_columns(name, tuple(sorted(params.items())))
    except TypeError:            # an unhashable (list) parameter value: check_params refuses it
        return None


def raw_input_count(project: Project) -> int | None:
    """How many input columns the data has before features: the builtin's, the table's row width,
    a CSV's input columns; None when unknown without reading a file (or an empty table)."""
    source = project.data.source
    kind = source.get("kind") if isinstance(source, dict) else None
    if kind == "builtin":
        found = builtin_columns(source.get("name"), source.get("params") or {})
        return found[0] if found else None
    if kind == "table":
        rows = source.get("inputs")
        return len(rows[0]) if isinstance(rows, list) and rows and isinstance(rows[0], list) else None
    if kind == "csv" and isinstance(source.get("input_columns"), list):
        return len(source["input_columns"])
    return None


def builtin_fit(name: str, params: dict, features: list[str]) -> NetworkFit | None:
    found = builtin_columns(name, params)
    if found is None:
        return None
    n_inputs, n_outputs = found
    spec = BUILTINS[name]
    encoding = (params.get("target_encoding", "index") if spec.targets == "classes" else
                "binary" if spec.targets == "binary" else "raw")
    return NetworkFit(len(features) or n_inputs, n_outputs, encoding)


def keep_outputs_fit(project: Project, n_inputs: int) -> NetworkFit:
    """A fit that changes the input width only: the single dense output keeps its units, and the
    encoding follows the loss, so plan_fit keeps the loss too."""
    outputs = project.outputs
    sink = project.node(outputs[0]) if len(outputs) == 1 and outputs[0] in project.node_ids() else None
    units_key = registry.kind(sink.kind).output_units if sink is not None else ""
    units = int(sink.config.get(units_key, 1)) if units_key else 1
    loss = project.training.loss
    encoding = {"sparse_categorical_crossentropy": "index", "categorical_crossentropy": "onehot",
                "binary_crossentropy": "binary"}.get(loss, "raw")
    return NetworkFit(n_inputs, units, encoding)


def push_data(doc: Document, stack: QUndoStack, data: DataSpec, fit: NetworkFit | None, text: str,
              key: str = "") -> list[str]:
    """Push `data` and the network fitted to `fit` as one step; returns the plan's notes."""
    compound, plan = import_data(doc, data, fit, text)
    stack.push(DataStep(text, compound.steps, key))
    return plan.notes


class SourceForm(QWidget):
    """The "Source" row (kind combo and Import button) and, for built-in datasets, the dataset
    combo and its parameter form. `import_requested` asks the window for File ▸ Import Data…."""

    import_requested = Signal()
    shown_changed = Signal()            # the kind shown changed without a document event

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        # "Built-in dataset" chosen while the document still has another source: shown until a
        # dataset is picked or the document's source changes (pending_for is the source then).
        self._pending: str | None = None
        self._pending_for: Any = None
        self._form_name: str | None = None
        self._notes: tuple[Any, list[str]] = (None, [])     # what the fit left alone, for which source
        self.editors: dict[str, Editor] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.form = new_form()
        self.kind = _narrow(Combo())
        for value, text in SOURCE_KINDS.items():
            self.kind.addItem(translate("SourceForm", text), value)
        self.kind.setToolTip(self.tr("Where the samples come from: typed into a table, generated by nnstudio, "
                                     "or read from a CSV, NumPy or IDX file"))
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self.import_button = QPushButton(self.tr("Import file…"))
        self.import_button.setToolTip(self.tr("Choose a CSV, NumPy .npz or IDX file and how its columns feed "
                                              "the network"))
        self.import_button.clicked.connect(lambda: self.import_requested.emit())
        self.form.addRow(self.tr("Source"), self.kind)
        self.form.addRow(QLabel(), self.import_button)
        self.dataset = _narrow(Combo())
        self.dataset.setPlaceholderText(self.tr("Choose…"))   # a longer one widens the combo
        self._fill_datasets()
        self.dataset.currentIndexChanged.connect(self._dataset_chosen)
        self.form.addRow(self.tr("Dataset"), self.dataset)
        self.params_form = new_form()
        self.hint = hint_label()
        layout.addLayout(self.form)
        layout.addLayout(self.params_form)
        layout.addWidget(self.hint)
        self.forms = [self.form, self.params_form]

    def _fill_datasets(self) -> None:
        """Datasets under a bold, unselectable header per task; the description as tooltip."""
        model = self.dataset.model()
        assert isinstance(model, QStandardItemModel)
        bold = QFont(self.dataset.font())
        bold.setBold(True)
        for task in TASKS:
            self.dataset.addItem(translate("SourceForm", TASK_TITLES[task]))
            header = model.item(self.dataset.count() - 1)
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            header.setFont(bold)
            for name, spec in BUILTINS.items():
                if spec.task == task:
                    self.dataset.addItem(kind_text(spec.title), name)
                    self.dataset.setItemData(self.dataset.count() - 1, _sentence(kind_text(spec.description)),
                                             Qt.ItemDataRole.ToolTipRole)

    # --- document → widgets -------------------------------------------------------------------
    def shown_kind(self) -> str:
        """"table", "builtin" or "file": the document's, or "builtin" while a dataset is to be picked."""
        return self.kind.currentData()

    def refresh(self) -> None:
        source = self.doc.project.data.source
        kind = source_kind(source)
        if self._pending is not None and source != self._pending_for:
            self._pending = None
        shown = self._pending or kind
        quietly(self.kind, lambda: self.kind.setCurrentIndex(self.kind.findData(shown)))
        builtin = shown == "builtin"
        self.form.setRowVisible(self.dataset, builtin)
        name = source.get("name") if kind == "builtin" else None
        name = name if name in BUILTINS else None
        quietly(self.dataset, lambda: self.dataset.setCurrentIndex(self.dataset.findData(name) if name else -1))
        if name != self._form_name:
            self._build_params(name)
        params = (source.get("params") or {}) if name else {}
        for param_name, editor in self.editors.items():
            editor.set(params.get(param_name, BUILTINS[name].param(param_name).default))
        self.hint.setVisible(builtin)
        self.hint.setText(self._hint(name, params) if builtin else "")

    def _hint(self, name: str | None, params: dict) -> str:
        if name is None:
            return self.tr("Pick a dataset: the network's input and output are fitted to it.")
        spec = BUILTINS[name]
        sentences = [self.tr("{description}.").format(description=_sentence(kind_text(spec.description)))]
        found = builtin_columns(name, params)
        if found is not None:
            if spec.targets == "classes":
                outputs = counted(found[1], self.tr("{count} class"), self.tr("{count} classes"))
            elif spec.targets == "binary":
                outputs = self.tr("1 output (class 0 or 1)")
            else:
                outputs = outputs_text(found[1])
            sentences.append(self.tr(" {inputs} → {outputs}.").format(inputs=inputs_text(found[0]), outputs=outputs))
        notes_for, notes = self._notes
        if notes and notes_for == self.doc.project.data.source:
            sentences.append(self.tr(" Note: {notes}.").format(notes="; ".join(notes)))
        return "".join(sentences)            # the later sentences start with a space in English

    def _build_params(self, name: str | None) -> None:
        while self.params_form.rowCount():
            self.params_form.removeRow(0)
        self.editors = {}
        self._form_name = name
        for param in BUILTINS[name].params if name else ():
            editor = _param_editor(param, lambda value, p=param.name: self._param_edited(p, value))
            tip = _sentence(kind_text(param.help))
            editor.widget.setToolTip(tip)
            label = QLabel(label_for(param.name))
            label.setToolTip(tip)
            self.params_form.addRow(label, editor.widget)
            self.editors[param.name] = editor

    # --- widgets → commands -------------------------------------------------------------------
    def _kind_chosen(self) -> None:
        chosen = self.kind.currentData()
        source = self.doc.project.data.source
        self._pending = None
        if chosen == "table" and source_kind(source) != "table":
            data = copy.deepcopy(self.doc.project.data)
            data.source, data.normalizer = copy.deepcopy(EMPTY_TABLE), None
            self.stack.push(SetData(self.doc, data, text=self.tr("Use an inline table")))
        elif chosen == "builtin" and source_kind(source) != "builtin":
            self._pending, self._pending_for = "builtin", copy.deepcopy(source)
        elif chosen == "file":
            self.import_requested.emit()      # the dialog is modal: the import is done (or not) here
        self.refresh()
        self.shown_changed.emit()

    def _dataset_chosen(self) -> None:
        name = self.dataset.currentData()
        if name is None:
            return
        source = self.doc.project.data.source
        if source_kind(source) == "builtin" and source.get("name") == name:
            return
        self._apply(name, BUILTINS[name].defaults,
                    self.tr("Use built-in dataset {dataset}").format(dataset=kind_text(BUILTINS[name].title)))

    def _param_edited(self, param: str, value: Any) -> None:
        source = self.doc.project.data.source
        name = source.get("name")
        if source_kind(source) != "builtin" or name not in BUILTINS:
            return
        try:
            params = check_params(name, source.get("params"))
        except DataError:          # a bad value from the file: start over from the defaults
            params = BUILTINS[name].defaults
        if params.get(param) == value:
            return
        params[param] = value
        text = self.tr("Change {dataset} {parameter}").format(dataset=kind_text(BUILTINS[name].title),
                                                               parameter=label_for(param).lower())
        self._apply(name, params, text, key=f"{name}.{param}")

    def _apply(self, name: str, params: dict, text: str, key: str = "") -> None:
        data = copy.deepcopy(self.doc.project.data)
        found = builtin_columns(name, params)
        if found is None or found[0] != 2:
            data.features = []           # derived features need two raw columns
        data.source = {"kind": "builtin", "name": name, "params": dict(params)}
        data.normalizer = None           # statistics of other samples
        self._pending = None
        notes = push_data(self.doc, self.stack, data, builtin_fit(name, params, data.features), text, key)
        self._notes = (copy.deepcopy(data.source), notes)
        self.refresh()


def _param_editor(param: Any, on_change: Any) -> Editor:
    if param.kind == "choice":
        editor = choice_editor(param.choices, on_change)
        _narrow(editor.widget)
        return editor
    if param.kind == "int":
        editor = int_editor(int(param.lo), int(param.hi), on_change)
    else:
        editor = float_editor(param.lo, param.hi, on_change, PARAM_STEPS.get(param.name, 0.1))
    editor.widget.setMinimumWidth(MIN_SPIN_WIDTH)
    return editor


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _narrow(combo: QComboBox) -> QComboBox:
    """A combo as narrow as the inspector dock allows; the popup still shows whole titles."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(MIN_COMBO_CHARS)
    return combo


def quietly(widget: QWidget, change: Any) -> None:
    """Show a document value without emitting the widget's change signals."""
    blocked = widget.blockSignals(True)
    try:
        change()
    finally:
        widget.blockSignals(blocked)
