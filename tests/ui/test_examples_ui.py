"""The example gallery, the Examples dialog and thumbnails: every example opens, fully in view,
as an untitled copy that Save never writes over."""
from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QMessageBox

from nnstudio.project import editing
from nnstudio.project.io import load_project, project_to_dict
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR, example_paths, first_sentence, list_examples, render_thumbnail
from nnstudio.ui.dialogs.examples_dialog import ExamplesDialog
from nnstudio.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def shown_boxes(monkeypatch, tmp_path):
    shown: list[tuple[str, str]] = []
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, **k: shown.append((_n, a[2])) or Button.Ok)
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env-settings.ini"))
    return shown


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: Button.Discard
    qtbot.addWidget(w)
    return w


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def without_path(project: Project) -> dict:
    return project_to_dict(project)


def test_every_example_file_is_listed_with_a_name_and_description():
    files = sorted(EXAMPLES_DIR.glob("*.json"))
    assert files, "no example projects found"
    infos = list_examples()
    assert sorted(i.path for i in infos) == files       # none was skipped as unreadable
    for info in infos:
        assert info.name and info.description
        assert info.summary and len(info.summary) <= 120
    assert [p.stem for p in example_paths()][:2] == ["perceptron_and", "perceptron_or"]


def test_first_sentence():
    assert first_sentence("One. Two.") == "One."
    assert first_sentence("Weights 0.15 and 0.20 here. More.") == "Weights 0.15 and 0.20 here."
    long = first_sentence("word " * 60, limit=30)
    assert long.endswith("…") and len(long) <= 30


def test_thumbnails_draw_the_graph(qapp):
    empty = render_thumbnail(Project())
    assert empty.size() == QSize(220, 140)
    for info in list_examples():
        image = render_thumbnail(load_project(info.path), QSize(220, 140)).toImage()
        background = image.pixelColor(0, 0)
        coloured = sum(image.pixelColor(x, y) != background for x in range(0, 220, 4) for y in range(0, 140, 4))
        assert coloured > 40, f"{info.path.name}: the thumbnail is nearly empty"
        # Nothing is cut off: the border stays background.
        assert all(image.pixelColor(x, 1) == background for x in range(220)), info.path.name
        assert all(image.pixelColor(1, y) == background for y in range(140)), info.path.name
    assert QColor(empty.toImage().pixelColor(110, 70)) == QColor(empty.toImage().pixelColor(0, 0))


def test_every_example_opens_from_the_gallery_fully_in_view(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    cards = window.start_page.cards
    assert len(cards) == len(list_examples())
    for card in cards:
        window.show_start_page()
        card.click()
        expected = load_project(card.info.path)
        expected.path = None
        if "path" in expected.data.source:      # a relative data path now names the shipped file
            expected.data.source["path"] = str(EXAMPLES_DIR / expected.data.source["path"])
        assert without_path(window.doc.project) == without_path(expected)
        assert window.doc.project.path is None
        assert window.windowTitle() == f"{card.info.name} (example)[*] — nnstudio"
        assert window.pages.currentWidget() is window.canvas and not window.isWindowModified()
        canvas = window.canvas
        qtbot.wait(10)
        view = canvas.viewport().rect()
        items = [i for i in canvas.scene().items() if i.isVisible()]
        assert items, card.info.name
        for item in items:
            rect = canvas.mapFromScene(item.sceneBoundingRect()).boundingRect()
            assert view.contains(rect), f"{card.info.path.name}: {item} at {rect} is outside {view}"


def test_saving_an_example_asks_for_a_new_name(window, tmp_path):
    shipped = {p: digest(p) for p in EXAMPLES_DIR.glob("*.json")}
    asked: list[str] = []
    target = tmp_path / "mine.json"

    def ask() -> str | None:
        asked.append(window.files.display_name())
        return None if len(asked) == 1 else str(target)
    window.files.ask_save_path = ask
    for path in shipped:
        asked.clear()
        assert window.files.open_example(path)
        window.stack.push(AddNode(window.doc, editing.new_node(window.doc.project, "neuron", (0, 0))))
        assert not window.files.save()                 # the dialog was cancelled: nothing written
        assert window.files.save()
        assert len(asked) == 2 and asked[0].endswith("(example)")
        assert window.windowTitle() == "mine.json[*] — nnstudio"
        assert len(load_project(target).nodes) == len(load_project(path).nodes) + 1
    assert {p: digest(p) for p in shipped} == shipped


def test_examples_dialog_lists_every_example_and_opens_one(window, qtbot, monkeypatch):
    infos = list_examples()
    dialog = ExamplesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(infos)
    dialog.list.setCurrentRow(2)
    assert dialog.name.text() == infos[2].name and dialog.description.text() == infos[2].description
    assert not dialog.preview.pixmap().isNull()
    assert dialog.selected_path() == str(infos[2].path)

    def pick_third(self) -> int:
        self.list.setCurrentRow(3)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ExamplesDialog, "exec", pick_third)
    assert window.open_examples_dialog()
    assert window.windowTitle().startswith(f"{infos[3].name} (example)")
    monkeypatch.setattr(ExamplesDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert not window.open_examples_dialog()


def test_opening_a_shipped_file_by_path_also_gives_an_untitled_copy(window):
    path = example_paths()[0]
    assert window.files.open_path(str(path))
    assert window.doc.project.path is None and window.files.example_name
    assert str(path) not in window.files.recent_files()


def test_a_csv_example_saved_elsewhere_still_finds_its_data_and_trains(window, tmp_path, monkeypatch):
    shipped = EXAMPLES_DIR / "iris_csv.json"
    assert load_project(shipped).data.source["path"] == "iris.csv"            # relative in the file
    assert window.files.open_example(shipped)
    assert window.doc.project.data.source["path"] == str(EXAMPLES_DIR / "iris.csv")
    target = tmp_path / "elsewhere" / "iris_mine.json"
    target.parent.mkdir()
    window.files.ask_save_path = lambda: str(target)
    monkeypatch.chdir(tmp_path)            # relative paths must not depend on the working folder
    assert window.files.save()
    saved = load_project(target)
    # Its own copy of the data, beside it: a reinstall of nnstudio moves the shipped one.
    assert saved.data.source["path"] == "iris.csv"
    assert (target.parent / "iris.csv").read_bytes() == (EXAMPLES_DIR / "iris.csv").read_bytes()
    run = TrainingRun(saved)
    assert len(run.dataset) == 150
    for _ in run.reports(3):
        pass
    assert run.history.epoch == [1, 2, 3]
