"""Training parity with PyTorch (DESIGN §3): same starting weights, data and settings → every
trained parameter equal to 1e-6 relative in float64 (1e-4 in float32).

nnstudio runs the real path: a Project compiled by `compile_project`, trained by
`engine.training.train` with `optimizers.make_optimizer`. PyTorch runs an independent
interpretation of the same Project (`Mirror`): one tensor per edge weight (scalar or vector), per
neuron bias and per layer array, with the forward pass written node by node, and torch's own
optimisers, losses and lr schedulers.
"""
from __future__ import annotations


import numpy as np
import pytest

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import Split, train
from nnstudio.project import registry
from nnstudio.project.compile import compile_project
from nnstudio.project.graph import topological_order
from nnstudio.project.model import Edge, Node, Project

RTOL64 = 1e-6


# --- the PyTorch side --------------------------------------------------------------------------
class Mirror:
    """The project evaluated by PyTorch, node by node, from the compiled model's starting values."""

    def __init__(self, torch, project: Project, model):
        self.t = torch
        self.project = project
        self.dtype = torch.float32 if project.training.dtype == "float32" else torch.float64
        self.order = topological_order(project)
        self.nodes = {n.id: n for n in project.nodes}
        self.configs = {n.id: registry.KINDS[n.kind].check_config(n.config) for n in project.nodes}
        self.incoming = {n.id: [e for e in project.edges if e.target == n.id] for n in project.nodes}
        self.params: dict[str, object] = {}
        self.regularized: list[str] = []
        start_edges, start_nodes = model.edge_weights(), model.node_params()
        for e in project.edges:
            if self.nodes[e.target].kind == "neuron":
                self._add(f"edge:{e.id}", start_edges[e.id], e.trainable, regularized=True)
        for node_id, arrays in start_nodes.items():
            node, config = self.nodes[node_id], self.configs[node_id]
            for key, value in arrays.items():
                if node.kind == "neuron":
                    trainable = config["bias_trainable"] if key == "b" else True
                elif node.kind == "dense":
                    trainable = config["bias_trainable"] if key == "b" else config["trainable"]
                else:
                    trainable = True
                self._add(f"{node_id}/{key}", value, trainable, regularized=node.kind == "dense" and key == "W")

    def _add(self, name, value, trainable, regularized):
        self.params[name] = self.t.tensor(np.asarray(value, dtype=np.float64), dtype=self.dtype,
                                          requires_grad=bool(trainable))
        if regularized:
            self.regularized.append(name)

    def trainable(self) -> list:
        return [p for p in self.params.values() if p.requires_grad]

    def _act(self, node_id: str, z):
        t, F = self.t, self.t.nn.functional
        config = self.configs[node_id]
        act, alpha = config["activation"], registry.activation_alpha(config)
        if act == "linear":
            return z
        if act == "sigmoid":
            return t.sigmoid(z)
        if act == "tanh":
            return t.tanh(z)
        if act == "relu":
            return t.relu(z)
        if act == "leaky_relu":
            return F.leaky_relu(z, alpha)
        if act == "prelu":
            return F.prelu(z, self.params[f"{node_id}/alpha"].reshape(-1))
        if act == "elu":
            return F.elu(z, alpha)
        if act == "softmax":
            return t.softmax(z, dim=-1)
        if act == "step":
            return (z >= 0).to(z.dtype)
        if act == "sign":
            return t.where(z >= 0, 1.0, -1.0).to(z.dtype)
        raise KeyError(act)

    def forward(self, xs):
        """Network output and the output node's pre-activation."""
        t = self.t
        values, pre = {}, {}
        feeds = dict(zip(self.project.inputs, xs))
        for node_id in self.order:
            node = self.nodes[node_id]
            edges = self.incoming[node_id]
            if node.kind == "input":
                values[node_id] = feeds[node_id]
                continue
            if node.kind == "neuron":
                z = self.params[f"{node_id}/b"]
                for e in edges:
                    w, x = self.params[f"edge:{e.id}"], values[e.source]
                    z = z + (x[:, 0] * w if w.ndim == 0 else x @ w)
                pre[node_id] = z = z.reshape(-1, 1)
                values[node_id] = self._act(node_id, z)
                continue
            x = t.cat([values[e.source] for e in edges], dim=-1) if len(edges) > 1 else values[edges[0].source]
            if node.kind == "dense":
                z = x @ self.params[f"{node_id}/W"]
                if f"{node_id}/b" in self.params:
                    z = z + self.params[f"{node_id}/b"]
                pre[node_id] = z
                values[node_id] = self._act(node_id, z)
            elif node.kind == "activation":
                pre[node_id] = x
                values[node_id] = self._act(node_id, x)
            elif node.kind == "flatten":
                values[node_id] = x.reshape(x.shape[0], -1)
            else:
                raise KeyError(node.kind)
        outs = self.project.outputs
        y = t.cat([values[o] for o in outs], dim=-1) if len(outs) > 1 else values[outs[0]]
        return y, pre.get(outs[0]) if len(outs) == 1 else None

    def loss(self, xs, target, fused: bool):
        t, F = self.t, self.t.nn.functional
        y, z = self.forward(xs)
        name = self.project.training.loss
        n = y.shape[0]
        if name == "half_sse":
            value = 0.5 * ((y - target) ** 2).sum() / n
        elif name == "mse":
            value = F.mse_loss(y, target)
        elif name == "binary_crossentropy":
            value = F.binary_cross_entropy_with_logits(z, target) if fused else F.binary_cross_entropy(y, target)
        elif name == "categorical_crossentropy":
            value = F.cross_entropy(z, target) if fused else -(target * t.log(y)).sum() / n
        elif name == "sparse_categorical_crossentropy":
            idx = target.reshape(-1).long()
            value = F.cross_entropy(z, idx) if fused else F.nll_loss(t.log(y), idx)
        else:
            raise KeyError(name)
        reg = self.project.training.regularization
        for key in self.regularized:
            w = self.params[key]
            if reg.get("l2"):
                value = value + reg["l2"] * (w * w).sum()
            if reg.get("l1"):
                value = value + reg["l1"] * w.abs().sum()
        return value

    def values(self) -> dict[str, np.ndarray]:
        return {k: v.detach().numpy().astype(np.float64) for k, v in self.params.items()}


