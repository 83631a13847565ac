"""When a training session sends its next snapshot and its next probe (no Qt).

Snapshots are throttled to what the eye can follow and to what the window can draw: after each
frame the window reports what it cost (`drawn`), and enough training time follows for the drawing
to stay a set share of the whole. Probes (forward passes for the views) are held to a share of the
training time. A run held back by its pace (training.pace) has time to spare: then the window may
draw as often as it keeps up with, and steps slower than the eye each get a snapshot and a probe.
"""
from __future__ import annotations

from nnstudio.training.pace import Pacer

SNAPSHOT_INTERVAL = 1 / 30      # s between throttled snapshots: what the eye can follow
GUI_SHARE = 0.06                # share of the training time the window may spend drawing snapshots
# ... when the worker trains on while the window draws (big networks, see RELEASES_GIL_WORK): then
# frames cost training only the GIL hand-overs, and the window may draw more often.
PARALLEL_GUI_SHARE = 0.12
# ... when the window is another process on another core: its drawing then costs training nothing
# but the snapshots themselves (OVERHEAD), and it may draw as often as it can keep up with.
OWN_CORE_GUI_SHARE = 0.4
FIRST_FRAME = 0.02              # s the first snapshot is guessed to take the window to draw
# The first frame also builds the views' items (3-5× a later frame): it counts as at most this
# much when pacing the next ones, or a short run would show its first picture and then nothing.
FIRST_FRAME_CAP = 0.05
FRAME_SMOOTHING = 0.3           # weight of the latest frame in the running estimate of a frame's cost
PROBE_INTERVAL = 0.2            # s between probes at the least
OVERHEAD = 0.03                 # share of the training time snapshots and probes may take


class FrameTiming:
    """The session's schedule of snapshots and probes, on time.perf_counter's clock.

    `drawn` is called from the thread that receives the window's acknowledgements; the rest from
    the training thread (floats replaced whole, so no lock is needed). `big_steps`: the steps are
    big enough for NumPy to release the GIL (the window then draws on another core, in parallel).
    `pace_limits`: the pace, not the engine, sets the speed just now."""

    def __init__(self, pacer: Pacer, own_core: bool = False) -> None:
        self.pacer = pacer
        self.own_core = own_core
        self.big_steps = False
        self.pace_limits = False
        self.t_next = 0.0                       # no throttled snapshot before this time
        self.frame_cost: float | None = None    # running estimate of the seconds the window takes a frame
        self.t_probe = 0.0                      # when the last probe was made
        self.cost_probe = 0.0                   # ... and what it cost

    def gui_share(self) -> float:
        if not self.big_steps:
            return OWN_CORE_GUI_SHARE if self.own_core else GUI_SHARE
        # NumPy's BLAS spreads big steps over every core, the window's too.
        return PARALLEL_GUI_SHARE

    def start(self, now: float) -> None:
        """Training starts: the first snapshot once it has had time to show something."""
        self.t_next = now + FIRST_FRAME / self.gui_share()

    def drawn(self, cost: float, now: float) -> None:
        """The window drew the last snapshot in `cost` seconds. Each frame is followed by enough
        training time for the window's drawing to stay about its share of the whole: a window with
        many views visible gets fewer frames rather than a slower run."""
        if self.frame_cost is None:
            self.frame_cost = min(cost, FIRST_FRAME_CAP)
        else:
            self.frame_cost += FRAME_SMOOTHING * (cost - self.frame_cost)
        share = self.gui_share()
        # Held back by its pace, the run has time to spare: the window may draw as often as it can.
        wait = 0.0 if self.pace_limits else self.frame_cost * (1.0 - share) / share
        self.t_next = max(self.t_next, now + wait)

    def every_step(self) -> bool:
        """Held back to fewer steps a second than snapshots: each step gets one."""
        return self.pace_limits and self.pacer.interval >= SNAPSHOT_INTERVAL

    def due(self, now: float) -> bool:
        """A snapshot may go now (if the window has drawn the last one)."""
        return now >= self.t_next or self.every_step()

    def sent(self, now: float, cost: float) -> None:
        """A snapshot that cost the session `cost` seconds (building and sending it) left at `now`."""
        if self.pace_limits:
            # Time to spare: ~30 a second, or every step when they are slower (every_step).
            self.t_next = now + max(SNAPSHOT_INTERVAL, 2 * cost)
        else:
            self.t_next = max(self.t_next, now + max(SNAPSHOT_INTERVAL, cost / OVERHEAD))

    def probe_due(self, now: float) -> bool:
        return now - self.t_probe >= self.probe_interval()

    def probed(self, started: float, ended: float) -> None:
        self.t_probe, self.cost_probe = ended, ended - started

    def probe_interval(self) -> float:
        """Seconds between probes: their cost is held to OVERHEAD of the training time, except when
        a pace leaves time to spare (then slow steps each get one)."""
        if self.pace_limits:
            interval = self.pacer.interval
            if interval >= SNAPSHOT_INTERVAL and 2 * self.cost_probe <= interval:
                return 0.0
            return max(min(PROBE_INTERVAL, interval / 2), 2 * self.cost_probe)
        return max(PROBE_INTERVAL, self.cost_probe / OVERHEAD)
