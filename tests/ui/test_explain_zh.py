"""The Backprop panel's Text page (`nnstudio explain`'s text for a layer network) in the
interface's language: under a translator the headings and table headers come out in Chinese with
every number intact and the tables still aligned (a Chinese character counts two columns, as a
fixed font and a terminal draw it); without one the page is explain()'s English exactly, and the
layout of English text (training/text.py) is what it always was. The translator here holds a few
entries of the zh_CN catalogue, so the test does not depend on the shipped .qm."""
from __future__ import annotations

import re
import textwrap

import pytest
from PySide6.QtGui import QFontMetricsF, QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.training.explain import explain
from nnstudio.training.runner import TrainingRun
from nnstudio.training.text import display_width, text_table, wrap
from nnstudio.ui import domain_catalogue, domain_texts
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.panels.backprop import BackpropPanel

TIMEOUT = 10_000
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
FORWARD = "1. Forward pass, layer by layer (‖·‖ is the root of the sum of squares)"
BACKWARD = "2. Backward pass: the gradient of each parameter and one plain step lr·∂E/∂p"
ZH = {
    ("Explain", FORWARD): "1. 逐层前向传播（‖·‖ 表示平方和的平方根）",
    ("Explain", BACKWARD): "2. 反向传播：每个参数的梯度，以及普通梯度下降一步的更新量 lr·∂E/∂p",
    ("Explain", "3. Output and error"): "3. 输出与误差",
    ("Explain", "{name}: sample {number} of {total}"): "{name}：第 {number} 个样本（共 {total} 个）",
    ("Explain", "inputs: {values}"): "输入：{values}",
    ("Explain", "targets: {values}"): "目标：{values}",
    ("Explain", "loss {loss}, optimizer {optimizer}, learning rate {rate}"): "损失 {loss}，优化器 {optimizer}，学习率 {rate}",
    ("Explain", "output {values}"): "输出 {values}",
    ("Explain", "target {values}"): "目标 {values}",
    ("Explain", "node"): "节点",
    ("Examples", "XOR with dense layers"): "用全连接层实现 XOR",
    ("Explain", "kind"): "类型",
    ("Explain", "in"): "输入",
    ("Explain", "out"): "输出",
    ("Explain", "input"): "输入",
    ("Explain", "param"): "参数",
    ("Explain", "shape"): "形状",
}


@pytest.fixture
def chinese(install_catalogue):
    return install_catalogue(ZH)


def text_page(qtbot, name: str = "xor_dense") -> tuple[BackpropPanel, str]:
    panel = BackpropPanel(Document(load_project(EXAMPLES_DIR / f"{name}.json")), QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: panel.layers_button.isVisible(), timeout=TIMEOUT)
    panel.layers_button.click()
    qtbot.waitUntil(lambda: not panel.is_computing() and bool(panel.summary.toPlainText()), timeout=TIMEOUT)
    return panel, panel.summary.toPlainText()


def english(panel: BackpropPanel) -> str:
    project = panel.doc.project
    width = panel.summary_page.columns(panel.pages.width())
    return explain(project, TrainingRun(project), 0, width=width)


def starts(line: str) -> list[int]:
    """The display column where each cell of a table line starts (cells are apart by 2+ spaces)."""
    return [display_width(line[:m.start()]) for m in re.finditer(r"\S+(?: \S+)*", line)]


def table(lines: list[str], first: str, second: str) -> list[str]:
    """The lines of the table whose header line starts with `first`, `second`, up to the blank line."""
    at = next(i for i, line in enumerate(lines) if line.split()[:2] == [first, second])
    end = next((i for i in range(at, len(lines)) if not lines[i].strip()), len(lines))
    return lines[at:end]


def aligned(rows: list[str]) -> bool:
    columns = starts(rows[0])
    return all(set(starts(row)) <= set(columns) for row in rows[1:])


def test_the_text_page_is_in_chinese_with_its_numbers_and_its_columns(qtbot, chinese):
    panel, text = text_page(qtbot)
    lines = text.splitlines()
    assert lines[0] == "用全连接层实现 XOR：第 1 个样本（共 4 个）"        # the example's name too
    assert "1. 逐层前向传播（‖·‖ 表示平方和的平方根）" in lines and "3. 输出与误差" in lines
    assert any(line.startswith("输入：x = [") for line in lines)
    assert "Forward pass" not in text and "Backward pass" not in text
    assert sorted(NUMBER.findall(text)) == sorted(NUMBER.findall(english(panel)))
    forward = table(lines, "节点", "类型")
    assert re.split(r"\s{2,}", forward[0].strip()) == ["节点", "类型", "输入", "输出", "‖out‖"]
    assert forward[1].split()[:2] == ["x", "输入"] and aligned(forward)
    params = table(lines, "节点", "参数")
    assert re.split(r"\s{2,}", params[0].strip())[:3] == ["节点", "参数", "形状"] and aligned(params)
    assert len(params) > 2
    # The page draws a Chinese character as wide as two of its columns, so the columns line up.
    font = panel.summary.document().find("节点").charFormat().font()
    column = QFontMetricsF(panel.summary.font()).horizontalAdvance("0")
    assert QFontMetricsF(font).horizontalAdvance("节") == pytest.approx(2 * column, abs=0.5)


def test_without_a_translator_the_text_page_is_explains_english(qtbot):
    panel, text = text_page(qtbot)
    assert text == english(panel)
    lines = text.splitlines()
    assert lines[0] == "XOR with dense layers: sample 1 of 4" and FORWARD in lines
    assert aligned(table(lines, "node", "kind")) and aligned(table(lines, "node", "param"))


def test_english_layout_is_unchanged_and_chinese_counts_two_columns():
    rows = [["x", "input", "", "[2]", "1.41"], ["hidden", "dense (tanh)", "[2]", "[8]", "2.03"]]
    headers = ["node", "kind", "in", "out", "‖out‖"]
    widths = [max(len(r[k]) for r in [headers, *rows]) for k in range(5)]
    assert text_table(headers, rows, None) == [
        ("  " + "  ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in [headers, *rows]]
    prose = "(The step shown is for this one sample; a batch of several averages their gradients.)"
    assert wrap(prose, 40, " ") == textwrap.wrap(prose, 40, subsequent_indent=" ", break_on_hyphens=False)
    zh = text_table(["节点", "类型"], [["hidden", "输入"]], None)
    assert zh == ["  节点    类型", "  hidden  输入"] and display_width("节点") == 4
    said = wrap("2. 反向传播：每个参数的梯度，以及普通梯度下降一步的更新量 lr·∂E/∂p", 30)
    assert len(said) > 1 and all(display_width(line) <= 30 for line in said)
    assert not any(line.lstrip().startswith(("，", "：")) for line in said)


def test_the_catalogue_holds_every_template_explain_says():
    said = domain_catalogue.explain_templates()
    assert {FORWARD, BACKWARD, "node", "{name}: sample {number} of {total}", "{value} (frozen)"} <= said
    assert set(domain_texts.EXPLAIN) == said
    project = load_project(EXAMPLES_DIR / "xor_dense.json")
    seen: list[str] = []
    explain(project, TrainingRun(project), 0, say=lambda t: seen.append(t) or t)
    assert set(seen) <= said
