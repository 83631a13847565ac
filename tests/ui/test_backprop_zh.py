"""The Backprop panel's walkthrough in the interface's language: the steps keep their English (the
command line prints it), and the panel says their titles, phases, working and results through the
catalogue, with the numbers and names filled in."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.training import walkthrough
from nnstudio.training.walkthrough import Step, Words
from nnstudio.ui.dialogs.examples import EXAMPLES_DIR
from nnstudio.ui.panels import backprop_text
from nnstudio.ui.panels.backprop import BackpropPanel

CHINESE = {
    ("Walkthrough", "Forward: {node}"): "前向：{node}",
    ("Walkthrough", "Error"): "误差",
    ("Walkthrough", "Bias of {node}"): "{node} 的偏置",
    ("Walkthrough", "Weight {edge} ({source} → {target})"): "权重 {edge}（{source} → {target}）",
    ("Walkthrough", "{update}  (frozen: not trained)"): "{update}（已冻结：不训练）",
    ("Walkthrough", "{update} (frozen)"): "{update}（已冻结）",
    ("Walkthrough", "not used"): "未使用",
    ("Walkthrough", "∂E/∂z{k}({head}) (through softmax)"): "∂E/∂z{k}({head})（经过 softmax）",
    ("Walkthrough", "Forward pass"): "前向传播",
    ("Walkthrough", "Bias updates"): "偏置更新",
    ("Walkthrough", "Rule"): "规则",
    ("Walkthrough", "Numbers"): "代入数值",
    ("Walkthrough", "Result"): "结果",
    ("BackpropPanel", "Step"): "步",
}


@pytest.fixture
def chinese(install_catalogue):
    install_catalogue(CHINESE)


def test_the_catalogue_holds_every_template_the_walk_uses():
    """The generated catalogue module takes the walk's templates and phase names from walkthrough.py."""
    from nnstudio.ui.domain_texts import WALK
    assert set(walkthrough.TEMPLATES) | set(walkthrough.PHASE_NAMES.values()) == set(WALK)


def test_words_render_nested_templates_through_the_translation():
    how = Words("{s0} + {s1} = 0.5 + {{0.25}}", {"s0": Words(walkthrough.THROUGH_SOFTMAX, {"k": "2", "head": "out"}),
                                                 "s1": "δo·w"})
    assert str(how) == "∂E/∂z2(out) (through softmax) + δo·w = 0.5 + {0.25}"
    said = how.render(lambda t: CHINESE.get(("Walkthrough", t), t))
    assert said == "∂E/∂z2(out)（经过 softmax） + δo·w = 0.5 + {0.25}"


def test_a_step_without_words_is_shown_as_it_is(chinese):
    step = Step("forward", "x", "f", "net = 1", "out(h) = relu(1) = 1")
    assert backprop_text.said(step, "result") == "out(h) = relu(1) = 1"
    assert backprop_text.step_result(step) == "out(h) = 1"


def test_the_worked_examples_walk_comes_in_the_catalogues_language(chinese, qtbot):
    doc = Document(load_project(EXAMPLES_DIR / "backprop_worked_example.json"))
    panel = BackpropPanel(doc, QUndoStack())
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitUntil(lambda: bool(panel.steps) and not panel._dirty, timeout=5000)
    # The steps themselves stay English.
    assert panel.steps[0].title == "Forward: h1" and panel.steps[-1].title == "Bias of h2"
    assert panel.tree.headerItem().text(0) == "步"
    assert panel.tree.topLevelItem(0).text(0) == "前向传播"
    assert panel.tree.topLevelItem(0).child(0).text(0) == "前向：h1"
    biases = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert biases.text(0) == "偏置更新"
    last = biases.child(biases.childCount() - 1)
    assert last.text(0) == "h2 的偏置"
    assert last.text(1) == "b(h2): 0.35 → 0.35（已冻结）"

    weight = next(i for i, s in enumerate(panel.steps) if s.edge == "w5")
    panel.go_to(weight)
    detail = panel.detail.toPlainText()
    assert "权重 w5（h1 → o1）" in detail
    assert "规则" in detail and "代入数值" in detail and "结果" in detail
    assert "w5: 0.4 → 0.35891648" in detail                 # the numbers intact

    panel.go_to(len(panel.steps) - 1)
    detail = panel.detail.toPlainText()
    assert "h2 的偏置" in detail
    assert "b(h2): 0.35 → 0.35（已冻结：不训练）" in detail
    assert "frozen" not in detail
