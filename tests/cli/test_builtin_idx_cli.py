"""The command line on built-in datasets and IDX files: validate, train (with features, a seeded
split and a stored normaliser), eval, and the errors a bad dataset gives."""
from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

import numpy as np

from nnstudio.cli import main
from nnstudio.project.io import load_project


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def write_project(path: Path, source: dict, inputs: int, outputs: int, loss: str, epochs: int = 60,
                  hidden: int = 8, **data) -> str:
    act = {"sparse_categorical_crossentropy": "softmax", "binary_crossentropy": "sigmoid"}.get(loss, "linear")
    d = {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [inputs]}},
                  {"id": "h", "kind": "dense", "config": {"units": hidden, "activation": "tanh"}},
                  {"id": "o", "kind": "dense", "config": {"units": outputs, "activation": act}}],
        "edges": [{"id": "e1", "source": "x", "target": "h"}, {"id": "e2", "source": "h", "target": "o"}],
        "inputs": ["x"], "outputs": ["o"],
        "data": {"source": source, **data},
        "training": {"loss": loss, "optimizer": {"kind": "adam", "lr": 0.05}, "epochs": epochs, "seed": 1},
    }
    path.write_text(json.dumps(d), encoding="utf-8")
    return str(path)


def test_circle_with_playground_features_trains_from_the_command_line(capsys, tmp_path):
    path = write_project(tmp_path / "circle.json", {"kind": "builtin", "name": "circle", "params": {"samples": 200}},
                         3, 1, "binary_crossentropy", epochs=150, features=["x1^2", "x2^2", "x1*x2"],
                         normalize="standard", validation_split=0.2, split_seed=5)
    code, out, err = cli(capsys, "validate", path)
    assert (code, err) == (0, "") and out.startswith("ok: 3 nodes, 2 edges, 1 input, 1 output, 200 samples")
    trained = tmp_path / "trained.json"
    code, out, _ = cli(capsys, "train", path, "-q", "-o", str(trained))
    result = last_json(out)
    assert code == 0 and result["accuracy"] >= 0.95 and result["val_loss"] is not None
    project = load_project(trained)
    assert project.data.normalizer["kind"] == "standard" and len(project.data.normalizer["offset"]) == 3
    assert project.data.features == ["x1^2", "x2^2", "x1*x2"] and project.data.split_seed == 5
    code, out, _ = cli(capsys, "eval", str(trained), "--json")
    evaluated = json.loads(out)
    assert code == 0 and len(evaluated["outputs"]) == 200
    assert evaluated["accuracy"] >= 0.95


def test_digits_train_to_high_accuracy(capsys, tmp_path):
    path = write_project(tmp_path / "digits.json", {"kind": "builtin", "name": "digits"}, 64, 10,
                         "sparse_categorical_crossentropy", epochs=40, hidden=32, normalize="minmax",
                         validation_split=0.2)
    code, out, _ = cli(capsys, "train", path, "-q")
    assert code == 0
    assert last_json(out)["accuracy"] >= 0.9


def test_bad_builtin_is_one_error_line(capsys, tmp_path):
    path = write_project(tmp_path / "bad.json", {"kind": "builtin", "name": "moons", "params": {"samples": -3}},
                         2, 1, "binary_crossentropy")
    for command in ("validate", "train", "eval"):
        code, out, err = cli(capsys, command, path)
        assert code == 2, command
        assert "data.source.params.samples: must be from 1 to 1 000 000, not -3" in err


def idx(array: np.ndarray) -> bytes:
    head = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + array.astype(np.uint8).tobytes()


def test_idx_project_trains_and_evaluates(capsys, tmp_path):
    # 4×4 "images": a bright left half is class 0, a bright right half class 1, and the labels
    # file is gzip-compressed under a name that does not say so
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 120)
    images = rng.integers(0, 60, (120, 4, 4))
    for k, label in enumerate(labels):
        images[k, :, 2 * label:2 * label + 2] += 180
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "images.idx3-ubyte").write_bytes(idx(images))
    (tmp_path / "data" / "labels.idx1-ubyte").write_bytes(gzip.compress(idx(labels)))
    source = {"kind": "idx", "images": "data/images.idx3-ubyte", "labels": "data/labels.idx1-ubyte"}
    path = write_project(tmp_path / "idx.json", source, 16, 2, "sparse_categorical_crossentropy", epochs=30,
                         normalize="minmax")
    code, out, _ = cli(capsys, "validate", path)
    assert code == 0 and "120 samples" in out
    code, out, _ = cli(capsys, "train", path, "-q")
    assert code == 0 and last_json(out)["accuracy"] == 1.0
    code, out, _ = cli(capsys, "eval", path, "--json")
    assert code == 0 and len(json.loads(out)["outputs"]) == 120
    # a cut-short file is one error line naming the file as the project does
    (tmp_path / "data" / "images.idx3-ubyte").write_bytes(idx(images)[:-5])
    code, out, err = cli(capsys, "validate", path)
    assert code == 2 and err.startswith("error: data/images.idx3-ubyte: is cut short")
