"""The training session's pace (steps a second, over an injected clock) and "train until stopped"."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import Edge, Node, Project
from nnstudio.training.pace import AUTO, FULL, Pacer, auto_pace, check_pace, full_speed_seconds
from nnstudio.training.session import TrainingSession

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TIMEOUT = 30.0


def xor(epochs: int, batch_size: int = 0) -> Project:
    p = load_project(EXAMPLES / "xor_5_hidden.json")
    p.training.epochs, p.training.batch_size = epochs, batch_size
    return p


def mlp_project(width: int, samples: int) -> Project:
    """A dense net on a table of `samples` rows, to exercise AUTO's full-speed branch."""
    p = Project()
    p.nodes = [Node("x", "input", "x", (0, 0), {"shape": [2]}),
               Node("d", "dense", "d", (200, 0), {"units": width, "activation": "tanh"}),
               Node("o", "dense", "o", (400, 0), {"units": 1, "activation": "linear"})]
    p.edges = [Edge("e1", "x", "d"), Edge("e2", "d", "o")]
    p.inputs, p.outputs = ["x"], ["o"]
    rows = [[i / samples, 1 - i / samples] for i in range(samples)]
    p.data.source = {"kind": "table", "inputs": rows, "targets": [[r[0]] for r in rows]}
    p.training.loss = "mse"
    return p


class FakeTime:
    """A clock that moves only when the session sleeps, recording each sleep."""

    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


class Recorder:
    """The session's `send`: keeps snapshots and acknowledges each at once (a window that draws
    instantly), so that the session never waits for a draw."""

    def __init__(self) -> None:
        self.snaps: list[LiveSnapshot] = []
        self.failed: list[str] = []
        self.session: TrainingSession | None = None

    def __call__(self, kind: str, payload: object) -> None:
        if kind == "snapshot":
            self.snaps.append(payload)
            self.session.ack(0.0)
        else:
            self.failed.append(str(payload))


def paced_session(project: Project, pace, **kw) -> tuple[TrainingSession, FakeTime, Recorder]:
    fake, rec = FakeTime(), Recorder()
    session = TrainingSession(project, send=rec, own_core=True, pace=pace, clock=fake.clock, sleep=fake.sleep, **kw)
    rec.session = session
    return session, fake, rec


# --- the pace ---------------------------------------------------------------------------------------
def test_a_pace_spaces_the_steps_by_its_interval_on_the_clock():
    session, fake, rec = paced_session(xor(60), 20.0)        # full batch: one step an epoch
    session.run_session()
    assert rec.failed == [] and rec.snaps[-1].status == "finished"
    assert rec.snaps[-1].step == 60
    # The first step starts at once; each later one 1/20 s after the one before.
    assert fake.now - 100.0 == pytest.approx(59 / 20)
    assert all(s == pytest.approx(0.05) for s in fake.sleeps)
    assert len(fake.sleeps) == 59
    assert session.pace() == pytest.approx(20.0)


def test_slow_steps_each_reach_the_window_with_a_probe():
    session, fake, rec = paced_session(xor(12, batch_size=1), 2.0)    # 4 steps an epoch
    session.run_session()
    running = [s for s in rec.snaps if s.status == "running"]
    # One snapshot per step (at 2 steps a second the eye can follow each), each with its probe.
    assert [s.step for s in running] == list(range(1, 49))
    assert all(s.probe is not None for s in running)
    assert rec.snaps[-1].step == 48 and rec.snaps[-1].epoch == 12
    assert sum(fake.sleeps) == pytest.approx(47 / 2)


def test_a_new_pace_applies_from_the_next_step_and_full_speed_stops_waiting():
    fake, rec = FakeTime(), Recorder()
    changes = {10: 5.0, 20: FULL}

    def sleep(seconds: float) -> None:
        fake.sleep(seconds)
        done = session.run.epochs_done          # full batch: one step an epoch
        if done in changes:
            session.set_pace(changes.pop(done))

    session = TrainingSession(xor(40), send=rec, own_core=True, pace=10.0, clock=fake.clock, sleep=sleep)
    rec.session = session
    session.run_session()
    assert rec.snaps[-1].status == "finished" and rec.snaps[-1].step == 40
    # Steps 1-10 are 0.1 s apart. Waiting for step 11, the pace drops to 5: that wait is topped up
    # to 0.2 s, and so are the next ones, until full speed during the wait for step 21 (a fake
    # sleep cannot be cut short), after which no step waits.
    assert fake.sleeps == pytest.approx([0.1] * 9 + [0.1, 0.1] + [0.2] * 9 + [0.2])
    assert fake.now - 100.0 == pytest.approx(9 * 0.1 + 11 * 0.2)
    assert session.pace() is None


def test_full_speed_never_sleeps():
    session, fake, rec = paced_session(xor(200, batch_size=1), FULL)
    session.run_session()
    assert rec.snaps[-1].status == "finished" and rec.snaps[-1].step == 800
    assert fake.sleeps == [] and session.pace() is None


def test_a_pause_cuts_a_slow_wait_short():
    """The default sleep is a wait on the session's condition: a command wakes it."""
    rec = Recorder()
    session = TrainingSession(xor(1000), send=rec, own_core=True, pace=1.0)   # 1 step a second
    rec.session = session
    thread = threading.Thread(target=session.run_session)
    thread.start()
    try:
        deadline = threading.Event()
        while not rec.snaps and not deadline.wait(0.01):
            pass
        session.command("stop")
        thread.join(TIMEOUT)
        assert not thread.is_alive()
    finally:
        session.command("stop")
        thread.join(TIMEOUT)
    assert rec.snaps[-1].status == "stopped" and rec.snaps[-1].step < 5


