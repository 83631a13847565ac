"""The start page: "New project", the example gallery and the recent files.

Shown when nnstudio starts without a file and from View ▸ Start page. It only emits requests;
the main window decides what opening means (asking to save first, and so on).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget)

from nnstudio.ui.examples import ExampleInfo, list_examples, thumbnail_for

THUMB = QSize(220, 140)
CARD_WIDTH = THUMB.width() + 24
STYLE = """
#startContent { background: #f4f6f8; }
#startTitle { font-size: 26px; font-weight: 600; color: #263238; }
#startSubtitle { color: #546e7a; font-size: 14px; }
.sectionTitle { font-size: 15px; font-weight: 600; color: #37474f; margin-top: 6px; }
ExampleCard { background: white; border: 1px solid #d7dde3; border-radius: 8px; }
ExampleCard:hover, ExampleCard:focus { border: 1px solid #1e88e5; background: #f5faff; }
#cardName { font-weight: 600; color: #263238; }
#cardSummary { color: #607d8b; }
#recentList { background: white; border: 1px solid #d7dde3; border-radius: 6px; }
#recentEmpty { color: #78909c; }
"""


class ExampleCard(QFrame):
    """One example: its thumbnail, name and first sentence. Click (or Enter) opens it."""

    activated = Signal(str)

    def __init__(self, info: ExampleInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setFixedWidth(CARD_WIDTH)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(f"<b>{info.name}</b><p>{info.description}</p>")
        self.setAccessibleName(f"Example: {info.name}")
        thumb = QLabel(self)
        thumb.setPixmap(thumbnail_for(info, THUMB))
        thumb.setFixedSize(THUMB)
        name = QLabel(info.name, self)
        name.setObjectName("cardName")
        name.setWordWrap(True)
        summary = QLabel(info.summary, self)
        summary.setObjectName("cardSummary")
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(11, 11, 11, 11)
        layout.setSpacing(6)
        layout.addWidget(thumb)
        layout.addWidget(name)
        layout.addWidget(summary, 1)

    def click(self) -> None:
        self.activated.emit(str(self.info.path))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.click()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.click()
            return
        super().keyPressEvent(event)


class Gallery(QWidget):
    """Cards in as many columns as fit the width."""

    def __init__(self, cards: list[ExampleCard], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = cards
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(14)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.columns = 0
        self._relayout(3)

    def _relayout(self, columns: int) -> None:
        columns = max(1, columns)
        if columns == self.columns:
            return
        self.columns = columns
        for card in self.cards:
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards):
            self.grid.addWidget(card, i // columns, i % columns)

    def resizeEvent(self, event) -> None:
        self._relayout((event.size().width() + self.grid.spacing()) // (CARD_WIDTH + self.grid.spacing()))
        super().resizeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(3 * CARD_WIDTH + 2 * self.grid.spacing(), super().sizeHint().height())


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("class", "sectionTitle")
    return label


class StartPage(QScrollArea):
    newRequested = Signal()
    openRequested = Signal()
    exampleRequested = Signal(str)
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        content.setObjectName("startContent")
        content.setStyleSheet(STYLE)
        self.setWidget(content)

        title = QLabel("nnstudio")
        title.setObjectName("startTitle")
        subtitle = QLabel("Draw a neural network, train it, and watch it learn. "
                          "Start from an example or from an empty canvas.")
        subtitle.setObjectName("startSubtitle")
        subtitle.setWordWrap(True)

        self.new_button = QPushButton("New project")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button = QPushButton("Open…")
        self.open_button.clicked.connect(self.openRequested)
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(34)
        self.recent_list = QListWidget()
        self.recent_list.setObjectName("recentList")
        self.recent_list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.recent_list.itemActivated.connect(self._recent_activated)
        self.recent_list.itemClicked.connect(self._recent_activated)
        self.recent_empty = QLabel("Files you open or save appear here.")
        self.recent_empty.setObjectName("recentEmpty")
        self.recent_empty.setWordWrap(True)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(_section("Start"))
        side.addWidget(self.new_button)
        side.addWidget(self.open_button)
        side.addSpacing(12)
        side.addWidget(_section("Recent files"))
        side.addWidget(self.recent_list)
        side.addWidget(self.recent_empty)
        side.addStretch(1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setFixedWidth(270)

        self.cards = [ExampleCard(info) for info in list_examples()]
        for card in self.cards:
            card.activated.connect(self.exampleRequested)
        self.gallery = Gallery(self.cards)
        main = QVBoxLayout()
        main.setSpacing(8)
        main.addWidget(_section("Examples"))
        main.addWidget(self.gallery, 1)

        columns = QHBoxLayout()
        columns.setSpacing(36)
        columns.addWidget(side_widget, 0, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(main, 1)

        outer = QVBoxLayout(content)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.setSpacing(4)
        outer.addWidget(title)
        outer.addWidget(subtitle)
        outer.addSpacing(20)
        outer.addLayout(columns, 1)
        self.set_recent([])

    def set_recent(self, paths: list[str]) -> None:
        """Show `paths` (most recent first): the file name, and the folder as a tooltip."""
        self.recent_list.clear()
        for path in paths:
            item = QListWidgetItem(os.path.basename(path))
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent_list.addItem(item)
        self.recent_list.setVisible(bool(paths))
        self.recent_empty.setVisible(not paths)
        rows = max(1, min(len(paths), 10))
        self.recent_list.setFixedHeight(rows * self.recent_list.sizeHintForRow(0) + 8 if paths else 0)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        # A double click is a click and then an activation: open once, the page is gone after that.
        if not self.isVisibleTo(self.window()):
            return
        self.recentRequested.emit(item.data(Qt.ItemDataRole.UserRole))
