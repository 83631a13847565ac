"""Building blocks of the inspector's forms: value editors that can be refreshed from the document
without emitting, number spin boxes for any float, and a safe document subscription.

The feedback-loop rule: an `Editor` calls its `on_change` only for the user's edits; `set()` shows
a document value with the widget's signals blocked, and skips widgets that already show it (so a
spin box the user is typing into is never rewritten under the cursor).
"""
from __future__ import annotations

import math
import re
import weakref
from typing import Any, Callable

import numpy as np
import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QRegularExpression, QTimer, Qt
from PySide6.QtGui import QCloseEvent, QFocusEvent, QRegularExpressionValidator, QShowEvent, QValidator, QWheelEvent
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QLineEdit, QScrollArea, QSpinBox, QWidget)

from nnstudio.project.document import Document, Event
from nnstudio.project import registry
from nnstudio.project.registry import Field
from nnstudio.ui.domain_i18n import kind_text
from nnstudio.ui.i18n import translate

BIG = 1e12                      # the range of unbounded float settings
INT_LIMIT = 2**31 - 1           # what a QSpinBox can hold
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_PARTIAL = re.compile(r"[+-]?(\d*\.?\d*)([eE][+-]?)?")

# Human names for optimiser/schedule settings (and alpha, which rmsprop shares with the kinds); a
# node's config keys are named by their kind's Field.label; anything else is derived from the key.
LABELS = {
    "alpha": QT_TRANSLATE_NOOP("Editors", "Alpha (α)"), "lr": QT_TRANSLATE_NOOP("Editors", "Learning rate"),
    "momentum": QT_TRANSLATE_NOOP("Editors", "Momentum"), "dampening": QT_TRANSLATE_NOOP("Editors", "Dampening"),
    "nesterov": QT_TRANSLATE_NOOP("Editors", "Nesterov momentum"),
    "weight_decay": QT_TRANSLATE_NOOP("Editors", "Weight decay"), "eps": QT_TRANSLATE_NOOP("Editors", "Epsilon (ε)"),
    "centered": QT_TRANSLATE_NOOP("Editors", "Centered"), "beta1": QT_TRANSLATE_NOOP("Editors", "Beta 1 (β₁)"),
    "beta2": QT_TRANSLATE_NOOP("Editors", "Beta 2 (β₂)"), "amsgrad": QT_TRANSLATE_NOOP("Editors", "AMSGrad variant"),
    "step_size": QT_TRANSLATE_NOOP("Editors", "Every (epochs)"), "gamma": QT_TRANSLATE_NOOP("Editors", "Factor (γ)"),
    "t_max": QT_TRANSLATE_NOOP("Editors", "Period (epochs)"), "eta_min": QT_TRANSLATE_NOOP("Editors", "Minimum rate"),
}
# Spin box steps: a click on an arrow should make a visible, sensible change (a kind's Field.step first).
STEPS = {"lr": 0.01, "alpha": 0.01, "momentum": 0.05, "dampening": 0.05, "eps": 1e-8,
         "beta1": 0.001, "beta2": 0.001, "weight_decay": 0.001, "gamma": 0.01, "eta_min": 0.001,
         "l1": 0.0001, "l2": 0.0001, "validation_split": 0.05}


def label_for(name: str) -> str:
    """A setting's label as the window shows it (in the interface's language)."""
    if name in LABELS:
        return translate("Editors", LABELS[name])
    labelled = (f.label for spec in registry.KINDS.values() for f in spec.fields if f.name == name and f.label)
    return kind_text(next(labelled, name.replace("_", " ").capitalize()))


def fmt_number(value: float) -> str:
    """The shortest readable text for a float: 0.15, 1e-08, 3."""
    return f"{value:.12g}"


