"""The recovery offer shown at start when an instance that is gone left autosaves behind.

Each autosave is listed with its project name, its original path (or "never saved") and when it
was written. Recover opens the selected one, Discard deletes the selected one for good, Later
keeps them all for the next start. `recover`, `discard` and `later` are the buttons' actions, so
tests and the real-process driver answer through them.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.ui.window.autosave_files import Recoverable

ButtonRole = QDialogButtonBox.ButtonRole


class RecoveryDialog(QDialog):
    """Recover, Discard or Later for the autosaves in `offers`; `chosen` is the one to open."""

    def __init__(self, offers: Sequence[Recoverable], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("Recover unsaved work"))
        self.offers = list(offers)
        self.chosen: Recoverable | None = None
        several = len(self.offers) > 1
        intro = QLabel(
            self.tr("nnstudio closed without saving these projects. Their last autosaves can be opened again.\n\n"
                    "Recover opens the selected project with your changes, not yet saved. Discard deletes its "
                    "autosave for good. Later keeps them all and asks again at the next start.")
            if several else
            self.tr("nnstudio closed without saving this project. Its last autosave can be opened again.\n\n"
                    "Recover opens it with your changes, not yet saved. Discard deletes the autosave for good. "
                    "Later keeps it and asks again at the next start."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("recoveryTable")
        self.table.setHorizontalHeaderLabels([self.tr("Project"), self.tr("Original file"), self.tr("Autosaved")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        for offer in self.offers:
            self._add_row(offer)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self.recover())

        buttons = QDialogButtonBox()
        self.recover_button = QPushButton(self.tr("Recover"))
        self.recover_button.setToolTip(self.tr("Open the selected project with its unsaved changes"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Delete the selected autosave for good"))
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.setToolTip(self.tr("Keep the autosaves and ask again at the next start"))
        buttons.addButton(self.recover_button, ButtonRole.AcceptRole)
        buttons.addButton(self.discard_button, ButtonRole.DestructiveRole)
        buttons.addButton(self.later_button, ButtonRole.RejectRole)
        self.recover_button.setDefault(True)
        self.recover_button.clicked.connect(lambda: self.recover())
        self.discard_button.clicked.connect(lambda: self.discard())
        self.later_button.clicked.connect(self.later)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 200 + 28 * min(len(self.offers), 8))

    def _add_row(self, offer: Recoverable) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = self.tr("Untitled") if offer.name == "Untitled" else offer.name     # autosave_files' default
        time = offer.time_text() if offer.saved_at is not None else self.tr("unknown time")
        cells = (name, offer.original_path or self.tr("never saved"), time)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column == 1 and offer.original_path is None:
                item.setForeground(self.palette().placeholderText())
            self.table.setItem(row, column, item)

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else 0

    def recover(self, row: int | None = None) -> None:
        """Open the offer in `row` (the selected one by default) and close."""
        if not self.offers:
            return
        self.chosen = self.offers[self.selected_row() if row is None else row]
        self.accept()

    def discard(self, row: int | None = None) -> None:
        """Delete the offer in `row` (the selected one by default); close when none is left."""
        if not self.offers:
            return
        row = self.selected_row() if row is None else row
        self.offers.pop(row).discard()
        self.table.removeRow(row)
        if not self.offers:
            self.reject()
            return
        self.table.selectRow(min(row, len(self.offers) - 1))

    def later(self) -> None:
        """Keep every autosave for the next start."""
        self.chosen = None
        self.reject()
