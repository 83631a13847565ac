"""What the Backprop panel computes: the neuron-by-neuron walk of one sample (`walk_project`), and
for other networks the layer-by-layer summary of its pass, computed off the GUI thread.

The walk covers a network of single neurons, and one whose dense layers are all expanded on the
canvas (training/walk_expanded.py: the walk of the same network converted to neurons, under the
ids the canvas draws: unit ids for the neurons, weight ids for the W entries). For another network
the panel shows `nnstudio explain`'s text on a page of its own (SummaryPage). Building the run loads
all of the project's data (60,000 images, say) and explain runs the forward and backward pass, so
`layer_summary`, which is Qt-free, runs in a worker thread (ui.background) on a copy of the project.

The text is in the interface's language (explain's `say` is domain_i18n.explain_text); its tables
count a Chinese character two columns wide, so the page draws those characters two columns wide:
in a CJK font sized to twice the fixed font's column (the fixed font's own fallback is narrower).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project import expansion, registry
from nnstudio.project.model import Project
from nnstudio.training.explain import explain
from nnstudio.training.runner import TrainingRun
from nnstudio.training.text import display_width
from nnstudio.training.walk_expanded import expanded_steps, walk_expanded, why_not_walk_expanded
from nnstudio.training.walkthrough import Step, Walk, is_neuron_level, steps, walk_sample
from nnstudio.ui.domain_i18n import example_text, explain_text
from nnstudio.ui.panels.backprop_heatmaps import GradientHeatmaps, LayerGradient, layer_gradients
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.backprop_text import describe_sample

NO_SAMPLES = QT_TRANSLATE_NOOP("BackpropSummary",
                               "the dataset has no samples yet: add rows in the Inspector's Data tab")
LAYERS_NOTE = QT_TRANSLATE_NOOP("BackpropSummary", "The step-by-step walk covers networks of single neurons (Input "
                                "and Neuron nodes); this one has layers.")
# A walk through more W entries than this is computed in a worker thread: the 784-128-64-10
# network's 109,000 take seconds.
BIG_WALK = 5_000
CJK_FAMILIES = ("Noto Sans Mono CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC")


def _outside_walk(project: Project, expanded: set[str]) -> list[str]:
    """The nodes the walk cannot go through as the canvas draws them: neither an input or a neuron
    nor an expanded dense layer."""
    def covered(kind: str, node_id: str) -> bool:
        spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
        return spec is not None and (spec.walkthrough or (kind == "dense" and node_id in expanded))
    return [n.id for n in project.nodes if not covered(n.kind, n.id)]


def can_walk(project: Project, expanded: set[str]) -> bool:
    """Whether to walk the network step by step: single neurons, and dense layers only where they
    are expanded. Cheap (nothing is converted); `walk_project` says why when a rarer case still
    stops it (a softmax layer that feeds another, say)."""
    return not _outside_walk(project, expanded)


def layers_note(project: Project, expanded: set[str]) -> str:
    """Why there is no step-by-step walk: the network has layers; and when expanding its dense
    layers would give one, which to expand."""
    outside = _outside_walk(project, expanded)
    if outside and all(project.node(i).kind == "dense" and expansion.why_not_expand(project, i) is None
                       for i in outside):
        names = ", ".join(project.node(i).label or i for i in outside)
        return translate("BackpropSummary", "The step-by-step walk covers networks of single neurons (Input and "
                         "Neuron nodes); this one has layers. It goes neuron by neuron once the dense layers are "
                         "expanded (select {names}, then View ▸ Expand Layer).").format(names=names)
    return translate("BackpropSummary", LAYERS_NOTE)


def walk_size(project: Project, expanded: set[str]) -> int:
    """How many W entries of expanded dense layers the walk goes through one by one."""
    total = 0
    for node in project.nodes:
        if node.kind == "dense" and node.id in expanded:
            rows = sum(b.width for b in expansion.weight_blocks(project, node.id))
            total += rows * expansion.unit_count(project, node.id)
    return total


@dataclass
class Walked:
    """One sample's walk, as the panel shows it."""
    walk: Walk
    steps: list[Step]
    total: int                                  # samples in the dataset
    sample: int                                 # the walked one, from 0
    params: dict[str, dict[str, np.ndarray]]    # the document network's node arrays (Apply update)
    inputs: dict[str, float]                    # the canvas's chips of the inputs (and drawn input units)
    described: str                              # the sample in words


def walk_project(project: Project, expanded: set[str], sample_number: int) -> Walked:
    """The walk of sample number `sample_number` (from 1, clamped to the dataset) through the
    network as the canvas draws it. Raises ProjectError when it cannot be walked or loaded."""
    run = TrainingRun(project)
    total = len(run.all_samples())
    if total == 0:
        raise ProjectError(translate("BackpropSummary", NO_SAMPLES))
    sample = min(max(sample_number, 1), total) - 1
    if is_neuron_level(project):
        walk = walk_sample(project, run, sample)
        walk_steps = steps(walk)
    else:
        walk = walk_expanded(project, expanded, sample)
        if walk is None:
            raise ProjectError(why_not_walk_expanded(project, expanded)
                               or translate("BackpropSummary", "the walk cannot go through it neuron by neuron"))
        walk_steps = expanded_steps(walk)
    data = run.all_samples().take(slice(sample, sample + 1))
    inputs: dict[str, float] = {}
    for node_id, x in zip(project.inputs, data.inputs):
        values = np.asarray(x, dtype=np.float64).reshape(-1)
        if values.size == 1:
            inputs[node_id] = float(values[0])
        elif node_id in expanded:          # each drawn unit of an expanded input shows its value
            inputs.update((expansion.unit_id(node_id, k), float(v)) for k, v in enumerate(values))
    return Walked(walk, walk_steps, total, sample, run.model.node_params(), inputs,
                  describe_sample(project, run, sample))


