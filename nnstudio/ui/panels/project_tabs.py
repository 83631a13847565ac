"""The inspector's project-wide tabs: Project (name, description, a summary) and Training (loss,
optimiser, schedule, epochs, batches, seed, regularisation, precision). The Data tab is in
`data_tab.py`.

Each user edit pushes one SetMeta/SetTraining with a key, so typing into one field merges into a
single undo step; `refresh()` shows the document without pushing.
"""
from __future__ import annotations

import copy
from functools import partial
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from nnstudio.engine.losses import LOSSES
from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project import schema
from nnstudio.project.document import Document
from nnstudio.project.model import TrainingSpec
from nnstudio.project.registry import Field
from nnstudio.ui.commands.edits import SetMeta, SetTraining
from nnstudio.ui.domain_i18n import kind_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.editors import (INT_LIMIT, STEPS, Editor, add_row, align_labels, bool_editor,
                                        choice_editor, field_editor, float_editor, hint_label, int_editor,
                                        new_form)

OPTIMIZER_TIPS = {
    "sgd": QT_TRANSLATE_NOOP("TrainingTab", "Stochastic gradient descent: w −= lr·gradient, optionally with momentum"),
    "rmsprop": QT_TRANSLATE_NOOP("TrainingTab",
                                 "Divides each step by a running average of recent gradient magnitudes"),
    "adam": QT_TRANSLATE_NOOP("TrainingTab", "Momentum plus per-weight step sizes from running gradient averages"),
    "adamw": QT_TRANSLATE_NOOP("TrainingTab", "Adam with weight decay applied to the weights directly"),
    "perceptron": QT_TRANSLATE_NOOP("TrainingTab",
                                    "Rosenblatt's rule w += lr·(t − y)·x, for output units with step or sign"),
}
SCHEDULE_TIPS = {
    "constant": QT_TRANSLATE_NOOP("TrainingTab", "The same learning rate every epoch"),
    "step": QT_TRANSLATE_NOOP("TrainingTab", "Multiply the rate by γ every N epochs"),
    "exponential": QT_TRANSLATE_NOOP("TrainingTab", "Multiply the rate by γ every epoch"),
    "cosine": QT_TRANSLATE_NOOP("TrainingTab", "Lower the rate along a cosine curve down to the minimum rate"),
}
SETTING_DOCS = {
    "lr": QT_TRANSLATE_NOOP("TrainingTab", "How far each update moves the weights against the gradient"),
    "momentum": QT_TRANSLATE_NOOP("TrainingTab",
                                  "Share of the previous update carried into the next (0: plain gradient descent)"),
    "dampening": QT_TRANSLATE_NOOP("TrainingTab", "Scales down the new gradient's share of the momentum"),
    "nesterov": QT_TRANSLATE_NOOP("TrainingTab", "Nesterov's look-ahead momentum (needs momentum > 0 and dampening 0)"),
    "weight_decay": QT_TRANSLATE_NOOP("TrainingTab",
                                      "torch-style weight decay (AdamW: decoupled, applied to the weights)"),
    "alpha": QT_TRANSLATE_NOOP("TrainingTab", "Smoothing constant of the running average of squared gradients"),
    "eps": QT_TRANSLATE_NOOP("TrainingTab", "Added to the denominator so that it is never zero"),
    "centered": QT_TRANSLATE_NOOP("TrainingTab", "Normalise by the estimated variance of the gradient"),
    "beta1": QT_TRANSLATE_NOOP("TrainingTab", "Decay rate of the running average of gradients"),
    "beta2": QT_TRANSLATE_NOOP("TrainingTab", "Decay rate of the running average of squared gradients"),
    "amsgrad": QT_TRANSLATE_NOOP("TrainingTab", "Use the largest running average of squared gradients so far"),
    "step_size": QT_TRANSLATE_NOOP("TrainingTab", "Lower the rate every this many epochs"),
    "gamma": QT_TRANSLATE_NOOP("TrainingTab", "The factor that multiplies the learning rate"),
    "t_max": QT_TRANSLATE_NOOP("TrainingTab", "Epochs from the full rate to the minimum; 0 means the whole run"),
    "eta_min": QT_TRANSLATE_NOOP("TrainingTab", "The lowest rate the cosine reaches"),
}
def loss_text(name: str) -> str:
    """The description of the loss `name` (engine/losses.py) in the interface's language."""
    return kind_text(LOSSES.get(name, ""))


def translated_tips(tips: dict[str, str]) -> dict[str, str]:
    """A table of QT_TRANSLATE_NOOP("TrainingTab", ...) texts, translated (when it is shown)."""
    return {name: translate("TrainingTab", text) for name, text in tips.items()}


