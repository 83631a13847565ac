"""The CSV source: named columns, class columns, and a clear message for every bad file."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.data import DataError, load_source

IRIS = (
    'name,x1,x2,species\n'
    '"Smith, John",5.1,3.5,setosa\n'
    '"O\'Brien, ""Bo""",7.0,3.2,versicolor\n'
    'plain,6.3,3.3,virginica\n'
    '"Doe, Jane",4.9,3.0,setosa\n'
)


def source(**keys) -> dict:
    return {"kind": "csv", "path": "data.csv", "input_columns": ["x1", "x2"],
            "target_columns": ["species"], "target_encoding": "index", **keys}


def load(tmp_path: Path, text: str | bytes, **keys):
    p = tmp_path / "data.csv"
    p.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_source(source(**keys), str(tmp_path))


def error(tmp_path: Path, text: str | bytes, **keys) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, text, **keys)
    return str(info.value)


# --- loading -------------------------------------------------------------------------------

def test_text_classes_with_quoted_names_as_index(tmp_path):
    d = load(tmp_path, IRIS)
    np.testing.assert_array_equal(d.inputs, [[5.1, 3.5], [7.0, 3.2], [6.3, 3.3], [4.9, 3.0]])
    assert d.inputs.dtype == np.float64
    assert d.class_names == ["setosa", "versicolor", "virginica"]
    assert d.targets.dtype == np.int64
    np.testing.assert_array_equal(d.targets, [0, 1, 2, 0])
    assert d.input_names == ["x1", "x2"] and d.target_names == ["species"]


def test_text_classes_as_onehot(tmp_path):
    d = load(tmp_path, IRIS, target_encoding="onehot")
    assert d.class_names == ["setosa", "versicolor", "virginica"]
    assert d.targets.dtype == np.float64
    np.testing.assert_array_equal(d.targets, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]])


def test_numeric_classes_sort_numerically(tmp_path):
    d = load(tmp_path, "x1,x2,species\n1,2,10\n3,4,9\n5,6,2\n7,8,9\n")
    assert d.class_names == ["2", "9", "10"]
    np.testing.assert_array_equal(d.targets, [2, 1, 0, 1])


def test_mixed_labels_are_text(tmp_path):
    d = load(tmp_path, "x1,x2,species\n1,2,10\n3,4,cat\n5,6,9\n")
    assert d.class_names == ["10", "9", "cat"]
    np.testing.assert_array_equal(d.targets, [0, 2, 1])


def test_raw_targets_several_columns_in_named_order(tmp_path):
    d = load(tmp_path, "t2,x2,x1,t1\n0.5,2,1,-1\n1.5,4,3,-2\n",
             target_columns=["t1", "t2"], target_encoding="raw")
    np.testing.assert_array_equal(d.inputs, [[1, 2], [3, 4]])
    np.testing.assert_array_equal(d.targets, [[-1, 0.5], [-2, 1.5]])
    assert d.target_names == ["t1", "t2"] and d.class_names is None


def test_target_encoding_defaults_to_raw(tmp_path):
    src = source(target_columns=["y"])
    del src["target_encoding"]
    (tmp_path / "data.csv").write_text("x1,x2,y\n1,2,3\n")
    d = load_source(src, str(tmp_path))
    assert d.targets.shape == (1, 1) and d.targets[0, 0] == 3.0


def test_delimiter_bom_crlf_blank_lines_spaces_and_ignored_columns(tmp_path):
    text = "\ufeffnote; x1 ; x2;species\r\n\r\nanything at all;1; 2 ;a\r\n;3;4;b\r\n\r\n"
    d = load(tmp_path, text, delimiter=";")
    np.testing.assert_array_equal(d.inputs, [[1, 2], [3, 4]])
    assert d.class_names == ["a", "b"]
    d = load(tmp_path, "x1\tx2\tspecies\n1\t2\ta\n", delimiter="\t")
    assert d.inputs.tolist() == [[1.0, 2.0]]


def test_line_numbers_count_file_lines(tmp_path):
    # A quoted field spanning two lines and a blank line: the bad row is on file line 6.
    text = 'name,x1,x2,species\n"two\nlines",1,2,a\n\n"ok",3,4,b\n"bad",5,abc,a\n'
    assert error(tmp_path, text) == 'data.csv: line 6, column "x2": "abc" is not a number'


# --- errors --------------------------------------------------------------------------------

def test_text_in_a_number_column(tmp_path):
    text = "x1,x2,species\n1,2,a\n3,4,b\n5,abc,a\n"
    assert error(tmp_path, text) == 'data.csv: line 4, column "x2": "abc" is not a number'


