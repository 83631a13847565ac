"""The loss panel: one point per epoch, saved histories continued, batches, log scale, accuracy,
and long runs that stay cheap without re-creating plot items."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from nnstudio.project.io import load_project
from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.panels.loss import GrowingArray, LossPanel
from tests.ui.conftest import legend_names

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def history(epochs, loss=None, val=None, acc=None, val_acc=None) -> History:
    epochs = list(epochs)
    n = len(epochs)
    return History(epochs, list(loss if loss is not None else [1.0 / e for e in epochs]),
                   list(val if val is not None else [None] * n), list(acc if acc is not None else [None] * n),
                   list(val_acc if val_acc is not None else [None] * n))


def snapshot(h: History, batches=(), status: str = "running") -> LiveSnapshot:
    return LiveSnapshot(status, epoch=h.epoch[-1] if h.epoch else 0, total_epochs=100,
                        loss=h.loss[-1] if h.loss else None, new_history=h,
                        batch_losses=np.asarray(batches, dtype=np.float64))


@pytest.fixture
def panel(loss_panel) -> LossPanel:
    return loss_panel


def test_growing_array_doubles_and_keeps_values():
    buf = GrowingArray(capacity=2)
    for k in range(5):
        buf.extend(np.arange(k * 3, k * 3 + 3))
    np.testing.assert_array_equal(buf.view(), np.arange(15))
    assert len(buf._data) == 16          # 2 → 4 → 8 → 16
    buf.truncate(4)
    buf.extend([99.0])
    np.testing.assert_array_equal(buf.view(), [0, 1, 2, 3, 99])


def test_one_point_per_epoch_over_several_snapshots(panel, qtbot):
    for start in range(1, 16, 3):
        e = range(start, start + 3)
        panel.update_snapshot(snapshot(history(e, val=[2.0 / x for x in e], acc=[x / 20 for x in e],
                                               val_acc=[x / 30 for x in e])))
        qtbot.wait(1)
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 16))
    np.testing.assert_array_equal(panel.losses(), 1.0 / np.arange(1, 16))
    np.testing.assert_array_equal(panel.val_losses(), 2.0 / np.arange(1, 16))
    np.testing.assert_array_equal(panel.accuracies(), np.arange(1, 16) / 20)
    np.testing.assert_array_equal(panel.val_accuracies(), np.arange(1, 16) / 30)
    assert legend_names(panel) == ["train", "validation"]
    assert "epoch 15 / 100" in panel.readout.text() and "loss 0.06667" in panel.readout.text()


def test_real_xor_run_plots_its_history_exactly(panel, qtbot):
    run = TrainingRun(load_project(EXAMPLES / "xor_dense.json"))
    for _ in range(6):                       # six snapshots of ten epochs each
        h, batches = History(), []
        for r in run.reports(10):
            if r.kind == "epoch":
                for name in ("epoch", "loss", "val_loss", "accuracy", "val_accuracy"):
                    getattr(h, name).append(getattr(r, name))
                batches += r.batch_losses
        panel.update_snapshot(snapshot(h, batches))
        qtbot.wait(1)
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 61))
    np.testing.assert_array_equal(panel.losses(), run.history.loss)
    np.testing.assert_array_equal(panel.accuracies(), run.history.accuracy)
    assert np.isnan(panel.val_losses()).all() and len(panel.val_losses()) == 60
    assert panel.acc_plot.isVisible()
    x, y = panel.batch_losses()
    np.testing.assert_array_equal(x, np.arange(1, 61))     # full batch: one batch per epoch, at the epoch
    assert len(y) == 60
    assert not panel.batch_curve.isVisible()                 # it would only repeat the epoch curve
    assert legend_names(panel) == ["train"]


def test_show_history_then_snapshots_continue_the_curve(panel):
    panel.update_snapshot(snapshot(history(range(1, 4))))        # something from before
    saved = history(range(1, 11), acc=[0.5] * 10)
    panel.show_history(saved)
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 11))
    panel.update_snapshot(snapshot(history(range(11, 14), acc=[0.75] * 3)))
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 14))
    np.testing.assert_array_equal(panel.losses(), 1.0 / np.arange(1, 14))
    np.testing.assert_array_equal(panel.accuracies(), [0.5] * 10 + [0.75] * 3)


def test_an_epoch_sent_again_replaces_instead_of_duplicating(panel):
    panel.update_snapshot(snapshot(history(range(1, 6))))
    panel.update_snapshot(snapshot(history([4, 5, 6], loss=[9.0, 9.0, 9.0])))
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 7))
    np.testing.assert_array_equal(panel.losses(), [1.0, 0.5, 1 / 3, 9.0, 9.0, 9.0])
    panel.update_snapshot(snapshot(history([1, 2], loss=[5.0, 4.0])))    # a run started over
    np.testing.assert_array_equal(panel.epochs(), [1, 2])
    np.testing.assert_array_equal(panel.losses(), [5.0, 4.0])


def test_saved_history_with_short_columns_is_padded(panel):
    short = History([1, 2, 3], [0.3, 0.2, 0.1], [0.4], [], [])
    panel.show_history(short)
    np.testing.assert_array_equal(panel.val_losses(), [0.4, np.nan, np.nan])
    assert np.isnan(panel.accuracies()).all()


def test_reset_clears_everything(panel):
    panel.update_snapshot(snapshot(history(range(1, 6), val=[0.1] * 5, acc=[0.5] * 5), batches=np.ones(20)))
    panel.reset()
    for data in (panel.epochs(), panel.losses(), panel.val_losses(), panel.accuracies(), *panel.batch_losses()):
        assert data.size == 0
    assert not panel.acc_plot.isVisible()
    assert not panel.legend.isVisible()
    assert "No training yet" in panel.readout.text()
    panel.update_snapshot(snapshot(history([1, 2])))
    np.testing.assert_array_equal(panel.epochs(), [1, 2])


def test_batches_are_spread_over_their_epochs_and_steps_continue(panel):
    panel.update_snapshot(snapshot(history([1, 2]), batches=np.full(8, 0.5)))
    panel.update_snapshot(snapshot(history([3, 4]), batches=np.full(8, 0.4)))
    x, y = panel.batch_losses()
    np.testing.assert_allclose(x, np.arange(1, 17) / 4)
    np.testing.assert_array_equal(y, [0.5] * 8 + [0.4] * 8)
    assert panel.batch_curve.isVisible()
    assert legend_names(panel) == ["train", "per batch"]
    # Step (F10): one batch, no epoch finished, at the known 4 batches per epoch.
    panel.update_snapshot(snapshot(History(), batches=[0.3]))
    np.testing.assert_allclose(panel.batch_losses()[0][-1], 4.25)
    np.testing.assert_array_equal(panel.epochs(), [1, 2, 3, 4])
    panel.update_snapshot(snapshot(history([5]), batches=[0.3, 0.3, 0.3]))
    np.testing.assert_allclose(panel.batch_losses()[0][-4:], [4.25, 4.5, 4.75, 5.0])


def test_worker_snapshots_mid_epoch_land_on_their_steps(panel):
    """As the worker sends them: any time (mid-epoch too), with `step` = batches done in the run,
    here 10 batches an epoch. Points sent before the first epoch ends are moved once it does."""
    sent = 0
    for step, epochs in ((7, []), (15, [1]), (23, [2]), (40, [3, 4])):
        snap = snapshot(history(epochs), batches=np.arange(sent + 1, step + 1) / 100.0)
        snap.step, snap.epoch = step, (epochs or [0])[-1]
        panel.update_snapshot(snap)
        sent = step
        if step == 7:      # batches per epoch unknown yet: kept inside the first epoch
            assert (panel.batch_losses()[0] < 1.0).all()
    x, y = panel.batch_losses()
    np.testing.assert_allclose(x, np.arange(1, 41) / 10)
    np.testing.assert_allclose(y, np.arange(1, 41) / 100)
    # Downsampled: 4 points standing for 20 batches are spread over those 20 steps.
    snap = snapshot(history([5, 6]), batches=[0.1, 0.2, 0.3, 0.4])
    snap.step, snap.elapsed = 60, 2.0
    panel.update_snapshot(snap)
    np.testing.assert_allclose(panel.batch_losses()[0][-4:], [4.5, 5.0, 5.5, 6.0])
    # Stop, then train again: a new run counts its steps from 0 again, from epoch 6.
    snap = snapshot(history([7]), batches=np.full(10, 0.05))
    snap.step, snap.elapsed = 10, 0.1
    panel.update_snapshot(snap)
    np.testing.assert_allclose(panel.batch_losses()[0][-10:], 6 + np.arange(1, 11) / 10)
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 8))


def test_log_toggle_switches_the_loss_axis(panel, qtbot):
    panel.update_snapshot(snapshot(history(range(1, 101), loss=list(10.0 ** -np.linspace(0, 3, 100)))))
    item = panel.loss_plot.getPlotItem()
    assert not item.getAxis("left").logMode and panel.train_curve.opts["logMode"] == [False, False]
    panel.log_check.click()
    assert panel.log_scale()
    assert item.getAxis("left").logMode
    assert panel.train_curve.opts["logMode"] == [False, True]
    assert not panel.acc_curve.opts["logMode"][1]          # accuracy stays linear
    low, high = item.getViewBox().viewRange()[1]
    assert low < -3 < -2.9 < high < 0.5                  # log10 of 1e-3 … 1, with padding
    assert item.getViewBox().state["autoRange"] == [False, False]    # the panel keeps the ranges
    qtbot.wait(1)
    panel.log_check.click()
    assert not item.getAxis("left").logMode and panel.train_curve.opts["logMode"] == [False, False]
    low, high = item.getViewBox().viewRange()[1]
    assert low < 0.01 and 0.95 < high < 1.2


def test_log_scale_ignores_zero_and_negative_losses(panel, qtbot):
    panel.set_log_scale(True)
    panel.update_snapshot(snapshot(history([1, 2, 3], loss=[1.0, 0.0, 0.01])))
    qtbot.wait(1)
    low, high = panel.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    assert np.isfinite([low, high]).all() and low < -2 < 0 < high


def test_an_exploding_loss_switches_to_a_log_axis_by_itself(panel, qtbot):
    losses = [0.7, 0.69, 50.0, 4e6, 8e44, 43_000.0, 98_000.0, 43_000.0]
    panel.update_snapshot(snapshot(history(range(1, 9), loss=losses)))
    qtbot.wait(1)
    assert panel.log_scale() and panel.loss_plot.getPlotItem().getAxis("left").logMode
    assert "loss 43,000" in panel.readout.text()
    labels = panel.loss_tick_labels()
    # Powers of ten, every one drawn: not a lone "0".
    assert len(labels) >= 3 and all("10" in t or t == "1" for t in labels)
    low, high = panel.loss_plot.getPlotItem().getViewBox().viewRange()[1]
    assert low < np.log10(0.69) and high > 44


def test_a_normal_run_stays_linear_and_the_users_choice_sticks(panel, qtbot):
    panel.update_snapshot(snapshot(history(range(1, 101), loss=list(0.7 * 10.0 ** -np.linspace(0, 3, 100)))))
    assert not panel.log_scale()                 # three decades: the drop reads best on a linear axis
    panel.update_snapshot(snapshot(history([101, 102], loss=[1e3, 1e4])))
    assert panel.log_scale()                     # now it spans decades: log
    panel.log_check.click()                      # the user unticks it ...
    panel.update_snapshot(snapshot(history([103, 104], loss=[1e5, 1e6])))
    assert not panel.log_scale()                 # ... and the panel no longer decides
    qtbot.wait(1)
    labels = panel.loss_tick_labels()
    # A linear axis up to 10⁶ has readable labels, not only "0".
    assert len(labels) >= 3 and labels != ["0"] and "0" in labels
    panel.reset()                                # another project: the panel picks again
    panel.update_snapshot(snapshot(history([1, 2, 3], loss=[0.5, 1e3, 1e5])))
    assert panel.log_scale()
    panel.reset()
    assert not panel.log_scale()


def test_linear_tick_labels_stay_short_for_huge_and_tiny_losses():
    from nnstudio.ui.panels.loss_axis import power_text, spans_decades, tick_text
    assert tick_text(5e227, 5e227) == "5·10²²⁷" and tick_text(1e228, 5e227) == "10²²⁸"
    assert tick_text(1.5e8, 5e7) == "1.5·10⁸" and tick_text(2e-6, 1e-6) == "2·10⁻⁶"
    assert tick_text(40_000.0, 10_000.0) == "40000" and tick_text(0.15, 0.05) == "0.15"
    assert tick_text(0.0, 1e44) == "0" and power_text(-2.5e9) == "-2.5·10⁹"
    assert spans_decades(np.array([0.5, 0.0, np.nan, 5e3])) and not spans_decades(np.array([0.5, 4e3]))


def test_a_short_panel_still_labels_0_50_and_100_percent(panel, qtbot):
    """The Loss dock at 1280×800 leaves the accuracy plot about 40 pixels."""
    panel.resize(700, 230)
    panel.update_snapshot(snapshot(history(range(1, 51), acc=list(np.linspace(0.5, 1.0, 50)))))
    qtbot.wait(10)
    assert panel.acc_plot.getPlotItem().getAxis("left").size().height() < 50
    assert panel.accuracy_tick_labels() == ["0%", "50%", "100%"]
    assert len(panel.loss_tick_labels()) >= 2


def test_accuracy_plot_appears_only_with_accuracy(panel):
    panel.update_snapshot(snapshot(history([1, 2, 3])))                 # regression: no accuracy
    assert not panel.acc_plot.isVisible()
    assert panel.loss_plot.getPlotItem().getAxis("bottom").labelText == "epoch"
    panel.update_snapshot(snapshot(history([4, 5], acc=[0.5, 1.0])))
    assert panel.acc_plot.isVisible()
    np.testing.assert_array_equal(panel.accuracies(), [np.nan, np.nan, np.nan, 0.5, 1.0])
    assert "acc 100%" in panel.readout.text()     # whole when exact (ui.training.status.percent)
    panel.update_snapshot(snapshot(history([6], acc=[0.9996])))
    assert "acc 99.9%" in panel.readout.text()    # never rounded up to 100 %


def test_the_readout_writes_big_epoch_numbers_with_separators(panel):
    panel.update_snapshot(snapshot(history([161537])))
    assert "epoch 161,537" in panel.readout.text()


def test_x_follows_the_run_until_the_user_zooms(panel):
    view = panel.loss_plot.getPlotItem().getViewBox()
    panel.update_snapshot(snapshot(history(range(1, 51))))
    assert view.viewRange()[0][0] <= 1 and view.viewRange()[0][1] >= 50
    view.setXRange(10, 20, padding=0)
    view.sigRangeChangedManually.emit([True, False])
    assert not panel.following() and not panel.fit_button.isHidden()
    panel.update_snapshot(snapshot(history(range(51, 101))))
    assert view.viewRange()[0] == pytest.approx([10, 20])
    panel.fit_button.click()
    assert panel.following() and view.viewRange()[0][1] >= 100
    # the accuracy plot shares the x axis
    panel.update_snapshot(snapshot(history([101], acc=[1.0])))
    assert panel.acc_plot.getPlotItem().getViewBox().viewRange()[0] == pytest.approx(view.viewRange()[0])


def test_ten_thousand_epochs_stay_fast_and_keep_their_plot_items(qtbot):
    panel = LossPanel()
    qtbot.addWidget(panel)
    panel.resize(500, 260)
    panel.show()
    qtbot.waitExposed(panel)
    items = panel.plot_items()
    data_items = panel.loss_plot.getPlotItem().listDataItems() + panel.acc_plot.getPlotItem().listDataItems()
    rng = np.random.default_rng(0)
    times, done = [], 0
    for k in range(300):
        n = 10_000 // 300 + (k < 10_000 % 300)
        e = np.arange(done + 1, done + n + 1)
        done += n
        h = history(e, loss=np.exp(-e / 3000.0), val=1.1 * np.exp(-e / 3000.0), acc=np.full(n, 0.9),
                    val_acc=np.full(n, 0.8))
        measured = k < 35 or k >= 270            # drawn (and timed) at the start and the end
        start = time.perf_counter()
        panel.update_snapshot(snapshot(h, batches=rng.random(4 * n)))
        if measured:
            panel.loss_plot.viewport().repaint()
            panel.acc_plot.viewport().repaint()
            times.append(time.perf_counter() - start)
    assert done == 10_000
    np.testing.assert_array_equal(panel.epochs(), np.arange(1, 10_001))
    assert len(panel.batch_losses()[1]) == 40_000
    first, last = np.median(times[5:35]), np.median(times[35:])
    assert last < 4 * first + 0.005, f"updates slowed from {first * 1e3:.1f} ms to {last * 1e3:.1f} ms"
    assert all(a is b for a, b in zip(items, panel.plot_items()))
    after = panel.loss_plot.getPlotItem().listDataItems() + panel.acc_plot.getPlotItem().listDataItems()
    assert len(after) == len(data_items) and all(a is b for a, b in zip(data_items, after))
    assert panel.train_curve.opts["autoDownsample"] and panel.train_curve.opts["downsampleMethod"] == "peak"
    assert panel.train_curve.opts["clipToView"]
