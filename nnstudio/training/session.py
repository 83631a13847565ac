"""A training session: trains a project (a copy it owns) and reports LiveSnapshots, without Qt.

Hosts run it: `ui.training.worker` in a QThread of the window's process, `training.engine_process`
in a process of its own (the default: the engine and the window then never wait for each
other's GIL). Commands (run, pause, step, stop, new settings) may come from another thread; they
are set under a lock and read between batches, in the `should_stop` callback the engine polls.
While paused the session waits inside it, so a paused run keeps its place mid-epoch and its
optimiser state. Snapshots leave through `send("snapshot", snap)`, at most ~30 a second and only
once the window has drawn the previous one (`ack`); epochs and batch losses wait for the next one,
none is lost. Errors leave through `send("failed", text)`.
A pace (training.pace: steps a second, "auto" or "full") is held in `should_stop` too, by waiting
before a step; then snapshots may come every step, and the run may go on past its epochs until
stopped (`until_stopped`). Both are the window's settings, changed at any time.
Changes asked for mid-run are taken in training.session_changes, reports and snapshots are made in
training.session_reports (both mixed into TrainingSession).
"""
from __future__ import annotations

import copy
import threading
import time
import traceback
from typing import Callable

from nnstudio.engine.training import Report
from nnstudio.errors import ProjectError
from nnstudio.training.frames import FrameTiming
from nnstudio.training.live import probe_split
from nnstudio.project.model import History, Project, TrainingSpec
from nnstudio.training.pace import FULL, Pace, Pacer, RateMeter, check_pace
from nnstudio.training.runner import TrainingRun
from nnstudio.training.session_changes import SessionChanges
from nnstudio.training.session_reports import DRAW_WAIT, SessionReports

Send = Callable[[str, object], None]

# Steps with more multiply-adds than this spend their time in NumPy kernels that release the GIL:
# the window then draws on the other core while training goes on, instead of waiting its turn.
RELEASES_GIL_WORK = 1e6
# Per-batch reports cost ~10 % on tiny networks: they are asked for only where epochs are slow enough
# for batches to be worth watching: more multiply-adds an epoch than this, or an epoch over
# session_reports.SLOW_EPOCH s.
BATCH_REPORT_WORK = 2e7
COMMANDS = ("run", "pause", "step_batch", "step_epoch", "stop")
# Until stopped, the engine is asked for this many epochs at a time: in effect, no end. (A cosine
# schedule whose t_max is 0, "the run's epochs", then keeps its starting rate.)
ENDLESS_EPOCHS = 10**9


def _check(command: str) -> None:
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")