def torch_optimizer(torch, params, kind: str, settings: dict):
    s = {k: v for k, v in settings.items()}
    if kind == "sgd":
        return torch.optim.SGD(params, **s)
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, **s)
    if kind in ("adam", "adamw"):
        betas = (s.pop("beta1", 0.9), s.pop("beta2", 0.999))
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        return cls(params, betas=betas, **s)
    raise KeyError(kind)


def torch_scheduler(torch, opt, schedule: dict, epochs: int):
    kind = schedule.get("kind", "constant")
    sch = torch.optim.lr_scheduler
    if kind == "constant":
        return None
    if kind == "step":
        return sch.StepLR(opt, step_size=schedule["step_size"], gamma=schedule["gamma"])
    if kind == "exponential":
        return sch.ExponentialLR(opt, gamma=schedule["gamma"])
    if kind == "cosine":
        return sch.CosineAnnealingLR(opt, T_max=schedule.get("t_max") or epochs, eta_min=schedule.get("eta_min", 0.0))
    raise KeyError(kind)


# --- running both ------------------------------------------------------------------------------
def run_both(torch, project: Project, inputs: list[np.ndarray], targets: np.ndarray, *, fused: bool | None = None,
             rtol: float = RTOL64, atol: float = 1e-9, flat: bool = False):
    """Train the project in nnstudio and in PyTorch; assert every parameter and every epoch's
    loss agree. Returns (compiled model, starting values, trained values by mirror name).

    The optimiser gets `network.params` (what the project runner passes), or with `flat` the
    network's single flat buffer (`network.trainables()`, what the benchmarks pass)."""
    tr = project.training
    np_dtype = np.float32 if tr.dtype == "float32" else np.float64
    inputs = [np.asarray(x, dtype=np_dtype) for x in inputs]
    targets = np.asarray(targets, dtype=np_dtype)
    model = compile_project(project, check=False)
    if fused is not None:
        assert (model.objective.fused_layer is not None) == fused
    mirror = Mirror(torch, project, model)
    start = mirror.values()

    settings = {k: v for k, v in tr.optimizer.items() if k != "kind"}
    if flat:
        if not hasattr(model.network, "trainables"):
            pytest.skip("this Network has no flat parameter buffer")
        params = model.network.trainables()
        assert len(params) == 1
    else:
        params = model.network.params
    opt = make_optimizer(tr.optimizer["kind"], params, **settings)
    reports = list(train(model.network, model.objective, opt, Split(inputs, targets), epochs=tr.epochs,
                         batch_size=tr.batch_size, shuffle=False, schedule=tr.schedule))
    assert reports[-1].status == "finished", reports[-1].message
    ours_loss = [r.loss for r in reports if r.kind == "epoch"]

    topt = torch_optimizer(torch, mirror.trainable(), tr.optimizer["kind"], settings)
    sched = torch_scheduler(torch, topt, tr.schedule, tr.epochs)
    xs = [torch.tensor(x) for x in inputs]
    ts = torch.tensor(targets)
    n = len(targets)
    size = n if tr.batch_size <= 0 else min(tr.batch_size, n)
    is_fused = model.objective.fused_layer is not None
    theirs_loss = []
    for _ in range(tr.epochs):
        total = 0.0
        for i in range(0, n, size):
            topt.zero_grad()
            value = mirror.loss([x[i:i + size] for x in xs], ts[i:i + size], is_fused)
            value.backward()
            topt.step()
            total += value.item() * len(ts[i:i + size])
        theirs_loss.append(total / n)
        if sched is not None:
            sched.step()

    trained = mirror.values()
    ours = nnstudio_values(model)
    assert set(ours) == set(trained)
    for name in trained:
        np.testing.assert_allclose(ours[name], trained[name], rtol=rtol, atol=atol, err_msg=name)
    np.testing.assert_allclose(ours_loss, theirs_loss, rtol=rtol, atol=atol, err_msg="epoch losses")
    return model, start, trained


