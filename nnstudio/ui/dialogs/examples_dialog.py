"""File ▸ Examples…: the course's lessons in order, then the other examples, each with its name,
description and a thumbnail of its graph. A header above the first example of each lesson groups
them, and the selected lesson's text shows beside the preview (panels/lesson.py writes it)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QStyledItemDelegate, QStyleOptionViewItem, QTextBrowser, QVBoxLayout, QWidget)

from nnstudio.project.lessons import lesson_for_example
from nnstudio.ui.dialogs.examples import ExampleInfo, list_examples, thumbnail_for
from nnstudio.ui.domain_i18n import example_text
from nnstudio.ui.panels.lesson import lesson_heading, lesson_html, ui_language

ICON = QSize(110, 70)
PREVIEW = QSize(360, 230)
HEADER_ROLE = Qt.ItemDataRole.UserRole + 1     # the group header drawn above an item, or None
HEADER_HEIGHT = 30


class GroupHeaderDelegate(QStyledItemDelegate):
    """Draws an item's group header (HEADER_ROLE) in a strip above it: the list stays one row per
    example, so rows and examples keep the same order and count."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return size + QSize(0, HEADER_HEIGHT) if index.data(HEADER_ROLE) else size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        header = index.data(HEADER_ROLE)
        if not header:
            super().paint(painter, option, index)
            return
        strip = QRect(option.rect.left(), option.rect.top(), option.rect.width(), HEADER_HEIGHT)
        painter.save()
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        text = option.fontMetrics.elidedText(header, Qt.TextElideMode.ElideRight, strip.width() - 8)
        painter.drawText(strip.adjusted(4, 0, -4, -4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(strip.left() + 4, strip.bottom(), strip.right() - 4, strip.bottom())
        painter.restore()
        rest = QStyleOptionViewItem(option)
        rest.rect = option.rect.adjusted(0, HEADER_HEIGHT, 0, 0)
        super().paint(painter, rest, index)


class ExamplesDialog(QDialog):
    """Pick an example. `exec()` returns Accepted with `selected_path()` set, or Rejected."""

    def __init__(self, parent: QWidget | None = None, examples: list[ExampleInfo] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Examples"))
        self.examples = list_examples() if examples is None else examples
        self.language = ui_language()
        self.list = QListWidget(self)
        self.list.setIconSize(ICON)
        self.list.setSpacing(3)
        self.list.setMinimumWidth(360)
        self.list.setWordWrap(True)
        self.list.setItemDelegate(GroupHeaderDelegate(self.list))
        group: object = None
        for info in self.examples:
            item = QListWidgetItem(QIcon(thumbnail_for(info, ICON)),
                                   f"{example_text(info.name)}\n{example_text(info.summary)}")
            item.setToolTip(example_text(info.description))
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            lesson = lesson_for_example(Path(info.path).stem)
            if (lesson.number if lesson else None) != group or not self.list.count():
                group = lesson.number if lesson else None
                item.setData(HEADER_ROLE, lesson_heading(lesson, self.language) if lesson
                             else self.tr("More examples"))
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
        self.description.setMinimumWidth(260)
        self.lesson_view = QTextBrowser(self)     # the selected example's lesson, hidden for others
        self.lesson_view.setOpenLinks(False)

        about = QVBoxLayout()
        about.addWidget(self.name)
        about.addWidget(self.description, 1)
        top = QHBoxLayout()
        top.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(about, 1)
        details = QVBoxLayout()
        details.addLayout(top)
        details.addWidget(self.lesson_view, 1)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(details, 3)

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
            self.name.setText(self.tr("No examples were found."))
            self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(False)
            self.lesson_view.hide()
        self.resize(1060, 680)

    def _show_current(self, item: QListWidgetItem | None) -> None:
        info = self._info(item)
        if info is None:
            return
        self.preview.setPixmap(thumbnail_for(info, PREVIEW))
        self.name.setText(example_text(info.name))
        self.description.setText(example_text(info.description))
        stem = Path(info.path).stem
        lesson = lesson_for_example(stem)
        self.lesson_view.setVisible(lesson is not None)
        self.lesson_view.setHtml(lesson_html(lesson, self.language, stem) if lesson else "")

    def _info(self, item: QListWidgetItem | None) -> ExampleInfo | None:
        if item is None:
            return None
        path = item.data(Qt.ItemDataRole.UserRole)
        return next((i for i in self.examples if str(i.path) == path), None)

    def selected_path(self) -> str | None:
        """The file of the highlighted example (None when there is none)."""
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
