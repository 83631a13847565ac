"""The command line, run in-process through `main([...])` (and once as `python -m nnstudio`)."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest

import nnstudio
from nnstudio.shipped import examples_dir
from nnstudio.cli import main
from nnstudio.cli.progress import Progress
from nnstudio.training.text import format_duration
from nnstudio.engine.training import Report
from nnstudio.project.io import load_project
from nnstudio.training.runner import TrainingRun

EXAMPLES = examples_dir()
WORKED = str(EXAMPLES / "backprop_worked_example.json")
XOR5 = str(EXAMPLES / "xor_5_hidden.json")
XOR_DENSE = str(EXAMPLES / "xor_dense.json")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


# --- validate ---------------------------------------------------------------------------------

def test_validate_prints_a_one_line_summary(capsys):
    code, out, err = cli(capsys, "validate", WORKED)
    assert code == 0
    assert out == "ok: 6 nodes, 8 edges, 2 inputs, 2 outputs, 1 sample\n"
    assert err == ""


def test_validate_lists_every_error_and_exits_2(capsys, tmp_path):
    d = json.loads(Path(XOR_DENSE).read_text())
    d["edges"].append({"id": "back", "source": "out", "target": "hidden"})
    path = tmp_path / "cycle.json"
    path.write_text(json.dumps(d))
    code, out, err = cli(capsys, "validate", str(path))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert lines and all(line.startswith("error: ") for line in lines)
    assert "cycle" in err


# --- train ------------------------------------------------------------------------------------

def test_train_last_stdout_line_is_json_with_the_four_keys(capsys):
    code, out, err = cli(capsys, "train", XOR_DENSE, "-e", "3", "--quiet")
    assert code == 0
    result = last_json(out)
    assert set(result) == {"epochs", "loss", "val_loss", "accuracy"}
    assert result["epochs"] == 3 and result["val_loss"] is None
    assert err == ""        # --quiet: no progress bar


def test_train_output_holds_weights_and_history_and_continues_numbering(capsys, tmp_path):
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    assert cli(capsys, "train", XOR_DENSE, "-e", "3", "-q", "-o", str(out1))[0] == 0
    first = load_project(out1)
    assert first.history.epoch == [1, 2, 3]
    assert all(np.isfinite(v) for v in first.history.loss)
    assert first.node("hidden").params["W"].shape == (2, 8)
    code, out, _ = cli(capsys, "train", str(out1), "-e", "2", "-q", "-o", str(out2))
    assert code == 0 and last_json(out)["epochs"] == 2
    second = load_project(out2)
    assert second.history.epoch == [1, 2, 3, 4, 5]
    assert second.history.loss[:3] == first.history.loss


def test_training_in_two_runs_equals_one_run_for_plain_sgd(capsys, tmp_path):
    # Plain SGD keeps no state between steps, so 3 + 2 epochs through a file give 5 epochs' weights.
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    cli(capsys, "train", WORKED, "-e", "3", "-q", "-o", str(out1))
    cli(capsys, "train", str(out1), "-e", "2", "-q", "-o", str(out2))
    code, out, _ = cli(capsys, "train", WORKED, "-e", "5", "-q")
    assert last_json(out)["loss"] == TrainingRun(load_project(out2)).evaluate("train")["loss"]


def test_output_in_another_folder_keeps_pointing_at_the_data_file(capsys, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "xor.csv").write_text("p,q,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    d = json.loads(Path(XOR_DENSE).read_text())
    d["data"]["source"] = {"kind": "csv", "path": "xor.csv", "input_columns": ["p", "q"], "target_columns": ["y"]}
    src = tmp_path / "a" / "p.json"
    src.write_text(json.dumps(d))
    out = tmp_path / "b" / "trained.json"
    assert cli(capsys, "train", str(src), "-e", "1", "-q", "-o", str(out))[0] == 0
    assert load_project(out).data.source["path"] == "../a/xor.csv"
    assert cli(capsys, "eval", str(out))[0] == 0


def test_same_seed_same_numbers_and_seed_flag_overrides(capsys, tmp_path):
    runs = [last_json(cli(capsys, "train", XOR5, "-e", "20", "-q", "--seed", s)[1]) for s in ("3", "3", "4")]
    assert runs[0] == runs[1]
    assert runs[0]["loss"] != runs[2]["loss"]
    out = tmp_path / "seeded.json"
    cli(capsys, "train", XOR5, "-e", "1", "-q", "--seed", "3", "-o", str(out))
    assert load_project(out).training.seed == 3


def test_train_progress_on_a_pipe_is_plain_lines(capsys):
    code, out, err = cli(capsys, "train", XOR_DENSE, "-e", "4")
    assert code == 0
    assert "\r" not in err
    lines = err.strip().splitlines()
    # Without -o the last line is the note that nothing was saved (issue 10); the bar's is before it.
    assert lines[-2].startswith("epoch 4/4") and "loss" in lines[-2] and "steps/s" in lines[-2]
    assert lines[-1].startswith("note: ")


def test_progress_redraws_in_place_on_a_terminal_at_most_ten_times_a_second():
    stream = io.StringIO()
    now = [0.0]
    bar = Progress(100, 1, stream, tty=True, clock=lambda: now[0])
    for epoch in range(1, 101):
        now[0] = epoch * 0.01                     # 100 epochs in one second
        bar.update(Report("epoch", epoch, epoch, 1.0 / epoch, elapsed=now[0]))
    bar.update(Report("end", 100, 100, 0.01, elapsed=1.0, status="finished"))
    bar.close()
    text = stream.getvalue()
    assert 9 <= text.count("\r") <= 13
    assert text.endswith("\n") and text.count("\n") == 1
    assert "epoch 100/100" in text.rsplit("\r", 1)[-1] and "steps/s" in text
    assert "ETA" in text and format_duration(125) == "2:05"


# --- eval, export, explain ----------------------------------------------------------------------

def test_eval_text_and_json(capsys):
    code, out, _ = cli(capsys, "eval", WORKED)
    assert code == 0 and "0.298371109" in out and "accuracy" in out
    code, out, _ = cli(capsys, "eval", WORKED, "--json")
    result = json.loads(out)
    assert set(result) == {"loss", "accuracy", "outputs"}
    assert result["outputs"][0] == pytest.approx([0.75136507, 0.77292847], abs=1e-8)


def test_eval_with_a_validation_split_reports_all_samples_in_order(capsys, tmp_path):
    d = json.loads(Path(XOR_DENSE).read_text())
    d["data"]["validation_split"] = 0.25
    path = tmp_path / "val.json"
    path.write_text(json.dumps(d))
    run = TrainingRun(load_project(path))
    assert len(run.train_split) == 3 and len(run.val_split) == 1
    code, out, _ = cli(capsys, "eval", str(path), "--json")
    outputs = np.array(json.loads(out)["outputs"])
    assert outputs.shape == (4, 1)
    assert np.allclose(outputs[3], run.evaluate("val")["outputs"][0])
    code, out, _ = cli(capsys, "train", str(path), "-e", "2", "-q")
    assert isinstance(last_json(out)["val_loss"], float)


def test_export_writes_npz_and_json_and_refuses_other_formats(capsys, tmp_path):
    for fmt in ("npz", "json"):
        target = tmp_path / f"w.{fmt}"
        code, out, _ = cli(capsys, "export", XOR_DENSE, "--format", fmt, "-o", str(target))
        assert code == 0 and target.exists() and "4 weight arrays" in out
    # Issue 13 added onnx and torch (tests/cli/test_export_import_cli.py); anything else argparse refuses.
    for fmt in ("pdf", "safetensors"):
        code, out, err = cli(capsys, "export", XOR_DENSE, "--format", fmt, "-o", str(tmp_path / "x"))
        assert code == 2 and err.startswith("error: export: argument --format: invalid choice")
        assert "'npz', 'json', 'onnx', 'torch'" in err and err.count("\n") == 1 and not (tmp_path / "x").exists()


def test_explain_walks_the_worked_example_number_by_number(capsys):
    code, out, _ = cli(capsys, "explain", WORKED)
    assert code == 0
    for number in ("0.3775", "0.593269992", "0.75136507", "0.772928465", "0.298371109",   # forward, error
                   "0.138498562", "-0.0380982365", "0.00877135469",                      # δ
                   "0.0821670406", "0.35891648", "0.408666186", "0.51130127", "0.561370121",
                   "0.149780716", "0.199561432", "0.249751144", "0.299502287"):           # new weights
        assert number in out, number
    assert "0.6 (frozen)" in out
    code, md, _ = cli(capsys, "explain", WORKED, "--format", "markdown")
    assert code == 0 and "## 3. Backward pass" in md and "| w5 | h1 → o1 |" in md


def test_explain_summarises_layer_networks_and_checks_the_sample(capsys):
    # Samples count from 1, as in the window (issue 10): the last of four is 4.
    code, out, _ = cli(capsys, "explain", XOR_DENSE, "--sample", "4")
    assert code == 0 and "[2, 8]" in out and "‖∂E/∂p‖" in out and "binary_crossentropy" in out
    code, out, err = cli(capsys, "explain", XOR_DENSE, "--sample", "5")
    assert code == 2 and err.startswith("error: --sample") and err.count("\n") == 1


# --- dispatch -----------------------------------------------------------------------------------

def test_help_and_version_exit_0(capsys):
    assert main(["-h"]) == 0
    assert main(["train", "--help"]) == 0
    assert main(["--version"]) == 0
    assert "nnstudio" in capsys.readouterr().out


def test_no_command_opens_the_gui_with_the_project(monkeypatch, capsys):
    calls = []
    fake = types.ModuleType("nnstudio.ui.app")
    fake.run = lambda path: calls.append(path) or 0
    monkeypatch.setitem(sys.modules, "nnstudio.ui.app", fake)
    assert main([]) == 0
    assert main([WORKED]) == 0
    assert calls == [None, WORKED]
    code, _, err = cli(capsys, "trian", WORKED)
    assert code == 2 and "unknown command 'trian'" in err


def test_gui_without_a_display_is_a_clear_error(monkeypatch, capsys):
    if not sys.platform.startswith("linux"):
        pytest.skip("the display check is for Linux's X11/Wayland")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    code, out, err = cli(capsys)
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [err.strip()] and err.startswith("error: no display")


def test_training_run_write_back_is_idempotent():
    project = load_project(WORKED)
    run = TrainingRun(project)
    run.run(2)
    run.write_back(project)
    run.write_back(project)
    assert project.history.epoch == [1, 2]
    assert project.edge("w5").weight == pytest.approx(run.model.edge_weights()["w5"])
    run.run(1)
    run.write_back(project)
    assert project.history.epoch == [1, 2, 3]


def test_python_dash_m_nnstudio_is_the_entry_point():
    env = {**os.environ, "PYTHONPATH": str(Path(nnstudio.__file__).parent.parent)}
    proc = subprocess.run([sys.executable, "-m", "nnstudio", "validate", WORKED], capture_output=True,
                          text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: 6 nodes")
