"""Acceptance: a project reading an iris-like CSV file (a header, a quoted name column holding
commas that the project ignores, four feature columns and a text species column) trains from the
command line to an accuracy of at least 0.95."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

SPECIES = ["setosa", "versicolor", "virginica"]
CENTRES = np.array([[5.0, 3.4, 1.5, 0.2], [5.9, 2.8, 4.3, 1.3], [6.6, 3.0, 5.6, 2.0]])


def write_csv(path: Path, rows: int = 150, seed: int = 7) -> list[int]:
    """Separable clusters in a shuffled order; returns the class index of each row."""
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(rows) % 3)
    features = CENTRES[labels] + rng.normal(0.0, 0.12, size=(rows, 4))
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)          # quotes the names that hold commas or quotes
        out.writerow(["name", "sepal length", "sepal width", "petal length", "petal width", "species"])
        for k, (label, x) in enumerate(zip(labels, features)):
            name = f'Plant {k}, picked by "Ann"' if k % 2 else f"plant{k}"
            out.writerow([name, *(f"{v:.3f}" for v in x), SPECIES[label]])
    return labels.tolist()


def project(tmp_path: Path) -> Path:
    d = {
        "format": "nnstudio.project", "version": 1,
        "meta": {"name": "Iris-like CSV"},
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [4]}},
                  {"id": "species", "kind": "dense", "config": {"units": 3, "activation": "softmax"}}],
        "edges": [{"id": "e1", "source": "x", "target": "species"}],
        "inputs": ["x"], "outputs": ["species"],
        "data": {
            "source": {"kind": "csv", "path": "flowers.csv",
                       "input_columns": ["sepal length", "sepal width", "petal length", "petal width"],
                       "target_columns": ["species"], "target_encoding": "onehot"},
            "validation_split": 0.2, "normalize": "standard"},
        "training": {"loss": "categorical_crossentropy", "optimizer": {"kind": "adam", "lr": 0.05},
                     "epochs": 150, "seed": 3},
    }
    path = tmp_path / "project.json"
    path.write_text(json.dumps(d, indent=1), encoding="utf-8")
    return path


def test_the_csv_file_has_quoted_commas(tmp_path):
    write_csv(tmp_path / "flowers.csv")
    text = (tmp_path / "flowers.csv").read_text(encoding="utf-8")
    assert '"Plant 1, picked by ""Ann""",' in text and ",setosa" in text


def test_an_iris_like_csv_trains_from_the_command_line(tmp_path):
    labels = write_csv(tmp_path / "flowers.csv")
    path = project(tmp_path)
    out = tmp_path / "trained.json"
    done = subprocess.run([sys.executable, "-m", "nnstudio", "train", str(path), "-q", "-o", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path.parent)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["epochs"] == 150
    assert result["accuracy"] >= 0.95
    assert result["val_loss"] is not None and result["val_loss"] < 0.2
    assert result["loss"] < 0.2

    # The trained project predicts every sample right, in file order (eval reads the CSV again).
    done = subprocess.run([sys.executable, "-m", "nnstudio", "eval", str(out), "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    metrics = json.loads(done.stdout)
    predicted = np.argmax(np.array(metrics["outputs"]), axis=1)
    assert len(predicted) == 150
    assert np.mean(predicted == np.array(labels)) >= 0.95
    assert metrics["accuracy"] >= 0.95
