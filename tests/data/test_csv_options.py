"""CSV files without a header, missing values (refuse or drop), and what the import dialog is
told about a file before it becomes a source: the guessed delimiter and header, and a preview."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.data import DataError, load_source
from nnstudio.data.csv_preview import CsvGuess, preview_csv, read_sample, sniff_csv
from nnstudio.project.io import project_from_dict, project_to_dict


def write(tmp_path: Path, text: str | bytes, name: str = "data.csv") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return p


def load(tmp_path: Path, text: str, **keys):
    write(tmp_path, text)
    src = {"kind": "csv", "path": "data.csv", "input_columns": ["x1", "x2"],
           "target_columns": ["y"], **keys}
    return load_source(src, str(tmp_path))


def error(tmp_path: Path, text: str, **keys) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, text, **keys)
    return str(info.value)


# --- header: false -------------------------------------------------------------------------

def test_without_a_header_columns_are_c1_c2_and_line_1_is_data(tmp_path):
    d = load(tmp_path, "1;2;a\n3;4;b\n5;6;a\n", header=False, delimiter=";",
             input_columns=["c1", "c2"], target_columns=["c3"], target_encoding="index")
    np.testing.assert_array_equal(d.inputs, [[1, 2], [3, 4], [5, 6]])
    np.testing.assert_array_equal(d.targets, [0, 1, 0])
    assert d.class_names == ["a", "b"] and d.input_names == ["c1", "c2"]


def test_without_a_header_a_bad_cell_on_line_1_is_named(tmp_path):
    msg = error(tmp_path, "1,x,0\n3,4,1\n", header=False, input_columns=["c1", "c2"],
                target_columns=["c3"])
    assert msg == 'data.csv: line 1, column "c2": "x" is not a number'


def test_without_a_header_names_must_be_c_numbers(tmp_path):
    msg = error(tmp_path, "1,2,0\n3,4,1\n", header=False)
    assert msg == ('data.csv: column "x1" (data.source.input_columns) is not in the file: without a '
                   "header (data.source.header is false) its 3 columns are named c1 to c3")


def test_without_a_header_a_ragged_row_is_compared_with_the_first(tmp_path):
    msg = error(tmp_path, "1,2,0\n3,4\n", header=False, input_columns=["c1", "c2"],
                target_columns=["c3"])
    assert msg == "data.csv: line 2: has 2 fields, the first row has 3"


@pytest.mark.parametrize("keys, expected", [
    ({"header": "no"}, "data.source.header: must be true or false, not 'no'"),
    ({"missing": "skip"}, "data.source.missing: must be one of refuse, drop, not 'skip'"),
])
def test_bad_option_values(tmp_path, keys, expected):
    assert error(tmp_path, "x1,x2,y\n1,2,3\n", **keys) == expected


# --- missing values ------------------------------------------------------------------------

MISSING = "x1,x2,note,y\n1,2,,a\n3,NA,x,b\n5,6,?,a\n,8,,b\n9,10,,?\n11,12,,b\n"


@pytest.mark.parametrize("marker", ["NA", "n/a", "null", "?", "NULL", " na "])
def test_refuse_names_the_line_and_column_of_a_marker(tmp_path, marker):
    msg = error(tmp_path, f"x1,x2,y\n1,2,0\n3,{marker},1\n")
    assert msg == (f'data.csv: line 3, column "x2": "{marker.strip()}" marks a missing value '
                   '(data.source.missing "drop" skips such rows)')


def test_refuse_is_the_default_for_an_empty_cell_and_a_class_marker(tmp_path):
    assert error(tmp_path, "x1,x2,y\n1,2,a\n,4,b\n", target_encoding="index") == \
        'data.csv: line 3, column "x1": the value is empty'
    assert error(tmp_path, "x1,x2,y\n1,2,a\n3,4,?\n", target_encoding="onehot") == \
        ('data.csv: line 3, column "y": the class label "?" marks a missing value '
         '(data.source.missing "drop" skips such rows)')


def test_drop_skips_rows_missing_a_named_value_only(tmp_path):
    # Lines 3 (x2 NA), 5 (x1 empty) and 6 (label ?) go; the unnamed "note" column never counts.
    d = load(tmp_path, MISSING, missing="drop", target_encoding="index")
    np.testing.assert_array_equal(d.inputs, [[1, 2], [5, 6], [11, 12]])
    np.testing.assert_array_equal(d.targets, [0, 0, 1])
    assert d.class_names == ["a", "b"]


def test_drop_keeps_line_numbers_of_the_file(tmp_path):
    msg = error(tmp_path, "x1,x2,y\n1,NA,0\n3,abc,1\n", missing="drop")
    assert msg == 'data.csv: line 3, column "x2": "abc" is not a number'


def test_drop_still_refuses_infinity(tmp_path):
    assert error(tmp_path, "x1,x2,y\n1,2,0\n3,inf,1\n", missing="drop") == \
        'data.csv: line 3, column "x2": "inf" is infinity, which cannot be trained on'


def test_drop_of_every_row(tmp_path):
    assert error(tmp_path, "x1,x2,y\n1,,0\nNA,4,1\n", missing="drop") == \
        ('data.csv: every one of the 2 data rows has a missing value in a named column, and '
         'data.source.missing is "drop"')


def test_the_options_round_trip_through_the_project_file():
    src = {"kind": "csv", "path": "d.csv", "input_columns": ["c1"], "target_columns": ["c2"],
           "header": False, "missing": "drop"}
    p = project_from_dict({"format": "nnstudio.project", "version": 1, "nodes": [],
                           "data": {"source": src}})
    assert p.data.source["header"] is False and p.data.source["missing"] == "drop"
    assert project_to_dict(p)["data"]["source"]["missing"] == "drop"
    defaults = project_from_dict({"format": "nnstudio.project", "version": 1, "nodes": [],
                                  "data": {"source": {**src, "header": True, "missing": "refuse"}}})
    assert defaults.data.source["header"] is True and defaults.data.source["missing"] == "refuse"


@pytest.mark.parametrize("key, value, expected", [
    ("header", 1, "data.source.header: must be true or false"),
    ("missing", "skip", "data.source.missing: must be one of refuse, drop"),
])
def test_the_project_reader_checks_the_options(key, value, expected):
    from nnstudio.errors import ProjectError
    src = {"kind": "csv", "path": "d.csv", "input_columns": ["a"], "target_columns": ["b"], key: value}
    with pytest.raises(ProjectError) as info:
        project_from_dict({"format": "nnstudio.project", "version": 1, "nodes": [],
                           "data": {"source": src}})
    assert str(info.value).startswith(expected)


# --- sniffing ------------------------------------------------------------------------------

@pytest.mark.parametrize("text, guess", [
    ('name,x1,x2,species\n"Smith, John",5.1,3.5,setosa\n"Doe, Jane",4.9,3.0,setosa\n', CsvGuess(",", True)),
    ("1;2;a\n3;4;b\n", CsvGuess(";", False)),
    ('name;city\n"Smith, J";Paris\n"Lee, K";Rome\n', CsvGuess(";", True)),
    ("a\tb\n1\t2\n", CsvGuess("\t", True)),
    ("1|2|x\n3|4|y\n", CsvGuess("|", False)),
    ("x y z\n1 2 3\n4 5 6\n", CsvGuess(" ", True)),
    ("1, 2, 3\n4, 5, 6\n", CsvGuess(",", False)),
    ("x\n1\n2\n", CsvGuess(",", True)),            # one column: Sniffer gives up, "," it is
    ("\ufeffa,b\n1,2\n3,4", CsvGuess(",", True)),  # a byte-order mark, no final line break
])
def test_sniff_delimiter_and_header(text, guess):
    assert sniff_csv(text) == guess


def test_sniff_ignores_a_last_line_cut_off_by_the_sample():
    sample = "a;b;c\n" + "1;2;3\n" * 50 + '4;"5'
    assert sniff_csv(sample) == CsvGuess(";", True)


def test_read_sample_refuses_binary_and_cuts_cleanly(tmp_path):
    png = write(tmp_path, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "image.png")
    with pytest.raises(DataError, match=r"^image\.png: is not a text file"):
        read_sample(str(png))
    utf8 = write(tmp_path, "a,b\n" + "é,1\n" * 10)
    assert read_sample(str(utf8), size=5) == "a,b\n"   # "é" split after its first byte is dropped


# --- preview -------------------------------------------------------------------------------

IRIS = ('name,sepal length,sepal width,petal,species\n'
        '"Smith, John",5.1,3.5,,setosa\n'
        '"Doe, ""Jo""",7.0,NA,,versicolor\n'
        'plain,6.3,3.3,,virginica\n')