class TrainingSession(SessionChanges, SessionReports):
    """Trains `project` (a copy the session owns) when `run_session` is called, in the calling
    thread.

    `command(kind)`, `update_settings(spec)`, `set_wants` and `ack` may be called from any thread.
    `session_start` is the epoch the user's run began at: the run ends at session_start +
    training.epochs. `own_core`: the window draws in another process, on a core of its own, so
    the session never waits for it to draw. `pace`: steps a second, "auto" or "full" (see
    training.pace); `until_stopped`: train past training.epochs until a pause or a stop.
    `clock` and `sleep(seconds)` time the pace (tests pass fake ones); the default sleep is a wait
    that a command cuts short."""

    def __init__(self, project: Project, command: str = "run", session_start: int | None = None,
                 send: Send | None = None, own_core: bool = False, pace: Pace = FULL,
                 until_stopped: bool = False, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        _check(command)
        self._send = send or (lambda kind, payload: None)
        self.own_core = own_core
        self.project = project
        self.run: TrainingRun | None = None
        start = len(project.history.epoch)
        self.session_start = start if session_start is None else min(int(session_start), start)
        self._cond = threading.Condition()
        self._mode = command                    # guarded by _cond
        self._budget = 1 if command == "step_batch" else 0
        self._pending: TrainingSpec | None = None
        self._wants = (True, True)              # (matrices, probe)
        self._wants_gradients = False           # snapshots carry each edge's ∂L/∂w
        self._probe_sample = 0                  # the chosen sample: its feature maps and gates are probed
        self._acked = threading.Event()
        self._acked.set()
        self._pacer = Pacer(pace, clock or time.perf_counter)
        self._frames = FrameTiming(self._pacer, own_core)   # when snapshots and probes may go
        self._sleep = sleep or self._cond.wait  # called holding _cond
        self._endless = bool(until_stopped)     # train until stopped (set from any thread)
        self._control = False                   # the pace or until-stopped changed: see _take_control
        # The rest belongs to the training thread.
        self._applied = copy.deepcopy(project.training)   # the settings the run trains with
        self._next_spec: TrainingSpec | None = None         # settings waiting for an epoch boundary
        self._restart = ""                      # "", "restart", "optimizer" or "rebuild"
        self._at_boundary = True
        self._batch_reports = False             # the engine reports every batch, not only epochs
        self._slow_epochs = False               # an epoch took longer than SLOW_EPOCH (session_reports)
        self._batches_per_epoch = 1
        self._last: Report | None = None        # the latest batch or epoch report
        self._last_epoch: Report | None = None  # the latest epoch report
        self._gen_steps = 0                     # steps of the current report generator
        self._steps_before = 0                  # steps of earlier generators of this session
        self._epoch_step = 0                    # steps done when the latest epoch ended
        self._history = History()               # epochs since the last snapshot
        self._losses: list[float] = []          # batch losses since the last snapshot
        self._t_epoch = self._t_epoch_start = 0.0
        self._sent = False                      # a snapshot has been sent
        self._active = 0.0                      # seconds spent training before `_t_resume`
        self._t_resume: float | None = None     # when training last resumed; None while paused
        self._rate = RateMeter()                # steps a second over the last ~2 s
        self._probe_data = None
        self._wait_for_draw = True              # hand the GIL to the window while it draws
        self._probe_raw = None                  # the probed samples' raw input rows
        self._paced = False                     # a pace holds training back (not full speed)
        self._reports_endless = self._endless   # the until-stopped the report generator was made for

    # --- called from any thread ----------------------------------------------------------------
    def command(self, kind: str) -> None:
        """run | pause | step_batch | step_epoch | stop; applied before the next batch."""
        _check(kind)
        with self._cond:
            if kind == "step_batch":
                self._budget = (self._budget if self._mode == "step_batch" else 0) + 1
            if self._mode != "stop":            # a stop is final
                self._mode = kind
            self._cond.notify_all()

    def update_settings(self, training: TrainingSpec) -> None:
        """New training settings: optimiser values apply at the next batch, the rest at the next
        epoch (see `settings_change`)."""
        with self._cond:
            self._pending = copy.deepcopy(training)
            self._cond.notify_all()

    def set_pace(self, pace: Pace) -> None:
        """Steps a second, "auto" or "full": in force from the next batch (a wait under way for
        a slower pace is cut short)."""
        with self._cond:
            self._pacer.set(check_pace(pace))
            self._control = True
            self._cond.notify_all()

    def set_until_stopped(self, endless: bool) -> None:
        """Train past training.epochs until paused or stopped (True), or end at them (False)."""
        with self._cond:
            self._endless = bool(endless)
            self._control = True
            self._cond.notify_all()

    def pace(self) -> float | None:
        """The steps a second in force (None: full speed)."""
        return self._pacer.steps_per_s()

    def set_wants(self, matrices: bool, probe: bool, sample: int = 0, gradients: bool = False) -> None:
        """Whether throttled snapshots need weight matrices and probes (a view shows them); the
        ones at a pause or the end always carry both. `sample`: the probed sample whose feature
        maps and gates the probes carry (the window's chosen sample). `gradients`: every snapshot
        carries each edge's ∂L/∂w (the canvas colours edges by them)."""
        self._wants = (bool(matrices), bool(probe))
        self._wants_gradients = bool(gradients)
        self._probe_sample = max(int(sample), 0)

    def ack(self, cost: float = 0.0) -> None:
        """The GUI has taken (and drawn) the last snapshot, which took it `cost` seconds (see
        FrameTiming.drawn)."""
        self._frames.drawn(cost, time.perf_counter())
        self._acked.set()

    # --- the training thread --------------------------------------------------------------------
    def run_session(self) -> None:
        """Build the run and train until stopped or done; a crash is reported, not raised."""
        try:
            self._work()
        except Exception as exc:   # a bug in the engine must not leave the window waiting forever
            traceback.print_exc()
            self._send("failed", f"Training failed: {type(exc).__name__}: {exc}")

    def _work(self) -> None:
        try:
            self.run = TrainingRun(self.project)
        except ProjectError as exc:
            self._send("failed", str(exc))
            return
        self._new_run()
        self._t_resume = time.perf_counter()
        self._frames.start(self._t_resume)
        while True:
            run = self.run
            target = self._target()
            remaining = ENDLESS_EPOCHS if target is None else target - run.epochs_done
            if remaining <= 0:
                final = Report("end", run.epochs_done, 0, float("nan"), status="finished")
                break
            self._restart, self._at_boundary, self._gen_steps = "", True, 0
            self._reports_endless = target is None
            self._t_epoch_start = time.perf_counter()
            for report in run.reports(remaining, self._should_stop, self._batch_reports):
                self._on_report(report)
            final = run.final
            self._gen_steps = final.step
            restart = self._restart and final.status == "stopped" and self._mode != "stop"
            # Until stopped was turned on just as the epochs ran out: train on.
            more = final.status == "finished" and self._endless
            if not (restart or more):
                break
            self._steps_before += self._gen_steps
            self._gen_steps = 0
            if self._restart:               # asked for at the boundary just reached
                self._apply_restart()
        self._pause_clock()
        self._emit(final.status, final.message, force=True)

    def _new_run(self) -> None:
        run = self.run
        n = len(run.train_split)
        size = run.training.batch_size
        multi_batch = 0 < size < n
        weights = sum(p.value.size for p in run.model.network.trainables())
        self._batches_per_epoch = -(-n // size) if multi_batch else 1
        rows = size if multi_batch else n
        big = self._frames.big_steps = rows * weights >= RELEASES_GIL_WORK
        target = self.session_start + int(run.training.epochs)
        self._pacer.decide_auto(max(target - run.epochs_done, 1) * self._batches_per_epoch, rows, weights)
        self._paced = self._frames.pace_limits = self._pacer.interval > 0
        self._batch_reports = self._wants_batch_reports()
        self._wait_for_draw = not (self.own_core or big)
        self._probe_data = probe_split(run.all_samples())
        self._probe_raw = run.dataset.inputs.reshape(len(run.dataset), -1)[:len(self._probe_data)]

    def _wants_batch_reports(self) -> bool:
        """Per-batch reports cost tiny networks ~10 %: asked for where batches are worth watching
        (slow epochs, big ones) and while paced, so that each step waited for may reach the window."""
        run = self.run
        n, size = len(run.train_split), run.training.batch_size
        if not 0 < size < n:
            return False
        weights = sum(p.value.size for p in run.model.network.trainables())
        return self._slow_epochs or n * weights > BATCH_REPORT_WORK or self._paced

    def _target(self) -> int | None:   # the epoch this run ends at; None until stopped
        return None if self._endless else self.session_start + int(self.run.training.epochs)

    def _steps(self) -> int:           # batches trained by this session
        return self._steps_before + self._gen_steps

    def _active_time(self) -> float:
        resumed = self._t_resume
        return self._active + (time.perf_counter() - resumed if resumed is not None else 0.0)

    def _pause_clock(self) -> None:
        self._active = self._active_time()
        self._t_resume = None

    # --- between batches --------------------------------------------------------------------------
    def _should_stop(self) -> bool:
        """The engine's poll before every batch: apply settings, obey commands, wait while paused,
        hold the pace."""
        if self._mode == "run" and self._pending is None and not self._restart and not self._paced \
                and not self._control:
            # The common case, read without the lock (an attribute read is atomic): this runs
            # tens of thousands of times a second for small networks.
            self._at_boundary = False
            self._gen_steps += 1
            return False
        announced = slept = False
        while True:
            if self._pending is not None:
                self._take_settings()
            if self._control:
                self._take_control()
            if self._restart and self._at_boundary:
                return True                       # internal: the generator restarts with new settings
            with self._cond:
                mode = self._mode
                if mode == "stop":
                    return True
                if mode == "run":
                    wait = self._pacer.wait()
                    if wait > 0:
                        slept = True
                        self._sleep(wait)         # a command or a new pace wakes it
                        continue
                    break
                if mode == "step_epoch":
                    break
                if mode == "step_batch" and self._budget > 0:
                    self._budget -= 1
                    if self._budget == 0:
                        self._mode = "pause"      # after this batch
                    break
                if announced and self._pending is None and not self._control:
                    self._cond.wait(0.5)
                    continue
            if not announced:
                self._pause_clock()
                self._emit("paused", force=True)
                announced = True
        if self._paced:
            if not announced and self._pacer.started():
                # Whether the pace holds training back, or the steps are slower than it anyway (a
                # first step, or one after a pause, says nothing).
                self._frames.pace_limits = slept
            if self._frames.every_step() and self._sent and not self._acked.is_set():
                # Slow enough to show every step: let the window draw the last one first.
                self._acked.wait(DRAW_WAIT)
            self._pacer.stepped()
        if self._t_resume is None:
            self._t_resume = time.perf_counter()
            self._t_epoch_start = self._t_resume     # a pause is not a slow epoch
        self._at_boundary = False
        self._gen_steps += 1
        return False