def same(a: Any, b: Any) -> bool:
    """Equal, with floats compared to the precision a spin box keeps (arrays are never `same`
    as a number)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and np.array_equal(a, b)
    if isinstance(a, float) and isinstance(b, (int, float)) and not isinstance(b, bool):
        return math.isclose(a, b, rel_tol=1e-11, abs_tol=1e-13)
    return a == b


def follow_document(doc: Document, handler: Callable[[Event], None]) -> Callable[[], None]:
    """Subscribe `handler`, a bound method of a QObject, to `doc` until that object is destroyed.

    The document holds only a weak reference, so a closed panel is never kept alive by it, and
    events stop as soon as the C++ object is gone. Returns the unsubscribe function."""
    owner = handler.__self__
    ref = weakref.WeakMethod(handler)

    def deliver(event: Event) -> None:
        method = ref()
        if method is None or not shiboken6.isValid(method.__self__):
            unsubscribe()
            return
        method(event)

    unsubscribe = doc.subscribe(deliver)
    if isinstance(owner, QObject):
        owner.destroyed.connect(unsubscribe)
    return unsubscribe


class FollowsDocument:
    """For a panel (a QWidget, listed before QWidget in its bases) that follows `self.doc` with
    `self._on_event` while it is open: `_attach()` subscribes (and calls `_attached()` to catch
    up), `detach()` unsubscribes and stops `self._timer`, a debounce timer, if the panel has one.
    Closing the panel detaches it; showing it again follows the document again."""

    _unsubscribe: Callable[[], None] | None = None
    _timer: QTimer | None = None

    def detach(self) -> None:
        """Stop following the document (done automatically when the widget closes or is destroyed)."""
        if self._timer is not None:
            self._timer.stop()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _follow(self, debounce_ms: int, refresh: Callable[[], None]) -> None:
        """Start following the document, with `self._timer` calling `refresh` once a burst of
        edits has been quiet for `debounce_ms`."""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(refresh)
        self._unsubscribe = None
        self._attach()

    def _attach(self) -> None:
        if self._unsubscribe is None:
            self._unsubscribe = follow_document(self.doc, self._on_event)
            self._attached()

    def _attached(self) -> None:
        raise NotImplementedError

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self.detach()
        super().closeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self._attach()                   # reopened after a close: follow the document again
        super().showEvent(event)


class _WheelOnFocus:
    """Ignore the wheel unless focused, so that scrolling a form with the mouse over a spin box or a
    combo scrolls the form instead of changing (and pushing) a value."""

    def _setup_wheel(self) -> None:
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class Spin(_WheelOnFocus, QSpinBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_wheel()


class Combo(_WheelOnFocus, QComboBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._setup_wheel()


class FloatSpin(_WheelOnFocus, QDoubleSpinBox):
    """A spin box for any float: shows the shortest text (0.15, 1e-08), accepts scientific
    notation, and when `nullable` shows `null_text` for None (a weight still to be drawn at random)."""

    def __init__(self, parent: QWidget | None = None, minimum: float = -BIG, maximum: float = BIG,
                 step: float = 0.1, nullable: bool = False, null_text: str = "") -> None:
        super().__init__(parent)
        self._setup_wheel()
        null_text = null_text or self.tr("auto")      # "auto": a weight still to be drawn at random
        self._low, self._nullable, self._null_text = minimum, nullable, null_text
        self.setDecimals(12)
        # The value one step below the range stands for None.
        self.setRange(minimum - (abs(minimum) + 1.0) if nullable else minimum, maximum)
        self.setSingleStep(step)
        self.setKeyboardTracking(True)
        self.setAccelerated(True)

    def number(self) -> float | None:
        return None if self.is_null() else self.value()

    def set_number(self, value: float | None) -> None:
        self.setValue(self.minimum() if value is None else float(value))

    def is_null(self) -> bool:
        return self._nullable and self.value() < self._low

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        return self._null_text if self._nullable and value < self._low else fmt_number(value)

    def valueFromText(self, text: str) -> float:  # noqa: N802 (Qt override)
        text = text.strip()
        if self._nullable and text == self._null_text:
            return self.minimum()
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        t = text.strip()
        if self._nullable and t == self._null_text:
            return QValidator.State.Acceptable, text, pos
        if _NUMBER.fullmatch(t):
            value = float(t)
            ok = math.isfinite(value) and self._low <= value <= self.maximum()
            return (QValidator.State.Acceptable if ok else QValidator.State.Intermediate), text, pos
        if _PARTIAL.fullmatch(t):      # "", "-", "1.", "1e-": on the way to a number
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Invalid, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 (Qt override)
        if self.is_null():               # the first step out of "auto" lands on 0
            self.setValue(min(max(0.0, self._low), self.maximum()))
            return
        self.setValue(max(self._low, min(self.maximum(), self.value() + steps * self.singleStep())))

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt override)
        super().focusInEvent(event)
        if self.is_null():               # so that typing a number replaces "auto"
            QTimer.singleShot(0, self.selectAll)


class Editor:
    """One value's widget. `on_change(value)` runs for user edits only; `set` shows a value quietly."""

    def __init__(self, widget: QWidget, get: Callable[[], Any], put: Callable[[Any], None], signal: Any,
                 on_change: Callable[[Any], None]) -> None:
        self.widget, self._get, self._put = widget, get, put
        signal.connect(lambda *_: on_change(self._get()))

    def value(self) -> Any:
        return self._get()

    def set(self, value: Any) -> None:
        if same(self._get(), value):
            return
        blocked = self.widget.blockSignals(True)
        try:
            self._put(value)
        finally:
            self.widget.blockSignals(blocked)


