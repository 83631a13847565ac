"""Issue 10's command line: only working export formats, a note when `train` keeps nothing,
samples numbered from 1 as in the window, and `explain` wrapped to the terminal."""
from __future__ import annotations

import io
import re

import pytest

from nnstudio.shipped import examples_dir
from nnstudio.cli import NOT_SAVED, main
from nnstudio.training.explain import explain
from nnstudio.training.text import DEFAULT_WIDTH, MIN_WIDTH, records, terminal_width, text_table, wrap
from nnstudio.project.io import load_project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import num, walk_sample

EXAMPLES = examples_dir()
WORKED = str(EXAMPLES / "backprop_worked_example.json")
XOR5 = str(EXAMPLES / "xor_5_hidden.json")
XOR_DENSE = str(EXAMPLES / "xor_dense.json")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- export ---------------------------------------------------------------------------------------

def test_export_help_offers_only_the_formats_that_work(capsys):
    code, out, _ = cli(capsys, "export", "--help")
    # Issue 13 made onnx and torch work (tests/cli/test_export_import_cli.py runs both).
    assert code == 0 and "{npz,json,onnx,torch}" in out


# --- train without -o -----------------------------------------------------------------------------

def test_train_without_output_says_the_weights_were_not_saved_and_how_to_keep_them(capsys, tmp_path):
    code, out, err = cli(capsys, "train", XOR_DENSE, "-e", "2")
    assert code == 0
    assert err.splitlines()[-1] == NOT_SAVED
    assert "not saved" in NOT_SAVED and "-o trained.json" in NOT_SAVED
    assert out.strip().splitlines()[-1].startswith("{")          # stdout keeps only the JSON
    # With -o the weights are saved, so there is nothing to say.
    code, _, err = cli(capsys, "train", XOR_DENSE, "-e", "2", "-o", str(tmp_path / "t.json"))
    assert code == 0 and "note:" not in err and (tmp_path / "t.json").exists()


def test_quiet_train_and_no_epochs_print_no_note(capsys):
    code, _, err = cli(capsys, "train", XOR_DENSE, "-e", "2", "-q")
    assert (code, err) == (0, "")
    code, _, err = cli(capsys, "train", XOR_DENSE, "-e", "0")    # nothing trained: nothing lost
    assert code == 0 and "note:" not in err


# --- explain: samples from 1 ----------------------------------------------------------------------

def test_explain_numbers_samples_from_1_like_the_window(capsys):
    code, out, _ = cli(capsys, "explain", XOR5)
    assert code == 0 and out.startswith("XOR with 5 hidden neurons: sample 1 of 4\n")
    assert "inputs: x1 = 0, x2 = 0" in out
    code, out, _ = cli(capsys, "explain", XOR5, "--sample", "4")
    assert code == 0 and "sample 4 of 4" in out and "inputs: x1 = 1, x2 = 1" in out
    code, md, _ = cli(capsys, "explain", WORKED, "--format", "markdown")
    assert md.startswith("# Backprop worked example: sample 1 of 1\n")


def test_explain_sample_k_is_the_windows_sample_k(capsys):
    # The Backprop panel walks index K - 1 when its Sample box shows K.
    project = load_project(XOR5)
    run = TrainingRun(project)
    walk = walk_sample(project, run, 2)
    code, out, _ = cli(capsys, "explain", XOR5, "--sample", "3")
    assert code == 0 and "sample 3 of 4" in out and "inputs: x1 = 1, x2 = 0" in out
    assert num(walk.error) in out and num(walk.neurons["y"].delta) in out


@pytest.mark.parametrize("k, expected", [
    ("0", "samples are numbered from 1, as in the window; 0 is not a sample"),
    ("-2", "samples are numbered from 1, as in the window; -2 is not a sample"),
    ("5", "--sample 5: the project has 4 samples, numbered 1 to 4"),
])
def test_explain_refuses_a_sample_outside_1_to_n_in_plain_words(capsys, k, expected):
    code, out, err = cli(capsys, "explain", XOR5, "--sample", k)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and expected in err


