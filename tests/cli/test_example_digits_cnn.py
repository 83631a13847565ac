"""The digits CNN example: the same digits, data settings and split as the digits MLP, a
LeNet-style conv → pool → dense network that, within the epochs it ships with, reads at least 97%
of the validation digits and ends with a lower validation loss than the MLP."""
from __future__ import annotations

from nnstudio.cli import main
from nnstudio.project.io import load_project
from nnstudio.project.validation import validate
from nnstudio.shipped import examples_dir

EXAMPLES = examples_dir()


def train(capsys, name: str, out_file) -> None:
    code = main(["train", str(EXAMPLES / f"{name}.json"), "-q", "-o", str(out_file)])
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
