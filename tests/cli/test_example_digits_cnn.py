"""The digits CNN example: the same digits, data settings and split as the digits MLP, a
LeNet-style conv → pool → dense network that, within the epochs it ships with, reads at least 97%
of the validation digits and ends with a lower validation loss than the MLP."""
from __future__ import annotations

from nnstudio.cli import main
from nnstudio.project.io import load_project
from nnstudio.project.validation import validate
from nnstudio.shipped import examples_dir

EXAMPLES = examples_dir()


def train(capsys, name: str, out_file, *more: str) -> None:
    code = main(["train", str(EXAMPLES / f"{name}.json"), "-q", "-o", str(out_file), *more])
    _, err = capsys.readouterr()
    assert code == 0, err


def test_digits_cnn_is_the_mlp_data_as_an_image():
    cnn, mlp = load_project(EXAMPLES / "digits_cnn.json"), load_project(EXAMPLES / "digits_mlp.json")
    assert validate(cnn) == []
    assert cnn.data == mlp.data                               # same digits, normalisation and split
    assert (cnn.training.loss, cnn.training.batch_size, cnn.training.seed, cnn.training.dtype) == \
        (mlp.training.loss, mlp.training.batch_size, mlp.training.seed, mlp.training.dtype)
    assert [n.kind for n in cnn.nodes] == ["input", "conv2d", "maxpool2d", "flatten", "dense", "dense"]
    assert cnn.nodes[0].config["shape"] == [1, 8, 8]
    assert "digits MLP" in cnn.meta["description"]            # says which example to compare it with


def test_digits_cnn_beats_the_mlp_on_unseen_digits(capsys, tmp_path):
    train(capsys, "digits_cnn", tmp_path / "cnn.json")
    train(capsys, "digits_mlp", tmp_path / "mlp.json")
    cnn, mlp = load_project(tmp_path / "cnn.json").history, load_project(tmp_path / "mlp.json").history
    assert len(cnn.epoch) == load_project(EXAMPLES / "digits_cnn.json").training.epochs
    assert cnn.val_accuracy[-1] >= 0.97
    assert cnn.val_loss[-1] < mlp.val_loss[-1]


def test_validate_eval_and_explain_read_the_cnn_layer_by_layer(capsys, tmp_path):
    assert main(["validate", str(EXAMPLES / "digits_cnn.json")]) == 0
    assert capsys.readouterr().out.startswith("ok: 6 nodes, 5 edges")
    assert main(["explain", str(EXAMPLES / "digits_cnn.json"), "--sample", "3"]) == 0
    out = capsys.readouterr().out
    forward = [" ".join(line.split()) for line in out.split("1. Forward pass")[1].split("2. Backward")[0].splitlines()]
    assert any(line.startswith("conv1 conv2d (relu) [1, 8, 8] [16, 8, 8] ") for line in forward)
    assert any(line.startswith("pool1 maxpool2d [16, 8, 8] [16, 4, 4] ") for line in forward)
    assert any(line.startswith("flat flatten [16, 4, 4] [256] ") for line in forward)
    assert "[16, 1, 3, 3]" in out                               # the backward table's conv W
    train(capsys, "digits_cnn", tmp_path / "cnn.json", "-e", "2")
    assert main(["eval", str(tmp_path / "cnn.json")]) == 0
    assert "validation  loss" in capsys.readouterr().out
