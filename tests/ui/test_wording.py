"""The window's words for errors: every message names the control to use, never the file's key
path; the path stays in the command line's errors and in the Problems panel's tooltips."""
from __future__ import annotations

import json
import re

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMessageBox

from nnstudio.project import editing
from nnstudio.project.document import Document
from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project, save_project
from nnstudio.project.model import Edge, Project
from nnstudio.training.runner import TrainingRun
from nnstudio.project.validation import validate
from nnstudio.ui.commands.edits import add_items
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.window.main_window import MainWindow
from nnstudio.ui.panels.backprop import BackpropPanel
from nnstudio.ui.panels.problems import ProblemsPanel
from nnstudio.ui.wording import error_text, place_for, problem_text, problem_tooltip, sentence

Button = QMessageBox.StandardButton
# A key path as the file spells it, written independently of ui.wording's own pattern: a section
# and a field ("data.source", "training.dtype"), an indexed list entry, or a node's arrays/settings.
RAW_PATH = re.compile(r"\b(?:data|training|meta|history)\.[a-z_]+|\b(?:nodes|edges|inputs|outputs|targets)\[\d+\]"
                      r"|\b(?:params|config|source)\.[A-Za-z_]+")
TIMEOUT = 10_000


def xor() -> Project:
    return load_project(EXAMPLES_DIR / "xor_5_hidden.json")


# --- the sentences -----------------------------------------------------------------------------

@pytest.mark.parametrize("path, message, expected", [
    ("training.optimizer.lr", "must be > 0", "Training tab › Optimizer › Learning rate: must be > 0"),
    ("training.regularization.l2", "must be ≥ 0", "Training tab › L2 penalty: must be ≥ 0"),
    ("training.dtype", "must be one of float32, float64", "Training tab › Precision: must be one of float32, "
     "float64 — choose float64 under Precision in the Training tab"),
    ("data.validation_split", "must be < 1", "Data tab › Validation split: must be < 1"),
    ("data.source.params.samples", "must be from 1 to 1 000 000, not 0",
     "Data tab › Samples: must be from 1 to 1 000 000, not 0"),
    ("data.source.inputs[3]", 'value 1 ("a") is not a number',
     'Data tab › table, row 4: value 1 ("a") is not a number'),
    ("outputs", "the network has no output node yet", "The network has no output node yet — select the node that "
     "gives the result and tick Network output in the inspector"),
])
def test_a_key_path_becomes_the_control_that_holds_it(path, message, expected):
    assert sentence(path, message) == expected


def test_unknown_places_are_left_alone():
    assert place_for("data.csv") is None and place_for("h1") is None
    assert error_text("points.csv: line 4, column \"x2\": \"abc\" is not a number") == \
        'points.csv: line 4, column "x2": "abc" is not a number'
    assert error_text("Training failed: ValueError: boom") == "Training failed: ValueError: boom"


def test_error_text_keeps_a_lead_and_names_nodes_by_label():
    p = xor()
    p.node("h1").label = "first"
    assert error_text("The new training settings were not applied: training.optimizer.lr: must be > 0") == \
        "The new training settings were not applied: Training tab › Optimizer › Learning rate: must be > 0"
    assert error_text("h1: has no incoming connections", p) == "first (h1): has no incoming connections"


def test_a_node_problem_names_the_node_and_its_field():
    p = xor()
    p.node("h1").params["b"] = np.array([1.0, 2.0])
    p.node("h2").config["activation"] = "nope"
    found = {q.node_id: q for q in validate(p)}
    assert problem_text(found["h1"], p).startswith("h1 › Parameters › b: has shape [2], expected a single number")
    assert problem_text(found["h2"], p).startswith("h2 › Activation: must be one of")


# --- every way the window shows an error --------------------------------------------------------

def _no_output() -> Project:
    p = xor()
    p.outputs = []
    return p


def _dangling() -> Project:
    p = xor()
    p.nodes.append(editing.new_node(p, "neuron", (500.0, 300.0)))
    p.edges.append(Edge("w_new", "x1", p.nodes[-1].id))
    return p


