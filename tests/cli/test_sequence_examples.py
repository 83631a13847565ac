"""The recurrent examples teach what their descriptions say: the LSTM forecasts the sine far
better than predicting the mean, and on the marked-bit memory task the gated layers (the LSTM
example, and a GRU in its place) clearly beat the plain RNN with the same data and settings."""
from __future__ import annotations

import json

import numpy as np
import pytest

from nnstudio.cli import main
from nnstudio.data import load_source
from nnstudio.data.prepare import validation_count
from nnstudio.project.io import load_project, save_project
from nnstudio.shipped import examples_dir

EXAMPLES = examples_dir()


def train(capsys, file) -> dict:
    """The last JSON line of `nnstudio train FILE -q` (epochs, loss, val_loss, accuracy)."""
    code = main(["train", str(file), "-q"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out.strip().splitlines()[-1])


def validated(capsys, file, tmp_path) -> tuple[float, float | None]:
    """(validation loss, validation accuracy) after training, as `nnstudio eval` reports them."""
    trained = tmp_path / f"trained_{file.stem}.json"
    assert main(["train", str(file), "-q", "-o", str(trained)]) == 0
    capsys.readouterr()
    assert main(["eval", str(trained)]) == 0
    line = next(l for l in capsys.readouterr()[0].splitlines() if l.startswith("validation")).split()
    accuracy = line[line.index("accuracy") + 1]
    return float(line[line.index("loss") + 1]), None if accuracy == "–" else float(accuracy)


def test_the_sine_lstm_forecasts_far_better_than_the_mean(capsys):
    project = load_project(EXAMPLES / "sine_lstm.json")
    assert project.node("window").config["shape"] == [20, 1] and project.node("lstm").kind == "lstm"
    assert project.data.source["name"] == "sine_next"
    targets = load_source(project.data.source, EXAMPLES).targets[:, 0]
    n_val = validation_count(len(targets), project.data.validation_split)
    rng_order = np.random.default_rng(project.data.split_seed).permutation(len(targets))
    val_targets = targets[np.sort(rng_order[len(targets) - n_val:])]
    mean_loss = float(((val_targets - targets.mean()) ** 2).mean())        # predicting the mean: ~0.5
    result = train(capsys, EXAMPLES / "sine_lstm.json")
    assert mean_loss > 0.4
    assert result["val_loss"] < 0.01 * mean_loss


def test_on_the_memory_task_the_lstm_and_a_gru_beat_the_plain_rnn(capsys, tmp_path):
    rnn, lstm = (load_project(EXAMPLES / f"memory_{k}.json") for k in ("rnn", "lstm"))
    assert rnn.data == lstm.data and rnn.training == lstm.training          # the same data and settings
    assert [n.kind for n in rnn.nodes] == ["input", "rnn", "dense"] and lstm.nodes[1].kind == "lstm"
    assert rnn.data.source["name"] == "marked_bit" and rnn.node("bits").config["shape"] == [20, 2]
    gru = load_project(EXAMPLES / "memory_lstm.json")
    gru.nodes[1].kind = "gru"
    save_project(gru, tmp_path / "memory_gru.json")
    rnn_loss, rnn_acc = validated(capsys, EXAMPLES / "memory_rnn.json", tmp_path)
    for gated in (EXAMPLES / "memory_lstm.json", tmp_path / "memory_gru.json"):
        loss, acc = validated(capsys, gated, tmp_path)
        assert acc >= 0.95 and loss < 0.1, gated.stem
        assert acc >= rnn_acc + 0.2 and loss < rnn_loss / 5, gated.stem
    assert rnn_acc <= 0.8                       # the plain RNN stays far from reading the marked bit


@pytest.mark.parametrize("name", ["sine_lstm", "memory_rnn", "memory_lstm"])
def test_explain_covers_the_recurrent_examples_at_layer_level(capsys, name):
    assert main(["explain", str(EXAMPLES / f"{name}.json")]) == 0
    out = capsys.readouterr()[0]
    kind = load_project(EXAMPLES / f"{name}.json").nodes[1].kind
    assert f" {kind} " in out and "[20, " in out and "Wh" in out
