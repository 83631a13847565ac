"""The README's first flow, done through the window's own commands with every default: a new
project, 2 inputs, a column of 3 neurons, an output neuron, the XOR table, F5 (issue 10)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from nnstudio.project.model import TrainingSpec
from nnstudio.ui.commands.edits import MoveNodes
from nnstudio.ui.window.main_window import MainWindow

Button = QMessageBox.StandardButton
TIMEOUT = 30_000
XOR = [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: pytest.fail(f"a message box: {a[1:3]}"))
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: Button.Discard
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def select(w: MainWindow, node_ids: list[str]) -> None:
    w.canvas.select_ids(node_ids)


def build_xor_by_hand(w: MainWindow, qtbot) -> None:
    """Everything a user does, as the palette, canvas, inspector and Data tab do it."""
    insert = w.palette.insertRequested.emit           # a double-click on a palette entry
    insert({"kind": "input"})
    insert({"kind": "input"})
    insert({"kind": "neuron_column", "count": w.palette.column_count.value()})
    insert({"kind": "neuron"})
    project = w.doc.project
    inputs = [n.id for n in project.nodes if n.kind == "input"]
    neurons = [n.id for n in project.nodes if n.kind == "neuron"]
    hidden, out = neurons[:3], neurons[3]
    assert len(inputs) == 2 and len(hidden) == 3 and project.inputs == inputs
    # Drag them into three columns: each drag is one Move command, pushed on release.
    columns = [(i, (0.0, 100.0 * k)) for k, i in enumerate(inputs)]
    columns += [(i, (200.0, 100.0 * k - 50)) for k, i in enumerate(hidden)] + [(out, (400.0, 50.0))]
    for node_id, pos in columns:
        w.stack.push(MoveNodes(w.doc, {node_id: (tuple(project.node(node_id).pos), pos)}))
    # Edit ▸ Fully connect, once per layer of connections (the canvas's own command).
    select(w, inputs + hidden)
    w.act.fully_connect.trigger()
    select(w, hidden + [out])
    w.act.fully_connect.trigger()
    assert len(project.edges) == 9
    # The inspector's "Network output" checkbox on the selected output neuron.
    select(w, [out])
    w.inspector.node_form.output_check.click()
    assert project.outputs == [out]
    # The Data tab: four rows, typed in.
    w.inspector.show_tab("data")
    tab = w.inspector.data_tab
    for (x1, x2), target in XOR:
        tab.add_row()
        row = tab.table.rowCount() - 1
        for column, value in enumerate((x1, x2, target)):
            tab.table.item(row, column).setText(str(value))
    assert project.data.source["inputs"] == [[0, 0], [0, 1], [1, 0], [1, 1]]
    assert project.data.source["targets"] == [[0], [1], [1], [0]]


def test_the_readme_flow_learns_xor_with_every_default(window, qtbot):
    w = window
    build_xor_by_hand(w, qtbot)
    project = w.doc.project
    assert project.training == TrainingSpec()         # nothing was changed from the defaults
    assert {n.config["activation"] for n in project.nodes if n.kind == "neuron"} == {"sigmoid"}
    w.speed.set_full_speed()       # the toolbar's Full speed: Auto would pace these tiny runs for watching
    learned = []
    for seed in range(10):
        if seed:
            w.inspector.show_tab("training")
            w.inspector.training_tab.editors["seed"].widget.setValue(seed)   # the Seed box: one undo step
            w.act.reset_weights.trigger()             # fresh weights from the new seed
        assert project.training.seed == seed and not project.history.epoch
        w.act.train.trigger()
        qtbot.waitUntil(lambda: w.training.state == "idle" and bool(project.history.epoch), timeout=TIMEOUT)
        assert project.history.epoch[-1] == 1000
        learned.append(project.history.accuracy[-1] == 1.0)
    assert sum(learned) >= 9, f"learned XOR for seeds {[s for s, ok in enumerate(learned) if ok]}"