def nnstudio_values(model) -> dict[str, np.ndarray]:
    out = {f"edge:{k}": np.asarray(v, dtype=np.float64) for k, v in model.edge_weights().items()}
    for node_id, arrays in model.node_params().items():
        for key, value in arrays.items():
            out[f"{node_id}/{key}"] = value
    return out


def opt_id(o: dict) -> str:
    return "-".join([o["kind"]] + [f"{k}={v}" for k, v in o.items() if k not in ("kind", "lr")])


def moved(start: dict, trained: dict, name: str) -> float:
    return float(np.abs(np.asarray(trained[name]) - np.asarray(start[name])).max())


# --- projects and data -------------------------------------------------------------------------
def mlp(hidden_act="tanh", out_act="linear", out_units=2, *, loss="mse", optimizer=None, epochs=20, batch_size=4,
        hidden_units=4, extra_out_activation: str | None = None, **training) -> Project:
    """x[3] → dense(hidden) → dense(out) [→ activation node]."""
    p = Project()
    p.nodes += [Node("x", "input", config={"shape": [3]}),
                Node("h", "dense", config={"units": hidden_units, "activation": hidden_act}),
                Node("o", "dense", config={"units": out_units, "activation": out_act})]
    p.edges += [Edge("e1", "x", "h"), Edge("e2", "h", "o")]
    out = "o"
    if extra_out_activation:
        p.nodes.append(Node("a", "activation", config={"activation": extra_out_activation}))
        p.edges.append(Edge("e3", "o", "a"))
        out = "a"
    p.inputs, p.outputs = ["x"], [out]
    p.training.loss = loss
    p.training.optimizer = optimizer or {"kind": "sgd", "lr": 0.1}
    p.training.epochs = epochs
    p.training.batch_size = batch_size
    p.training.seed = 11
    for k, v in training.items():
        setattr(p.training, k, v)
    return p


def data(kind="regression", n=10, k=2, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 3))
    if kind == "regression":
        t = np.tanh(x @ rng.standard_normal((3, k))) + 0.1 * rng.standard_normal((n, k))
    elif kind == "binary":
        t = (x @ rng.standard_normal((3, k)) > 0).astype(np.float64)
    elif kind == "onehot":
        t = np.eye(k)[(x @ rng.standard_normal((3, k))).argmax(axis=1)]
    elif kind == "index":
        t = (x @ rng.standard_normal((3, k))).argmax(axis=1).reshape(-1, 1).astype(np.float64)
    else:
        raise KeyError(kind)
    return [x], t