def _with(change) -> Project:
    p = xor()
    change(p)
    return p


PROBLEM_CASES = {
    "no output": (_no_output, "outputs"),
    "output goes nowhere": (_dangling, "outputs"),
    "learning rate": (lambda: _with(lambda p: p.training.optimizer.update(lr=-1.0)), "training.optimizer.lr"),
    "precision": (lambda: _with(lambda p: setattr(p.training, "dtype", "float16")), "training.dtype"),
    "validation split": (lambda: _with(lambda p: setattr(p.data, "validation_split", 1.5)), "data.validation_split"),
    "nesterov": (lambda: _with(lambda p: p.training.optimizer.update(nesterov=True, momentum=0.0)),
                 "training.optimizer.nesterov"),
    "table columns": (lambda: _with(lambda p: p.data.source.update(inputs=[[0, 0, 1]] * 4)), "data.source.inputs"),
    "table targets": (lambda: _with(lambda p: p.data.source.update(targets=[[0, 1]] * 4)), "data.source.targets"),
    "features": (lambda: _with(lambda p: p.data.source.update(inputs=[[0, 0, 1]] * 4) or
                               setattr(p.data, "features", ["x1", "x2"])), "data.features"),
    "builtin parameter": (lambda: _with(lambda p: setattr(p.data, "source", {
        "kind": "builtin", "name": "circle", "params": {"samples": 0}})), "data.source.params.samples"),
    "csv encoding": (lambda: _with(lambda p: setattr(p.data, "source", {
        "kind": "csv", "path": "points.csv", "input_columns": ["a", "b"], "target_columns": ["y", "z"],
        "target_encoding": "onehot"})), "data.source.target_columns"),
    "float32 weight": (lambda: _with(lambda p: setattr(p.training, "dtype", "float32") or
                                     setattr(p.edges[0], "weight", 1e39)), "training.dtype"),
    "stored array": (lambda: _with(lambda p: p.node("h1").params.update(b=[1.0, 2.0])), "params.b"),
}


@pytest.mark.parametrize("case", PROBLEM_CASES)
def test_problems_panel_words_have_no_key_path_and_the_tooltip_keeps_it(case, qtbot):
    make, path = PROBLEM_CASES[case]
    project = make()
    problems = [q for q in validate(project) if q.path == path]
    assert problems, f"{case}: no problem at {path} in {[str(q) for q in validate(project)]}"
    panel = ProblemsPanel(Document(project))
    qtbot.addWidget(panel)
    items = [panel.list.item(r) for r in range(panel.list.count())]
    shown = {item.text(): item.toolTip() for item in items}
    for problem in problems:
        text = problem_text(problem, project)
        assert text in shown
        assert not RAW_PATH.search(text), text
        assert path in shown[text] and path in problem_tooltip(problem)


def _train_error(project: Project) -> str:
    with pytest.raises(ProjectError) as info:
        TrainingRun(project)
    return str(info.value)


RUN_CASES = {
    "empty table": (lambda: _with(lambda p: p.data.source.update(inputs=[], targets=[])), "data.source.inputs"),
    "bad cell": (lambda: _with(lambda p: p.data.source["inputs"].__setitem__(2, [0, "a"])),
                 "data.source.inputs[2][1]"),
    "ragged table": (lambda: _with(lambda p: p.data.source["inputs"].__setitem__(1, [0])), "data.source.inputs[1]"),
    "row counts": (lambda: _with(lambda p: p.data.source.update(targets=[[0]])), "data.source.targets"),
    "missing file": (lambda: _with(lambda p: setattr(p.data, "source", {
        "kind": "csv", "path": "no_such_points.csv", "input_columns": ["a", "b"], "target_columns": ["y"]})),
        "no_such_points.csv"),
    "bad normalizer": (lambda: _with(lambda p: p.history.epoch.append(1) or p.history.loss.append(0.1)
                                     or setattr(p.data, "normalizer", {"kind": "standard", "offset": [0, 0],
                                                                       "scale": [1, 0]})), "data.normalizer.scale"),
    "no output": (_no_output, "outputs"),
}


