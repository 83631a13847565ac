"""Work that would stall the window, done in a thread of its own.

A panel hands `Background.run` a Qt-free function (on copies of what it needs, made in the GUI
thread); a plain worker thread calls it and the result comes back through a queued signal, so the
panel's `deliver` runs in the GUI thread. One thread at a time: asked again while one works, the
latest request waits and starts when it is done, the ones in between are never computed. A result
that is no longer wanted (`cancel`, or a newer request) is dropped, never delivered. Cyclic garbage
is collected in the GUI thread only (gc_thread). The live views' preview (ui.training.preview),
the Backprop layer summary and the Dataset panel all use it.

A work that raises is a bug: its exception comes back to the GUI thread and goes to
`report_worker_error`, which hands it to the window's fault handler (ui.fault_report sets
`worker_error_hook`) or, with none installed, prints it.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from nnstudio.ui.gc_thread import collect_garbage_in_gui_thread

JOIN_S = 5.0        # how long quitting waits for a thread under way
FAILED = -1         # the request number a work that raised comes back with: never delivered
Work = Callable[[], Any]

# Set by ui.fault_report while its handler is installed (this module stays free of it). It is
# called with a worker's exception, in the GUI thread but for a panel destroyed meanwhile.
worker_error_hook: Callable[[BaseException], None] | None = None


def report_worker_error(exc: BaseException) -> None:
    """Hand a worker's exception to the fault handler, or print it when none is installed."""
    hook = worker_error_hook
    if hook is not None:
        hook(exc)
    else:
        traceback.print_exception(exc)


class Background(QObject):
    """Runs one piece of work at a time off the GUI thread; `deliver(result)` gets the latest."""

    _done = Signal(int, object)     # from the thread: request number, result

    def __init__(self, deliver: Callable[[Any], None], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._deliver, self._name = deliver, name
        self._request = 0                   # numbers the requests; only the latest is delivered
        self._pending: tuple[int, Work] | None = None    # asked for while a thread worked
        self._thread: threading.Thread | None = None
        self._in_flight = False             # a thread was started and its result is not in yet
        self._wanted = 0                    # the request the thread under way computes
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        collect_garbage_in_gui_thread()     # the thread runs Python: see gc_thread
        app = QCoreApplication.instance()
        if app is not None:     # quitting: no thread may outlive Qt
            app.aboutToQuit.connect(self.join)

    def run(self, work: Work) -> None:
        """Compute `work()` in the worker thread, then deliver it (unless asked again meanwhile)."""
        self._request += 1
        if self._in_flight:
            self._pending = (self._request, work)
        else:
            self._start(self._request, work)

    def cancel(self) -> None:
        """Drop the result of any work asked for so far: what it was computed from has changed."""
        self._request += 1
        self._pending = None

    def is_busy(self) -> bool:
        """True while wanted work is being computed (or waits for its turn)."""
        return self._pending is not None or (self._in_flight and self._wanted == self._request)

    def join(self, timeout: float = JOIN_S) -> None:
        """Wait for the thread under way (the window closes); nothing more is delivered."""
        self.cancel()
        if self._thread is not None:
            self._thread.join(timeout)

    # --- internals ----------------------------------------------------------------------------
    def _start(self, request: int, work: Work) -> None:
        self._in_flight, self._wanted = True, request
        self._thread = threading.Thread(target=self._work, args=(request, work), name=self._name, daemon=True)
        self._thread.start()

    def _work(self, request: int, work: Work) -> None:
        """In the worker thread: no Qt object is touched but the signal that hands back the result."""
        try:
            result = work()
        except Exception as exc:   # a bug must not break editing: the panel keeps what it shows
            result, request = exc, FAILED
        try:
            self._done.emit(request, result)
        except RuntimeError:     # the panel was destroyed meanwhile: nobody wants the result
            if request == FAILED:
                report_worker_error(result)     # but the bug is still reported

    def _on_done(self, request: int, result: Any) -> None:
        self._in_flight = False
        if self._thread is not None:
            self._thread.join()             # it has emitted: this returns at once
        if request == FAILED:
            report_worker_error(result)
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self._start(*pending)
            return
        if request == self._request:
            self._deliver(result)
