"""Bad files, values and arguments: exit 2 and exactly one `error:` line that says where.

A run that diverges exits 3 and still writes its last finite weights with -o.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nnstudio.shipped import examples_dir
from nnstudio.cli import main
from nnstudio.project.io import load_project

EXAMPLES = examples_dir()
XOR_DENSE = EXAMPLES / "xor_dense.json"


def example(name: str = "xor_dense") -> dict:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def write(tmp_path: Path, d: dict, name: str = "bad.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(d), encoding="utf-8")
    return str(path)


def one_error(capsys, *args: str) -> str:
    """Run the command line, check exit 2 and one `error:` line on stderr; return that line."""
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err and "usage:" not in err
    return lines[0]


@pytest.mark.parametrize("command", ["train", "eval", "validate", "explain"])
def test_malformed_json_names_the_file_line_and_column(command, capsys, tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "nnstudio.project", "version": 1,,}', encoding="utf-8")
    line = one_error(capsys, command, str(bad))
    assert "broken.json" in line and "line 1" in line


def test_unknown_node_kind_names_the_json_path(capsys, tmp_path):
    d = example()
    d["nodes"][1]["kind"] = "conv9d"
    line = one_error(capsys, "train", "-q", write(tmp_path, d))
    assert "nodes[1].kind" in line and "conv9d" in line


def test_params_of_the_wrong_shape_name_the_node(capsys, tmp_path):
    d = example()
    d["nodes"][1]["params"] = {"W": [[1.0, 2.0], [3.0, 4.0]]}
    line = one_error(capsys, "train", "-q", write(tmp_path, d))
    assert "hidden" in line and "[2, 8]" in line


def test_data_columns_that_do_not_fit_the_input_shape(capsys, tmp_path):
    d = example()
    d["nodes"][0]["config"]["shape"] = [3]
    line = one_error(capsys, "eval", write(tmp_path, d))
    assert "3" in line and "column" in line


def test_a_cycle_names_a_node_on_it(capsys, tmp_path):
    d = example()
    d["edges"].append({"id": "back", "source": "out", "target": "hidden"})
    line = one_error(capsys, "train", "-q", write(tmp_path, d))
    assert "cycle" in line and ("hidden" in line or "out" in line)


def test_missing_project_file(capsys, tmp_path):
    missing = str(tmp_path / "nowhere.json")
    line = one_error(capsys, "train", missing)
    assert "nowhere.json" in line


def test_missing_data_file_names_it(capsys, tmp_path):
    d = example()
    d["data"]["source"] = {"kind": "csv", "path": "absent.csv", "input_columns": ["a", "b"],
                           "target_columns": ["y"]}
    line = one_error(capsys, "train", "-q", write(tmp_path, d))
    assert "absent.csv" in line


@pytest.mark.parametrize("kind", ["csv", "npz"])
def test_nan_in_the_data_names_the_file(kind, capsys, tmp_path):
    # JSON cannot hold NaN, so the bad value comes from a data file next to the project.
    d = example()
    if kind == "csv":
        (tmp_path / "data.csv").write_text("a,b,y\n0,0,0\n0,nan,1\n1,0,1\n1,1,0\n", encoding="utf-8")
        d["data"]["source"] = {"kind": "csv", "path": "data.csv", "input_columns": ["a", "b"],
                               "target_columns": ["y"]}
    else:
        x = np.array([[0, 0], [0, 1], [1, np.nan], [1, 1]], dtype=np.float64)
        np.savez(tmp_path / "data.npz", inputs=x, targets=np.array([[0.0], [1.0], [1.0], [0.0]]))
        d["data"]["source"] = {"kind": "npz", "path": "data.npz"}
    line = one_error(capsys, "train", "-q", write(tmp_path, d))
    assert f"data.{kind}" in line and "NaN" in line


@pytest.mark.parametrize("args", [["train", str(XOR_DENSE), "--bogus"], ["--bogus"],
                                  ["train", str(XOR_DENSE), "-e", "many"], ["train", str(XOR_DENSE), "-e", "-1"],
                                  ["export", str(XOR_DENSE), "--format", "pickle", "-o", "x"],
                                  ["eval"], ["explain", str(XOR_DENSE), "--format", "html"]])
def test_bad_arguments(args, capsys):
    one_error(capsys, *args)


@pytest.mark.parametrize("where", ["missing-folder", "folder"])
def test_an_output_path_that_cannot_be_written(where, capsys, tmp_path):
    target = tmp_path / "no" / "such" / "out.json" if where == "missing-folder" else tmp_path
    line = one_error(capsys, "train", str(XOR_DENSE), "-e", "1", "-q", "-o", str(target))
    assert str(target) in line
    line = one_error(capsys, "export", str(XOR_DENSE), "--format", "npz", "-o", str(target))
    assert str(target) in line


def diverging_project() -> dict:
    """Linear regression y = w·x with a learning rate far too large: |w| grows ×100 each epoch."""
    xs = [[float(v)] for v in range(1, 11)]
    return {
        "format": "nnstudio.project", "version": 1,
        "meta": {"name": "diverges", "description": ""},
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [1]}},
                  {"id": "y", "kind": "neuron", "config": {"activation": "linear"}}],
        "edges": [{"id": "w", "source": "x", "target": "y", "weight": 0.5}],
        "inputs": ["x"], "outputs": ["y"],
        "data": {"source": {"kind": "table", "inputs": xs, "targets": [[2.0 * x[0]] for x in xs]}},
        "training": {"loss": "mse", "optimizer": {"kind": "sgd", "lr": 1.5}, "epochs": 1000, "batch_size": 0},
    }


def test_a_diverging_run_exits_3_and_writes_the_last_finite_weights(capsys, tmp_path):
    source = write(tmp_path, diverging_project(), "diverges.json")
    out_file = tmp_path / "out.json"
    code = main(["train", source, "-q", "-o", str(out_file)])
    out, err = capsys.readouterr()
    assert code == 3
    assert "stopped early" in err and "loss" in err and "Traceback" not in err
    result = json.loads(out.strip().splitlines()[-1])
    assert 0 < result["epochs"] < 1000
    trained = load_project(out_file)
    assert len(trained.history.epoch) == result["epochs"]
    assert np.isfinite(trained.edge("w").weight) and np.isfinite(float(trained.node("y").params["b"]))
    assert all(np.isfinite(trained.history.loss))
