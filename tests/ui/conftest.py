"""Fixtures for canvas tests: a document, an undo stack and a shown CanvasView."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QUndoStack

from nnstudio.project import editing, registry
from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project


def build(nodes: list[tuple], edges: list[tuple] = (), inputs=None, outputs=()) -> Project:
    """A project from (id, kind, x, y, config...) and (id, source, target, weight) tuples."""
    p = Project()
    for node_id, kind, x, y, *config in nodes:
        node = editing.new_node(p, kind, (x, y), **(config[0] if config else {}))
        node.id = node.label = node_id
        p.nodes.append(node)
    for edge_id, source, target, *weight in edges:
        p.edges.append(Edge(edge_id, source, target, weight[0] if weight else None))
    p.inputs = [n.id for n in p.nodes if n.kind == "input"] if inputs is None else list(inputs)
    p.outputs = list(outputs)
    return p


@pytest.fixture(autouse=True, scope="session")
def _standard_paths_of_tests():
    """QStandardPaths' test mode: a window whose settings name no autosave or log folder writes
    under ~/.qttest, never into the user's own data (where an autosave would be offered)."""
    from PySide6.QtCore import QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    yield
    QStandardPaths.setTestModeEnabled(False)


@pytest.fixture(autouse=True)
def _empty_clipboard_after_each_test():
    """Tests that copy leave a Python-made QMimeData on the clipboard, which makes PySide6 (6.11)
    crash the interpreter at exit; the app clears its own data on quit (app.release_clipboard)."""
    yield
    from PySide6.QtWidgets import QApplication
    if QApplication.instance() is not None:
        QApplication.clipboard().clear()        # tests also put plain text there


def xor_project() -> Project:
    """A 2-2-1 neuron net plus a dense 2-8-1 net beside it."""
    return build(
        [("x1", "input", 0, -45), ("x2", "input", 0, 45), ("h1", "neuron", 200, -45), ("h2", "neuron", 200, 45),
         ("y", "neuron", 400, 0), ("x", "input", 0, 300, {"shape": [2]}),
         ("hidden", "dense", 200, 300, {"units": 8, "activation": "tanh"}),
         ("out", "dense", 400, 300, {"units": 1, "activation": "sigmoid"})],
        [("w1", "x1", "h1", 0.15), ("w2", "x2", "h1", -0.2), ("w3", "x1", "h2", 0.25), ("w4", "x2", "h2", None),
         ("w5", "h1", "y", 0.4), ("w6", "h2", "y", -0.45), ("e1", "x", "hidden"), ("e2", "hidden", "out")],
        outputs=["y", "out"])


def sequence_into_dense() -> Project:
    """A sequence input ([5, 2]) feeding a dense layer: what neither Convert to Neurons nor
    Expand Layer can take (a neuron takes a vector)."""
    return Project(nodes=[
        Node("seq", "input", "seq", (0.0, 0.0), registry.kind("input").check_config({"shape": [5, 2]})),
        Node("d", "dense", "d", (200.0, 0.0), registry.kind("dense").check_config({"units": 3}))],
        edges=[Edge("e1", "seq", "d")], inputs=["seq"], outputs=["d"])


@pytest.fixture
def build_project():
    """`build(nodes, edges, inputs=None, outputs=())` → Project (see `build`)."""
    return build


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def doc() -> Document:
    return Document(xor_project())


@pytest.fixture
def view(qtbot, doc, stack):
    from nnstudio.ui.canvas.view import CanvasView
    v = CanvasView(doc, stack)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    v.fit_all()
    yield v
    v.detach()


@pytest.fixture
def messages(view) -> list[str]:
    """Every statusMessage the view emits."""
    seen: list[str] = []
    view.statusMessage.connect(seen.append)
    return seen


@pytest.fixture
def open_window(qtbot, tmp_path, monkeypatch):
    """`open_window(size=None, show=True)` → a MainWindow whose settings live in tmp_path and
    which closes without asking to save."""
    from PySide6.QtWidgets import QMessageBox
    from nnstudio.ui.window.main_window import MainWindow
    monkeypatch.setenv("NNSTUDIO_SETTINGS", str(tmp_path / "settings.ini"))

    def make(size: tuple[int, int] | None = None, show: bool = True, exposed: bool = True):
        w = MainWindow()
        w.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        qtbot.addWidget(w)
        if size is not None:
            w.resize(*size)
        if show:
            w.show()
            if exposed:
                qtbot.waitExposed(w)
        return w
    return make


@pytest.fixture
def window(open_window):
    """A shown MainWindow with the XOR network of dense layers (examples/xor_dense.json) open."""
    w = open_window(show=True)
    assert w.files.open_example(Path(__file__).resolve().parents[2] / "examples" / "xor_dense.json")
    return w


class Catalogue(QTranslator):
    """A translator holding `entries` ((context, source) → text). Any other text comes back None
    (Qt keeps the English) or, for a context in `marked`, as «source», to see which texts pass
    through the translator."""

    def __init__(self, entries: dict[tuple[str, str], str], marked: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.entries, self.marked = entries, marked

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override)
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt override)
        if (context, source) in self.entries:
            return self.entries[(context, source)]
        return f"«{source}»" if context in self.marked else None


@pytest.fixture
def install_catalogue(qapp):
    """`install_catalogue(entries, marked=())` installs a Catalogue for this test (removed after
    it) and returns it."""
    from PySide6.QtCore import QCoreApplication
    installed: list[Catalogue] = []

    def install(entries: dict[tuple[str, str], str], marked: tuple[str, ...] = ()) -> Catalogue:
        catalogue = Catalogue(entries, marked)
        QCoreApplication.installTranslator(catalogue)
        installed.append(catalogue)
        return catalogue
    yield install
    for catalogue in installed:
        QCoreApplication.removeTranslator(catalogue)


@pytest.fixture
def loss_panel(qtbot):
    """A shown LossPanel, 700×300."""
    from nnstudio.ui.panels.loss import LossPanel
    p = LossPanel()
    qtbot.addWidget(p)
    p.resize(700, 300)
    p.show()
    qtbot.waitExposed(p)
    return p


def legend_names(panel) -> list[str]:
    """The names a LossPanel's legend shows, in order."""
    return [label.text for _sample, label in panel.legend.items]
