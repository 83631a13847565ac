"""Loading data off the window's thread, with progress and Cancel.

A load is a Qt-free function `work(progress)`; it runs in a plain worker thread (like
ui.background) and calls `progress(fraction)` now and then, as `nnstudio.data.load_source` does.

- `ProgressToken` is what the worker's callback writes to and the GUI thread reads: the latest
  fraction and whether the user cancelled. Cancelling makes the worker's next report raise
  `LoadCancelled`, so the load stops where it is.
- `ProgressTask` runs one `work` in a thread and hands its outcome back to the GUI thread through a
  queued signal; a QTimer polls the token so the worker never touches a Qt object, and a burst
  of reports costs the window one repaint per poll.
- `load_with_progress(parent, label, work)` is the call a dialog makes: it returns `work`'s result
  (or raises its exception, or `LoadCancelled` when the user cancelled) like a plain call would,
  but the window keeps running meanwhile, and a window-modal QProgressDialog with Cancel appears
  once the load has taken SHOW_AFTER_MS, so a quick load never flashes one.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from nnstudio.data import LoadCancelled
from nnstudio.ui.gc_thread import collect_garbage_in_gui_thread
from nnstudio.ui.i18n import translate

SHOW_AFTER_MS = 300         # loads quicker than this never show a progress dialog or bar
POLL_MS = 50                # how often the GUI thread looks at the worker's progress
STEPS = 1000                # the progress bar's resolution
JOIN_S = 5.0                # how long quitting waits for a load under way
Work = Callable[[Callable[[float], None]], Any]


class ProgressToken:
    """Shared by a worker and the GUI thread: the fraction done and the user's Cancel. Plain
    attribute writes and a threading.Event, so either thread may use it without Qt."""

    def __init__(self) -> None:
        self.fraction = 0.0
        self._cancelled = threading.Event()

    def report(self, fraction: float) -> None:
        """The worker's progress callback: remember the fraction, stop if the user cancelled."""
        if self._cancelled.is_set():
            raise LoadCancelled()
        self.fraction = min(1.0, max(0.0, float(fraction)))

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()


class ProgressTask(QObject):
    """Runs `work(token.report)` once in a worker thread. In the GUI thread: `progressed(fraction)`
    while it runs (only when the fraction changed), then exactly one of `succeeded(result)`,
    `failed(exception)` or `cancelled()`."""

    progressed = Signal(float)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    _done = Signal(bool, object)        # from the worker: (it raised, result or exception)

    def __init__(self, work: Work, name: str = "nnstudio-load", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = ProgressToken()
        self._work, self._name = work, name
        self._thread: threading.Thread | None = None
        self._shown_fraction = -1.0
        self._finished = False
        self._disposed = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_progress)
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        collect_garbage_in_gui_thread()     # the thread runs Python: see gc_thread
        app = QCoreApplication.instance()
        if app is not None:     # quitting: no thread may outlive Qt
            app.aboutToQuit.connect(self.join)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()
        self._poll.start()

    def cancel(self) -> None:
        """Stop the load at its next report; `cancelled` follows (at once if it has not ended)."""
        self.token.cancel()
        if not self._finished:
            self._finish()
            self.cancelled.emit()

    def is_running(self) -> bool:
        return not self._finished

    def join(self, timeout: float = JOIN_S) -> None:
        """Wait for the worker (the app quits); the user's choice is a cancel."""
        self.token.cancel()
        if self._thread is not None:
            self._thread.join(timeout)

    def fraction(self) -> float:
        return self.token.fraction

    def dispose(self) -> None:
        """Delete the task once its worker has ended (now, or when a cancelled one stops)."""
        self._disposed = True
        if self._thread is None or not self._thread.is_alive():
            self.deleteLater()

    # --- internals ----------------------------------------------------------------------------
    def _run(self) -> None:
        """In the worker thread: no Qt object is touched but the signal that hands back the outcome."""
        try:
            outcome, raised = self._work(self.token.report), False
        except Exception as exc:        # handed to the GUI thread, which decides what it means
            outcome, raised = exc, True
        try:
            self._done.emit(raised, outcome)
        except RuntimeError:            # the task was destroyed meanwhile: nobody wants the outcome
            pass

    def _check_progress(self) -> None:
        fraction = self.token.fraction
        if fraction != self._shown_fraction and not self._finished:
            self._shown_fraction = fraction
            self.progressed.emit(fraction)

    def _finish(self) -> None:
        self._finished = True
        self._poll.stop()

    def _on_done(self, raised: bool, outcome: Any) -> None:
        if self._thread is not None:
            self._thread.join()             # it has emitted: this returns at once
        if self._disposed:
            self.deleteLater()
        if self._finished:                  # cancelled already: the outcome is dropped
            return
        self._finish()
        if raised and isinstance(outcome, LoadCancelled):
            self.cancelled.emit()
        elif raised:
            self.failed.emit(outcome)
        else:
            self.succeeded.emit(outcome)


def load_with_progress(parent: QWidget, label: str, work: Work, title: str | None = None) -> Any:
    """`work(progress)` run in a worker thread while the window keeps running; returns its result
    or raises its exception. A window-modal progress dialog over `parent`, labelled `label` over a
    bar that says the percentage, appears after SHOW_AFTER_MS; its Cancel (or Esc) raises LoadCancelled
    here at once, and the worker's outcome is dropped when it comes. `title` defaults to "Loading data"."""
    task = ProgressTask(work, parent=parent)
    dialog = QProgressDialog(label, translate("Loading", "Cancel"), 0, STEPS, parent)
    dialog.setObjectName("loadingProgress")
    dialog.setWindowTitle(title if title is not None else translate("Loading", "Loading data"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(2**30)        # shown by our own timer, never by QProgressDialog's guess
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    dialog.setValue(0)
    dialog.hide()
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def show_progress(fraction: float) -> None:
        dialog.setValue(int(fraction * STEPS))        # the bar says the percentage

    def end(kind: str, value: Any = None) -> None:
        outcome[kind] = value
        loop.quit()

    task.progressed.connect(show_progress)
    task.succeeded.connect(lambda result: end("result", result))
    task.failed.connect(lambda exc: end("error", exc))
    task.cancelled.connect(lambda: end("cancelled"))
    dialog.canceled.connect(task.cancel)
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)
    show_timer.timeout.connect(lambda: task.is_running() and dialog.show())
    show_timer.start(SHOW_AFTER_MS)
    task.start()
    if not outcome:
        loop.exec()
    show_timer.stop()
    dialog.canceled.disconnect(task.cancel)
    dialog.hide()
    dialog.deleteLater()
    task.dispose()          # a cancelled worker may still be stopping: its late outcome finds nobody
    if "cancelled" in outcome:
        raise LoadCancelled()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
