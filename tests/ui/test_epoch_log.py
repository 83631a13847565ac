"""The controller's log of epochs since the last write-back: compact, and History again exactly."""
from __future__ import annotations

import math
import tracemalloc

from nnstudio.project.model import History
from nnstudio.ui.training.epoch_log import EpochLog


def test_the_log_gives_back_the_history_it_was_given():
    log = EpochLog()
    assert len(log) == 0 and log.history() == History()
    log.extend(History([1, 2], [0.5, 0.25], [None, 0.3], [0.1, None], [None, None]))
    log.extend(History())
    log.extend(History([3], [float("nan")], [0.2], [0.9], [0.8]))
    log.extend(History([4, 5], [0.125, 1e300], [0.1]))               # short columns: not measured
    out = log.history()
    assert len(log) == 5
    assert out.epoch == [1, 2, 3, 4, 5] and all(type(e) is int for e in out.epoch)
    assert out.loss[:2] == [0.5, 0.25] and math.isnan(out.loss[2]) and out.loss[3:] == [0.125, 1e300]
    assert out.val_loss == [None, 0.3, 0.2, 0.1, None]
    assert out.accuracy == [0.1, None, 0.9, None, None]
    assert out.val_accuracy == [None, None, 0.8, None, None]


def test_a_long_run_costs_under_50_bytes_an_epoch_not_the_200_of_lists():
    log = EpochLog()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for start in range(1, 100_001, 50):
            e = list(range(start, start + 50))
            log.extend(History(e, [1.0 / k for k in e], [2.0 / k for k in e], [0.5] * 50, [None] * 50))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(log) == 100_000
    assert grown / 100_000 < 50              # 44 bytes, and the last chunks not yet filled
    assert log.history().val_loss[-1] == 2.0 / 100_000
