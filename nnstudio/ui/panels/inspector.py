"""The inspector: tabs "Selection" | "Project" | "Data" | "Training" that edit the document.

Every edit pushes one undo command on the given stack; the tabs follow the document's events and
never push while showing them. The main window calls `show_selection(node_ids, edge_ids)` when the
canvas selection changes; the inspector switches to the Selection tab when it is not empty, and
drops ids the document no longer has. `show_part(part)` shows one drawn unit or weight of an
expanded layer (inspector_parts.PartForm) until a node or edge is selected or `show_part(None)`.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from nnstudio.project.document import Document, Event
from nnstudio.project.expansion import Part
from nnstudio.ui.panels.data_tab import DataTab
from nnstudio.ui.panels.editors import FollowsDocument, hint_label, scrolling
from nnstudio.ui.panels.inspector_forms import EdgeForm, NodeForm
from nnstudio.ui.panels.inspector_parts import PartForm
from nnstudio.ui.panels.project_tabs import ProjectTab, TrainingTab

TABS = ("selection", "project", "data", "training")
LOCKED_TABS = ("selection", "data")     # the tabs that edit the network or its data
QUIET_EVENTS = ("node_moved", "history_changed")      # nothing the inspector shows depends on them
BURST_EVENTS = ("node_added", "node_removed", "edge_added", "edge_removed")    # come by the thousand


class Inspector(FollowsDocument, QWidget):
    """Edits the selected node or edge and the project's meta, data and training settings."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self._nodes: list[str] = []
        self._edges: list[str] = []
        self._part: Part | None = None
        self.node_form = NodeForm(doc, stack)
        self.part_form = PartForm(doc, stack)
        self.edge_form = EdgeForm(doc, stack)
        self.empty = hint_label(self.tr("Select a node or a connection on the canvas to edit it here.\n\n"
                                        "The Project, Data and Training tabs hold the settings of the whole "
                                        "project."))
        self.multi = QLabel()
        self.multi.setWordWrap(True)
        self.pages = QStackedWidget()
        for page in (self.empty, self.node_form, self.edge_form, self.multi, self.part_form):
            self.pages.addWidget(page)
        selection = QWidget()
        column = QVBoxLayout(selection)
        column.addWidget(self.pages)
        column.addStretch(1)
        self.project_tab = ProjectTab(doc, stack)
        self.data_tab = DataTab(doc, stack)
        self.training_tab = TrainingTab(doc, stack)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        for page, title in ((selection, self.tr("Selection")), (self.project_tab, self.tr("Project")),
                            (self.data_tab, self.tr("Data")), (self.training_tab, self.tr("Training"))):
            self.tabs.addTab(scrolling(page), title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self._graph_changed = QTimer(self)     # coalesces a burst of graph events (_on_event)
        self._graph_changed.setSingleShot(True)
        self._graph_changed.setInterval(0)
        self._graph_changed.timeout.connect(self._follow_graph)
        self._unsubscribe = None
        self._attach()

    # --- public -------------------------------------------------------------------------------
    def show_selection(self, node_ids: list[str], edge_ids: list[str]) -> None:
        """Show the selected nodes and edges (ids the document lacks are ignored)."""
        project = self.doc.project
        nodes, edges = set(project.node_ids()), {e.id for e in project.edges}
        self._nodes = [i for i in node_ids if i in nodes]
        self._edges = [i for i in edge_ids if i in edges]
        if self._nodes or self._edges:
            self._part = None           # a node or edge selection replaces a drawn part
            self.tabs.setCurrentIndex(0)
        self._show_page()

    def show_part(self, part: Part | None) -> None:
        """Show one drawn unit or weight of an expanded layer (None: the node/edge selection)."""
        self._part = part
        if part is not None:
            self._nodes, self._edges = [], []
            self.tabs.setCurrentIndex(0)
            self._prune()
        self._show_page()

    def selection(self) -> tuple[list[str], list[str]]:
        return list(self._nodes), list(self._edges)

    def show_tab(self, name: str) -> None:
        """Bring "selection", "project", "data" or "training" to the front."""
        self.tabs.setCurrentIndex(TABS.index(name))

    def current_tab(self) -> str:
        return TABS[self.tabs.currentIndex()]

    def set_editable(self, editable: bool) -> None:
        """Turn the tabs that edit the network or its data (Selection, Data) on or off, as while
        a run is under way; the Training tab comes to the front if one of them was showing."""
        for name in LOCKED_TABS:
            self.tabs.setTabEnabled(TABS.index(name), editable)
        if not editable and self.current_tab() in LOCKED_TABS:
            self.show_tab("training")

    def refresh(self) -> None:
        """Show the document's current values everywhere (after `doc.replace`, events do this)."""
        self._prune()
        self._show_page()
        for tab in (self.project_tab, self.data_tab, self.training_tab):
            tab.refresh()

    # --- document events ----------------------------------------------------------------------
    def _attached(self) -> None:
        self.refresh()

    def _on_event(self, event: Event) -> None:
        kind = event.kind
        if kind in QUIET_EVENTS:
            return
        if kind == "reset":
            self.refresh()
        elif kind == "meta_changed":
            self.project_tab.refresh()
        elif kind == "training_changed":
            self.training_tab.refresh()
        elif kind == "data_changed":
            self.data_tab.refresh()
        else:          # the graph changed: the selection, the summary and the table's columns follow
            # A removed node or edge leaves the forms at once; the rest once per burst: one command
            # may add thousands of edges (Convert to Neurons, a paste), and each refresh works out
            # the network's shapes.
            gone = event.payload.get("node_id") if kind == "node_removed" else (
                event.payload.get("edge_id") if kind == "edge_removed" else None)
            if gone is not None and (gone in self._nodes or gone in self._edges) and self._prune():
                self._show_page()
            if kind in BURST_EVENTS:
                self._graph_changed.start()
            else:           # one edit of one node or edge: what was typed shows its effect at once
                self._graph_changed.stop()
                self._follow_graph()

    def _follow_graph(self) -> None:
        if self._prune():
            self._show_page()
        elif self._nodes or self._edges or self._part is not None:
            self._refresh_page()
        self.project_tab.refresh()
        self.data_tab.refresh()

    def _prune(self) -> bool:
        """Drop selected ids that no longer exist; True when any were dropped."""
        project = self.doc.project
        nodes, edges = set(project.node_ids()), {e.id for e in project.edges}
        before = (self._nodes, self._edges)
        self._nodes = [i for i in self._nodes if i in nodes]
        self._edges = [i for i in self._edges if i in edges]
        part = self._part
        # A part of a node that is gone or no longer expanded leaves the form.
        if part is not None and part.node_id not in self.doc.expanded():
            self._part = None
        return before != (self._nodes, self._edges) or part is not self._part

    def _show_page(self) -> None:
        n, e = len(self._nodes), len(self._edges)
        if self._part is not None and n == e == 0:
            self.part_form.show_part(self._part)
            self.pages.setCurrentWidget(self.part_form)
        elif n == 1 and e == 0:
            self.node_form.show_node(self._nodes[0])
            self.pages.setCurrentWidget(self.node_form)
        elif e == 1 and n == 0:
            self.edge_form.show_edge(self._edges[0])
            self.pages.setCurrentWidget(self.edge_form)
        elif n == e == 0:
            self.pages.setCurrentWidget(self.empty)
        else:
            self.multi.setText(self._several_text(n, e))
            self.pages.setCurrentWidget(self.multi)

    def _several_text(self, n: int, e: int) -> str:
        """What the Selection tab says when several nodes and connections are selected."""
        nodes = self.tr("1 node") if n == 1 else self.tr("{count} nodes").format(count=n)
        edges = self.tr("1 connection") if e == 1 else self.tr("{count} connections").format(count=e)
        if n and e:
            what = self.tr("{nodes} and {connections} selected").format(nodes=nodes, connections=edges)
        else:
            what = self.tr("{items} selected").format(items=nodes if n else edges)
        return self.tr("<b>{what}</b><br/><br/>Select a single node or connection to edit it.").format(what=what)

    def _refresh_page(self) -> None:
        page = self.pages.currentWidget()
        if page is self.node_form:
            self.node_form.refresh()
        elif page is self.edge_form:
            self.edge_form.refresh()
        elif page is self.part_form:
            self.part_form.refresh()
