"""The Backprop panel: the forward and backward pass of one sample, one step at a time.

For networks of single neurons it walks the classic backpropagation example: each neuron's net
input and output, the error, each δ from the output back, then every weight's and bias's new value
after one gradient step, with the rule in symbols and then with this sample's numbers. The canvas
selects the neuron or edge of each step. Next step is F11 (Shift+F11 goes back), as a debugger's
"step into"; Reset and To end jump to the first and last step, and Copy copies the steps as text
(backprop_controls). Apply update sets the weights to their new values. A network whose dense layers are
all expanded on the canvas is walked the same way, unit by unit, under the ids the canvas draws
(training/walk_expanded.py). Other networks with layers get the layer-by-layer summary of
`nnstudio explain` instead, on request, computed in a worker thread (backprop_summary): loading
their data must not stall the window.

The numbers are the document's: the walk is computed again (debounced) after every edit and after
training writes its weights back, but only while the panel is visible.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QSplitter,
                               QStackedWidget, QTextBrowser, QToolButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from nnstudio.project.document import Document, Event
from nnstudio.training.walkthrough import Step, Walk, is_neuron_level, num
from nnstudio.ui.background import Background
from nnstudio.ui.panels.backprop_controls import WalkControls
from nnstudio.ui.commands.weights import walk_update
from nnstudio.ui.panels.backprop_summary import (BIG_WALK, Summary, SummaryPage, Walked, can_walk, layer_summary,
                                                 layers_note, walk_or_reason, walk_size)
from nnstudio.ui.panels.backprop_text import chip_values, phase_name, said, step_html, step_result
from nnstudio.ui.panels.editors import FollowsDocument, hint_label
from nnstudio.ui.wording import error_text

DEBOUNCE_MS = 200
TREE_SHARE = 0.7        # the step list may take this much of the width; the detail wraps in the rest
# Everything but moves, the project's name and the training history can change the walk.
IGNORED = {"node_moved", "meta_changed", "history_changed"}
Select = Callable[[list[str], list[str]], None]
# node id → (value, what it is): the canvas's chips during a walk (LiveCanvas.show_walk).
ShowValues = Callable[[dict[str, tuple[float, str]] | None], None]


class BackpropPanel(FollowsDocument, QWidget):
    """Steps through one sample's forward and backward pass; `select(nodes, edges)` shows each
    step's neuron or edge on the canvas."""

    def __init__(self, doc: Document, stack: QUndoStack, select: Select | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack, self._select = doc, stack, select
        self.steps: list[Step] = []
        self.walk: Walk | None = None
        self._params: dict[str, dict] = {}            # the walked network's node params
        self._items: list[QTreeWidgetItem] = []        # one per step, in order
        self._dirty = True
        self._editable = True                       # Apply update may edit (not while training)
        self._select_on_change = True               # the canvas follows the current step
        self.show_values: ShowValues | None = None  # set by the window once its canvas is live
        # A dock behind another tab stays isVisible(); the dock's visibilityChanged says which is
        # in front (`dock_visible`).
        self._in_front = True
        self._inputs: dict[str, float] = {}         # the walked sample's scalar inputs
        self._summariser = Background(self._show_summary, "nnstudio-layer-summary", self)
        self._walker = Background(self._show_walk, "nnstudio-backprop-walk", self)
        self._resume_at = 0                          # the step to show once a walk comes in

        self.sample = QSpinBox()
        self.sample.setMinimum(1)
        self.sample.setToolTip(self.tr("The sample whose forward and backward pass is shown (dataset order)"))
        self.sample.valueChanged.connect(self._schedule)
        self.of_samples = QLabel()
        self.sample_text = QLabel()
        self.sample_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long sample must not make the dock (and its tab group) wider than the window.
        self.sample_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.back_button = QToolButton()
        self.back_button.setText(self.tr("◀ Back"))
        self.next_button = QToolButton()
        self.next_button.setText(self.tr("Next ▶"))
        self.position = QLabel()
        self.next_action = self._action(self.tr("Next walkthrough step"), "F11", lambda: self.step(1))
        self.back_action = self._action(self.tr("Previous walkthrough step"), "Shift+F11", lambda: self.step(-1))
        self.back_button.clicked.connect(self.back_action.trigger)
        self.next_button.clicked.connect(self.next_action.trigger)
        self.back_button.setToolTip(self.tr("The previous step (Shift+F11)"))
        self.next_button.setToolTip(self.tr("The next step (F11)"))
        self.apply_button = QToolButton()
        self.apply_button.setText(self.tr("Apply update"))
        self.apply_button.setToolTip(self.tr("Set every weight and bias to its new value: one gradient step on this "
                                             "sample, by hand (one undo step)"))
        self.apply_button.clicked.connect(self.apply_update)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Sample")))
        top.addWidget(self.sample)
        top.addWidget(self.of_samples)
        top.addStretch(1)
        top.addWidget(self.back_button)
        top.addWidget(self.position)
        top.addWidget(self.next_button)

        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Step"), self.tr("Result")])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._on_current)
        self.detail = QTextBrowser()      # scrolls when the dock is short
        self.detail.setFrameShape(QFrame.Shape.NoFrame)
        self.note = hint_label()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.note, 1)
        foot.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.controls = WalkControls(self, top, foot)     # Reset, To end and Copy
        right_layout.addLayout(foot)
        walk = QSplitter()
        walk.addWidget(self.tree)
        walk.addWidget(right)
        walk.setSizes([330, 330])
        walk.setChildrenCollapsible(False)
        self.splitter = walk
        walk.installEventFilter(self)
        # Why there is no walk, in words that wrap; the layer-by-layer text below keeps its columns.
        summary_page = self.summary_page = SummaryPage()
        self.summary_note, self.summary, self.layers_button = summary_page.note, summary_page.text, summary_page.button
        self.layers_button.clicked.connect(lambda: self.refresh_now(layers=True))
        self.pages = QStackedWidget()
        self.pages.addWidget(walk)
        self.pages.addWidget(summary_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.sample_text)
        layout.addWidget(self.pages, 1)

        self._follow(DEBOUNCE_MS, self.refresh_now)

    def _action(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)          # active while the panel is shown in the window
        return action

    # --- following the document ---------------------------------------------------------------
    def _attached(self) -> None:
        self._schedule()

    def _on_event(self, event: Event) -> None:
        if event.kind not in IGNORED:
            if event.kind == "reset":
                self.sample.setValue(1)
            self._schedule()

    def _schedule(self, *_: object) -> None:
        self._dirty = True
        self._summariser.cancel()       # a summary being computed is of the network as it was
        self._walker.cancel()
        if self.is_shown():
            self._timer.start()

    def is_shown(self) -> bool:
        """On screen: visible, and not behind another tab."""
        return self.isVisible() and self._in_front

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._in_front:
            self.dock_visible(True)

    # --- computing ------------------------------------------------------------------------------
    def refresh_now(self, layers: bool = False) -> None:
        """Compute the walk for the chosen sample from the document as it is now. A network with
        layers gets its layer-by-layer summary only when asked (`layers`), in a worker thread:
        that means loading all of its data (60,000 images, say)."""
        self._timer.stop()
        self._summariser.cancel()
        self._walker.cancel()
        if not self.is_shown():
            self._dirty = True          # behind another tab: computed when it comes to the front
            return
        self._dirty = False
        project = self.doc.project.copy()
        expanded = set(self.doc.expanded())
        current = self.current_index()
        walkable = can_walk(project, expanded)
        self.layers_button.setVisible(not walkable)
        if not walkable and not layers:
            self._set_sample_count(0)
            self._show_text("", self.tr("{note} {button} computes one sample's pass layer by layer.").format(
                note=layers_note(project, expanded), button=self.layers_button.text()))
            return
        sample = self.sample.value()
        if layers:              # the button: shown when there is no walk, or the walk failed
            width = self.summary_page.columns(self.pages.width())
            self.summary_note.setText(self.tr("{note} Computing the pass layer by layer…").format(
                note=layers_note(project, expanded)))
            self._summariser.run(lambda: layer_summary(project, sample, width))
            return
        self._resume_at = current
        size = walk_size(project, expanded)
        if size > BIG_WALK:     # seconds of work: the window stays live meanwhile
            self._show_text("", self.tr("Computing the walk through {count:,} weights…").format(count=size))
            self._walker.run(lambda: walk_or_reason(project, expanded, sample))
        else:
            self._show_walk(walk_or_reason(project, expanded, sample))

    def _show_walk(self, walked: Walked | str) -> None:
        """Show a walk (or why there is none) of the document as it still is."""
        project = self.doc.project
        if isinstance(walked, str):
            self._set_sample_count(0)
            self._show_text("", self.tr("Nothing to walk through: {reason}").format(reason=error_text(walked, project)))
            self.layers_button.setVisible(not is_neuron_level(project))
            return
        self._set_sample_count(walked.total)
        self._params, self._inputs, walk = walked.params, walked.inputs, walked.walk
        self.sample_text.setText(walked.described)
        self.sample_text.setToolTip(walked.described)
        self.walk = walk
        self._fill(walked.steps, self._resume_at)
        kind = project.training.optimizer.get("kind", "sgd")
        if kind in ("sgd", "perceptron"):
            note = self.tr("One plain gradient step at lr {lr} ({loss}), for this sample alone.")
        else:
            note = self.tr("One plain gradient step at lr {lr} ({loss}), for this sample alone; {optimizer} scales "
                           "its steps differently.")
        self.note.setText(note.format(lr=num(walk.lr), loss=walk.loss, optimizer=kind))

    def _show_summary(self, summary: Summary) -> None:
        """The worker thread's layer-by-layer text, for the document as it still is."""
        self._set_sample_count(summary.total)
        if summary.error:
            self._show_text("", self.tr("Nothing to walk through: {reason}").format(
                reason=error_text(summary.error, self.doc.project)))
        else:
            note = layers_note(self.doc.project, set(self.doc.expanded()))
            self._show_text(summary.text, self.tr("{note} Here is the pass layer by layer.").format(note=note),
                            summary.layers)

    def is_computing(self) -> bool:
        """True while the layer-by-layer summary or a big walk asked for is being computed."""
        return self._summariser.is_busy() or self._walker.is_busy()

    def _set_sample_count(self, total: int) -> None:
        self.sample.blockSignals(True)
        self.sample.setMaximum(max(total, 1))
        self.sample.blockSignals(False)
        self.sample.setEnabled(total > 1)
        self.of_samples.setText(self.tr("of {count:,}").format(count=total) if total else "")

    def _show_text(self, text: str, note: str, layers: tuple = ()) -> None:
        self.steps, self._items, self.walk = [], [], None
        self._show_on_canvas(None)
        self.apply_button.setEnabled(False)
        self.tree.clear()
        self.summary_page.show_text(text, note, layers)     # with the dense layers' heatmaps
        self.pages.setCurrentIndex(1)
        self.sample_text.setText("")
        self.position.setText("")
        self.back_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.controls.set_enabled(False)

    def _fill(self, new_steps: list[Step], current: int) -> None:
        self.steps = new_steps
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = []
        groups: dict[str, QTreeWidgetItem] = {}
        bold = QFont()
        bold.setBold(True)
        for index, step in enumerate(new_steps):
            group = groups.get(step.phase)
            if group is None:
                group = groups[step.phase] = QTreeWidgetItem(self.tree, [phase_name(step.phase), ""])
                group.setFont(0, bold)
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [said(step, "title"), step_result(step)])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(1, said(step, "result"))
            self._items.append(item)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        self.tree.blockSignals(False)
        self._fit_tree()
        self.pages.setCurrentIndex(0)
        self.back_button.setEnabled(True)
        self.next_button.setEnabled(True)
        self.controls.set_enabled(True)
        self.apply_button.setEnabled(self._editable)
        self.go_to(min(max(current, 0), len(new_steps) - 1), select=False)

    def _fit_tree(self) -> None:
        """Give the step list the width its two columns need (up to 70 % of the panel), the rule and
        numbers the rest: the Result column is then not cut."""
        tree = self.tree
        # What the columns' contents need (columnWidth(1) is stretched to whatever width there is).
        needed = (sum(max(tree.sizeHintForColumn(c), tree.header().sectionSizeHint(c)) for c in (0, 1))
                  + tree.verticalScrollBar().sizeHint().width() + 2 * tree.frameWidth() + 4)
        total = sum(self.splitter.sizes()) or self.splitter.width()
        if total > 0:
            left = min(needed, int(total * TREE_SHARE))
            self.splitter.setSizes([left, total - left])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        # The splitter's own Resize: by then it has its new width (the panel's comes first).
        if watched is self.splitter and event.type() == QEvent.Type.Resize and self.steps:
            self._fit_tree()
        return super().eventFilter(watched, event)

    def set_editable(self, editable: bool) -> None:
        """Whether Apply update may change the network (the window locks it while training)."""
        self._editable = editable
        self.apply_button.setEnabled(editable and self.walk is not None)

    def apply_update(self) -> None:
        """Every trainable weight and bias to its value after the walk's gradient step, as one undo
        step: training by hand, one sample at a time."""
        walk = self.walk
        if walk is None or self._dirty or not self._editable:
            return
        compound = walk_update(self.doc, walk, self._params,
                               self.tr("Apply the gradient step of sample {number}").format(number=self.sample.value()))
        if compound.steps:
            self.stack.push(compound)

    # --- the canvas -------------------------------------------------------------------------------
    def canvas_values(self, index: int) -> dict[str, tuple[float, str]]:
        """What each node's chip shows at step `index` (see backprop_text.chip_values)."""
        return {} if self.walk is None else chip_values(self.walk, self.steps, index, self._inputs)

    def _show_on_canvas(self, values: dict[str, tuple[float, str]] | None) -> None:
        if self.show_values is not None:
            self.show_values(values)

    def dock_visible(self, visible: bool) -> None:
        """The panel's dock came to the front or went behind another tab (QDockWidget's
        visibilityChanged: a tab switch sends no hide event): the chips follow."""
        self._in_front = visible
        if not visible:
            self._show_on_canvas(None)  # the canvas goes back to the run's outputs
        elif self._dirty:
            self._timer.start()
        elif self.steps:
            self._show_on_canvas(self.canvas_values(self.current_index()))

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self._show_on_canvas(None)
        super().hideEvent(event)

    # --- stepping ---------------------------------------------------------------------------------
    def current_index(self) -> int:
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else 0

    def step(self, delta: int) -> None:
        """The next (`delta` = 1) or previous (-1) step, shown on the canvas too."""
        if self.is_shown() and self._dirty:
            self.refresh_now()
        if self.steps:
            self.go_to(min(max(self.current_index() + delta, 0), len(self.steps) - 1))

    def go_to(self, index: int, select: bool = True) -> None:
        """Show step `index`; `select`: select its neuron or edge on the canvas too."""
        if not self._items:
            return
        self._select_on_change = select
        try:
            self.tree.setCurrentItem(self._items[index])
        finally:
            self._select_on_change = True

    def _on_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is None:
            return
        value = item.data(0, Qt.ItemDataRole.UserRole)
        if value is None:                 # a phase heading: go to its first step
            if item.childCount():
                self.tree.setCurrentItem(item.child(0))
            return
        index = int(value)
        step = self.steps[index]
        # Centred, so the current row is never half under the scroll bar and the next ones show.
        self.tree.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.position.setText(f"{index + 1} / {len(self.steps)}")
        self.detail.setHtml(step_html(step))
        if self.is_shown():
            self._show_on_canvas(self.canvas_values(index))
        if self._select_on_change and self._select is not None:
            # A step about no one item (the error) selects nothing: the last step's neuron
            # must not stay highlighted.
            self._select([step.node] if step.node else [], [step.edge] if step.edge else [])
