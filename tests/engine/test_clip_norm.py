"""`training.clip_norm`: gradient clipping by global norm, in parity with
torch.nn.utils.clip_grad_norm_ (float64, the same MLP, data and optimiser on both sides)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import Split, train
from nnstudio.project.compile import compile_project
from nnstudio.project.io import load_project
from nnstudio.training.runner import TrainingRun
from tests.engine.test_torch_parity import Mirror, data, mlp, nnstudio_values, torch_optimizer

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OPTIMIZERS = [{"kind": "sgd", "lr": 0.1}, {"kind": "sgd", "lr": 0.05, "momentum": 0.9, "weight_decay": 0.01},
              {"kind": "adam", "lr": 0.02}]


def ours(project, inputs, targets, clip_norm):
    tr = project.training
    model = compile_project(project, check=False)
    opt = make_optimizer(tr.optimizer["kind"], model.network.params,
                         **{k: v for k, v in tr.optimizer.items() if k != "kind"})
    reports = list(train(model.network, model.objective, opt, Split(inputs, targets), epochs=tr.epochs,
                         batch_size=tr.batch_size, clip_norm=clip_norm))
    assert reports[-1].status == "finished", reports[-1].message
    return model, nnstudio_values(model), [r.loss for r in reports if r.kind == "epoch"]


def theirs(torch, project, model, inputs, targets, clip_norm):
    """Torch from the same starting values; returns trained values, epoch losses and the norms seen."""
    tr = project.training
    mirror = Mirror(torch, project, model)
    params = mirror.trainable()
    topt = torch_optimizer(torch, params, tr.optimizer["kind"], {k: v for k, v in tr.optimizer.items() if k != "kind"})
    xs, ts = [torch.tensor(x) for x in inputs], torch.tensor(targets)
    n, size = len(targets), tr.batch_size
    losses, norms = [], []
    for _ in range(tr.epochs):
        total = 0.0
        for i in range(0, n, size):
            topt.zero_grad()
            value = mirror.loss([x[i:i + size] for x in xs], ts[i:i + size], model.objective.fused_layer is not None)
            value.backward()
            if clip_norm is not None:
                norms.append(float(torch.nn.utils.clip_grad_norm_(params, max_norm=clip_norm)))
            topt.step()
            total += value.item() * len(ts[i:i + size])
        losses.append(total / n)
    return mirror.values(), losses, norms


@pytest.mark.parametrize("l2", [0.0, 0.01])
@pytest.mark.parametrize("opt", OPTIMIZERS, ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items()))
def test_clipping_matches_torch_every_step(torch, opt, l2):
    inputs, targets = data()
    project = mlp(optimizer=dict(opt), epochs=6, batch_size=4, regularization={"l1": 0.0, "l2": l2})
    # Fresh compiles start from the same seeded values: the torch side mirrors a second copy.
    model, trained, our_losses = ours(project, inputs, targets, 0.05)
    reference = compile_project(project, check=False)
    their_values, their_losses, norms = theirs(torch, project, reference, inputs, targets, 0.05)
    assert norms and min(norms) > 0.05   # clipping happened at every step
    for name, value in their_values.items():
        np.testing.assert_allclose(trained[name], value, rtol=0, atol=1e-9, err_msg=name)
    np.testing.assert_allclose(our_losses, their_losses, rtol=0, atol=1e-9)


@pytest.mark.parametrize("opt", OPTIMIZERS[::2], ids=lambda o: o["kind"])
def test_clipping_that_never_triggers_changes_nothing(torch, opt):
    inputs, targets = data()
    project = mlp(optimizer=dict(opt), epochs=6, batch_size=4)
    _, unclipped, losses = ours(project, inputs, targets, None)
    _, clipped, clipped_losses = ours(project, inputs, targets, 1e6)
    assert clipped_losses == losses
    for name, value in unclipped.items():
        assert np.array_equal(clipped[name], value), name
    _, _, norms = theirs(torch, project, compile_project(project, check=False), inputs, targets, 1e6)
    assert max(norms) < 1e6


def test_runner_threads_clip_norm_from_the_project():
    """training.clip_norm reaches the engine: a tiny clip holds every step to a tiny move."""
    def trained(clip_norm):
        project = load_project(EXAMPLES / "xor_dense.json")
        project.training.clip_norm = clip_norm
        project.training.optimizer = {"kind": "sgd", "lr": 0.5}
        runner = TrainingRun(project)
        start = runner.model.network.trainables()[0].value.copy()
        runner.run(3)
        return start, runner.model.network.trainables()[0].value.copy()

    start, free = trained(None)
    _, clipped = trained(1e-3)
    assert np.linalg.norm(clipped - start) <= 3 * 0.5 * 1e-3 * (1 + 1e-9)   # 3 steps of at most lr·clip_norm
    assert not np.array_equal(free, clipped)
