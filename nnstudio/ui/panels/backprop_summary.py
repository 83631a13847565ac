"""The Backprop panel's layer-by-layer summary of one sample's pass, computed off the GUI thread.

For a network with layers the panel shows `nnstudio explain`'s text on a page of its own
(SummaryPage). Building the run loads all of the project's data (60,000 images, say) and explain
runs the forward and backward pass, so `layer_summary`, which is Qt-free, runs in a worker thread
(ui.background) on a copy of the project.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project.model import Project
from nnstudio.training.explain import explain
from nnstudio.training.runner import TrainingRun

NO_SAMPLES = "the dataset has no samples yet: add rows in the Inspector's Data tab"


@dataclass(frozen=True)
class Summary:
    """explain's text for one sample and the dataset's size, or why there is none (`error`)."""
    total: int
    text: str = ""
    error: str = ""


def layer_summary(project: Project, sample: int, width: int) -> Summary:
    """explain's text of sample number `sample` (from 1, clamped to the dataset as the panel's
    spin box clamps it), laid out `width` characters wide."""
    try:
        run = TrainingRun(project)
        total = len(run.all_samples())
        if total == 0:
            raise ProjectError(NO_SAMPLES)
        return Summary(total, explain(project, run, min(max(sample, 1), total) - 1, width=width))
    except ProjectError as exc:
        return Summary(0, error=str(exc))


class SummaryPage(QWidget):
    """Why there is no walk (`note`, wrapped), the layer-by-layer text (`text`, which keeps its
    columns) and the `button` that asks for it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text = QPlainTextEdit()           # layer networks' pass, layer by layer
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.button = QPushButton("Show the pass layer by layer")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(0)

    def columns(self, width: int) -> int:
        """Characters per line of the text in a page `width` wide (0: the box's own width): it
        wraps to the box, not off its edge."""
        box = self.text
        usable = ((width or box.width()) - 2 * box.frameWidth() - 2 * box.document().documentMargin()
                  - box.verticalScrollBar().sizeHint().width() - 2)
        return max(40, int(usable / max(QFontMetricsF(box.font()).horizontalAdvance("0"), 1.0)))

    def show_text(self, text: str, note: str) -> None:
        self.note.setText(note)
        self.text.setPlainText(text)
        self.text.setVisible(bool(text))