def bool_editor(text: str, on_change: Callable[[Any], None]) -> Editor:
    box = QCheckBox(text)
    return Editor(box, box.isChecked, lambda v: box.setChecked(bool(v)), box.toggled, on_change)


def int_editor(lo: int, hi: int, on_change: Callable[[Any], None], special: str = "") -> Editor:
    spin = Spin()
    spin.setRange(int(max(lo, -INT_LIMIT)), int(min(hi, INT_LIMIT)))
    spin.setSpecialValueText(special)     # shown at the minimum, e.g. "full batch" for 0
    spin.setAccelerated(True)
    return Editor(spin, spin.value, lambda v: spin.setValue(int(v)), spin.valueChanged, on_change)


def float_editor(lo: float | None, hi: float | None, on_change: Callable[[Any], None], step: float = 0.1,
                 nullable: bool = False, null_text: str = "") -> Editor:
    spin = FloatSpin(None, -BIG if lo is None else lo, BIG if hi is None else hi, step, nullable, null_text)
    return Editor(spin, spin.number, spin.set_number, spin.valueChanged, on_change)


def choice_editor(choices: dict[str, str] | tuple[str, ...], on_change: Callable[[Any], None]) -> Editor:
    """A combo box; `choices` maps each value to a tooltip (or is a plain tuple). The values are the
    items' texts (API names: relu, adam, mse); the tooltips are shown as given (translated)."""
    combo = Combo()
    tips = choices if isinstance(choices, dict) else {c: "" for c in choices}
    for value, tip in tips.items():
        combo.addItem(value, value)
        if tip:
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    return Editor(combo, combo.currentData, lambda v: combo.setCurrentIndex(combo.findData(v)),
                  combo.currentIndexChanged, on_change)


def parse_shape(text: str) -> list[int] | None:
    parts = [p for p in re.split(r"[\s,x×]+", text.strip()) if p]
    return [int(p) for p in parts] if parts and all(p.isdigit() for p in parts) else None


def shape_editor(on_change: Callable[[Any], None]) -> Editor:
    """A line edit for 1 to 3 sizes ("2", "1, 28, 28"), committed when editing finishes."""
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d\s,x×]*"), edit))
    edit.setPlaceholderText(translate("Editors", "e.g. 2  or  1, 28, 28"))
    return Editor(edit, lambda: parse_shape(edit.text()), lambda v: edit.setText(", ".join(map(str, v or []))),
                  edit.editingFinished, on_change)


