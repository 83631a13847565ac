"""The safety net for unexpected errors: a bug must neither kill the window silently nor leave a
traceback alone on a terminal nobody reads.

`install_fault_handler(app)` (from `app.run()`, not from the window, so that pytest-qt still sees
the errors of the tests) sets `sys.excepthook` and `threading.excepthook`. PySide6 (6.11) hands an
exception raised in a slot, a timer's callback or a virtual override such as `paint()` to
`sys.excepthook` and carries on; at the top level Python does the same before it exits. Each
error is written to `nnstudio.log` in the user's log folder (QStandardPaths' StateLocation/logs,
or the settings' `log/folder`), size-capped, with the versions and the traceback, and a short line
on stderr says where. Then the "Something went wrong" dialog (dialogs/fault_dialog.py) shows it:
posted to the GUI thread through a queued signal, never from inside paint() or a worker thread.
One dialog at a time; errors while it is up are counted in it, and the same traceback again (an
exception in paint() comes back on every repaint) is not shown twice. Background's workers report
through `background.worker_error_hook`. `faulthandler` writes a hard crash's traceback to
`crash.log` beside the log.
"""
from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import re
import sys
import tempfile
import threading
import traceback
from datetime import datetime
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import IO, Callable

import PySide6
from PySide6.QtCore import QIODevice, QObject, QSaveFile, QSettings, QStandardPaths, Qt, Signal, qVersion
from PySide6.QtWidgets import QApplication, QWidget

from nnstudio.project.io import dumps_project
from nnstudio.project.model import Project
from nnstudio.project.paths import rebase_data_path
from nnstudio.ui import background
from nnstudio.ui.dialogs.fault_dialog import FaultDialog
from nnstudio.ui.i18n import translate
from nnstudio.ui.user_settings import default_settings

LOG_FOLDER_KEY = "log/folder"       # a settings key that moves the log folder (tests use it)
LOG_NAME, CRASH_LOG_NAME = "nnstudio.log", "crash.log"
LOG_MAX_BYTES, LOG_BACKUPS = 1_000_000, 3   # at most 4 MB of log, the oldest dropped first
CRASH_LOG_MAX_BYTES = 1_000_000             # past this, crash.log is moved to crash.log.1 at start
LOGGER_NAME = "nnstudio.faults"
SUMMARY_CHARS = 240     # the one-line summary on stderr and in the dialog; the details are whole

ExcInfo = tuple[type[BaseException], BaseException, "TracebackType | None"]


def log_folder(settings: QSettings) -> Path:
    """Where the logs go: the settings' `log/folder`, else the user's state folder's logs/."""
    chosen = settings.value(LOG_FOLDER_KEY, "")
    if isinstance(chosen, str) and chosen:
        return Path(chosen)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation)) / "logs"


def app_version() -> str:
    try:
        return metadata.version("nnstudio")
    except metadata.PackageNotFoundError:
        return "development"


def environment_line() -> str:
    """What a bug report needs to know about the machine, in one line."""
    return (f"nnstudio {app_version()}, Python {platform.python_version()}, Qt {qVersion()}, "
            f"PySide6 {PySide6.__version__}, {platform.platform()}")


def error_key(exc_type: type[BaseException], tb: TracebackType | None) -> tuple:
    """What makes two errors "the same": the exception's type and where it was raised, frame by
    frame; not its message, which may hold a value that changes every time (an index, a size)."""
    frames = tuple((f.filename, f.lineno, f.name) for f in traceback.extract_tb(tb)) if tb is not None else ()
    return (exc_type.__module__, exc_type.__qualname__, frames)


def rescue_path(project: Project, when: datetime) -> Path:
    """`<stem> (rescued 2026-12-04 2130).json` beside the project's file, or in the user's
    Documents folder for a project never saved; numbered rather than overwriting a copy."""
    if project.path:
        folder, stem = Path(project.path).resolve().parent, Path(project.path).stem
    else:
        folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                      or Path.home())
        # The project's name may hold anything a file name may not.
        stem = re.sub(r"[^\w .()-]+", "_", project.meta.get("name") or "").strip(" .")[:60] or "Untitled"
    label = f"rescued {when:%Y-%m-%d %H%M}"
    path, number = folder / f"{stem} ({label}).json", 2
    while path.exists():
        path, number = folder / f"{stem} ({label} {number}).json", number + 1
    return path


