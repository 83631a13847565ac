"""View ▸ Language: the interface's language (System, English, 简体中文), kept in Settings and
applied at the next start (nnstudio/ui/i18n.py)."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from nnstudio.ui.i18n import SETTING, chosen_language

# Each language is named in itself, so it can be found whatever the interface's language is.
CHOICES = (("", None), ("en", "English"), ("zh_CN", "简体中文"))
MESSAGE_MS = 8000


class LanguageMenu(QObject):
    """The View menu's Language submenu of a main window (which has `settings` and `view_menu`)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Language"), window)
        self.group = QActionGroup(self)
        chosen = chosen_language(window.settings)
        self.actions: dict[str, QAction] = {}
        for code, name in CHOICES:
            action = self.menu.addAction(name or self.tr("System language"))
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.actions[code] = action
        window.view_menu.addSeparator()
        window.view_menu.addMenu(self.menu)

    def choose(self, code: str) -> None:
        """Keep the choice; the interface changes when nnstudio starts again."""
        self.window.settings.setValue(SETTING, code)
        self.actions[code].setChecked(True)
        self.window.statusBar().showMessage(
            self.tr("The new language is used when nnstudio starts again."), MESSAGE_MS)
