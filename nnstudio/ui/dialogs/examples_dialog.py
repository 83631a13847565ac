"""File ▸ Examples…: every example with its name, description and a thumbnail of its graph."""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QVBoxLayout, QWidget)

from nnstudio.ui.dialogs.examples import ExampleInfo, list_examples, thumbnail_for

ICON = QSize(110, 70)
PREVIEW = QSize(360, 230)


class ExamplesDialog(QDialog):
    """Pick an example. `exec()` returns Accepted with `selected_path()` set, or Rejected."""

    def __init__(self, parent: QWidget | None = None, examples: list[ExampleInfo] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Examples")
        self.examples = list_examples() if examples is None else examples
        self.list = QListWidget(self)
        self.list.setIconSize(ICON)
        self.list.setSpacing(3)
        self.list.setMinimumWidth(360)
        self.list.setWordWrap(True)
        for info in self.examples:
            item = QListWidgetItem(QIcon(thumbnail_for(info, ICON)), f"{info.name}\n{info.summary}")
            item.setToolTip(info.description)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            self.list.addItem(item)
        self.preview = QLabel(self)
        self.preview.setFixedSize(PREVIEW)
        self.preview.setStyleSheet("border: 1px solid #d7dde3; border-radius: 6px;")
        self.name = QLabel(self)
        self.name.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.name.setWordWrap(True)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.description.setFixedWidth(PREVIEW.width())

        details = QVBoxLayout()
        details.addWidget(self.preview)
        details.addWidget(self.name)
        details.addWidget(self.description, 1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(details)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        if self.examples:
            self.list.setCurrentRow(0)
        else:
            self.name.setText("No examples were found.")
            self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(False)
        self.resize(860, 560)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        info = self._info(item)
        if info is None:
            return
        self.preview.setPixmap(thumbnail_for(info, PREVIEW))
        self.name.setText(info.name)
        self.description.setText(info.description)

    def _info(self, item: QListWidgetItem | None) -> ExampleInfo | None:
        if item is None:
            return None
        path = item.data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.examples if str(i.path) == path), None)

    def selected_path(self) -> str | None:
        """The file of the highlighted example (None when there is none)."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
