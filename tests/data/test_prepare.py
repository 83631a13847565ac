"""prepare(): validation split, normalisation from the training rows, per-node inputs, dtypes."""
from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nnstudio.data import DataError, Dataset, Normalizer, prepare, split_inputs, validation_count
from nnstudio.engine.training import Split


def dataset(n: int, cols: int = 2, index: bool = False) -> Dataset:
    x = np.arange(n * cols, dtype=np.float64).reshape(n, cols)
    t = np.arange(n, dtype=np.int64) % 3 if index else x[:, :1] * 10
    return Dataset(x, t, [f"x{j}" for j in range(cols)], ["y"])


# --- split ---------------------------------------------------------------------------------

def test_last_fraction_goes_to_validation():
    d = dataset(10)
    p = prepare(d, [(2,)], validation_split=0.25)
    assert (p.n_train, p.n_val) == (8, 2)
    assert isinstance(p.train, Split) and len(p.train) == 8 and len(p.val) == 2
    np.testing.assert_array_equal(p.train.inputs[0], d.inputs[:8])
    np.testing.assert_array_equal(p.val.inputs[0], d.inputs[8:])
    np.testing.assert_array_equal(p.val.targets, d.targets[8:])


@pytest.mark.parametrize("n, split, n_val", [
    (10, 0.0, 0), (10, 0.25, 2), (3, 0.1, 1), (2, 0.9, 1), (10, 0.99, 9), (1, 0.5, 0), (7, 0.5, 3),
])
def test_split_sizes(n, split, n_val):
    p = prepare(dataset(n), [(2,)], validation_split=split)
    assert (p.n_train, p.n_val) == (n - n_val, n_val)
    assert (p.val is None) == (n_val == 0)
    assert len(p.train) == n - n_val


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 500), st.floats(0.0, 1.0, exclude_max=True))
def test_split_rule(n, split):
    n_val = validation_count(n, split)
    assert n - n_val >= 1
    if split > 0 and n > 1:
        assert n_val == min(max(math.floor(n * split), 1), n - 1)
    else:
        assert n_val == 0


@pytest.mark.parametrize("split", [1.0, -0.1, float("nan"), "0.2", True])
def test_bad_validation_split(split):
    with pytest.raises(DataError, match=r"^data\.validation_split: must be a number from 0"):
        prepare(dataset(4), [(2,)], validation_split=split)


# --- normalisation -------------------------------------------------------------------------

def test_standard_uses_training_rows_only():
    x = np.array([[1.0, 10.0], [3.0, 10.0], [100.0, 50.0]])
    d = Dataset(x, np.zeros((3, 1)), ["a", "b"], ["y"])
    p = prepare(d, [(2,)], validation_split=1 / 3, normalize="standard")
    assert p.n_val == 1
    np.testing.assert_array_equal(p.normalizer.offset, [2.0, 10.0])
    np.testing.assert_array_equal(p.normalizer.scale, [1.0, 1.0])  # std 1; std 0 becomes 1
    np.testing.assert_array_equal(p.train.inputs[0], [[-1.0, 0.0], [1.0, 0.0]])
    np.testing.assert_array_equal(p.val.inputs[0], [[98.0, 40.0]])
    np.testing.assert_array_equal(d.inputs, x)  # the dataset is left alone


def test_standard_population_std():
    x = np.array([[0.0], [2.0], [4.0], [6.0], [1000.0]])
    p = prepare(Dataset(x, np.zeros(5, np.int64), ["a"], ["y"]), [(1,)],
                validation_split=0.2, normalize="standard")
    assert p.normalizer.offset.tolist() == [3.0]
    assert p.normalizer.scale.tolist() == [math.sqrt(5.0)]  # sqrt((9+1+1+9)/4)


def test_minmax_uses_training_rows_only():
    x = np.array([[0.0, 5.0], [4.0, 5.0], [8.0, -1.0]])
    p = prepare(Dataset(x, np.zeros((3, 1)), ["a", "b"], ["y"]), [(2,)],
                validation_split=0.34, normalize="minmax")
    np.testing.assert_array_equal(p.normalizer.offset, [0.0, 5.0])
    np.testing.assert_array_equal(p.normalizer.scale, [4.0, 1.0])  # zero range becomes 1
    np.testing.assert_array_equal(p.train.inputs[0], [[0.0, 0.0], [1.0, 0.0]])
    np.testing.assert_array_equal(p.val.inputs[0], [[2.0, -6.0]])


def test_none_is_the_identity():
    d = dataset(3)
    p = prepare(d, [(2,)])
    assert p.normalizer.kind == "none"
    np.testing.assert_array_equal(p.normalizer.offset, [0.0, 0.0])
    np.testing.assert_array_equal(p.normalizer.scale, [1.0, 1.0])
    assert p.normalizer.apply(d.inputs) is d.inputs


