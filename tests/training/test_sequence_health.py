"""The health check's chance level on sequence targets [N, T, k]: every step counts as a sample,
as the losses average over steps, so it equals the chance level of the [N·T, k] rows."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.training.health import chance_loss


@pytest.mark.parametrize("loss", ["mse", "half_sse", "binary_crossentropy", "categorical_crossentropy"])
def test_chance_of_sequence_targets_is_the_chance_of_their_steps(loss):
    rng = np.random.default_rng(0)
    if loss == "categorical_crossentropy":
        t = np.eye(3)[rng.integers(0, 3, (10, 4))]
    elif loss == "binary_crossentropy":
        t = rng.integers(0, 2, (10, 4, 2)).astype(float)
    else:
        t = rng.normal(size=(10, 4, 2))
    assert chance_loss(loss, t) == pytest.approx(chance_loss(loss, t.reshape(40, -1)), rel=1e-12)


def test_one_hot_steps_score_the_class_entropy():
    t = np.eye(2)[np.array([[0, 1], [1, 0], [0, 1], [1, 0]])]      # [4, 2, 2]: half of the steps each class
    assert chance_loss("categorical_crossentropy", t) == pytest.approx(np.log(2))
    assert chance_loss("sparse_categorical_crossentropy", t.argmax(axis=-1)[..., None], 2) == pytest.approx(np.log(2))
