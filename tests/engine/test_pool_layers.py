"""MaxPool2D and AvgPool2D (engine/layers/pooling.py): gradient checks and PyTorch parity."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.gradcheck import gradcheck
from nnstudio.engine.layers import AvgPool2D, MaxPool2D

TOL = 1e-6
FLOOR = 1e-2          # see test_conv_layers: rounding noise of a sum of many products
# (H, W), pool_size, stride
CASES = [((6, 6), 2, None), ((7, 5), 2, None), ((7, 7), 3, 2), ((8, 6), 3, 2), ((6, 7), (2, 3), (1, 2))]
IDS = [f"{h}x{w}-p{p}-s{s}" for (h, w), p, s in CASES]
KINDS = {"max": MaxPool2D, "avg": AvgPool2D}


def _distinct(rng, shape):
    """Values at least 1e-3 apart, so a perturbation of 1e-6 never changes a window's maximum."""
    n = int(np.prod(shape))
    return (rng.permutation(n) * 1e-2 + rng.uniform(-1e-3, 1e-3, n) * 0.1).reshape(shape) - n * 5e-3


def test_max_forward_and_routing_by_hand():
    x = np.array([[[[1, 5, 2, 0],
                    [3, 4, 7, 7],
                    [0, 0, 1, 2],
                    [9, 0, 3, 2]]]], dtype=np.float64)
    layer = MaxPool2D(2)
    np.testing.assert_array_equal(layer.forward(x), [[[[5, 7], [9, 3]]]])
    np.testing.assert_array_equal(layer.argmax, [[[[1, 2], [2, 2]]]])     # the tie of 7s: the first
    dx = layer.backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]))
    np.testing.assert_array_equal(dx, [[[[0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 0, 0], [3, 0, 4, 0]]]])


def test_avg_forward_and_spread_by_hand():
    x = np.arange(16, dtype=np.float64).reshape(1, 1, 4, 4)
    layer = AvgPool2D(3, 1)
    np.testing.assert_allclose(layer.forward(x), [[[[5, 6], [9, 10]]]])
    dx = layer.backward(np.ones((1, 1, 2, 2)) * 9)
    np.testing.assert_allclose(dx, [[[[1, 2, 2, 1], [2, 4, 4, 2], [2, 4, 4, 2], [1, 2, 2, 1]]]])


def test_shapes_and_errors():
    assert MaxPool2D(2).output_shape((3, 7, 5)) == (3, 3, 2)
    assert AvgPool2D((3, 2), 2).output_shape((1, 8, 8)) == (1, 3, 4)
    with pytest.raises(ValueError, match="larger"):
        MaxPool2D(3).forward(np.zeros((1, 1, 2, 5)))
    with pytest.raises(ValueError):
        AvgPool2D(0)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("kind", KINDS)
def test_gradcheck(case, kind):
    (h, w), p, s = case
    rng = np.random.default_rng(CASES.index(case))
    layer = KINDS[kind](p, s)
    err = gradcheck(layer, _distinct(rng, (2, 3, h, w)), floor=FLOOR)
    assert set(err) == {"x"} and err["x"] < TOL, err


@pytest.mark.parametrize("kind", KINDS)
def test_float32_in_float32_out(kind):
    x = np.random.default_rng(1).standard_normal((2, 2, 7, 7)).astype(np.float32)
    for layer in (KINDS[kind](2), KINDS[kind](3, 2)):
        y = layer.forward(x)
        dx = layer.backward(np.ones_like(y))
        assert y.dtype == dx.dtype == np.float32 and dx.shape == x.shape


@pytest.mark.parametrize("kind", KINDS)
def test_without_input_grad(kind):
    layer = KINDS[kind](2)
    layer.need_input_grad = False
    layer.forward(np.ones((1, 1, 4, 4)))
    assert layer.backward(np.ones((1, 1, 2, 2))) is None


# --- PyTorch -------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("kind", KINDS)
def test_matches_torch(case, kind):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    (h, w), p, s = case
    rng = np.random.default_rng(50 + CASES.index(case))
    layer = KINDS[kind](p, s)
    x = rng.standard_normal((3, 2, h, w))
    y = layer.forward(x)
    r = rng.standard_normal(y.shape)
    dx = layer.backward(r)
    tx = torch.tensor(x, requires_grad=True)
    pool = F.max_pool2d if kind == "max" else F.avg_pool2d
    ty = pool(tx, layer.pool_size, layer.stride)
    (ty * torch.tensor(r)).sum().backward()
    np.testing.assert_allclose(y, ty.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_max_ties_route_like_torch():
    """Whole windows of equal values: both send the gradient to the window's first element."""
    torch = pytest.importorskip("torch")
    x = np.round(np.random.default_rng(2).standard_normal((2, 2, 7, 7)))
    x[0, 0] = 1.0
    layer = MaxPool2D(3, 2)
    r = np.random.default_rng(3).standard_normal(layer.forward(x).shape)
    dx = layer.backward(r)
    tx = torch.tensor(x, requires_grad=True)
    (torch.nn.functional.max_pool2d(tx, 3, 2) * torch.tensor(r)).sum().backward()
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-12, atol=1e-12)
