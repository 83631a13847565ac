"""The safety net for unexpected errors (ui/fault_report.py, ui/dialogs/fault_dialog.py): an
exception in a slot, a paint(), a Background worker or a thread is logged in the settings' log
folder and shown once in the "Something went wrong" dialog, and the window keeps working.

Tests that provoke errors in slots are marked qt_no_exception_capture: pytest-qt would otherwise
take sys.excepthook for itself (and fail the test); the fixture puts the hooks back after each.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import textwrap
import threading
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, QSettings, QStandardPaths
from PySide6.QtWidgets import (QApplication, QDialog, QGraphicsItem, QGraphicsScene, QGraphicsView, QPushButton,
                               QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from nnstudio.project import editing
from nnstudio.project.io import load_project
from nnstudio.project.model import Project
from nnstudio.ui import background, fault_report
from nnstudio.ui.background import Background
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs import fault_dialog
from nnstudio.ui.dialogs.fault_dialog import FaultDialog
from nnstudio.ui.fault_report import install_fault_handler, rescue_path, uninstall_fault_handler

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_dir(tmp_path) -> Path:
    return tmp_path / "logs"


@pytest.fixture
def faults(qapp, tmp_path, log_dir):
    """`faults(window=None)` → the installed FaultHandler, logging into `log_dir`; uninstalled after."""
    settings = QSettings(str(tmp_path / "faults.ini"), QSettings.Format.IniFormat)
    settings.setValue(fault_report.LOG_FOLDER_KEY, str(log_dir))
    before = (sys.excepthook, threading.excepthook, background.worker_error_hook)

    def install(window: QWidget | None = None):
        return install_fault_handler(qapp, window, settings)
    yield install
    uninstall_fault_handler()
    assert (sys.excepthook, threading.excepthook, background.worker_error_hook) == before


def fault_dialogs() -> list[FaultDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FaultDialog) and w.isVisible()]


def raising_button(message: str, exc_type: type[Exception] = ValueError) -> QPushButton:
    button = QPushButton("Break")

    def broken() -> None:
        raise exc_type(message)
    button.clicked.connect(broken)
    return button


def click(qtbot, button: QPushButton) -> None:
    qtbot.addWidget(button)
    button.show()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def laid_out_without_overlap(dialog: FaultDialog) -> bool:
    """Every shown part of the dialog lies above the buttons, inside the dialog."""
    QApplication.processEvents()
    buttons_top = dialog.close_button.mapTo(dialog, QPoint(0, 0)).y()
    parts = [dialog.summary, dialog.later, dialog.saved, dialog.toggle, dialog.details]
    return all(p.geometry().bottom() < buttons_top for p in parts if p.isVisible()) and \
        buttons_top + dialog.close_button.height() <= dialog.height()


def log_text(log_dir: Path) -> str:
    return (log_dir / fault_report.LOG_NAME).read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_dialog_and_writes_the_log(open_window, faults, qtbot, log_dir, capsys,
                                                                   monkeypatch):
    w = open_window()
    handler = faults(w)
    click(qtbot, raising_button("the slot broke 4217"))
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)

    dialog = fault_dialogs()[0]
    assert dialog is handler.dialog and dialog.parent() is w
    assert dialog.windowTitle() == "Something went wrong"
    assert "keeps running" in dialog.message.text()
    assert dialog.summary.text() == "ValueError: the slot broke 4217"
    assert "ValueError: the slot broke 4217" in dialog.details.toPlainText()
    assert "in broken" in dialog.details.toPlainText()          # the traceback names the slot
    assert not dialog.details.isVisible()                       # details open on demand
    qtbot.mouseClick(dialog.toggle, Qt.MouseButton.LeftButton)
    assert dialog.details.isVisible() and dialog.toggle.text() == "Hide details"
    assert laid_out_without_overlap(dialog)

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied == dialog.details_text
    assert copied.startswith("nnstudio ") and "Traceback (most recent call last)" in copied
    assert "ValueError: the slot broke 4217" in copied

    opened: list[Path] = []
    monkeypatch.setattr(fault_dialog, "open_folder", opened.append)
    qtbot.mouseClick(dialog.log_button, Qt.MouseButton.LeftButton)
    assert opened == [log_dir]

    log = log_text(log_dir)
    assert log.count("Unexpected error") == 1
    assert "ValueError: the slot broke 4217" in log and "Traceback (most recent call last)" in log
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in log and "Qt 6." in log
    err = capsys.readouterr().err
    assert str(log_dir / fault_report.LOG_NAME) in err and "the slot broke 4217" in err
    assert "Traceback" not in err                               # never a traceback alone on stderr

    # The window keeps working: an edit can be made and undone.
    count = len(w.doc.project.nodes)
    w.stack.push(AddNode(w.doc, editing.new_node(w.doc.project, "neuron", (5.0, 5.0))))
    assert len(w.doc.project.nodes) == count + 1
    w.stack.undo()
    assert len(w.doc.project.nodes) == count
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert fault_dialogs() == []


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_dialog_is_up_are_counted_in_it_not_shown_in_more_dialogs(faults, qtbot, log_dir):
    window = QWidget()
    qtbot.addWidget(window)
    handler = faults(window)
    click(qtbot, raising_button("first"))
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert not handler.dialog.later.isVisible()
    click(qtbot, raising_button("second", KeyError))
    qtbot.waitUntil(lambda: handler.dialog.later_errors == 1)
    assert handler.dialog.later.text().startswith("1 more error happened since.")
    click(qtbot, raising_button("third", TypeError))
    qtbot.waitUntil(lambda: handler.dialog.later_errors == 2)
    assert handler.dialog.later.text().startswith("2 more errors happened since.")
    assert len(fault_dialogs()) == 1 and handler.dialog.summary.text() == "ValueError: first"
    log = log_text(log_dir)
    assert log.count("Unexpected error") == 3
    assert all(s in log for s in ("ValueError: first", "KeyError: 'second'", "TypeError: third"))

    handler.dialog.close()      # a new error after it was closed gets a dialog of its own
    click(qtbot, raising_button("fourth", RuntimeError))
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert handler.dialog.summary.text() == "RuntimeError: fourth" and handler.dialog.later_errors == 0


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_modal_dialog_shows_a_dialog_that_can_be_used_over_it(open_window, faults, qtbot):
    w = open_window()
    handler = faults(w)
    other = QDialog(w)
    other.setWindowModality(Qt.WindowModality.ApplicationModal)
    button = raising_button("in the import dialog")
    QVBoxLayout(other).addWidget(button)
    other.show()
    qtbot.waitExposed(other)
    assert QApplication.activeModalWidget() is other
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert QApplication.activeModalWidget() is handler.dialog     # on top: it takes the clicks
    qtbot.mouseClick(handler.dialog.close_button, Qt.MouseButton.LeftButton)
    assert fault_dialogs() == [] and other.isVisible() and QApplication.activeModalWidget() is other
    other.close()


class BrokenItem(QGraphicsItem):
    """Raises the same error on every paint."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, 40, 40)

    def paint(self, painter, option, widget=None) -> None:
        self.paints += 1
        raise ZeroDivisionError("cannot draw this 77")


