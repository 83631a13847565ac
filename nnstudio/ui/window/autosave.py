"""Autosave and crash recovery.

While the document is modified, the window's `Autosaver` writes it every N seconds (the setting
`autosave/intervalSeconds`, 60 by default, 0 = off) into the autosave folder, as three files
named by an instance id made for this window (written and found by autosave_files.py):

- `<id>.json`: the project, exactly as a project file is written (save_project: a temporary file,
  fsync, then a rename, so a crash mid-write leaves the previous autosave whole);
- `<id>.info.json`: where it came from (original path or null), its name, the time, the pid;
- `<id>.lock`: a QLockFile this instance holds while its autosave exists. Its stale time is 0,
  so it goes stale only when its owner process is gone: `find_recoverable` offers only those,
  never an autosave of a running instance.

The files go when the document is saved, or replaced or closed without saving. On SIGTERM or
SIGHUP (termination.py, installed by app.run) the autosave is written at once and kept for
the next start.

On trained digits projects `dumps_project` takes 2.4 ms (digits_mlp) and 13 ms (digits_cnn), but
the whole write with its fsyncs took 15–44 ms (median), up to 76 ms, on a busy machine. So the
timer's autosave copies the project in the GUI thread (0.1 ms), takes the lock there, and writes
the copy in ui.background.Background with the standard library only (Qt objects stay in the GUI
thread). `write_now` writes at once in the calling thread: for a termination signal, a recovery.
"""
from __future__ import annotations

import os
import uuid
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QSettings, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project.model import Project
from nnstudio.ui.background import Background
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.window.autosave_files import (INFO_FORMAT, Recoverable, find_recoverable, new_lock, project_name,
                                               remove_file, write_autosave)
from nnstudio.ui.window.files import FileManager

FOLDER_KEY = "autosave/folder"
INTERVAL_KEY = "autosave/intervalSeconds"
DEFAULT_INTERVAL_S = 60
MAX_INTERVAL_S = 24 * 3600


def autosave_folder(settings: QSettings) -> str:
    """`autosave/folder` when set (tests, screenshot runs), else the user's data folder's autosave/."""
    folder = settings.value(FOLDER_KEY, "")
    if isinstance(folder, str) and folder:
        return os.path.abspath(os.path.expanduser(folder))
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return os.path.join(base or os.path.join(str(Path.home()), ".nnstudio"), "autosave")


def interval_seconds(settings: QSettings) -> int:
    """The autosave interval in seconds (0 = off); a value that is not a number gives the default."""
    value = settings.value(INTERVAL_KEY, DEFAULT_INTERVAL_S)
    try:
        seconds = int(value)     # an ini file gives back a string
    except (TypeError, ValueError):
        return DEFAULT_INTERVAL_S
    return min(max(seconds, 0), MAX_INTERVAL_S)


