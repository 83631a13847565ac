"""The PyTorch script export: build_model() computes nnstudio's outputs from the same raw inputs
(to 1e-5) for every node kind, `python model.py --epochs 2` trains, and the same script completes
under `torchrun --nproc_per_node=2` on the CPU (gloo)."""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from nnstudio.data.features import FEATURE_NAMES
from nnstudio.export.torch_script import FEATURE_CODE, export_torch, file_names, read_torch_weights
from nnstudio.kinds import KINDS, missing_facets
from nnstudio.kinds.torch_code import ACTIVATION_CODE
from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.project.io import load_project
from nnstudio.project.model import Edge, History, Node, Project
from nnstudio.shipped import examples_dir
from nnstudio.training.runner import TrainingRun

torch = pytest.importorskip("torch")

RNG = np.random.default_rng(7)


def table(n_rows: int, n_in: int, targets) -> dict:
    x = np.round(RNG.normal(size=(n_rows, n_in)), 4)
    return {"kind": "table", "inputs": x.tolist(), "targets": targets}


def chain(shape: list[int], layers: list[tuple[str, str, dict]], n_targets: int = 1, rows: int = 12,
          **training) -> Project:
    """input → layers in a row; regression targets."""
    p = Project()
    p.nodes = [Node("in", "input", config={"shape": shape})]
    p.nodes += [Node(node_id, kind, config=config) for node_id, kind, config in layers]
    ids = [n.id for n in p.nodes]
    p.edges = [Edge(f"e{k}", a, b) for k, (a, b) in enumerate(zip(ids, ids[1:]))]
    p.inputs, p.outputs = ["in"], [ids[-1]]
    p.data.source = table(rows, int(np.prod(shape)), RNG.normal(size=(rows, n_targets)).round(3).tolist())
    p.training.batch_size = 5
    for key, value in training.items():
        setattr(p.training, key, value)
    return p


def neuron_net() -> Project:
    """Neurons with a skip edge (input → output), two activations at one depth (two groups), a
    frozen edge, a vector edge and prelu neurons."""
    p = Project()
    p.nodes = [Node("a", "input", config={"shape": [2]}), Node("b", "input", config={"shape": [1]}),
               Node("h1", "neuron", config={"activation": "tanh"}),
               Node("h2", "neuron", config={"activation": "tanh", "bias": 0.3}),
               Node("h3", "neuron", config={"activation": "prelu", "alpha": 0.2}),
               Node("out", "neuron", config={"activation": "sigmoid"}),
               Node("out-2", "neuron", config={"activation": "linear"})]
    p.edges = [Edge("e1", "a", "h1"), Edge("e2", "b", "h1", weight=0.7, trainable=False),
               Edge("e3", "a", "h2"), Edge("e4", "b", "h3"),
               Edge("e5", "h1", "out"), Edge("e6", "h2", "out"), Edge("e7", "h3", "out"),
               Edge("skip", "b", "out", weight=-1.25), Edge("e8", "h2", "out-2"), Edge("skip2", "a", "out-2")]
    p.inputs, p.outputs = ["a", "b"], ["out", "out-2"]
    p.data.source = table(10, 3, RNG.normal(size=(10, 2)).round(3).tolist())
    p.training.optimizer = {"kind": "sgd", "lr": 0.1, "momentum": 0.9}
    return p


def features_net() -> Project:
    """Derived features and a stored normaliser (the trained project's statistics are used)."""
    p = load_project(examples_dir() / "spiral_features.json")
    p.data.source["params"]["samples"] = 60
    p.data.normalizer = {"kind": "standard", "offset": [0.1, -0.2, 0.5, 0.4, 0.05, 0.02, -0.03],
                         "scale": [0.9, 1.1, 0.7, 0.8, 0.5, 0.6, 0.65]}
    p.history = History([1], [0.5], [None], [None], [None])
    return p


