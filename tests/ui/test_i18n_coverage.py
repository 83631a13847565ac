"""Every user-visible string of nnstudio/ui is in the zh_CN catalogue, checked two ways:

1. No English text is handed straight to a Qt text setter anywhere in nnstudio/ui (an AST scan):
   a new `label.setText("Open a file")` fails here until it becomes `self.tr(...)`/`translate(...)`
   (test_i18n.py then fails until the catalogue translates it).
2. The real window with the shipped catalogue installed — its menus, docks, start page, the
   Backprop panel mid-walk, and the dialogs — shows no English sentence: every text with words
   either holds Chinese or is made only of names that stay as they are (Dense, ONNX, Ctrl+S…) and
   of the open project's own words (its node ids, which the user chose).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QDockWidget, QGroupBox, QLabel,
                               QLineEdit, QMenu, QTabBar, QTabWidget, QWidget)

from nnstudio.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "nnstudio" / "ui"
EXAMPLES = ROOT / "examples"

# Words that stay as they are in the Chinese interface: names of kinds, activations, optimisers,
# losses, formats and keys, and the formulas' symbols (docs/translating.md keeps them).
NAMES = {
    "nnstudio", "onnx", "pytorch", "torch", "numpy", "csv", "json", "npz", "idx", "png", "svg", "pdf", "gz",
    "mnist", "digits", "iris", "xor", "xnor", "and", "or", "dense", "conv2d", "maxpool2d", "avgpool2d",
    "flatten", "dropout", "rnn", "lstm", "gru", "input", "neuron", "relu", "sigmoid", "tanh", "softmax",
    "linear", "step", "sign", "sgd", "adam", "adamw", "rmsprop", "mse", "sse", "ctrl", "shift", "alt", "del",
    "esc", "tab", "enter", "backspace", "space", "home", "end", "pgup", "pgdown", "net", "out", "lr", "id",
    "qt", "pyside", "pyqtgraph", "utf", "ascii", "nan", "inf", "max", "min", "log", "exp",
    "sin", "cos",
    "english",          # View ▸ Language names each language in its own words
}
TEXT_SETTERS = {
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle", "setPlaceholderText", "setTitle",
    "setLabelText", "setItemText", "setTabText", "setTabToolTip", "addTab", "insertTab", "setSuffix", "setPrefix",
    "setSpecialValueText", "showMessage", "addMenu", "addAction", "addItem", "insertItem", "setHeaderLabels",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setLabel", "setInformativeText", "setDetailedText",
    "setFormat", "addRow", "setButtonText", "setCancelButtonText",
    # constructors whose first text argument is shown
    "QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QAction", "QMenu",
    "QDockWidget", "QMessageBox", "QTableWidgetItem", "QListWidgetItem", "QStandardItem", "QProgressDialog",
    "TextItem", "LabelItem",
}
EVERY_ARGUMENT = {"information", "warning", "critical", "question", "about", "getText", "getItem", "getInt",
                  "getDouble", "getOpenFileName", "getSaveFileName", "getExistingDirectory", "QMessageBox",
                  "QProgressDialog", "setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels"}
MESSAGE_BOXES = {"information", "warning", "critical", "question", "about"}
TEXT_KEYWORDS = {"text", "toolTip", "statusTip", "title", "name", "labelText", "placeholderText", "windowTitle",
                 "caption", "filter"}
AXES = {"left", "right", "top", "bottom"}       # pyqtgraph's setLabel("left", text): a place, not words
WORD = re.compile(r"[A-Za-z][A-Za-z']+")
API_NAME = re.compile(r"\b\w+_\w+\b")       # binary_crossentropy, xavier_uniform: settings' values


def has_words(text: str) -> bool:
    """Does `text` hold a word a reader would want in their own language?"""
    return any(w.lower().strip("'") not in NAMES for w in WORD.findall(API_NAME.sub(" ", text))) and text not in AXES


def literal_pieces(expr: ast.AST):
    """The string literals `expr` shows as they are: through +, `a if c else b`, f-strings and
    "...".format(...), but not through a call (tr(), translate(), a helper that translates)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield expr.value
    elif isinstance(expr, ast.JoinedStr):
        yield "".join(v.value for v in expr.values if isinstance(v, ast.Constant))
    elif isinstance(expr, ast.BinOp):
        yield from literal_pieces(expr.left)
        yield from literal_pieces(expr.right)
    elif isinstance(expr, ast.IfExp):
        yield from literal_pieces(expr.body)
        yield from literal_pieces(expr.orelse)
    elif isinstance(expr, ast.BoolOp):
        for value in expr.values:
            yield from literal_pieces(value)
    elif isinstance(expr, (ast.List, ast.Tuple)):
        for element in expr.elts:
            yield from literal_pieces(element)
    elif isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "format":
        yield from literal_pieces(expr.func.value)


