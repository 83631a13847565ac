"""The progress bar `nnstudio train` draws on stderr.

On a terminal it redraws one line in place at most ten times a second; elsewhere (a log file, a
CI job) it prints a plain line every couple of seconds and once at the end, so logs stay short.
"""
from __future__ import annotations

import math
import time
from typing import TextIO

from nnstudio.engine.training import Report
from nnstudio.training.text import format_duration, format_number

BAR_WIDTH = 24


class Progress:
    """Shows epoch/total, loss, steps per second and the time left of a training run."""

    def __init__(self, total_epochs: int, steps_per_epoch: int, stream: TextIO, *, start_epoch: int = 0,
                 enabled: bool = True, tty: bool | None = None, clock=time.monotonic) -> None:
        # Epoch numbers in reports continue the project's history; the bar counts this run only.
        self.start_epoch = start_epoch
        self.total_epochs = total_epochs
        self.total_steps = max(total_epochs * steps_per_epoch, 1)
        self.stream = stream
        self.enabled = enabled
        self.tty = _isatty(stream) if tty is None else tty
        self.interval = 0.1 if self.tty else 2.0
        self.clock = clock
        self.last_draw = -math.inf
        self.width = 0
        self.report: Report | None = None

    def update(self, report: Report) -> None:
        """Take a report; draw when enough time has passed since the last drawing."""
        self.report = report
        now = self.clock()
        if self.enabled and now - self.last_draw >= self.interval:
            self.last_draw = now
            self._draw(report, final=False)

    def close(self) -> None:
        """Draw the final state and end the line."""
        if self.enabled and self.report is not None:
            self._draw(self.report, final=True)

    def line(self, r: Report) -> str:
        # An epoch report's epoch is the count completed; a batch report's is the zero-based
        # epoch under way, which is the same count.
        done_epochs = r.epoch - self.start_epoch
        fraction = min(r.step / self.total_steps, 1.0) if self.total_steps else 1.0
        filled = int(round(fraction * BAR_WIDTH))
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        rate = r.step / r.elapsed if r.elapsed > 0 else math.nan
        eta = (self.total_steps - r.step) / rate if rate and math.isfinite(rate) and rate > 0 else math.nan
        if r.kind == "end" or fraction >= 1.0:
            eta = 0.0
        parts = [f"epoch {max(done_epochs, 0)}/{self.total_epochs}", f"[{bar}]", f"loss {format_number(r.loss)}"]
        if r.val_loss is not None:
            parts.append(f"val {format_number(r.val_loss)}")
        parts.append(f"{rate:.0f} steps/s" if math.isfinite(rate) else "– steps/s")
        parts.append(f"ETA {format_duration(eta)}" if r.kind != "end" else f"took {format_duration(r.elapsed)}")
        return "  ".join(parts)

    def _draw(self, r: Report, final: bool) -> None:
        text = self.line(r)
        if self.tty:
            # Pad over the previous, possibly longer line; \r returns to its start.
            pad = " " * max(self.width - len(text), 0)
            self.width = len(text)
            self.stream.write("\r" + text + pad + ("\n" if final else ""))
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False
