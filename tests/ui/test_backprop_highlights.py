"""The Backprop walk highlights exactly its step's neuron or edge, and the screen forgets the old
ones: an edge's glow that goes off must have its area repainted (issue 10: stale glows on w7/w8 at
steps 14–17, half-drawn segments after Apply update)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QGraphicsItem

from nnstudio.ui.canvas.edge_items import EdgeItem
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 5000
NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


@pytest.fixture
def window(qtbot, open_window):
    w = open_window()
    assert w.files.open_example(EXAMPLES_DIR / "backprop_worked_example.json")
    w.backprop_dock.raise_()
    qtbot.waitUntil(lambda: w.backprop.is_shown() and not w.backprop._dirty, timeout=TIMEOUT)
    return w


def highlighted(w) -> set[str]:
    """The edges drawing their glow and the selected nodes."""
    scene = w.canvas.scene()
    edges = {i for i, item in scene.edge_items.items() if not item.flags() & NO_CONTENTS}
    nodes, selected_edges = w.canvas.selected_ids()
    assert edges == set(selected_edges)          # a glow is the selection, nothing else
    return edges | set(nodes)


def step_items(w) -> set[str]:
    step = w.backprop.steps[w.backprop.current_index()]
    return {i for i in (step.node, step.edge) if i}


def covered(rect: QRectF, rects: list[QRectF]) -> bool:
    """True when the repainted `rects` together cover all of `rect`."""
    left = QRegion(rect.toAlignedRect())
    for r in rects:
        left = left.subtracted(QRegion(r.toAlignedRect()))
    return left.isEmpty()


def test_every_step_highlights_its_own_items_only(window, qtbot):
    panel = window.backprop
    seen: set[str] = set()
    # Step 1 is shown on opening without taking the canvas's selection; from step 2 on, each
    # step selects its item.
    for index in range(1, len(panel.steps)):
        panel.go_to(index)
        assert highlighted(window) == step_items(window), panel.steps[index].title
        seen |= step_items(window)
    # The walk went through every weight (w1…w8) and every neuron.
    assert {f"w{k}" for k in range(1, 9)} | {"h2", "o1", "o2"} <= seen
    # Backwards too (Shift+F11).
    for _ in range(len(panel.steps)):
        panel.step(-1)
        assert highlighted(window) == step_items(window)


def test_a_glow_that_goes_off_is_repainted(window, qtbot):
    panel = window.backprop
    scene = window.canvas.scene()
    repainted: list[QRectF] = []
    scene.changed.connect(repainted.extend)
    edge_steps = [k for k, s in enumerate(panel.steps) if s.edge]
    assert len(edge_steps) == 8
    for before, after in zip(edge_steps, edge_steps[1:]):
        panel.go_to(before)
        qtbot.wait(20)
        old = scene.edge_items[panel.steps[before].edge]
        repainted.clear()
        panel.go_to(after)
        qtbot.waitUntil(lambda: bool(repainted), timeout=TIMEOUT)
        qtbot.wait(20)
        assert covered(old.sceneBoundingRect(), repainted), panel.steps[before].edge


def test_apply_update_keeps_only_the_current_steps_highlight(window, qtbot):
    panel = window.backprop
    step = next(k for k, s in enumerate(panel.steps) if s.edge == "w7")
    panel.go_to(step)
    assert highlighted(window) == {"w7"}
    before = window.doc.project.edge("w7").weight
    panel.apply_button.click()
    assert window.doc.project.edge("w7").weight != before
    qtbot.waitUntil(lambda: not panel._dirty, timeout=TIMEOUT)
    assert panel.current_index() == step
    assert highlighted(window) == {"w7"} == step_items(window)
    # And the next steps still move the highlight along, leaving nothing behind.
    for _ in range(3):
        panel.step(1)
        assert highlighted(window) == step_items(window)
    assert all(isinstance(i, EdgeItem) for i in window.canvas.scene().selectedItems())