def test_normalizer_round_trip_and_apply():
    n = Normalizer("standard", np.array([1.0, -2.0]), np.array([2.0, 0.5]))
    back = Normalizer.from_dict(n.to_dict())
    assert back.kind == "standard"
    np.testing.assert_array_equal(back.offset, n.offset)
    np.testing.assert_array_equal(back.scale, n.scale)
    x = np.array([[3.0, -1.0]])
    np.testing.assert_array_equal(back.apply(x), [[1.0, 2.0]])
    np.testing.assert_array_equal(x, [[3.0, -1.0]])
    assert back.apply(x.astype(np.float32)).dtype == np.float32
    assert back.apply(np.array([[3, -1]])).dtype == np.float64


@pytest.mark.parametrize("d, where", [
    ({"kind": "zscore", "offset": [0], "scale": [1]}, "normalizer.kind"),
    ({"kind": "standard", "offset": [0, "a"], "scale": [1, 1]}, "normalizer.offset"),
    ({"kind": "standard", "offset": [0], "scale": [1, 1]}, "normalizer.scale"),
    ({"kind": "standard", "offset": [0], "scale": [0]}, "normalizer.scale"),
    ({"kind": "standard", "offset": [0]}, "normalizer"),
])
def test_normalizer_from_dict_errors(d, where):
    with pytest.raises(DataError) as info:
        Normalizer.from_dict(d)
    assert info.value.where == where


def test_bad_normalize():
    with pytest.raises(DataError, match=r"^data\.normalize: must be one of none, standard, minmax"):
        prepare(dataset(3), [(2,)], normalize="zscore")


# --- inputs per node -----------------------------------------------------------------------

def test_inputs_split_per_node_and_reshaped():
    d = dataset(4, cols=7)
    p = prepare(d, [(3,), (1, 2, 2)], validation_split=0.25)
    a, b = p.train.inputs
    assert a.shape == (3, 3) and b.shape == (3, 1, 2, 2)
    np.testing.assert_array_equal(a, d.inputs[:3, :3])
    np.testing.assert_array_equal(b, d.inputs[:3, 3:].reshape(3, 1, 2, 2))
    assert p.val.inputs[1].shape == (1, 1, 2, 2)
    np.testing.assert_array_equal(p.val.inputs[1].reshape(1, 4), d.inputs[3:, 3:])
    for arr in (*p.train.inputs, *p.val.inputs, p.train.targets, p.val.targets):
        assert arr.flags.c_contiguous


def test_split_inputs_for_predictions():
    x = np.arange(10.0).reshape(2, 5)
    a, b = split_inputs(x, [(2,), (3,)])
    np.testing.assert_array_equal(a, [[0, 1], [5, 6]])
    np.testing.assert_array_equal(b, [[2, 3, 4], [7, 8, 9]])
    assert a.flags.c_contiguous and b.flags.c_contiguous


@pytest.mark.parametrize("shapes, msg", [
    ([(2,)], "data: the data has 3 input columns, the input nodes take 2"),
    ([(2,), (2,)], "data: the data has 3 input columns, the input nodes take 4"),
    ([], "data: the network has no input nodes"),
    ([(0,)], "data: an input node has the shape [0]; every size must be a whole number, 1 or more"),
])
def test_column_count_must_match(shapes, msg):
    with pytest.raises(DataError) as info:
        prepare(dataset(4, cols=3), shapes)
    assert str(info.value) == msg
    with pytest.raises(DataError):
        split_inputs(np.ones((2, 3)), shapes)


def test_where_prefixes_messages():
    with pytest.raises(DataError, match=r"^project\.data: the data has 2 input columns"):
        prepare(dataset(2), [(1,)], where="project.data")


# --- dtypes --------------------------------------------------------------------------------

def test_float32_output():
    d = dataset(5)
    p = prepare(d, [(2,)], validation_split=0.2, normalize="minmax", dtype=np.float32)
    for arr in (*p.train.inputs, *p.val.inputs, p.train.targets, p.val.targets):
        assert arr.dtype == np.float32 and arr.flags.c_contiguous
    assert p.normalizer.offset.dtype == np.float64


def test_index_targets_stay_int64():
    p = prepare(dataset(6, index=True), [(2,)], validation_split=0.5, dtype="float32")
    assert p.train.targets.dtype == np.int64 and p.val.targets.dtype == np.int64
    assert p.train.inputs[0].dtype == np.float32
    np.testing.assert_array_equal(p.val.targets, [0, 1, 2])


def test_float32_data_is_cast_once_to_float64():
    x = np.array([[0.5, 1.5], [2.5, 3.5]], dtype=np.float32)
    p = prepare(Dataset(x, np.zeros((2, 1), np.float32), ["a", "b"], ["y"]), [(2,)])
    assert p.train.inputs[0].dtype == np.float64 and p.train.targets.dtype == np.float64
    np.testing.assert_array_equal(p.train.inputs[0], x)


def test_empty_dataset():
    d = Dataset(np.zeros((0, 2)), np.zeros((0, 1)), ["a", "b"], ["y"])
    with pytest.raises(DataError, match=r"^data: the data has no samples"):
        prepare(d, [(2,)])