@pytest.mark.qt_no_exception_capture
def test_an_error_in_paint_is_shown_once_however_often_it_repaints(faults, qtbot, log_dir):
    scene = QGraphicsScene()
    item = BrokenItem()
    scene.addItem(item)
    view = QGraphicsView(scene)
    qtbot.addWidget(view)
    handler = faults(view)
    view.show()
    qtbot.waitExposed(view)
    for _ in range(8):
        item.update()
        qtbot.wait(20)
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert item.paints >= 8
    assert handler.dialog.summary.text() == "ZeroDivisionError: cannot draw this 77"
    assert handler.dialog.later_errors == 0     # the same error again is not "another error"
    handler.dialog.close()
    for _ in range(4):
        item.update()
        qtbot.wait(20)
    assert fault_dialogs() == []                # and closing it does not bring it back
    log = log_text(log_dir)
    assert log.count("Unexpected error") == 1
    # The repeats are noted at 2, 4, 8… times, not once per paint.
    noted = [n for n in (2, 4, 8, 16, 32) if n <= item.paints]
    assert item.paints >= 8 and len(noted) >= 3
    assert [f"({n} times so far" in log for n in noted] == [True] * len(noted)
    assert log.count("The same error again") == len(noted)
    assert log.count("ZeroDivisionError: cannot draw this 77") == 1 + len(noted)


def test_an_error_in_a_background_worker_reaches_the_handler(faults, qtbot, log_dir, capfd):
    window = QWidget()
    qtbot.addWidget(window)
    handler = faults(window)
    delivered: list = []
    worker = Background(delivered.append, "test-worker")

    def broken_work():
        return {"a": 1}["missing key 5"]
    worker.run(broken_work)
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert handler.dialog.summary.text() == "KeyError: 'missing key 5'"
    assert "Thread: background worker" in handler.dialog.details_text and "in broken_work" in handler.dialog.details_text
    assert "KeyError: 'missing key 5'" in log_text(log_dir)
    worker.run(lambda: 42)      # the worker still works, and a failed work delivers nothing
    qtbot.waitUntil(lambda: delivered == [42])
    assert "Traceback" not in capfd.readouterr().err


