"""The start page: "New project", the example gallery and the recent files.

Shown when nnstudio starts without a file and from View ▸ Start page. It only emits requests;
the main window decides what opening means (asking to save first, and so on).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from nnstudio.ui.dialogs.examples import ExampleInfo, list_examples, thumbnail_for
from nnstudio.ui.domain_i18n import example_text

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
#recentButton { text-align: left; padding: 5px 8px; border: 1px solid transparent; border-radius: 6px;
                color: #263238; }
#recentButton:hover { background: white; border: 1px solid #d7dde3; }
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
        name_text, description = example_text(info.name), example_text(info.description)
        self.setToolTip(f"<b>{name_text}</b><p>{description}</p>")
        self.setAccessibleName(self.tr("Example: {name}").format(name=name_text))
        thumb = QLabel(self)
        thumb.setPixmap(thumbnail_for(info, THUMB))
        thumb.setFixedSize(THUMB)
        name = QLabel(name_text, self)
        name.setObjectName("cardName")
        name.setWordWrap(True)
        summary = QLabel(example_text(info.summary), self)
        summary.setObjectName("cardSummary")
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(11, 11, 11, 11)
        layout.setSpacing(6)
        layout.addWidget(thumb)
        layout.addWidget(name)
        layout.addWidget(summary)
        layout.addStretch(1)

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
        # An explicit minimum beats the grid's: the page may be narrower than three cards, and
        # resizeEvent then flows the cards into fewer columns instead of scrolling sideways.
        self.setMinimumWidth(CARD_WIDTH)
        # Cards in a row line up: all get the height of the tallest.
        height = max((c.layout().totalHeightForWidth(CARD_WIDTH) for c in cards), default=0)
        for card in cards:
            card.setFixedHeight(height)
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
    """A section's title (`text` already translated)."""
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
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        content = QWidget()
        content.setObjectName("startContent")
        content.setStyleSheet(STYLE)
        self.setWidget(content)

        title = QLabel("nnstudio")
        title.setObjectName("startTitle")
        subtitle = QLabel(self.tr("Draw a neural network, train it, and watch it learn. "
                                  "Start from an example or from an empty canvas."))
        subtitle.setObjectName("startSubtitle")
        subtitle.setWordWrap(True)

        self.new_button = QPushButton(self.tr("New project"))
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.newRequested)
        self.open_button = QPushButton(self.tr("Open…"))
        self.open_button.clicked.connect(self.openRequested)
        for button in (self.new_button, self.open_button):
            button.setMinimumHeight(34)
        self.recent_box = QVBoxLayout()
        self.recent_box.setSpacing(2)
        self.recent_buttons: list[QPushButton] = []
        self.recent_empty = QLabel(self.tr("Files you open or save appear here."))
        self.recent_empty.setObjectName("recentEmpty")
        self.recent_empty.setWordWrap(True)

        side = QVBoxLayout()
        side.setSpacing(8)
        side.addWidget(_section(self.tr("Start")))
        side.addWidget(self.new_button)
        side.addWidget(self.open_button)
        side.addSpacing(12)
        side.addWidget(_section(self.tr("Recent files")))
        side.addLayout(self.recent_box)
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
        main.addWidget(_section(self.tr("Examples")))
        main.addWidget(self.gallery)
        main.addStretch(1)

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
        """Show `paths` (most recent first): the file name over its folder."""
        for button in self.recent_buttons:
            self.recent_box.removeWidget(button)
            button.setParent(None)
            button.deleteLater()
        self.recent_buttons = []
        home = os.path.expanduser("~")
        for path in paths:
            folder = os.path.dirname(path)
            if folder.startswith(home + os.sep):
                folder = "~" + folder[len(home):]
            button = QPushButton(f"{os.path.basename(path)}\n{folder}")
            button.setObjectName("recentButton")
            button.setFlat(True)
            button.setToolTip(path)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _=False, p=path: self.recentRequested.emit(p))
            self.recent_box.addWidget(button)
            self.recent_buttons.append(button)
        self.recent_empty.setVisible(not paths)
