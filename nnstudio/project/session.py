"""A training session: trains a project (a copy it owns) and reports LiveSnapshots, without Qt.

Hosts run it: `ui.training.worker` in a QThread of the window's process, `project.engine_process`
in a process of its own (the default: the engine and the window then never wait for each
other's GIL). Commands (run, pause, step, stop, new settings) may come from another thread; they
are set under a lock and read between batches, in the `should_stop` callback the engine polls.
While paused the session waits inside it, so a paused run keeps its place mid-epoch and its
optimiser state. Snapshots leave through `send("snapshot", snap)`, at most ~30 a second and only
once the window has drawn the previous one (`ack`); epochs and batch losses wait for the next one,
none is lost. Errors leave through `send("failed", text)`.
A pace (project.pace: steps a second, "auto" or "full") is held in `should_stop` too, by waiting
before a step; then snapshots may come every step, and the run may go on past its epochs until
stopped (`until_stopped`). Both are the window's settings, changed at any time.
"""
from __future__ import annotations

import copy
import threading
import time
import traceback
from collections import deque
from typing import Callable

import numpy as np

from nnstudio.engine.training import Report
from nnstudio.project import probes
from nnstudio.project.errors import ProjectError
from nnstudio.project.live import LiveSnapshot, make_probe, peak_downsample, probe_split
from nnstudio.project.model import History, Project, TrainingSpec
from nnstudio.project.pace import FULL, Pace, Pacer, check_pace
from nnstudio.project.runner import TrainingRun, build_optimizer
from nnstudio.project.settings import settings_change

Send = Callable[[str, object], None]

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
DRAW_WAIT = 0.25                # s the worker waits at most for the window to draw a snapshot
# Steps with more multiply-adds than this spend their time in NumPy kernels that release the GIL:
# the window then draws on the other core while training goes on, instead of waiting its turn.
RELEASES_GIL_WORK = 1e6
PROBE_INTERVAL = 0.2            # s between probes at the least
OVERHEAD = 0.03                 # share of the training time snapshots and probes may take
# Per-batch reports cost ~10 % on tiny networks: they are asked for only where epochs are slow enough
# for batches to be worth watching: more multiply-adds an epoch than this, or an epoch over SLOW_EPOCH s.
BATCH_REPORT_WORK = 2e7
SLOW_EPOCH = 0.05
COMMANDS = ("run", "pause", "step_batch", "step_epoch", "stop")
# Until stopped, the engine is asked for this many epochs at a time: in effect, no end. (A cosine
# schedule whose t_max is 0, "the run's epochs", then keeps its starting rate.)
ENDLESS_EPOCHS = 10**9


def _check(command: str) -> None:
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}")


