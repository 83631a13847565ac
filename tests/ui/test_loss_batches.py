"""The loss panel's per-batch series stays bounded on a long run: evenly thinned to min/max pairs,
from the first batch to the last, the run's points placeable again; the per-epoch curve exact."""
from __future__ import annotations

import mmap

import numpy as np
import pytest

from nnstudio.project.model import History
from nnstudio.training.live import LiveSnapshot
from nnstudio.ui.panels.loss import LossPanel
from nnstudio.ui.panels.loss_batches import BATCH_POINT_LIMIT, BatchSeries, min_max_kept
from nnstudio.ui.panels.plotting import GrowingArray


def feed(series: BatchSeries, losses: np.ndarray, chunk: int, per_epoch: int = 1, step0: int = 0) -> None:
    """`losses` in snapshots of `chunk`, one run, placed at x = step / per_epoch."""
    for lo in range(0, len(losses), chunk):
        part = losses[lo:lo + chunk]
        first = series.size
        series.extend(step0 + lo + np.arange(1, len(part) + 1, dtype=np.float64), part)
        series.place(first, 0.0, per_epoch)
        series.settle()


def test_min_max_kept_keeps_each_groups_extremes_in_time_order_and_the_rest():
    y = np.array([3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.0, 3.0])
    np.testing.assert_array_equal(min_max_kept(y, 4), [1, 2, 5, 6, 8, 9])
    assert min_max_kept(np.full(8, 2.0), 4).tolist() == [0, 4]            # flat: one point a group
    assert min_max_kept(np.array([1.0, np.nan, 3.0, 0.5]), 4).tolist() == [1]   # NaN stays (a gap)


def test_a_long_run_stays_bounded_and_spans_from_the_first_batch_to_the_last():
    rng = np.random.default_rng(1)
    n, limit = 1_000_003, 5_000
    losses = np.exp(-np.arange(n) / 2e5) + 0.1 * rng.random(n)
    series = BatchSeries(limit)
    sizes = []
    for lo in range(0, n, 4_500):            # 100 epochs of 45 batches a snapshot
        feed(series, losses[lo:lo + 4_500], 4_500, step0=lo)
        sizes.append(series.size)
    assert max(sizes) <= limit
    assert series.size >= limit // 4
    x, y, step = series.x.view(), series.y.view(), series.step.view()
    assert (step[0], y[0]) == (1.0, losses[0])                  # the first batch
    assert (step[-1], y[-1]) == (float(n), losses[-1])          # the last one
    np.testing.assert_array_equal(x, step)                      # every kept point is a real batch
    np.testing.assert_array_equal(y, losses[step.astype(np.int64) - 1])
    assert np.all(np.diff(step) > 0)
    # Even density: each tenth of the run keeps about a tenth of the points (the last one also
    # the latest raw points, fewer than a span, that wait to be thinned).
    counts = np.histogram(step, bins=10, range=(0, n))[0]
    body = counts[:9]
    assert body.min() > 0.95 * body.mean() and body.max() < 1.05 * body.mean(), counts
    assert body.mean() * 0.95 < counts[9] <= body.mean() * 1.05 + series.span, (counts, series.span)
    # The shape is kept: the extremes of each tenth are there.
    for k in range(10):
        part = losses[k * n // 10:(k + 1) * n // 10]
        inside = y[(step > k * n // 10) & (step <= (k + 1) * n // 10)]
        assert inside.max() >= part.max() - 0.02 and inside.min() <= part.min() + 0.02


def test_a_new_run_is_placed_again_without_moving_the_last_runs_points():
    series = BatchSeries(200)
    feed(series, np.linspace(2.0, 1.0, 1_000), 45)          # run 1: epochs 0..1000 at 1 batch an epoch
    old_x = series.x.view()[:series.size].copy()
    series.start_run()
    start = series.run_start
    assert start == series.size and series.settled == series.size
    for k in range(20):                                     # run 2 from epoch 1000, 10 batches an epoch
        first = series.size
        series.extend(k * 30 + np.arange(1, 31, dtype=np.float64), np.full(30, 0.5))
        series.place(first, 1000.0, 10)
        series.settle()
    assert series.size <= 200
    start = series.run_start
    series.place(start, 1000.0, 5)                          # a new estimate: 5 batches an epoch
    x = series.x.view()
    assert x[start - 1] <= 1000.0 < x[start]
    np.testing.assert_array_equal(x[start:], 1000.0 + series.step.view()[start:] / 5)
    assert np.isin(x[:start], old_x).all() and np.all(np.diff(x[:start]) > 0)      # run 1's, unmoved
    series.truncate(0)
    assert (series.size, series.span, series.settled, series.run_start) == (0, 2, 0, 0)


def test_the_panel_keeps_every_epoch_and_a_bounded_batch_curve(qtbot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    rng = np.random.default_rng(2)
    epochs, per_epoch, done = 4_000, 45, 0
    loss = np.exp(-np.arange(1, epochs + 1) / 1000.0)
    batches = rng.random(epochs * per_epoch)
    while done < epochs:
        e = np.arange(done + 1, min(done + 37, epochs) + 1)
        h = History(e.tolist(), loss[e - 1].tolist(), (1.1 * loss[e - 1]).tolist(), [0.5] * len(e),
                    [None] * len(e))
        snap = LiveSnapshot("running", epoch=int(e[-1]), total_epochs=0, new_history=h, step=int(e[-1]) * per_epoch,
                            elapsed=float(e[-1]),
                            batch_losses=batches[done * per_epoch:int(e[-1]) * per_epoch])
        panel.update_snapshot(snap)
        done = int(e[-1])
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, epochs + 1))
    np.testing.assert_array_equal(panel.losses(), loss)
    np.testing.assert_array_equal(panel.val_losses(), 1.1 * loss)
    x, y = panel.batch_losses()
    assert len(y) <= BATCH_POINT_LIMIT < epochs * per_epoch
    assert len(y) > BATCH_POINT_LIMIT // 4
    assert (x[0], y[0]) == (pytest.approx(1 / per_epoch), batches[0])
    assert (x[-1], y[-1]) == (pytest.approx(epochs), batches[-1])
    assert np.all(np.diff(x) > 0)
    assert y.max() == batches.max() and y.min() == batches.min()


def test_series_buffers_past_128_kb_are_memory_maps_and_keep_their_values():
    buf = GrowingArray(capacity=4)
    values = np.arange(100_000, dtype=np.float64) / 7
    for lo in range(0, len(values), 999):
        buf.extend(values[lo:lo + 999])
    np.testing.assert_array_equal(buf.view(), values)
    assert isinstance(buf.view().base.base.obj, mmap.mmap)       # view → array → memoryview → map
    buf.truncate(10)
    buf.extend([-1.0])
    np.testing.assert_array_equal(buf.view(), np.r_[values[:10], -1.0])
    assert GrowingArray().view().base.base is None                # small: a plain heap array