CONV = {"filters": 3, "kernel_size": 3}
PROJECTS = {
    "dense": lambda: load_project(examples_dir() / "xor_dense.json"),
    "neurons-skip": neuron_net,
    "features-normalizer": features_net,
    "conv-valid-maxpool": lambda: chain([1, 6, 6], [
        ("conv", "conv2d", {**CONV, "activation": "relu"}), ("pool", "maxpool2d", {"pool_size": 2}),
        ("flat", "flatten", {}), ("out", "dense", {"units": 2, "activation": "softmax"})], 2),
    "conv-same-stride2-avgpool": lambda: chain([2, 7, 7], [
        ("conv", "conv2d", {"filters": 4, "kernel_size": [3, 2], "stride": 2, "padding": "same",
                            "activation": "tanh"}),
        ("pool", "avgpool2d", {"pool_size": 2, "stride": 1}), ("flat", "flatten", {}),
        ("drop", "dropout", {"rate": 0.3}), ("out", "dense", {"units": 1, "activation": "sigmoid"})]),
    "conv-same-even-kernel": lambda: chain([1, 5, 6], [
        ("conv", "conv2d", {"filters": 2, "kernel_size": 4, "padding": "same", "activation": "elu",
                            "use_bias": False}),
        ("flat", "flatten", {}), ("act", "activation", {"activation": "prelu", "alpha": 0.1}),
        ("out", "dense", {"units": 1, "activation": "leaky_relu", "alpha": 0.2})],
        optimizer={"kind": "rmsprop", "lr": 0.01}),
    "rnn-seq": lambda: chain([5, 2], [
        ("rnn", "rnn", {"units": 3, "return_sequences": True, "activation": "relu"}),
        ("out", "dense", {"units": 1, "activation": "linear"})], 5),
    "lstm-last": lambda: chain([6, 3], [
        ("lstm", "lstm", {"units": 4}), ("out", "dense", {"units": 2, "activation": "prelu"})], 2,
        optimizer={"kind": "adam", "lr": 0.01}, schedule={"kind": "step", "step_size": 1, "gamma": 0.5}),
    "gru-seq-then-last": lambda: chain([4, 2], [
        ("gru1", "gru", {"units": 3, "return_sequences": True}), ("gru2", "gru", {"units": 2}),
        ("act", "activation", {"activation": "sign"}), ("out", "dense", {"units": 1})],
        loss="half_sse", regularization={"l1": 0.01, "l2": 0.001}),
    "dense-float32-frozen": lambda: chain([3], [
        ("d1", "dense", {"units": 4, "activation": "step", "trainable": False}),
        ("d2", "dense", {"units": 2, "activation": "elu", "bias_trainable": False})], 2, dtype="float32",
        optimizer={"kind": "adamw", "lr": 0.01}),
}


def load_module(path):
    spec = importlib.util.spec_from_file_location(f"exported_{abs(hash(str(path)))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def nnstudio_outputs(project: Project, raw: np.ndarray) -> np.ndarray:
    run = TrainingRun(project)
    return run.model.network.forward(run.encoder.encode(raw))


@pytest.mark.parametrize("name", PROJECTS)
def test_build_model_computes_nnstudios_outputs(name, tmp_path):
    project = PROJECTS[name]()
    paths = export_torch(project, tmp_path / "model.py")
    assert paths == list(file_names(tmp_path / "model.py")) and all(p.exists() for p in paths)
    with np.load(paths[2], allow_pickle=False) as data:
        raw = np.concatenate([data["x_train"]] + ([data["x_val"]] if "x_val" in data.files else []))
    module = load_module(paths[0])
    model = module.build_model()
    model.eval()
    with torch.no_grad():
        got = model(torch.from_numpy(raw)).numpy()
    want = nnstudio_outputs(project, raw)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-5)
    assert not np.allclose(want, want.reshape(-1)[0])       # not a constant: the check means something


