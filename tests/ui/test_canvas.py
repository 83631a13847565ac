"""The canvas: palette drops, connecting and moving with the mouse, undo/redo of every edit,
mirroring of document events, problem markers, fitting, zooming and panning."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import (QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication, QHelpEvent, QTransform,
                           QWheelEvent)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem, QToolTip

from nnstudio.project import editing, registry
from nnstudio.project.io import project_to_dict
from nnstudio.project.model import Edge
from nnstudio.ui import mime
from nnstudio.ui.canvas.items import BACKGROUND, NEGATIVE, POSITIVE, UNSET, NodeItem
from nnstudio.ui.canvas.scene import REFRESH_MS

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


# --- helpers ---------------------------------------------------------------------------------------
def at(view, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def drag(view, start: QPoint, end: QPoint, button=LEFT, modifier=NONE, steps: int = 6) -> None:
    vp = view.viewport()
    QTest.mousePress(vp, button, modifier, start)
    for k in range(1, steps + 1):
        QTest.mouseMove(vp, start + (end - start) * (k / steps))
    QTest.mouseRelease(vp, button, modifier, end)


def connect_by_mouse(view, source: str, target: str) -> None:
    items = view.canvas_scene.node_items
    drag(view, at(view, items[source].out_anchor()), at(view, items[target].pos()))


def drop(view, data: QMimeData, pos: QPoint) -> bool:
    vp, action = view.viewport(), Qt.DropAction.CopyAction
    QApplication.sendEvent(vp, QDragEnterEvent(pos, action, data, LEFT, NONE))
    QApplication.sendEvent(vp, QDragMoveEvent(pos, action, data, LEFT, NONE))
    event = QDropEvent(QPointF(pos), action, data, LEFT, NONE)
    QApplication.sendEvent(vp, event)
    return event.isAccepted()


def snapshot(doc) -> dict:
    return project_to_dict(doc.project)


def positions(doc) -> dict[str, tuple[float, float]]:
    return {n.id: tuple(n.pos) for n in doc.project.nodes}


# --- palette drops -------------------------------------------------------------------------------
PALETTE = [{"kind": k} for k in registry.KINDS] + [{"kind": mime.NEURON_COLUMN, "count": 3}]


@pytest.mark.parametrize("payload", PALETTE, ids=lambda p: p["kind"])
def test_dropping_a_palette_entry_creates_it_at_the_drop_point(view, doc, stack, payload):
    before = set(doc.project.node_ids())
    point = QPoint(620, 180)
    assert drop(view, mime.palette_mime(payload), point)
    target = view.mapToScene(point)
    new = [n for n in doc.project.nodes if n.id not in before]
    count = payload.get("count", 1)
    assert len(new) == count and stack.count() == 1
    if payload["kind"] == mime.NEURON_COLUMN:
        assert {n.kind for n in new} == {"neuron"}
        assert [n.pos[1] - new[0].pos[1] for n in new] == [0.0, 90.0, 180.0]
    else:
        assert new[0].kind == payload["kind"]
    assert abs(sum(n.pos[0] for n in new) / count - target.x()) <= 1
    assert abs(sum(n.pos[1] for n in new) / count - target.y()) <= 1
    for node in new:    # the scene shows it where the document says, selected
        item = view.canvas_scene.node_items[node.id]
        assert (item.pos().x(), item.pos().y()) == node.pos and item.isSelected()
    assert (payload["kind"] == "input") == all(n.id in doc.project.inputs for n in new)
    stack.undo()
    assert set(doc.project.node_ids()) == before and set(view.canvas_scene.node_items) == before


def test_drops_that_are_not_palette_entries_are_left_to_the_window(view, doc):
    before = snapshot(doc)
    urls = QMimeData()
    urls.setUrls([QUrl.fromLocalFile("/tmp/project.json")])
    assert not drop(view, urls, QPoint(300, 300))
    assert not drop(view, mime.palette_mime({"kind": "no_such_kind"}), QPoint(300, 300))
    assert snapshot(doc) == before


# --- connecting ------------------------------------------------------------------------------------
def test_dragging_from_an_output_port_to_a_node_connects_them(view, doc, stack, messages):
    connect_by_mouse(view, "x1", "y")
    edge = doc.project.edges[-1]
    assert (edge.source, edge.target, edge.weight) == ("x1", "y", None) and stack.count() == 1
    assert edge.id not in {"w1", "w2", "w3", "w4", "w5", "w6", "e1", "e2"}
    assert edge.id in view.canvas_scene.edge_items and messages[-1] == "Connected x1 → y"
    assert view.interactions.wire is None         # the wire is gone
    stack.undo()
    assert edge.id not in view.canvas_scene.edge_items


@pytest.mark.parametrize("source, target, reason", [
    ("y", "h1", "cycle"), ("x1", "h1", "already connected"), ("img", "lone", "takes vectors"),
    ("img", "h1", "cannot be joined"), ("h1", "x2", "is an input"), ("h1", "h1", "itself")])
def test_refused_connections_leave_the_document_alone(view, doc, stack, messages, source, target, reason):
    image = editing.new_node(doc.project, "input", (600, 400), shape=[1, 4, 4])
    image.id = image.label = "img"
    lone = editing.new_node(doc.project, "neuron", (800, 400))
    lone.id = lone.label = "lone"
    doc.add_node(image)
    doc.add_node(lone)
    doc.set_inputs(doc.project.inputs + ["img"])
    before = snapshot(doc)
    items = view.canvas_scene.node_items
    end = items[target].pos() + QPointF(0, 12) if source == target else items[target].pos()
    drag(view, at(view, items[source].out_anchor()), at(view, end))
    assert snapshot(doc) == before and stack.count() == 0
    assert messages[-1].startswith("Cannot connect:") and reason in messages[-1]


def test_the_wire_is_green_over_a_node_that_accepts_and_red_over_one_that_refuses(view):
    items, vp = view.canvas_scene.node_items, view.viewport()
    QTest.mousePress(vp, LEFT, NONE, at(view, items["x1"].out_anchor()))
    wire = view.interactions.wire
    QTest.mouseMove(vp, at(view, items["y"].pos()))
    assert wire.pen().color().name() == "#16a34a"
    QTest.mouseMove(vp, at(view, items["h1"].pos()))      # already connected
    assert wire.pen().color().name() == "#dc2626"
    QTest.keyClick(view, Qt.Key.Key_Escape)
    assert view.interactions.wire is None
    QTest.mouseRelease(vp, LEFT, NONE, at(view, items["h1"].pos()))


# --- moving ------------------------------------------------------------------------------------------
def test_dragging_two_selected_nodes_is_one_undo_step(view, doc, stack):
    view.select_ids(["h1", "h2"])
    start = positions(doc)
    item = view.canvas_scene.node_items["h1"]
    drag(view, at(view, item.pos()), at(view, item.pos() + QPointF(80, 40)))
    assert stack.count() == 1 and stack.text(0) == "Move"
    moved = positions(doc)
    dx, dy = moved["h1"][0] - start["h1"][0], moved["h1"][1] - start["h1"][1]
    assert dx > 30 and dy > 10
    assert moved["h2"] == (start["h2"][0] + dx, start["h2"][1] + dy)
    assert {k: v for k, v in moved.items() if k not in ("h1", "h2")} == \
        {k: v for k, v in start.items() if k not in ("h1", "h2")}
    # the edges followed the items
    line = view.canvas_scene.edge_items["w1"].line()
    assert line.p2() == view.canvas_scene.node_items["h1"].in_anchor()
    stack.undo()
    assert positions(doc) == start
    assert (item.pos().x(), item.pos().y()) == start["h1"]


def test_a_click_without_moving_pushes_nothing(view, stack):
    item = view.canvas_scene.node_items["h1"]
    QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, item.pos()))
    assert stack.count() == 0 and view.selected_ids() == (["h1"], [])


def test_rubber_band_selects_what_it_encloses(view):
    scene = view.canvas_scene
    corner = scene.node_items["x1"].sceneBoundingRect().topLeft() - QPointF(20, 20)
    far = scene.node_items["h2"].sceneBoundingRect().bottomRight() + QPointF(10, 10)
    drag(view, at(view, corner), at(view, far))
    nodes, edges = view.selected_ids()
    assert nodes == ["x1", "x2", "h1", "h2"] and edges == ["w1", "w2", "w3", "w4"]


# --- undo / redo of every edit -------------------------------------------------------------------
def _edit_weight(view, doc):
    view.ask_weight = lambda parent, edge_id, value: 2.5
    line = view.canvas_scene.edge_items["w1"].line()
    QTest.mouseDClick(view.viewport(), LEFT, NONE, at(view, line.center()))
    assert doc.project.edge("w1").weight == 2.5


def _copy_paste(view, doc):
    view.select_ids(["h1", "h2"])
    assert view.copy_selection() and view.paste()


EDITS = {
    "add node": lambda view, doc: view.insert_kind({"kind": "dense"}, QPointF(600, 100)),
    "add input": lambda view, doc: view.insert_kind({"kind": "input"}),
    "add column": lambda view, doc: view.insert_kind({"kind": mime.NEURON_COLUMN, "count": 4}),
    "add edge": lambda view, doc: connect_by_mouse(view, "x2", "y"),
    "move": lambda view, doc: drag(view, at(view, view.canvas_scene.node_items["y"].pos()),
                                   at(view, view.canvas_scene.node_items["y"].pos() + QPointF(50, 60))),
    "delete": lambda view, doc: (view.select_ids(["h1"], ["w6"]), view.delete_selection()),
    "cut": lambda view, doc: (view.select_ids(["x"]), view.cut_selection()),
    "paste": _copy_paste,
    "duplicate": lambda view, doc: (view.select_ids(["x1", "h1"]), view.duplicate_selection()),
    "fully connect": lambda view, doc: (view.select_ids(["x1", "x2", "y"]), view.fully_connect_selection()),
    "arrange": lambda view, doc: view.arrange(),
    "edge weight": _edit_weight,
}


@pytest.mark.parametrize("name", list(EDITS))
def test_undo_and_redo_restore_the_document_exactly(view, doc, stack, name):
    before = snapshot(doc)
    EDITS[name](view, doc)
    after = snapshot(doc)
    assert after != before and stack.count() == 1, name
    stack.undo()
    assert snapshot(doc) == before
    stack.redo()
    assert snapshot(doc) == after
    scene = view.canvas_scene      # the scene followed every step
    assert set(scene.node_items) == set(doc.project.node_ids())
    assert set(scene.edge_items) == {e.id for e in doc.project.edges}
    for node in doc.project.nodes:
        item = scene.node_items[node.id]
        assert (item.pos().x(), item.pos().y()) == node.pos


def test_deleting_a_node_removes_its_edges_and_undo_puts_them_back_in_order(view, doc, stack):
    before = snapshot(doc)
    view.select_ids(["h1"])
    assert view.delete_selection()
    assert "h1" not in doc.project.node_ids()
    assert [e.id for e in doc.project.edges] == ["w3", "w4", "w6", "e1", "e2"]
    assert set(view.canvas_scene.edge_items) == {"w3", "w4", "w6", "e1", "e2"}
    stack.undo()
    assert snapshot(doc) == before
    assert [e.id for e in doc.project.edges] == ["w1", "w2", "w3", "w4", "w5", "w6", "e1", "e2"]


def test_deleting_an_output_node_also_unlists_it_in_one_step(view, doc, stack):
    before = snapshot(doc)
    view.select_ids(["y"])
    view.delete_selection()
    assert doc.project.outputs == ["out"] and stack.count() == 1
    stack.undo()
    assert snapshot(doc) == before


# --- clipboard -----------------------------------------------------------------------------------
def test_copy_paste_gives_fresh_ids_and_connects_the_copies(view, doc, stack):
    view.select_ids(["x1", "x2", "h1"])
    assert view.copy_selection()
    assert QGuiApplication.clipboard().mimeData().hasFormat(mime.FRAGMENT)
    old_ids = set(doc.project.node_ids()) | {e.id for e in doc.project.edges}
    assert view.paste()
    nodes, edges = view.selected_ids()
    assert len(nodes) == 3 and len(edges) == 2
    assert not (set(nodes) | set(edges)) & old_ids
    by_id = {n.id: n for n in doc.project.nodes}
    for edge_id in edges:
        edge = doc.project.edge(edge_id)
        assert edge.source in nodes and edge.target in nodes
    assert sorted(doc.project.edge(e).weight for e in edges) == [-0.2, 0.15]
    assert all(by_id[n].kind != "input" or n in doc.project.inputs for n in nodes)
    first = {by_id[n].pos for n in nodes}
    view.paste()      # a second paste lands further along, not on top of the first
    assert {doc.project.node(n).pos for n in view.selected_ids()[0]}.isdisjoint(first)


def test_paste_of_something_else_says_so(view, doc, messages):
    data = QMimeData()
    data.setText("hello")
    QGuiApplication.clipboard().setMimeData(data)
    before = snapshot(doc)
    assert not view.paste()
    assert snapshot(doc) == before and messages[-1].startswith("Cannot paste")


def test_fully_connect_reports_when_there_is_nothing_to_do(view, stack, messages):
    view.select_ids(["x1", "x2", "h1", "h2"])       # already fully connected
    assert not view.fully_connect_selection()
    assert stack.count() == 0 and "already connected" in messages[-1]
    view.select_ids(["h1"])
    assert not view.fully_connect_selection() and "select two columns" in messages[-1]


# --- the scene mirrors the document ------------------------------------------------------------------
def test_the_scene_follows_direct_document_changes(view, doc):
    scene = view.canvas_scene
    node = editing.new_node(doc.project, "neuron", (700, -100))
    doc.add_node(node)
    assert scene.node_items[node.id].pos() == QPointF(700, -100)
    doc.add_edge(Edge("e9", "y", node.id, -1.5))
    assert scene.edge_style("e9").colour == NEGATIVE.name()
    doc.move_node(node.id, (720, 20))
    assert scene.edge_items["e9"].line().p2() == scene.node_items[node.id].in_anchor()
    doc.set_node_config(node.id, dict(doc.project.node(node.id).config, activation="relu"))
    assert scene.node_items[node.id].look.title == "ReLU"
    doc.set_node_label(node.id, "answer")
    assert scene.node_items[node.id].look.label == "answer"
    doc.set_outputs(["y", "out", node.id])
    assert scene.node_items[node.id].look.badge == "out 3" and scene.node_items["y"].look.badge == "out 1"
    doc.remove_edge("e9")
    doc.set_outputs(["y", "out"])
    doc.remove_node(node.id)
    assert node.id not in scene.node_items and "e9" not in scene.edge_items


def test_reset_rebuilds_every_item(view, doc, build_project):
    scene = view.canvas_scene
    doc.replace(build_project([("a", "input", 0, 0), ("b", "neuron", 200, 0)], [("ab", "a", "b", 0.5)]))
    assert set(scene.node_items) == {"a", "b"} and set(scene.edge_items) == {"ab"}
    assert all(isinstance(i, NodeItem) for i in scene.node_items.values())
    view.select_ids(["a"], ["ab"])
    assert view.selected_ids() == (["a"], ["ab"])


def test_detached_scene_no_longer_follows(view, doc):
    view.detach()
    doc.add_node(editing.new_node(doc.project, "neuron", (0, 500)))
    assert len(view.canvas_scene.node_items) == 8


def test_edges_show_their_weight_by_colour_width_and_tooltip(view, doc):
    scene = view.canvas_scene
    w1, w6, w4, e1 = (scene.edge_style(e) for e in ("w1", "w6", "w4", "e1"))
    assert (w1.colour, w6.colour, w4.colour) == (POSITIVE.name(), NEGATIVE.name(), UNSET.name())
    assert 1 <= w1.width < w6.width <= 6 and not w1.arrow and e1.arrow
    doc.set_edge_weight("w1", 100.0)
    assert scene.edge_style("w1").width == 6.0
    doc.set_edge_weight("w1", 0.15)
    assert scene.tooltip_for(scene.edge_items["w1"]) == "w1: 0.15 (x1 → h1)"
    pos = at(view, scene.edge_items["w1"].line().center())
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, view.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == "w1: 0.15 (x1 → h1)"


# --- validation markers ------------------------------------------------------------------------------
def test_problem_markers_appear_after_the_debounce(view, doc, qtbot):
    scene = view.canvas_scene
    scene.refresh_now()
    doc.add_node(editing.new_node(doc.project, "input", (0, 600), shape=[1, 4, 4]))
    image = doc.project.nodes[-1].id
    doc.set_inputs(doc.project.inputs + [image])
    doc.set_node_config("out", dict(doc.project.node("out").config, units=3))
    doc.add_edge(Edge("bad", image, "h1"))            # h1 cannot join a vector and an image
    item = scene.node_items["h1"]
    assert item.problem == ""                        # not yet: validation waits for a quiet moment
    assert scene.node_items["out"].look.shape == "[1]"
    qtbot.waitUntil(lambda: item.problem == "error", timeout=REFRESH_MS * 20)
    assert any("cannot be joined" in p.message for p in scene.problems_for("h1"))
    assert "cannot be joined" in scene.tooltip_for(item)
    assert scene.node_items["out"].look.shape == "[3]"      # shapes are refreshed in the same pass
    doc.remove_edge("bad")
    qtbot.waitUntil(lambda: item.problem == "", timeout=REFRESH_MS * 20)


# --- view ------------------------------------------------------------------------------------------
def test_fit_all_shows_every_item(view, doc):
    doc.move_node("y", (3000, -1500))
    doc.move_node("out", (-900, 2200))
    view.fit_all()
    rect = view.viewport().rect()
    items = [i for i in view.canvas_scene.items() if i.isVisible()]
    assert len(items) > 8
    for item in items:
        assert rect.contains(view.mapFromScene(item.sceneBoundingRect()).boundingRect()), item


def test_zoom_keeps_the_point_under_the_mouse(view):
    view.setTransform(QTransform())
    before = view.zoom()
    view.zoom_in()
    assert view.zoom() == pytest.approx(before * 1.25)
    view.zoom_out()
    assert view.zoom() == pytest.approx(before)
    pos = QPointF(200, 150)
    under = view.mapToScene(pos.toPoint())
    wheel = QWheelEvent(pos, view.viewport().mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
                        NONE, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom() > before * 1.1
    after = view.mapToScene(pos.toPoint())
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2


@pytest.mark.parametrize("how", ["middle", "space"])
def test_panning_moves_the_view_not_the_document(view, doc, stack, how):
    before = snapshot(doc)
    centre = view.mapToScene(view.viewport().rect().center())
    start, end = QPoint(500, 350), QPoint(400, 300)
    if how == "middle":
        drag(view, start, end, button=Qt.MouseButton.MiddleButton)
    else:
        QTest.keyPress(view, Qt.Key.Key_Space)
        drag(view, start, end)
        QTest.keyRelease(view, Qt.Key.Key_Space)
    moved = view.mapToScene(view.viewport().rect().center()) - centre
    assert moved.x() > 0 and moved.y() > 0
    assert snapshot(doc) == before and stack.count() == 0


def test_selection_signal_carries_ids(view, qtbot):
    with qtbot.waitSignal(view.selectionChangedIds) as blocker:
        view.select_ids(["h2", "h1"], ["w5"])
    assert blocker.args == [["h1", "h2"], ["w5"]]
    view.select_all()
    nodes, edges = view.selected_ids()
    assert len(nodes) == 8 and len(edges) == 8


# --- drawing -------------------------------------------------------------------------------------
def _pixel(view, scene_point: QPointF):
    image = view.viewport().grab().toImage()
    return image.pixelColor(at(view, scene_point)).name()


def test_edges_and_nodes_are_drawn_close_up_and_far_away(view, doc, qtbot):
    scene = view.canvas_scene
    background = BACKGROUND.name()
    for scale in (1.0, 0.3):
        view.setTransform(QTransform.fromScale(scale, scale))
        view.centerOn(scene.node_items["h1"].pos())
        view.viewport().repaint()
        far = scale < 0.45
        assert scene.node_layer.isVisible() == far
        assert bool(scene.node_items["h1"].flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents) == far
        middle = scene.edge_items["w5"].line().center()       # a thick positive edge
        assert _pixel(view, middle) != background
        assert _pixel(view, scene.node_items["h1"].pos() + QPointF(0, 15)) != background
        # far or near, a click on a node selects it
        QTest.mouseClick(view.viewport(), LEFT, NONE, at(view, scene.node_items["h2"].pos()))
        assert view.selected_ids() == (["h2"], [])


def test_a_project_opened_while_zoomed_out_is_drawn(view, doc, build_project):
    for scale in (0.3, 0.05):      # drawn as shapes, then as dots
        view.setTransform(QTransform.fromScale(scale, scale))
        view.viewport().repaint()
        doc.replace(build_project([("a", "input", 0, 0), ("b", "neuron", 300, 0)], [("ab", "a", "b", 3.0)]))
        view.centerOn(QPointF(150, 0))
        view.viewport().repaint()
        for point in (QPointF(0, 0), QPointF(300, 0), QPointF(150, 0)):
            assert _pixel(view, point) != BACKGROUND.name(), (scale, point)
