"""The window at 1280×800 and 1920×1080 (issue 10, Layout): no tab title cut, the Sample bar
anchored to the canvas's bottom-left corner after any resize, the Backprop list's columns whole."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyle, QTabBar

from nnstudio.ui.dialogs.examples import EXAMPLES_DIR

TIMEOUT = 10_000
SIZES = [(1280, 800), (1920, 1080)]


@pytest.fixture
def window(qtbot, open_window):
    w = open_window(show=False)
    return w


def show_at(w, qtbot, size: tuple[int, int], example: str = "xor_5_hidden") -> None:
    w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    assert w.files.open_example(EXAMPLES_DIR / f"{example}.json")
    qtbot.waitUntil(lambda: w.size().toTuple() == size, timeout=TIMEOUT)
    qtbot.wait(50)


def tab_bars(w) -> list[QTabBar]:
    """The tab bars drawn on the window (dock groups and the inspector's tabs)."""
    return [tb for tb in w.findChildren(QTabBar)
            if tb.isVisible() and tb.count() and QRect(tb.mapTo(w, tb.rect().topLeft()), tb.size())
            .intersects(w.rect())]


@pytest.mark.parametrize("size", SIZES)
def test_no_tab_title_is_cut(window, qtbot, size):
    show_at(window, qtbot, size)
    bars = tab_bars(window)
    titles = {tb.tabText(i) for tb in bars for i in range(tb.count())}
    assert {"Loss", "Weights", "Activations", "Evaluation", "Backprop", "Decision boundary", "Dataset",
            "Problems", "Undo history"} <= titles
    for tb in bars:
        pad = tb.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, tb)
        for i in range(tb.count()):
            text = tb.tabText(i)
            # A tab narrower than its text and the style's padding draws "Lo…".
            assert tb.tabRect(i).width() >= tb.fontMetrics().horizontalAdvance(text) + pad, (text, size)
            assert tb.tabRect(i).right() <= tb.width(), (text, size)     # not scrolled out of sight
    # No stale duplicate tab bar left on the window (Qt 6.11 makes one for early tab groups).
    rects = [QRect(tb.mapTo(window, tb.rect().topLeft()), tb.size()) for tb in bars]
    for k, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[k + 1:])
    # The training panels are one group of five under the canvas.
    bottom = next(tb for tb in bars if tb.tabText(0) == "Loss")
    assert [bottom.tabText(i) for i in range(bottom.count())] == ["Loss", "Weights", "Activations",
                                                                   "Evaluation", "Backprop", "Convolution"]


def anchored(w) -> bool:
    bar, area = w.live.sample_bar, w.canvas.viewport().geometry()
    margin = bar.MARGIN
    return bar.x() == area.left() + margin and bar.y() + bar.height() == area.bottom() - margin


def over_a_node(w) -> list[str]:
    """The nodes (with their labels and chips) the Sample bar covers."""
    bar, view = w.live.sample_bar, w.canvas
    offset = view.viewport().geometry().topLeft()
    hits = []
    for node_id, item in view.scene().node_items.items():
        rect = view.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(offset)
        if rect.intersects(bar.geometry()):
            hits.append(node_id)
    return hits


def test_the_sample_bar_stays_anchored_after_any_resize(window, qtbot):
    w = window
    show_at(w, qtbot, (1280, 800))
    bar = w.live.sample_bar
    qtbot.waitUntil(lambda: bar.isVisible(), timeout=TIMEOUT)
    assert anchored(w)
    for size in ((900, 620), (1920, 1080), (1000, 700), (1280, 800)):
        w.resize(*size)
        qtbot.waitUntil(lambda: w.size().toTuple() == size, timeout=TIMEOUT)
        qtbot.wait(20)
        assert anchored(w), size
    # Docks changing the canvas's size move it too.
    w.live.loss_dock.hide()
    qtbot.wait(20)
    assert anchored(w)
    w.live.loss_dock.show()
    qtbot.wait(20)
    assert anchored(w)
    # Fit to window keeps every node clear of the bar.
    w.act.fit.trigger()
    qtbot.wait(20)
    assert anchored(w) and over_a_node(w) == []


def test_the_backprop_list_shows_whole_results_and_the_current_row(window, qtbot):
    w = window
    show_at(w, qtbot, (1280, 800), "backprop_worked_example")
    w.backprop_dock.raise_()
    panel = w.backprop
    qtbot.waitUntil(lambda: panel.is_shown() and not panel._dirty and bool(panel.steps), timeout=TIMEOUT)
    tree = panel.tree
    qtbot.wait(20)
    viewport = tree.viewport().rect()
    for index in range(len(panel.steps)):
        panel.go_to(index)
        item = tree.currentItem()
        rect = tree.visualItemRect(item)
        assert viewport.contains(rect), panel.steps[index].title      # the whole row in view
        # The Result column is as wide as its text and shown in full within the list.
        text = item.text(1)
        assert tree.columnWidth(1) >= tree.fontMetrics().horizontalAdvance(text), text
        assert tree.header().sectionViewportPosition(1) + tree.columnWidth(1) <= viewport.width() + 1, text