def test_the_script_reads_as_the_graph(tmp_path):
    script = export_torch(neuron_net(), tmp_path / "net.py")[0]
    text = script.read_text()
    assert "self.neurons_1 = MaskedLinear(3, 2)" in text and "PReLU(1)" in text
    assert "h2 = neurons_1[..., 1:2]  # neuron 'h2'" in text      # node ids as identifiers
    assert "self.neurons_4 = MaskedLinear(3, 1)  # neuron 'out-2'" in text
    assert text.count("allow_pickle=False") == 2                  # weights and data; no pickle anywhere
    assert "torch.load" not in text and "torch.save" not in text and "import pickle" not in text
    assert "net_weights.npz" in text and "net_data.npz" in text
    assert "FROZEN = [" in text and "neurons_1.weight" in text
    with np.load(tmp_path / "net_weights.npz", allow_pickle=False) as weights:
        connected = weights["neurons_1.connected"]
        # h1 and h2 (tanh) share a group: h1 reads a (2 columns) and b, h2 only a.
        np.testing.assert_array_equal(connected, [[1, 1, 1], [1, 1, 0]])
        np.testing.assert_array_equal(weights["neurons_1.weight_trainable"], [[1, 1, 0], [1, 1, 0]])


def test_frozen_edges_stay_put_and_missing_edges_stay_zero(tmp_path):
    module = load_module(export_torch(neuron_net(), tmp_path / "model.py")[0])
    model = module.build_model()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.5)
    x = torch.from_numpy(RNG.normal(size=(8, 3)))
    model(x).pow(2).sum().backward()
    opt.step()
    after = model.state_dict()
    assert after["neurons_1.weight"][0, 2] == before["neurons_1.weight"][0, 2] == 0.7   # the frozen edge
    assert after["neurons_1.weight"][1, 2] == 0                                         # no edge
    assert not torch.equal(after["neurons_1.weight"][0, :2], before["neurons_1.weight"][0, :2])


def _run(args, cwd, timeout):
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _losses(stdout: str) -> list[float]:
    return [float(v) for v in re.findall(r"^epoch \d+/\d+  loss (\S+)", stdout, re.M)]


@pytest.mark.parametrize("name", ["features-normalizer", "lstm-last", "neurons-skip"])
def test_python_model_py_trains(name, tmp_path):
    script = export_torch(PROJECTS[name](), tmp_path / "model.py")[0]
    done = _run([str(script), "--epochs", "2"], tmp_path, 120)
    assert done.returncode == 0, done.stderr
    losses = _losses(done.stdout)
    assert len(losses) == 2 and all(np.isfinite(losses))
    checkpoint = tmp_path / "model_checkpoint.npz"
    with np.load(checkpoint, allow_pickle=False) as trained, \
            np.load(tmp_path / "model_weights.npz", allow_pickle=False) as start:
        assert set(trained.files) == set(start.files)
        assert any(not np.array_equal(trained[k], start[k]) for k in start.files)
    # It comes back into the project: nnstudio computes what the trained torch module computes.
    project = PROJECTS[name]()
    raw = np.load(tmp_path / "model_data.npz", allow_pickle=False)["x_train"]
    with torch.no_grad():
        want = load_module(script).build_model(str(checkpoint)).eval()(torch.from_numpy(raw)).numpy()
    np.testing.assert_allclose(nnstudio_outputs(read_torch_weights(project, checkpoint), raw), want, atol=1e-5)
    # The checkpoint continues: it is a weights file for build_model().
    again = _run([str(script), "--epochs", "1", "--weights", str(checkpoint), "--checkpoint",
                  str(tmp_path / "second.npz")], tmp_path, 120)
    assert again.returncode == 0 and len(_losses(again.stdout)) == 1, again.stderr


@pytest.mark.parametrize("name", ["features-normalizer", "neurons-skip"])
def test_torchrun_with_two_processes_completes_on_the_cpu(name, tmp_path):
    """DistributedDataParallel over gloo: a dense net with preprocessing buffers, and neuron groups
    whose masks are buffers and whose frozen entries are kept by gradient hooks."""
    script = export_torch(PROJECTS[name](), tmp_path / "model.py")[0]
    done = _run(["-m", "torch.distributed.run", "--nproc_per_node=2", str(script), "--epochs", "2"], tmp_path, 120)
    assert done.returncode == 0, done.stderr[-3000:]
    losses = _losses(done.stdout)
    assert len(losses) == 2 and all(np.isfinite(losses))     # printed once: by rank 0
    assert done.stdout.count("wrote ") == 1 and (tmp_path / "model_checkpoint.npz").exists()
    with np.load(tmp_path / "model_checkpoint.npz", allow_pickle=False) as trained, \
            np.load(tmp_path / "model_weights.npz", allow_pickle=False) as start:
        assert any(not np.array_equal(trained[k], start[k]) for k in start.files)
        if name == "neurons-skip":     # the frozen edge and the missing ones stay as they were
            assert trained["neurons_1.weight"][0, 2] == 0.7 and trained["neurons_1.weight"][1, 2] == 0


