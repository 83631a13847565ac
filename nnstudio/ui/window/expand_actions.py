"""View ▸ Expand Layer, Collapse Layer and Collapse All Layers, wired to the canvas's selection.

Expanding is a view, not an edit: the document keeps its one dense (or input) node and the canvas
draws its units as neurons and its weights as lines. So these actions change `Document.expanded()`
and never push on the undo stack; the expanded ids are saved with the file (its `view` key).

Expand Layer is enabled when the selection holds a node that can be expanded and is not yet;
Collapse Layer when it holds an expanded node, or a drawn unit or weight of one. A disabled action's
tooltip and status tip say why (project/expansion.py's `why_not_expand`). A right click on a node,
or on a drawn unit or weight, offers Expand Layer or Collapse Layer for that node (`context_menu`;
the canvas has no context menu of its own, so the view's customContextMenuRequested is used).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from nnstudio.project import expansion
from nnstudio.project.document import Event
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.editors import follow_document
from nnstudio.ui.window.actions import without_accelerator

if TYPE_CHECKING:
    from nnstudio.ui.window.main_window import MainWindow

MESSAGE_MS = 6000
EXPAND_KEYS, COLLAPSE_KEYS = "Ctrl+Shift+E", "Ctrl+Shift+C"
# Shown through translate("ExpandActions", …).
EXPAND_TIP = QT_TRANSLATE_NOOP("ExpandActions", "Draw the selected dense layer (or input) as its neurons and weights; "
                               "the network stays the same")
COLLAPSE_TIP = QT_TRANSLATE_NOOP("ExpandActions", "Draw the selected expanded layer as one block again")
COLLAPSE_ALL_TIP = QT_TRANSLATE_NOOP("ExpandActions", "Draw every expanded layer as one block again")
NOTHING_TO_EXPAND = QT_TRANSLATE_NOOP("ExpandActions", "select a dense layer or an input to expand it")
NOTHING_TO_COLLAPSE = QT_TRANSLATE_NOOP("ExpandActions", "select an expanded layer, or one of its neurons or weights, "
                                        "to collapse it")
NONE_EXPANDED = QT_TRANSLATE_NOOP("ExpandActions", "no layer is expanded")
# The document events after which a node may have become expandable or not, or gone.
FOLLOWED = ("view_changed", "reset", "node_added", "node_removed", "node_changed", "edge_added", "edge_removed")


def _t(text: str) -> str:
    """One of this module's texts in the interface's language."""
    return translate("ExpandActions", text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _explain(action: QAction, reason: str | None, default: str) -> None:
    """`reason` (translated already) or the `default` tip, translated here."""
    tip = _capital(reason) if reason else _t(default)
    action.setStatusTip(tip)
    keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    action.setToolTip(f"{without_accelerator(action.text())}{f' ({keys})' if keys else ''} — {tip}")


class ExpandActions(QObject):
    """Keeps the three actions enabled for the selection and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window, self.doc, self.canvas = window, window.doc, window.canvas
        self.expand = QAction(self.tr("E&xpand Layer"), window)
        self.expand.setShortcut(QKeySequence(EXPAND_KEYS))
        self.collapse = QAction(self.tr("&Collapse Layer"), window)
        self.collapse.setShortcut(QKeySequence(COLLAPSE_KEYS))
        self.collapse_all = QAction(self.tr("Collapse &All Layers"), window)
        for action, slot in ((self.expand, self.expand_selected), (self.collapse, self.collapse_selected),
                             (self.collapse_all, self.collapse_everything)):
            action.triggered.connect(lambda _=False, s=slot: s())
            window.addAction(action)        # the keys work whichever dock has the focus
        view = window.view_menu
        # After View ▸ Arrange, before the Edges submenu.
        following = next((a for a in view.actions() if a.menu() is not None), None)
        if following is None:
            view.addSeparator()
            view.addActions(self.actions())
        else:
            view.insertSeparator(following)
            view.insertActions(following, self.actions())
        view.setToolTipsVisible(True)       # a disabled Expand says why in its tooltip
        self.canvas.selectionChangedIds.connect(lambda *_: self.refresh())
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._show_context_menu)
        # Document events come by the thousand (Convert to Neurons adds 100,000 edges): the actions
        # follow them once per burst.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self.refresh)
        self._unsubscribe = follow_document(self.doc, self._on_event)
        self.refresh()

    def actions(self) -> list[QAction]:
        return [self.expand, self.collapse, self.collapse_all]

    def _on_event(self, event: Event) -> None:
        if event.kind in FOLLOWED:
            self._later.start()

    # --- what the selection holds ---------------------------------------------------------------
    def _selected_nodes(self) -> list[str]:
        present = set(self.doc.project.node_ids())
        return [i for i in self.canvas.selected_ids()[0] if i in present]

    def _selected_part_nodes(self) -> list[str]:
        """The nodes whose drawn units or weights are selected (UnitItem / WeightItem `.part`)."""
        scene = self.canvas.scene()
        parts = [getattr(item, "part", None) for item in (scene.selectedItems() if scene is not None else [])]
        return list(dict.fromkeys(p.node_id for p in parts if isinstance(p, expansion.Part)))

    def expandable(self) -> tuple[list[str], str | None]:
        """The selected nodes Expand Layer would open, and why there are none (None: there are)."""
        project, expanded = self.doc.project, set(self.doc.expanded())
        closed = [i for i in self._selected_nodes() if i not in expanded]
        reasons = {i: expansion.why_not_expand(project, i) for i in closed}
        ready = [i for i in closed if reasons[i] is None]
        if ready:
            return ready, None
        if len(closed) == 1:
            return [], error_text(reasons[closed[0]])
        return [], _t(NOTHING_TO_EXPAND)

    def collapsible(self) -> list[str]:
        """The expanded nodes the selection holds or holds a drawn part of."""
        expanded = self.doc.expanded()
        chosen = set(self._selected_nodes()) | set(self._selected_part_nodes())
        return [i for i in expanded if i in chosen]

    def refresh(self) -> None:
        """Enable and explain the actions for the selection as it is now."""
        ready, reason = self.expandable()
        self.expand.setEnabled(bool(ready))
        _explain(self.expand, reason, EXPAND_TIP)
        collapsible = self.collapsible()
        self.collapse.setEnabled(bool(collapsible))
        _explain(self.collapse, None if collapsible else _t(NOTHING_TO_COLLAPSE), COLLAPSE_TIP)
        anything = bool(self.doc.expanded())
        self.collapse_all.setEnabled(anything)
        _explain(self.collapse_all, None if anything else _t(NONE_EXPANDED), COLLAPSE_ALL_TIP)

    # --- carrying them out ------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def _name(self, node_id: str) -> str:
        return self.doc.project.node(node_id).label or node_id

    def expand_nodes(self, node_ids: list[str]) -> list[str]:
        """Draw these nodes as their units (those that can be), and the inputs that feed an
        opened layer (directly or through a flatten): its weights are drawn between the input's
        units and its own. Returns the ones opened. Zooms out when they do not fit the view."""
        project, expanded = self.doc.project, self.doc.expanded()
        ready = [i for i in node_ids if i not in expanded and expansion.why_not_expand(project, i) is None]
        feeding = [i for node_id in ready for i in self._feeding_inputs(node_id)
                   if i not in expanded and i not in ready and expansion.why_not_expand(project, i) is None]
        opened = list(dict.fromkeys(ready + feeding))
        if opened:
            self.doc.set_expanded(expanded + opened)
            self.refresh()
            scene = self.canvas.canvas_scene
            shown = self.canvas.mapToScene(self.canvas.viewport().rect()).boundingRect()
            if not all(shown.contains(scene.node_items[i].sceneBoundingRect())
                       for i in opened if i in scene.node_items):
                self.canvas.fit_all()
        return ready

    def _feeding_inputs(self, node_id: str) -> list[str]:
        """The input nodes whose values a layer's rows are: its sources, or a flatten's source."""
        project = self.doc.project
        kinds = {n.id: n.kind for n in project.nodes}
        found = []
        for edge in project.incoming(node_id):
            source = edge.source
            if kinds.get(source) == "flatten" and len(project.incoming(source)) == 1:
                source = project.incoming(source)[0].source
            if kinds.get(source) == "input":
                found.append(source)
        return found

    def collapse_nodes(self, node_ids: list[str]) -> list[str]:
        """Draw these nodes as one block again, and the inputs only they were drawing weights
        from; returns the ones collapsed."""
        expanded = self.doc.expanded()
        closing = [i for i in expanded if i in set(node_ids)]
        # the inputs opened with a closing layer close with it, unless another open layer uses them
        staying = [i for i in expanded if i not in set(closing)]
        still_fed = {i for node_id in staying for i in self._feeding_inputs(node_id)}
        closing += [i for node_id in list(closing) for i in self._feeding_inputs(node_id)
                    if i in staying and i not in still_fed and i not in node_ids]
        if closing:
            self.doc.set_expanded([i for i in expanded if i not in set(closing)])
            self.refresh()
        return closing

    def expand_selected(self) -> bool:
        ready, reason = self.expandable()
        if not ready:
            self._say(self.tr("Cannot expand: {reason}").format(reason=reason) if reason
                      else _capital(_t(NOTHING_TO_EXPAND)))
            return False
        opened = self.expand_nodes(ready)
        if len(opened) == 1:
            count = len(expansion.unit_offsets(self.doc.project, opened[0]))
            self._say(self.tr("{layer} is drawn as its {count:,} units: select a neuron or a weight to see it in "
                              "the inspector (View ▸ Collapse Layer closes it again)").format(
                layer=self._name(opened[0]), count=count))
        else:
            self._say(self.tr("{count} layers are drawn as their units").format(count=len(opened)))
        return bool(opened)

    def collapse_selected(self) -> bool:
        closing = self.collapse_nodes(self.collapsible())
        if not closing:
            self._say(_capital(_t(NOTHING_TO_COLLAPSE)))
        return bool(closing)

    def collapse_everything(self) -> bool:
        if not self.doc.expanded():
            return False
        self.doc.set_expanded([])
        self.refresh()
        return True

    # --- the canvas's context menu ----------------------------------------------------------------
    def context_menu(self, pos: QPoint) -> QMenu | None:
        """The canvas's context menu for what is under `pos` (viewport coordinates), or None when
        that is no node (nor a unit or weight of one)."""
        # The topmost item that names a node: NodeItem, a unit or weight of one, a port.
        named = (getattr(item, "node_id", None) for item in self.canvas.items(pos))
        node_id = next((i for i in named if isinstance(i, str)), None)
        if node_id is None:
            return None
        menu = QMenu(self.canvas)
        self.add_to_menu(menu, node_id)
        if menu.actions():
            return menu
        menu.deleteLater()
        return None

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        if menu is not None:
            menu.exec(self.canvas.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def add_to_menu(self, menu: QMenu, node_id: str) -> None:
        """Add Expand Layer or Collapse Layer for `node_id` (the node under the mouse) to a context
        menu, disabled with the reason when it cannot be expanded."""
        if node_id not in set(self.doc.project.node_ids()):
            return
        if node_id in self.doc.expanded():
            action = menu.addAction(self.tr("Collapse Layer"))
            action.triggered.connect(lambda _=False: self.collapse_nodes([node_id]))
            return
        reason = expansion.why_not_expand(self.doc.project, node_id)
        reason = None if reason is None else error_text(reason)
        action = menu.addAction(self.tr("Expand Layer"))
        action.setEnabled(reason is None)
        _explain(action, reason, EXPAND_TIP)
        menu.setToolTipsVisible(True)
        action.triggered.connect(lambda _=False: self.expand_nodes([node_id]))
