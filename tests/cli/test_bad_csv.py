"""Broken CSV files from the command line: `nnstudio train` exits 2 with one `error:` line that
names the file and, where one applies, the line and the column."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nnstudio.cli import main

HEADER = "name,x1,x2,species\n"
GOOD_ROWS = '"Smith, John",0.1,0.2,setosa\nplain,0.9,0.8,virginica\n'


def project(tmp_path: Path, csv_bytes: bytes, **source) -> str:
    """A project next to data.csv: 2 inputs → 2 softmax outputs, one-hot species."""
    (tmp_path / "data.csv").write_bytes(csv_bytes)
    d = {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [2]}},
                  {"id": "out", "kind": "dense", "config": {"units": 2, "activation": "softmax"}}],
        "edges": [{"id": "e1", "source": "x", "target": "out"}],
        "inputs": ["x"], "outputs": ["out"],
        "data": {"source": {"kind": "csv", "path": "data.csv", "input_columns": ["x1", "x2"],
                            "target_columns": ["species"], "target_encoding": "onehot", **source}},
        "training": {"loss": "categorical_crossentropy", "epochs": 2},
    }
    path = tmp_path / "project.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    return str(path)


def train_error(capsys, path: str) -> str:
    code = main(["train", "-q", path])
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    assert "Traceback" not in err
    return lines[0]


def test_a_good_file_trains(capsys, tmp_path):
    assert main(["train", "-q", project(tmp_path, (HEADER + GOOD_ROWS).encode())]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["epochs"] == 2


@pytest.mark.parametrize("text, expected", [
    # a ragged row: too few, then too many fields
    (HEADER + GOOD_ROWS + "short,0.5,setosa\n", "error: data.csv: line 4: has 3 fields, the header has 4"),
    (HEADER + GOOD_ROWS + "long,0.5,0.5,setosa,extra\n", "error: data.csv: line 4: has 5 fields, the header has 4"),
    # text in a number column
    (HEADER + GOOD_ROWS + "bad,0.5,abc,setosa\n", 'error: data.csv: line 4, column "x2": "abc" is not a number'),
    # a quote never closed
    (HEADER + GOOD_ROWS + '"Doe, Jane,0.5,0.5,setosa\n',
     "error: data.csv: line 4: a quoted field starting here is never closed (a missing closing quote)"),
    # an empty file, and one of blank lines
    ("", "error: data.csv: is empty"),
    ("\n \n", "error: data.csv: is empty"),
    # a header and no data
    (HEADER + "\n", "error: data.csv: has a header but no data rows"),
    # missing values (refused by default)
    (HEADER + GOOD_ROWS + "gap,,0.5,setosa\n", 'error: data.csv: line 4, column "x1": the value is empty'),
    (HEADER + GOOD_ROWS + "gap,0.5,NA,setosa\n",
     'error: data.csv: line 4, column "x2": "NA" marks a missing value (data.source.missing "drop" skips such rows)'),
    (HEADER + GOOD_ROWS + "gap,0.5,0.5,?\n",
     'error: data.csv: line 4, column "species": the class label "?" marks a missing value '
     '(data.source.missing "drop" skips such rows)'),
    # a column named twice in the header
    ("name,x1,x2,x1,species\n", 'error: data.csv: line 1: the column name "x1" appears twice (columns 2 and 4)'),
])
def test_broken_csv(capsys, tmp_path, text, expected):
    assert train_error(capsys, project(tmp_path, text.encode("utf-8"))) == expected


def test_a_named_column_that_is_missing(capsys, tmp_path):
    line = train_error(capsys, project(tmp_path, b"name,x1,x3,species\nn,1,2,a\n"))
    assert line == ('error: data.csv: column "x2" (data.source.input_columns) is not in the header; '
                    'the header has "name", "x1", "x3", "species"')


def test_without_a_header_the_columns_are_c1_c2(capsys, tmp_path):
    line = train_error(capsys, project(tmp_path, b"n,1,2,a\n", header=False))
    assert line == ('error: data.csv: column "x1" (data.source.input_columns) is not in the file: '
                    "without a header (data.source.header is false) its 4 columns are named c1 to c4")


@pytest.mark.parametrize("data, expected", [
    (bytes(range(256)), "error: data.csv: is not a text file (line 1 holds a NUL byte)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "error: data.csv: is not a text file (line 3 holds a NUL byte)"),
    (b"name,x1,x2,species\nn,1,2,caf\xe9\n",
     "error: data.csv: is not a text file in UTF-8 (line 2: byte 0xe9 cannot be decoded); "
     "if it is a CSV file, save it as UTF-8"),
])
def test_binary_junk_is_not_a_text_file(capsys, tmp_path, data, expected):
    assert train_error(capsys, project(tmp_path, data)) == expected


def test_drop_skips_the_rows_it_would_refuse(capsys, tmp_path):
    text = HEADER + GOOD_ROWS + "gap,0.5,NA,setosa\ngap,,0.5,?\n"
    assert main(["train", "-q", project(tmp_path, text.encode(), missing="drop")]) == 0
    capsys.readouterr()
    assert main(["validate", project(tmp_path, text.encode(), missing="drop")]) == 0
    assert capsys.readouterr().out.strip().endswith("2 samples")


def test_drop_of_every_row(capsys, tmp_path):
    line = train_error(capsys, project(tmp_path, (HEADER + "gap,NA,1,a\n").encode(), missing="drop"))
    assert line == ('error: data.csv: every one of the 1 data rows has a missing value in a named column, '
                    'and data.source.missing is "drop"')


@pytest.mark.parametrize("key, value, expected", [
    ("header", "yes", "error: "),
    ("missing", "ignore", "error: "),
])
def test_bad_option_values_in_the_project(capsys, tmp_path, key, value, expected):
    line = train_error(capsys, project(tmp_path, (HEADER + GOOD_ROWS).encode(), **{key: value}))
    assert f"data.source.{key}" in line
