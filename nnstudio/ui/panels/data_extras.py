"""The Data tab's split seed and derived (TensorFlow Playground) features.

Ticking a feature changes how many values the network takes, so it pushes one `import_data` step:
the data spec and the fitted network together, undone by one Ctrl+Z.
"""
from __future__ import annotations

import copy

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.data.features import FEATURE_NAMES
from nnstudio.project.document import Document
from nnstudio.ui.commands.edits import SetData
from nnstudio.ui.panels.data_source_form import (MIN_SPIN_WIDTH, builtin_fit, keep_outputs_fit, push_data, quietly,
                                                 raw_input_count, source_kind)
from nnstudio.ui.panels.editors import hint_label, int_editor

# The Playground's layout: a column per raw input, their product beside them.
FEATURE_GRID = (("x1", "x2", "x1*x2"), ("x1^2", "x2^2"), ("sin(x1)", "sin(x2)"))
FEATURE_TITLES = {"x1": "x1", "x2": "x2", "x1*x2": "x1·x2", "x1^2": "x1²", "x2^2": "x2²",
                  "sin(x1)": "sin(x1)", "sin(x2)": "sin(x2)"}
assert {name for row in FEATURE_GRID for name in row} == set(FEATURE_NAMES)


class SplitSeedRow(QWidget):
    """"Shuffle split": off keeps the last samples for validation; on picks them at random with
    the seed beside it (`data.split_seed`)."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(self.tr("seed"))
        self.check.setToolTip(self.tr("Hold out randomly chosen samples for validation instead of the last ones; "
                                      "the same seed picks the same samples"))
        self.check.toggled.connect(self._toggled)
        self.seed = int_editor(0, 2**32 - 1, self._seed_edited)
        self.seed.widget.setToolTip(self.tr("The seed of the random validation split"))
        self.seed.widget.setMinimumWidth(MIN_SPIN_WIDTH)
        row.addWidget(self.check)
        row.addWidget(self.seed.widget, 1)

    def refresh(self) -> None:
        seed = self.doc.project.data.split_seed
        quietly(self.check, lambda: self.check.setChecked(seed is not None))
        if seed is not None:
            self.seed.set(seed)
        self.seed.widget.setEnabled(seed is not None)

    def _toggled(self, on: bool) -> None:
        self._push(self.seed.value() if on else None, "", self.tr("Shuffle the validation split") if on
                   else self.tr("Hold out the last samples"))

    def _seed_edited(self, value: int) -> None:
        if self.check.isChecked():
            self._push(int(value), "split_seed", "")

    def _push(self, seed: int | None, key: str, text: str) -> None:
        data = copy.deepcopy(self.doc.project.data)
        data.split_seed = seed
        if data != self.doc.project.data:
            self.stack.push(SetData(self.doc, data, key=key, text=text))


class FeaturesBox(QWidget):
    """A check box per derived feature; ticking them sets `data.features` and fits the input
    node to their count (no features: the raw columns)."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Derived features"))
        title.setToolTip(self.tr("As in TensorFlow Playground: inputs computed from two raw columns x1 and x2"))
        column.addWidget(title)
        grid = QGridLayout()
        grid.setContentsMargins(12, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for r, names in enumerate(FEATURE_GRID):
            for c, name in enumerate(names):
                box = QCheckBox(FEATURE_TITLES[name])
                box.setToolTip(self.tr("Feed the network {feature}, computed from the raw columns").format(
                    feature=FEATURE_TITLES[name]))
                box.toggled.connect(self._toggled)
                grid.addWidget(box, r, c)
                self.boxes[name] = box
        column.addLayout(grid)
        self.hint = hint_label()
        column.addWidget(self.hint)

    def refresh(self) -> None:
        project = self.doc.project
        features = list(project.data.features)
        raw = raw_input_count(project)
        usable = raw is None or raw == 2
        for name, box in self.boxes.items():
            quietly(box, lambda b=box, n=name: b.setChecked(n in features))
            box.setEnabled(usable or name in features)      # a wrong tick can always be undone
        if not usable:
            self.hint.setText(self.tr("Derived features need exactly 2 raw input columns; the data has {count}.")
                              .format(count=raw))
        elif features:
            text = (self.tr("The network takes {count} input: {features}.") if len(features) == 1 else
                    self.tr("The network takes {count} inputs: {features}."))
            self.hint.setText(text.format(count=len(features),
                                          features=", ".join(FEATURE_TITLES.get(f, f) for f in features)))
        else:
            self.hint.setText(self.tr("None ticked: the network takes the raw input columns."))

    def _toggled(self) -> None:
        project = self.doc.project
        old = list(project.data.features)
        ticked = [name for name in FEATURE_NAMES if self.boxes[name].isChecked()]
        if old == [name for name in FEATURE_NAMES if name in old]:
            features = ticked                                    # canonical order stays canonical
        else:                                                    # the file's own order: keep it
            features = [f for f in old if f in ticked] + [f for f in ticked if f not in old]
        data = copy.deepcopy(project.data)
        data.features, data.normalizer = features, None
        source = data.source
        raw = raw_input_count(project)
        if source_kind(source) == "builtin":
            fit = builtin_fit(source.get("name"), source.get("params") or {}, features)
        elif project.nodes and (features or raw is not None):
            fit = keep_outputs_fit(project, len(features) or raw)
        else:
            fit = None           # no network to fit, or the raw width is unknown
        push_data(self.doc, self.stack, data, fit, self.tr("Change derived features"))
        self.refresh()
