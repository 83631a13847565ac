"""The canvas at scale: a 784 → 128 neuron-level layer (100,352 edges) keeps per-edge hit
targets only where they are needed, finds any single edge under a click, and a drag of one
neuron touches only that neuron's edges."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QTransform, QUndoStack
from PySide6.QtTest import QTest

from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project
from nnstudio.ui.canvas import edge_index

LEFT, NONE = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
INPUTS, HIDDEN, GAP = 784, 128, 90.0


def wide_layer() -> Project:
    """784 inputs → 128 sigmoid neurons, fully connected; each column centred on y = 0."""
    rng = np.random.default_rng(0)
    p = Project()
    xs = [f"x{r}" for r in range(INPUTS)]
    hs = [f"h{r}" for r in range(HIDDEN)]
    p.nodes += [Node(i, "input", i, (0.0, (r - (INPUTS - 1) / 2) * GAP), {"shape": [1]}) for r, i in enumerate(xs)]
    p.nodes += [Node(i, "neuron", i, (800.0, (r - (HIDDEN - 1) / 2) * GAP),
                     {"activation": "sigmoid", "bias": 0.0}) for r, i in enumerate(hs)]
    weights = rng.normal(0.0, 0.2, (HIDDEN, INPUTS))
    p.edges += [Edge(f"e{j}_{i}", xs[i], hs[j], float(weights[j, i])) for j in range(HIDDEN) for i in range(INPUTS)]
    p.inputs, p.outputs = xs, hs
    return p


@pytest.fixture(scope="module")
def big_project() -> Project:
    return wide_layer()


@pytest.fixture
def big_view(qtbot, big_project):
    from nnstudio.ui.canvas.view import CanvasView
    stack = QUndoStack()
    view = CanvasView(Document(big_project.copy()), stack)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.fit_all()
    yield view
    view.detach()


def test_a_big_scene_lists_every_edge_but_makes_few_hit_targets(big_view):
    items = big_view.canvas_scene.edge_items
    assert len(items) == INPUTS * HIDDEN == 100_352
    assert not items.eager and len(items.made()) == 0
    assert "e5_7" in items and "nope" not in items
    line = items["e5_7"].line()          # asked for: made on the spot, where the edge is
    scene = big_view.canvas_scene
    assert line.p1() == scene.node_items["x7"].out_anchor() and line.p2() == scene.node_items["h5"].in_anchor()
    assert list(items.made()) == ["e5_7"]


def test_a_click_on_one_edge_zoomed_in_selects_that_edge(big_view):
    scene = big_view.canvas_scene
    # x783 → h127: the only edge through its midpoint (the next ones pass ~1.1 units away, as
    # steep as they are: at 400 % that is 4 pixels).
    a, b = scene.node_items["x783"].out_anchor(), scene.node_items["h127"].in_anchor()
    middle = (a + b) / 2
    big_view.setTransform(QTransform.fromScale(4.0, 4.0))
    big_view.centerOn(middle)
    QTest.mouseClick(big_view.viewport(), LEFT, NONE, big_view.mapFromScene(middle))
    assert big_view.selected_ids() == ([], ["e127_783"])
    assert list(scene.edge_items.made()) == ["e127_783"]
    # 1.05 units left of the midpoint lies 0.1 unit from the next edges over (x782 → h127 and
    # x783 → h126 cross there): one of them is picked, not the edge already made and selected
    QTest.mouseClick(big_view.viewport(), LEFT, NONE, big_view.mapFromScene(middle - QPointF(1.05, 0)))
    assert big_view.selected_ids() == ([], ["e126_783"]) or big_view.selected_ids() == ([], ["e127_782"])
    # left of the input column: no edge there
    away = scene.node_items["x783"].pos() - QPointF(60, 0)
    big_view.centerOn(away)
    QTest.mouseClick(big_view.viewport(), LEFT, NONE, big_view.mapFromScene(away))
    assert big_view.selected_ids() == ([], [])


def test_a_drag_of_one_neuron_updates_only_its_edges(big_view, monkeypatch):
    scene = big_view.canvas_scene
    touched: list[str] = []
    set_segments = scene.layer.set_segments
    monkeypatch.setattr(scene.layer, "set_segments", lambda segs: (touched.extend(segs), set_segments(segs)))
    item = scene.node_items["h60"]
    big_view.setTransform(QTransform())
    big_view.centerOn(item.pos())
    start = big_view.mapFromScene(item.pos())
    vp = big_view.viewport()
    QTest.mousePress(vp, LEFT, NONE, start)
    for k in range(1, 5):
        QTest.mouseMove(vp, start + (k * 10) * QPointF(1, 0.5).toPoint())
    QTest.mouseRelease(vp, LEFT, NONE, start + 40 * QPointF(1, 0.5).toPoint())
    own = {f"e60_{i}" for i in range(INPUTS)}
    assert set(touched) == own and len(touched) % INPUTS == 0 and len(touched) >= INPUTS
    assert big_view.stack.count() == 1 and big_view.stack.text(0) == "Move h60"
    moved = big_view.doc.project.node("h60").pos
    assert moved[0] > 800.0
    assert scene.layer.segment("e60_3")[2:] == (scene.node_items["h60"].in_anchor().x(), moved[1])
    big_view.stack.undo()
    assert big_view.doc.project.node("h60").pos == (800.0, (60 - (HIDDEN - 1) / 2) * GAP)


def test_on_demand_edges_still_work_like_items(view, doc, monkeypatch):
    """The small canvas with every edge made on demand: rubber band, tooltips, double click and
    Delete behave as with eager items."""
    monkeypatch.setattr(edge_index, "EAGER_EDGES", 0)
    doc.replace(doc.project.copy())               # rebuilt with on-demand edges
    scene = view.canvas_scene
    assert not scene.edge_items.eager and not scene.edge_items.made()
    corner = scene.node_items["x1"].sceneBoundingRect().topLeft() - QPointF(20, 20)
    far = scene.node_items["h2"].sceneBoundingRect().bottomRight() + QPointF(10, 10)
    vp = view.viewport()
    QTest.mousePress(vp, LEFT, NONE, view.mapFromScene(corner))
    for k in range(1, 7):
        QTest.mouseMove(vp, view.mapFromScene(corner + (far - corner) * (k / 6)))
    QTest.mouseRelease(vp, LEFT, NONE, view.mapFromScene(far))
    assert view.selected_ids() == (["x1", "x2", "h1", "h2"], ["w1", "w2", "w3", "w4"])
    view.select_ids([], [])
    a, b = scene.node_items["h1"].out_anchor(), scene.node_items["y"].in_anchor()
    view.ask_weight = lambda parent, edge_id, value: 2.5
    QTest.mouseDClick(vp, LEFT, NONE, view.mapFromScene((a + b) / 2))
    assert doc.project.edge("w5").weight == 2.5
    QTest.mouseClick(vp, LEFT, NONE, view.mapFromScene((a + b) / 2))
    assert view.selected_ids() == ([], ["w5"]) and view.delete_selection()
    assert "w5" not in scene.edge_items and "w5" not in scene.edge_items.made()
    assert all(e.id in scene.edge_items for e in doc.project.edges)


def test_showing_the_strongest_tenth_draws_only_that_share_of_edges(qtbot, big_view):
    from nnstudio.ui.canvas.thinning import edges_menu
    scene = big_view.canvas_scene
    layer = scene.layer
    assert layer.hidden_edges() == set()
    menu = edges_menu(big_view)
    qtbot.addWidget(menu)
    choices = {a.text(): a for a in menu.actions()}
    assert choices["All edges"].isChecked()
    messages: list[str] = []
    big_view.statusMessage.connect(messages.append)
    choices["Strongest 10 % of weights"].trigger()
    hidden = layer.hidden_edges()
    shown = set(scene.edge_items) - hidden
    assert len(shown) == 10_036 and len(hidden) == 100_352 - 10_036       # ceil(10 % of 100,352)
    weights = {e.id: abs(e.weight) for e in big_view.doc.project.edges}
    assert min(weights[e] for e in shown) >= max(weights[e] for e in hidden)
    assert messages[-1] == "Strongest 10 % of weights: 90,316 weaker edges hidden"
    # a click finds only drawn edges: on x783 → h127 (hidden, and alone there) nothing; on the
    # strongest edge's midpoint, a drawn edge through that point (others cross it there)
    for edge_id in ("e127_783", max(weights, key=weights.get)):
        source, target = big_view.doc.project.edge(edge_id).source, big_view.doc.project.edge(edge_id).target
        middle = (scene.node_items[source].out_anchor() + scene.node_items[target].in_anchor()) / 2
        big_view.setTransform(QTransform.fromScale(4.0, 4.0))
        big_view.centerOn(middle)
        click = big_view.mapToScene(big_view.mapFromScene(middle))
        QTest.mouseClick(big_view.viewport(), LEFT, NONE, big_view.mapFromScene(middle))
        _, selected = big_view.selected_ids()
        if edge_id in hidden:
            assert selected == []
        else:
            assert len(selected) == 1 and selected[0] not in hidden
            line = scene.edge_items[selected[0]].line()
            t = QPointF.dotProduct(click - line.p1(), line.p2() - line.p1()) / line.length() ** 2
            assert (line.pointAt(t) - click).manhattanLength() < 1.0
    assert "e127_783" in hidden
    # training restyles from new weights: the strongest tenth of those is drawn
    live = {edge_id: (1.0 if edge_id.startswith("e3_") else 0.001) for edge_id in scene.edge_items}
    scene.show_live_weights(live)
    assert {e for e in scene.edge_items if e not in layer.hidden_edges() and e.startswith("e3_")} == \
        {f"e3_{i}" for i in range(INPUTS)}
    scene.restore_edge_styles()
    # the share survives opening another project, and "All edges" draws every edge again
    big_view.doc.replace(wide_layer())
    assert len(scene.layer.hidden_edges()) == 100_352 - 10_036
    choices["All edges"].trigger()
    assert scene.layer.hidden_edges() == set() and scene.edge_share == 1.0


def test_weight_styles_in_bulk_match_one_by_one():
    from nnstudio.ui.canvas.looks import weight_style, weight_styles
    rng = np.random.default_rng(3)
    weights = np.concatenate([rng.normal(0.0, 3.0, 2000), [0.0, -0.0, 0.2, -0.2, 4.0, -9.0, 0.6, 1.4],
                              [np.nan, np.inf, -np.inf]])
    trainable = rng.random(len(weights)) < 0.8
    bulk = weight_styles(weights, trainable)
    assert bulk == [weight_style(float(w), bool(t)) for w, t in zip(weights, trainable)]
    assert len(set(bulk)) > 10 and weight_styles(np.zeros(0), np.zeros(0, dtype=bool)) == []


def test_live_recolouring_is_paced_by_what_it_costs():
    from nnstudio.ui.canvas import live
    assert live.edge_interval(0.01) == live.EDGE_INTERVAL == 0.1      # small networks: 10 a second
    assert live.edge_interval(0.6) == pytest.approx(0.8)              # 600 ms a frame: 3/4 of the time at most


def test_the_edge_layer_times_its_paint(big_view):
    layer = big_view.canvas_scene.layer
    layer.update()
    big_view.viewport().repaint()
    assert layer.paint_seconds > 0.0


def test_on_demand_hit_targets_do_not_pile_up(big_view, monkeypatch):
    monkeypatch.setattr(edge_index, "KEPT_UNUSED", 5)
    items = big_view.canvas_scene.edge_items
    for k in range(12):
        items[f"e{k}_0"].line()                  # made for a tooltip, a click, …
    assert len(items.made()) == 12
    big_view.select_ids([], ["e3_0", "e40_1"])   # a selection change drops the unused ones
    assert set(items.made()) == {"e3_0", "e40_1"}
    assert big_view.selected_ids() == ([], ["e3_0", "e40_1"])
    assert len(big_view.canvas_scene.items()) < 3 * 986 + 10     # nodes, their ports, layers, 2 edges
