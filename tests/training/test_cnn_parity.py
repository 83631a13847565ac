"""Project-level training parity of the image kinds with PyTorch: the same starting arrays, data
and settings give the same trained arrays (1e-6 relative in float64) and the same epoch losses.

nnstudio runs the real path: a Project of conv2d / maxpool2d / avgpool2d / flatten / dense nodes,
compiled by `compile_project` and trained by `engine.training.train` with `make_optimizer` in
mini-batches in file order (shuffle off). PyTorch runs an independent reading of the same chain:
F.conv2d on the zero-padded input (padding "same" puts the odd extra row/column at the bottom/right,
as TensorFlow does, so it is padded by hand with F.pad), F.max_pool2d / F.avg_pool2d, a reshape,
x @ W + b, cross-entropy from the logits, and torch's own optimisers.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import Split, train
from nnstudio.kinds.base import as_pair, pool_geometry
from nnstudio.project import registry
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project

RTOL = 1e-6


def chain(in_shape: list[int], layers: list[tuple[str, dict]], *, loss="sparse_categorical_crossentropy",
          optimizer=None, epochs=4, batch_size=5, l2=0.0) -> Project:
    """input → each (kind, config) in turn → flatten → dense(3, softmax)."""
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": in_shape})]
    for k, (kind, config) in enumerate(layers + [("flatten", {}), ("dense", {"units": 3, "activation": "softmax"})]):
        p.nodes.append(Node(f"n{k}", kind, config=config))
        p.edges.append(Edge(f"e{k}", p.nodes[-2].id, p.nodes[-1].id))
    p.inputs, p.outputs = ["x"], [p.nodes[-1].id]
    p.training.loss = loss
    p.training.optimizer = optimizer or {"kind": "adam", "lr": 0.02}
    p.training.epochs = epochs
    p.training.batch_size = batch_size
    p.training.regularization = {"l1": 0.0, "l2": l2}
    p.training.dtype = "float64"
    return p


class TorchChain:
    """The project's chain of nodes in PyTorch, from the compiled model's starting arrays."""

    def __init__(self, torch, project: Project, model):
        self.t = torch
        self.project = project
        self.nodes = project.nodes[1:]
        self.configs = {n.id: registry.KINDS[n.kind].check_config(n.config) for n in self.nodes}
        self.params = {f"{node_id}/{key}": torch.tensor(value, dtype=torch.float64, requires_grad=True)
                       for node_id, arrays in model.node_params().items() for key, value in arrays.items()}

    def forward(self, x):
        F = self.t.nn.functional
        for node in self.nodes:
            config, W, b = self.configs[node.id], self.params.get(f"{node.id}/W"), self.params.get(f"{node.id}/b")
            if node.kind == "conv2d":
                (kh, kw), (sh, sw) = as_pair(config["kernel_size"]), as_pair(config["stride"])
                if config["padding"] == "same":
                    pad_h = max((math.ceil(x.shape[2] / sh) - 1) * sh + kh - x.shape[2], 0)
                    pad_w = max((math.ceil(x.shape[3] / sw) - 1) * sw + kw - x.shape[3], 0)
                    x = F.pad(x, (pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2))
                x = F.conv2d(x, W, b, stride=(sh, sw))
                x = {"relu": self.t.relu, "tanh": self.t.tanh, "linear": lambda v: v,
                     "sigmoid": self.t.sigmoid}[config["activation"]](x)
            elif node.kind in ("maxpool2d", "avgpool2d"):
                size, stride = pool_geometry(config)
                pool = F.max_pool2d if node.kind == "maxpool2d" else F.avg_pool2d
                x = pool(x, size, stride)
            elif node.kind == "flatten":
                x = x.reshape(x.shape[0], -1)
            elif node.kind == "dense":
                x = x @ W + b                      # the logits: the loss takes them (softmax fused)
            else:
                raise KeyError(node.kind)
        return x

    def loss(self, x, target):
        F = self.t.nn.functional
        logits = self.forward(x)
        if self.project.training.loss == "sparse_categorical_crossentropy":
            value = F.cross_entropy(logits, target.reshape(-1).long())
        else:
            value = -(target * F.log_softmax(logits, dim=1)).sum() / len(target)
        l2 = self.project.training.regularization.get("l2", 0.0)
        if l2:                                  # on weights, never biases (DESIGN: regularised W only)
            value = value + l2 * sum((w * w).sum() for k, w in self.params.items() if k.endswith("/W"))
        return value

    def values(self) -> dict[str, np.ndarray]:
        return {k: v.detach().numpy().copy() for k, v in self.params.items()}


def torch_optimizer(torch, params, settings: dict):
    s = dict(settings)
    kind = s.pop("kind")
    if kind == "sgd":
        return torch.optim.SGD(params, **s)
    if kind == "adam":
        return torch.optim.Adam(params, betas=(s.pop("beta1", 0.9), s.pop("beta2", 0.999)), **s)
    raise KeyError(kind)


def samples(project: Project, n: int = 12, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, *project.nodes[0].config["shape"]))
    labels = rng.integers(0, 3, n)
    if project.training.loss == "sparse_categorical_crossentropy":
        return x, labels.reshape(-1, 1).astype(np.float64)
    return x, np.eye(3)[labels]


def train_both(torch, project: Project):
    x, targets = samples(project)
    model = compile_project(project)
    assert model.objective.fused_layer is not None          # softmax + cross-entropy from the logits
    mirror = TorchChain(torch, project, model)
    start = mirror.values()
    tr = project.training
    settings = {k: v for k, v in tr.optimizer.items() if k != "kind"}
    opt = make_optimizer(tr.optimizer["kind"], model.network.params, **settings)
    reports = list(train(model.network, model.objective, opt, Split([x], targets), epochs=tr.epochs,
                         batch_size=tr.batch_size, shuffle=False, schedule=tr.schedule))
    assert reports[-1].status == "finished", reports[-1].message
    ours_loss = [r.loss for r in reports if r.kind == "epoch"]

    topt = torch_optimizer(torch, list(mirror.params.values()), tr.optimizer)
    xt, tt = torch.tensor(x), torch.tensor(targets)
    theirs_loss = []
    for _ in range(tr.epochs):
        total = 0.0
        for i in range(0, len(x), tr.batch_size):
            topt.zero_grad()
            value = mirror.loss(xt[i:i + tr.batch_size], tt[i:i + tr.batch_size])
            value.backward()
            topt.step()
            total += value.item() * len(tt[i:i + tr.batch_size])
        theirs_loss.append(total / len(x))

    trained = mirror.values()
    ours = {f"{node_id}/{key}": value for node_id, arrays in model.node_params().items()
            for key, value in arrays.items()}
    assert set(ours) == set(trained)
    for name in trained:
        np.testing.assert_allclose(ours[name], trained[name], rtol=RTOL, atol=1e-9, err_msg=name)
        assert np.abs(trained[name] - start[name]).max() > 1e-4, f"{name} did not train"
    np.testing.assert_allclose(ours_loss, theirs_loss, rtol=RTOL, atol=1e-9, err_msg="epoch losses")
    return model


CONV_CASES = {
    "valid-stride1": {"filters": 3, "kernel_size": 3},
    "same-stride1": {"filters": 3, "kernel_size": 3, "padding": "same", "activation": "tanh"},
    "valid-stride2": {"filters": 2, "kernel_size": [3, 2], "stride": 2},
    # 8×9 with kernel 3 and stride 2: one padding row at the bottom only, one column each side.
    "same-stride2": {"filters": 2, "kernel_size": 3, "stride": 2, "padding": "same"},
    "same-stride-2x1-no-bias": {"filters": 2, "kernel_size": [2, 4], "stride": [2, 1], "padding": "same",
                                "use_bias": False, "init": "he_normal"},
}


@pytest.mark.parametrize("case", CONV_CASES)
def test_conv2d_maxpool_flatten_dense(torch, case):
    project = chain([1, 8, 9], [("conv2d", CONV_CASES[case]), ("maxpool2d", {"pool_size": 2})])
    model = train_both(torch, project)
    assert model.node_params()["n0"]["W"].shape[0] == CONV_CASES[case]["filters"]


def test_conv2d_with_sgd_momentum_l2_and_one_hot_targets(torch):
    project = chain([2, 7, 7], [("conv2d", {"filters": 3, "kernel_size": 3, "padding": "same"}),
                                ("maxpool2d", {"pool_size": 3, "stride": 2})],
                    loss="categorical_crossentropy", optimizer={"kind": "sgd", "lr": 0.05, "momentum": 0.9},
                    l2=0.01)
    train_both(torch, project)


@pytest.mark.parametrize("pool", [{"pool_size": 2}, {"pool_size": [2, 3], "stride": 1}])
def test_avgpool2d(torch, pool):
    project = chain([1, 8, 9], [("conv2d", {"filters": 3, "kernel_size": 3, "padding": "same"}),
                                ("avgpool2d", pool)])
    train_both(torch, project)


def test_two_conv_stages_lenet_style(torch):
    """[2, 10, 10] → conv 4@3×3 same → avgpool 2 → conv 5@3×3 valid → maxpool 2 stride 1 → dense."""
    project = chain([2, 10, 10], [("conv2d", {"filters": 4, "kernel_size": 3, "padding": "same"}),
                                  ("avgpool2d", {"pool_size": 2}),
                                  ("conv2d", {"filters": 5, "kernel_size": 3, "activation": "sigmoid"}),
                                  ("maxpool2d", {"pool_size": 2, "stride": 1})], epochs=3)
    train_both(torch, project)