def test_preview_columns_rows_and_types(tmp_path):
    p = preview_csv(str(write(tmp_path, IRIS)), ",", True)
    assert p.columns == ["name", "sepal length", "sepal width", "petal", "species"]
    assert p.column_types == ["text", "number", "number", "empty", "text"]
    assert p.rows[1] == ['Doe, "Jo"', "7.0", "NA", "", "versicolor"]
    assert p.n_rows == 3 and p.lines == [2, 3, 4] and p.complete
    assert p.missing == [0, 0, 1, 3, 0]
    assert p.distinct == [3, 3, 2, 0, 3]


def test_preview_without_header_and_row_limits(tmp_path):
    text = "".join(f"{k};{k * 2};{'ab'[k % 2]}\n" for k in range(50))
    p = preview_csv(str(write(tmp_path, text)), ";", False, rows=5)
    assert p.columns == ["c1", "c2", "c3"] and len(p.rows) == 5 and p.rows[0] == ["0", "0", "a"]
    assert p.n_rows == 50 and p.column_types == ["number", "number", "text"]
    p = preview_csv(str(write(tmp_path, text)), ";", False, rows=5, scan_rows=10)
    assert p.n_rows == 10 and not p.complete


def test_preview_with_the_wrong_delimiter_sees_one_column(tmp_path):
    p = preview_csv(str(write(tmp_path, "a;b\n1;2\n")), ",", True)
    assert p.columns == ["a;b"] and p.column_types == ["text"]


@pytest.mark.parametrize("text, expected", [
    ("a,b\n1,2\n3\n", "data.csv: line 3: has 1 fields, the header has 2"),
    ('a,b\n1,"2\n', "data.csv: line 2: a quoted field starting here is never closed (a missing closing quote)"),
    ("", "data.csv: is empty"),
    ("a,b\n", "data.csv: has a header but no data rows"),
    ("a,a\n1,2\n", 'data.csv: line 1: the column name "a" appears twice (columns 1 and 2)'),
])
def test_preview_refuses_broken_files_as_the_loader_does(tmp_path, text, expected):
    with pytest.raises(DataError) as info:
        preview_csv(str(write(tmp_path, text)), ",", True)
    assert str(info.value) == expected