class TrainingSession:
    """Trains `project` (a copy the session owns) when `run_session` is called, in the calling
    thread.

    `command(kind)`, `update_settings(spec)`, `set_wants` and `ack` may be called from any thread.
    `session_start` is the epoch the user's run began at: the run ends at session_start +
    training.epochs. `own_core`: the window draws in another process, on a core of its own, so
    the session never waits for it to draw. `pace`: steps a second, "auto" or "full" (see
    project.pace); `until_stopped`: train past training.epochs until a pause or a stop.
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
        self._acked = threading.Event()
        self._acked.set()
        self._t_next = 0.0                      # no throttled snapshot before this time
        self._frame_cost: float | None = None   # running estimate of the seconds the window takes a frame
        self._pacer = Pacer(pace, clock or time.perf_counter)
        self._sleep = sleep or self._cond.wait  # called holding _cond
        self._endless = bool(until_stopped)     # train until stopped (set from any thread)
        self._control = False                   # the pace or until-stopped changed: see _take_control
        # The rest belongs to the training thread.
        self._applied = copy.deepcopy(project.training)   # the settings the run trains with
        self._next_spec: TrainingSpec | None = None         # settings waiting for an epoch boundary
        self._restart = ""                      # "", "restart", "optimizer" or "rebuild"
        self._at_boundary = True
        self._batch_reports = False             # the engine reports every batch, not only epochs
        self._slow_epochs = False               # an epoch took longer than SLOW_EPOCH
        self._batches_per_epoch = 1
        self._last: Report | None = None        # the latest batch or epoch report
        self._last_epoch: Report | None = None  # the latest epoch report
        self._gen_steps = 0                     # steps of the current report generator
        self._steps_before = 0                  # steps of earlier generators of this session
        self._epoch_step = 0                    # steps done when the latest epoch ended
        self._history = History()               # epochs since the last snapshot
        self._losses: list[float] = []          # batch losses since the last snapshot
        self._t_emit = self._t_probe = self._t_epoch = self._t_epoch_start = 0.0
        self._cost_emit = self._cost_probe = 0.0
        self._sent = False                      # a snapshot has been sent
        self._active = 0.0                      # seconds spent training before `_t_resume`
        self._t_resume: float | None = None     # when training last resumed; None while paused
        self._rates: deque[tuple[float, int]] = deque()   # (active time, steps) over the last ~2 s
        self._probe_data = None
        self._wait_for_draw = True              # hand the GIL to the window while it draws
        self._big_steps = False                 # steps big enough for NumPy to release the GIL
        self._probe_raw = None                  # the probed samples' raw input rows
        self._paced = False                     # a pace holds training back (not full speed)
        self._pace_limits = False               # ... and the last step had to wait for it
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

    def set_wants(self, matrices: bool, probe: bool) -> None:
        """Whether throttled snapshots need weight matrices and probes (a view shows them); the
        ones at a pause or the end always carry both."""
        self._wants = (bool(matrices), bool(probe))

    def ack(self, cost: float = 0.0) -> None:
        """The GUI has taken (and drawn) the last snapshot, which took it `cost` seconds. Each frame
        is followed by enough training time for the window's drawing to stay about GUI_SHARE of
        the whole: a window with many views visible gets fewer frames rather than a slower run."""
        if self._frame_cost is None:
            self._frame_cost = min(cost, FIRST_FRAME_CAP)
        else:
            self._frame_cost += FRAME_SMOOTHING * (cost - self._frame_cost)
        share = self._gui_share()
        # Held back by its pace, the run has time to spare: the window may draw as often as it can.
        wait = 0.0 if self._pace_limits else self._frame_cost * (1.0 - share) / share
        self._t_next = max(self._t_next, time.perf_counter() + wait)
        self._acked.set()

    def _gui_share(self) -> float:
        if not self._big_steps:
            return OWN_CORE_GUI_SHARE if self.own_core else GUI_SHARE
        # NumPy's BLAS spreads big steps over every core, the window's too.
        return PARALLEL_GUI_SHARE

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
        self._t_next = self._t_resume + FIRST_FRAME / self._gui_share()
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
            if restart:
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
        self._big_steps = rows * weights >= RELEASES_GIL_WORK
        target = self.session_start + int(run.training.epochs)
        self._pacer.decide_auto(max(target - run.epochs_done, 1) * self._batches_per_epoch, rows, weights)
        self._paced = self._pace_limits = self._pacer.interval > 0
        self._batch_reports = self._wants_batch_reports()
        self._wait_for_draw = not (self.own_core or self._big_steps)
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
                self._pace_limits = slept
            if self._every_step() and self._sent and not self._acked.is_set():
                # Slow enough to show every step: let the window draw the last one first.
                self._acked.wait(DRAW_WAIT)
            self._pacer.stepped()
        if self._t_resume is None:
            self._t_resume = time.perf_counter()
            self._t_epoch_start = self._t_resume     # a pause is not a slow epoch
        self._at_boundary = False
        self._gen_steps += 1
        return False

    def _take_control(self) -> None:
        """A new pace or until-stopped: the pace holds from now; a change in what the report
        generator was made for (batch reports while paced, its number of epochs) restarts it at the
        next epoch boundary."""
        with self._cond:
            self._control = False
            endless = self._endless
        run = self.run
        if run is None:
            return
        paced, self._paced = self._paced, self._pacer.interval > 0
        if self._paced and not paced:
            self._pace_limits = True          # until a step says otherwise
        if self._wants_batch_reports() != self._batch_reports or endless != self._reports_endless:
            self._restart = self._restart or "restart"
            self._next_spec = self._next_spec or self._applied

    def _take_settings(self) -> None:
        with self._cond:
            spec, self._pending = self._pending, None
        if spec is None or self.run is None:
            return
        change = settings_change(self._next_spec or self._applied, spec)
        if self._next_spec is None and change in ("", "live"):
            self._set_optimizer_values(spec)
            self.run.training = self._applied = spec
            return
        # The rest waits for an epoch boundary; keep the strongest change asked for until then.
        order = ("", "live", "restart", "optimizer", "rebuild")
        self._restart = max(self._restart or "restart", change, key=order.index)
        self._next_spec = spec

    def _apply_restart(self) -> None:
        """At an epoch boundary, with the report generator ended: train on `_next_spec`."""
        spec, kind = self._next_spec, self._restart
        self._restart, self._next_spec = "", None
        run, before = self.run, self.project.training
        self.project.training = copy.deepcopy(spec)
        try:
            if kind == "rebuild":
                # Recompile from our copy, with the trained weights: the optimiser state is lost, as
                # it must be when the loss or the number type changes.
                run.write_back(self.project)
                self.run = TrainingRun(self.project)
            elif kind == "optimizer":
                run.optimizer = build_optimizer(self.project, run.model)
        except ProjectError as exc:
            self.project.training = before
            self._send("failed", f"The new training settings were not applied: {exc}")
            return
        if kind != "rebuild":
            self._set_optimizer_values(spec)
            reg = spec.regularization or {}
            run.model.objective.l1, run.model.objective.l2 = float(reg.get("l1", 0.0)), float(reg.get("l2", 0.0))
            run.training = spec
        self._applied = spec
        self._new_run()

    def _set_optimizer_values(self, spec: TrainingSpec) -> None:
        settings = self.run.optimizer.settings
        for key, value in spec.optimizer.items():
            if key != "kind" and key in settings:
                settings[key] = value

    # --- reports and snapshots ------------------------------------------------------------------
    def _on_report(self, report: Report) -> None:
        # Runs once a batch or an epoch: kept lean, tiny networks do thousands of epochs a second.
        kind = report.kind
        self._last = report
        self._gen_steps = report.step
        now = time.perf_counter()
        every_step = self._every_step()
        if kind == "batch":
            self._losses.append(report.batch_losses[0])
            if every_step and report.step % self._batches_per_epoch == 0:
                return      # the epoch's report follows at once: one snapshot for the step, with it
        elif kind == "end":
            return
        else:
            self._last_epoch = report
            self._t_epoch = now
            self._epoch_step = self._steps_before + report.step
            h = self._history
            h.epoch.append(report.epoch)
            h.loss.append(report.loss)
            h.val_loss.append(report.val_loss)
            h.accuracy.append(report.accuracy)
            h.val_accuracy.append(report.val_accuracy)
            if not self._batch_reports:
                self._losses.extend(report.batch_losses)
                if self._batches_per_epoch > 1 and not self._paced and now - self._t_epoch_start > SLOW_EPOCH:
                    # Slow epochs: restart the reports at this boundary, now with every batch.
                    self._slow_epochs = True
                    self._restart = self._restart or "restart"
                    self._next_spec = self._next_spec or self._applied
            self._at_boundary = True
            if self._mode == "step_epoch":
                with self._cond:
                    if self._mode == "step_epoch":
                        self._mode = "pause"
        if (every_step or now >= self._t_next) and self._acked.is_set():
            self._emit("running")
        if kind == "epoch":
            # After the snapshot: its time (and the wait for the window) is not the epoch's.
            self._t_epoch_start = time.perf_counter()

    def _emit(self, status: str, message: str = "", force: bool = False) -> None:
        """Send what happened since the last snapshot. `force`: a pause or the end (always sent,
        with matrices and a probe)."""
        t0 = time.perf_counter()
        run, last, last_epoch = self.run, self._last, self._last_epoch
        model = run.model
        want_matrices, want_probe = self._wants
        snap = LiveSnapshot(status, message, run.epochs_done, self._target(), self._steps())
        snap.lr = float(run.optimizer.settings["lr"] if last is None else last.lr)
        # The last epoch's figures; the running mean of the epoch under way only when epochs are slow.
        shown = last_epoch if last_epoch is not None and t0 - self._t_epoch < 1.0 else last
        if shown is not None:
            snap.loss, snap.accuracy = float(shown.loss), shown.accuracy
        if last_epoch is not None:
            snap.val_loss, snap.val_accuracy = last_epoch.val_loss, last_epoch.val_accuracy
        snap.elapsed = self._active_time()
        snap.steps_per_s, snap.eta_s = self._rate(snap.elapsed)
        snap.new_history, self._history = self._history, History()
        snap.batch_losses = peak_downsample(np.asarray(self._losses, dtype=np.float64))
        self._losses = []
        snap.edge_weights = model.edge_weights()
        if force or want_matrices:
            snap.matrices = probes.weight_matrices(self.project, model)
        if force:   # what the controller writes back into the document
            snap.node_params = model.node_params()
            snap.normalizer, snap.has_normalizer = run.normalizer_dict(), True
        built = time.perf_counter() - t0
        if force or (want_probe and t0 - self._t_probe >= self._probe_interval()):
            t1 = time.perf_counter()
            snap.probe = make_probe(self.project, model, self._probe_data, run.dataset.class_names,
                                    self._probe_raw, run.encoder.encode, total=len(run.dataset))
            self._t_probe = time.perf_counter()
            self._cost_probe = self._t_probe - t1
        self._acked.clear()
        t_send = time.perf_counter()
        self._send("snapshot", snap)    # to an engine process: pickled and written to a pipe
        self._t_emit = time.perf_counter()
        # The first one also carries the probe's inputs, which an engine process sends only once.
        self._cost_emit = built + (self._t_emit - t_send if self._sent else 0.0)
        self._sent = True
        if self._pace_limits:
            # Time to spare: ~30 a second, or every step when they are slower (_every_step).
            self._t_next = self._t_emit + max(SNAPSHOT_INTERVAL, 2 * self._cost_emit)
        else:
            self._t_next = max(self._t_next, self._t_emit + max(SNAPSHOT_INTERVAL, self._cost_emit / OVERHEAD))
        if not force and self._wait_for_draw:
            # Let the window draw it alone: its views need the GIL hundreds of times a frame, each
            # time waiting for our next switch interval. Waiting here costs that GIL time once.
            self._acked.wait(DRAW_WAIT)

    def _probe_interval(self) -> float:
        """Seconds between probes: their cost is held to OVERHEAD of the training time, except when
        a pace leaves time to spare (then slow steps each get one)."""
        if self._pace_limits:
            interval = self._pacer.interval
            if interval >= SNAPSHOT_INTERVAL and 2 * self._cost_probe <= interval:
                return 0.0
            return max(min(PROBE_INTERVAL, interval / 2), 2 * self._cost_probe)
        return max(PROBE_INTERVAL, self._cost_probe / OVERHEAD)

    def _every_step(self) -> bool:
        """Held back to fewer steps than snapshots a second: each step gets a snapshot."""
        return self._pace_limits and self._pacer.interval >= SNAPSHOT_INTERVAL

    def _rate(self, active: float) -> tuple[float, float | None]:
        """Steps per second over the last ~2 s of training, and the seconds left at that rate."""
        steps, rates = self._steps(), self._rates
        rates.append((active, steps))
        while len(rates) > 2 and active - rates[1][0] >= 2.0:
            rates.popleft()
        span = active - rates[0][0]
        per_s = (steps - rates[0][1]) / span if span > 0 else 0.0
        target = self._target()
        if target is None:                   # until stopped: no end to reach
            return per_s, None
        left = (target - self.run.epochs_done) * self._batches_per_epoch - (steps - self._epoch_step)
        return per_s, (max(left, 0) / per_s if per_s > 0 else None)