def setting_field(name: str, default: Any) -> Field:
    """A registry-style Field for an optimiser/schedule setting: the type from its default, the
    limits from schema.LIMITS (open ends become the nearest value a spin box can hold)."""
    lo, hi, lo_open, hi_open = schema.LIMITS.get(name, (None, None, False, False))
    if isinstance(default, bool):
        return Field(name, "bool", default, SETTING_DOCS.get(name, ""))
    if isinstance(default, int):
        return Field(name, "int", default, SETTING_DOCS.get(name, ""),
                     minimum=None if lo is None else lo + (1 if lo_open else 0), maximum=hi)
    if lo is not None and lo_open:
        lo = lo + 1e-12
    return Field(name, "float", default, SETTING_DOCS.get(name, ""), minimum=lo,
                 maximum=None if hi_open else hi, exclusive_max=hi if hi_open else None)


class ProjectTab(QWidget):
    """Name and description (SetMeta), and a read-only summary of the network."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        form = new_form()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Untitled"))
        self.name.textEdited.connect(partial(self._meta_edited, "name"))
        form.addRow(self.tr("Name"), self.name)
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(self.tr("What this network shows, and what to try with it"))
        self.description.setTabChangesFocus(True)
        self.description.textChanged.connect(lambda: self._meta_edited("description",
                                                                       self.description.toPlainText()))
        form.addRow(self.tr("Description"), self.description)
        self.summary = hint_label()
        form.addRow(self.tr("Network"), self.summary)
        self.io_label = hint_label()
        form.addRow(self.tr("Inputs → outputs"), self.io_label)
        self.path = hint_label()
        form.addRow(self.tr("File"), self.path)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

    def refresh(self) -> None:
        p = self.doc.project
        if self.name.text() != p.meta.get("name", ""):
            self.name.setText(p.meta.get("name", ""))
            self.name.setCursorPosition(0)      # a long name shows its start, not its end
        if self.description.toPlainText() != p.meta.get("description", ""):
            blocked = self.description.blockSignals(True)
            self.description.setPlainText(p.meta.get("description", ""))
            self.description.blockSignals(blocked)
        nodes, edges = len(p.nodes), len(p.edges)
        self.summary.setText(self.tr("{nodes}, {connections}").format(
            nodes=self.tr("1 node") if nodes == 1 else self.tr("{count} nodes").format(count=nodes),
            connections=self.tr("1 connection") if edges == 1 else self.tr("{count} connections").format(count=edges)))
        none = self.tr("none")
        self.io_label.setText(f"{', '.join(p.inputs) or none} → {', '.join(p.outputs) or none}")
        self.path.setText(p.path or self.tr("not saved yet"))

    def _meta_edited(self, key: str, text: str) -> None:
        meta = self.doc.project.meta
        if meta.get(key, "") != text:
            self.stack.push(SetMeta(self.doc, {**meta, key: text}, key=key))


class _KindSettings(QGroupBox):
    """A kind combo (optimiser or schedule) and a form of that kind's settings, rebuilt when the
    kind changes."""

    def __init__(self, title: str, table: dict[str, dict[str, Any]], tips: dict[str, str],
                 on_kind: Callable[[str], None], on_setting: Callable[[str, Any], None]) -> None:
        super().__init__(title)
        self.table, self.on_setting = table, on_setting
        self.form = new_form()
        self.kind = choice_editor(tips, on_kind)
        self.form.addRow(self.tr("Kind"), self.kind.widget)
        self.tip = hint_label()
        self.form.addRow(QLabel(), self.tip)
        self.setLayout(self.form)
        self.settings: dict[str, Editor] = {}
        self._built: str | None = None

    def refresh(self, values: dict[str, Any]) -> None:
        kind = values.get("kind")
        self.kind.set(kind)
        self.tip.setText(self.kind.widget.currentData(Qt.ItemDataRole.ToolTipRole) or "")
        if kind != self._built:
            self._build(kind)
        shown = {**self.table.get(kind, {}), **values}
        for name, editor in self.settings.items():
            editor.set(shown[name])

    def _build(self, kind: str | None) -> None:
        while self.form.rowCount() > 2:      # keep the kind and its tip
            self.form.removeRow(2)
        self.settings = {}
        for name, default in self.table.get(kind, {}).items():
            editor = field_editor(setting_field(name, default), partial(self.on_setting, name))
            editor.widget.setToolTip(translate("TrainingTab", SETTING_DOCS.get(name, "")))
            add_row(self.form, name, editor)
            self.settings[name] = editor
        self._built = kind


class TrainingTab(QWidget):
    """Every training setting; each change pushes one SetTraining keyed by the setting."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        layout = QVBoxLayout(self)
        top = new_form()
        loss_box = QGroupBox(self.tr("Loss"))
        loss_box.setLayout(top)
        self.loss = choice_editor({name: loss_text(name) for name in LOSSES},
                                  lambda v: self._edit("loss", lambda t: setattr(t, "loss", v)))
        self.loss.widget.setToolTip(self.tr("What training minimises"))
        top.addRow(self.tr("Function"), self.loss.widget)
        self.loss_formula = hint_label()
        top.addRow(QLabel(), self.loss_formula)
        layout.addWidget(loss_box)
        self.optimizer = _KindSettings(self.tr("Optimizer"), OPTIMIZERS, translated_tips(OPTIMIZER_TIPS),
                                       self._optimizer_kind, partial(self._setting, "optimizer"))
        self.schedule = _KindSettings(self.tr("Learning-rate schedule"), SCHEDULES, translated_tips(SCHEDULE_TIPS),
                                      self._schedule_kind, partial(self._setting, "schedule"))
        layout.addWidget(self.optimizer)
        layout.addWidget(self.schedule)
        run = QGroupBox(self.tr("Run"))
        form = new_form()
        run.setLayout(form)
        self.editors: dict[str, Editor] = {
            "epochs": int_editor(0, INT_LIMIT, partial(self._plain, "epochs")),
            "batch_size": int_editor(0, INT_LIMIT, partial(self._plain, "batch_size"), special=self.tr("full batch")),
            "shuffle": bool_editor(self.tr("Shuffle samples every epoch"), partial(self._plain, "shuffle")),
            "seed": int_editor(0, INT_LIMIT, partial(self._plain, "seed")),
            "l1": float_editor(0.0, None, partial(self._regularization, "l1"), STEPS["l1"]),
            "l2": float_editor(0.0, None, partial(self._regularization, "l2"), STEPS["l2"]),
            "dtype": choice_editor({"float64": self.tr("Double precision: exact, the default"),
                                    "float32": self.tr("Single precision: faster, about 7 digits")},
                                   partial(self._plain, "dtype")),
            "clip_norm": float_editor(1e-6, None, partial(self._plain, "clip_norm"), 0.5, nullable=True,
                                      null_text=self.tr("off")),
        }
        tips = {"epochs": self.tr("How many passes over the training samples one run makes"),
                "batch_size": self.tr("Samples per update; 0 means all of them (full batch)"),
                "seed": self.tr("Starts the random numbers: the same seed gives the same run, every time"),
                "l1": self.tr("Adds l1·Σ|w| over the weights (not biases) to the loss"),
                "l2": self.tr("Adds l2·Σw² over the weights (not biases) to the loss"),
                "dtype": self.tr("The number type training computes in"),
                "clip_norm": self.tr("Before every update, scale the gradients down so that their global L2 norm "
                                     "is at most this (torch.nn.utils.clip_grad_norm_); off clips nothing")}
        labels = {"epochs": self.tr("Epochs"), "batch_size": self.tr("Batch size"), "seed": self.tr("Seed"),
                  "l1": self.tr("L1 penalty"), "l2": self.tr("L2 penalty"), "dtype": self.tr("Precision"),
                  "clip_norm": self.tr("Clip gradients (global norm)")}
        for name, editor in self.editors.items():
            if name in tips:
                editor.widget.setToolTip(tips[name])
            if isinstance(editor.widget, QCheckBox):
                form.addRow(QLabel(), editor.widget)
            else:
                form.addRow(labels[name], editor.widget)
        layout.addWidget(run)
        layout.addStretch(1)
        self._forms = [top, self.optimizer.form, self.schedule.form, form]

    def refresh(self) -> None:
        t = self.doc.project.training
        self.loss.set(t.loss)
        self.loss_formula.setText(loss_text(t.loss))
        self.optimizer.refresh(t.optimizer if isinstance(t.optimizer, dict) else {})
        self.schedule.refresh(t.schedule if isinstance(t.schedule, dict) else {})
        values = {"epochs": t.epochs, "batch_size": t.batch_size, "shuffle": t.shuffle, "seed": t.seed,
                  "dtype": t.dtype, "clip_norm": t.clip_norm,
                  **(t.regularization if isinstance(t.regularization, dict) else {})}
        for name, editor in self.editors.items():
            if name in values:
                editor.set(values[name])
        align_labels(self._forms)        # the optimiser's and schedule's rows may have changed

    # --- widgets → commands -------------------------------------------------------------------
    def _edit(self, key: str, change: Callable[[TrainingSpec], None]) -> None:
        """Push one SetTraining made by `change` on a copy, unless it changes nothing."""
        current = self.doc.project.training
        spec = copy.deepcopy(current)
        change(spec)
        if spec != current:
            self.stack.push(SetTraining(self.doc, spec, key=key))

    def _plain(self, name: str, value: Any) -> None:
        self._edit(name, lambda t: setattr(t, name, value))

    def _regularization(self, name: str, value: float | None) -> None:
        self._edit(name, lambda t: t.regularization.__setitem__(name, value))

    def _optimizer_kind(self, kind: str) -> None:
        # A new kind starts from its own defaults: settings tuned for one optimiser rarely suit another.
        self._edit("optimizer.kind", lambda t: setattr(t, "optimizer", {"kind": kind, **OPTIMIZERS[kind]}))

    def _schedule_kind(self, kind: str) -> None:
        self._edit("schedule.kind", lambda t: setattr(t, "schedule", {"kind": kind, **SCHEDULES[kind]}))

    def _setting(self, section: str, name: str, value: Any) -> None:
        self._edit(f"{section}.{name}", lambda t: getattr(t, section).__setitem__(name, value))