def parse_pair(text: str) -> Any:
    """"3" → 3, "3×5" / "3x5" / "3, 5" / "3 5" → [3, 5], "" → None (an optional pair's "as the
    size"); anything else comes back as the text itself, which the field's check then refuses."""
    parts = [p for p in re.split(r"[\s,x×]+", text.strip()) if p]
    if not parts:
        return None
    if len(parts) <= 2 and all(p.isdigit() for p in parts):
        return int(parts[0]) if len(parts) == 1 else [int(parts[0]), int(parts[1])]
    return text


def pair_text(value: Any) -> str:
    """What a pair editor shows: "3", "3×5", or "" for None."""
    if value is None:
        return ""
    return str(value) if isinstance(value, int) else "×".join(str(v) for v in value)


def pair_editor(on_change: Callable[[Any], None], placeholder: str = "") -> Editor:
    """A line edit for one size or a height × width pair ("3", "3×5", "3, 5"), committed when
    editing finishes; the file keeps what was typed (3 or [3, 5])."""
    edit = QLineEdit()
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d\s,x×]*"), edit))
    edit.setPlaceholderText(placeholder or translate("Editors", "e.g. 3  or  3×5"))
    return Editor(edit, lambda: parse_pair(edit.text()), lambda v: edit.setText(pair_text(v)),
                  edit.editingFinished, on_change)


def field_editor(field: Field, on_change: Callable[[Any], None]) -> Editor:
    """The editor a registry Field asks for, with its limits and its doc as tooltip."""
    if field.type == "bool":
        editor = bool_editor(label_for(field.name), on_change)
    elif field.type == "int":
        editor = int_editor(int(field.minimum) if field.minimum is not None else -INT_LIMIT,
                            int(field.maximum) if field.maximum is not None else INT_LIMIT, on_change)
    elif field.type == "float":
        hi = field.maximum
        if field.exclusive_max is not None:     # a spin box has no open ends: stop just short
            hi = field.exclusive_max - 1e-6 if hi is None else min(hi, field.exclusive_max - 1e-6)
        step = field.step if field.step is not None else STEPS.get(field.name, 0.1)
        editor = float_editor(field.minimum, hi, on_change, step)
    elif field.type == "choice":
        editor = choice_editor(field.choices, on_change)
    elif field.type == "shape":
        editor = shape_editor(on_change)
    elif field.type == "pair":
        editor = pair_editor(on_change, translate("Editors", "empty for the default") if field.optional else "")
    else:
        raise ValueError(f"no editor for field type {field.type!r}")
    editor.widget.setToolTip(kind_text(field.doc))
    editor.set(field.default)
    return editor


def add_row(form: QFormLayout, name: str, editor: Editor) -> None:
    """A form row: check boxes carry their own text, other editors get a label. (An empty QLabel,
    not "": with a string QFormLayout mis-sizes wrapped rows.)"""
    if isinstance(editor.widget, QCheckBox):
        form.addRow(QLabel(), editor.widget)
    else:
        label = QLabel(label_for(name))
        label.setToolTip(editor.widget.toolTip())
        form.addRow(label, editor.widget)


def hint_label(text: str = "") -> QLabel:
    """Small grey wrapped text under a field: a formula, a unit, what a value means."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def new_form() -> QFormLayout:
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return form


def align_labels(forms: list[QFormLayout]) -> None:
    """Give the label columns of several forms one width, so that their fields line up."""
    labels = [form.itemAt(row, QFormLayout.ItemRole.LabelRole) for form in forms for row in range(form.rowCount())]
    widgets = [item.widget() for item in labels if item is not None and item.widget() is not None]
    for widget in widgets:
        widget.setMinimumWidth(0)
    width = max((w.sizeHint().width() for w in widgets), default=0)
    for widget in widgets:
        widget.setMinimumWidth(width)
        if isinstance(widget, QLabel):
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless vertical scroll area: long forms scroll instead of squeezing."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


