"""View ▸ Expand Layer / Collapse Layer / Collapse All Layers in a main window: they change the
document's expanded ids, never the undo stack, and a node that cannot be expanded says why."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from nnstudio.project import io
from tests.ui.conftest import sequence_into_dense



def test_expand_and_collapse_change_the_view_not_the_undo_stack(window):
    doc, actions = window.doc, window.expanding
    assert doc.expanded() == []
    assert not actions.expand.isEnabled() and not actions.collapse.isEnabled()
    assert not actions.collapse_all.isEnabled()
    assert "select a dense layer or an input" in actions.expand.toolTip().lower()
    window.canvas.select_ids(["hidden"])
    assert actions.expand.isEnabled() and not actions.collapse.isEnabled()
    actions.expand.trigger()
    assert doc.expanded() == ["hidden", "x"]            # with the input its weights come from
    assert window.stack.count() == 0
    assert "8 units" in window.statusBar().currentMessage()
    assert io.project_to_dict(doc.project)["view"] == {"expanded": ["hidden", "x"]}    # saved with the file
    window.canvas.select_ids(["hidden"])
    assert actions.collapse.isEnabled() and not actions.expand.isEnabled() and actions.collapse_all.isEnabled()
    actions.collapse.trigger()
    assert doc.expanded() == [] and window.stack.count() == 0
    assert "view" not in io.project_to_dict(doc.project)
    assert not actions.collapse_all.isEnabled()


def test_collapse_all_and_expanding_an_input(window):
    doc, actions = window.doc, window.expanding
    window.canvas.select_ids(["x", "hidden", "out"])
    assert actions.expand.isEnabled()
    actions.expand.trigger()
    assert doc.expanded() == ["x", "hidden", "out"]
    window.canvas.select_ids([])
    assert actions.collapse_all.isEnabled() and not actions.collapse.isEnabled()
    actions.collapse_all.trigger()
    assert doc.expanded() == [] and window.stack.count() == 0


def test_what_cannot_be_expanded_says_why(window):
    window.files.install(sequence_into_dense())
    window.canvas.select_ids(["d"])
    actions = window.expanding
    assert not actions.expand.isEnabled()
    assert "receives [5, 2], a sequence" in actions.expand.toolTip()
    assert actions.expand.statusTip().startswith("A neuron takes a vector")
    assert actions.expand_selected() is False
    assert "Cannot expand: a neuron takes a vector" in window.statusBar().currentMessage()
    assert window.doc.expanded() == []


def test_the_view_menu_lists_them_with_their_keys(window):
    view = next(act.menu() for act in window.menuBar().actions() if act.text() == "&View")
    texts = [act.text() for act in view.actions()]
    assert texts.index("E&xpand Layer") + 1 == texts.index("&Collapse Layer")
    assert texts.index("&Collapse Layer") + 1 == texts.index("Collapse &All Layers")
    assert window.expanding.expand.shortcut() == QKeySequence("Ctrl+Shift+E")
    assert window.expanding.collapse.shortcut() == QKeySequence("Ctrl+Shift+C")
    # No other action of the window holds either key (a key bound twice does nothing).
    others = [*window.act.all(), window.boundary_enlarger.action]
    taken = {s.toString() for act in others for s in act.shortcuts()}
    assert not taken & {"Ctrl+Shift+E", "Ctrl+Shift+C"}


def test_a_context_menu_offers_the_node_under_the_mouse(window):
    menu = QMenu()
    window.expanding.add_to_menu(menu, "hidden")
    [expand] = menu.actions()
    assert expand.text() == "Expand Layer" and expand.isEnabled()
    expand.trigger()
    assert window.doc.expanded() == ["hidden", "x"]
    menu = QMenu()
    window.expanding.add_to_menu(menu, "hidden")
    [collapse] = menu.actions()
    assert collapse.text() == "Collapse Layer"
    collapse.trigger()
    assert window.doc.expanded() == []


def test_a_right_click_on_a_node_offers_it(window):
    canvas = window.canvas
    item = canvas.canvas_scene.node_items["hidden"]
    menu = window.expanding.context_menu(canvas.mapFromScene(item.sceneBoundingRect().center()))
    assert menu is not None and [a.text() for a in menu.actions()] == ["Expand Layer"]
    menu.actions()[0].trigger()
    assert window.doc.expanded() == ["hidden", "x"] and window.stack.count() == 0
    from nnstudio.ui.canvas.expanded_items import UnitItem
    unit = next(i for i in canvas.scene().items() if isinstance(i, UnitItem) and i.part.node_id == "hidden")
    menu = window.expanding.context_menu(canvas.mapFromScene(unit.sceneBoundingRect().center()))
    assert menu is not None and [a.text() for a in menu.actions()] == ["Collapse Layer"]
    menu.actions()[0].trigger()
    assert window.doc.expanded() == []
    empty = canvas.mapFromScene(canvas.scene().itemsBoundingRect().bottomRight() + QPointF(400, 400))
    assert window.expanding.context_menu(empty) is None


def test_an_input_closes_with_the_last_open_layer_it_feeds(window):
    actions = window.expanding
    actions.expand_nodes(["x"])
    actions.expand_nodes(["hidden"])
    assert window.doc.expanded() == ["x", "hidden"]
    # an input that no other open layer draws its weights from closes with the layer
    actions.collapse_nodes(["hidden"])
    assert window.doc.expanded() == []
    actions.expand_nodes(["hidden"])
    assert len(window.canvas.canvas_scene.weight_lines) == 1     # x's units → hidden's units
    actions.collapse_nodes(["x"])
    assert window.doc.expanded() == ["hidden"]
