"""Autosave and recovery (issue 14): a modified document is autosaved every interval, the
autosave goes when the document is saved or dropped, and at start the autosaves of dead
instances (and only theirs) are offered with Recover, Discard and Later."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from nnstudio.project import editing
from nnstudio.project.io import dumps_project, load_project, save_project
from nnstudio.project.paths import base_dir
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs.recovery_dialog import RecoveryDialog
from nnstudio.ui.window import autosave
from nnstudio.ui.window.autosave_files import Recoverable, find_recoverable

from tests.ui.conftest import xor_project

Button = QMessageBox.StandardButton
# A process that takes a lock the way an instance does and dies without releasing it.
DIE_HOLDING_LOCK = ("import os, sys\nfrom PySide6.QtCore import QLockFile\n"
                    "lock = QLockFile(sys.argv[1])\nlock.setStaleLockTime(0)\n"
                    "if not lock.tryLock(0):\n    sys.exit(5)\nos._exit(0)\n")


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "autosave"


@pytest.fixture
def window(open_window, tmp_path, folder):
    """`window(interval=1)` → a MainWindow autosaving into `folder` every `interval` seconds."""
    def make(interval: int = 1):
        (tmp_path / "settings.ini").write_text(
            f"[autosave]\nfolder={folder.as_posix()}\nintervalSeconds={interval}\n", encoding="utf-8")
        w = open_window()
        return w
    return make


def add_node(w, label: str = "added") -> None:
    """One edit, as the palette makes it: an AddNode on the undo stack."""
    node = editing.new_node(w.doc.project, "neuron", (600, 100))
    node.label = label
    w.stack.push(AddNode(w.doc, node))


def saved_project(tmp_path, name: str = "net.json"):
    """The XOR test project saved at tmp_path/project/name, with a CSV beside it by a relative path."""
    where = tmp_path / "project"
    where.mkdir(exist_ok=True)
    (where / "rows.csv").write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    project = xor_project()
    project.meta["name"] = "My XOR"
    project.data.source = {"kind": "csv", "path": "rows.csv", "input_columns": ["a", "b"],
                           "target_columns": ["y"], "target_encoding": "raw"}
    save_project(project, where / name)
    return where / name


def leave_dead_autosave(folder, project, original_path, saved_at="2026-01-02T03:04:05+00:00",
                        dead: bool = True) -> str:
    """The files a crashed instance leaves: the project, its info, and (when `dead`) a lock whose
    owner process is gone. Returns the instance id."""
    ident = uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{ident}.json").write_text(dumps_project(project), encoding="utf-8")
    info = {"format": autosave.INFO_FORMAT, "original_path": original_path and str(original_path),
            "name": autosave.project_name(project), "saved_at": saved_at, "pid": 1}
    (folder / f"{ident}.info.json").write_text(json.dumps(info), encoding="utf-8")
    if dead:
        done = subprocess.run([sys.executable, "-c", DIE_HOLDING_LOCK, str(folder / f"{ident}.lock")],
                              timeout=60, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert (folder / f"{ident}.lock").is_file()
    return ident


# --- autosaving ------------------------------------------------------------------------------
def test_a_modified_document_is_autosaved_after_the_interval(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    w = window(interval=1)
    assert w.files.open_path(path)
    add_node(w, "fresh")
    saver = w.autosaver
    # The autosave is whole once both its files are there (the worker writes one, then the other).
    qtbot.waitUntil(lambda: os.path.isfile(saver.project_file) and os.path.isfile(saver.info_file), timeout=5000)
    saved = load_project(saver.project_file)
    assert len(saved.nodes) == len(xor_project().nodes) + 1
    assert saved.nodes[-1].label == "fresh"
    assert saved.data.source["path"] == "rows.csv"      # as the project file writes it
    info = json.loads(open(saver.info_file, encoding="utf-8").read())
    assert info["original_path"] == str(path) and info["name"] == "My XOR" and info["pid"] == os.getpid()
    assert os.path.isfile(saver.lock_file)
    assert os.path.dirname(saver.project_file) == str(folder)
    # The running instance's autosave is never offered, not even to this same process.
    assert find_recoverable(str(folder)) == []


def test_an_unmodified_document_is_not_autosaved(qtbot, window, tmp_path, folder):
    w = window(interval=1)
    assert w.files.open_path(saved_project(tmp_path))
    ticks = []
    w.autosaver.timer.timeout.connect(lambda: ticks.append(1))
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=5000)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_the_autosave_follows_edits_and_is_not_rewritten_when_nothing_changed(qtbot, window):
    w = window(interval=1)
    add_node(w, "one")
    writes = []
    w.autosaver.written.connect(writes.append)
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=5000)
    ticks = []
    w.autosaver.timer.timeout.connect(lambda: ticks.append(1))
    qtbot.waitUntil(lambda: len(ticks) >= 2, timeout=5000)
    assert len(writes) == 1
    add_node(w, "two")
    qtbot.waitUntil(lambda: len(writes) == 2, timeout=5000)
    assert [n.label for n in load_project(w.autosaver.project_file).nodes][-2:] == ["one", "two"]


def test_the_autosave_is_removed_when_the_document_is_saved(qtbot, window, tmp_path):
    path = saved_project(tmp_path)
    w = window(interval=1)
    assert w.files.open_path(path)
    add_node(w)
    saver = w.autosaver
    qtbot.waitUntil(lambda: os.path.isfile(saver.project_file), timeout=5000)
    assert w.files.save()
    assert not os.path.exists(saver.project_file) and not os.path.exists(saver.info_file)
    assert not os.path.exists(saver.lock_file)
    assert len(load_project(path).nodes) == len(xor_project().nodes) + 1


@pytest.mark.parametrize("drop", ["new", "open", "example", "revert", "close"])
def test_the_autosave_is_removed_when_the_changes_are_discarded(qtbot, window, tmp_path, drop):
    w = window(interval=1)
    assert w.files.open_path(saved_project(tmp_path))
    other = saved_project(tmp_path, "other.json")
    example = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "xor_dense.json")
    w.ask_save_changes = lambda: Button.Discard
    w.files.ask_revert = lambda: True
    add_node(w)
    saver = w.autosaver
    qtbot.waitUntil(lambda: os.path.isfile(saver.project_file), timeout=5000)
    assert {"new": w.files.new_project, "open": lambda: w.files.open_path(other),
            "example": lambda: w.files.open_example(example), "revert": w.files.revert,
            "close": w.close}[drop]()
    assert not os.path.exists(saver.project_file) and not os.path.exists(saver.lock_file)


def test_cancelling_the_close_keeps_the_autosave(qtbot, window):
    w = window(interval=1)
    add_node(w)
    saver = w.autosaver
    qtbot.waitUntil(lambda: os.path.isfile(saver.project_file), timeout=5000)
    w.ask_save_changes = lambda: Button.Cancel
    assert not w.close()
    assert os.path.isfile(saver.project_file)
    w.ask_save_changes = lambda: Button.Discard


def test_a_termination_signal_writes_at_once_and_keeps_the_autosave(qtbot, window):
    w = window(interval=3600)       # the timer would not write it for an hour
    add_node(w, "last edit")
    saver = w.autosaver
    saver.keep_for_recovery()
    assert [n.label for n in load_project(saver.project_file).nodes][-1] == "last edit"
    assert w.close()        # Discard (the fixture's answer) must not remove it now
    assert os.path.isfile(saver.project_file) and os.path.isfile(saver.info_file)


def test_the_interval_is_a_setting(qtbot, window, monkeypatch):
    w = window(interval=1)
    saver = w.autosaver
    assert saver.timer.isActive() and saver.timer.interval() == 1000
    monkeypatch.setattr(autosave.QInputDialog, "getInt", lambda *args: (300, True))
    w.act.autosave_every.trigger()
    assert saver.interval() == 300 and saver.timer.interval() == 300_000
    assert int(w.settings.value(autosave.INTERVAL_KEY)) == 300
    monkeypatch.setattr(autosave.QInputDialog, "getInt", lambda *args: (0, True))
    w.act.autosave_every.trigger()
    assert saver.interval() == 0 and not saver.timer.isActive()
    assert w.act.autosave_every in w.menuBar().actions()[0].menu().actions()


def test_without_a_folder_setting_the_autosave_goes_to_the_user_data_folder(qtbot, open_window):
    from PySide6.QtCore import QStandardPaths
    w = open_window()
    data = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert w.autosaver.folder == os.path.join(data, "autosave")
    assert autosave.interval_seconds(w.settings) == 60


# --- the recovery offer ------------------------------------------------------------------------
def test_a_dead_lock_gives_an_offer_and_a_live_lock_none(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    project = load_project(path)
    live_id = leave_dead_autosave(folder, project, path, dead=False)
    held = QLockFile(str(folder / f"{live_id}.lock"))      # a running instance holds this one
    held.setStaleLockTime(0)
    assert held.tryLock(0)
    dead_id = leave_dead_autosave(folder, project, path)
    w = window(interval=1)
    seen: list[list[Recoverable]] = []
    w.autosaver.ask_recovery = lambda offers: seen.append(list(offers)) or None
    assert w.autosaver.offer_recovery() is None
    assert [[o.instance_id for o in offers] for offers in seen] == [[dead_id]]
    offer = seen[0][0]
    assert (offer.name, offer.original_path, offer.time_text()[:4]) == ("My XOR", str(path), "2026")
    held.unlock()


def test_no_offer_when_every_autosave_belongs_to_a_running_instance(qtbot, window, tmp_path, folder):
    first = window(interval=1)
    add_node(first)
    qtbot.waitUntil(lambda: os.path.isfile(first.autosaver.project_file), timeout=5000)
    second = window(interval=1)
    asked = []
    second.autosaver.ask_recovery = lambda offers: asked.append(offers)
    assert second.autosaver.offer_recovery() is None
    assert asked == []


def test_the_recovered_document_has_the_edits_the_original_path_and_is_modified(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    edited = load_project(path)
    edited.nodes.append(editing.new_node(edited, "neuron", (600, 0)))
    edited.nodes[-1].label = "unsaved edit"
    ident = leave_dead_autosave(folder, edited, path)
    w = window(interval=1)
    w.autosaver.ask_recovery = lambda offers: offers[0]
    assert w.autosaver.offer_recovery() is not None
    doc = w.doc.project
    assert [n.label for n in doc.nodes][-1] == "unsaved edit" and len(doc.nodes) == len(xor_project().nodes) + 1
    assert w.files.path == str(path) and base_dir(doc) == str(path.parent)
    assert not w.stack.isClean() and w.isWindowModified() and w.windowTitle().startswith("net.json")
    # It has its own autosave now, so the crashed instance's files are gone.
    assert os.path.isfile(w.autosaver.project_file)
    assert not (folder / f"{ident}.json").exists() and not (folder / f"{ident}.lock").exists()
    assert find_recoverable(str(folder)) == []
    assert w.files.save()           # Ctrl+S: to the original path, no dialog
    assert [n.label for n in load_project(path).nodes][-1] == "unsaved edit"
    assert w.stack.isClean() and not os.path.exists(w.autosaver.project_file)
    assert os.listdir(folder) == []


def test_recover_keeps_the_crashed_autosave_until_the_document_has_its_own(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    ident = leave_dead_autosave(folder, load_project(path), path)
    w = window(interval=0)          # autosave off: nothing replaces the recovered files
    w.autosaver.ask_recovery = lambda offers: offers[0]
    assert w.autosaver.offer_recovery() is not None
    assert (folder / f"{ident}.json").is_file()
    assert find_recoverable(str(folder)) == []         # this live instance holds its lock
    assert w.files.save()
    assert not (folder / f"{ident}.json").exists()


def test_an_untitled_project_is_recovered_untitled(qtbot, window, folder):
    ident = leave_dead_autosave(folder, xor_project(), None)
    w = window(interval=1)
    offers = find_recoverable(str(folder))
    assert [(o.instance_id, o.name, o.original_path) for o in offers] == [(ident, "Untitled", None)]
    dialog = RecoveryDialog(offers, w)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 1).text() == "never saved"
    dialog.recover()
    w.autosaver.recover(dialog.chosen)
    assert w.files.path is None and not w.stack.isClean()
    assert w.files.display_name() == "Untitled"


def test_the_dialog_discard_deletes_and_later_keeps(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    older = leave_dead_autosave(folder, load_project(path), path, saved_at="2026-01-01T10:00:00+00:00")
    newer = leave_dead_autosave(folder, xor_project(), None, saved_at="2026-01-01T11:00:00+00:00")
    w = window(interval=1)
    shown: list[RecoveryDialog] = []

    def discard_newest(offers):
        dialog = RecoveryDialog(offers, w)
        shown.append(dialog)
        assert [dialog.table.item(r, 0).text() for r in range(2)] == ["Untitled", "My XOR"]
        dialog.discard()                # the selected one: the first, the newest
        assert dialog.table.rowCount() == 1
        dialog.later()
        return dialog.chosen
    w.autosaver.ask_recovery = discard_newest
    assert w.autosaver.offer_recovery() is None
    assert not (folder / f"{newer}.json").exists() and not (folder / f"{newer}.info.json").exists()
    assert not (folder / f"{newer}.lock").exists()
    assert (folder / f"{older}.json").is_file()
    # Later: offered again at the next start.
    assert [o.instance_id for o in find_recoverable(str(folder))] == [older]


def test_recover_opens_the_selected_one_and_the_rest_stay_offered(qtbot, window, tmp_path, folder):
    path = saved_project(tmp_path)
    first = leave_dead_autosave(folder, load_project(path), path, saved_at="2026-01-01T10:00:00+00:00")
    second = leave_dead_autosave(folder, xor_project(), None, saved_at="2026-01-01T11:00:00+00:00")

    def recover_second_row(offers):
        dialog = RecoveryDialog(offers, w)
        dialog.table.selectRow(1)
        dialog.recover()
        return dialog.chosen
    w = window(interval=1)
    w.autosaver.ask_recovery = recover_second_row
    recovered = w.autosaver.offer_recovery()
    assert recovered is not None and w.files.path == str(path)
    assert not (folder / f"{first}.json").exists()      # replaced by this window's own autosave
    assert [o.instance_id for o in find_recoverable(str(folder))] == [second]


def test_a_broken_autosave_is_reported_and_kept(qtbot, window, folder):
    ident = leave_dead_autosave(folder, xor_project(), None)
    (folder / f"{ident}.json").write_text("{not json", encoding="utf-8")
    w = window(interval=1)
    errors = []
    w.autosaver.show_error = lambda title, text: errors.append(text)
    w.autosaver.ask_recovery = lambda offers: offers[0]
    assert w.autosaver.offer_recovery() is None
    assert len(errors) == 1 and "autosave cannot be read" in errors[0]
    assert w.stack.isClean() and [o.instance_id for o in find_recoverable(str(folder))] == [ident]


def test_a_lock_left_without_an_autosave_is_tidied_away(qtbot, folder):
    ident = leave_dead_autosave(folder, xor_project(), None)
    (folder / f"{ident}.json").unlink()
    (folder / f"{ident}.info.json").unlink()
    assert find_recoverable(str(folder)) == []
    assert list(folder.iterdir()) == []


def test_the_timer_writes_in_a_worker_thread_and_a_save_meanwhile_leaves_nothing(qtbot, window, tmp_path,
                                                                               monkeypatch):
    import threading
    import time
    real_write = autosave.write_autosave
    threads = []

    def slow_write(*job):
        threads.append(threading.current_thread())
        time.sleep(0.3)         # the user saves while this write is under way
        return real_write(*job)
    monkeypatch.setattr(autosave, "write_autosave", slow_write)
    path = saved_project(tmp_path)
    w = window(interval=3600)
    assert w.files.open_path(path)
    add_node(w)
    saver = w.autosaver
    started = time.perf_counter()
    saver.autosave_if_due()
    assert time.perf_counter() - started < 0.2          # the window did not wait for the write
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)
    assert threads[0] is not threading.main_thread()
    assert w.files.save()
    assert not os.path.exists(saver.project_file) and not os.path.exists(saver.info_file)
    assert not os.path.exists(saver.lock_file)
    qtbot.wait(500)         # longer than the write took
    assert not os.path.exists(saver.project_file)


def test_a_failed_autosave_is_reported_and_tried_again(qtbot, window, folder):
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    w = window(interval=1)
    messages = []
    w.files.statusMessage.connect(lambda text, _ms: messages.append(text))
    add_node(w)
    qtbot.waitUntil(lambda: len(messages) >= 2, timeout=5000)
    assert all(m.startswith("Autosave failed: ") for m in messages)
    folder.unlink()
    qtbot.waitUntil(lambda: os.path.isfile(w.autosaver.project_file), timeout=5000)
