"""File handling for the main window: New, Open, Open Recent, examples, Save, Save As, Revert.

The window owns one Document and one QUndoStack for its whole life. Opening a project swaps the
document's project (`doc.replace`, which views hear as 'reset') and empties the undo stack, whose
clean state is "saved". Every path that would drop unsaved edits goes through `maybe_save()`.
Dialogs are reached through small `ask_*` methods so tests can replace them.

It is handed what it works on (the document, the undo stack, the settings, a parent for its
dialogs and the window's "save changes?" question) and reports through signals: the window
connects `projectInstalled` and `statusMessage`.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QIODevice, QMimeData, QObject, QSaveFile, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project.io import dumps_project, load_project
from nnstudio.project.document import Document
from nnstudio.project.model import Project
from nnstudio.project.paths import base_dir, copy_shipped_data, rebase_data_path
from nnstudio.ui import wording
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.domain_i18n import example_text

FILTER = QT_TRANSLATE_NOOP("FileManager", "nnstudio projects (*.json);;All files (*)")
# File ▸ Open also imports ONNX models (export/onnx_import.py): they open as new, unsaved projects.
OPEN_FILTER = QT_TRANSLATE_NOOP("FileManager", "nnstudio projects and ONNX models (*.json *.onnx);;"
                                "nnstudio projects (*.json);;ONNX models (*.onnx);;All files (*)")
RECENT_KEY = "recentFiles"
LAST_DIR_KEY = "lastDirectory"
MAX_RECENT = 10
Button = QMessageBox.StandardButton


def _norm(path: str | os.PathLike) -> str:
    return os.path.normcase(os.path.abspath(os.fspath(path)))


def project_paths(data: QMimeData | None) -> list[str]:
    """The project files (local .json files) and ONNX models (.onnx) among dropped or pasted `data`."""
    if data is None or not data.hasUrls():
        return []
    return [u.toLocalFile() for u in data.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith((".json", ".onnx"))]


class FileManager(QObject):
    """Owns "which file is this": the path, whether it is an example copy, the recent list."""

    changed = Signal()          # the file name shown in the title changed
    recentChanged = Signal()    # the recent files list changed
    projectInstalled = Signal()     # a new, opened or reverted project replaced the old one
    statusMessage = Signal(str, int)    # text for the status bar, and for how many ms

    def __init__(self, doc: Document, stack: QUndoStack, settings: QSettings, parent: QWidget,
                 ask_save_changes: Callable[[], Button]) -> None:
        """`parent` owns the dialogs; `ask_save_changes()` answers Save, Discard or Cancel."""
        super().__init__(parent)
        self.doc, self.stack, self.settings, self.parent_widget = doc, stack, settings, parent
        self.ask_save_changes = ask_save_changes
        self.example_name: str | None = None   # set while the project is an unsaved example copy
        self._example_stem: str | None = None  # the example's file name, to suggest when saving

    # --- what the title shows ---------------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self.doc.project.path

    def display_name(self) -> str:
        if self.path:
            return os.path.basename(self.path)
        if self.example_name:
            return self.tr("{name} (example)").format(name=example_text(self.example_name))
        return self.tr("Untitled")

    # --- dialogs (tests replace these) ----------------------------------------------------------
    def _start_dir(self) -> str:
        if self.path:
            return os.path.dirname(self.path)
        last = self.settings.value(LAST_DIR_KEY, "")
        return last if isinstance(last, str) and os.path.isdir(last) else str(Path.home())

    def ask_open_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, self.tr("Open project"), self._start_dir(),
                                              self.tr(OPEN_FILTER))
        return path or None

    def ask_save_path(self) -> str | None:
        stem = Path(self.path).name if self.path else (
            f"{self._example_stem}.json" if self._example_stem else "example.json" if self.example_name
            else "untitled.json")
        suggested = os.path.join(self._start_dir(), stem)
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, self.tr("Save project as"), suggested,
                                              self.tr(FILTER))
        if not path:
            return None
        return path if Path(path).suffix else path + ".json"

    def ask_revert(self) -> bool:
        answer = QMessageBox.question(
            self.parent_widget, self.tr("Revert"),
            self.tr("Discard your changes to {name} and reload it from disk?").format(name=self.display_name()),
            Button.Discard | Button.Cancel, Button.Cancel)
        return answer == Button.Discard

    def _said(self, error: BaseException) -> str:
        """An error in the window's words: its key paths ("nodes[3].config.units") become the
        inspector's ("Node 4 › Units"), in the interface's language."""
        return wording.error_text(error, self.doc.project)

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.parent_widget, title, message)

    # --- unsaved changes ------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return not self.stack.isClean()

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current project (saved, discarded or unmodified);
        False when the user cancelled or saving failed."""
        if not self.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == Button.Save:
            return self.save()
        return answer == Button.Discard

    def install(self, project: Project, example_name: str | None = None) -> None:
        """Make `project` the document's, with an empty undo stack (no question asked)."""
        self.stack.clear()
        self.doc.replace(project)
        self.stack.setClean()
        self.example_name = example_name
        self._example_stem = None
        self.changed.emit()
        self.projectInstalled.emit()

    def install_recovered(self, project: Project, original_path: str | None) -> None:
        """Make a recovered autosave the document's: with its original path, so Save writes where
        the user expects (and relative data paths resolve there), and modified until it is saved."""
        project.path = original_path
        self.install(project)
        self.stack.resetClean()     # no state of the stack is the saved one now

    # --- commands -------------------------------------------------------------------------------
    def new_project(self) -> bool:
        if not self.maybe_save():
            return False
        self.install(Project())
        return True

    def open_dialog(self) -> bool:
        path = self.ask_open_path()
        return self.open_path(path) if path else False

    def open_path(self, path: str | os.PathLike) -> bool:
        """Open a project file. A file that cannot be read leaves the current project alone.
        A shipped example opens as an untitled copy, however it was reached."""
        if Path(path).resolve().parent == EXAMPLES_DIR:
            return self.open_example(path)
        if Path(path).suffix.lower() == ".onnx":
            return self.open_onnx(path)
        try:
            project = load_project(path)
        except ProjectError as exc:
            self._error(self.tr("Cannot open project"), self._said(exc))
            return False
        if not self.maybe_save():
            return False
        self.install(project)
        self.add_recent(project.path or os.fspath(path))
        return True

    def open_onnx(self, path: str | os.PathLike) -> bool:
        """Import an ONNX model as a new, unsaved project (Save asks where, suggesting its name).
        A model that cannot be imported leaves the current project alone."""
        from nnstudio.export.extras import MissingExtra
        from nnstudio.export.onnx_import import import_onnx
        try:
            project = import_onnx(path)
        except (ProjectError, MissingExtra) as exc:
            self._error(self.tr("Cannot import ONNX model"), self._said(exc))
            return False
        if not self.maybe_save():
            return False
        self.install(project)
        self._example_stem = Path(path).stem
        self.statusMessage.emit(
            self.tr("Imported {name}: save it to keep it as a project").format(name=Path(path).name), 5000)
        return True

    def open_example(self, path: str | os.PathLike) -> bool:
        """Open an example as an untitled copy: Save asks for a new name, so the shipped file is
        never overwritten."""
        try:
            project = load_project(path)
        except ProjectError as exc:
            self._error(self.tr("Cannot open example"), self._said(exc))
            return False
        if not self.maybe_save():
            return False
        # Relative data paths point next to the example; make them absolute before forgetting it.
        source = project.data.source
        rel = source.get("path") if isinstance(source, dict) else None
        if isinstance(rel, str) and rel and not os.path.isabs(os.path.expanduser(rel)):
            project.data.source = {**source, "path": os.path.normpath(os.path.join(base_dir(project), rel))}
        project.path = None
        self.install(project, example_name=project.meta.get("name") or Path(path).stem)
        self._example_stem = Path(path).stem
        return True

    def open_recent(self, path: str) -> bool:
        if not os.path.isfile(path):
            self.remove_recent(path)
            QMessageBox.warning(self.parent_widget, self.tr("Open recent"),
                                self.tr("{path} no longer exists. It has been removed from the recent files.").format(
                                    path=path))
            return False
        return self.open_path(path)

    def save(self) -> bool:
        if not self.path:
            return self.save_as()
        return self.write(self.path)

    def save_as(self) -> bool:
        path = self.ask_save_path()
        return self.write(path) if path else False

    def write(self, path: str | os.PathLike) -> bool:
        """Write the project to `path` through QSaveFile (all or nothing). On failure the user is
        told why and the document stays modified."""
        path = os.path.abspath(os.fspath(path))
        project = self.doc.project
        moved = project.copy()
        # Keep a relative data path pointing at the same file when the project changes folder.
        rebase_data_path(moved, path)
        try:
            copied = copy_shipped_data(moved, path, EXAMPLES_DIR)
        except OSError as exc:
            self._error(self.tr("Cannot save project"), self.tr("The example's data cannot be copied beside {path}: "
                                                                "{error}").format(path=path, error=self._said(exc)))
            return False
        try:
            text = dumps_project(moved)
        except ProjectError as exc:
            self._error(self.tr("Cannot save project"),
                        self.tr("The project cannot be saved: {error}").format(error=self._said(exc)))
            return False
        data = text.encode("utf-8")
        out = QSaveFile(path)
        if not out.open(QIODevice.OpenModeFlag.WriteOnly):
            self._error(self.tr("Cannot save project"), self._unwritable(path, out.errorString()))
            return False
        if out.write(data) != len(data):
            reason = out.errorString()
            out.cancelWriting()
            self._error(self.tr("Cannot save project"), self._unwritable(path, reason))
            return False
        if not out.commit():
            self._error(self.tr("Cannot save project"), self._unwritable(path, out.errorString()))
            return False
        if moved.data.source != project.data.source:
            # Not an undo step: it names the same file (or a copy of it), only relative to the new folder.
            self.doc.set_data(moved.data)
        project.path = path
        self.example_name = None
        self.stack.setClean()
        self.settings.setValue(LAST_DIR_KEY, os.path.dirname(path))
        self.add_recent(path)
        self.changed.emit()
        if copied:
            self.statusMessage.emit(self.tr("Saved {path}; the example's data was copied beside it: {files}").format(
                path=path, files=", ".join(copied)), 8000)
        else:
            self.statusMessage.emit(self.tr("Saved {path}").format(path=path), 4000)
        return True

    def revert(self) -> bool:
        if not self.path:
            return False
        if self.is_modified() and not self.ask_revert():
            return False
        try:
            project = load_project(self.path)
        except ProjectError as exc:
            self._error(self.tr("Cannot revert"), self._said(exc))
            return False
        self.install(project)
        return True

    def _unwritable(self, path: str, reason: str) -> str:
        return self.tr("{path} cannot be written: {reason}").format(path=path, reason=reason)

    # --- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):        # an ini file gives back a one-item list as a string
            value = [value]
        return [v for v in (value or []) if isinstance(v, str) and v][:MAX_RECENT]

    def _set_recent(self, paths: list[str]) -> None:
        self.settings.setValue(RECENT_KEY, paths[:MAX_RECENT])
        self.recentChanged.emit()

    def add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        rest = [p for p in self.recent_files() if _norm(p) != _norm(path)]
        self._set_recent([path] + rest)

    def remove_recent(self, path: str) -> None:
        self._set_recent([p for p in self.recent_files() if _norm(p) != _norm(path)])

    def clear_recent(self) -> None:
        self._set_recent([])
