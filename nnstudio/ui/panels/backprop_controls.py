"""The Backprop panel's Reset and To end buttons beside Back and Next, and its step table copied as
text.

Reset goes back to the first step (Ctrl+Shift+F11) and To end jumps to the last (Ctrl+F11), next to
F11 / Shift+F11 for Next and Back; none of these keys is taken by the window's actions. Copy (the
button, or Ctrl+C while the table has the focus) puts the table on the clipboard as tab-separated
rows with a header row: the phase, the step and its result, as the table shows them, ready for a
spreadsheet. The table takes Ctrl+C from Edit ▸ Copy (which copies canvas nodes) while it has the
focus, as a text field does.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QHBoxLayout, QToolButton, QTreeWidget

if TYPE_CHECKING:
    from nnstudio.ui.panels.backprop import BackpropPanel

RESET_KEYS, END_KEYS = "Ctrl+Shift+F11", "Ctrl+F11"


def table_text(tree: QTreeWidget, phase_header: str) -> str:
    """The step table as tab-separated lines: `phase_header` and the tree's headers, then one line
    per step under its phase heading (phase, step, result)."""
    headers = [tree.headerItem().text(c) for c in range(tree.columnCount())]
    lines = ["\t".join([phase_header, *headers])]
    for p in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(p)
        for k in range(group.childCount()):
            item = group.child(k)
            lines.append("\t".join([group.text(0), *(item.text(c) for c in range(tree.columnCount()))]))
    return "\n".join(lines) + "\n"


class WalkControls(QObject):
    """Reset, To end and Copy for `panel`: Reset and To end go into `row` (the panel's top row)
    around Back and Next, Copy into `foot` (under the step's detail) before Apply update."""

    def __init__(self, panel: BackpropPanel, row: QHBoxLayout, foot: QHBoxLayout) -> None:
        super().__init__(panel)
        self.panel = panel
        self.reset_action = self._action(self.tr("Back to the first walkthrough step"), RESET_KEYS, self.reset)
        self.end_action = self._action(self.tr("To the last walkthrough step"), END_KEYS, self.to_end)
        # Glyphs only, as a player's skip buttons: with words the row made the dock (and the
        # window's smallest width) ~90 px wider. The tooltips and accessible names say them.
        self.reset_button = self._button("◀◀", self.tr("Reset"), self.tr(
            "Reset: back to the first step (%1)").replace("%1", RESET_KEYS), self.reset_action)
        self.end_button = self._button("▶▶", self.tr("To end"), self.tr("To end: the last step (%1)").replace(
            "%1", END_KEYS), self.end_action)
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the table of steps as text: tab-separated rows with a header "
                                            "row (Ctrl+C in the table)"))
        self.copy_button.clicked.connect(self.copy)
        row.insertWidget(row.indexOf(panel.back_button), self.reset_button)
        row.insertWidget(row.indexOf(panel.next_button) + 1, self.end_button)
        foot.insertWidget(foot.indexOf(panel.apply_button), self.copy_button, 0, Qt.AlignmentFlag.AlignBottom)
        panel.tree.installEventFilter(self)
        self.set_enabled(False)

    def _action(self, text: str, keys: str, slot) -> QAction:
        action = QAction(text, self.panel)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.panel.addAction(action)        # active while the panel is shown in the window
        return action

    @staticmethod
    def _button(text: str, name: str, tip: str, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setAccessibleName(name)
        button.setToolTip(tip)
        button.clicked.connect(action.trigger)
        return button

    def actions(self) -> list[QAction]:
        """Reset and To end, for Help ▸ Keyboard shortcuts."""
        return [self.reset_action, self.end_action]

    def set_enabled(self, enabled: bool) -> None:
        """A walk is shown (True) or not: the buttons follow Back and Next."""
        for button in (self.reset_button, self.end_button, self.copy_button):
            button.setEnabled(enabled)

    def reset(self) -> None:
        self._jump(last=False)

    def to_end(self) -> None:
        self._jump(last=True)

    def _jump(self, last: bool) -> None:
        panel = self.panel
        panel.step(0)           # computes the walk first when the document changed meanwhile
        if panel.steps:
            panel.go_to(len(panel.steps) - 1 if last else 0)

    def text(self) -> str:
        """What Copy puts on the clipboard ("" without a walk)."""
        if not self.panel.steps:
            return ""
        return table_text(self.panel.tree, self.tr("Phase"))

    def copy(self) -> None:
        text = self.text()
        if text:
            QApplication.clipboard().setText(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.panel.tree and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            if isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Copy):
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()      # the key comes to the table, not to Edit ▸ Copy
                else:
                    self.copy()
                return True
        return False