@pytest.mark.parametrize("cell, problem", [
    ("", "the value is empty"),
    ("  ", "the value is empty"),
    ("nan", '"nan" is NaN, which cannot be trained on'),
    ("inf", '"inf" is infinity, which cannot be trained on'),
    ("-Infinity", '"-Infinity" is -infinity, which cannot be trained on'),
])
def test_empty_and_non_finite_cells(tmp_path, cell, problem):
    text = f"x1,x2,species\n1,2,a\n{cell},4,b\n"
    assert error(tmp_path, text) == f'data.csv: line 3, column "x1": {problem}'


def test_empty_class_label(tmp_path):
    assert error(tmp_path, "x1,x2,species\n1,2,a\n3,4, \n") == \
        'data.csv: line 3, column "species": the class label is empty'


def test_bad_cells_in_unused_columns_are_fine(tmp_path):
    d = load(tmp_path, "x1,x2,junk,species\n1,2,,a\n3,4,nan,b\n")
    assert len(d) == 2


def test_ragged_row(tmp_path):
    assert error(tmp_path, "x1,x2,species\n1,2,a\n3,4\n5,6,b\n") == \
        "data.csv: line 3: has 2 fields, the header has 3"
    assert error(tmp_path, "x1,x2,species\n1,2,a\n3,4,b,\n") == \
        "data.csv: line 3: has 4 fields, the header has 3"


def test_unterminated_quote(tmp_path):
    msg = error(tmp_path, 'x1,x2,species\n1,2,a\n3,4,"b\n5,6,c\n')
    assert msg == "data.csv: line 3: a quoted field starting here is never closed (a missing closing quote)"


def test_text_after_a_closing_quote(tmp_path):
    msg = error(tmp_path, 'x1,x2,species\n1,2,a\n3,4,"b"c\n')
    assert msg.startswith("data.csv: line 3: a closing quote must be followed by the delimiter")


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"^data\.csv: no such file \("):
        load_source(source(), str(tmp_path))


@pytest.mark.parametrize("text", ["", "\n\n  \n", "\ufeff"])
def test_empty_file(tmp_path, text):
    assert error(tmp_path, text) == "data.csv: is empty"


def test_header_only(tmp_path):
    assert error(tmp_path, "x1,x2,species\n\n") == "data.csv: has a header but no data rows"


def test_missing_column_lists_the_header(tmp_path):
    msg = error(tmp_path, "x1,x2,species\n1,2,a\n", input_columns=["x1", "x3"])
    assert msg == ('data.csv: column "x3" (data.source.input_columns) is not in the header; '
                   'the header has "x1", "x2", "species"')
    msg = error(tmp_path, "x1,x2,species\n1,2,a\n", target_columns=["label"])
    assert msg.startswith('data.csv: column "label" (data.source.target_columns) is not in the header')


def test_duplicate_header_names(tmp_path):
    assert error(tmp_path, "x1,x2,x1,species\n1,2,3,a\n") == \
        'data.csv: line 1: the column name "x1" appears twice (columns 1 and 3)'


def test_binary_junk_is_not_a_text_file(tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert error(tmp_path, png).startswith("data.csv: is not a text file")
    latin1 = "x1,x2,species\n1,2,caf\u00e9\n".encode("latin-1")
    msg = error(tmp_path, latin1)
    assert msg.startswith("data.csv: is not a text file in UTF-8 (line 2: byte 0xe9")
    assert error(tmp_path, b"x1,x2,species\n1,2,a\x00\n") == \
        "data.csv: is not a text file (line 2 holds a NUL byte)"


@pytest.mark.parametrize("keys, expected", [
    ({"target_encoding": "ordinal"}, "data.source.target_encoding: must be one of raw, onehot, index, not 'ordinal'"),
    ({"target_columns": ["x1", "species"]},
     "data.source.target_columns: index targets come from exactly one class column, not 2"),
    ({"input_columns": []}, "data.source.input_columns: must be a non-empty list of column names"),
    ({"input_columns": "x1"}, "data.source.input_columns: must be a non-empty list of column names"),
    ({"input_columns": ["x1", 2]}, "data.source.input_columns[1]: 2 is not a column name"),
    ({"input_columns": ["x1", "x1"]}, 'data.source.input_columns[1]: the column "x1" is named twice'),
    ({"delimiter": ";;"}, "data.source.delimiter: must be one character (not a quote or a line break), not ';;'"),
    ({"delimiter": '"'}, "data.source.delimiter: must be one character (not a quote or a line break), not '\"'"),
    ({"path": 3}, "data.source.path: must be a file path (a non-empty string)"),
])
def test_bad_source_keys(tmp_path, keys, expected):
    assert error(tmp_path, IRIS, **keys) == expected
