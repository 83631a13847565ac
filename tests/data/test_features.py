"""Derived input features (data.features): the pure function, and prepare/encoder using it."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.data import DataError, Dataset, prepare
from nnstudio.data.features import FEATURE_NAMES, check_features, derive_features, feature_names


def two_columns(n=6) -> np.ndarray:
    return np.column_stack([np.linspace(-3, 3, n), np.linspace(2, -1, n)])


def test_the_allowed_names_in_playground_order():
    assert FEATURE_NAMES == ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")


def test_each_feature_is_computed_from_the_two_columns():
    x = two_columns()
    out = derive_features(x, list(FEATURE_NAMES))
    x1, x2 = x.T
    np.testing.assert_array_equal(out, np.column_stack([x1, x2, x1 * x1, x2 * x2, x1 * x2, np.sin(x1), np.sin(x2)]))
    assert out.flags.c_contiguous and out.dtype == np.float64
    picked = derive_features(x, ["sin(x2)", "x1"])
    np.testing.assert_array_equal(picked, np.column_stack([np.sin(x2), x1]))
    assert not np.shares_memory(picked, x)


def test_empty_features_return_the_raw_columns_and_dtype_follows_the_data():
    x = two_columns()
    assert derive_features(x, []) is x
    assert derive_features(x.astype(np.float32), ["x1*x2"]).dtype == np.float32
    assert derive_features(np.array([[1, 2]]), ["x1^2"]).dtype == np.float64
    assert feature_names([], ["a", "b"]) == ["a", "b"] and feature_names(["x1^2"], ["a", "b"]) == ["x1^2"]


@pytest.mark.parametrize("features, message", [
    (["x3"], "data.features[0]: 'x3' is not a feature (known: x1, x2, x1^2"),
    (["x1", "x1"], "data.features[1]: 'x1' is listed twice"),
    ("x1", "data.features: must be a list of feature names, not str"),
    ([1], "data.features[0]: 1 is not a feature"),
])
def test_bad_feature_lists(features, message):
    with pytest.raises(DataError) as info:
        check_features(features)
    assert str(info.value).startswith(message)


def test_features_need_exactly_two_columns():
    with pytest.raises(DataError, match=r"^data\.features: derived features need exactly 2 input columns "
                                        r"\(x1, x2\); the data has 3"):
        derive_features(np.zeros((4, 3)), ["x1"])


def test_prepare_feeds_the_features_normalised_from_the_training_rows():
    x = two_columns(10)
    d = Dataset(x, x[:, :1] > 0, ["a", "b"], ["y"])
    p = prepare(d, [(3,)], features=["x1", "x1^2", "sin(x2)"], normalize="standard", validation_split=0.2)
    raw = derive_features(x, ["x1", "x1^2", "sin(x2)"])
    mean, std = raw[:8].mean(axis=0), raw[:8].std(axis=0)
    np.testing.assert_allclose(p.train.inputs[0], (raw[:8] - mean) / std)
    np.testing.assert_allclose(p.val.inputs[0], (raw[8:] - mean) / std)
    np.testing.assert_array_equal(d.inputs, x)                   # the dataset is never changed
    # the encoder turns new raw rows into the very same network inputs
    enc = p.encoder
    assert enc.features == ["x1", "x1^2", "sin(x2)"]
    np.testing.assert_allclose(enc.encode(x[8:])[0], p.val.inputs[0])
    np.testing.assert_allclose(enc.encode(x[8:].astype(np.float32))[0], p.val.inputs[0], rtol=1e-6)


def test_prepare_refuses_features_that_do_not_fit():
    d = Dataset(np.zeros((4, 3)), np.zeros((4, 1)), ["a", "b", "c"], ["y"])
    with pytest.raises(DataError, match=r"^data\.features: derived features need exactly 2 input columns"):
        prepare(d, [(2,)], features=["x1", "x2"])
    d = Dataset(two_columns(4), np.zeros((4, 1)), ["a", "b"], ["y"])
    with pytest.raises(DataError, match=r"^data: the data has 3 input columns, the input nodes take 2"):
        prepare(d, [(2,)], features=["x1", "x2", "x1*x2"])
    with pytest.raises(DataError, match=r"^data\.features\[0\]: 'x' is not a feature"):
        prepare(d, [(2,)], features=["x"])


def test_features_in_float32_and_split_across_input_nodes():
    x = two_columns(4)
    d = Dataset(x, np.zeros((4, 1)), ["a", "b"], ["y"])
    p = prepare(d, [(1,), (2,)], features=["x1*x2", "x1", "x2"], dtype=np.float32)
    assert p.train.inputs[0].dtype == np.float32 and p.train.inputs[0].shape == (4, 1)
    np.testing.assert_allclose(p.train.inputs[0][:, 0], x[:, 0] * x[:, 1], rtol=1e-6)
    np.testing.assert_allclose(p.train.inputs[1], x.astype(np.float32))
