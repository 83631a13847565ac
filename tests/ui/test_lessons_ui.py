"""The course in the window: the Examples dialog groups the examples by lesson, in order, with the
lesson's text; opening a lesson's example shows the Lesson panel beside the canvas."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QUrl, Qt
from PySide6.QtWidgets import QDialog, QStyleOptionViewItem

from nnstudio.project.io import load_project
from nnstudio.project.lessons import lesson_example_stems, lesson_for_example, lessons
from nnstudio.shipped import examples_dir
from nnstudio.ui.dialogs.examples_dialog import HEADER_ROLE, ExamplesDialog
from nnstudio.ui.panels.lesson import ui_language


def row_stems(dialog: ExamplesDialog) -> list[str]:
    return [Path(dialog.list.item(i).data(Qt.ItemDataRole.UserRole)).stem for i in range(dialog.list.count())]


def headers(dialog: ExamplesDialog) -> dict[int, str]:
    return {i: dialog.list.item(i).data(HEADER_ROLE) for i in range(dialog.list.count())
            if dialog.list.item(i).data(HEADER_ROLE)}


@pytest.fixture
def english():
    QLocale.setDefault(QLocale("en_US"))
    yield
    QLocale.setDefault(QLocale.system())


@pytest.fixture
def chinese():
    QLocale.setDefault(QLocale("zh_CN"))
    yield
    QLocale.setDefault(QLocale.system())


def test_the_dialog_lists_the_lessons_in_order_grouped_by_lesson(qtbot, english):
    dialog = ExamplesDialog()
    qtbot.addWidget(dialog)
    stems = row_stems(dialog)
    lesson_stems = list(lesson_example_stems())
    assert stems[:len(lesson_stems)] == lesson_stems
    # One header above the first example of each lesson, then one above the other examples.
    expected = {stems.index(lesson.examples[0]): f"Lesson {lesson.number} · {lesson.text('en').title}"
                for lesson in lessons()}
    expected[len(lesson_stems)] = "More examples"
    assert headers(dialog) == expected
    # The header strip makes a lesson's first row taller than the next one of the same lesson.
    hint = dialog.list.itemDelegate().sizeHint
    first, second = (dialog.list.model().index(i, 0) for i in (0, 1))
    option = QStyleOptionViewItem()
    assert hint(option, first).height() - hint(option, second).height() >= 20


def test_the_dialog_shows_the_selected_lessons_text(qtbot, english):
    dialog = ExamplesDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    stems = row_stems(dialog)
    dialog.list.setCurrentRow(stems.index("backprop_worked_example"))
    text = dialog.lesson_view.toPlainText()
    lesson = lesson_for_example("backprop_worked_example")
    assert dialog.lesson_view.isVisible()
    assert "Lesson 5 · Backpropagation, the worked example" in text
    assert lesson.text("en").watch in text and all(t in text for t in lesson.text("en").tries)
    assert "What to watch" in text and "Things to try" in text
    dialog.list.setCurrentRow(stems.index("digits_mlp"))          # not a lesson's example
    assert not dialog.lesson_view.isVisible()
    assert dialog.description.text() == load_project(examples_dir() / "digits_mlp.json").meta["description"]


def test_a_chinese_locale_shows_the_chinese_text(qtbot, chinese):
    assert ui_language() == "zh_CN"
    dialog = ExamplesDialog()
    qtbot.addWidget(dialog)
    lesson = lessons()[1]
    assert headers(dialog)[row_stems(dialog).index("xnor")].endswith(lesson.text("zh_CN").title)
    dialog.list.setCurrentRow(row_stems(dialog).index("xnor"))
    text = dialog.lesson_view.toPlainText()
    assert lesson.text("zh_CN").shows in text and "为什么“同或”需要隐藏层" in text


def test_opening_a_lesson_example_shows_the_lesson_panel(open_window, qtbot, monkeypatch, english):
    window = open_window()
    dock, panel = window.lesson.dock, window.lesson.panel
    assert dock.isHidden()                                   # the start page: no lesson

    def pick(stem: str):
        def exec_(self) -> int:
            self.list.setCurrentRow(row_stems(self).index(stem))
            return QDialog.DialogCode.Accepted
        monkeypatch.setattr(ExamplesDialog, "exec", exec_)

    pick("activations_sigmoid")
    assert window.open_examples_dialog()
    assert dock.isVisible() and not window.on_start_page()
    assert "Lesson 4 · Activations compared" in panel.text()
    assert lessons()[3].text("en").shows in panel.text()
    assert window.live.loss_dock.isVisible()                  # the lesson compares loss curves

    # A link to another example of the lesson opens it, and the panel follows.
    panel.browser.anchorClicked.emit(QUrl("example:activations_relu"))
    assert window.files.example_name == "Activations compared: ReLU"
    assert panel.stem == "activations_relu" and dock.isVisible()

    pick("backprop_worked_example")
    assert window.open_examples_dialog()
    assert "Lesson 5" in panel.text() and window.backprop_dock.isVisible()

    # The start page hides it; back on the canvas it returns.
    window.show_start_page()
    assert dock.isHidden()
    window.show_canvas()
    assert dock.isVisible()

    pick("digits_mlp")                                        # not a lesson: no panel
    assert window.open_examples_dialog()
    assert dock.isHidden() and panel.lesson is None and panel.text() == ""
    assert window.files.new_project()
    assert dock.isHidden()


def test_the_start_pages_cards_open_lessons_too(open_window, english):
    window = open_window()
    card = next(c for c in window.start_page.cards if Path(c.info.path).stem == "regions_spiral_2_hidden")
    card.click()
    assert window.lesson.dock.isVisible()
    assert "Lesson 7 · Decision regions with 0, 1 and 2 hidden layers" in window.lesson.panel.text()
    assert window.live.boundary_dock.isVisible()
