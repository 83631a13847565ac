"""`Ticker`: how the loaders report progress. A loader calls its ticker as often as it likes (it is
cheap: a clock read); the ticker passes a value on to the `Progress` callback at most every
`MIN_INTERVAL` (counted from the end of the last call), never smaller than the one before, mapped into the share of the bar the current
phase stands for. A LoadCancelled raised by the callback goes through the ticker unchanged."""
from __future__ import annotations

import time

from nnstudio.data.dataset import Progress

MIN_INTERVAL = 0.005     # seconds: a callback that redraws a bar needs no more than 200 calls a second


class _Shared:
    """What every phase of one load shares: the last value passed on and when."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.value = 0.0
        self.at = time.perf_counter()


class Ticker:
    """Reports the fraction done of the phase `lo`..`hi` of a load to `progress`."""

    def __init__(self, progress: Progress | None, lo: float = 0.0, hi: float = 1.0,
                 shared: _Shared | None = None):
        self._shared = shared or _Shared(progress)
        self._lo, self._hi = lo, hi

    @classmethod
    def of(cls, progress: Progress | None) -> Ticker:
        """`progress` itself when it is a Ticker, else a ticker that reports to it (or to nobody)."""
        return progress if isinstance(progress, Ticker) else cls(progress)

    def part(self, lo: float, hi: float) -> Ticker:
        """The ticker of a phase that stands for `lo`..`hi` of this one."""
        span = self._hi - self._lo
        return Ticker(None, self._lo + span * lo, self._lo + span * hi, self._shared)

    def __call__(self, fraction: float) -> None:
        """`fraction` (0..1) of this phase is done."""
        shared = self._shared
        if shared.progress is None:
            return
        now = time.perf_counter()
        if now - shared.at < MIN_INTERVAL:
            return
        value = self._lo + (self._hi - self._lo) * min(1.0, max(0.0, fraction))
        if value > shared.value:
            shared.value = value
        shared.progress(shared.value)
        shared.at = time.perf_counter()     # from the call's end: a slow callback is not called back to back
