"""training.clip_norm in the exported PyTorch script: a clip_grad_norm_ line after backward()
only when it is set (the script is otherwise the same text), and the script then trains to
nnstudio's numbers."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.export.torch_script import export_torch, read_torch_weights
from nnstudio.project.io import load_project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun
from tests.export.test_torch_script import _run


def test_the_clip_line_is_there_only_when_clip_norm_is_set(tmp_path):
    project = load_project(examples_dir() / "xor_dense.json")
    plain = export_torch(project, tmp_path / "plain.py")[0].read_text()
    assert "clip_grad_norm_" not in plain
    project.training.clip_norm = 0.25
    clipped = export_torch(project, tmp_path / "plain.py")[0].read_text()
    assert clipped.count("torch.nn.utils.clip_grad_norm_(") == 1 and "max_norm=0.25)" in clipped
    # Nothing else changes: the clip's two lines come between backward() and step().
    extra = [line for line in clipped.splitlines() if line not in plain.splitlines()]
    assert len(extra) == 2 and "clip_grad_norm_" in extra[1]
    assert clipped.index("loss.backward()") < clipped.index("clip_grad_norm_") < clipped.index("optimizer.step()")
    assert [line for line in clipped.splitlines() if line not in extra] == plain.splitlines()


@pytest.mark.parametrize("optimizer", [{"kind": "adam", "lr": 0.05}, {"kind": "sgd", "lr": 0.5, "momentum": 0.9}],
                         ids=lambda o: o["kind"])
def test_the_clipped_script_trains_as_nnstudio_trains(torch, optimizer, tmp_path):
    project = load_project(examples_dir() / "xor_dense.json")
    project.training.optimizer = optimizer
    project.training.clip_norm = 0.05
    epochs = 20
    export_torch(project, tmp_path / "model.py")
    done = _run([str(tmp_path / "model.py"), "--epochs", str(epochs)], tmp_path, 120)
    assert done.returncode == 0, done.stderr
    theirs = read_torch_weights(project, tmp_path / "model_checkpoint.npz")
    run = TrainingRun(project)
    for _ in run.reports(epochs):
        pass
    ours = project.copy()
    run.write_back(ours)
    unclipped = project.copy()
    unclipped.training.clip_norm = None
    free = TrainingRun(unclipped)
    for _ in free.reports(epochs):
        pass
    free.write_back(unclipped)
    moved = False
    for mine, other, loose in zip(ours.nodes, theirs.nodes, unclipped.nodes):
        for key in mine.params:
            np.testing.assert_allclose(other.params[key], mine.params[key], rtol=0, atol=1e-8, err_msg=mine.id)
            moved = moved or not np.allclose(loose.params[key], mine.params[key], atol=1e-6)
    assert moved   # the clip did change the run
