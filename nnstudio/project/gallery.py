"""The shipped example projects, Qt-free: what File ▸ Examples… and the start page list, in
teaching order. The window draws their thumbnails (nnstudio/ui/dialogs/examples.py); the wheel test
lists them from an installed copy without Qt."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.lessons import lesson_example_stems
from nnstudio.shipped import examples_dir

EXAMPLES_DIR = examples_dir()
# A teaching order: the lessons' examples lesson by lesson (lessons.py), then layers, then
# sequences. Others follow by name.
ORDER = (*lesson_example_stems(), "spiral_features", "overfitting_moons", "iris_csv",
         "digits_mlp", "digits_cnn", "sine_lstm", "memory_rnn", "memory_lstm")


@dataclass(frozen=True)
class ExampleInfo:
    path: Path
    name: str
    description: str

    @property
    def summary(self) -> str:
        return first_sentence(self.description)


def first_sentence(text: str, limit: int = 120) -> str:
    """The description's first sentence (a full stop followed by a space or the end), cut at a
    word to at most `limit` characters."""
    text = " ".join(text.split())
    match = re.search(r"[.!?](\s|$)", text)
    sentence = text[:match.start() + 1] if match else text
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(")
    return cut + "…"


def _rank(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (ORDER.index(stem) if stem in ORDER else len(ORDER), stem)


def example_paths() -> list[Path]:
    """Every example file, in teaching order."""
    return sorted(EXAMPLES_DIR.glob("*.json"), key=_rank)


def list_examples() -> list[ExampleInfo]:
    """The examples that load. One broken file must not take the whole gallery down; the tests
    check that every file loads."""
    out = []
    for path in example_paths():
        try:
            project = load_project(path)
        except ProjectError:
            continue
        out.append(ExampleInfo(path, project.meta.get("name") or path.stem, project.meta.get("description", "")))
    return out
