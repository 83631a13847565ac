"""Edit ▸ Convert to Neurons and Edit ▸ Group into Layer, wired to the canvas's selection.

Convert to Neurons is enabled when one dense layer that can be converted is selected; Group into
Layer when two or more neurons are. When the selection cannot be converted, the action's tooltip
and status tip give the reason (project/convert.py's `why_not_*`), and triggering it anyway says
so in the status bar. Each conversion is one undo step (ui/commands/convert.py). Nothing is
converted while a run trains the network.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction

from nnstudio.errors import ProjectError
from nnstudio.project import analysis, convert
from nnstudio.ui.commands.convert import convert_to_neurons, group_into_layer
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.window.actions import without_accelerator

if TYPE_CHECKING:
    from nnstudio.ui.window.main_window import MainWindow

MESSAGE_MS = 8000
TO_NEURONS_TIP = QT_TRANSLATE_NOOP("ConvertActions", "Turn the selected dense layer into neurons and weighted "
                                   "connections, computing the same")
GROUP_TIP = QT_TRANSLATE_NOOP("ConvertActions", "Turn the selected neurons (one activation, the same inputs) into one "
                              "dense layer, computing the same")


def _explain(action: QAction, reason: str | None, default: str) -> None:
    """`reason` (in the interface's language already) or the translated `default` as the tips."""
    tip = reason[:1].upper() + reason[1:] if reason else translate("ConvertActions", default)
    action.setStatusTip(tip)
    action.setToolTip(f"{without_accelerator(action.text())} — {tip}")


def _said(reason: str | None) -> str | None:
    """A reason from project/convert.py in the interface's language (None stays None)."""
    return None if reason is None else error_text(reason)


class ConvertActions(QObject):
    """Keeps the two actions enabled for the selection and carries them out."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc, self.stack, self.canvas = window.doc, window.stack, window.canvas
        self.to_neurons, self.group = window.act.to_neurons, window.act.group_layer
        self._locked = False
        self.to_neurons.triggered.connect(self.convert_selected)
        self.group.triggered.connect(self.group_selected)
        self.canvas.selectionChangedIds.connect(lambda *_: self.refresh())
        # An edit (or its undo) may make the same selection convertible or not.
        self.stack.indexChanged.connect(lambda *_: self.refresh())
        window.live.editingLocked.connect(self._lock)
        self.refresh()

    def _lock(self, running: bool) -> None:
        self._locked = running
        self.refresh()

    def _selected(self) -> list[str]:
        present = set(self.doc.project.node_ids())
        return [i for i in self.canvas.selected_ids()[0] if i in present]

    def reasons(self) -> tuple[str | None, str | None]:
        """Why the selection cannot be converted to neurons, and why it cannot be grouped (None:
        it can). Shapes come from the document's shared analysis, once per revision."""
        project, ids = self.doc.project, self._selected()
        if len(ids) == 1 and project.node(ids[0]).kind == "dense":
            to_neurons = convert.why_not_neurons(project, ids[0], analysis.analyse(self.doc).output_shapes())
        else:
            to_neurons = self.tr("select one dense layer to convert it to neurons")
        if len(ids) >= 2:
            group = convert.why_not_layer(project, ids, analysis.analyse(self.doc).output_shapes())
        else:
            group = self.tr("select two or more neurons to group them into a layer")
        return _said(to_neurons), _said(group)

    def refresh(self) -> None:
        """Enable and explain the actions for the selection as it is now."""
        project, ids = self.doc.project, self._selected()
        to_neurons, group = self.reasons()
        one_dense = len(ids) == 1 and project.node(ids[0]).kind == "dense"
        self.to_neurons.setEnabled(not self._locked and to_neurons is None)
        _explain(self.to_neurons, to_neurons if one_dense else None, TO_NEURONS_TIP)
        neurons = len(ids) >= 2 and all(convert.is_neuron(project, i) for i in ids)
        # Enabled for any two neurons: a click on a group that cannot be made says why.
        self.group.setEnabled(not self._locked and neurons)
        _explain(self.group, group if neurons else None, GROUP_TIP)

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, MESSAGE_MS)

    def convert_selected(self) -> bool:
        """Convert the selected dense layer into neurons (one undo step) and select them."""
        if self._locked:
            return False
        ids = self._selected()
        if len(ids) != 1:
            self._say(self.tr("Select one dense layer to convert it to neurons"))
            return False
        try:
            command, added = convert_to_neurons(self.doc, ids[0])
        except ProjectError as exc:
            self._say(self.tr("Cannot convert to neurons: {reason}").format(reason=error_text(exc.detail)))
            return False
        label = self.doc.project.node(ids[0]).label or ids[0]
        self.stack.push(command)
        self.canvas.select_ids(added)
        count = sum(1 for i in added if self.doc.project.node(i).kind == "neuron")
        if count == 1:
            said = self.tr("{layer} is now {count} neuron: select a connection to remove it, or a neuron to change "
                           "its activation")
        else:
            said = self.tr("{layer} is now {count} neurons: select a connection to remove it, or a neuron to change "
                           "its activation")
        self._say(said.format(layer=label, count=count))
        return True

    def group_selected(self) -> bool:
        """Group the selected neurons into one dense layer (one undo step) and select it."""
        if self._locked:
            return False
        ids = self._selected()
        try:
            command, layer = group_into_layer(self.doc, ids)
        except ProjectError as exc:
            self._say(self.tr("Cannot group into a layer: {reason}").format(reason=error_text(exc.detail)))
            return False
        self.stack.push(command)
        self.canvas.select_ids([layer])
        self._say(self.tr("Grouped {count} neurons into the layer {layer}").format(
            count=len(ids), layer=self.doc.project.node(layer).label))
        return True
