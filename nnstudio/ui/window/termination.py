"""Quitting on SIGTERM or SIGHUP (POSIX) without losing work: the autosave is written at once
and kept for the next start, and the window closes without a prompt (nobody may be there to
answer). Installed by app.run with `protect`, which also schedules the recovery offer; tests
that make a MainWindow are unaffected."""
from __future__ import annotations

import signal
import socket
import sys
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QMessageBox

if TYPE_CHECKING:
    from nnstudio.ui.window.main_window import MainWindow


class TerminationWatch(QObject):
    """SIGTERM and SIGHUP (POSIX): write the autosave at once, then quit without a prompt.

    A Python signal handler runs only when the interpreter gets control, which it does not while
    Qt's event loop waits: `signal.set_wakeup_fd` writes a byte to a socket that a
    QSocketNotifier watches, so the handler runs at once."""

    def __init__(self, on_signal: Callable[[int], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_signal = on_signal
        self.installed = False
        if sys.platform == "win32" or not hasattr(signal, "SIGHUP"):
            return
        self.reader, self.writer = socket.socketpair()
        self.reader.setblocking(False)
        self.writer.setblocking(False)
        self.notifier = QSocketNotifier(self.reader.fileno(), QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._drain)
        signal.set_wakeup_fd(self.writer.fileno())
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._handle)
        self.installed = True
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.uninstall)

    def _drain(self) -> None:
        # The Python handler has run by now (the interpreter got control to call this slot).
        try:
            while self.reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def _handle(self, signum: int, _frame: object) -> None:
        self.on_signal(signum)

    def uninstall(self) -> None:
        """Back to the default handlers (quitting: no Qt object may be called after this)."""
        if not self.installed:
            return
        self.installed = False
        signal.set_wakeup_fd(-1)
        for signum in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, signal.SIG_DFL)


def quit_keeping_autosave(window: MainWindow) -> None:
    """A termination signal arrived: autosave now, close without asking, and quit."""
    window.autosaver.keep_for_recovery()
    # No "save changes?" prompt: nobody may be there to answer, and the autosave holds the changes.
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.close()
    QCoreApplication.exit(0)    # also ends a modal dialog's loop


def protect(window: MainWindow) -> TerminationWatch:
    """For the app's one window (app.run): quit keeping the autosave on SIGTERM and SIGHUP, and
    offer to recover what crashed instances left once the event loop runs. Keep the result."""
    watch = TerminationWatch(lambda _signum: quit_keeping_autosave(window), window)
    QTimer.singleShot(0, window.autosaver.offer_recovery)
    return watch