# --- optimisers --------------------------------------------------------------------------------
OPTIMIZERS = [
    {"kind": "sgd", "lr": 0.1},
    {"kind": "sgd", "lr": 0.05, "momentum": 0.9},
    {"kind": "sgd", "lr": 0.05, "momentum": 0.9, "nesterov": True},
    {"kind": "sgd", "lr": 0.05, "momentum": 0.8, "dampening": 0.3},
    {"kind": "rmsprop", "lr": 0.01},
    {"kind": "rmsprop", "lr": 0.01, "momentum": 0.7},
    {"kind": "rmsprop", "lr": 0.01, "centered": True},
    {"kind": "rmsprop", "lr": 0.005, "centered": True, "momentum": 0.5, "alpha": 0.9},
    {"kind": "adam", "lr": 0.02},
    {"kind": "adam", "lr": 0.02, "amsgrad": True, "beta1": 0.8, "beta2": 0.99},
    {"kind": "adamw", "lr": 0.02},
    {"kind": "adamw", "lr": 0.02, "amsgrad": True},
]


@pytest.mark.parametrize("weight_decay", [0.0, 0.05])
@pytest.mark.parametrize("opt", OPTIMIZERS, ids=opt_id)
def test_optimizer(torch, opt, weight_decay):
    p = mlp(optimizer={**opt, "weight_decay": weight_decay}, epochs=15, batch_size=4)
    _, start, trained = run_both(torch, p, *data())
    assert moved(start, trained, "h/W") > 1e-3


# --- losses ------------------------------------------------------------------------------------
@pytest.mark.parametrize("loss,out_act,extra,kind,k,fused", [
    ("half_sse", "sigmoid", None, "regression", 2, False),
    ("mse", "linear", None, "regression", 2, False),
    ("binary_crossentropy", "sigmoid", None, "binary", 2, True),
    ("binary_crossentropy", "sigmoid", "linear", "binary", 2, False),        # sigmoid, then an identity node
    ("binary_crossentropy", "linear", "sigmoid", "binary", 1, True),         # fused into an activation node
    ("categorical_crossentropy", "softmax", None, "onehot", 3, True),
    ("categorical_crossentropy", "softmax", "linear", "onehot", 3, False),
    ("categorical_crossentropy", "sigmoid", None, "onehot", 3, False),
    ("categorical_crossentropy", "linear", "softmax", "onehot", 3, True),
    ("sparse_categorical_crossentropy", "softmax", None, "index", 3, True),
    ("sparse_categorical_crossentropy", "softmax", "linear", "index", 3, False),
])
def test_loss(torch, loss, out_act, extra, kind, k, fused):
    p = mlp("tanh", out_act, k, loss=loss, optimizer={"kind": "sgd", "lr": 0.3, "momentum": 0.5},
            extra_out_activation=extra, epochs=25)
    run_both(torch, p, *data(kind, k=k), fused=fused)


def test_categorical_crossentropy_with_targets_that_do_not_sum_to_one(torch):
    """Multi-hot rows: the fused gradient must be softmax·Σt − t, as autograd finds it."""
    p = mlp("tanh", "softmax", 3, loss="categorical_crossentropy", optimizer={"kind": "sgd", "lr": 0.3}, epochs=20)
    rng = np.random.default_rng(4)
    targets = (rng.uniform(size=(10, 3)) > 0.4).astype(np.float64)
    assert len(set(targets.sum(axis=1))) > 1
    run_both(torch, p, data()[0], targets, fused=True)


# --- activations -------------------------------------------------------------------------------
@pytest.mark.parametrize("act", ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "softmax"])
def test_hidden_activation(torch, act):
    p = mlp(act, "linear", optimizer={"kind": "adam", "lr": 0.03}, epochs=25, hidden_units=5)
    if act in ("leaky_relu", "elu", "prelu"):
        p.node("h").config["alpha"] = {"leaky_relu": 0.2, "elu": 0.7, "prelu": 0.3}[act]
    _, start, trained = run_both(torch, p, *data())
    if act == "prelu":
        assert moved(start, trained, "h/alpha") > 1e-3        # the slope is learned