@pytest.mark.parametrize("case", RUN_CASES)
def test_training_refusals_name_the_control_not_the_key(case):
    make, where = RUN_CASES[case]
    project = make()
    raw = _train_error(project)
    assert raw.startswith(f"{where}: ")            # the command line's words are today's
    said = error_text(raw, project)
    assert not RAW_PATH.search(said), said
    assert said != raw or where.endswith(".csv")


# --- the window --------------------------------------------------------------------------------

@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "env.ini"))
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    w.ask_save_changes = lambda: Button.Discard
    qtbot.addWidget(w)
    yield w
    w.training.shutdown()


def test_problems_entry_for_an_output_going_nowhere_names_the_checkbox(window, qtbot):
    """A neuron added through the window's own commands, fed but feeding nothing and not ticked."""
    window.doc.replace(xor())
    node = editing.new_node(window.doc.project, "neuron", (500.0, 300.0))
    window.stack.push(add_items(window.doc, [node], editing.fully_connect(window.doc.project, ["x1"], [node.id]),
                                "Add neuron"))
    window.problems.refresh_now()
    items = [window.problems.list.item(r) for r in range(window.problems.list.count())]
    item = next(i for i in items if i.text().startswith(node.id))
    assert item.text() == (f"{node.id}: its output goes nowhere: connect it onward or make it a network output "
                           "— tick Network output in the inspector")
    assert item.toolTip().startswith(f"{node.id}: its output goes nowhere") and "(outputs)" in item.toolTip()


def open_in(window: MainWindow, project: Project, tmp_path) -> None:
    path = tmp_path / "project.json"
    save_project(project, path)
    assert window.files.open_path(path)


