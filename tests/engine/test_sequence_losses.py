"""Losses and accuracy on sequence outputs [N, T, k]: every time step counts as a sample, so each
equals the same loss on the [N·T, k] rows (PyTorch's mean reduction), and accuracy is the share
of right steps."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine import losses, metrics
from nnstudio.engine.activations import softmax

RNG = np.random.default_rng(0)
N, T, K = 4, 3, 5


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


@pytest.mark.parametrize("name, fused", [("half_sse", False), ("mse", False), ("binary_crossentropy", False),
                                         ("binary_crossentropy", True), ("categorical_crossentropy", False),
                                         ("categorical_crossentropy", True)])
def test_a_sequence_loss_is_the_loss_of_its_steps_as_rows(name, fused):
    z = RNG.normal(size=(N, T, K))
    y = softmax(z) if name == "categorical_crossentropy" else sigmoid(z)
    if name == "categorical_crossentropy":
        t = np.eye(K)[RNG.integers(0, K, (N, T))]
    else:
        t = RNG.uniform(size=(N, T, K))
    zz = z if fused else None
    value, grad = losses.compute(name, y, t, zz)
    flat_value, flat_grad = losses.compute(name, y.reshape(-1, K), t.reshape(-1, K),
                                           None if zz is None else zz.reshape(-1, K))
    assert value == pytest.approx(flat_value, rel=1e-12)
    assert grad.shape == y.shape
    np.testing.assert_allclose(grad.reshape(-1, K), flat_grad, rtol=1e-12)


@pytest.mark.parametrize("fused", [False, True])
@pytest.mark.parametrize("target_shape", [(N, T), (N, T, 1)])
def test_sparse_targets_name_a_class_per_step(fused, target_shape):
    z = RNG.normal(size=(N, T, K))
    y = softmax(z)
    classes = RNG.integers(0, K, (N, T))
    t = classes.reshape(target_shape).astype(np.float64)
    value, grad = losses.compute("sparse_categorical_crossentropy", y, t, z if fused else None)
    expected = -np.log(np.take_along_axis(y, classes[..., None], axis=-1)).mean()
    assert value == pytest.approx(expected, rel=1e-10)
    assert grad.shape == (N, T, K)
    # central differences of the value with respect to z (fused) or y
    base = z if fused else y
    k = (1, 2, 3)
    step = 1e-6
    plus, minus = base.copy(), base.copy()
    plus[k] += step
    minus[k] -= step

    def value_at(b):
        return losses.compute("sparse_categorical_crossentropy", softmax(b) if fused else b, t,
                              b if fused else None)[0]
    assert grad[k] == pytest.approx((value_at(plus) - value_at(minus)) / (2 * step), rel=1e-5)


def test_the_existing_vector_losses_are_unchanged():
    y = RNG.uniform(0.1, 0.9, size=(6, 2))
    t = RNG.uniform(size=(6, 2))
    assert losses.compute("half_sse", y, t)[0] == pytest.approx(0.5 * ((y - t) ** 2).sum() / 6, rel=1e-14)
    assert losses.compute("categorical_crossentropy", y, t)[0] == pytest.approx(-(t * np.log(y)).sum() / 6, rel=1e-14)


def test_accuracy_counts_the_share_of_right_steps():
    # sample 0: 2 of 3 steps right, sample 1: 3 of 3
    y = np.zeros((2, 3, 2))
    y[0, :, 0] = [1, 1, 0]
    y[0, :, 1] = [0, 0, 1]
    y[1, :, 1] = 1
    onehot = np.eye(2)[[[0, 0, 0], [1, 1, 1]]]      # sample 0 is class 0 at every step, sample 1 class 1
    assert metrics.correct("argmax", y, onehot) == pytest.approx(2 / 3 + 1)
    assert metrics.correct("sparse", y, onehot.argmax(axis=-1)) == pytest.approx(2 / 3 + 1)
    assert metrics.correct("sparse", y, onehot.argmax(axis=-1)[..., None]) == pytest.approx(2 / 3 + 1)
    probs = np.array([[[0.9], [0.2], [0.7]], [[0.1], [0.6], [0.4]]])
    bits = np.array([[[1.0], [0.0], [0.0]], [[0.0], [1.0], [0.0]]])
    assert metrics.correct("threshold", probs, bits) == pytest.approx(2 / 3 + 1)
    steps = np.array([[[1.0], [0.0], [1.0]], [[1.0], [1.0], [1.0]]])
    assert metrics.correct("exact", steps, np.ones((2, 3, 1))) == pytest.approx(2 / 3 + 1)
    # vectors still count whole samples, as ints
    assert metrics.correct("threshold", probs[:, 0], bits[:, 0]) == 2
    assert isinstance(metrics.correct("threshold", probs[:, 0], bits[:, 0]), int)