def test_activation_nodes_including_prelu(torch):
    """dense(linear) → activation(prelu) → dense → activation(elu): per-feature learned slopes."""
    p = mlp("linear", "linear", 2, optimizer={"kind": "sgd", "lr": 0.2}, epochs=25, hidden_units=4)
    p.nodes += [Node("pa", "activation", config={"activation": "prelu", "alpha": 0.2}),
                Node("ea", "activation", config={"activation": "elu"})]
    p.edges = [Edge("e1", "x", "h"), Edge("e2", "h", "pa"), Edge("e3", "pa", "o"), Edge("e4", "o", "ea")]
    p.outputs = ["ea"]
    _, start, trained = run_both(torch, p, *data())
    assert trained["pa/alpha"].shape == (4,) and moved(start, trained, "pa/alpha") > 1e-3


@pytest.mark.parametrize("act", ["relu", "leaky_relu", "prelu", "elu"])
def test_kinked_activations_at_exactly_zero(torch, act):
    """A zero-initialised layer puts every pre-activation on the kink at z = 0, where the slope is
    a convention: torch's is 0 for relu and alpha for leaky_relu, prelu and elu."""
    p = mlp(act, "linear", optimizer={"kind": "sgd", "lr": 0.1}, epochs=5)
    p.node("h").config["init"] = "zeros"
    model, start, trained = run_both(torch, p, *data())
    assert np.all(start["h/W"] == 0) and np.all(start["h/b"] == 0)
    assert (moved(start, trained, "h/W") > 1e-4) == (act != "relu")


@pytest.mark.parametrize("act", ["step", "sign"])
def test_step_and_sign_have_zero_gradient(torch, act):
    p = mlp(act, "linear", optimizer={"kind": "sgd", "lr": 0.1}, epochs=10)
    _, start, trained = run_both(torch, p, *data())
    assert moved(start, trained, "h/W") == 0.0 and moved(start, trained, "h/b") == 0.0
    assert moved(start, trained, "o/W") > 1e-3


# --- regularisation, batches, schedules, dtype -------------------------------------------------
@pytest.mark.parametrize("l1,l2", [(0.0, 0.01), (0.01, 0.0), (0.005, 0.02)])
def test_l1_l2(torch, l1, l2):
    p = mlp("tanh", "linear", optimizer={"kind": "sgd", "lr": 0.1}, regularization={"l1": l1, "l2": l2})
    run_both(torch, p, *data())


def test_l1_l2_over_weights_not_biases():
    """Pure penalty: with a zero data gradient only W shrinks; l2 by 2·lr·l2·w, l1 by lr·l1·sign(w)."""
    p = mlp("linear", "linear", 1, loss="mse", optimizer={"kind": "sgd", "lr": 0.1}, epochs=1, batch_size=0,
            regularization={"l1": 0.01, "l2": 0.1})
    model = compile_project(p, check=False)
    before = model.network.state_dict()
    h = before["h/W"]
    x = np.zeros((2, 3))
    out = model.network.forward([x])
    opt = make_optimizer("sgd", model.network.params, lr=0.1)
    list(train(model.network, model.objective, opt, Split([x], out.copy()), epochs=1))
    after = model.network.state_dict()
    np.testing.assert_allclose(after["h/W"], h - 0.1 * (2 * 0.1 * h + 0.01 * np.sign(h)), rtol=1e-12)
    np.testing.assert_array_equal(after["h/b"], before["h/b"])
    np.testing.assert_array_equal(after["o/b"], before["o/b"])


@pytest.mark.parametrize("batch_size", [1, 3, 0])
def test_mini_batches_in_file_order(torch, batch_size):
    """10 samples in batches of 3 (the last has 1), of 1, and the full batch."""
    p = mlp(optimizer={"kind": "sgd", "lr": 0.1, "momentum": 0.9}, epochs=8, batch_size=batch_size)
    model, _, _ = run_both(torch, p, *data())
    assert model.network is not None


