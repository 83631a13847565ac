"""The file format's defaults learn: a project that leaves out its training settings and its
neurons' configs trains XOR with `nnstudio train` (issue 10's "defaults that work")."""
from __future__ import annotations

import json

from nnstudio.cli import main
from nnstudio.project.io import load_project
from nnstudio.project.model import DEFAULT_OPTIMIZER, TrainingSpec

XOR_ROWS = [[0, 0], [0, 1], [1, 0], [1, 1]]
XOR_TARGETS = [[0], [1], [1], [0]]


def bare_xor_file(tmp_path) -> str:
    """The README's flow as a file: 2 inputs, a column of 3 neurons, 1 output neuron, the XOR
    table; no `training` key and no node `config` beyond the inputs' shapes."""
    nodes = [{"id": "x1", "kind": "input", "config": {"shape": [1]}},
             {"id": "x2", "kind": "input", "config": {"shape": [1]}}]
    nodes += [{"id": f"n{i}", "kind": "neuron"} for i in (1, 2, 3)]
    nodes.append({"id": "y", "kind": "neuron"})
    edges = [{"id": f"{s}_{t}", "source": s, "target": t}
             for s, t in [(x, f"n{i}") for i in (1, 2, 3) for x in ("x1", "x2")] + [(f"n{i}", "y") for i in (1, 2, 3)]]
    project = {"format": "nnstudio.project", "version": 1, "nodes": nodes, "edges": edges,
               "inputs": ["x1", "x2"], "outputs": ["y"],
               "data": {"source": {"kind": "table", "inputs": XOR_ROWS, "targets": XOR_TARGETS}}}
    path = tmp_path / "bare_xor.json"
    path.write_text(json.dumps(project))
    return str(path)


def test_the_defaults_are_the_documented_ones(tmp_path):
    spec = load_project(bare_xor_file(tmp_path)).training
    assert spec == TrainingSpec()
    assert spec.optimizer == DEFAULT_OPTIMIZER == {"kind": "sgd", "lr": 0.5, "momentum": 0.9}
    assert (spec.loss, spec.epochs, spec.batch_size) == ("mse", 1000, 0)
    assert {n.config["activation"] for n in load_project(bare_xor_file(tmp_path)).nodes
            if n.kind == "neuron"} == {"sigmoid"}


def test_a_file_with_every_default_learns_xor_for_nine_seeds_in_ten(tmp_path, capsys):
    path = bare_xor_file(tmp_path)
    learned = []
    for seed in range(10):
        out_path = tmp_path / f"trained_{seed}.json"
        code = main(["train", path, "--seed", str(seed), "--quiet", "-o", str(out_path)])
        out, _err = capsys.readouterr()
        summary = json.loads(out.strip().splitlines()[-1])
        assert code == 0 and summary["epochs"] == 1000
        learned.append(summary["accuracy"] == 1.0)
        if learned[-1]:
            # 100 % on the table means each output sits on the right side of 0.5.
            code = main(["eval", str(out_path), "--json"])
            outputs = json.loads(capsys.readouterr()[0])["outputs"]
            assert [round(row[0]) for row in outputs] == [t[0] for t in XOR_TARGETS]
    assert sum(learned) >= 9, f"learned XOR for seeds {[s for s, ok in enumerate(learned) if ok]}"
