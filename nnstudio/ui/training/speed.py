"""The toolbar's speed control: how many steps a second training may take, so it can be watched.

"Auto" (the default) lets small runs that full speed would finish in a few seconds train at
100–200 steps a second and everything else at full speed (training.pace.auto_pace); the other
choices run from slow motion (1 step a second) to "Full speed", which the button beside the list
reaches in one click. A change reaches a run under way at once. The choice is the user's, kept in
the window's settings, not in the project file.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from nnstudio.training.pace import AUTO, FULL, SPEEDS, Pace, check_pace
from nnstudio.ui.i18n import translate

SETTINGS_KEY = "training/speed"
DEFAULT: Pace = AUTO
AUTO_TIP = QT_TRANSLATE_NOOP("SpeedControl", "Training speed, in steps a second. Auto: a small network that would "
                             "finish in a few seconds trains at 100–200 steps a second, so you can watch it learn; "
                             "a bigger one at full speed. A change applies at once, even while training.")


def speed_text(pace: Pace) -> str:
    """What the list shows for `pace`: "Auto", "1 step/s", "100 steps/s", "Full speed"."""
    if pace == AUTO:
        return translate("SpeedControl", "Auto")
    if pace == FULL:
        return translate("SpeedControl", "Full speed")
    if pace == 1:
        return translate("SpeedControl", "{pace:,.0f} step/s").format(pace=pace)
    return translate("SpeedControl", "{pace:,.0f} steps/s").format(pace=pace)


def icon_button(action: QAction, parent: QWidget | None = None) -> QToolButton:
    """A toolbar button showing only `action`'s icon (its text is in the tooltip and the menu),
    where the toolbar's text would not fit a 1280-pixel-wide window."""
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
    button.setAutoRaise(True)
    return button


class SpeedControl(QWidget):
    """"Speed [Auto ▾] ⏩": the pace for the window's training controller.

    `paceChanged(pace)` is emitted when the user (or `set_pace`) picks another; the caller hands
    it to the controller. The choice is saved in `settings` under SETTINGS_KEY."""

    paceChanged = Signal(object)

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.combo = QComboBox()
        for pace in (AUTO, *map(float, SPEEDS), FULL):
            self.combo.addItem(speed_text(pace), pace)
        tip = translate("SpeedControl", AUTO_TIP)
        self.combo.setToolTip(tip)
        self.combo.setAccessibleName(self.tr("Training speed"))
        label = QLabel(self.tr("Speed"))
        label.setBuddy(self.combo)
        label.setToolTip(tip)
        self.full = QToolButton()
        self.full.setCheckable(True)
        self.full.setAutoRaise(True)
        self.full.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.full.setToolTip(self.tr("Full speed: train as fast as the engine can (click again for the speed before)"))
        self.full.setAccessibleName(self.tr("Full speed"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 2, 0)
        layout.setSpacing(4)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        layout.addWidget(self.full)
        self._before_full: Pace = DEFAULT     # what the full-speed button goes back to
        self._show(self._saved())
        self.combo.currentIndexChanged.connect(self._picked)
        self.full.clicked.connect(self._full_clicked)

    def pace(self) -> Pace:
        return self.combo.currentData()

    def set_pace(self, pace: Pace) -> None:
        """Choose `pace` (one of the list's: AUTO, FULL or a SPEEDS value) as the user would."""
        index = self.combo.findData(check_pace(pace))
        if index < 0:
            raise ValueError(f"{pace!r} is not one of the speed control's choices")
        self.combo.setCurrentIndex(index)

    def set_full_speed(self) -> None:
        self.set_pace(FULL)

    def _saved(self) -> Pace:
        value = self.settings.value(SETTINGS_KEY, DEFAULT)
        try:
            pace = check_pace(value)
        except ValueError:          # a hand-edited settings file: fall back rather than fail
            return DEFAULT
        return pace if self.combo.findData(pace) >= 0 else DEFAULT

    def _show(self, pace: Pace) -> None:
        self.combo.setCurrentIndex(self.combo.findData(pace))
        self.full.setChecked(pace == FULL)

    def _picked(self, _index: int) -> None:
        pace = self.pace()
        if pace != FULL:
            self._before_full = pace
        self.full.setChecked(pace == FULL)
        self.settings.setValue(SETTINGS_KEY, pace if isinstance(pace, str) else f"{pace:g}")
        self.paceChanged.emit(pace)

    def _full_clicked(self, checked: bool) -> None:
        self.set_pace(FULL if checked else self._before_full)