@pytest.mark.parametrize("schedule", [{"kind": "step", "step_size": 4, "gamma": 0.5},
                                      {"kind": "exponential", "gamma": 0.9},
                                      {"kind": "cosine", "t_max": 0, "eta_min": 0.0},
                                      {"kind": "cosine", "t_max": 7, "eta_min": 0.01}])
def test_lr_schedule(torch, schedule):
    p = mlp(optimizer={"kind": "sgd", "lr": 0.2, "momentum": 0.5}, epochs=20, batch_size=3, schedule=schedule)
    run_both(torch, p, *data())


def test_lr_schedule_with_adam(torch):
    p = mlp(optimizer={"kind": "adam", "lr": 0.05}, epochs=20, batch_size=3,
            schedule={"kind": "cosine", "t_max": 0, "eta_min": 0.001})
    run_both(torch, p, *data())


@pytest.mark.parametrize("opt", [{"kind": "sgd", "lr": 0.1, "momentum": 0.9}, {"kind": "adam", "lr": 0.02},
                                 {"kind": "rmsprop", "lr": 0.01, "centered": True}])
def test_float32(torch, opt):
    p = mlp("tanh", "softmax", 3, loss="categorical_crossentropy", optimizer=opt, epochs=20, batch_size=3,
            dtype="float32", regularization={"l1": 0.0, "l2": 0.01})
    model, _, _ = run_both(torch, p, *data("onehot", k=3), rtol=1e-4, atol=1e-6)
    assert all(p.value.dtype == np.float32 for p in model.network.params)


# --- neuron-level graphs -----------------------------------------------------------------------
def neuron_graph(optimizer, epochs=30, loss="half_sse") -> Project:
    """Two inputs (one of width 2) → three hidden neurons → two outputs, with skip edges from the
    inputs straight to the outputs, a frozen edge, a frozen bias and a learned prelu slope. The
    edge weights without a value start from the neurons' initialisers."""
    p = Project()
    p.nodes += [Node("i", "input", config={"shape": [2]}), Node("j", "input", config={"shape": [1]}),
                Node("h1", "neuron", config={"activation": "tanh", "init": "he_uniform"}),
                Node("h2", "neuron", config={"activation": "tanh", "bias_trainable": False, "bias": 0.3}),
                Node("h3", "neuron", config={"activation": "prelu", "alpha": 0.2}, params={"b": np.array(0.1)}),
                Node("o1", "neuron", config={"activation": "sigmoid"}, params={"b": np.array(-0.2)}),
                Node("o2", "neuron", config={"activation": "linear", "bias_trainable": False})]
    p.edges += [Edge("a", "i", "h1"), Edge("b", "j", "h1", 0.4),
                Edge("c", "i", "h2", np.array([0.3, -0.7]), trainable=False),
                Edge("d", "i", "h3", np.array([0.5, 0.6])), Edge("d2", "j", "h3", -0.8),
                Edge("e", "h1", "o1", 0.7), Edge("f", "h2", "o1"), Edge("g", "i", "o1", np.array([0.2, -0.4])),
                Edge("h", "h3", "o2", -0.6), Edge("k", "h1", "o2", 0.5, trainable=False), Edge("m", "j", "o2", 0.9)]
    p.inputs, p.outputs = ["i", "j"], ["o1", "o2"]
    p.training.loss = loss
    p.training.optimizer = optimizer
    p.training.epochs = epochs
    p.training.batch_size = 4
    p.training.seed = 5
    return p


def neuron_data():
    rng = np.random.default_rng(2)
    i, j = rng.standard_normal((10, 2)), rng.standard_normal((10, 1))
    return [i, j], np.stack([1 / (1 + np.exp(-(i[:, 0] - j[:, 0]))), 0.5 * i[:, 1] + j[:, 0]], axis=1)


@pytest.mark.parametrize("opt", [{"kind": "sgd", "lr": 0.2},
                                 {"kind": "sgd", "lr": 0.1, "momentum": 0.9, "nesterov": True},
                                 {"kind": "adam", "lr": 0.03, "weight_decay": 0.01}, {"kind": "rmsprop", "lr": 0.01},
                                 {"kind": "adamw", "lr": 0.03}], ids=opt_id)
