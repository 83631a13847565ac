"""Training you can watch: the toolbar's speed control, Train until stopped, and the status bar's
readout (issue 10)."""
from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from nnstudio.training.live import LiveSnapshot
from nnstudio.training.pace import AUTO, FULL
from nnstudio.ui.commands.edits import SetTraining
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.training.speed import SETTINGS_KEY, SpeedControl, speed_text
from nnstudio.ui.training.status import percent, summary
from nnstudio.ui.window.actions import ShortcutsDialog, shortcut_rows
from nnstudio.ui.window.main_window import MainWindow

TIMEOUT = 20_000


def settings_at(path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, tmp_path, monkeypatch):
    windows = []

    def make(settings_file: str = "settings.ini", host: str = "process") -> MainWindow:
        monkeypatch.setenv("NNSTUDIO_TRAINING", host)
        w = MainWindow(settings_at(tmp_path / settings_file))
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        windows.append(w)
        return w
    yield make
    for w in windows:
        w.close()


def set_epochs(w: MainWindow, epochs: int) -> None:
    spec = copy.deepcopy(w.doc.project.training)
    spec.epochs = epochs
    w.stack.push(SetTraining(w.doc, spec, "epochs"))


# --- the control ----------------------------------------------------------------------------------
def test_the_speed_control_sits_beside_the_train_buttons_and_fits_1280_pixels(make_window):
    w = make_window()
    bar, a = w.toolbar, w.act
    assert w.speed.parent() is bar and w.speed.isVisible()
    # Nothing falls into the toolbar's overflow menu at 1280 px: every item is shown, inside the bar.
    for act in bar.actions():
        widget = bar.widgetForAction(act)
        if widget is not None and not act.isSeparator():
            assert widget.isVisible(), act.text() or widget
            assert widget.geometry().right() <= bar.width(), act.text() or widget
    trains = [bar.widgetForAction(x).geometry().x() for x in (a.train, a.pause, a.stop, a.step)]
    assert trains == sorted(trains) and w.speed.geometry().x() > trains[-1]
    assert [w.speed.combo.itemText(i) for i in (0, 1, 7, w.speed.combo.count() - 1)] == \
        ["Auto", "1 step/s", "100 steps/s", "Full speed"]


def test_auto_is_the_default_and_a_choice_is_remembered(make_window, tmp_path):
    w = make_window()
    assert w.speed.pace() == AUTO and w.training.pace == AUTO
    w.speed.combo.setCurrentIndex(w.speed.combo.findText("20 steps/s"))    # as a user picks it
    assert w.training.pace == 20.0
    assert settings_at(tmp_path / "settings.ini").value(SETTINGS_KEY) == "20"
    w.close()
    again = make_window()
    assert again.speed.pace() == 20.0 and again.training.pace == 20.0
    assert again.speed.combo.currentText() == "20 steps/s"


def test_full_speed_is_one_click_away_and_a_second_click_goes_back(make_window, qtbot):
    w = make_window()
    w.speed.set_pace(5.0)
    w.speed.full.click()
    assert w.training.pace == FULL and w.speed.combo.currentText() == "Full speed" and w.speed.full.isChecked()
    w.speed.full.click()
    assert w.training.pace == 5.0 and not w.speed.full.isChecked()


def test_a_broken_saved_speed_falls_back_to_auto(qtbot, tmp_path):
    settings = settings_at(tmp_path / "s.ini")
    settings.setValue(SETTINGS_KEY, "warp 9")
    control = SpeedControl(settings)
    qtbot.addWidget(control)
    assert control.pace() == AUTO
    settings.setValue(SETTINGS_KEY, "7")             # not one of the list's choices
    assert SpeedControl(settings).pace() == AUTO
    with pytest.raises(ValueError):
        control.set_pace(7.0)
    assert speed_text(1.0) == "1 step/s" and speed_text(5000.0) == "5,000 steps/s"