def test_every_kind_feature_and_activation_has_torch_code():
    assert all(KINDS[k].torch is not None and not missing_facets(KINDS[k]) for k in KINDS)
    assert set(FEATURE_CODE) == set(FEATURE_NAMES)
    assert set(ACTIVATION_CODE) | {"prelu"} == set(ACTIVATIONS)


def test_exporting_does_not_need_torch():
    code = ("import sys; sys.modules['torch'] = None\n"
            "import nnstudio.export.torch_script, nnstudio.kinds\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("example", sorted(p.name for p in examples_dir().glob("*.json")))
def test_every_shipped_example_exports_and_matches(example, tmp_path):
    project = load_project(examples_dir() / example)
    paths = export_torch(project, tmp_path / "model.py")
    with np.load(paths[2], allow_pickle=False) as data:
        raw = data["x_train"][:64]
    model = load_module(paths[0]).build_model().eval()
    with torch.no_grad():
        got = model(torch.from_numpy(raw)).numpy()
    np.testing.assert_allclose(got, nnstudio_outputs(project, raw), rtol=0, atol=1e-5)


@pytest.mark.parametrize("name", PROJECTS)
def test_weights_trained_by_the_script_come_back_into_the_project(name, tmp_path):
    """Every parameter changed in torch, saved as the script's checkpoint is, and read back:
    nnstudio then computes what the changed torch module computes."""
    project = PROJECTS[name]()
    paths = export_torch(project, tmp_path / "model.py")
    model = load_module(paths[0]).build_model().eval()
    gen = torch.Generator().manual_seed(3)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1 * torch.randn(p.shape, generator=gen, dtype=p.dtype))
    np.savez(tmp_path / "trained.npz", **{k: v.numpy() for k, v in model.state_dict().items()})
    back = read_torch_weights(project, tmp_path / "trained.npz")
    with np.load(paths[2], allow_pickle=False) as data:
        raw = data["x_train"]
    with torch.no_grad():
        want = model(torch.from_numpy(raw)).numpy()
    np.testing.assert_allclose(nnstudio_outputs(back, raw), want, rtol=0, atol=1e-5)
    assert not np.allclose(nnstudio_outputs(project, raw), want, atol=1e-3)   # the weights did change


@pytest.mark.parametrize("example, epochs", [("perceptron_learns_and.json", 20), ("xor_dense.json", 30),
                                             ("backprop_worked_example.json", 50)])
def test_the_script_trains_as_nnstudio_trains(example, epochs, tmp_path):
    """Unshuffled runs are deterministic: the script's weights after N epochs (read back) are
    nnstudio's after N epochs, for the perceptron rule with step, Adam on binary cross-entropy and
    plain SGD on ½·Σ(t − y)²."""
    project = load_project(examples_dir() / example)
    script = export_torch(project, tmp_path / "model.py")[0]
    done = _run([str(script), "--epochs", str(epochs)], tmp_path, 120)
    assert done.returncode == 0, done.stderr
    theirs = read_torch_weights(project, tmp_path / "model_checkpoint.npz")
    run = TrainingRun(project)
    for _ in run.reports(epochs):
        pass
    ours = project.copy()
    run.write_back(ours)
    for mine, other in zip(ours.nodes, theirs.nodes):
        for key in mine.params:
            np.testing.assert_allclose(other.params[key], mine.params[key], rtol=0, atol=1e-8, err_msg=mine.id)
    for mine, other in zip(ours.edges, theirs.edges):
        assert (mine.weight is None) == (other.weight is None)
        if mine.weight is not None:
            np.testing.assert_allclose(other.weight, mine.weight, rtol=0, atol=1e-8, err_msg=mine.id)