def test_the_decision_boundary_can_be_made_large_and_put_back(window, qtbot):
    w = window
    show_at(w, qtbot, (1280, 800))
    dock, enlarger = w.live.boundary_dock, w.boundary_enlarger
    button = w.live.boundary.enlarge_button
    docked = dock.geometry()
    assert enlarger.action in w.view_menu.actions()
    assert enlarger.action.shortcut().toString() == "Ctrl+B"
    assert not dock.isFloating() and not enlarger.action.isChecked() and not button.isChecked()
    button.click()                                           # the panel's Enlarge button
    qtbot.waitUntil(lambda: dock.isFloating(), timeout=TIMEOUT)
    big = dock.geometry()
    # A square over 2.5 times the docked view's area, inside the window.
    assert big.width() == big.height() and big.width() * big.height() >= 2.5 * docked.width() * docked.height()
    frame = w.frameGeometry()
    assert frame.contains(big.topLeft()) and frame.contains(big.bottomRight())
    assert enlarger.action.isChecked() and button.isChecked() and button.text() == "⤡ Put back"
    # Training shows in it as before: the panel is the same, still visible.
    assert w.live.boundary.isVisible()
    enlarger.action.trigger()                               # View ▸ Large decision boundary (Ctrl+B)
    qtbot.waitUntil(lambda: not dock.isFloating(), timeout=TIMEOUT)
    assert w.tabifiedDockWidgets(dock) == [w.dataset_dock]
    qtbot.waitUntil(lambda: dock.geometry() == docked, timeout=TIMEOUT)      # back in its place
    assert not button.isChecked() and button.text() == "⤢ Enlarge"
    # Docked back by hand (the dock's own float button): the action follows.
    enlarger.action.trigger()
    qtbot.waitUntil(lambda: dock.isFloating(), timeout=TIMEOUT)
    dock.setFloating(False)
    assert not enlarger.action.isChecked() and not button.isChecked()
    # A big view is not saved as the layout: the next window opens with it docked.
    enlarger.action.trigger()
    w.save_settings()
    assert not dock.isFloating()


def test_a_layer_networks_backprop_text_wraps_to_its_box(window, qtbot):
    w = window
    show_at(w, qtbot, (1280, 800), "digits_mlp")
    w.backprop_dock.raise_()
    panel = w.backprop
    qtbot.waitUntil(lambda: panel.is_shown() and not panel._dirty, timeout=TIMEOUT)
    assert panel.summary_note.wordWrap() and "layers" in panel.summary_note.text()
    panel.layers_button.click()                 # computed in a worker thread
    qtbot.waitUntil(lambda: "inputs: x = [" in panel.summary.toPlainText(), timeout=TIMEOUT)
    lines = panel.summary.toPlainText().splitlines()
    assert len(lines) > 10 and any(line.startswith("inputs: x = [") for line in lines)
    # Every line fits the box: no horizontal scrolling for the 64 inputs or the tables.
    box = panel.summary
    widest = max(box.fontMetrics().horizontalAdvance(line) for line in lines)
    assert widest <= box.viewport().width()
    assert box.horizontalScrollBar().maximum() == 0


def test_a_maximised_window_gives_the_panels_their_share_not_the_canvas_alone(window, qtbot):
    """Shown at 1280×800, then made 1920×1080 (maximised on a big screen): the default layout is
    sized again, so the training panels grow with the window instead of keeping a small screen's
    height under a huge canvas."""
    show_at(window, qtbot, (1280, 800))
    loss_dock = window.live.loss_dock
    small = loss_dock.height()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1920, 1080), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: loss_dock.height() >= 0.35 * (window.centralWidget().height() + loss_dock.height()),
                    timeout=TIMEOUT)
    assert loss_dock.height() > small + 80
    # A small change (the user dragging the window's edge) keeps the sizes as they are.
    before = loss_dock.height()
    window.resize(1900, 1070)
    qtbot.wait(100)
    assert abs(loss_dock.height() - before) <= 12


def test_closing_on_the_start_page_keeps_no_unsized_layout_for_the_next_start(window, qtbot, open_window):
    """Quit from the start page before any project was shown: the docks were never sized beside
    the canvas, so no layout is saved, and the next start lays the window out afresh (a saved
    unsized layout once gave the next start a canvas a few pixels tall under the Loss panel)."""
    from nnstudio.ui.window.main_window import STATE_KEY
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.on_start_page()
    window.save_settings()
    assert window.settings.value(STATE_KEY) is None
    again = open_window(show=False)
    show_at(again, qtbot, (1280, 800))
    assert again.canvas.height() > 300 and again.live.loss_dock.height() < again.canvas.height()
    again.save_settings()               # laid out with the canvas: this layout is kept
    assert again.settings.value(STATE_KEY) is not None
