"""The "Something went wrong" dialog that ui.fault_report shows for an unexpected error.

It says in plain words that the app keeps running and the project is still open, shows the
details (versions and traceback) in an area that opens on demand, and offers: Copy details (plain
text on the clipboard: a Python-made QMimeData there crashes PySide6 6.11 at exit), Save a copy of
the project (beside its file, through the handler's `save_copy`), Open log folder, and Close.
Errors that happen while it is up are counted in it rather than opening more dialogs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSizePolicy, QStyle, QToolButton, QVBoxLayout, QWidget)

from nnstudio.errors import ProjectError
from nnstudio.ui.domain_i18n import error_text

DETAILS_HEIGHT = 220        # px of traceback shown when the details are open


def open_folder(folder: Path) -> bool:
    """Show `folder` in the desktop's file manager (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class FaultDialog(QDialog):
    """Tells the user about one unexpected error; `save_copy()` returns where it wrote the copy."""

    def __init__(self, summary: str, details: str, log_folder: Path, save_copy: Callable[[], Path],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultDialog")
        self.setWindowTitle(self.tr("Something went wrong"))
        self.details_text, self.log_folder, self._save_copy = details, log_folder, save_copy
        self.later_errors = 0

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("Something went wrong"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.message = QLabel(self.tr(
            "nnstudio ran into an error it did not expect. It keeps running, and your project is "
            "still open with all its changes: nothing has been lost. To be safe, you can save a copy "
            "of the project now, then carry on or save and restart nnstudio."))
        self.message.setWordWrap(True)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setStyleSheet("color: #8a3b12;")
        self.later = QLabel()
        self.later.setWordWrap(True)
        self.later.hide()
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.saved.hide()

        self.toggle = QToolButton()
        self.toggle.setText(self.tr("Show details"))
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.show_details)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMinimumHeight(DETAILS_HEIGHT)
        self.details.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.details.hide()

        buttons = QDialogButtonBox()
        Role = QDialogButtonBox.ButtonRole
        self.copy_button = buttons.addButton(self.tr("Copy details"), Role.ActionRole)
        self.save_button = buttons.addButton(self.tr("Save a copy of the project"), Role.ActionRole)
        self.log_button = buttons.addButton(self.tr("Open log folder"), Role.ActionRole)
        self.close_button: QPushButton = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.copy_button.setToolTip(self.tr("Put the details on the clipboard, to paste them into a bug report"))
        self.save_button.setToolTip(self.tr("Write the project as it is now to a new file beside it; "
                                            "the project's own file is left as it is"))
        self.log_button.setToolTip(str(log_folder))
        self.copy_button.clicked.connect(self.copy_details)
        self.save_button.clicked.connect(self.save_copy)
        self.log_button.clicked.connect(lambda: open_folder(self.log_folder))
        buttons.rejected.connect(self.reject)
        self.close_button.setDefault(True)

        text = QVBoxLayout()
        text.addWidget(heading)
        text.addWidget(self.message)
        text.addWidget(self.summary)
        text.addWidget(self.later)
        text.addWidget(self.saved)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.close_button.setFocus()        # Enter or Esc just closes: no action by accident

    def fit_height(self) -> None:
        """Take the height the contents need (word-wrapped labels are not counted in a window's
        minimum size, so a shown label or the details would squeeze the rest) and stay on screen."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else layout.sizeHint().height()
        self.resize(width, max(needed, layout.minimumSize().height()))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        frame = self.frameGeometry()
        if screen is not None and frame.bottom() > screen.bottom():
            self.move(frame.x(), max(screen.top(), screen.bottom() - frame.height()))

    def show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle.setText(self.tr("Hide details") if shown else self.tr("Show details"))
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.fit_height()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text)
        self.copy_button.setText(self.tr("Copied"))

    def save_copy(self) -> None:
        try:
            path = self._save_copy()
        except (OSError, ProjectError) as exc:
            self.saved.setText(self.tr("The copy could not be saved: {error}").format(error=error_text(exc)))
        else:
            self.saved.setText(self.tr("A copy of the project was saved to {path}").format(path=path))
        self.saved.show()
        self.fit_height()

    def add_later_error(self) -> None:
        """Another error happened while the dialog was up: it is in the log, and counted here."""
        self.later_errors += 1
        count = self.later_errors
        text = (self.tr("{count} more error happened since. The details are in the log.") if count == 1
                else self.tr("{count} more errors happened since. The details are in the log."))
        self.later.setText(text.format(count=count))
        self.later.show()
        self.fit_height()