@pytest.mark.parametrize("host", ["process", "thread"])
def test_a_new_speed_reaches_the_run_under_way(make_window, qtbot, host):
    """At 1 step a second the 1,000-epoch run would take over an hour: it ends only because Full
    speed reached it mid-run."""
    w = make_window(host=host)
    w.speed.set_pace(1.0)
    w.files.open_example(EXAMPLES_DIR / "xor_5_hidden.json")
    set_epochs(w, 1000)
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.last_snapshot is not None and w.training.last_snapshot.step >= 1,
                    timeout=TIMEOUT)
    assert w.training.state == "running"
    if host == "thread":
        assert w.training.worker.session.pace() == pytest.approx(1.0)
    w.speed.full.click()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)
    assert w.training.last_snapshot.status == "finished"
    assert w.doc.project.history.epoch[-1] == 1000


# --- train until stopped ----------------------------------------------------------------------------
def test_until_stopped_is_in_the_train_menu_the_toolbar_and_the_shortcuts(make_window):
    w = make_window()
    a = w.act
    assert a.until_stopped.isCheckable() and not a.until_stopped.isChecked()
    train_menu = next(m.menu() for m in w.menuBar().actions() if m.text() == "&Train")
    assert a.until_stopped in train_menu.actions()
    assert any(w.toolbar.widgetForAction(x) is not None and getattr(w.toolbar.widgetForAction(x), "defaultAction",
               lambda: None)() is a.until_stopped for x in w.toolbar.actions())
    rows = dict(shortcut_rows(a))
    assert rows["Train until stopped"] == "Ctrl+F5"
    dialog = ShortcutsDialog(a, w)
    texts = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Train until stopped" in texts


def test_until_stopped_trains_past_the_epochs_and_shows_no_total(make_window, qtbot):
    w = make_window()
    w.speed.set_full_speed()
    w.files.open_example(EXAMPLES_DIR / "xor_5_hidden.json")
    set_epochs(w, 5)
    w.act.until_stopped.trigger()
    assert w.training.until_stopped
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.last_snapshot is not None and w.training.last_snapshot.epoch > 200,
                    timeout=TIMEOUT)
    assert w.training.state == "running"
    status = w.live.status
    qtbot.waitUntil(lambda: status.label.text().startswith("Epoch "), timeout=TIMEOUT)
    assert " / " not in status.label.text().split("·")[0]
    assert status.progress.isHidden() and status.eta.text() == ""
    w.act.stop.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle", timeout=TIMEOUT)
    assert w.training.last_snapshot.status == "stopped"
    assert w.doc.project.history.epoch[-1] > 200
    # Turned off, F5 trains the set number of epochs again, with a total.
    w.act.until_stopped.trigger()
    start = w.doc.project.history.epoch[-1]
    w.act.train.trigger()
    qtbot.waitUntil(lambda: w.training.state == "idle" and w.doc.project.history.epoch[-1] > start,
                    timeout=TIMEOUT)
    assert w.doc.project.history.epoch[-1] == start + 5
    assert f"/ {start + 5:,}" in status.label.text() and not status.progress.isHidden()


# --- the status bar ---------------------------------------------------------------------------------
def test_accuracy_is_never_rounded_up_to_100_percent():
    assert percent(1.0) == "100%"
    assert percent(0.999) == "99.9%" and percent(0.9996) == "99.9%" and percent(0.99999) == "99.9%"
    assert percent(0.75) == "75%" and percent(0.95) == "95%" and percent(0.0) == "0%"
    assert percent(2 / 3) == "66.6%" and percent(1796 / 1797) == "99.9%"
    snap = LiveSnapshot("running", epoch=12, total_epochs=100, accuracy=0.9996, val_accuracy=1.0)
    text = summary(snap)
    assert "acc 99.9%" in text and "val acc 100%" in text and "Epoch 12 / 100" in text
    endless = summary(LiveSnapshot("paused", epoch=1234, total_epochs=None, accuracy=0.5))
    assert endless.startswith("Epoch 1,234 · ") and "acc 50%" in endless and "paused" in endless
