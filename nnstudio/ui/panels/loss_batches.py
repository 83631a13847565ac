"""Where a run's per-batch losses sit on the loss panel's epoch axis, and how many are kept.

A snapshot says how many batches and epochs are done, not how many batches make an epoch (the
last batch may be short, and a run may begin mid-epoch): BatchRun narrows that down as reports
come in, so each batch loss is drawn at its fraction of an epoch.

BatchSeries keeps the points. A run at full speed reports some 10,000 batch losses a second; kept
whole they would grow the window by a megabyte every few seconds and make every frame slower, so
past `limit` points the series thins itself: every 4 settled points become their smallest and
largest (in time order), which is what the plot's peak downsampling would draw of them anyway,
and from then on each new stretch of raw points is thinned as coarsely when it is settled. The
density stays even along the run (older points are not thinned more than newer ones), the first
batch and the last one are always kept, and every kept point is a real batch with its own step,
so it can be placed again when the estimate of batches per epoch changes.
"""
from __future__ import annotations

import numpy as np

from nnstudio.ui.panels.plotting import GrowingArray

BATCH_POINT_LIMIT = 50_000      # enough for a 4K-wide plot's peak bins; ~1.2 MB of buffers


class BatchRun:
    """One run's batches on the epoch axis: where it began and bounds on batches per epoch."""

    def __init__(self, first_epoch: float) -> None:
        self.first_epoch = first_epoch      # epochs done when the run began
        self.low, self.high = 1, 0          # low ≤ batches per epoch ≤ high (high 0: unknown)

    def observe(self, epochs_done: float, step: int) -> None:
        """Narrow the bounds with "`step` batches done when `epochs_done` epochs were"."""
        f = int(round(epochs_done - self.first_epoch))
        low, high = step // (f + 1) + 1, (step // f if f > 0 else 0)
        merged_low = max(self.low, low)
        merged_high = min(self.high, high) if self.high and high else (self.high or high)
        if merged_high and merged_low > merged_high:     # batches per epoch changed: trust the latest
            merged_low, merged_high = low, high
        self.low, self.high = merged_low, merged_high

    def per_epoch(self) -> int:
        """Batches per epoch: exact once an epoch has ended, a lower bound before."""
        return self.high or self.low


def min_max_kept(y: np.ndarray, group: int) -> np.ndarray:
    """Indices into `y` of what thinning keeps: of each whole group of `group` points its smallest
    and largest (in time order; one when they are the same point, as in a flat or NaN group), and
    the points after the last whole group as they are. NaN counts as smallest and largest, so a
    broken loss stays visible as a gap."""
    whole = len(y) // group
    rows = y[:whole * group].reshape(whole, group)
    pairs = np.sort(np.stack([np.argmin(rows, axis=1), np.argmax(rows, axis=1)], axis=1), axis=1)
    kept = (pairs + group * np.arange(whole)[:, None]).reshape(-1)
    if kept.size:
        kept = kept[np.r_[True, kept[1:] != kept[:-1]]]
    return np.concatenate([kept, np.arange(whole * group, len(y))])


class BatchSeries:
    """(x in epochs, loss, step in its run) of every kept batch point, in time order.

    Points [1, settled) are thinned to the current `span` (raw batches per kept min/max pair);
    [settled, size) are raw and wait for a whole span; point 0, the first batch, is never thinned.
    Thinning never mixes the current run's points (from `run_start` on) with earlier ones, so a
    new estimate of its batches per epoch moves its points and nothing else.
    """

    def __init__(self, limit: int = BATCH_POINT_LIMIT) -> None:
        self.limit = max(16, limit)
        self.x, self.y, self.step = GrowingArray(), GrowingArray(), GrowingArray()
        self.truncate(0)

    @property
    def size(self) -> int:
        return self.y.size

    def truncate(self, size: int) -> None:
        """Keep the first `size` points (all of them thinned as they are)."""
        for buf in (self.x, self.y, self.step):
            buf.truncate(size)
        if self.size == 0:
            self.span = 2
            self.settled = self.run_start = 0
        self.settled = min(self.settled, self.size)
        self.run_start = min(self.run_start, self.size)

    def start_run(self) -> None:
        """The points appended from now on are a new run's: settle the last run's raw points."""
        self._thin_raw(whole_only=False)
        self.run_start = self.size

    def extend(self, steps: np.ndarray, losses: np.ndarray) -> None:
        """Raw points; their x is set by `place` before the next `settle`."""
        self.step.extend(steps)
        self.y.extend(losses)
        self.x.extend(np.full(len(losses), np.nan))

    def place(self, first: int, first_epoch: float, per_epoch: int) -> None:
        """x of the points from index `first` on (this run's), from their steps."""
        x = self.x.view()
        x[first:] = first_epoch + self.step.view()[first:] / per_epoch

    def settle(self) -> None:
        """Thin the raw points that fill whole spans, and everything once past the limit."""
        self._thin_raw(whole_only=True)
        while self.size > self.limit:
            before = self.size
            self._thin_settled()
            self._thin_raw(whole_only=True)
            if self.size >= before:         # nothing left to thin (a limit below a span's raw points)
                break

    # --- internals ------------------------------------------------------------------------
    def _thin_raw(self, whole_only: bool) -> None:
        """Thin the raw points [settled, size) to the current span and settle them; `whole_only`:
        only whole spans, and the last point (the latest batch) stays raw."""
        lo = max(1, self.settled)
        raw = (self.size - 1 if whole_only else self.size) - lo
        whole = raw // self.span * self.span if whole_only else raw
        if whole <= 0:
            return
        if self.span > 2:
            kept = lo + min_max_kept(self.y.view()[lo:lo + whole], self.span)
        else:
            kept = np.arange(lo, lo + whole)
        self._keep_from(lo, np.concatenate([kept, np.arange(lo + whole, self.size)]))
        self.settled = lo + len(kept)

    def _thin_settled(self) -> None:
        """Halve the settled points (each 4 become their min/max pair) and double the span."""
        y, old_start, old_settled = self.y.view(), self.run_start, self.settled
        bounds = sorted({1, min(max(old_start, 1), old_settled), old_settled}) if old_settled > 1 else []
        pieces = [np.arange(min(1, self.size))]
        for lo, hi in zip(bounds, bounds[1:]):
            if lo == old_start:
                self.run_start = sum(len(p) for p in pieces)
            pieces.append(lo + min_max_kept(y[lo:hi], 4))
        self.settled = sum(len(p) for p in pieces)
        if old_start >= old_settled:
            self.run_start = old_start - (old_settled - self.settled)
        self._keep_from(0, np.concatenate(pieces + [np.arange(max(old_settled, len(pieces[0])), self.size)]))
        self.span *= 2

    def _keep_from(self, start: int, kept: np.ndarray) -> None:
        """Keep, of the points from `start` on, those at the (absolute, increasing) indices `kept`."""
        for buf in (self.x, self.y, self.step):
            values = buf.view()[kept]
            buf.truncate(start)
            buf.extend(values)
