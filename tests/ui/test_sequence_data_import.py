"""Importing data into a sequence network (or changing a built-in sequence's steps): the input
node keeps its features per step and changes its steps, so the recurrent layer after it still
receives a sequence, keeps its trained arrays, and the project trains."""
from __future__ import annotations

import copy
from pathlib import Path

import numpy as np

from nnstudio.project.document import Document
from nnstudio.project.io import load_project
from nnstudio.project.validation import validate
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.commands.data_import import NetworkFit, import_data, plan_fit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_a_sequence_input_changes_its_steps_and_keeps_its_features():
    sine = load_project(EXAMPLES / "sine_lstm.json")
    assert plan_fit(sine, NetworkFit(30, 1, "raw")).configs["window"]["shape"] == [30, 1]
    memory = load_project(EXAMPLES / "memory_lstm.json")
    assert plan_fit(memory, NetworkFit(30, 1, "binary")).configs["bits"]["shape"] == [15, 2]
    assert plan_fit(memory, NetworkFit(31, 1, "binary")).configs["bits"]["shape"] == [31]    # no whole steps
    assert "bits" not in plan_fit(memory, NetworkFit(40, 1, "binary")).configs               # it fits already


def test_thirty_steps_of_the_sine_train_with_the_lstm_arrays_kept(qtbot):
    project = load_project(EXAMPLES / "sine_lstm.json")
    run = TrainingRun(project)
    run.run(1)
    run.write_back(project)
    doc = Document(project)
    trained = {k: np.array(v, copy=True) for k, v in project.node("lstm").params.items()}
    data = copy.deepcopy(project.data)
    data.source["params"]["steps"] = 30
    compound, plan = import_data(doc, data, NetworkFit(30, 1, "raw"))
    compound.redo()
    p = doc.project
    assert p.node("window").config["shape"] == [30, 1]
    assert [x for x in validate(p) if x.severity == "error"] == []
    for key, value in trained.items():                  # Wx [1, 64], Wh and b do not depend on the steps
        np.testing.assert_array_equal(p.node("lstm").params[key], value)
    run = TrainingRun(p)
    assert run.train_split.inputs[0].shape[1:] == (30, 1)
    assert run.run(1).status == "finished"