def untranslated_literals(source: str) -> list[tuple[int, str, str]]:
    """(line, setter, text) of every English literal passed straight to a Qt text setter."""
    found = []
    for call in ast.walk(ast.parse(source)):
        if not isinstance(call, ast.Call):
            continue
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        if name in MESSAGE_BOXES and getattr(getattr(call.func, "value", None), "id", "") != "QMessageBox":
            continue            # logger.warning(...): the log, not the window
        arguments = []
        if name in TEXT_SETTERS or name in EVERY_ARGUMENT:
            shown = [a for a in call.args if any(True for _ in literal_pieces(a))]
            arguments = shown if name in EVERY_ARGUMENT else shown[:1]
            if name == "setLabel" and len(call.args) >= 2:
                arguments = call.args[1:2]
        arguments += [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS
                      and (name in TEXT_SETTERS or name in EVERY_ARGUMENT or k.arg == "name" and name == "plot")]
        for argument in arguments:
            found += [(call.lineno, name, text) for text in literal_pieces(argument) if has_words(text)]
    return sorted(found)


def test_the_scan_finds_english_handed_to_a_setter_and_passes_translated_text():
    english = untranslated_literals(
        'label.setText("Open a file")\n'
        'QPushButton(f"Train {n} epochs", self)\n'
        'box.setToolTip("One" + " longer sentence")\n'
        'QMessageBox.warning(self, "nnstudio", "The file is gone")\n'
        'plot.setLabel("left", "loss")\n'
        'curve = plot.plot(x, y, name="validation")\n'
        'combo.addItem("Mean squared error", "mse")\n')
    assert [(line, setter) for line, setter, _ in english] == [
        (1, "setText"), (2, "QPushButton"), (3, "setToolTip"), (3, "setToolTip"), (4, "warning"), (5, "setLabel"),
        (6, "plot"), (7, "addItem")]
    assert untranslated_literals(
        'label.setText(self.tr("Open a file"))\n'
        'QPushButton(self.tr("Train {n} epochs").format(n=n), self)\n'
        'box.setToolTip(translate("Box", "a longer sentence"))\n'
        'plot.setLabel("left", "W")\n'
        'combo.addItem("relu", "relu")\n'
        'label.setText(f"{value:.3f}")\n'
        'action.setText("ONNX…")\n'
        'logger.warning("the log is not the window")\n') == []


def test_no_english_literal_reaches_a_qt_text_setter():
    found = [f"{path.relative_to(ROOT)}:{line} {setter}({text!r})"
             for path in sorted(UI.rglob("*.py")) for line, setter, text in untranslated_literals(path.read_text())]
    assert found == []


# --- the real window, in Chinese -------------------------------------------------------------

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
TAG = re.compile(r"<[^>]*>|&[a-z]+;|&#\d+;")


@pytest.fixture
def chinese(qapp, tmp_path, monkeypatch):
    """The shipped zh_CN catalogues installed, as app.run installs them for a Chinese user (whether
    or not this machine has a CJK font to draw them: the texts are checked, not their pixels)."""
    monkeypatch.setattr(i18n, "has_font_for", lambda language: True)
    before = QLocale()
    settings = QSettings(str(tmp_path / "language.ini"), QSettings.Format.IniFormat)
    settings.setValue(i18n.SETTING, "zh_CN")
    installed = i18n.install_translators(qapp, settings)
    assert installed, "the zh_CN catalogue did not load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


def english_in(text: str, allowed: set[str]) -> bool:
    """Is `text` an English sentence: words, but no Chinese, and not only names?"""
    plain = API_NAME.sub(" ", TAG.sub(" ", text).replace("&", ""))
    if CJK.search(plain):
        return False
    return any(w.lower().strip("'") not in NAMES and w not in allowed for w in WORD.findall(plain))


def menu_texts(menu: QMenu, where: str):
    for action in menu.actions():
        if action.menu() is not None:
            yield f"{where} ▸ menu", action.menu().title()
            yield from menu_texts(action.menu(), f"{where} ▸ {action.menu().title()}")
        elif not action.isSeparator():
            yield f"{where} ▸ action", action.text()
            yield f"{where} ▸ {action.text()} tip", action.statusTip()
            if action.toolTip() != action.text().replace("&", ""):
                yield f"{where} ▸ {action.text()} tooltip", action.toolTip()


