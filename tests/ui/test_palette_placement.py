"""Double-clicked palette entries go beside the last one added (issue 10: they stacked on one spot)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nnstudio.project.model import Project
from nnstudio.ui import mime
from nnstudio.ui.canvas.placement import next_spots


@pytest.fixture
def window(qtbot, open_window):
    w = open_window((1280, 800))
    w.files.new_project()
    return w


def double_click(w, qtbot, kind: str) -> None:
    item = w.palette.item(kind)
    rect = w.palette.list.visualItemRect(item)
    count = len(w.doc.project.nodes)
    # What the window system sends for a double-click: a click, then a double-click press.
    qtbot.mouseClick(w.palette.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(w.palette.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: len(w.doc.project.nodes) > count)


def positions(w) -> dict[str, tuple[float, float]]:
    return {n.id: tuple(n.pos) for n in w.doc.project.nodes}


def visible(w, node_id: str) -> bool:
    item = w.canvas.scene().node_items[node_id]
    return w.canvas.mapToScene(w.canvas.viewport().rect()).boundingRect().contains(item.sceneBoundingRect())


def test_two_double_clicks_give_two_nodes_side_by_side(window, qtbot):
    w = window
    double_click(w, qtbot, "neuron")
    double_click(w, qtbot, "neuron")
    pos = positions(w)
    assert list(pos) == ["n1", "n2"]
    (x1, y1), (x2, y2) = pos["n1"], pos["n2"]
    # A neuron after a neuron: the next one down the same column, one row apart.
    assert x1 == x2 and y2 - y1 == pytest.approx(90.0)
    assert visible(w, "n1") and visible(w, "n2")


def test_a_network_built_by_double_clicks_reads_left_to_right(window, qtbot):
    w = window
    for kind in ("input", "input", mime.NEURON_COLUMN, "neuron"):
        double_click(w, qtbot, kind)
    pos = positions(w)
    inputs = [pos["in1"], pos["in2"]]
    hidden = [pos["n1"], pos["n2"], pos["n3"]]
    out = pos["n4"]
    assert inputs[0][0] == inputs[1][0] and inputs[1][1] > inputs[0][1]         # in2 under in1
    assert {x for x, _ in hidden} == {inputs[0][0] + 200}                       # the next column
    # The column is level with the inputs (centred on their middle), the output level with it.
    assert sum(y for _, y in hidden) / 3 == pytest.approx((inputs[0][1] + inputs[1][1]) / 2)
    assert out == (hidden[0][0] + 200, pytest.approx(hidden[1][1]))
    assert len(set(pos.values())) == len(pos)                                   # no two on one spot
    assert all(visible(w, node_id) for node_id in pos)
    # Undo removes the output; the next entry goes beside what is there, not onto a free id's ghost.
    w.stack.undo()
    double_click(w, qtbot, "dense")
    assert positions(w)["dense1"][0] > max(x for x, _ in hidden)


def test_a_taken_spot_moves_down_until_free():
    from nnstudio.project import editing
    p = Project()
    for kind, pos in (("neuron", (0.0, 0.0)), ("neuron", (0.0, 90.0)), ("dense", (200.0, 0.0))):
        p.nodes.append(editing.new_node(p, kind, pos))
    # Below n1 is n2's place: one row further down.
    assert next_spots(p, ["n1"], "neuron", 1, (0.0, 0.0)) == [(0.0, 180.0)]
    # Level with the middle of n1 and n2 (y = 45) is too close to the dense block (150 × 64) at y = 0:
    # one row further down is free.
    assert next_spots(p, ["n1"], "dense", 1, (0.0, 0.0)) == [(200.0, 135.0)]
    # Gone (undone) nodes do not count: without a last node the view's centre is used.
    assert next_spots(p, ["n9"], "input", 1, (500.0, 20.0)) == [(500.0, 20.0)]
    assert next_spots(Project(), [], mime.NEURON_COLUMN, 3, (0.0, 0.0)) == [(0.0, -90.0), (0.0, 0.0), (0.0, 90.0)]