def test_neuron_graph_with_skip_and_frozen_edges(torch, opt):
    p = neuron_graph(opt)
    p.training.regularization = {"l1": 0.001, "l2": 0.01}
    _, start, trained = run_both(torch, p, *neuron_data())
    for frozen in ("edge:c", "edge:k", "h2/b", "o2/b"):
        assert moved(start, trained, frozen) == 0.0, frozen
    for learned in ("edge:a", "edge:g", "edge:m", "h1/b", "h3/alpha"):
        assert moved(start, trained, learned) > 1e-4, learned


@pytest.mark.parametrize("opt", [OPTIMIZERS[0]] + [{**OPTIMIZERS[i], "weight_decay": 0.01} for i in (1, 2, 3, 7, 9, 11)],
                         ids=opt_id)
def test_optimizer_on_the_flat_buffer(torch, opt):
    """The same updates when the optimiser steps one flat buffer; with l1/l2 and a neuron graph
    whose frozen edges and biases (masks) must stay put."""
    p = neuron_graph(opt, epochs=10)
    p.training.regularization = {"l1": 0.001, "l2": 0.01}
    _, start, trained = run_both(torch, p, *neuron_data(), flat=True)
    for frozen in ("edge:c", "edge:k", "h2/b", "o2/b"):
        assert moved(start, trained, frozen) == 0.0, frozen
    assert moved(start, trained, "edge:a") > 1e-4


def test_layer_graph_with_concatenation_skips_and_two_outputs(torch):
    """a → d1; [d1, b, a] → d2 (edge order is concatenation order); outputs d2 then d1, so d1 is
    both an output and an input of d2; mixed with a neuron reading part of d1 through a vector edge."""
    p = Project()
    p.nodes += [Node("a", "input", config={"shape": [2]}), Node("b", "input", config={"shape": [1]}),
                Node("d1", "dense", config={"units": 3, "activation": "elu", "init": "he_normal"}),
                Node("d2", "dense", config={"units": 2, "activation": "sigmoid", "bias_trainable": False}),
                Node("n", "neuron", config={"activation": "leaky_relu", "alpha": 0.1})]
    p.edges += [Edge("e1", "a", "d1"), Edge("e2", "d1", "d2"), Edge("e3", "b", "d2"), Edge("e4", "a", "d2"),
                Edge("e5", "d1", "n", np.array([0.3, -0.2, 0.5])), Edge("e6", "b", "n", 0.4)]
    p.inputs, p.outputs = ["a", "b"], ["d2", "d1", "n"]
    p.training.loss = "mse"
    p.training.optimizer = {"kind": "adam", "lr": 0.02}
    p.training.epochs = 20
    p.training.batch_size = 3
    p.training.regularization = {"l1": 0.0, "l2": 0.01}
    rng = np.random.default_rng(8)
    a, b = rng.standard_normal((10, 2)), rng.standard_normal((10, 1))
    t = np.concatenate([rng.uniform(0.1, 0.9, (10, 2)), rng.standard_normal((10, 4))], axis=1)
    model, start, trained = run_both(torch, p, [a, b], t)
    assert model.network.forward([a, b]).shape == (10, 6)
    assert moved(start, trained, "d2/b") == 0.0 and moved(start, trained, "edge:e5") > 1e-4


def test_a_dangling_trainable_node_only_feels_the_penalty(torch):
    """d2 reads the input but feeds nothing (validation only warns): its weights get just the
    l2 gradient, 2·l2·w, fresh at every step (stale grads would pile up and flip its sign)."""
    p = mlp("tanh", "linear", 2, optimizer={"kind": "sgd", "lr": 0.1}, epochs=10, regularization={"l1": 0.0, "l2": 0.1})
    p.nodes.append(Node("d2", "dense", config={"units": 2, "activation": "tanh"}))
    p.edges.append(Edge("e9", "x", "d2"))
    _, start, trained = run_both(torch, p, *data())
    steps = 10 * 3                      # 10 epochs of batches 4, 4, 2
    np.testing.assert_allclose(trained["d2/W"], start["d2/W"] * (1 - 0.1 * 2 * 0.1) ** steps, rtol=1e-12)