def test_without_a_handler_a_worker_error_is_printed_as_before(qtbot, capfd):
    assert background.worker_error_hook is None
    delivered: list = []
    worker = Background(delivered.append, "test-worker")
    worker.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: not worker.is_busy() and "ZeroDivisionError" in capfd.readouterr().err)
    worker.run(lambda: 7)
    qtbot.waitUntil(lambda: delivered == [7])


def test_an_error_in_a_plain_thread_reaches_the_handler(faults, qtbot, log_dir):
    window = QWidget()
    qtbot.addWidget(window)
    handler = faults(window)

    def broken() -> None:
        raise OSError("thread broke 31")
    thread = threading.Thread(target=broken, name="loader-thread")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    assert handler.dialog.summary.text() == "OSError: thread broke 31"
    assert "Thread: loader-thread" in handler.dialog.details_text
    assert "OSError: thread broke 31" in log_text(log_dir)


@pytest.mark.qt_no_exception_capture
def test_before_the_window_exists_an_error_is_logged_and_stderr_says_where(faults, qtbot, log_dir, capsys):
    handler = faults()          # as app.run() installs it, before the window is made
    click(qtbot, raising_button("while starting 9"))
    qtbot.wait(50)
    assert handler.dialog is None and fault_dialogs() == []
    assert "ValueError: while starting 9" in log_text(log_dir)
    err = capsys.readouterr().err
    assert "while starting 9" in err and str(log_dir) in err and "Traceback" not in err


@pytest.mark.qt_no_exception_capture
def test_save_a_copy_writes_the_unsaved_edits_beside_the_file_and_leaves_it_alone(open_window, faults, qtbot,
                                                                                  tmp_path):
    w = open_window()
    handler = faults(w)
    original = tmp_path / "work" / "xor net.json"
    original.parent.mkdir()
    assert w.files.write(original)
    before = original.read_bytes()
    w.stack.push(AddNode(w.doc, editing.new_node(w.doc.project, "neuron", (40.0, 60.0))))
    w.stack.push(AddNode(w.doc, editing.new_node(w.doc.project, "input", (0.0, 60.0))))
    edited = [(n.id, n.kind, n.pos) for n in w.doc.project.nodes]
    assert len(edited) == 2

    click(qtbot, raising_button("boom"))
    qtbot.waitUntil(lambda: len(fault_dialogs()) == 1)
    qtbot.mouseClick(handler.dialog.save_button, Qt.MouseButton.LeftButton)

    copies = sorted(original.parent.glob("xor net (rescued *).json"))
    assert len(copies) == 1
    stamp = copies[0].name[len("xor net (rescued "):-len(").json")]
    assert abs((datetime.strptime(stamp, "%Y-%m-%d %H%M") - datetime.now()).total_seconds()) < 120
    rescued = load_project(copies[0])
    assert [(n.id, n.kind, tuple(n.pos)) for n in rescued.nodes] == [(i, k, tuple(p)) for i, k, p in edited]
    assert original.read_bytes() == before
    assert handler.dialog.saved.isVisible() and str(copies[0]) in handler.dialog.saved.text()
    handler.dialog.toggle.setChecked(True)
    handler.dialog.add_later_error()
    assert laid_out_without_overlap(handler.dialog)
    # The window's project is still the original file, still modified.
    assert w.files.path == str(original) and w.files.is_modified()

    qtbot.mouseClick(handler.dialog.save_button, Qt.MouseButton.LeftButton)     # again: a new file
    assert len(list(original.parent.glob("xor net (rescued *).json"))) == 2


def test_a_never_saved_project_is_rescued_to_documents_under_its_name(tmp_path):
    when = datetime(2026, 12, 4, 21, 30)
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    project = Project()
    project.meta["name"] = "XOR: a/b test"
    assert rescue_path(project, when) == documents / "XOR_ a_b test (rescued 2026-12-04 2130).json"
    project.meta["name"] = "///"
    assert rescue_path(project, when).name == "_ (rescued 2026-12-04 2130).json"
    project.meta["name"] = ""
    assert rescue_path(project, when).name == "Untitled (rescued 2026-12-04 2130).json"
    project.path = str(tmp_path / "net.json")
    (tmp_path / "net (rescued 2026-12-04 2130).json").write_text("{}")
    assert rescue_path(project, when) == tmp_path / "net (rescued 2026-12-04 2130 2).json"


