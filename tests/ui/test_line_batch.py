"""LineBatch (many lines in NumPy arrays, drawn per style with level of detail) and the
EdgeLayer on top of it: what is drawn where, in which colour, at near and far zoom; restyles
from a training snapshot; thinning; edges removed and added."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project
from nnstudio.ui.canvas import line_batch, line_math, looks
from nnstudio.ui.canvas.line_batch import EdgeStyle, LineBatch
from nnstudio.ui.canvas.painters import EdgeLayer

RED, BLUE, GREEN = EdgeStyle("#ff0000", 1.0), EdgeStyle("#0000ff", 2.0), EdgeStyle("#00aa00", 6.0)
CLEAR = (0, 0, 0, 0)


def rgba(image: QImage, x: int, y: int) -> tuple[int, int, int, int]:
    c = QColor(image.pixelColor(x, y))
    return c.red(), c.green(), c.blue(), c.alpha()


def painted(batch: LineBatch, scale: float, size: tuple[int, int] = (400, 300), antialiased: bool = True) -> QImage:
    """The batch painted at `scale` onto a transparent image, as a QGraphicsItem paints it."""
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
    painter.setTransform(QTransform.fromScale(scale, scale))
    batch.paint(painter, QStyleOptionGraphicsItem())
    assert painter.testRenderHint(QPainter.RenderHint.Antialiasing) == antialiased     # left as found
    assert painter.worldTransform() == QTransform.fromScale(scale, scale)
    painter.end()
    return image


def bands() -> tuple[np.ndarray, np.ndarray]:
    """Three bands of 400 horizontal lines each, 1 unit apart: red at y 0–399, blue at 1000–1399,
    and green at 2000–2399; every line from x = 0 to 4000."""
    ys = np.concatenate([np.arange(400.0) + start for start in (0.0, 1000.0, 2000.0)])
    segs = np.column_stack([np.zeros_like(ys), ys, np.full_like(ys, 4000.0), ys])
    return segs, np.repeat([0, 1, 2], 400)


def test_near_lines_keep_their_width_and_far_ones_are_single_aliased_pixels(qapp):
    batch = LineBatch()
    batch.set_segments(np.array([[10.0, 25.0, 190.0, 25.0], [10.0, 65.0, 190.0, 65.0]]))
    batch.set_codes(np.array([0, 1]), [RED, GREEN])
    near = painted(batch, 1.0)
    assert batch.last_mode == "lines"
    # green is 6 units wide at 100 %: rows 62–67 are green
    assert [rgba(near, 100, y) for y in range(62, 68)] == [(0, 170, 0, 255)] * 6
    assert rgba(near, 100, 25)[:3] == (255, 0, 0) and rgba(near, 100, 45) == CLEAR
    far = painted(batch, 0.1)            # 0.1 and 0.6 px wide: one aliased pixel each, exact colours
    assert batch.last_mode == "lines"
    assert rgba(far, 10, 2) == (255, 0, 0, 255) and rgba(far, 10, 6) == (0, 170, 0, 255)
    column = [rgba(far, 10, y) for y in range(0, 10)]
    assert column.count(CLEAR) == 8


def test_far_lines_past_the_pixel_budget_are_drawn_as_a_coarser_image_in_the_same_colours(qapp, monkeypatch):
    segs, codes = bands()
    batch = LineBatch()
    batch.set_segments(segs)
    batch.set_codes(codes, [RED, BLUE, GREEN])
    direct = painted(batch, 0.1)
    assert batch.last_mode == "lines"
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 10_000)         # 1,200 lines × 400 px each
    coarse = painted(batch, 0.1)
    assert batch.last_mode == "image/3"
    for image in (direct, coarse):
        # inside each band its colour (opaque: a band is solid at this zoom), nothing between them
        assert rgba(image, 200, 20) == (255, 0, 0, 255)
        assert rgba(image, 200, 120) == (0, 0, 255, 255)
        assert rgba(image, 200, 220) == (0, 170, 0, 255)
        assert rgba(image, 200, 70) == CLEAR and rgba(image, 200, 170) == CLEAR
        assert rgba(image, 395, 20) == (255, 0, 0, 255) and rgba(image, 200, 299) == CLEAR
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 300_000)
    assert rgba(painted(batch, 0.1), 200, 120) == (0, 0, 255, 255) and batch.last_mode == "image/2"
    # Near, the budget does not matter: lines are stroked at their width.
    assert rgba(painted(batch, 1.0), 10, 100)[:3] == (255, 0, 0) and batch.last_mode == "lines"


def test_the_widest_style_is_drawn_on_top_in_every_mode(qapp, monkeypatch):
    batch = LineBatch()
    ys = np.arange(0.0, 300.0)
    crossing = np.column_stack([np.zeros_like(ys), ys, np.full_like(ys, 3000.0), ys])
    # every red line lies under a green one, listed after the greens: style order, not row order, wins
    batch.set_segments(np.concatenate([crossing, crossing]))
    batch.set_codes(np.repeat([1, 0], 300), [RED, GREEN])
    assert rgba(painted(batch, 0.1), 100, 15) == (0, 170, 0, 255)
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 1_000)
    assert rgba(painted(batch, 0.1), 100, 15) == (0, 170, 0, 255) and batch.last_mode.startswith("image")


def test_hidden_and_unfinished_lines_are_not_drawn_and_bounds_follow_the_drawn_ones(qapp):
    batch = LineBatch()
    batch.set_segments(np.array([[0.0, 0.0, 100.0, 0.0], [0.0, 50.0, 100.0, 50.0], [np.nan, 0, 1, 1]]))
    batch.set_codes(np.array([0, 1, 0]), [RED, BLUE])
    assert batch.bounds().getRect() == (-12.0, -12.0, 124.0, 74.0)
    batch.set_hidden(np.array([False, True, False]))
    assert batch.bounds().getRect() == (-12.0, -12.0, 124.0, 24.0)
    image = painted(batch, 1.0)
    assert rgba(image, 50, 0)[:3] == (255, 0, 0) and rgba(image, 50, 50) == CLEAR
    batch.set_codes(np.array([-1, 1, 0]), [RED, BLUE])         # no style: not drawn either
    assert batch.bounds().isEmpty() and rgba(painted(batch, 1.0), 50, 0) == CLEAR


def test_only_hidden_lines_moving_keeps_the_paths(qapp):
    batch = LineBatch()
    segs = np.array([[0.0, 0.0, 100.0, 0.0], [0.0, 50.0, 100.0, 50.0]])
    batch.set_segments(segs)
    batch.set_codes(np.array([0, 0]), [RED])
    batch.set_hidden(np.array([False, True]))
    painted(batch, 1.0)
    cached = batch.bounds()
    segs[1] = (0.0, 80.0, 100.0, 80.0)
    batch.set_segments(segs, changed=np.array([1]))
    assert batch.bounds() == cached
    segs[0] = (0.0, 30.0, 100.0, 30.0)
    batch.set_segments(segs, changed=np.array([0]))
    assert batch.bounds().top() == 18.0


def test_arrowheads_are_drawn_at_the_line_ends(qapp):
    batch = LineBatch()
    batch.set_segments(np.array([[10.0, 50.0, 200.0, 50.0]]))
    batch.set_codes(np.array([0]), [EdgeStyle("#ff0000", 1.0, False, True)])
    image = painted(batch, 1.0)
    # 7 units before its tip the arrowhead is 7 units tall; the line itself is 1 unit wide
    assert rgba(image, 193, 52) == (255, 0, 0, 255) and rgba(image, 193, 47) == (255, 0, 0, 255)
    assert rgba(image, 100, 52) == CLEAR and rgba(image, 205, 50) == CLEAR


def test_pixel_work_counts_the_visible_pixels_of_each_line():
    segs = np.array([[0.0, 0.0, 100.0, 0.0], [0.0, 0.0, 30.0, 40.0], [-50.0, 10.0, 50.0, 10.0], [0, 500, 10, 500]])
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    assert line_math.pixel_work(segs[:2], identity, (0, 0, 1000, 1000)) == pytest.approx(140.0)
    assert line_math.pixel_work(segs[2:], identity, (0, 0, 1000, 100)) == pytest.approx(50.0)    # clipped
    assert line_math.pixel_work(segs[:1], (0.5, 0.0, 0.0, 0.5, 0.0, 0.0), (0, 0, 1000, 1000)) == pytest.approx(50.0)


def test_of_lines_with_the_same_ends_on_screen_only_the_last_is_drawn():
    segs = np.array([[0.0, 0.0, 100.0, 10.0], [0.2, 0.1, 99.8, 10.3], [0.0, 0.0, 100.0, 12.0], [0.1, 0, 100, 10]])
    assert line_math.on_top(segs, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)).tolist() == [2, 3]
    assert line_math.on_top(segs, (10.0, 0.0, 0.0, 10.0, 0.0, 0.0)).tolist() == [0, 1, 2, 3]


def test_weight_style_codes_match_weight_style_one_by_one():
    rng = np.random.default_rng(5)
    weights = np.concatenate([rng.normal(0.0, 3.0, 3000), [0.0, -0.0, 0.25, -0.75, 4.0, -4.2, np.nan, -np.inf]])
    trainable = rng.random(len(weights)) < 0.7
    codes, table = looks.weight_style_codes(weights, trainable)
    assert [table[k] for k in codes] == [looks.weight_style(float(w), bool(t)) for w, t in zip(weights, trainable)]
    assert len(set(codes.tolist())) > 30


def test_thinning_hides_the_same_edges_as_ranking_by_weight_in_edge_order(qapp):
    rng = np.random.default_rng(2)
    layer = EdgeLayer()
    ids = [f"e{k}" for k in range(500)]
    strengths = dict(zip(ids, np.round(rng.random(500), 1).tolist()))      # many ties
    strengths["e7"], strengths["e8"], strengths["e9"] = math.nan, None, 0.95
    layer.set_edges({e: (0.0, float(k), 10.0, float(k)) for k, e in enumerate(ids)}, {e: RED for e in ids}, strengths)
    for share in (0.5, 0.1, 0.01):
        layer.set_share(share)
        ranked = [e for e in ids if strengths[e] is not None]
        order = sorted(range(len(ranked)), key=lambda k: (-np.nan_to_num(strengths[ranked[k]]), k))
        expected = {ranked[k] for k in order[math.ceil(share * len(ranked)):]}
        assert layer.hidden_edges() == expected and "e8" not in expected
    layer.set_share(1.0)
    assert layer.hidden_edges() == set()


def test_edges_removed_and_added_keep_their_segments_styles_and_drawing(qapp):
    layer = EdgeLayer()
    ids = [f"e{k}" for k in range(3000)]
    layer.set_edges({e: (0.0, float(k), 10.0, float(k)) for k, e in enumerate(ids)},
                    {e: (RED if k % 2 else BLUE) for k, e in enumerate(ids)})
    for edge_id in ids[:2500]:
        layer.remove(edge_id)
    layer.set_edges({"new": (5.0, 3000.0, 6.0, 3001.0)}, {"new": GREEN})
    assert layer.boundingRect().top() == 2500.0 - 12      # rebuilt: the removed rows are gone (renumbered)
    assert len(layer.rows) == 501 and layer.rows.layout == 1
    assert layer.segment("e2999") == (0.0, 2999.0, 10.0, 2999.0) and layer.style("e2999") == RED
    assert layer.segment("new") == (5.0, 3000.0, 6.0, 3001.0) and layer.style("new") == GREEN
    assert "e10" not in layer.rows and layer.rows.rows_of(["e10", "e2600"]).tolist() == [-1, layer.rows.index["e2600"]]
    # the hit targets' search arrays take every segment at once
    assert layer.segment.many(["new", "e2600"]).tolist() == [list(layer.segment("new")), [0.0, 2600.0, 10.0, 2600.0]]
    with pytest.raises(KeyError):
        layer.segment.many(["e2600", "e10"])
    # restyling by rows skips edges without one (-1), and leaves the last row alone
    layer.set_style_codes(layer.rows.rows_of(["e10", "e2600"]), np.array([0, 0]), [BLUE])
    assert layer.style("e2600") == BLUE and layer.style("new") == GREEN
    layer.set_strength_rows(layer.rows.rows_of(["e10", "e2600"]), np.array([9.0, 3.0]))
    layer.set_share(0.01)            # of the 501 edges only e2600 has a weight: it is drawn
    assert layer.hidden_edges() == set() and layer.rows.strength[-1] == 0.0


def _column_project(inputs: int = 60, hidden: int = 20) -> Project:
    p = Project()
    p.nodes += [Node(f"x{i}", "input", f"x{i}", (0.0, 90.0 * i), {"shape": [1]}) for i in range(inputs)]
    p.nodes += [Node(f"h{j}", "neuron", f"h{j}", (800.0, 90.0 * j), {"activation": "tanh", "bias": 0.0})
                for j in range(hidden)]
    p.edges += [Edge(f"w{j}_{i}", f"x{i}", f"h{j}", 0.1, trainable=(i % 3 != 0))
                for j in range(hidden) for i in range(inputs)]
    p.inputs, p.outputs = [f"x{i}" for i in range(inputs)], [f"h{j}" for j in range(hidden)]
    return p


@pytest.fixture
def column_view(qtbot):
    from PySide6.QtGui import QUndoStack

    from nnstudio.ui.canvas.view import CanvasView
    view = CanvasView(Document(_column_project()), QUndoStack())
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.detach()


def test_a_snapshot_restyles_every_edge_as_weight_style_says(column_view):
    scene = column_view.canvas_scene
    doc = column_view.doc
    rng = np.random.default_rng(4)
    for _ in range(2):             # the second snapshot reuses the first one's plan
        weights = {e.id: float(w) for e, w in zip(doc.project.edges, rng.normal(0.0, 2.0, len(doc.project.edges)))}
        weights["w0_1"] = np.array([0.5, 0.5])      # a vector weight is not drawn as one
        scene.show_live_weights(weights)
        for edge in doc.project.edges:
            expected = (scene.edge_style(edge.id) if edge.id == "w0_1"
                        else looks.weight_style(weights[edge.id], edge.trainable))
            assert scene.layer.style(edge.id) == expected, edge.id
    # the network changes under the run: an edge goes, one is frozen; the next snapshot still fits
    doc.remove_edge("w3_3")
    doc.set_edge_trainable("w4_4", False)
    weights = {e.id: -1.0 for e in doc.project.edges}
    scene.show_live_weights(weights)
    assert scene.layer.style("w4_4") == looks.weight_style(-1.0, False) and scene.layer.style("w4_4").dashed
    assert all(scene.layer.style(e.id) == looks.weight_style(-1.0, e.trainable) for e in doc.project.edges)
    scene.restore_edge_styles()
    assert all(scene.layer.style(e.id) == scene.edge_style(e.id) for e in doc.project.edges)


def test_the_view_far_out_shows_each_edge_in_its_colour(column_view, monkeypatch):
    """At a far zoom, past the pixel budget, the canvas shows the edges as a coarse image: where
    a band of same-coloured edges lies, that colour; away from the edges, the background."""
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 100)
    scene, doc = column_view.canvas_scene, column_view.doc
    # the top half of the hidden neurons gets positive weights (blue), the bottom half negative
    scene.show_live_weights({e.id: (2.0 if int(e.target[1:]) < 10 else -2.0) for e in doc.project.edges})
    column_view.fit_all()
    image = column_view.viewport().grab().toImage()
    assert scene.layer.batch.last_mode.startswith("image/")
    # Just left of the hidden column, the edges into h0–h2 pass y = 180, those into h15–h17
    # y = 1500, and a band of them lies on either side (the picture is coarse at its edges).
    x = scene.node_items["h0"].in_anchor().x() - 40
    near_top, near_bottom = column_view.mapFromScene(x, 180.0), column_view.mapFromScene(x, 1500.0)
    positive, negative = looks.weight_style(2.0).colour, looks.weight_style(-2.0).colour
    assert image.pixelColor(near_top).name() == positive
    assert image.pixelColor(near_bottom).name() == negative
    left_of_inputs = column_view.mapFromScene(scene.node_items["x30"].pos().x() - 150, 90.0 * 30)
    assert image.pixelColor(left_of_inputs).name() not in (positive, negative)
