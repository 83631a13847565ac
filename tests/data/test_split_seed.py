"""prepare(): the seeded validation split and reusing stored normaliser statistics."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.data import DataError, Dataset, Normalizer, prepare
from nnstudio.engine.training import Split


def dataset(n: int) -> Dataset:
    x = np.column_stack([np.arange(n, dtype=np.float64), np.arange(n) * 10.0])
    return Dataset(x, np.arange(n, dtype=np.int64), ["a", "b"], ["y"])


def test_split_seed_holds_out_the_last_entries_of_a_seeded_permutation():
    d = dataset(20)
    p = prepare(d, [(2,)], validation_split=0.25, split_seed=42)
    perm = np.random.default_rng(42).permutation(20)
    held = np.sort(perm[15:])
    assert p.val.targets.tolist() == held.tolist()               # the rows, each part in dataset order
    assert p.train.targets.tolist() == np.sort(perm[:15]).tolist()
    np.testing.assert_array_equal(p.val.inputs[0], d.inputs[held])
    assert p.order.tolist() == np.sort(perm[:15]).tolist() + held.tolist()
    # the same seed, the same split; another seed, another one
    again = prepare(d, [(2,)], validation_split=0.25, split_seed=42)
    np.testing.assert_array_equal(again.val.targets, p.val.targets)
    other = prepare(d, [(2,)], validation_split=0.25, split_seed=43)
    assert other.val.targets.tolist() != p.val.targets.tolist()


def test_null_split_seed_keeps_the_last_fraction_and_dataset_order_is_restored():
    d = dataset(10)
    p = prepare(d, [(2,)], validation_split=0.3)
    assert p.order is None and p.val.targets.tolist() == [7, 8, 9]
    seeded = prepare(d, [(2,)], validation_split=0.3, split_seed=1)
    joined = Split([np.concatenate([seeded.train.inputs[0], seeded.val.inputs[0]])],
                   np.concatenate([seeded.train.targets, seeded.val.targets]))
    back = seeded.dataset_order(joined)
    assert back.targets.tolist() == list(range(10))
    np.testing.assert_array_equal(back.inputs[0], d.inputs)
    # nothing held out: nothing to shuffle
    assert prepare(d, [(2,)], split_seed=5).order is None


def test_the_normaliser_is_fitted_on_the_randomly_chosen_training_rows():
    d = dataset(12)
    p = prepare(d, [(2,)], validation_split=0.5, split_seed=3, normalize="minmax")
    train_rows = d.inputs[p.order[:6]]
    np.testing.assert_allclose(p.normalizer.offset, train_rows.min(axis=0))
    np.testing.assert_allclose(p.normalizer.scale, train_rows.max(axis=0) - train_rows.min(axis=0))
    assert p.train.inputs[0].min() == 0 and p.train.inputs[0].max() == 1
    np.testing.assert_array_equal(d.inputs[:, 0], np.arange(12))      # not changed in place


@pytest.mark.parametrize("seed", [-1, 2**32, 1.5, True, "1"])
def test_bad_split_seed(seed):
    with pytest.raises(DataError, match=r"^data\.split_seed: must be null or a whole number"):
        prepare(dataset(4), [(2,)], validation_split=0.5, split_seed=seed)


def test_a_stored_normaliser_of_the_same_kind_and_width_is_used_as_it_is():
    d = dataset(10)
    stored = Normalizer("standard", np.array([1.0, 2.0]), np.array([4.0, 8.0]))
    p = prepare(d, [(2,)], normalize="standard", normalizer=stored)
    assert p.normalizer is stored
    np.testing.assert_allclose(p.train.inputs[0], (d.inputs - [1, 2]) / [4, 8])
    # another kind, or another width: fitted afresh
    fitted = prepare(d, [(2,)], normalize="minmax", normalizer=stored).normalizer
    assert fitted.kind == "minmax" and fitted.offset.tolist() == [0, 0]
    narrow = Normalizer("standard", np.array([1.0]), np.array([4.0]))
    assert prepare(d, [(2,)], normalize="standard", normalizer=narrow).normalizer is not narrow
    assert prepare(d, [(2,)], normalize="none", normalizer=stored).normalizer.kind == "none"


def test_normalizer_from_dict_refuses_huge_integers():
    with pytest.raises(DataError, match=r"^data\.normalizer\.offset: must be a list of finite numbers"):
        Normalizer.from_dict({"kind": "standard", "offset": [10**400], "scale": [1.0]}, "data.normalizer")


def test_standard_statistics_in_blocks_match_numpy():
    x = np.random.default_rng(5).normal(3.0, 2.0, (1000, 7)).astype(np.float32)
    n = Normalizer.fit("standard", x[:777])          # not a whole number of 256-row blocks
    np.testing.assert_allclose(n.offset, x[:777].mean(axis=0, dtype=np.float64), rtol=1e-14)
    np.testing.assert_allclose(n.scale, x[:777].std(axis=0, dtype=np.float64), rtol=1e-12)
    assert Normalizer.fit("standard", x[:1]).scale.tolist() == [1.0] * 7
