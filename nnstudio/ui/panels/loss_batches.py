"""Where a run's per-batch losses sit on the loss panel's epoch axis (no Qt).

A snapshot says how many batches and epochs are done, not how many batches make an epoch (the
last batch may be short, and a run may begin mid-epoch): BatchRun narrows that down as reports
come in, so each batch loss is drawn at its fraction of an epoch.
"""
from __future__ import annotations


class BatchRun:
    """One run's batches on the epoch axis: where it began and bounds on batches per epoch."""

    def __init__(self, first_epoch: float, first_index: int) -> None:
        self.first_epoch = first_epoch      # epochs done when the run began
        self.first_index = first_index      # its first point in the batch buffers
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