def test_a_one_sample_project_names_its_only_sample(capsys):
    code, _, err = cli(capsys, "explain", WORKED, "--sample", "2")
    assert code == 2 and err == "error: --sample 2: the project has only 1 sample: use --sample 1\n"


# --- explain: wrapped to the terminal -------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.json")))
def test_explain_of_every_example_fits_80_columns_and_keeps_every_number(capsys, name):
    path = str(EXAMPLES / f"{name}.json")
    code, out, _ = cli(capsys, "explain", path)       # captured: not a terminal, so 80 columns
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= DEFAULT_WIDTH
    project = load_project(path)
    whole = explain(project, TrainingRun(project), 0)  # width None: not wrapped (the panel's text)
    assert sorted(NUMBER.findall(out)) == sorted(NUMBER.findall(whole))


def test_the_widest_example_lines_are_now_wrapped(capsys):
    project = load_project(XOR5)
    run = TrainingRun(project)
    assert max(len(line) for line in explain(project, run, 0).splitlines()) > 120    # the 139
    text = explain(project, run, 0, width=80)
    # The output neuron's sum breaks before a "+", inside its column, next to its net and out.
    row = next(i for i, line in enumerate(text.splitlines()) if line.startswith("  y       sigmoid"))
    lines = text.splitlines()
    assert "1.22457938" in lines[row] and "0.772868431" in lines[row]
    assert lines[row + 1].lstrip().startswith("+ ") and lines[row + 1].startswith(" " * 19)


@pytest.mark.parametrize("width", [50, 60, 100, 120])
def test_explain_follows_the_width_it_is_given(width):
    for path in (WORKED, XOR5):
        project = load_project(path)
        text = explain(project, TrainingRun(project), 0, width=width)
        assert max(len(line) for line in text.splitlines()) <= width


def test_markdown_keeps_table_rows_whole_but_wraps_prose():
    project = load_project(str(EXAMPLES / "digits_mlp.json"))
    md = explain(project, TrainingRun(project), 0, "markdown", width=80)
    lines = md.splitlines()
    assert all(len(line) <= 80 for line in lines if not line.startswith("|"))
    assert lines[0] == "# Handwritten digits: a small MLP: sample 1 of 1797"
    assert "| hidden | W | [64, 32] |" in md
    inputs = lines.index(next(line for line in lines if line.startswith("inputs: x = [")))
    assert lines[inputs + 1].startswith("    ")        # the 64 inputs continue on indented lines


# --- the layout helpers ---------------------------------------------------------------------------

class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_terminal_width_is_the_terminals_or_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", "132")
    assert terminal_width(_Stream(True)) == 132
    assert terminal_width(_Stream(False)) == DEFAULT_WIDTH == 80     # a pipe or a file
    monkeypatch.setenv("COLUMNS", "20")
    assert terminal_width(_Stream(True)) == MIN_WIDTH


def test_wrap_breaks_before_operators_and_indents_continuations():
    text = "  E = 0.25 + 0.5 + 0.125 = 0.875"
    assert wrap(text, None) == [text] and wrap(text, 80) == [text]
    assert wrap(text, 18) == ["  E = 0.25 + 0.5", "    + 0.125", "    = 0.875"]


def test_text_table_wraps_the_formula_column_and_falls_back_to_blocks():
    headers = ["neuron", "sum", "out"]
    rows = [["y", "0.1·0.2 + 0.3·0.4 + 0.5·0.6 + 0.7", "0.9"]]
    assert text_table(headers, rows, None) == ["  neuron  sum                                out",
                                               "  y       0.1·0.2 + 0.3·0.4 + 0.5·0.6 + 0.7  0.9"]
    assert text_table(headers, rows, 32) == ["  neuron  sum                out",
                                             "  y       0.1·0.2 + 0.3·0.4  0.9",
                                             "          + 0.5·0.6 + 0.7"]
    # Too narrow for the columns side by side: one block per row, every value kept.
    narrow = text_table(headers, rows, 14)
    assert narrow == records(headers, rows, 14)
    assert narrow == ["  y", "      sum  0.1·0.2", "           + 0.3·0.4", "           + 0.5·0.6",
                      "           + 0.7", "      out  0.9"]
