"""The problems panel: everything `validate` finds, re-checked shortly after each change, and
the last run's training health (an exploding loss, a network stuck at guessing) as warnings.

Clicking an entry (or pressing Enter on it) emits `activated(kind, id)`: ("node", node_id),
("edge", edge_id), or ("project", section) where section is "data", "training" or "" — so the main
window can select the node or edge, or open the inspector tab that holds the setting.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from nnstudio.project.analysis import analyse
from nnstudio.project.document import Document, Event
from nnstudio.project.validation import Problem
from nnstudio.training.health import Finding
from nnstudio.ui.resources import icons
from nnstudio.ui.panels.editors import FollowsDocument, hint_label
from nnstudio.ui.training.health_words import health_text
from nnstudio.ui.wording import problem_text, problem_tooltip

DEBOUNCE_MS = 150
TARGET_ROLE = Qt.ItemDataRole.UserRole          # (kind, id) an entry points at
QUIET_EVENTS = ("node_moved", "history_changed")   # cannot change what validate finds


def problem_target(problem: Problem) -> tuple[str, str]:
    """("node", id), ("edge", id) or ("project", "data" | "training" | "")."""
    if problem.node_id:
        return "node", problem.node_id
    if problem.edge_id:
        return "edge", problem.edge_id
    message = problem.path or problem.message
    if message.startswith("training") or message.startswith("sgd with"):
        return "project", "training"
    if message.startswith("data") or "data table" in message:
        return "project", "data"
    return "project", ""


class _ProblemList(QListWidget):
    """Enter on an entry activates it, like a click."""

    entered = Signal(QListWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.entered.emit(self.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)


class ProblemsPanel(FollowsDocument, QWidget):
    """Lists the project's errors and warnings, "where: message", with an icon by severity."""

    activated = Signal(str, str)
    countsChanged = Signal(int, int)      # errors, warnings: for a dock title or a status bar

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._problems: list[Problem] = []
        self._findings: list[Finding] = []
        self.summary = hint_label()
        self.list = _ProblemList(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.itemClicked.connect(self._activate)
        self.list.entered.connect(self._activate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        # Edits come in bursts (typing, a paste of many nodes): check once the burst is over.
        self._follow(DEBOUNCE_MS, self.refresh_now)

    # --- public -------------------------------------------------------------------------------
    def _ready_text(self) -> str:
        source = self.doc.project.data.source
        # An empty inline table is not a problem of the network, but it is no ready run either.
        if isinstance(source, dict) and source.get("kind") == "table" and not source.get("inputs"):
            return self.tr("The network is ready: add samples in the Data tab to train it.")
        return self.tr("The network is ready to train.")

    def problems(self) -> list[Problem]:
        """What the list shows now."""
        return list(self._problems)

    def training_findings(self) -> list[Finding]:
        """The training-health warnings the list shows after the problems."""
        return list(self._findings)

    def set_training_findings(self, findings: list[Finding]) -> None:
        """Show what is wrong with training (set by the window after a run; [] clears them)."""
        if findings != self._findings:
            self._findings = list(findings)
            self._fill()

    def refresh_now(self) -> None:
        """Show the current problems at once (instead of waiting for the debounce timer); the
        document's analysis validates once per revision, shared with the canvas."""
        self._timer.stop()
        self._problems = analyse(self.doc).problems()
        self._fill()

    # --- internals ----------------------------------------------------------------------------
    def _attached(self) -> None:
        self.refresh_now()

    def _on_event(self, event: Event) -> None:
        if event.kind not in QUIET_EVENTS:
            self._timer.start()          # restarts a pending check

    def _fill(self) -> None:
        keep = self.list.currentItem().data(TARGET_ROLE) if self.list.currentItem() is not None else None
        self.list.clear()
        self.list.setCurrentRow(-1)
        errors = sum(p.severity == "error" for p in self._problems)
        warnings = len(self._problems) - errors + len(self._findings)
        if not self._problems and not self._findings:
            item = QListWidgetItem(icons.severity_icon("ok"), self.tr("No problems"))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
            self.summary.setText(self._ready_text())
        else:
            self.summary.setText(self._summary(errors, warnings))
        found: QListWidgetItem | None = None
        for problem in self._problems:
            kind, ident = problem_target(problem)
            # The window's words name the control; the tooltip keeps the file's key path.
            item = QListWidgetItem(icons.severity_icon(problem.severity), problem_text(problem, self.doc.project))
            item.setData(TARGET_ROLE, (kind, ident))
            item.setToolTip(f"{problem_tooltip(problem)}\n{self._click_to_show(problem.severity, kind)}")
            self.list.addItem(item)
            if keep is not None and (kind, ident) == tuple(keep) and not found:
                found = item
        for finding in self._findings:
            # A run's health is no error of the network: training can run, it just goes badly.
            item = QListWidgetItem(icons.severity_icon("warning"), self.tr("Training: {what}\n{advice}").format(
                what=health_text(finding.what), advice=health_text(finding.advice)))
            item.setData(TARGET_ROLE, ("project", "training"))
            item.setToolTip(self.tr("Warning about the last run — click to show the training settings"))
            self.list.addItem(item)
        # Adding items makes the first one current; keep the user's entry, or none.
        if found is not None:
            self.list.setCurrentItem(found)
        else:
            self.list.setCurrentRow(-1)
        self.countsChanged.emit(errors, warnings)

    def _summary(self, errors: int, warnings: int) -> str:
        """"1 error and 2 warnings: errors stop training." and the like."""
        error_words = (self.tr("1 error") if errors == 1 else self.tr("{count} errors")).format(count=errors)
        warning_words = (self.tr("1 warning") if warnings == 1 else self.tr("{count} warnings")).format(count=warnings)
        if errors and warnings:
            return self.tr("{errors} and {warnings}: errors stop training.").format(errors=error_words,
                                                                                   warnings=warning_words)
        if errors:
            return self.tr("{errors}: errors stop training.").format(errors=error_words)
        return self.tr("{warnings}: training can still run.").format(warnings=warning_words)

    def _click_to_show(self, severity: str, kind: str) -> str:
        if kind == "node":
            return self.tr("Error — click to show the node") if severity == "error" \
                else self.tr("Warning — click to show the node")
        if kind == "edge":
            return self.tr("Error — click to show the connection") if severity == "error" \
                else self.tr("Warning — click to show the connection")
        return self.tr("Error — click to show the setting") if severity == "error" \
            else self.tr("Warning — click to show the setting")

    def _activate(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target:
            self.activated.emit(str(target[0]), str(target[1]))