# --- the worked example (SEED_NOTES) -----------------------------------------------------------
def worked_example(epochs: int) -> Project:
    p = Project()
    p.nodes += [Node("i1", "input", config={"shape": [1]}), Node("i2", "input", config={"shape": [1]})]
    for h in ("h1", "h2"):
        p.nodes.append(Node(h, "neuron", config={"activation": "sigmoid", "bias_trainable": False},
                            params={"b": np.array(0.35)}))
    for o in ("o1", "o2"):
        p.nodes.append(Node(o, "neuron", config={"activation": "sigmoid", "bias_trainable": False},
                            params={"b": np.array(0.60)}))
    weights = [("i1", "h1", 0.15), ("i2", "h1", 0.20), ("i1", "h2", 0.25), ("i2", "h2", 0.30),
               ("h1", "o1", 0.40), ("h2", "o1", 0.45), ("h1", "o2", 0.50), ("h2", "o2", 0.55)]
    p.edges += [Edge(f"w{k + 1}", s, t, w) for k, (s, t, w) in enumerate(weights)]
    p.inputs, p.outputs = ["i1", "i2"], ["o1", "o2"]
    p.training.loss = "half_sse"
    p.training.optimizer = {"kind": "sgd", "lr": 0.5}
    p.training.epochs = epochs
    p.training.batch_size = 0
    return p


WORKED_X = [np.array([[0.05]]), np.array([[0.10]])]
WORKED_T = np.array([[0.01, 0.99]])


def _train_worked(epochs: int):
    model = compile_project(worked_example(epochs), check=False)
    opt = make_optimizer("sgd", model.network.params, lr=0.5)
    reports = list(train(model.network, model.objective, opt, Split(WORKED_X, WORKED_T), epochs=epochs))
    return model, reports


def test_worked_example_first_step():
    model = compile_project(worked_example(1), check=False)
    np.testing.assert_allclose(model.network.forward(WORKED_X), [[0.75136507, 0.77292847]], atol=5e-9)
    model, reports = _train_worked(1)
    assert reports[0].loss == pytest.approx(0.298371109, abs=1e-9)
    expected = {"w1": 0.149780716, "w2": 0.19956143, "w3": 0.24975114, "w4": 0.29950229,
                "w5": 0.35891648, "w6": 0.408666186, "w7": 0.511301270, "w8": 0.561370121}
    got = model.edge_weights()
    for name, value in expected.items():
        assert got[name] == pytest.approx(value, abs=1e-8), name
    y = model.network.forward(WORKED_X)
    assert 0.5 * float(((y - WORKED_T) ** 2).sum()) == pytest.approx(0.29102777, abs=1e-8)


def test_worked_example_10000_updates():
    model, reports = _train_worked(10_000)
    assert reports[-1].status == "finished" and reports[-1].step == 10_000
    y = model.network.forward(WORKED_X)
    loss = 0.5 * float(((y - WORKED_T) ** 2).sum())
    assert loss == pytest.approx(3.5102e-05, rel=1e-4)
    np.testing.assert_allclose(y, [[0.0159136, 0.9840643]], atol=1e-7)
    for node_id, b in {"h1": 0.35, "h2": 0.35, "o1": 0.60, "o2": 0.60}.items():
        assert float(model.node_params()[node_id]["b"]) == b            # frozen biases: bit for bit


def test_worked_example_matches_torch(torch):
    run_both(torch, worked_example(50), WORKED_X, WORKED_T, rtol=1e-10, atol=1e-13)


def test_binary_crossentropy_without_fusion_matches_torch_when_saturated(torch):
    """Outputs of exactly 0 or 1 (not from a sigmoid, so nothing is fused): torch caps each log
    at −100 and the gradient's divisor at 1e-12; so does nnstudio."""
    from nnstudio.engine import losses
    y = np.array([[1.0, 0.0, 0.5], [1e-30, 0.999, 0.25]])
    t = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    value, grad = losses.compute("binary_crossentropy", y, t)
    yt = torch.tensor(y, requires_grad=True)
    ref = torch.nn.functional.binary_cross_entropy(yt, torch.tensor(t))
    ref.backward()
    np.testing.assert_allclose(value, ref.item(), rtol=1e-12)
    np.testing.assert_allclose(grad, yt.grad.numpy(), rtol=1e-12)