def test_the_pacer_makes_up_a_late_start_but_does_not_rush_after_a_slow_step():
    now = [0.0]
    pacer = Pacer(10.0, clock=lambda: now[0])
    assert pacer.wait() <= 0                     # the first step goes at once
    pacer.stepped()
    now[0] = 0.03                                # the step took 30 ms of the 100
    assert pacer.wait() == pytest.approx(0.07)
    now[0] = 0.25                                # a slow step: no wait, and no catching up later
    assert pacer.wait() < 0
    pacer.stepped()
    now[0] = 0.26
    assert pacer.wait() == pytest.approx(0.09)
    now[0] = 0.37                                # woken 20 ms late: the next wait is 20 ms shorter
    pacer.stepped()
    assert pacer.wait() == pytest.approx(0.08)
    pacer.set(5.0)                               # a new pace counts from the last step's start
    assert pacer.wait() == pytest.approx(0.2)
    pacer.set(FULL)
    assert pacer.wait() == 0.0 and pacer.steps_per_s() is None


def test_paces_are_checked():
    assert check_pace("auto") == AUTO and check_pace("full") == FULL
    assert check_pace("100") == 100.0 and check_pace(2) == 2.0
    for bad in (0, -1, float("nan"), float("inf"), "fast", True, None):
        with pytest.raises(ValueError):
            check_pace(bad)


# --- AUTO's rule --------------------------------------------------------------------------------------
def test_auto_paces_runs_that_full_speed_would_finish_in_a_few_seconds():
    # The default XOR project: 1,000 full-batch steps on 13 weights → 100 steps a second.
    assert auto_pace(1000, 4, 13) == 100.0
    # xor_5_hidden: 10,000 steps of one row on 21 weights → about a minute at ~167 steps a second.
    assert auto_pace(10_000, 1, 21) == pytest.approx(10_000 / 60)
    assert auto_pace(1_000_000, 1, 21) is None              # a long run: full speed
    assert full_speed_seconds(60_000, 32, 100_000) > 3     # a big network: full speed
    assert auto_pace(60_000, 32, 100_000) is None
    assert auto_pace(50_000, 1, 21) == 200.0                # never faster than 200 when paced


def test_auto_in_a_session_follows_the_rule():
    session, fake, rec = paced_session(xor(30), AUTO)        # 30 full-batch steps: paced at 100/s
    session.run_session()
    assert session.pace() == pytest.approx(100.0)
    assert fake.now - 100.0 == pytest.approx(29 / 100)
    project = mlp_project(256, 2000)
    project.training.epochs = 10_000
    big, fake2, rec2 = paced_session(project, AUTO, command="stop")
    big.run_session()       # builds the run, decides the pace, stops before the first step
    # 10,000 steps × 2,000 rows × 1,025 weights: far more than a few seconds → full speed.
    assert big.run is not None and big.pace() is None and fake2.sleeps == []


# --- until stopped ------------------------------------------------------------------------------------
def test_until_stopped_trains_past_the_epochs_until_a_stop():
    rec = Recorder()
    session = TrainingSession(xor(5), send=rec, own_core=True, until_stopped=True)
    rec.session = session
    thread = threading.Thread(target=session.run_session)
    thread.start()
    try:
        waited = threading.Event()
        while (session.run is None or session.run.epochs_done < 500) and thread.is_alive():
            waited.wait(0.01)
        session.command("stop")
        thread.join(TIMEOUT)
        assert not thread.is_alive()
    finally:
        session.command("stop")
        thread.join(TIMEOUT)
    final = rec.snaps[-1]
    assert rec.failed == []
    assert final.status == "stopped" and final.epoch >= 500 and final.total_epochs is None
    assert all(s.total_epochs is None and s.eta_s is None for s in rec.snaps)


def test_until_stopped_turned_off_ends_the_run_at_its_epochs_or_at_once_past_them():
    fake, rec = FakeTime(), Recorder()

    def sleep(seconds: float) -> None:
        fake.sleep(seconds)
        if session.run.epochs_done == 30:
            session.set_until_stopped(False)

    # Paced (so the fake sleep can act mid-run), full batch, 10 epochs, until stopped.
    session = TrainingSession(xor(10), send=rec, own_core=True, pace=1000.0, until_stopped=True,
                              clock=fake.clock, sleep=sleep)
    rec.session = session
    session.run_session()
    final = rec.snaps[-1]
    assert final.status == "finished" and final.epoch == 30 and final.total_epochs == 10
    # Turned on mid-run, it carries the run past its epochs.
    fake2, rec2 = FakeTime(), Recorder()

    def sleep2(seconds: float) -> None:
        fake2.sleep(seconds)
        if second.run.epochs_done == 5:
            second.set_until_stopped(True)
        if second.run.epochs_done == 25:
            second.command("stop")

    second = TrainingSession(xor(10), send=rec2, own_core=True, pace=1000.0, clock=fake2.clock, sleep=sleep2)
    rec2.session = second
    second.run_session()
    assert rec2.snaps[-1].status == "stopped" and rec2.snaps[-1].epoch == 25
