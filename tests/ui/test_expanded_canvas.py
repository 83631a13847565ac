"""The canvas side of expanded layers: a dense layer drawn as its units and its W entries as
lines, selectable one by one; the document keeps one node and its weights."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.expansion import Part
from nnstudio.project.io import dumps_project, load_project
from nnstudio.training.live import ProbeData
from nnstudio.ui.canvas.expanded_items import ExpandedNodeItem, UnitItem, WeightItem, diverging_rgb, grey_rgb
from nnstudio.ui.canvas.items import NodeItem
from nnstudio.ui.canvas.live import LiveCanvas
from nnstudio.ui.commands.weights import SetWeightEntry
from tests.ui.conftest import build

W1 = np.arange(12, dtype=np.float64).reshape(4, 3) / 10 - 0.55      # 4 inputs → 3 units, both signs
B1 = np.array([0.1, -0.2, 0.3])


def small_project():
    p = build([("x", "input", 0, 0, {"shape": [4]}),
               ("hidden", "dense", 300, 0, {"units": 3, "activation": "tanh"}),
               ("out", "dense", 600, 0, {"units": 2, "activation": "sigmoid"})],
              [("e1", "x", "hidden"), ("e2", "hidden", "out")], outputs=["out"])
    p.node("hidden").params = {"W": W1.copy(), "b": B1.copy()}
    return p


@pytest.fixture
def setup(qtbot):
    from nnstudio.ui.canvas.view import CanvasView
    doc, stack = Document(small_project()), QUndoStack()
    view = CanvasView(doc, stack)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    yield doc, stack, view
    view.detach()


def click(qtbot, view, scene_pos: QPointF) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(scene_pos))


def test_expanding_draws_units_and_weights_and_collapsing_restores_the_block(setup):
    doc, stack, view = setup
    scene = view.canvas_scene
    assert "e1" in scene.edge_items and not scene.weight_lines
    doc.set_expanded(["x", "hidden"])
    assert stack.count() == 0                            # a view setting, not an edit
    hidden, x = scene.node_items["hidden"], scene.node_items["x"]
    assert isinstance(hidden, ExpandedNodeItem) and isinstance(x, ExpandedNodeItem)
    assert [u.part for u in hidden.units] == [Part("hidden", k) for k in range(3)]
    assert len(x.units) == 4
    # e1 (x → hidden) is drawn as its 12 weights; e2 into the collapsed "out" stays an edge
    assert "e1" not in scene.edge_items and "e2" in scene.edge_items
    (lines,) = scene.weight_lines.values()
    assert len(lines.rows) == 12
    np.testing.assert_array_equal(lines.values, W1[lines.rows, lines.units])
    # each line joins source unit `row` to unit `unit`
    for k in range(12):
        start = x.unit_point(int(lines.rows[k]), "out")
        end = hidden.unit_point(int(lines.units[k]), "in")
        assert tuple(lines.segs[k]) == pytest.approx((start.x(), start.y(), end.x(), end.y()))
    # the document still holds one dense node with the same weights
    assert [n.id for n in doc.project.nodes] == ["x", "hidden", "out"]
    np.testing.assert_array_equal(doc.project.node("hidden").params["W"], W1)

    doc.set_expanded([])
    assert type(scene.node_items["hidden"]) is NodeItem and type(scene.node_items["x"]) is NodeItem
    assert "e1" in scene.edge_items and not scene.weight_lines


def test_a_dense_layer_whose_source_is_collapsed_keeps_its_edge(setup):
    doc, _, view = setup
    doc.set_expanded(["hidden"])
    scene = view.canvas_scene
    assert isinstance(scene.node_items["hidden"], ExpandedNodeItem)
    assert "e1" in scene.edge_items and not scene.weight_lines


def test_clicking_a_drawn_weight_selects_that_W_entry(setup, qtbot):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    view.fit_all()
    scene = view.canvas_scene
    (lines,) = scene.weight_lines.values()
    seen: list = []
    view.partSelected.connect(seen.append)
    k = 7
    x1, y1, x2, y2 = lines.segs[k]
    # a point 40 % along the line, where it is apart from its neighbours
    click(qtbot, view, QPointF(x1 + 0.4 * (x2 - x1), y1 + 0.4 * (y2 - y1)))
    (item,) = [i for i in scene.selectedItems()]
    assert isinstance(item, WeightItem)
    assert item.part == Part("hidden", int(lines.units[k]), int(lines.rows[k]))
    assert seen[-1] == item.part and view.selected_part() == item.part
    assert "W[" in scene.tooltip_for(item) and f"{W1[item.part.row, item.part.unit]:.4g}" in scene.tooltip_for(item)


def test_clicking_a_drawn_unit_selects_it(setup, qtbot):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    view.fit_all()
    scene = view.canvas_scene
    unit = scene.node_items["hidden"].units[2]
    seen: list = []
    view.partSelected.connect(seen.append)
    click(qtbot, view, unit.scenePos())
    assert scene.selectedItems() == [unit]
    assert seen[-1] == Part("hidden", 2)
    assert view.selected_ids() == ([], [])               # no node or edge is selected with it


def test_editing_a_drawn_weight_recolours_its_line_and_undo_restores_it(setup):
    doc, stack, view = setup
    doc.set_expanded(["x", "hidden"])
    scene = view.canvas_scene
    (lines,) = scene.weight_lines.values()
    k = int(np.flatnonzero((lines.rows == 1) & (lines.units == 2))[0])
    stack.push(SetWeightEntry(doc, Part("hidden", 2, 1), -4.0))
    assert lines.values[k] == -4.0
    assert doc.project.node("hidden").params["W"][1, 2] == -4.0
    stack.undo()
    assert lines.values[k] == W1[1, 2]
    np.testing.assert_array_equal(doc.project.node("hidden").params["W"], W1)


def test_moving_an_expanded_node_moves_its_weight_lines(setup):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    scene = view.canvas_scene
    (lines,) = scene.weight_lines.values()
    before = lines.segs.copy()
    doc.move_node("hidden", (340.0, 25.0))
    np.testing.assert_allclose(lines.segs[:, :2], before[:, :2])
    np.testing.assert_allclose(lines.segs[:, 2:], before[:, 2:] + [40.0, 25.0])


def test_units_show_the_probe_values_of_the_chosen_sample(setup):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    live = LiveCanvas(view)
    inputs = np.array([[0.0, 1.0, 2.0, 3.0], [3.0, 2.0, 1.0, 0.0]])
    outputs = np.array([[0.5, -0.25, 0.0], [-1.0, 0.2, 0.9]])
    live.probe = ProbeData({"hidden": outputs, "out": np.zeros((2, 2))}, inputs, np.zeros((2, 2)), None, None)
    live.set_sample(1)
    scene = view.canvas_scene
    np.testing.assert_array_equal(scene.node_items["hidden"].unit_rgb, diverging_rgb(outputs[1]))
    np.testing.assert_array_equal(scene.node_items["x"].unit_rgb, diverging_rgb(inputs[1]))   # a vector, not an image
    # the strongest output is the most saturated: -1.0 in orange
    assert tuple(scene.node_items["hidden"].unit_rgb[0]) != (255, 255, 255)
    assert scene.node_items["hidden"].units[0].value_text == "-1"


def test_an_image_input_is_drawn_as_its_pixel_grid_in_ink(qtbot):
    from nnstudio.ui.canvas.view import CanvasView
    p = build([("img", "input", 0, 0, {"shape": [1, 2, 3]}), ("flat", "flatten", 200, 0),
               ("d", "dense", 400, 0, {"units": 2})], [("e1", "img", "flat"), ("e2", "flat", "d")], outputs=["d"])
    doc = Document(p)
    view = CanvasView(doc, QUndoStack())
    qtbot.addWidget(view)
    doc.set_expanded(["img"])
    item = view.canvas_scene.node_items["img"]
    assert item.grid == (2, 3) and len(item.units) == 6
    # row-major cells: pixel (r, c) right of (r, c-1), below (r-1, c)
    assert item.offsets[1][0] > item.offsets[0][0] and item.offsets[3][1] > item.offsets[0][1]
    live = LiveCanvas(view)
    pixels = np.array([[0.0, 4.0, 8.0, 16.0, 0.0, 2.0]])
    live.probe = ProbeData({}, pixels, np.zeros((1, 2)), None, None)
    live.apply()
    np.testing.assert_array_equal(item.unit_rgb, grey_rgb(pixels[0]))
    assert tuple(item.unit_rgb[3]) == (30, 30, 30) and tuple(item.unit_rgb[0]) == (255, 255, 255)
    view.detach()


def test_weights_through_a_flatten_are_drawn_from_the_pixels(qtbot):
    from nnstudio.ui.canvas.view import CanvasView
    p = build([("img", "input", 0, 0, {"shape": [1, 2, 3]}), ("flat", "flatten", 200, 0),
               ("d", "dense", 400, 0, {"units": 2})], [("e1", "img", "flat"), ("e2", "flat", "d")], outputs=["d"])
    doc = Document(p)
    view = CanvasView(doc, QUndoStack())
    qtbot.addWidget(view)
    doc.set_expanded(["img", "d"])
    scene = view.canvas_scene
    (lines,) = scene.weight_lines.values()
    assert lines.source_id == "img" and len(lines.rows) == 12
    img = scene.node_items["img"]
    k = int(np.flatnonzero((lines.rows == 4) & (lines.units == 1))[0])
    start = img.unit_point(4, "out")                     # pixel (1, 1) of the 2×3 image
    assert tuple(lines.segs[k][:2]) == pytest.approx((start.x(), start.y()))
    # the document's edges through the flatten are still drawn; the first layer shows pictures
    assert "e1" in scene.edge_items and "e2" in scene.edge_items
    assert len(scene.node_items["d"].unit_images) == 2
    assert scene.node_items["d"].unit_images[0].size().toTuple() == (3, 2)
    view.detach()


def test_a_backprop_walk_colours_units_by_their_ids(setup):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    live = LiveCanvas(view)
    live.show_walk({"hidden#1": (0.75, "δ "), "out": (0.1, "")})
    rgb = view.canvas_scene.node_items["hidden"].unit_rgb
    assert tuple(rgb[0]) == (190, 190, 190) and tuple(rgb[2]) == (190, 190, 190)    # no value: grey
    assert tuple(rgb[1]) == tuple(diverging_rgb(np.array([0.75]))[0])


def test_the_expanded_state_is_saved_with_the_file_and_restored(setup, tmp_path, qtbot):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    path = tmp_path / "p.json"
    path.write_text(dumps_project(doc.project), encoding="utf-8")
    from nnstudio.ui.canvas.view import CanvasView
    doc2 = Document(load_project(str(path)))
    view2 = CanvasView(doc2, QUndoStack())
    qtbot.addWidget(view2)
    assert isinstance(view2.canvas_scene.node_items["hidden"], ExpandedNodeItem)
    assert len(next(iter(view2.canvas_scene.weight_lines.values())).rows) == 12
    view2.detach()


def test_deleting_and_undeleting_an_expanded_layer_draws_it_expanded_again(setup):
    doc, stack, view = setup
    doc.set_expanded(["x", "hidden"])
    from nnstudio.ui.commands.edits import remove_items
    stack.push(remove_items(doc, ["hidden"], []))
    assert "hidden" not in view.canvas_scene.node_items and not view.canvas_scene.weight_lines
    stack.undo()
    assert isinstance(view.canvas_scene.node_items["hidden"], ExpandedNodeItem)
    assert len(view.canvas_scene.weight_lines) == 1


def test_thinning_draws_only_the_strongest_weights(setup):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    scene = view.canvas_scene
    scene.set_edge_share(0.25)
    (lines,) = scene.weight_lines.values()
    shown = lines.shown()
    assert shown.sum() == 3
    assert set(np.abs(lines.values[shown])) == set(np.sort(np.abs(W1.ravel()))[-3:])


def test_unit_items_are_hit_targets_only(setup):
    doc, _, view = setup
    doc.set_expanded(["hidden"])
    unit = view.canvas_scene.node_items["hidden"].units[0]
    assert isinstance(unit, UnitItem) and unit.flags() & unit.GraphicsItemFlag.ItemHasNoContents
    unit.setSelected(True)
    assert not unit.flags() & unit.GraphicsItemFlag.ItemHasNoContents     # paints its ring


def test_select_ids_selects_drawn_units_and_weights_by_their_ids(setup):
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    scene = view.canvas_scene
    view.select_ids(["hidden#2"])
    assert scene.selectedItems() == [scene.node_items["hidden"].units[2]]
    view.select_ids([], ["hidden#3>1"])
    (item,) = scene.selectedItems()
    assert isinstance(item, WeightItem) and item.part == Part("hidden", 1, 3)
    x1, y1, x2, y2 = item.line().x1(), item.line().y1(), item.line().x2(), item.line().y2()
    start, end = scene.node_items["x"].unit_point(3, "out"), scene.node_items["hidden"].unit_point(1, "in")
    assert (x1, y1, x2, y2) == pytest.approx((start.x(), start.y(), end.x(), end.y()))
    view.select_ids(["out#0"])                      # "out" is not expanded: nothing to select
    assert scene.selectedItems() == []


def test_style_codes_order_weights_weak_to_strong_and_alternate_the_signs():
    from nnstudio.ui.canvas.weight_lines import STEPS, STYLES, style_codes
    widths = [style.width for style in STYLES]
    assert widths == sorted(widths) and len(set(widths)) == len(widths)     # the drawing order is the list's
    values = np.array([0.01, -0.01, 1.0, -1.0, 1.0, -1.0])
    rows = np.array([0, 0, 0, 0, 1, 1])
    codes = style_codes(values, rows)
    assert list(codes[:2] // 4) == [0, 0] and list(codes[2:] // 4) == [STEPS - 1] * 4
    # at one strength: + then − on even rows, − then + on odd rows, so neither sign is always on top
    strongest = {(v > 0, r): c % 4 for v, r, c in zip(values[2:], rows[2:], codes[2:])}
    assert strongest == {(True, 0): 0, (False, 0): 1, (False, 1): 2, (True, 1): 3}
    colours = [STYLES[c].colour for c in codes[2:]]
    assert colours[0] == colours[2] and colours[1] == colours[3] and colours[0] != colours[1]


def test_a_runs_matrices_recolour_the_drawn_weights_paced_like_edges(setup, monkeypatch):
    from nnstudio.training.live import LiveSnapshot
    from nnstudio.ui.canvas import live as live_module
    monkeypatch.setattr(live_module, "edge_interval", lambda cost: 3600.0)    # no second restyle while running
    from nnstudio.training.probes import WeightMatrix
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    live = LiveCanvas(view)
    (lines,) = view.canvas_scene.weight_lines.values()
    first, second = -W1, 2 * W1
    live.show(LiveSnapshot("running", matrices=[WeightMatrix("hidden", first, [], [], None, "hidden")]))
    np.testing.assert_array_equal(lines.values, first[lines.rows, lines.units])
    # the next snapshot comes within the pacing interval: skipped, until the run pauses
    live.show(LiveSnapshot("running", matrices=[WeightMatrix("hidden", second, [], [], None, "hidden")]))
    np.testing.assert_array_equal(lines.values, first[lines.rows, lines.units])
    live.show(LiveSnapshot("paused", matrices=[WeightMatrix("hidden", second, [], [], None, "hidden")]))
    np.testing.assert_array_equal(lines.values, second[lines.rows, lines.units])


def test_while_a_big_layer_is_dragged_only_its_strongest_weights_follow(setup, monkeypatch):
    from nnstudio.ui.canvas import weight_lines
    monkeypatch.setattr(weight_lines, "MOVING_LINES", 4)
    doc, _, view = setup
    doc.set_expanded(["x", "hidden"])
    scene = view.canvas_scene
    (lines,) = scene.weight_lines.values()
    scene.begin_drag(["hidden"])
    shown = lines.shown()
    assert shown.sum() == 4
    assert set(np.abs(lines.values[shown])) == set(np.sort(np.abs(W1.ravel()))[-4:])
    scene.end_drag()
    assert lines.shown().all()
    scene.begin_drag(["out"])                        # a node none of these weights touch
    assert lines.shown().all()
    scene.end_drag()
