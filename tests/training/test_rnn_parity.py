"""Project-level parity with PyTorch for the recurrent kinds (issue 12's acceptance): the same
starting arrays, data and settings give trained arrays that match to 1e-6 in float64, for rnn,
lstm and gru, with return_sequences false (a dense on the last state) and true (a dense per step
on per-step targets).

nnstudio runs the real path: a Project trained by `TrainingRun` (compile, prepare with its
sequence targets, engine.training.train, Adam). PyTorch runs its own layers, torch.nn.RNN, LSTM
and GRU, loaded with the compiled model's starting arrays (weight_ih = Wx transposed; the one
LSTM/RNN bias b is bias_ih, with bias_hh held at zero; the GRU's bx and bh are bias_ih and
bias_hh), torch.optim.Adam, and the l2 penalty on the weights written out.
"""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec
from nnstudio.training.runner import TrainingRun

RTOL64 = 1e-6
N, T, F, UNITS, CLASSES = 24, 6, 3, 4, 3
L2 = 1e-3
EPOCHS, BATCH = 5, 8


def project(kind: str, per_step: bool, activation: str = "tanh") -> Project:
    """x [T, F] -> kind -> dense: 1 linear unit on the last state, trained with mse; or per step a
    softmax over CLASSES with sparse cross-entropy on one class index per step."""
    rng = np.random.default_rng(7)
    x = rng.normal(size=(N, T * F))
    if per_step:
        targets = rng.integers(0, CLASSES, (N, T)).astype(float)
        head = Node("y", "dense", config={"units": CLASSES, "activation": "softmax"})
        loss = "sparse_categorical_crossentropy"
    else:
        targets = np.sin(x[:, ::F].sum(axis=1, keepdims=True))
        head = Node("y", "dense", config={"units": 1})
        loss = "mse"
    config = {"units": UNITS, "return_sequences": per_step}
    if kind == "rnn":
        config["activation"] = activation
    return Project(
        nodes=[Node("x", "input", config={"shape": [T, F]}), Node("r", kind, config=config), head],
        edges=[Edge("e1", "x", "r"), Edge("e2", "r", "y")], inputs=["x"], outputs=["y"],
        data=DataSpec({"kind": "table", "inputs": x.tolist(), "targets": targets.tolist()}),
        training=TrainingSpec(loss=loss, optimizer={"kind": "adam", "lr": 0.02}, epochs=EPOCHS, batch_size=BATCH,
                              shuffle=False, regularization={"l1": 0.0, "l2": L2}, dtype="float64"))


class TorchTwin:
    """The same network in PyTorch's own recurrent layers, from nnstudio's starting arrays."""

    def __init__(self, torch, kind: str, start: dict[str, dict[str, np.ndarray]], per_step: bool,
                 activation: str = "tanh"):
        self.torch, self.kind, self.per_step = torch, kind, per_step
        arrays = start["r"]
        if kind == "rnn":
            self.rec = torch.nn.RNN(F, UNITS, nonlinearity=activation, batch_first=True)
        else:
            self.rec = getattr(torch.nn, kind.upper())(F, UNITS, batch_first=True)
        self.rec.double()
        with torch.no_grad():
            self.rec.weight_ih_l0.copy_(torch.from_numpy(arrays["Wx"].T.copy()))
            self.rec.weight_hh_l0.copy_(torch.from_numpy(arrays["Wh"].T.copy()))
            if kind == "gru":
                self.rec.bias_ih_l0.copy_(torch.from_numpy(arrays["bx"]))
                self.rec.bias_hh_l0.copy_(torch.from_numpy(arrays["bh"]))
            else:
                self.rec.bias_ih_l0.copy_(torch.from_numpy(arrays["b"]))
                self.rec.bias_hh_l0.zero_()
                self.rec.bias_hh_l0.requires_grad_(False)      # nnstudio keeps one bias
        self.W = torch.tensor(start["y"]["W"], dtype=torch.float64, requires_grad=True)
        self.b = torch.tensor(start["y"]["b"], dtype=torch.float64, requires_grad=True)

    def parameters(self) -> list:
        return [p for p in self.rec.parameters() if p.requires_grad] + [self.W, self.b]

    def weights(self) -> list:
        return [self.rec.weight_ih_l0, self.rec.weight_hh_l0, self.W]

    def loss(self, x, t):
        F_ = self.torch.nn.functional
        out, _ = self.rec(x)
        if self.per_step:
            logits = out @ self.W + self.b                                   # [n, T, classes]
            value = F_.cross_entropy(logits.reshape(-1, CLASSES), t.reshape(-1).long())
        else:
            value = F_.mse_loss(out[:, -1] @ self.W + self.b, t)
        return value + L2 * sum((w * w).sum() for w in self.weights())

    def values(self) -> dict[str, np.ndarray]:
        rec = self.rec
        arrays = {"Wx": rec.weight_ih_l0.detach().numpy().T, "Wh": rec.weight_hh_l0.detach().numpy().T}
        if self.kind == "gru":
            arrays |= {"bx": rec.bias_ih_l0.detach().numpy(), "bh": rec.bias_hh_l0.detach().numpy()}
        else:
            arrays["b"] = rec.bias_ih_l0.detach().numpy()
        return {"r": arrays, "y": {"W": self.W.detach().numpy(), "b": self.b.detach().numpy()}}


def train_twin(torch, twin: TorchTwin, run: TrainingRun) -> None:
    data = run.train_split
    x = torch.from_numpy(data.inputs[0])
    t = torch.from_numpy(np.asarray(data.targets, dtype=np.float64))
    opt = torch.optim.Adam(twin.parameters(), lr=0.02)
    for _ in range(EPOCHS):
        for start in range(0, len(x), BATCH):
            opt.zero_grad()
            twin.loss(x[start:start + BATCH], t[start:start + BATCH]).backward()
            opt.step()


CASES = [("rnn", False, "tanh"), ("rnn", True, "tanh"), ("rnn", False, "relu"), ("lstm", False, "tanh"),
         ("lstm", True, "tanh"), ("gru", False, "tanh"), ("gru", True, "tanh")]


@pytest.mark.parametrize("kind, per_step, activation", CASES,
                         ids=[f"{k}-{'seq' if s else 'last'}-{a}" for k, s, a in CASES])
def test_trained_arrays_match_pytorch(kind, per_step, activation):
    torch = pytest.importorskip("torch")
    run = TrainingRun(project(kind, per_step, activation))
    assert run.train_split.targets.shape == ((N, T, 1) if per_step else (N, 1))
    start = run.model.node_params()
    twin = TorchTwin(torch, kind, start, per_step, activation)
    train_twin(torch, twin, run)
    final = run.run()
    assert final.status == "finished"
    ours, theirs = run.model.node_params(), twin.values()
    for node in ("r", "y"):
        assert set(ours[node]) == set(theirs[node])
        for key, value in theirs[node].items():
            assert not np.allclose(value, start[node][key], rtol=1e-3, atol=1e-3), f"{node}.{key} did not train"
            np.testing.assert_allclose(ours[node][key], value, rtol=RTOL64, atol=1e-12, err_msg=f"{node}.{key}")
