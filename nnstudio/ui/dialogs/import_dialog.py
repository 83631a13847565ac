"""File ▸ Import Data…: choose a CSV, NPZ or IDX file, decide how it feeds the network, and set
the project's data and network shapes in one undo step.

The dialog takes the file's path (so it can be opened without the file chooser); what the file
is comes from its first bytes, not its name. A page per kind (import_csv_page, import_array_pages)
shows the file and the choices; the dialog adds the normalisation and the validation split, shows
why the choice cannot be imported in red, and keeps OK disabled until it can. OK loads the data
once through the loaders training uses, so a file that imports also trains; it loads in a worker
thread with a progress dialog and Cancel (ui.loading), so a big file never freezes the window.

Paths are stored relative to the project file's folder when the project has a file (absolute when
no relative path exists, as across Windows drives), absolute when it is still unsaved.
"""
from __future__ import annotations

import gzip
import os
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QLabel, QMainWindow, QVBoxLayout, QWidget)

from nnstudio.data.dataset import DataError, Dataset, LoadCancelled
from nnstudio.project.model import DataSpec, Project
from nnstudio.training.preview import keep_samples
from nnstudio.ui.commands.data_import import NetworkFit, import_data
from nnstudio.ui.dialogs.import_array_pages import GZIP_MAGIC, IDX_TYPES, IdxPage, NpzPage
from nnstudio.ui.dialogs.import_csv_page import CsvPage
from nnstudio.ui.loading import load_with_progress
from nnstudio.ui.i18n import translate
from nnstudio.ui.wording import error_text

FILTER = QT_TRANSLATE_NOOP("ImportDialog", "Data files (*.csv *.tsv *.txt *.npz *-ubyte *.idx *-ubyte.gz);;"
                           "CSV files (*.csv *.tsv *.txt);;NumPy archives (*.npz);;"
                           "IDX files (*-ubyte *.idx *-ubyte.gz);;All files (*)")
NORMALIZE = [("none", QT_TRANSLATE_NOOP("ImportDialog", "None")),
             ("standard", QT_TRANSLATE_NOOP("ImportDialog", "Standard (mean 0, deviation 1)")),
             ("minmax", QT_TRANSLATE_NOOP("ImportDialog", "Min–max (0 to 1)"))]
TITLES = {"csv": QT_TRANSLATE_NOOP("ImportDialog", "CSV file"),
          "npz": QT_TRANSLATE_NOOP("ImportDialog", "NumPy archive"),
          "idx": QT_TRANSLATE_NOOP("ImportDialog", "IDX files (MNIST format)")}
PAGES = {"csv": CsvPage, "npz": NpzPage, "idx": IdxPage}
ERROR_STYLE = "color: #c62828;"


def _is_idx_magic(head: bytes) -> bool:
    return len(head) == 4 and head[:2] == b"\x00\x00" and head[2] in IDX_TYPES