def walk_or_reason(project: Project, expanded: set[str], sample_number: int) -> Walked | str:
    """`walk_project`, or why there is nothing to walk (for a worker thread, where raising is a bug)."""
    try:
        return walk_project(project, expanded, sample_number)
    except ProjectError as exc:
        return str(exc)


@dataclass(frozen=True)
class Summary:
    """explain's text for one sample and the dataset's size, or why there is none (`error`), and
    the dense layers' δ and ∂E/∂W for the heatmaps."""
    total: int
    text: str = ""
    error: str = ""
    layers: tuple[LayerGradient, ...] = ()


def layer_summary(project: Project, sample: int, width: int) -> Summary:
    """explain's text of sample number `sample` (from 1, clamped to the dataset as the panel's
    spin box clamps it), laid out `width` characters wide."""
    try:
        run = TrainingRun(project)
        total = len(run.all_samples())
        if total == 0:
            raise ProjectError(translate("BackpropSummary", NO_SAMPLES))
        index = min(max(sample, 1), total) - 1
        # An example's name in its title is said as the window's title says it.
        named = copy.copy(project)
        named.meta = {**project.meta, "name": example_text(project.meta.get("name", ""))}
        return Summary(total, explain(named, run, index, width=width, say=explain_text),
                       layers=tuple(layer_gradients(project, run, index)))
    except ProjectError as exc:
        return Summary(0, error=str(exc))


def wide_font(base: QFont) -> QFont | None:
    """A font for the wide (Chinese) characters of text in `base`, a fixed font: as wide as two of
    its columns. None when no font on the system has them."""
    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    chosen = [f for f in CJK_FAMILIES if f in families] or families[:1]
    if not chosen:
        return None
    font = QFont(base)
    font.setFamilies(chosen)
    column, wide = QFontMetricsF(base).horizontalAdvance("0"), QFontMetricsF(font).horizontalAdvance("中")
    if column <= 0 or wide <= 0:
        return None
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * 2 * column / wide)
    else:
        font.setPixelSize(max(1, round(base.pixelSize() * 2 * column / wide)))
    return font


def widen(box: QPlainTextEdit) -> None:
    """Draw the wide characters of `box`'s plain text two of its columns wide (wide_font)."""
    text = box.toPlainText()
    if display_width(text) == len(text):
        return
    font = wide_font(box.font())
    if font is None:
        return
    form = QTextCharFormat()
    form.setFont(font)
    cursor = QTextCursor(box.document())
    start = None
    for i, ch in enumerate(text + "\n"):
        wide = display_width(ch) == 2
        if wide and start is None:
            start = i
        elif not wide and start is not None:
            cursor.setPosition(start)
            cursor.setPosition(i, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(form)
            start = None


class SummaryPage(QWidget):
    """Why there is no walk (`note`, wrapped), the layer-by-layer text (`text`, which keeps its
    columns) with the dense layers' gradients as heatmaps on a second tab (`heatmaps`), and the
    `button` that asks for them."""

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
        self.button = QPushButton(self.tr("Show the pass layer by layer"))
        self.heatmaps = GradientHeatmaps()
        # Tabs, not side by side: the text keeps the page's width for its tables, the heatmaps get
        # the whole area (the dock is short). Document mode draws no frame that would narrow the text.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.text, self.tr("Text"))
        self.tabs.addTab(self.heatmaps, self.tr("Heatmaps of δ and ∂E/∂W"))
        self.tabs.setTabToolTip(1, self.tr("Each dense layer's δ = ∂E/∂z and gradient matrix ∂E/∂W for this "
                                           "sample, as heatmaps"))
        self.tabs.setCornerWidget(self.heatmaps.chooser)
        self.tabs.currentChanged.connect(self._tab_changed)
        # The note and its button share a row: the dock is short, and every line goes to the text.
        head = QHBoxLayout()
        head.addWidget(self.note, 1)
        head.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)            # holds the row up while there is no text yet
        self._tab_changed(0)

    def _tab_changed(self, index: int) -> None:
        # The heatmaps take the note's lines too (the dock is short); the layer chooser is theirs.
        self.note.setVisible(index == 0)
        self.heatmaps.chooser.setVisible(index == 1)

    def columns(self, width: int) -> int:
        """Characters per line of the text in a page `width` wide (0: the box's own width): it
        wraps to the box, not off its edge."""
        box = self.text
        usable = ((width or box.width()) - 2 * box.frameWidth() - 2 * box.document().documentMargin()
                  - box.verticalScrollBar().sizeHint().width() - 2)
        return max(40, int(usable / max(QFontMetricsF(box.font()).horizontalAdvance("0"), 1.0)))

    def show_text(self, text: str, note: str, layers: tuple[LayerGradient, ...] = ()) -> None:
        self.note.setText(note)
        self.text.setPlainText(text)
        widen(self.text)
        has_layers = bool(text) and bool(layers)
        self.heatmaps.show_layers(list(layers) if has_layers else [])
        self.tabs.setTabVisible(1, has_layers)
        if not has_layers:
            self.tabs.setCurrentIndex(0)
        self.tabs.setVisible(bool(text))
        if self.tabs.currentIndex() == 0:   # the tabs show and hide their pages; the text is the first
            self.text.setVisible(bool(text))

