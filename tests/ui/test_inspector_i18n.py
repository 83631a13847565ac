"""The inspector's words go through Qt's translation system: with a catalogue installed, its tabs,
forms, the training settings' tips and the undo commands' texts come in the catalogue's language,
with their values filled in; the loss descriptions the window translates are the engine's."""
from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.losses import LOSSES
from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project
from nnstudio.ui.commands.edits import MoveNodes, SetEdgeTrainable
from nnstudio.ui.panels.inspector import Inspector
from nnstudio.ui.panels.inspector_text import activation_text

CHINESE = {
    ("Inspector", "Training"): "训练",
    ("Inspector", "{count} nodes"): "{count} 个节点",
    ("Inspector", "1 connection"): "1 个连接",
    ("Inspector", "{nodes} and {connections} selected"): "已选中 {nodes}和 {connections}",
    ("WeightsBox", "Incoming weights and bias"): "输入权重和偏置",
    ("TrainingTab", "Loss"): "损失",
    ("Kinds", LOSSES["mse"]): "(t − y)² 在样本和输出上的平均值",
    ("Kinds", ACTIVATIONS["step"]): "z ≥ 0 时 y = 1，否则 y = 0",
    ("EditCommands", "Move {id}"): "移动 {id}",
    ("EditCommands", "Freeze {id}"): "冻结 {id}",
}


@pytest.fixture
def chinese(install_catalogue):
    install_catalogue(CHINESE)


def project() -> Project:
    neuron = {"activation": "sigmoid", "alpha": 0.0, "init": "xavier_uniform", "bias": 0.0, "bias_trainable": True}
    return Project(nodes=[Node("a", "input", "a", (0, 0), {"shape": [1]}),
                          Node("h", "neuron", "h", (200, 0), dict(neuron), {"b": np.array(0.5)})],
                   edges=[Edge("w", "a", "h", 0.3)], inputs=["a"], outputs=["h"])


def test_the_catalogue_holds_the_engines_loss_descriptions_and_worded_formulas():
    from nnstudio.ui.domain_texts import KINDS
    assert set(LOSSES.values()) <= set(KINDS)
    worded = {text for text in ACTIVATIONS.values() if re.search(r"\b(if|else|over|learned)\b", text)}
    assert worded and worded <= set(KINDS)


def test_with_a_catalogue_the_inspector_and_its_commands_speak_its_language(chinese, qtbot):
    doc, stack = Document(project()), QUndoStack()
    inspector = Inspector(doc, stack)
    qtbot.addWidget(inspector)
    assert inspector.tabs.tabText(3) == "训练"
    assert inspector.tabs.tabText(1) == "Project"                  # not in the catalogue: English
    inspector.show_selection(["a", "h"], ["w"])
    assert "已选中 2 个节点和 1 个连接" in inspector.multi.text()
    inspector.show_selection(["h"], [])
    assert inspector.node_form.weights.title() == "输入权重和偏置"
    combo = inspector.training_tab.loss.widget
    assert combo.itemData(combo.findData("mse"), Qt.ItemDataRole.ToolTipRole) == "(t − y)² 在样本和输出上的平均值"
    assert combo.itemText(combo.findData("mse")) == "mse"          # choices keep their API names
    assert activation_text("step") == "z ≥ 0 时 y = 1，否则 y = 0"
    assert activation_text("relu") == ACTIVATIONS["relu"]
    assert MoveNodes(doc, {"h": ((200, 0), (210, 0))}).text() == "移动 h"
    assert SetEdgeTrainable(doc, "w", False).text() == "冻结 w"


def test_without_a_catalogue_the_texts_stay_english(qtbot):
    doc = Document(project())
    assert MoveNodes(doc, {"h": ((200, 0), (210, 0))}).text() == "Move h"
    assert MoveNodes(doc, {"h": ((200, 0), (210, 0)), "a": ((0, 0), (5, 0))}).text() == "Move"
    assert SetEdgeTrainable(doc, "w", True).text() == "Unfreeze w"