def test_f5_without_an_output_says_tick_network_output(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("NNSTUDIO_TRAINING", "thread")
    p = xor()
    p.outputs = []
    open_in(window, p, tmp_path)
    window.act.train.trigger()
    qtbot.waitUntil(lambda: "Network output" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    shown = window.statusBar().currentMessage()
    assert not RAW_PATH.search(shown) and "project:" not in shown and "outputs:" not in shown
    window.problems.refresh_now()
    texts = [window.problems.list.item(r).text() for r in range(window.problems.list.count())]
    assert any("Network output" in t for t in texts)


def test_f5_on_an_empty_table_names_the_data_tab(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setenv("NNSTUDIO_TRAINING", "thread")
    p = xor()
    p.data.source = {"kind": "table", "inputs": [], "targets": []}
    open_in(window, p, tmp_path)
    window.act.train.trigger()
    qtbot.waitUntil(lambda: "table" in window.statusBar().currentMessage(), timeout=TIMEOUT)
    shown = window.statusBar().currentMessage()
    assert shown.startswith("Data tab") and not RAW_PATH.search(shown)


def _broken_file(change) -> dict:
    d = json.loads((EXAMPLES_DIR / "xor_5_hidden.json").read_text())
    change(d)
    return d


OPEN_CASES = {
    "node without a kind": (lambda d: d["nodes"][0].pop("kind"), "Node 1 › Kind"),
    "negative learning rate": (lambda d: d["training"]["optimizer"].update(lr=-1), "Learning rate"),
    "bad table cell": (lambda d: d["data"]["source"]["inputs"][1].__setitem__(0, "a"), "table, row 2"),
    "edge to nowhere": (lambda d: d["edges"][0].update(target="ghost"), "Connection 1 › Target"),
    "bad history": (lambda d: d.update(history={"epoch": [1, 2], "loss": [0.1]}), "training history"),
}


@pytest.mark.parametrize("case", OPEN_CASES)
def test_a_file_that_cannot_be_opened_is_explained_in_the_windows_words(case, window, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a[2]) or Button.Ok)
    change, named = OPEN_CASES[case]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(_broken_file(change)))
    with pytest.raises(ProjectError) as info:
        load_project(path)
    assert RAW_PATH.search(str(info.value))             # the command line's words keep the key path
    assert window.files.open_path(path) is False
    assert named in shown[-1] and not RAW_PATH.search(shown[-1]), shown[-1]


def test_panels_that_cannot_load_the_data_say_where_in_the_windows_words(window, qtbot, tmp_path):
    (tmp_path / "points.csv").write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    p = xor()
    p.data.source = {"kind": "csv", "path": "points.csv", "input_columns": ["a", "c"], "target_columns": ["y"]}
    open_in(window, p, tmp_path)
    window.dataset.refresh_now()
    raw = window.dataset.error()
    assert "(data.source.input_columns)" in raw                   # the file's words are kept…
    shown = window.dataset.message.text()
    assert "(Data tab › the data file's input columns)" in shown   # …the window says where to look
    walk = BackpropPanel(window.doc, window.stack)
    qtbot.addWidget(walk)
    walk.show()
    qtbot.waitExposed(walk)
    walk.refresh_now()
    note = walk.summary_note.text()
    assert note.startswith('Nothing to walk through: points.csv: column "c"')
    for text in (shown, note):
        assert not RAW_PATH.search(text), text


LABELLED = ["outputs", "training.loss", "training.optimizer.kind", "training.optimizer.lr",
            "training.optimizer.momentum", "training.optimizer.nesterov", "training.schedule.kind",
            "training.epochs", "training.batch_size", "training.shuffle", "training.seed",
            "training.regularization.l1", "training.regularization.l2", "training.dtype", "data.source",
            "data.source.name", "data.source.params.samples", "data.validation_split", "data.split_seed",
            "data.normalize", "data.features", "meta.name", "meta.description"]


def _texts(widget) -> set[str]:
    """Every label, check box, group box and button text shown inside `widget`."""
    found = {w.text() for w in widget.findChildren(QLabel)} | {w.text() for w in widget.findChildren(QAbstractButton)}
    found |= {w.title() for w in widget.findChildren(QGroupBox)}
    return {re.sub(r"<[^>]+>", "", t).strip() for t in found}


def test_the_places_named_are_the_inspectors_own_labels(window, tmp_path):
    """Each step of "Training tab › Optimizer › Learning rate" is a tab title or a label the
    inspector shows, so the words lead a student to the control."""
    p = xor()
    p.data.source = {"kind": "builtin", "name": "circle", "params": {}}
    p.training.optimizer = {"kind": "sgd", "lr": 0.1, "momentum": 0.5, "nesterov": False}
    open_in(window, p, tmp_path)
    window.canvas.select_ids(["h1"], [])
    tabs = window.inspector.tabs
    pages = {tabs.tabText(i): tabs.widget(i) for i in range(tabs.count())}
    for path in LABELLED:
        label = place_for(path).label
        steps = label.split(" › ")
        if path == "outputs":
            steps = ["Selection tab", label]
        assert steps[0].endswith(" tab") and steps[0][:-4] in pages, (path, label)
        shown = _texts(pages[steps[0][:-4]])
        for step in steps[1:]:
            assert step in shown, (path, step, sorted(shown))


def test_a_node_problem_about_a_training_setting_says_where_that_setting_is():
    p = xor()
    p.training.optimizer = {"kind": "perceptron", "lr": 1.0}
    found = {q.node_id: q for q in validate(p) if q.severity == "error"}
    assert problem_text(found["h1"], p).endswith(
        "choose another optimiser — the optimiser is chosen under Optimizer › Kind in the Training tab")
    assert problem_text(found["y"], p).startswith("y › Activation: the perceptron rule needs a step or sign")
    p = xor()
    p.training.loss = "sparse_categorical_crossentropy"
    (loss,) = [q for q in validate(p) if q.path == "training.loss"]
    assert problem_text(loss, p) == ("y: sparse_categorical_crossentropy needs at least 2 outputs (one per class), "
                                     "but the network has 1 — the loss is chosen under Loss › Function in the "
                                     "Training tab")
