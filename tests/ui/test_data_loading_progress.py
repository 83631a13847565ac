"""Big data files load off the window's thread, with progress and Cancel (issue 14, "Big and
broken data"): the import dialog's Import, the CSV preview of a big file, and the Dataset panel."""
from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from nnstudio.data import LoadCancelled
from nnstudio.project.io import project_to_dict
from nnstudio.ui.dialogs.import_csv_page import PREVIEW_BYTES
from nnstudio.ui.dialogs.import_dialog import ImportDialog
from nnstudio.ui.loading import SHOW_AFTER_MS, ProgressTask, load_with_progress
from nnstudio.ui.window.main_window import MainWindow

SPECIES = ("setosa", "versicolor", "virginica")


@pytest.fixture(autouse=True)
def settings_in_tmp(monkeypatch, tmp_path):
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))


@pytest.fixture
def window(qtbot):
    w = MainWindow()
    w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    qtbot.addWidget(w)
    return w


def big_csv(path, rows: int, broken_line: int | None = None) -> str:
    """`rows` rows of 4 numbers and a species; `broken_line` (a file line) gets a missing field."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(rows, 4))
    labels = rng.integers(0, 3, rows)
    lines = ["a,b,c,d,species\n"]
    lines += [f"{r[0]:.4f},{r[1]:.4f},{r[2]:.4f},{r[3]:.4f},{SPECIES[k]}\n" for r, k in zip(x, labels)]
    if broken_line is not None:
        lines[broken_line - 1] = "1.0,2.0,3.0,setosa\n"
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(lines)
    return str(path)


@pytest.fixture(scope="module")
def rows_200k(tmp_path_factory) -> str:
    return big_csv(tmp_path_factory.mktemp("big") / "flowers.csv", 200_000)


DELAY_STEP, STEP_DELAY_S = 0.02, 0.02


@pytest.fixture
def slow_loads(monkeypatch):
    """The real loaders, held up STEP_DELAY_S at each DELAY_STEP of progress: a load lasts about a
    second more however fast the reader gets, long enough to see its progress and cancel it."""
    from nnstudio.ui.dialogs import import_plan
    from nnstudio.ui.panels import dataset

    def slowed(original):
        def load_source(source, folder, progress=None):
            held = [0.0]

            def report(fraction):
                if fraction - held[0] >= DELAY_STEP:
                    held[0] = fraction
                    time.sleep(STEP_DELAY_S)
                if progress is not None:
                    progress(fraction)
            return original(source, folder, report)
        return load_source
    for module in (import_plan, dataset):
        monkeypatch.setattr(module, "load_source", slowed(module.load_source))


def import_dialog(qtbot, window, path) -> ImportDialog:
    dialog = ImportDialog(path, window.doc.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ok_button.isEnabled(), dialog.error_label.text()
    return dialog


class Watcher:
    """Counts a 10 ms timer's ticks and looks at the progress dialog while a load runs; `then`
    (given the progress dialog) runs once it has been seen with a value between 0 and 100 %."""

    def __init__(self, parent, then=None) -> None:
        self.ticks, self.values, self.shown_after = 0, [], None
        self._parent, self._then, self._t0 = parent, then, time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1
        progress = self._parent.findChild(QProgressDialog, "loadingProgress")
        if progress is None or not progress.isVisible():
            return
        if self.shown_after is None:
            self.shown_after = time.perf_counter() - self._t0
        self.values.append(progress.value())
        if self._then is not None and 0 < progress.value() < progress.maximum():
            then, self._then = self._then, None
            then(progress)


def test_import_of_200k_rows_shows_progress_while_the_window_runs(qtbot, window, rows_200k, slow_loads):
    dialog = import_dialog(qtbot, window, rows_200k)
    watcher = Watcher(dialog)
    t0 = time.perf_counter()
    dialog.accept()                       # returns when the load is done, the window running meanwhile
    seconds = time.perf_counter() - t0
    watcher.timer.stop()
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert dialog.fit.n_inputs == 4 and dialog.fit.n_outputs == 3 and dialog.fit.encoding == "onehot"
    assert dialog.data.source["input_columns"] == ["a", "b", "c", "d"]
    # The 10 ms timer kept firing: at least a third of the ticks the load's time allows.
    assert watcher.ticks >= seconds / 0.010 / 3, (watcher.ticks, seconds)
    # The progress dialog appeared after SHOW_AFTER_MS and showed values between 0 and 100 %.
    assert watcher.shown_after is not None and watcher.shown_after >= SHOW_AFTER_MS / 1000 * 0.9
    inside = [v for v in watcher.values if 0 < v < 1000]
    assert inside and inside == sorted(inside), watcher.values
    assert dialog.findChild(QProgressDialog, "loadingProgress") is None or \
        not dialog.findChild(QProgressDialog, "loadingProgress").isVisible()


def test_cancel_stops_the_load_and_keeps_the_dialog_and_the_document(qtbot, window, rows_200k, slow_loads):
    before = project_to_dict(window.doc.project)
    dialog = import_dialog(qtbot, window, rows_200k)
    dialog.page.set_role(0, "ignore")     # a choice the user made, kept after Cancel
    workers_before = {t.ident for t in threading.enumerate()}
    cancelled_at: list[float] = []

    def click_cancel(progress: QProgressDialog) -> None:
        assert not dialog.page.isEnabled() and not dialog.ok_button.isEnabled()   # no choice changes meanwhile
        cancelled_at.append(time.perf_counter())
        button = progress.findChild(QPushButton)
        assert button.text() == "Cancel"
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    watcher = Watcher(dialog, then=click_cancel)
    dialog.accept()
    returned = time.perf_counter()
    watcher.timer.stop()
    assert cancelled_at, "the progress dialog never showed a value between 0 and 100 %"
    assert returned - cancelled_at[0] < 0.5            # back to the dialog at once
    assert dialog.isVisible() and dialog.result() == 0 and dialog.data is None
    assert dialog.error_label.isHidden() and dialog.ok_button.isEnabled()
    assert dialog.page.role(0) == "ignore" and dialog.page.isEnabled()
    assert project_to_dict(window.doc.project) == before and window.stack.isClean() and window.stack.count() == 0
    # The worker stops at its next report: well within a second.
    loaders = [t for t in threading.enumerate() if t.name == "nnstudio-load" and t.ident not in workers_before]
    for t in loaders:
        t.join(1.0)
        assert not t.is_alive()


def test_a_row_broken_beyond_the_preview_gives_its_located_error_after_the_load(qtbot, window, tmp_path):
    path = big_csv(tmp_path / "broken.csv", 60_000, broken_line=50_001)
    assert os.path.getsize(path) > PREVIEW_BYTES        # the preview cannot see the broken row
    dialog = import_dialog(qtbot, window, path)
    assert "+ rows" in dialog.page.summary_label.text()
    assert "the whole file is read and checked on Import" in dialog.page.preview_label.text()
    dialog.accept()
    assert dialog.isVisible() and dialog.data is None
    assert dialog.error_label.text() == "broken.csv: line 50001: has 4 fields, the header has 5"
    assert not dialog.ok_button.isEnabled()


def test_a_big_csv_previews_its_first_rows_quickly(qtbot, window, tmp_path):
    path = big_csv(tmp_path / "big.csv", 120_000)
    t0 = time.perf_counter()
    dialog = import_dialog(qtbot, window, path)
    opened = time.perf_counter() - t0
    p = dialog.page.preview
    assert not p.complete and 0 < p.n_rows < 120_000 and p.n_rows * 35 <= PREVIEW_BYTES
    assert p.column_types == ["number"] * 4 + ["text"]
    assert opened < 1.0                   # the whole file would take several times longer
    dialog.page.header_check.setChecked(False)     # a change reads the sample again, not the file
    assert dialog.page.preview.n_rows == p.n_rows + 1


def test_a_quick_load_never_shows_the_progress_dialog(qtbot, window):
    seen = []
    timer = QTimer()
    timer.timeout.connect(lambda: seen.append(window.findChild(QProgressDialog, "loadingProgress")))
    timer.start(5)
    result = load_with_progress(window, "Loading…", lambda progress: (progress(0.5), 42)[1])
    timer.stop()
    assert result == 42
    assert not any(d is not None and d.isVisible() for d in seen)


def test_an_error_in_the_worker_is_raised_in_the_caller(qtbot, window):
    def work(progress):
        progress(0.1)
        raise ValueError("bad value")
    with pytest.raises(ValueError, match="bad value"):
        load_with_progress(window, "Loading…", work)


def test_a_task_reports_increasing_fractions_then_its_result(qtbot):
    seen = threading.Event()

    def work(progress):
        # Each report waits until the GUI thread has shown it, whatever the machine's load.
        for k in range(1, 6):
            seen.clear()
            progress(k / 5)
            assert seen.wait(5.0), "the GUI thread never showed the progress"
        return "done"
    task = ProgressTask(work)
    fractions, results = [], []
    task.progressed.connect(lambda fraction: (fractions.append(fraction), seen.set()))
    task.succeeded.connect(results.append)
    with qtbot.waitSignal(task.succeeded, timeout=30000):
        task.start()
    assert results == ["done"] and not task.is_running()
    assert fractions == pytest.approx([0.2, 0.4, 0.6, 0.8, 1.0])


def test_a_cancelled_task_says_so_at_once_and_drops_the_late_result(qtbot):
    release = threading.Event()

    def work(progress):
        release.wait(2.0)
        progress(0.5)                 # raises LoadCancelled: the user cancelled
        return "too late"
    task = ProgressTask(work)
    outcomes = []
    task.succeeded.connect(lambda r: outcomes.append(("result", r)))
    task.cancelled.connect(lambda: outcomes.append(("cancelled", None)))
    task.start()
    task.cancel()
    assert outcomes == [("cancelled", None)]
    release.set()
    qtbot.wait(200)
    assert outcomes == [("cancelled", None)]
    with pytest.raises(LoadCancelled):
        task.token.report(0.9)


# --- the Dataset panel ---------------------------------------------------------------------------
def csv_document(path: str):
    from nnstudio.project.document import Document
    from nnstudio.project.model import DataSpec, Project
    source = {"kind": "csv", "path": path, "input_columns": ["a", "b", "c", "d"],
              "target_columns": ["species"], "target_encoding": "onehot"}
    return Document(Project(data=DataSpec(source=source, validation_split=0.1)))


def dataset_panel(qtbot, doc):
    from nnstudio.ui.panels.dataset import DatasetPanel
    panel = DatasetPanel(doc)
    qtbot.addWidget(panel)
    panel.resize(700, 450)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def dataset_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "nnstudio-dataset"]


def test_the_dataset_panel_shows_progress_cancels_and_reloads(qtbot, rows_200k, slow_loads):
    panel = dataset_panel(qtbot, csv_document(rows_200k))
    bar = panel.loading_bar
    qtbot.waitUntil(lambda: bar.isVisible() and 0 < bar.fraction() < 1, timeout=10_000)
    assert bar.label.text().startswith("Loading flowers.csv… ") and bar.label.text().endswith(" %")
    assert bar.cancel_button.isVisible() and not bar.reload_button.isVisible()
    qtbot.mouseClick(bar.cancel_button, Qt.MouseButton.LeftButton)
    clicked = time.perf_counter()
    assert panel.mode() == "message" and panel.message.text() == "Loading cancelled."
    assert panel.error() == "" and not panel.is_loading()
    assert bar.label.text() == "Loading cancelled —" and bar.reload_button.isVisible()
    assert not bar.cancel_button.isVisible() and not bar.bar.isVisible()
    for t in dataset_threads():          # the worker stops at its next report
        t.join(max(0.0, 1.0 - (time.perf_counter() - clicked)))
        assert not t.is_alive()
    qtbot.wait(100)                      # a late result would be drawn by now: there is none
    assert panel.mode() == "message" and panel.analysis() is None
    qtbot.mouseClick(bar.reload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.analysis() is not None, timeout=20_000)
    assert panel.analysis().n == 200_000 and panel.analysis().n_val == 20_000
    assert panel.mode() not in ("", "message") and not bar.isVisible()
    assert list(panel.analysis().counts.astype(int).tolist()) and int(panel.analysis().counts.sum()) == 200_000


def test_an_edit_during_a_load_stops_the_old_load(qtbot, rows_200k, tmp_path, monkeypatch, slow_loads):
    import dataclasses
    from nnstudio.ui.panels import dataset
    outcomes: list[tuple[str, float]] = []          # (how each load ended, its last fraction)

    def watched_load(source, folder, progress=None):
        last = [0.0]

        def report(fraction):
            last[0] = fraction
            progress(fraction)
        try:
            result = original(source, folder, report)
        except LoadCancelled:
            outcomes.append(("cancelled", last[0]))
            raise
        outcomes.append(("loaded", last[0]))
        return result
    original = dataset.load_source
    monkeypatch.setattr(dataset, "load_source", watched_load)
    doc = csv_document(rows_200k)
    panel = dataset_panel(qtbot, doc)
    qtbot.waitUntil(lambda: panel.loading_bar.isVisible(), timeout=10_000)
    small = big_csv(tmp_path / "small.csv", 30)
    doc.set_data(dataclasses.replace(doc.project.data, source=dict(doc.project.data.source, path=small)))
    qtbot.waitUntil(lambda: panel.analysis() is not None, timeout=10_000)
    assert panel.analysis().n == 30
    assert outcomes[0][0] == "cancelled" and outcomes[0][1] < 0.9     # stopped in the middle
    assert outcomes[1:] == [("loaded", 1.0)]


def test_the_dataset_panel_shows_the_imported_samples_without_reading_the_file_again(qtbot, window, tmp_path,
                                                                                      monkeypatch):
    from nnstudio.ui.dialogs.import_dialog import apply_import
    from nnstudio.ui.panels import dataset
    path = big_csv(tmp_path / "flowers.csv", 3_000)
    window.resize(1280, 800)
    window.show()
    window.dataset_dock.show()
    window.dataset_dock.raise_()
    qtbot.waitExposed(window)
    dialog = import_dialog(qtbot, window, path)
    dialog.split_spin.setValue(0.1)
    dialog.accept()
    assert dialog.samples is not None and len(dialog.samples) == 3_000
    reads = []
    original = dataset.load_source
    monkeypatch.setattr(dataset, "load_source", lambda *args, **kw: (reads.append(args), original(*args, **kw))[1])
    assert apply_import(window, dialog)
    qtbot.waitUntil(lambda: window.dataset.analysis() is not None, timeout=10_000)
    assert window.dataset.analysis().n == 3_000 and window.dataset.analysis().n_val == 300
    assert reads == []
    # Nor does the live preview: a worker reading the file would hold up the window (the GIL).
    from nnstudio.training import preview
    preview_reads, preview_load = [], preview.load_source
    monkeypatch.setattr(preview, "load_source", lambda *args, **kw: preview_reads.append(args))
    assert preview.samples(window.doc.project) is dialog.samples
    assert preview.preview_snapshot(window.doc.project) is not None and preview_reads == []
    monkeypatch.setattr(preview, "load_source", preview_load)
    window.stack.undo()                 # the data as it was: an empty table, nothing to read
    qtbot.waitUntil(lambda: window.dataset.analysis() is None, timeout=10_000)
    window.stack.redo()                 # the imported file again, read from the file this time
    qtbot.waitUntil(lambda: window.dataset.analysis() is not None, timeout=10_000)
    assert window.dataset.analysis().n == 3_000 and len(reads) == 1


def test_a_preview_cut_inside_a_quoted_field_ends_there_quietly(tmp_path):
    from nnstudio.data.csv_preview import preview_csv
    path = tmp_path / "notes.csv"
    body = "".join(f'{k},"a note\nover two lines",{k % 2}\n' for k in range(2_000))
    path.write_text("n,note,label\n" + body, encoding="utf-8")
    size = os.path.getsize(path)
    for limit in range(1000, 1040):      # cuts in every place of a row, inside the quotes too
        p = preview_csv(str(path), ",", True, limit_bytes=limit)
        assert not p.complete and 0 < p.n_rows < 2_000 and p.column_types == ["number", "text", "number"]
    whole = preview_csv(str(path), ",", True, limit_bytes=size)
    assert whole.complete and whole.n_rows == 2_000
    broken = tmp_path / "broken.csv"
    broken.write_text('n,note\n1,"never closed\n2,b\n', encoding="utf-8")
    with pytest.raises(Exception, match="line 2: a quoted field starting here is never closed"):
        preview_csv(str(broken), ",", True, limit_bytes=10_000)     # the whole file is in the sample


def write_idx(path, array: np.ndarray) -> None:
    import struct
    with open(path, "wb") as f:
        f.write(bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape))
        f.write(array.astype(">u1").tobytes())


@pytest.mark.parametrize("kind", ["npz", "idx"])
def test_npz_and_idx_imports_load_in_a_worker_and_the_pages_read_headers_only(qtbot, window, tmp_path,
                                                                              monkeypatch, kind):
    from nnstudio.ui.dialogs import import_plan
    rng = np.random.default_rng(1)
    labels = rng.integers(0, 4, 500)
    if kind == "npz":
        path = tmp_path / "data.npz"
        np.savez(path, inputs=rng.normal(size=(500, 6)), targets=labels)
    else:
        write_idx(tmp_path / "train-images-idx3-ubyte", rng.integers(0, 256, (500, 5, 5)))
        write_idx(tmp_path / "train-labels-idx1-ubyte", labels)
        path = tmp_path / "train-images-idx3-ubyte"
    threads, fractions = [], []
    original = import_plan.load_source

    def watched(source, folder, progress=None):
        threads.append(threading.current_thread())

        def report(fraction):
            fractions.append(fraction)
            progress(fraction)
        return original(source, folder, report)
    monkeypatch.setattr(import_plan, "load_source", watched)
    dialog = import_dialog(qtbot, window, str(path))
    assert threads == []                              # opening the dialog read the headers only
    dialog.accept()
    assert dialog.result() == ImportDialog.DialogCode.Accepted
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert dialog.fit.n_inputs == (6 if kind == "npz" else 25) and dialog.fit.n_outputs == 4
    assert len(dialog.samples) == 500


def test_escape_on_the_progress_dialog_cancels_the_load(qtbot, window):
    release = threading.Event()

    def work(progress):
        while not release.wait(0.01):
            progress(0.5)
        return "finished"
    pressed = []

    def press_escape() -> None:
        progress = window.findChild(QProgressDialog, "loadingProgress")
        if progress is None or not progress.isVisible():
            QTimer.singleShot(20, press_escape)
            return
        pressed.append(progress.value())
        qtbot.keyClick(progress, Qt.Key.Key_Escape)
    QTimer.singleShot(SHOW_AFTER_MS, press_escape)
    try:
        with pytest.raises(LoadCancelled):
            load_with_progress(window, "Loading…", work)
    finally:
        release.set()
    assert pressed == [500]


def test_detaching_the_dataset_panel_stops_its_load(qtbot, rows_200k, slow_loads):
    panel = dataset_panel(qtbot, csv_document(rows_200k))
    qtbot.waitUntil(lambda: panel.loading_bar.isVisible(), timeout=10_000)
    panel.detach()                      # the window closes
    detached = time.perf_counter()
    for t in dataset_threads():
        t.join(max(0.0, 1.0 - (time.perf_counter() - detached)))
        assert not t.is_alive()
    assert not panel.loading_bar.isVisible() and not panel.is_loading()