def _unwritable(path: Path, reason: str) -> str:
    """Why a rescue copy failed, as the fault dialog shows it."""
    return translate("FaultReport", "{path} cannot be written: {reason}").format(path=path, reason=reason)


def save_rescue_copy(project: Project, when: datetime | None = None) -> Path:
    """Write `project` (as it is now, unsaved edits and all) to `rescue_path` through QSaveFile.
    Its relative data paths are rewritten for the new folder; `project` itself is left as it
    is. Raises ProjectError (it cannot be saved) or OSError (it cannot be written)."""
    path = rescue_path(project, when or datetime.now())
    path.parent.mkdir(parents=True, exist_ok=True)
    copy = project.copy()
    rebase_data_path(copy, str(path))
    data = dumps_project(copy).encode("utf-8")
    out = QSaveFile(str(path))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(_unwritable(path, out.errorString()))
    if out.write(data) != len(data):
        reason = out.errorString()
        out.cancelWriting()
        raise OSError(_unwritable(path, reason))
    if not out.commit():
        raise OSError(_unwritable(path, out.errorString()))
    return path


class FaultHandler(QObject):
    """Logs every unexpected error and shows it in one dialog. Made by `install_fault_handler`."""

    _report = Signal(str, str)      # from any thread: the one-line summary, the details

    def __init__(self, settings: QSettings, window: QWidget | None = None) -> None:
        super().__init__()
        self.window = window        # where "Save a copy" finds the document; None while starting
        self.folder = log_folder(settings)
        self.dialog: FaultDialog | None = None      # the last one shown
        self._seen: dict[tuple, int] = {}   # each error_key → how often it happened
        self._lock = threading.Lock()       # errors come from any thread
        self.log_path: Path | None = self.folder / LOG_NAME        # None: no log could be opened
        self.crash_log_path: Path | None = self.folder / CRASH_LOG_NAME
        self._crash_file: IO[str] | None = None
        self._logger = logging.getLogger(LOGGER_NAME)
        self._log_handler: logging.Handler | None = None
        self._report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # --- from any thread ------------------------------------------------------------------------
    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
               thread_name: str | None = None) -> None:
        """Log the error, tell stderr where, and post it to the dialog (in the GUI thread)."""
        where = thread_name or threading.current_thread().name
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip().splitlines()[-1]
        if len(summary) > SUMMARY_CHARS:    # an array's repr, say: the details have all of it
            summary = summary[:SUMMARY_CHARS - 1] + "…"
        key = error_key(exc_type, tb)
        with self._lock:
            times = self._seen[key] = self._seen.get(key, 0) + 1
        if times > 1:
            # Logged at 2, 4, 8… times: an error in paint() must not fill the disk.
            if times & (times - 1) == 0:
                self._logger.error("The same error again (%d times so far, thread %s): %s", times, where, summary)
            return
        trace = "".join(traceback.format_exception(exc_type, exc, tb))
        details = f"{environment_line()}\nThread: {where}\n\n{trace}"
        self._logger.error("Unexpected error\n%s", details)
        if self.log_path is not None:
            print(f"nnstudio: unexpected error ({summary}); the details are in {self.log_path}", file=sys.stderr)
        else:       # no log could be opened: stderr is the only record left
            print(f"nnstudio: unexpected error (no log could be written)\n{trace}", file=sys.stderr)
        try:
            self._report.emit(summary, details)
        except RuntimeError:        # the handler's Qt side is gone: the application is ending
            pass

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):     # Ctrl+C in the terminal stops the app as always
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            self.handle(exc_type, exc, tb)
        except Exception:       # the safety net itself failed: Python's own hook still tells
            sys.__excepthook__(exc_type, exc, tb)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return          # threading's own hook ignores a thread's SystemExit too
        try:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback, args.thread.name if args.thread else None)
        except Exception:
            threading.__excepthook__(args)

    def worker_error(self, exc: BaseException) -> None:
        self.handle(type(exc), exc, exc.__traceback__, "background worker")

    # --- GUI thread -----------------------------------------------------------------------------
    def _show(self, summary: str, details: str) -> None:
        if self.window is None:         # starting up: the log and stderr have it
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.add_later_error()
            return
        try:
            self.dialog = FaultDialog(summary, details, self.folder, self.save_copy, self.window)
            self.dialog.open()      # the newest modal window: usable over a modal dialog under way
        except Exception:       # the dialog itself failed: the log still has the error
            self._logger.exception("The error dialog could not be shown")

    def stop_showing(self) -> None:
        """No more dialogs (the handler is being taken down); the one up is closed."""
        self._report.disconnect(self._show)
        if self.dialog is not None:
            self.dialog.close()

    def save_copy(self) -> Path:
        """The window's project, as it is now, saved beside its file (see `save_rescue_copy`)."""
        if self.window is None:
            raise OSError(translate("FaultReport", "there is no project window"))
        path = save_rescue_copy(self.window.doc.project)
        self._logger.info("Saved a rescue copy of the project to %s", path)
        return path

    # --- set up and take down -------------------------------------------------------------------
    def open_logs(self) -> None:
        """The size-capped log, and faulthandler writing a hard crash's traceback to crash.log.
        A log folder that cannot be written gives way to one in the temporary folder; failing
        that, errors are shown and printed but not logged: the app starts all the same."""
        for folder in (self.folder, Path(tempfile.gettempdir()) / "nnstudio-logs"):
            try:
                self._open_logs_in(folder)
            except OSError:
                self.close_logs()
                continue
            return
        self.log_path = self.crash_log_path = None

    def _open_logs_in(self, folder: Path) -> None:
        self.folder, self.log_path, self.crash_log_path = folder, folder / LOG_NAME, folder / CRASH_LOG_NAME
        folder.mkdir(parents=True, exist_ok=True)
        if self.crash_log_path.exists() and self.crash_log_path.stat().st_size > CRASH_LOG_MAX_BYTES:
            os.replace(self.crash_log_path, folder / (CRASH_LOG_NAME + ".1"))
        # faulthandler writes to the file descriptor itself: this file stays open until uninstall.
        self._crash_file = open(self.crash_log_path, "a", encoding="utf-8")
        self._crash_file.write(f"--- {environment_line()}: started {datetime.now():%Y-%m-%d %H:%M:%S}, "
                               f"process {os.getpid()} ---\n")
        self._crash_file.flush()
        handler = logging.handlers.RotatingFileHandler(
            self.log_path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        self._logger.addHandler(handler)
        self._logger.setLevel(logging.INFO)
        self._logger.propagate = False      # the root logger may print to stderr
        self._log_handler = handler
        faulthandler.enable(file=self._crash_file)

    def close_logs(self) -> None:
        """Stop logging (faulthandler too)."""
        faulthandler.disable()
        if self._log_handler is not None:
            self._logger.removeHandler(self._log_handler)
            self._log_handler.close()
            self._log_handler = None
        if self._crash_file is not None:
            self._crash_file.close()
            self._crash_file = None


_installed: FaultHandler | None = None
_previous: tuple[Callable, Callable, Callable | None, bool] | None = None


def install_fault_handler(app: QApplication, window: QWidget | None = None,
                          settings: QSettings | None = None) -> FaultHandler:
    """Route every unexpected error to a FaultHandler (the one already installed, if any).

    Install it before the window is made, so that an error while it is built is logged, then set
    the handler's `window`. `settings` defaults to the window's, else the user's."""
    global _installed, _previous
    if _installed is not None:
        if window is not None:
            _installed.window = window
        return _installed
    if settings is None:
        if window is not None:
            settings = window.settings
        else:
            settings = default_settings()
    handler = FaultHandler(settings, window)
    handler.setParent(app)      # lives as long as the application, in its thread
    _previous = (sys.excepthook, threading.excepthook, background.worker_error_hook, faulthandler.is_enabled())
    handler.open_logs()
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.threading_excepthook
    background.worker_error_hook = handler.worker_error
    _installed = handler
    return handler


def uninstall_fault_handler() -> None:
    """Put back the hooks that were there before `install_fault_handler`."""
    global _installed, _previous
    if _installed is None or _previous is None:
        return
    handler, (sys.excepthook, threading.excepthook, background.worker_error_hook, was_enabled) = _installed, _previous
    _installed = _previous = None
    handler.close_logs()
    handler.stop_showing()
    if was_enabled:     # as it was before (pytest has it on stderr)
        faulthandler.enable(file=sys.__stderr__)
    handler.setParent(None)
