"""Python's cyclic garbage collection, kept in the GUI thread.

The collector runs in whichever thread happens to allocate when a threshold is crossed. If that
is a worker thread (training, or relaying an engine process) and the garbage holds Qt objects (a
closed window's menus and actions), Qt destroys them outside the GUI thread: a crash, or a
deadlock (seen here: a relay thread collecting a QMenu's QActions while the GUI thread waited on
the same objects' mutex, each holding what the other needed). So automatic collection is turned
off and the GUI thread collects on a timer, whenever a generation is over its threshold:
pyqtgraph's GarbageCollector, which exists for this very reason.
"""
from __future__ import annotations

from pyqtgraph.util.garbage_collector import GarbageCollector

INTERVAL_S = 0.5
_collector: GarbageCollector | None = None


def collect_garbage_in_gui_thread() -> GarbageCollector:
    """Turn automatic collection off and collect from the GUI thread; once per process. Call it
    from the GUI thread before starting any thread that runs Python."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=INTERVAL_S)
    return _collector
