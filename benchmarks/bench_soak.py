"""A long live-training soak: does the window's memory stay flat and the loss curve responsive?

    python benchmarks/bench_soak.py [--minutes 30] [--sample-s 5] [--speed auto|full] [--trace N]

Opens examples/digits_mlp.json (Dense 64-32-10 on the 1,797 UCI digits) in a real MainWindow
(offscreen unless QT_QPA_PLATFORM says otherwise; a throw-away settings file), floats and shows
every panel that follows training: Loss, Weights, Activations, Decision boundary (which says why it
has nothing to draw for 64 inputs), Evaluation, Convolution (the same, for a network without
convolutions), Dataset and Backprop. It then turns on Train ▸ Train until stopped and presses F5, so
one run trains for the whole soak; should it end anyway (a non-finite loss, a failed engine), F5 is
pressed again and the restart is counted.

Every --sample-s seconds it records: the window process's resident memory (VmRSS of
/proc/self/status), the engine process's (the one training this run; the idle spare the pool keeps
is not counted), the event loop's gaps (a 10 ms QTimer's intervals, p50/p99/max over the sample's
window), how long grabbing the loss plot (a full repaint into a pixmap) takes, the loss plot's
epoch count, and the epoch lag: the time from a snapshot carrying a new epoch to the loss plot's
data including it (checked on every 10 ms tick, so it is exact to about one tick). A line a minute,
then a summary and a JSON line:
{"speed", "minutes", "rss_baseline_mb", "rss_end_mb", "rss_growth_mb", "kb_per_epoch_after_baseline",
"rss_mb_per_min", "rss_growth_at_30_min_mb", "engine_rss_end_mb", "gap_p99_ms", "gap_max_ms", "grab_max_ms", "epoch_lag_p99_ms", "epochs",
"snapshots", "batch_points_end", "restarts", "goal_met"}.

The baseline is the sample at one minute (at half the run when --minutes is under 2, so
`--minutes 1` is a quick check of the whole path). Goal (issue 14): memory grows by at most 50 MB
after the baseline, the loss plot's epoch count keeps growing and grabbing it takes under 100 ms.
The exit status is 0 when the goal is met, 1 otherwise. --trace N: tracemalloc runs from the start
(slowing the window by about half), and the N source lines whose Python allocations grew most
between the baseline and the end are printed: where growth comes from, when there is some.

--speed: "auto" (the default) is the toolbar's default, what a user watches: for this example
about 2 epochs a second, every snapshot (about 20 a second) drawn by every panel, which is where a
leak per frame would show. "full" is the stress case, about 330 epochs a second on a quiet machine.
The per-batch curve keeps at most 50,000 points (thinned evenly, panels/loss_batches.py), but every
epoch stays exact in three places: the Loss panel's curves (40 bytes), the epochs not yet written
back (ui/training/epoch_log.py, 44) and the health view's losses (16), so memory still grows with
the epochs, by design: measured 0.15 KB an epoch, +11.3 MB between minutes 1 and 5 (99,600 epochs,
20,000 a minute all along; it was 2 KB an epoch and a slowing run before); "kb_per_epoch_after_baseline"
and "batch_points_end" tell that growth from a leak. Each minute's line says the epochs it trained.
With --trace, RSS includes tracemalloc's own records: read the traced lines instead.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from nnstudio.training.live import LiveSnapshot  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "digits_mlp.json"
TICK_MS = 10
GROWTH_GOAL_MB = 50.0
GRAB_GOAL_MS = 100.0


def rss_mb(pid: int | str = "self") -> float | None:
    """A process's resident set size in MB (VmRSS), None when it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        return None
    return None


def quiet_offscreen(_kind: object, _context: object, text: str) -> None:
    """Qt's messages, less the offscreen platform's notes on floating docks (it cannot raise
    windows), which would print a pair per dock."""
    if "This plugin does not support" not in text:
        print(text, file=sys.stderr)


