"""Sequence data: targets shaped to a sequence output [T, k], the inputs of a [T, F] input node,
and the built-in memory datasets first_bit and marked_bit."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.data.builtin import BUILTINS, check_params, generate
from nnstudio.data.dataset import DataError, Dataset
from nnstudio.data.prepare import prepare, shape_targets


def test_targets_follow_a_sequence_output_step_by_step():
    t = np.arange(12.0).reshape(2, 6)
    shaped = shape_targets(t, (3, 2))
    assert shaped.shape == (2, 3, 2)
    np.testing.assert_array_equal(shaped[1, 2], [10.0, 11.0])      # sample 1, step 3: its last two columns
    assert shape_targets(t, (3, 4)).shape == (2, 3, 2)              # T class indices or T·k values: per step
    assert shape_targets(t, (6,)) is t and shape_targets(t, None) is t and shape_targets(t, (2, 3, 1)) is t
    with pytest.raises(DataError, match="outputs a sequence of 4 steps, but the data has 6 target columns, "
                                        "not a multiple of 4"):
        shape_targets(t, (4, 1))


def test_prepare_cuts_sequence_inputs_and_targets():
    x = np.arange(40.0).reshape(4, 10)           # 5 steps × 2 features per row, step by step
    t = np.arange(20.0).reshape(4, 5)            # one target per step
    prepared = prepare(Dataset(x, t, [f"c{j}" for j in range(10)], [f"t{j}" for j in range(5)]), [(5, 2)],
                       validation_split=0.25, output_shape=(5, 1))
    assert prepared.train.inputs[0].shape == (3, 5, 2) and prepared.train.targets.shape == (3, 5, 1)
    np.testing.assert_array_equal(prepared.train.inputs[0][1, 2], [14.0, 15.0])
    np.testing.assert_array_equal(prepared.val.targets[0, :, 0], t[3])
    plain = prepare(Dataset(x, t[:, :1], [f"c{j}" for j in range(10)], ["t"]), [(5, 2)], output_shape=(4,))
    assert plain.train.targets.shape == (4, 1)


def test_first_bit_is_the_first_of_the_bits():
    d = generate("first_bit", {"samples": 300, "seed": 3})
    assert d.inputs.shape == (300, 20) and d.input_names[0] == "t1" and d.input_names[-1] == "t20"
    assert set(np.unique(d.inputs)) == {0.0, 1.0}
    np.testing.assert_array_equal(d.targets[:, 0], d.inputs[:, 0])
    assert 0.35 < d.targets.mean() < 0.65 and d.class_names == ["0", "1"]
    noisy = generate("first_bit", {"samples": 300, "seed": 3, "noise": 0.1})
    np.testing.assert_array_equal(noisy.targets, d.targets)
    assert 0.08 < (noisy.inputs - d.inputs).std() < 0.12
    np.testing.assert_array_equal(generate("first_bit", {"samples": 300, "seed": 3}).inputs, d.inputs)


def test_marked_bit_is_the_bit_the_marker_points_at():
    d = generate("marked_bit", {"samples": 400, "steps": 12, "seed": 1})
    x = d.inputs.reshape(400, 12, 2)
    assert d.input_names[:3] == ["t1_bit", "t1_mark", "t2_bit"] and len(d.input_names) == 24
    assert set(np.unique(x[:, :, 0])) == {-1.0, 1.0}
    marks = x[:, :, 1]
    assert (marks.sum(axis=1) == 1).all() and not marks[:, 3:].any()       # one mark, in the first quarter
    assert marks[:, 0].any() and marks[:, 2].any()
    where = marks.argmax(axis=1)
    np.testing.assert_array_equal(d.targets[:, 0], (x[np.arange(400), where, 0] + 1) / 2)
    assert 0.35 < d.targets.mean() < 0.65
    tiny = generate("marked_bit", {"samples": 10, "steps": 2})
    assert (tiny.inputs.reshape(10, 2, 2)[:, 0, 1] == 1).all()             # fewer than 4 steps: the first


@pytest.mark.parametrize("name", ["first_bit", "marked_bit"])
def test_memory_datasets_are_registered_as_binary_sequences(name):
    spec = BUILTINS[name]
    assert (spec.task, spec.targets) == ("sequence", "binary")
    assert check_params(name, {}) == {"samples": 1000, "steps": 20, "noise": 0.0, "seed": 0}
    with pytest.raises(DataError, match="steps"):
        check_params(name, {"steps": 0})