def raise_at_one_place(handler, message: str) -> None:
    try:
        raise IndexError(message)
    except IndexError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)


def test_the_same_place_failing_with_other_messages_is_the_same_error(faults, log_dir):
    handler = faults()
    for k in range(5):
        raise_at_one_place(handler, f"index {k} is out of range")
    try:
        raise IndexError("index 0 is out of range")       # the same message from another line
    except IndexError as exc:
        handler.handle(type(exc), exc, exc.__traceback__)
    log = log_text(log_dir)
    assert log.count("Unexpected error") == 2 and "IndexError: index 0 is out of range" in log
    assert "The same error again (4 times so far, thread MainThread): IndexError: index 3 is out of range" in log
    assert "index 4 is out of range" not in log         # the fifth is counted, not logged


def test_a_log_folder_that_cannot_be_written_gives_way_to_the_temporary_folder(qapp, tmp_path, monkeypatch,
                                                                                 capsys):
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    settings = QSettings(str(tmp_path / "faults.ini"), QSettings.Format.IniFormat)
    settings.setValue(fault_report.LOG_FOLDER_KEY, str(blocker / "logs"))
    handler = install_fault_handler(qapp, None, settings)
    try:
        assert handler.folder == tmp_path / "tmp" / "nnstudio-logs"
        raise_at_one_place(handler, "logged anyway")
        assert "IndexError: logged anyway" in log_text(handler.folder)
        assert str(handler.log_path) in capsys.readouterr().err
    finally:
        uninstall_fault_handler()


def test_the_log_is_capped_in_size(faults, monkeypatch, log_dir, capsys):
    monkeypatch.setattr(fault_report, "LOG_MAX_BYTES", 20_000)
    handler = faults()
    for k in range(60):     # 60 different errors (of as many types) of about 1 KB each
        try:
            raise type(f"Error{k}", (ValueError,), {})(f"error {k} " + "x" * 800)
        except ValueError as exc:
            handler.handle(type(exc), exc, exc.__traceback__)
    logs = sorted(p.name for p in log_dir.iterdir() if p.name.startswith(fault_report.LOG_NAME))
    assert logs == ["nnstudio.log", "nnstudio.log.1", "nnstudio.log.2", "nnstudio.log.3"]
    assert all((log_dir / name).stat().st_size <= 20_000 for name in logs)
    assert "error 59 " + "x" * 800 in log_text(log_dir)         # the log has the whole message
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 60     # stderr has one short line each: the summary cut at 240 characters
    assert all("x" * 150 in line and "x" * 240 not in line and "…)" in line for line in lines)


def test_a_hard_crash_leaves_its_traceback_in_the_log_folder(tmp_path):
    """A segfault kills the process: faulthandler writes the Python stack to crash.log."""
    script = textwrap.dedent(f"""
        import faulthandler
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from nnstudio.ui.fault_report import install_fault_handler
        app = QApplication(["nnstudio"])
        settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)
        settings.setValue("log/folder", {str(tmp_path / 'logs')!r})
        install_fault_handler(app, None, settings)
        def crashing_function():
            faulthandler._sigsegv()
        crashing_function()
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert done.returncode != 0
    crash = (tmp_path / "logs" / fault_report.CRASH_LOG_NAME).read_text(encoding="utf-8")
    assert crash.startswith("--- nnstudio ") and "process " in crash
    assert "Fatal Python error: Segmentation fault" in crash and "crashing_function" in crash


def test_app_run_installs_the_handler_for_its_event_loop_only(qapp, tmp_path, monkeypatch):
    from nnstudio.ui import app as app_module
    from nnstudio.ui.window.main_window import MainWindow
    settings_path = tmp_path / "run.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    settings.setValue(fault_report.LOG_FOLDER_KEY, str(tmp_path / "run-logs"))
    settings.sync()
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(settings_path))
    before = (sys.excepthook, threading.excepthook, background.worker_error_hook)
    seen: list = []

    def fake_exec() -> int:          # instead of the event loop: look at the hooks, then close
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        handler = fault_report.install_fault_handler(qapp)      # the one installed: run's
        seen.append((handler.window is windows[0], handler.folder == tmp_path / "run-logs",
                     sys.excepthook == handler.excepthook, background.worker_error_hook == handler.worker_error))
        windows[0].close()
        windows[0].deleteLater()
        return 0
    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    assert app_module.run() == 0
    assert seen == [(True, True, True, True)]
    assert (sys.excepthook, threading.excepthook, background.worker_error_hook) == before
    assert (tmp_path / "run-logs" / fault_report.CRASH_LOG_NAME).exists()