def data_kind(path: str) -> str:
    """"npz", "idx" or "csv", from the file's first bytes (the name only for an unreadable file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(4)
        if head[:2] == GZIP_MAGIC:
            with gzip.open(path, "rb") as f:
                head = f.read(4)
    except (OSError, EOFError):
        head = b""
    if head[:2] == b"PK" or (not head and path.lower().endswith(".npz")):
        return "npz"
    return "idx" if _is_idx_magic(head) else "csv"


def path_maker(project_path: str | None) -> Callable[[str], str]:
    """A function turning an absolute data path into the one to store in the project."""
    def to_path(full: str) -> str:
        if not project_path:
            return full
        try:
            rel = os.path.relpath(full, os.path.dirname(os.path.abspath(project_path)))
        except ValueError:          # another drive: no relative path exists
            return full
        return rel.replace(os.sep, "/")
    return to_path


class ImportDialog(QDialog):
    """Import one data file into `project` (read only: `data` and `fit` hold the result on OK)."""

    def __init__(self, path: str, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = os.path.abspath(path)
        self.kind = data_kind(self.path)
        self.data: DataSpec | None = None
        self.fit: NetworkFit | None = None
        self.samples: Dataset | None = None      # what OK loaded, handed to the Dataset panel
        self._loading = False
        self._to_path = path_maker(project.path)
        self.setWindowTitle(self.tr("Import data — {name}").format(name=os.path.basename(self.path)))
        self.page = PAGES[self.kind](self.path, self)
        self.normalize_combo = QComboBox()
        for value, text in NORMALIZE:
            self.normalize_combo.addItem(translate("ImportDialog", text), value)
        self.normalize_combo.setCurrentIndex(self.normalize_combo.findData(self.page.default_normalize))
        self.normalize_combo.setToolTip(
            self.tr("How input columns are scaled; the statistics come from the training rows"))
        self.split_spin = QDoubleSpinBox()
        self.split_spin.setRange(0.0, 0.9)
        self.split_spin.setSingleStep(0.05)
        self.split_spin.setDecimals(2)
        self.split_spin.setValue(float(project.data.validation_split))
        self.split_spin.setToolTip(
            self.tr("The fraction of samples, the last ones in the file, held out for validation"))
        self.error_label = QLabel()
        self.error_label.setObjectName("importError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        common = QFormLayout()
        common.addRow(self.tr("Normalisation:"), self.normalize_combo)
        common.addRow(self.tr("Validation split:"), self.split_spin)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<b>{kind}</b>: {path}").format(kind=translate("ImportDialog", TITLES[self.kind]),
                                                               path=self.path))
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(title)
        layout.addWidget(self.page, 1)
        layout.addLayout(common)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.page.changed.connect(self.check)
        self.check()
        self.resize(760, 620 if self.kind == "csv" else 380)

    def problem(self) -> str | None:
        return self.page.problem()

    def check(self) -> None:
        """Show why the current choice cannot be imported; OK only when it can."""
        self._show_error(self.problem())

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))
        self.ok_button.setEnabled(not text)

    def is_loading(self) -> bool:
        return self._loading

    def accept(self) -> None:
        if self.problem() is not None or self._loading:
            return
        # The whole file loads in a worker thread (a 1,000,000-row CSV takes seconds) while the
        # window keeps running; Cancel keeps this dialog open with the user's choices.
        # Until the progress dialog shows, nothing here may start a second load or close the dialog.
        self._loading = True
        for widget in (self.buttons, self.page, self.normalize_combo, self.split_spin):
            widget.setEnabled(False)       # the choices being loaded stay the ones shown
        try:
            plan = self.page.plan(self._to_path)
            loading = self.tr("Loading {name}…").format(name=os.path.basename(self.path))
            source, fit, self.samples = load_with_progress(self, loading, plan.run_keeping_samples)
        except LoadCancelled:
            return
        except DataError as exc:       # the whole file says what the preview could not see
            self._show_error(error_text(exc))     # in the window's words and language
            return
        finally:
            self._loading = False
            for widget in (self.buttons, self.page, self.normalize_combo, self.split_spin):
                widget.setEnabled(True)
        self.data = DataSpec(source=source, validation_split=round(self.split_spin.value(), 4),
                             normalize=self.normalize_combo.currentData())
        self.fit = fit
        super().accept()

    def reject(self) -> None:
        if not self._loading:       # Esc or the title bar's close while a load starts: it has its own Cancel
            super().reject()


def apply_import(window: QMainWindow, dialog: ImportDialog) -> bool:
    """Push the accepted dialog's data and network changes as one undo step."""
    if dialog.data is None:
        return False
    command, plan = import_data(window.doc, dialog.data, dialog.fit,
                                translate("ImportDialog", "Import {name}").format(name=os.path.basename(dialog.path)))
    window.stack.push(command)
    if dialog.samples is not None:      # the file was just read whole: the Dataset panel need not read it again
        window.dataset.adopt(dialog.samples)
        # Nor the preview, whose worker reading it would hold up the window's thread (the GIL).
        keep_samples(window.doc.project, dialog.samples)
    window.show_canvas()
    if plan.new_nodes:
        window.canvas.fit_all()
    fit = dialog.fit
    name = os.path.basename(dialog.path)
    if fit is None:
        message = translate("ImportDialog", "Imported {name}").format(name=name)
    elif fit.encoding != "raw":
        message = translate("ImportDialog", "Imported {name}: {inputs} inputs, {outputs} classes").format(
            name=name, inputs=fit.n_inputs, outputs=fit.n_outputs)
    else:
        message = translate("ImportDialog", "Imported {name}: {inputs} inputs, {outputs} outputs").format(
            name=name, inputs=fit.n_inputs, outputs=fit.n_outputs)
    if plan.notes:
        message += "; " + "; ".join(plan.notes)
    window.statusBar().showMessage(message, 10000)
    return True


def import_file(window: QMainWindow, path: str) -> bool:
    dialog = ImportDialog(path, window.doc.project, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    return apply_import(window, dialog)


def ask_and_import(window: QMainWindow) -> bool:
    """File ▸ Import Data…: choose a file, then the import dialog."""
    project_path = window.doc.project.path
    start = os.path.dirname(project_path) if project_path else os.path.expanduser("~")
    path, _ = QFileDialog.getOpenFileName(window, translate("ImportDialog", "Import data"), start,
                                          translate("ImportDialog", FILTER))
    return import_file(window, path) if path else False