def widget_texts(root: QWidget):
    """(where, text) of every text `root` and its children show or may show (tips included)."""
    for widget in [root, *root.findChildren(QWidget)]:
        kind = type(widget).__name__
        if widget.isWindow():
            yield f"{kind} title", widget.windowTitle()
        yield f"{kind} tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield kind, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield kind, widget.text()
        elif isinstance(widget, QGroupBox):
            yield kind, widget.title()
        elif isinstance(widget, QDockWidget):
            yield kind, widget.windowTitle()
        elif isinstance(widget, QLineEdit):
            yield f"{kind} placeholder", widget.placeholderText()
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                if widget.itemText(i) != widget.itemData(i):        # a setting's value ("adam") stays
                    yield f"{kind} item", widget.itemText(i)
                yield f"{kind} item tip", widget.itemData(i, Qt.ItemDataRole.ToolTipRole) or ""
        elif isinstance(widget, (QTabBar, QTabWidget)):
            for i in range(widget.count()):
                yield f"{kind} tab", widget.tabText(i)
                yield f"{kind} tab tip", widget.tabToolTip(i)
        elif isinstance(widget, QMenu):
            yield from menu_texts(widget, kind)
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            header = getattr(widget, "horizontalHeader", getattr(widget, "header", None))
            if header is not None:              # a table's or a tree's column titles
                for section in range(min(header().count(), 40)):
                    yield f"{kind} header", str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        plot_item = getattr(widget, "plotItem", None)
        if plot_item is not None:
            for axis in AXES:
                yield f"{kind} axis {axis}", plot_item.getAxis(axis).labelText
            yield f"{kind} plot title", plot_item.titleLabel.text


def english_texts(texts, allowed: set[str]) -> list[str]:
    return sorted({f"{where}: {text!r}" for where, text in texts if text and english_in(str(text), allowed)})


def project_words(path: Path) -> set[str]:
    """The words the user chose in a project: its node ids and labels, edge ids, input/output names."""
    import json
    data = json.loads(path.read_text())
    names = [n["id"] for n in data["nodes"]] + [n.get("label", "") for n in data["nodes"]]
    names += [e["id"] for e in data["edges"]] + data.get("inputs", []) + data.get("outputs", [])
    return {w for name in names for w in WORD.findall(name)}


def test_english_in_tells_a_sentence_from_names_and_chinese():
    assert english_in("Open a project", set())
    assert english_in("<b>Loss</b> of the last epoch", set())
    assert not english_in("打开项目(&O)…", set()) and not english_in("导出为 ONNX…", set())
    assert not english_in("Dense · relu", set()) and not english_in("Ctrl+Shift+E", set())
    assert not english_in("0.25 · 1,024", set()) and not english_in("hidden", {"hidden"})


def test_the_window_in_chinese_shows_no_english(qtbot, open_window, chinese):
    w = open_window((1280, 800))
    found = english_texts(menu_texts(w.menuBar(), "menu bar"), set())
    found += english_texts(widget_texts(w), set())                      # the start page, the docks
    example = EXAMPLES / "backprop_worked_example.json"
    assert w.files.open_example(example)
    w.backprop_dock.raise_()
    qtbot.waitUntil(lambda: bool(w.backprop.steps), timeout=10_000)
    w.backprop.next_button.click()
    allowed = project_words(example)
    found += english_texts(widget_texts(w), allowed)
    assert found == [], "\n".join(found)


def test_the_dialogs_in_chinese_show_no_english(qtbot, open_window, chinese, tmp_path):
    from nnstudio.ui.dialogs.examples_dialog import ExamplesDialog
    from nnstudio.ui.dialogs.import_dialog import ImportDialog
    w = open_window((1280, 800))
    assert w.files.open_example(EXAMPLES / "xor_dense.json")
    found = []
    examples = ExamplesDialog(w)
    qtbot.addWidget(examples)
    found += english_texts(widget_texts(examples), set())
    csv = tmp_path / "points.csv"
    csv.write_text("x1,x2,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    npz = tmp_path / "arrays.npz"
    np.savez(npz, x=np.zeros((4, 2)), y=np.array([0, 1, 1, 0]))
    for path in (csv, npz):
        dialog = ImportDialog(str(path), w.doc.project, w)
        qtbot.addWidget(dialog)
        found += english_texts(widget_texts(dialog), {"x1", "x2", "label", "x", "y", "points", "arrays"})
    assert found == [], "\n".join(found)


def test_the_canvas_badges_are_drawn_in_chinese_and_keep_their_colours(chinese, qtbot):
    """The "in" / "out" badges are painted, not widgets: their drawn words come from the catalogue,
    while the look keeps the English that picks the colour."""
    from nnstudio.ui.canvas.badges import badge_text
    assert badge_text("in") == "输入" and badge_text("out 2") == "输出 2"
    assert badge_text("in 1 · out") == "输入 1 · 输出"
