"""The course, Qt-free: lessons in order, each with its example projects and its text in English
and Simplified Chinese (the tables are lesson_texts.py, lessons 1-8, and lesson_texts_more.py,
9-15). The gallery groups the examples by lesson and the window's Lesson panel shows the text of
the lesson whose example is open."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.lesson_texts import LESSON_TABLE
from nnstudio.project.lesson_texts_more import MORE_LESSONS_TABLE
from nnstudio.shipped import examples_dir

LANGUAGES = ("en", "zh_CN")
DEFAULT_LANGUAGE = "en"
# The window's panels a lesson may bring forward when its example opens.
PANELS = ("boundary", "loss", "backprop")


@dataclass(frozen=True)
class LessonText:
    """One language's text: the title, what the lesson shows, what to watch, things to try."""
    title: str
    shows: str
    watch: str
    tries: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    number: int
    examples: tuple[str, ...]       # file stems under examples/, in the order to open them
    panel: str                      # one of PANELS
    texts: dict[str, LessonText]    # by language code

    def text(self, language: str) -> LessonText:
        """The text in `language`, English for a language the lesson is not written in."""
        return self.texts.get(language) or self.texts[DEFAULT_LANGUAGE]

    def example_paths(self) -> list[Path]:
        return [examples_dir() / f"{stem}.json" for stem in self.examples]


def language_for_locale(locale_name: str) -> str:
    """The lessons' language for a locale name such as "zh_CN", "zh_TW" or "en_US": Simplified
    Chinese for any Chinese locale (the only Chinese the lessons are written in), else English."""
    return "zh_CN" if locale_name.lower().startswith("zh") else DEFAULT_LANGUAGE


def _lesson(row: dict) -> Lesson:
    texts = {lang: LessonText(t["title"], t["shows"], t["watch"], tuple(t["try"]))
             for lang, t in row.items() if lang in LANGUAGES}
    return Lesson(int(row["number"]), tuple(row["examples"]), row["panel"], texts)


LESSONS: tuple[Lesson, ...] = tuple(sorted((_lesson(row) for row in (*LESSON_TABLE, *MORE_LESSONS_TABLE)),
                                           key=lambda l: l.number))


def lessons() -> tuple[Lesson, ...]:
    """Every lesson, by number."""
    return LESSONS


def lesson_example_stems() -> tuple[str, ...]:
    """The lessons' example files (stems), lesson by lesson: the gallery's order."""
    return tuple(stem for lesson in LESSONS for stem in lesson.examples)


def lesson_for_example(stem: str) -> Lesson | None:
    """The lesson an example file (by stem) belongs to, or None."""
    return next((lesson for lesson in LESSONS if stem in lesson.examples), None)


@lru_cache(maxsize=1)
def _stems_by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for stem in lesson_example_stems():
        try:
            project = load_project(examples_dir() / f"{stem}.json")
        except ProjectError:
            continue        # the gallery leaves a broken file out too; the tests load every one
        names[project.meta.get("name") or stem] = stem
    return names


def lesson_for_example_name(name: str | None) -> tuple[Lesson, str] | None:
    """The lesson and file stem of the example whose project name (meta.name) is `name`, the name
    the window keeps while an example copy is open; None for any other name."""
    stem = _stems_by_name().get(name or "")
    lesson = lesson_for_example(stem) if stem else None
    return (lesson, stem) if lesson else None
