"""The palette: every kind listed with a tooltip, drags carry the right payload, double-click and
Enter ask for an insert."""
from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDrag

from nnstudio.project import registry
from nnstudio.ui import mime
from nnstudio.ui.resources import icons
from nnstudio.ui.panels.palette import Palette


@pytest.fixture
def palette(qtbot):
    widget = Palette()
    qtbot.addWidget(widget)
    widget.resize(220, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_every_kind_is_listed_with_a_tooltip(palette):
    assert palette.kinds() == ["input", "neuron", mime.NEURON_COLUMN, "dense", "activation", "dropout", "flatten",
                               "conv2d", "maxpool2d", "avgpool2d", "rnn", "lstm", "gru"]
    for name, spec in registry.KINDS.items():
        item = palette.item(name)
        assert item.text() == spec.title
        assert not item.icon().isNull()
        tip = item.toolTip()
        assert html.escape(spec.description) in tip
        for field in spec.fields:
            assert f"<b>{field.name}</b>" in tip
    assert palette.item(mime.NEURON_COLUMN).text() == "Column of 3 neurons"
    assert "3 neurons" in palette.item(mime.NEURON_COLUMN).toolTip()


def test_kind_tooltip_lists_defaults():
    tip = icons.kind_tooltip("dense")
    assert "<b>Dense layer</b>" in tip and "<b>units</b> = 4" in tip and "<b>use_bias</b> = on" in tip
    assert "Column of 5 neurons" in icons.kind_tooltip(mime.NEURON_COLUMN, 5)


def test_drag_mime_decodes_to_the_payload(palette):
    for name in registry.KINDS:
        assert mime.palette_payload(palette.mime_data(name)) == {"kind": name}
    palette.column_count.setValue(5)
    assert mime.palette_payload(palette.mime_data(mime.NEURON_COLUMN)) == {"kind": "neuron_column", "count": 5}
    assert palette.item(mime.NEURON_COLUMN).text() == "Column of 5 neurons"


def test_start_drag_carries_palette_mime(palette, monkeypatch):
    carried = []

    def fake_exec(drag, *args):
        carried.append((mime.palette_payload(drag.mimeData()), args))
        return Qt.DropAction.CopyAction

    monkeypatch.setattr(QDrag, "exec", fake_exec)
    palette.column_count.setValue(4)
    palette.list.setCurrentItem(palette.item(mime.NEURON_COLUMN))
    palette.list.startDrag(Qt.DropAction.CopyAction)
    palette.list.setCurrentItem(palette.item("dropout"))
    palette.list.startDrag(Qt.DropAction.CopyAction)
    assert carried == [({"kind": "neuron_column", "count": 4}, (Qt.DropAction.CopyAction,)),
                       ({"kind": "dropout"}, (Qt.DropAction.CopyAction,))]


def test_double_click_emits_insert_requested(palette, qtbot):
    item = palette.item("dense")
    centre = palette.list.visualItemRect(item).center()
    received = []
    palette.insertRequested.connect(received.append)
    # What the window system sends for a double-click: a click, then a double-click press.
    qtbot.mouseClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert received == []                 # a single click only selects
    qtbot.mouseDClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert received == [{"kind": "dense"}]


def test_enter_on_an_entry_emits_insert_requested(palette, qtbot):
    palette.column_count.setValue(2)
    palette.list.setCurrentItem(palette.item(mime.NEURON_COLUMN))
    with qtbot.waitSignal(palette.insertRequested, timeout=1000) as signal:
        qtbot.keyClick(palette.list, Qt.Key.Key_Return)
    assert signal.args == [{"kind": "neuron_column", "count": 2}]


def test_headers_do_not_insert(palette, qtbot):
    received = []
    palette.insertRequested.connect(received.append)
    header = palette.list.item(0)
    assert header.text() == "Inputs" and not header.flags() & Qt.ItemFlag.ItemIsDragEnabled
    centre = palette.list.visualItemRect(header).center()
    qtbot.mouseClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(palette.list.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert received == []


def test_filter_hides_other_kinds_and_enter_inserts_the_match(palette, qtbot):
    qtbot.keyClicks(palette.filter, "drop")
    visible = [k for k in palette.kinds() if not palette.item(k).isHidden()]
    assert visible == ["dropout"]
    headers = {palette.list.item(r).text(): palette.list.item(r).isHidden() for r in range(palette.list.count())
               if not palette.list.item(r).data(Qt.ItemDataRole.UserRole)}
    assert headers == {"Inputs": True, "Neurons": True, "Layers": False}
    with qtbot.waitSignal(palette.insertRequested, timeout=1000) as signal:
        qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert signal.args == [{"kind": "dropout"}]
    palette.filter.clear()
    assert all(not palette.item(k).isHidden() for k in palette.kinds())
