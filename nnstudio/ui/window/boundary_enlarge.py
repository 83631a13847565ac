"""Making the decision boundary large, as TensorFlow Playground shows it: View ▸ Large decision
boundary (Ctrl+B), or the panel's Enlarge button, floats its dock as a big square over the
window's right side; the same again, Esc, or docking it back returns it to its tab group."""
from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMainWindow

SHORTCUT = "Ctrl+B"
MARGIN = 12               # px between the big view and the window's edges
SHARE = 0.45              # at most this share of the window's width: the network stays in view beside it


class BoundaryEnlarger(QObject):
    """Owns the checkable `action`; `button` (the panel's Enlarge) follows it."""

    def __init__(self, window: QMainWindow, dock: QDockWidget, button: QAbstractButton | None = None) -> None:
        super().__init__(window)
        self.window, self.dock, self.button = window, dock, button
        self.action = QAction(self.tr("&Large decision boundary"), window)
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)   # from the big view too
        self.action.setStatusTip(self.tr("Show the decision boundary large, over the window; again to put it back"))
        self.action.toggled.connect(self.set_large)
        if button is not None:
            button.setCheckable(True)
            button.setToolTip(self.tr("Show it large ({keys}); again to put it back").format(keys=SHORTCUT))
            button.toggled.connect(self.action.setChecked)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), dock)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(lambda: self.action.setChecked(False))
        # Docked back by the user (double-click on its title, the float button): the action follows.
        dock.topLevelChanged.connect(self._follow)

    def is_large(self) -> bool:
        return self.dock.isFloating()

    def set_large(self, large: bool) -> None:
        dock = self.dock
        if large == dock.isFloating():
            self._follow(large)
            return
        if large:
            dock.show()
            dock.setFloating(True)
            dock.setGeometry(self.big_rect())
            dock.raise_()
            dock.activateWindow()
        else:
            dock.setFloating(False)
            dock.show()
            dock.raise_()                  # in front of its tab group again
        self._follow(large)

    def big_rect(self) -> QRect:
        """A square over the window's right side, below the tool bar: the canvas stays in view
        to its left."""
        w = self.window
        top = w.centralWidget().geometry().top() + MARGIN
        side = max(200, min(w.height() - top - 2 * MARGIN, int(w.width() * SHARE)))
        corner = w.mapToGlobal(QPoint(w.width() - side - MARGIN, top))
        return QRect(corner.x(), corner.y(), side, side)

    def _follow(self, large: bool) -> None:
        if self.button is not None:
            self.button.setText(self.tr("⤡ Put back") if large else self.tr("⤢ Enlarge"))
        for control in (self.action, self.button):
            if control is not None and control.isChecked() != large:
                control.blockSignals(True)
                control.setChecked(large)
                control.blockSignals(False)
