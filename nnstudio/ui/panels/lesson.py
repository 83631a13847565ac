"""The Lesson panel: the text of the lesson whose example is open, in a dock beside the canvas,
hidden for any other project and on the start page. Links open the lesson's other examples.

The window keeps the open example's project name while the copy is unsaved (FileManager's
`example_name`); the lesson catalogue (nnstudio/project/lessons.py) maps that name to its lesson.
The lesson's language follows the system locale (Simplified Chinese for any Chinese one).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QUrl, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTextBrowser, QVBoxLayout, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.lessons import Lesson, language_for_locale, lesson_for_example_name
from nnstudio.shipped import examples_dir
from nnstudio.ui.domain_i18n import example_text

EXAMPLE_SCHEME = "example"      # links "example:<stem>" open another example of the lesson
COMPARING_LESSONS = (4, 7, 9, 10, 11, 12)     # lessons whose examples are runs to compare (issue 16)


def ui_language() -> str:
    """The lessons' language for the UI's locale: "zh_CN" or "en"."""
    return language_for_locale(QLocale().name())


def lesson_heading(lesson: Lesson, language: str) -> str:
    """"Lesson 3 · The perceptron learning rule…": the gallery's group header."""
    heading = QCoreApplication.translate("Lesson", "Lesson {number} · {title}")
    return heading.format(number=lesson.number, title=lesson.text(language).title)


def example_title(stem: str) -> str:
    try:
        return example_text(load_project(examples_dir() / f"{stem}.json").meta.get("name") or stem)
    except ProjectError:
        return stem


def lesson_html(lesson: Lesson, language: str, current: str | None = None, links: bool = False) -> str:
    """The lesson as rich text: its heading, what it shows, what to watch, things to try, and its
    examples (`current` in bold; the others as links when `links`)."""
    text = lesson.text(language)
    e = html.escape
    watch = QCoreApplication.translate("Lesson", "What to watch")
    tries = QCoreApplication.translate("Lesson", "Things to try")
    parts = [f"<h3>{e(lesson_heading(lesson, language))}</h3>", f"<p>{e(text.shows)}</p>",
             f"<p><b>{e(watch)}</b><br>{e(text.watch)}</p>",
             f"<p><b>{e(tries)}</b></p><ul>" + "".join(f"<li>{e(t)}</li>" for t in text.tries) + "</ul>"]
    items = []
    for stem in lesson.examples:
        title = e(example_title(stem))
        if stem == current:
            items.append(f"<li><b>{title}</b></li>")
        elif links:
            items.append(f'<li><a href="{EXAMPLE_SCHEME}:{e(stem)}">{title}</a></li>')
        else:
            items.append(f"<li>{title}</li>")
    examples = QCoreApplication.translate("Lesson", "Examples of this lesson")
    parts.append(f"<p><b>{e(examples)}</b></p><ul>{''.join(items)}</ul>")
    if lesson.number in COMPARING_LESSONS:
        hint = QCoreApplication.translate("Lesson", "To compare runs: after training, choose Compare ▸ Keep for "
                                          "comparison in the Loss panel, then open the next example and train it. "
                                          "The kept loss curve stays drawn, dashed, beside it.")
        parts.append(f"<p>{e(hint)}</p>")
    return "".join(parts)


class LessonPanel(QWidget):
    """The lesson's text. `exampleRequested(path)` when a link to another example is clicked."""

    exampleRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson: Lesson | None = None
        self.stem: str | None = None
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)

    def set_lesson(self, lesson: Lesson | None, stem: str | None = None, language: str | None = None) -> None:
        self.lesson, self.stem = lesson, stem
        if lesson is None:
            self.browser.clear()
            return
        self.browser.setHtml(lesson_html(lesson, language or ui_language(), stem, links=True))

    def text(self) -> str:
        return self.browser.toPlainText()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == EXAMPLE_SCHEME and self.lesson is not None and url.path() in self.lesson.examples:
            self.exampleRequested.emit(str(examples_dir() / f"{url.path()}.json"))


class LessonDock(QObject):
    """Puts the Lesson panel in a dock of `window` (a MainWindow) and shows it while one of a
    lesson's examples is open on the canvas, bringing forward the panel the lesson is about."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.main = window
        self.panel = LessonPanel()
        self.dock = QDockWidget(self.tr("Lesson"), window)
        self.dock.setObjectName("lessonDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self._tabbed = False
        window.files.projectInstalled.connect(self.project_installed)
        window.pages.currentChanged.connect(lambda _index: self._update_visibility())
        self.panel.exampleRequested.connect(window.live.pausing(window.files.open_example))

    def project_installed(self) -> None:
        """After a project replaced the old one: the lesson of the example opened, or none."""
        found = lesson_for_example_name(self.main.files.example_name)
        lesson, stem = found if found else (None, None)
        self.panel.set_lesson(lesson, stem)
        self._update_visibility()
        if lesson is None or self.dock.isHidden():
            return
        self.dock.raise_()
        panels = {"backprop": self.main.backprop_dock, "boundary": self.main.live.boundary_dock,
                  "loss": self.main.live.loss_dock}
        panels[lesson.panel].show()
        panels[lesson.panel].raise_()

    def _update_visibility(self) -> None:
        wanted = self.panel.lesson is not None and not self.main.on_start_page()
        if wanted and not self._tabbed and self.main.isVisible():
            # Beside the palette, in its tab group: tab groups made before the window is first
            # shown leave a stale tab bar in Qt 6.11 (docks.py), so only once it is visible.
            self._tabbed = True
            self.main.tabifyDockWidget(self.main.palette_dock, self.dock)
        self.dock.setVisible(wanted)