class Autosaver(QObject):
    """Autosaves the window's document while it is modified, and offers recovery at start."""

    written = Signal(str)       # the autosave file just written

    def __init__(self, files: FileManager, stack: QUndoStack, settings: QSettings, parent: QWidget,
                 interval_action: QAction | None = None) -> None:
        super().__init__(parent)
        self.files, self.stack, self.settings, self.parent_widget = files, stack, settings, parent
        self.instance_id = uuid.uuid4().hex
        self.folder = autosave_folder(settings)
        self.lock: QLockFile | None = None      # held while this instance's autosave exists
        self.adopted: list[Recoverable] = []    # a recovered autosave, deleted once ours is written
        self.dirty = False          # edited since the last autosave
        self.kept = False           # written for the next start (a termination signal): never removed
        self.background = Background(self._finished, "autosave", self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave_if_due)
        stack.indexChanged.connect(self._edited)
        stack.cleanChanged.connect(self._clean_changed)
        files.projectInstalled.connect(self.remove)      # New, Open, an example, Revert
        if interval_action is not None:
            interval_action.triggered.connect(self.ask_interval)
        self._apply_interval(interval_seconds(settings))

    # --- files --------------------------------------------------------------------------------
    def _path(self, suffix: str) -> str:
        return os.path.join(self.folder, f"{self.instance_id}{suffix}")

    @property
    def project_file(self) -> str:
        return self._path(".json")

    @property
    def info_file(self) -> str:
        return self._path(".info.json")

    @property
    def lock_file(self) -> str:
        return self._path(".lock")

    # --- the interval -----------------------------------------------------------------------------
    def interval(self) -> int:
        return interval_seconds(self.settings)

    def set_interval(self, seconds: int) -> None:
        """Store the interval (0 = off) and use it from now on."""
        seconds = min(max(int(seconds), 0), MAX_INTERVAL_S)
        self.settings.setValue(INTERVAL_KEY, seconds)
        self._apply_interval(seconds)

    def _apply_interval(self, seconds: int) -> None:
        if seconds > 0:
            self.timer.start(seconds * 1000)
        else:
            self.timer.stop()

    def ask_interval(self) -> None:
        """File ▸ Autosave every…: the interval in seconds, 0 to turn autosave off."""
        seconds, ok = QInputDialog.getInt(
            self.parent_widget, self.tr("Autosave"), self.tr("Autosave unsaved changes every (seconds, 0 = never):"),
            self.interval(), 0, MAX_INTERVAL_S, 10)
        if ok:
            self.set_interval(seconds)

    # --- writing and removing ---------------------------------------------------------------------
    def _edited(self, _index: int = 0) -> None:
        self.dirty = True

    def _clean_changed(self, clean: bool) -> None:
        if clean:       # saved (or undone back to the saved state): the file holds it all
            self.remove()

    def autosave_if_due(self) -> None:
        """The timer's tick: when the document is modified and changed since the last autosave,
        write a copy of it in the worker thread."""
        if not self.dirty or self.stack.isClean() or self.kept or self.background.is_busy():
            return
        job = self._prepare()
        if job is not None:
            self.dirty = False      # edits from now on are for the next autosave
            self.background.run(lambda: write_autosave(*job))

    def write_now(self) -> bool:
        """Write the autosave in this thread, at once; on failure say why and return False."""
        self.background.join()      # a write under way must not land after this one
        job = self._prepare()
        if job is None:
            return False
        self.dirty = False
        error = write_autosave(*job)
        self._finished(error)
        return error is None

    def _prepare(self) -> tuple[Project, str, str, dict] | None:
        """In the GUI thread: the folder, the lock, and a copy of the project to write."""
        try:
            os.makedirs(self.folder, exist_ok=True)
            if self.lock is None:
                lock = new_lock(self.lock_file)
                if not lock.tryLock(0):
                    raise OSError(self.tr("{path} is locked ({reason})").format(path=self.lock_file,
                                                                               reason=lock.error().name))
                self.lock = lock
        except OSError as exc:
            self._finished(str(exc))
            return None
        project = self.files.doc.project.copy()
        info = {"format": INFO_FORMAT, "original_path": project.path, "name": project_name(project),
                "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "pid": os.getpid()}
        return project, self.project_file, self.info_file, info

    def _finished(self, error: str | None) -> None:
        """In the GUI thread, after a write (or a failure to start one)."""
        if error is not None:
            self.dirty = True       # try again at the next tick
            self.files.statusMessage.emit(self.tr("Autosave failed: {error}").format(error=error_text(error)), 8000)
            return
        if self.lock is None:       # removed while it was written (it waited for the write)
            return
        self._drop_adopted()
        self.written.emit(self.project_file)

    def remove(self) -> None:
        """Delete this instance's autosave (the document was saved, replaced or closed)."""
        if self.kept:
            return
        self.background.join()      # a write under way finishes first, then its files go too
        remove_file(self.project_file)
        remove_file(self.info_file)
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        self._drop_adopted()

    def _drop_adopted(self) -> None:
        for recovered in self.adopted:
            recovered.discard()
        self.adopted = []

    def shutdown(self) -> None:
        """The window closes (saved or discarded): no more autosaves, and none left behind."""
        self.timer.stop()
        self.remove()

    def keep_for_recovery(self) -> None:
        """A termination signal: write the modified document now and keep it for the next start."""
        self.timer.stop()
        if not self.stack.isClean():
            self.write_now()
        self.kept = True

    # --- recovery ---------------------------------------------------------------------------------
    def ask_recovery(self, offers: list[Recoverable]) -> Recoverable | None:
        """Show the offers; the dialog discards what the user discards. Tests replace this."""
        from nnstudio.ui.dialogs.recovery_dialog import RecoveryDialog
        dialog = RecoveryDialog(offers, self.parent_widget)
        dialog.exec()
        return dialog.chosen

    def show_error(self, title: str, text: str) -> None:
        QMessageBox.critical(self.parent_widget, title, text)

    def offer_recovery(self) -> Project | None:
        """At start: offer the autosaves of crashed instances; returns the recovered project."""
        offers = [r for r in find_recoverable(self.folder) if r.instance_id != self.instance_id]
        if not offers:
            return None
        chosen = self.ask_recovery(offers)
        for offer in offers:
            if offer is not chosen and not offer.discarded:
                offer.release()     # Later, or not chosen: offered again next time
        if chosen is None:
            return None
        if not self.files.maybe_save():
            chosen.release()
            return None
        return self.recover(chosen)

    def recover(self, offer: Recoverable) -> Project | None:
        """Open an offered autosave as the modified document, with its original path."""
        try:
            project = offer.load()
        except ProjectError as exc:
            offer.release()
            self.show_error(self.tr("Cannot recover project"),
                            self.tr("The autosave cannot be read: {error}").format(error=error_text(exc)))
            return None
        self.files.install_recovered(project, offer.original_path)
        self.adopted.append(offer)
        self.dirty = True
        if self.interval() > 0:
            self.write_now()        # once it has its own autosave, the recovered one goes
        return project
