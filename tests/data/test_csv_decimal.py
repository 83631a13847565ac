"""Issue 10: a semicolon CSV with decimal commas (3,14) is detected and read as numbers, through
the `decimal` key of a csv source ("." by default, or ",")."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nnstudio.cli import main
from nnstudio.data import DataError, load_source
from nnstudio.data.csv_preview import CsvGuess, guess_decimal, preview_csv, read_sample, sniff_csv
from nnstudio.data.csv_source import is_number, parse_number
from nnstudio.errors import ProjectError
from nnstudio.project.io import project_from_dict, project_to_dict

EUROPEAN = "länge;breite;art\n5,1;3,5;setosa\n4,9;3;setosa\n-6,25;2,9e-1;virginica\n"


def write(tmp_path: Path, text: str, name: str = "data.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def load(tmp_path: Path, text: str, **keys):
    write(tmp_path, text)
    src = {"kind": "csv", "path": "data.csv", "input_columns": ["länge", "breite"],
           "target_columns": ["art"], "target_encoding": "index", "delimiter": ";", **keys}
    return load_source(src, str(tmp_path))


def error(tmp_path: Path, text: str, **keys) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, text, **keys)
    return str(info.value)


# --- reading ------------------------------------------------------------------------------------

def test_a_decimal_comma_reads_3_14_as_the_number():
    assert parse_number("3,14", ",") == 3.14 and parse_number("-0,5", ",") == -0.5
    assert parse_number("2,9e-1", ",") == 0.29 and parse_number("7", ",") == 7.0
    assert parse_number("3.14") == 3.14
    assert not is_number("3,14") and is_number("3,14", ",")
    assert not is_number("1.234", ",") and not is_number("1.234,5", ",")   # a point is refused


def test_the_loader_reads_a_semicolon_file_with_decimal_commas(tmp_path):
    d = load(tmp_path, EUROPEAN, decimal=",")
    np.testing.assert_array_equal(d.inputs, [[5.1, 3.5], [4.9, 3.0], [-6.25, 0.29]])
    np.testing.assert_array_equal(d.targets, [0, 0, 1])
    assert d.class_names == ["setosa", "virginica"]


def test_numeric_class_labels_with_decimal_commas_sort_as_numbers(tmp_path):
    d = load(tmp_path, "länge;breite;art\n1;2;10,5\n3;4;2,5\n5;6;10,5\n", decimal=",")
    assert d.class_names == ["2,5", "10,5"]             # 2.5 before 10.5, not text order
    np.testing.assert_array_equal(d.targets, [1, 0, 1])


def test_without_the_key_a_decimal_comma_is_refused_with_the_fix(tmp_path):
    text = error(tmp_path, EUROPEAN)
    assert text == ('data.csv: line 2, column "länge": "5,1" is not a number with a decimal point; '
                    'for numbers written with a decimal comma, set data.source.decimal to ","')


def test_with_a_decimal_comma_a_point_is_refused_not_guessed(tmp_path):
    text = error(tmp_path, "länge;breite;art\n1,5;2;a\n1.234;3;b\n", decimal=",")
    assert text.startswith('data.csv: line 3, column "länge": "1.234" holds a point, but data.source.decimal '
                           'is "," (a decimal comma)')
    assert "thousands separator" in text


def test_missing_values_and_text_keep_their_messages_with_a_decimal_comma(tmp_path):
    assert error(tmp_path, "länge;breite;art\n1,5;NA;a\n", decimal=",").endswith(
        '"NA" marks a missing value (data.source.missing "drop" skips such rows)')
    assert error(tmp_path, "länge;breite;art\n1,5;abc;a\n", decimal=",").endswith('"abc" is not a number')
    d = load(tmp_path, "länge;breite;art\n1,5;NA;a\n2,5;0,25;b\n", decimal=",", missing="drop")
    np.testing.assert_array_equal(d.inputs, [[2.5, 0.25]])


def test_a_comma_delimited_file_can_quote_its_decimal_commas(tmp_path):
    d = load(tmp_path, 'länge,breite,art\n"1,5","2,25",a\n', decimal=",", delimiter=",")
    np.testing.assert_array_equal(d.inputs, [[1.5, 2.25]])


@pytest.mark.parametrize("bad", [";", "comma", 1, None])
def test_the_loader_checks_the_decimal_key(tmp_path, bad):
    assert error(tmp_path, EUROPEAN, decimal=bad).startswith(
        'data.source.decimal: must be "." (a decimal point) or "," (a decimal comma)')


# --- the project file ---------------------------------------------------------------------------

def _project(source: dict) -> dict:
    return {"format": "nnstudio.project", "version": 1, "nodes": [], "data": {"source": source}}


def test_the_project_file_stores_decimal_with_point_as_default():
    src = {"kind": "csv", "path": "d.csv", "input_columns": ["a"], "target_columns": ["y"]}
    assert project_from_dict(_project(src)).data.source["decimal"] == "."
    p = project_from_dict(_project({**src, "decimal": ",", "delimiter": ";"}))
    assert p.data.source["decimal"] == ","
    assert project_to_dict(p)["data"]["source"]["decimal"] == ","
    with pytest.raises(ProjectError) as info:
        project_from_dict(_project({**src, "decimal": ";"}))
    assert str(info.value).startswith('data.source.decimal: must be "." (a decimal point) or "," (a decimal comma)')


def test_a_decimal_comma_project_trains_from_the_command_line(tmp_path, capsys):
    rows = ["p;q;y"] + [f"{a:.1f};{b:.1f};{int(a > 0.5) ^ int(b > 0.5)}".replace(".", ",")
                        for a, b in [(0.1, 0.2), (0.2, 0.9), (0.9, 0.1), (0.8, 0.7)]]
    write(tmp_path, "\n".join(rows) + "\n", "xor.csv")
    project = {"format": "nnstudio.project", "version": 1,
               "nodes": [{"id": "x", "kind": "input", "config": {"shape": [2]}},
                         {"id": "out", "kind": "dense", "config": {"units": 1, "activation": "sigmoid"}}],
               "edges": [{"id": "e", "source": "x", "target": "out"}], "inputs": ["x"], "outputs": ["out"],
               "data": {"source": {"kind": "csv", "path": "xor.csv", "input_columns": ["p", "q"],
                                   "target_columns": ["y"], "delimiter": ";", "decimal": ","}},
               "training": {"loss": "binary_crossentropy"}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(project), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "4 samples" in capsys.readouterr().out
    assert main(["eval", str(path), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["outputs"]) == 4


# --- the guess and the preview ------------------------------------------------------------------

@pytest.mark.parametrize("text, guess", [
    (EUROPEAN, CsvGuess(";", True, ",")),
    ("1,5;2,5;a\n3,25;4;b\n", CsvGuess(";", False, ",")),       # no header: the numbers say so
    ("1,5;2,3\n0,1;4,2\n", CsvGuess(";", False, ",")),          # "," would split these evenly too
    ("a\tb\n1,5\t2\n", CsvGuess("\t", True, ",")),
    ("a;b\n1.5;2\n3.25;4\n", CsvGuess(";", True, ".")),
    ("a;b\n1;2\n3;4\n", CsvGuess(";", True, ".")),               # whole numbers: nothing to say
    ("a,b\n1.5,2\n", CsvGuess(",", True, ".")),
    ('a,b\n"1,5",2\n', CsvGuess(",", True, ".")),                # with comma delimiters, never
    ("1, 2, 3\n4, 5, 6\n", CsvGuess(",", False, ".")),            # "1," is not a decimal comma
])
def test_sniff_detects_a_decimal_comma(text, guess):
    assert sniff_csv(text) == guess


def test_guess_decimal_goes_with_the_majority_of_marked_numbers():
    assert guess_decimal([["1,5", "2.5", "3,5"]], ";") == ","
    assert guess_decimal([["1,5", "2.5", "3.5"]], ";") == "."
    assert guess_decimal([["1,5", "2,5"]], ",") == "."


def test_the_preview_types_decimal_comma_columns_as_numbers(tmp_path):
    path = str(write(tmp_path, EUROPEAN))
    guess = sniff_csv(read_sample(path))
    assert guess == CsvGuess(";", True, ",")
    p = preview_csv(path, guess.delimiter, guess.has_header, decimal=guess.decimal)
    assert p.column_types == ["number", "number", "text"] and p.other_decimal == [False, False, False]
    as_points = preview_csv(path, ";", True)
    assert as_points.column_types == ["text", "text", "text"]
    assert as_points.other_decimal == [True, True, False]        # numbers with ",", unlike the species