@dataclass
class Sample:
    t_s: float
    rss_mb: float
    engine_rss_mb: float | None
    gap_p50_ms: float
    gap_p99_ms: float
    gap_max_ms: float
    grab_ms: float
    loss_points: int
    epoch: int
    lags_ms: list[float] = field(default_factory=list)


class Soak:
    """The window, the timers and what they measured."""

    def __init__(self, app: QApplication, minutes: float, sample_s: float, speed: str) -> None:
        from nnstudio.ui.window.main_window import MainWindow
        self.app, self.duration_s, self.sample_s, self.speed = app, minutes * 60, sample_s, speed
        w = self.window = MainWindow()
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        w.resize(1280, 800)
        w.show()
        if speed == "full":
            w.speed.set_full_speed()
        assert w.files.open_path(EXAMPLE), "the digits example did not open"
        docks = [*w.live.docks, w.dataset_dock, w.backprop_dock]
        for k, dock in enumerate(docks):
            dock.setFloating(True)
            dock.setGeometry(40 + (k % 4) * 420, 60 + (k // 4) * 360, 400, 320)
            dock.show()
        self.docks = docks
        w.act.until_stopped.setChecked(True)
        self.samples: list[Sample] = []
        self.gaps: list[float] = []
        self.lags: list[float] = []
        self.pending: list[tuple[int, float]] = []     # (epoch, when its snapshot came)
        self.epoch = 0
        self.snapshots = 0
        self.restarts = 0
        self.last_tick = 0.0
        self.t0 = 0.0
        self.loop = QEventLoop()       # not app.exec(): QApplication.quit() would close the window
        self.traced: list[tracemalloc.Snapshot] = []        # at the baseline and the last sample, with --trace

    def pump(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.app.processEvents()

    # --- the timers' work ---------------------------------------------------------------------------
    def tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self.last_tick) * 1000)
        self.last_tick = now
        if self.pending:
            shown = self.window.live.loss.epochs()
            last = int(shown[-1]) if shown.size else 0
            while self.pending and self.pending[0][0] <= last:
                self.lags.append((now - self.pending.pop(0)[1]) * 1000)

    def snapshot(self, snap: LiveSnapshot) -> None:
        self.snapshots += 1
        new = snap.new_history.epoch
        if new:
            self.pending.append((int(new[-1]), time.perf_counter()))
        self.epoch = max(self.epoch, int(snap.epoch))

    def state_changed(self, state: str) -> None:
        if state == "idle" and time.perf_counter() - self.t0 < self.duration_s:
            self.restarts += 1          # the run ended early: train on (a new run from these weights)
            QTimer.singleShot(0, self.window.act.train.trigger)

    def take_sample(self) -> None:
        w = self.window
        t0 = time.perf_counter()
        w.live.loss.loss_plot.grab()
        grab_ms = (time.perf_counter() - t0) * 1000
        worker = w.training.worker
        engine = getattr(worker, "engine", None) if worker is not None else None
        gaps = np.array(self.gaps[1:] or [0.0])
        sample = Sample(round(time.perf_counter() - self.t0, 1), rss_mb() or 0.0,
                        rss_mb(engine.process.pid) if engine is not None else None,
                        float(np.percentile(gaps, 50)), float(np.percentile(gaps, 99)), float(gaps.max()),
                        grab_ms, int(w.live.loss.epochs().size), self.epoch, self.lags)
        self.samples.append(sample)
        last = len(self.samples) >= round(self.duration_s / self.sample_s)
        if tracemalloc.is_tracing() and (len(self.samples) == baseline_index(self.duration_s, self.sample_s) + 1
                                         or last):
            self.traced.append(tracemalloc.take_snapshot())     # the last one before stopping writes back
        self.gaps, self.lags = self.gaps[-1:], []
        if len(self.samples) % max(1, round(60 / self.sample_s)) == 0:
            per_minute = round(60 / self.sample_s)
            before = self.samples[-per_minute - 1].epoch if len(self.samples) > per_minute else 0
            print(minute_line(self.samples[-per_minute:], before), flush=True)
        if last:
            self.loop.quit()

    # --- the run ----------------------------------------------------------------------------------
    def run(self) -> dict:
        w = self.window
        self.pump(0.5)
        ticker, sampler = QTimer(), QTimer()
        ticker.setInterval(TICK_MS)
        ticker.timeout.connect(self.tick)
        sampler.setInterval(int(self.sample_s * 1000))
        sampler.timeout.connect(self.take_sample)
        w.training.snapshot.connect(self.snapshot)
        w.training.stateChanged.connect(self.state_changed)
        self.t0 = self.last_tick = time.perf_counter()
        ticker.start()
        sampler.start()
        w.act.train.trigger()
        self.loop.exec()
        ticker.stop()
        sampler.stop()
        w.training.stateChanged.disconnect(self.state_changed)
        w.training.snapshot.disconnect(self.snapshot)
        w.act.stop.trigger()
        self.pump(1.0)
        result = summary(self.samples, self.duration_s, self.sample_s, self.restarts)
        result.update(speed=self.speed, snapshots=self.snapshots,
                      batch_points_end=int(w.live.loss.batch_losses()[1].size))
        return result

    def close(self) -> None:
        self.window.close()


def minute_line(samples: list[Sample], epoch_before: int) -> str:
    """The last minute's figures, from its samples and the epoch reached before it."""
    last = samples[-1]
    engine = f"{last.engine_rss_mb:.1f}" if last.engine_rss_mb is not None else "-"
    lags = [x for s in samples for x in s.lags_ms]
    lag = f"{np.percentile(lags, 99):.0f}" if lags else "-"
    return (f"t={last.t_s / 60:5.1f} min  rss {last.rss_mb:7.1f} MB  engine {engine:>6} MB  "
            f"gap p50/p99/max {np.median([s.gap_p50_ms for s in samples]):5.1f}/"
            f"{max(s.gap_p99_ms for s in samples):6.1f}/{max(s.gap_max_ms for s in samples):6.1f} ms  "
            f"grab max {max(s.grab_ms for s in samples):5.1f} ms  epoch lag p99 {lag} ms  "
            f"loss points {last.loss_points}  epoch {last.epoch} (+{last.epoch - epoch_before:,} in a minute)")


def baseline_index(duration_s: float, sample_s: float) -> int:
    """The sample the growth is measured from: at one minute, or half the run when shorter."""
    return max(0, round(min(60.0, duration_s / 2) / sample_s) - 1)


def print_growth(before: tracemalloc.Snapshot, after: tracemalloc.Snapshot, top: int) -> None:
    """The source lines whose live Python allocations grew most from `before` to `after`."""
    keep = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(keep).compare_to(before.filter_traces(keep), "lineno")
    print(f"Python allocations that grew most after the baseline (tracemalloc, top {top}):")
    for stat in stats[:top]:
        frame = stat.traceback[0]
        print(f"  {stat.size_diff / 1e6:+8.2f} MB {stat.count_diff:+9,d} blocks  {frame.filename}:{frame.lineno}")


def summary(samples: list[Sample], duration_s: float, sample_s: float, restarts: int) -> dict:
    """The figures the issue asks for, from the samples."""
    base = samples[baseline_index(duration_s, sample_s)]
    end = samples[-1]
    after = [s for s in samples if s.t_s >= base.t_s]
    lags = [x for s in samples for x in s.lags_ms]
    growing = all(b.loss_points > a.loss_points for a, b in zip(after, after[1:]))
    result = {"minutes": round(end.t_s / 60, 2), "baseline_s": base.t_s,
              "rss_baseline_mb": round(base.rss_mb, 1), "rss_end_mb": round(end.rss_mb, 1),
              "rss_growth_mb": round(end.rss_mb - base.rss_mb, 1),
              "kb_per_epoch_after_baseline": round((end.rss_mb - base.rss_mb) * 1024 / (end.epoch - base.epoch), 2)
              if end.epoch > base.epoch else None,
              "rss_max_after_baseline_mb": round(max(s.rss_mb for s in after), 1),
              # The growth a minute, and where it would lead by minute 30 (the soak) if it kept on.
              "rss_mb_per_min": round((end.rss_mb - base.rss_mb) * 60 / max(end.t_s - base.t_s, 1e-9), 2),
              "engine_rss_baseline_mb": base.engine_rss_mb, "engine_rss_end_mb": end.engine_rss_mb,
              "gap_p50_ms": round(float(np.median([s.gap_p50_ms for s in samples])), 1),
              "gap_p99_ms": round(max(s.gap_p99_ms for s in samples), 1),
              "gap_max_ms": round(max(s.gap_max_ms for s in samples), 1),
              "grab_max_ms": round(max(s.grab_ms for s in samples), 1),
              "epoch_lag_p50_ms": round(float(np.percentile(lags, 50)), 1) if lags else None,
              "epoch_lag_p99_ms": round(float(np.percentile(lags, 99)), 1) if lags else None,
              "loss_points_end": end.loss_points, "loss_points_kept_growing": growing,
              "epochs": end.epoch, "restarts": restarts}
    result["rss_growth_at_30_min_mb"] = round(result["rss_mb_per_min"] * (30 - base.t_s / 60), 1)
    for key in ("engine_rss_baseline_mb", "engine_rss_end_mb"):
        result[key] = None if result[key] is None else round(result[key], 1)
    result["goal_met"] = bool(result["rss_growth_mb"] <= GROWTH_GOAL_MB and growing
                              and result["grab_max_ms"] < GRAB_GOAL_MS)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--sample-s", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--speed", choices=("auto", "full"), default="auto",
                        help="the toolbar's training speed: auto (its default, what a user watches) or full "
                             "(the stress case: memory then grows with the epochs by design)")
    parser.add_argument("--trace", type=int, default=0, metavar="N",
                        help="trace Python allocations and print the N lines that grew most after the baseline")
    args = parser.parse_args(argv)
    if args.minutes * 60 < 2 * args.sample_s:
        parser.error("--minutes must cover at least two samples")
    with tempfile.TemporaryDirectory() as settings_dir:
        os.environ["NNSTUDIO_SETTINGS"] = os.path.join(settings_dir, "soak.ini")
        qInstallMessageHandler(quiet_offscreen)
        app = QApplication.instance() or QApplication(sys.argv[:1])
        if args.trace:
            tracemalloc.start()
        soak = Soak(app, args.minutes, args.sample_s, args.speed)
        result = soak.run()
        if len(soak.traced) == 2:
            print_growth(*soak.traced, args.trace)
            tracemalloc.stop()
        soak.close()
    print(f"RSS at {result['baseline_s']:.0f} s: {result['rss_baseline_mb']} MB, at the end: "
          f"{result['rss_end_mb']} MB, growth after it: {result['rss_growth_mb']} MB "
          f"(goal ≤ {GROWTH_GOAL_MB:.0f}), {result['rss_mb_per_min']} MB a minute: "
          f"{result['rss_growth_at_30_min_mb']} MB by minute 30 at that pace; engine {result['engine_rss_baseline_mb']} → {result['engine_rss_end_mb']} MB")
    print(f"event loop gaps: p50 {result['gap_p50_ms']} ms, p99 {result['gap_p99_ms']} ms, max {result['gap_max_ms']} ms; "
          f"loss plot grab max {result['grab_max_ms']} ms (goal < {GRAB_GOAL_MS:.0f}); epoch lag p50/p99 "
          f"{result['epoch_lag_p50_ms']}/{result['epoch_lag_p99_ms']} ms; epochs {result['epochs']} "
          f"({result['kb_per_epoch_after_baseline']} KB each after the baseline), snapshots {result['snapshots']}, "
          f"batch points {result['batch_points_end']}, restarts {result['restarts']} at speed {result['speed']}; "
          f"goal met: {'yes' if result['goal_met'] else 'NO'}")
    print(json.dumps(result), flush=True)
    return 0 if result["goal_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
