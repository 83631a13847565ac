"""Conv2D (engine/layers/conv.py): shapes, central-difference gradient checks and PyTorch parity."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.gradcheck import gradcheck, network_gradcheck
from nnstudio.engine.im2col import col2im, im2col, same_padding, windows
from nnstudio.engine.layers import Conv2D, Dense, Flatten, MaxPool2D
from nnstudio.engine.network import Network, Op, Ref
from nnstudio.engine.step import Objective

TOL = 1e-6
# The checked scalar sums many products, so its central differences carry rounding noise of about
# 1e-9 absolute: errors of gradients smaller than FLOOR are measured against FLOOR, not themselves.
FLOOR = 1e-2
# (input H, W), kernel (kh, kw), stride, padding
CASES = [
    ((6, 7), (3, 3), 1, "valid"),
    ((6, 7), (3, 3), 1, "same"),
    ((7, 6), (3, 2), 2, "valid"),
    ((7, 6), (2, 3), 2, "same"),
    ((5, 8), (4, 3), (1, 2), "same"),
    ((8, 8), (2, 2), 2, "valid"),
]
IDS = [f"{h}x{w}-k{k[0]}x{k[1]}-s{s}-{p}" for (h, w), k, s, p in CASES]


def _layer(rng, c, f, k, stride, padding, bias=True, activation="linear", dtype=np.float64):
    W = rng.standard_normal((f, c) + k).astype(dtype)
    b = rng.standard_normal(f).astype(dtype) if bias else None
    return Conv2D(W, b, stride=stride, padding=padding, activation=activation)


def test_same_padding_puts_the_extra_at_the_bottom_right():
    assert same_padding(7, 3, 1) == (7, 1, 1)
    assert same_padding(7, 2, 2) == (4, 0, 1)         # total 1: none on top, one at the bottom
    assert same_padding(6, 3, 2) == (3, 0, 1)
    assert same_padding(6, 1, 2) == (3, 0, 0)
    assert same_padding(5, 4, 1) == (5, 1, 2)


def test_im2col_and_col2im_are_adjoint():
    """<im2col(x), c> == <x, col2im(c)> for any x and c: col2im is exactly the transpose."""
    rng = np.random.default_rng(0)
    for (h, w), k, s, _ in CASES:
        s = (s, s) if isinstance(s, int) else s
        out = ((h - k[0]) // s[0] + 1, (w - k[1]) // s[1] + 1)
        x = rng.standard_normal((3, h, w, 2))                      # batch-last [C, H, W, N]
        cols = im2col(x, k, s, out)
        assert cols.shape == (3 * k[0] * k[1], out[0] * out[1] * 2)
        c = rng.standard_normal(cols.shape)
        assert np.isclose((cols * c).sum(), (x * col2im(c, x.shape, k, s, out)).sum(), rtol=1e-12)
        v = windows(x.transpose(3, 0, 1, 2), k, s, out)
        assert v.shape == (2, 3) + out + k
        # column (i, j, n) of cols is window (i, j) of sample n, flattened in (c, kh, kw) order
        np.testing.assert_array_equal(cols.reshape(-1, out[0], out[1], 2)[:, -1, 0, 1], v[1, :, -1, 0].reshape(-1))


def test_forward_is_the_definition():
    """A direct loop over every output pixel (the definition) gives the same numbers."""
    rng = np.random.default_rng(1)
    layer = _layer(rng, 2, 3, (3, 2), (2, 1), "valid")
    x = rng.standard_normal((2, 2, 7, 5))
    y = layer.forward(x)
    W, b = layer.params["W"], layer.params["b"]
    assert y.shape == (2, 3, 3, 4) and y.flags.c_contiguous
    for n in range(2):
        for f in range(3):
            for i in range(3):
                for j in range(4):
                    patch = x[n, :, 2 * i:2 * i + 3, j:j + 2]
                    assert np.isclose(y[n, f, i, j], (patch * W[f]).sum() + b[f], rtol=1e-12)
    assert layer.output_shape((2, 7, 5)) == (3, 3, 4)


def test_shapes_and_errors():
    rng = np.random.default_rng(2)
    layer = _layer(rng, 1, 4, (3, 3), 2, "same")
    assert layer.forward(np.zeros((3, 1, 7, 8))).shape == (3, 4, 4, 4)
    with pytest.raises(ValueError, match="larger"):
        _layer(rng, 1, 4, (5, 5), 1, "valid").forward(np.zeros((1, 1, 4, 4)))
    with pytest.raises(ValueError, match="channels"):
        layer.forward(np.zeros((1, 2, 7, 8)))
    with pytest.raises(ValueError):
        _layer(rng, 1, 4, (3, 3), 1, "full")
    with pytest.raises(ValueError):
        _layer(rng, 1, 4, (3, 3), 1, "same", activation="softmax")


@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("bias", [True, False])
def test_gradcheck(case, bias):
    (h, w), k, s, padding = case
    rng = np.random.default_rng(10 * CASES.index(case) + bias)
    layer = _layer(rng, 2, 3, k, s, padding, bias)
    err = gradcheck(layer, rng.standard_normal((2, 2, h, w)), floor=FLOOR)
    assert set(err) == ({"x", "W", "b"} if bias else {"x", "W"})
    assert max(err.values()) < TOL, err


@pytest.mark.parametrize("act", ["relu", "tanh", "sigmoid", "elu"])
def test_gradcheck_fused_activation(act):
    rng = np.random.default_rng(3)
    layer = _layer(rng, 2, 3, (3, 3), 1, "same", activation=act)
    x = rng.standard_normal((2, 2, 5, 5))
    layer.forward(x)
    if act in ("relu", "elu"):
        assert np.abs(layer.z).min() > 1e-4 and (layer.z < 0).any() and (layer.z > 0).any()
    err = gradcheck(layer, x, floor=FLOOR)
    assert max(err.values()) < TOL, err


def test_without_input_grad_still_fills_param_grads():
    rng = np.random.default_rng(4)
    layer = _layer(rng, 1, 2, (2, 2), 1, "valid")
    layer.need_input_grad = False
    err = gradcheck(layer, rng.standard_normal((3, 1, 4, 4)), floor=FLOOR)
    assert set(err) == {"W", "b"} and max(err.values()) < TOL


def test_float32_in_float32_out():
    rng = np.random.default_rng(5)
    layer = _layer(rng, 2, 3, (3, 3), 2, "same", activation="relu", dtype=np.float32)
    x = rng.standard_normal((2, 2, 6, 6)).astype(np.float32)
    y = layer.forward(x)
    dx = layer.backward(np.ones_like(y))
    assert y.dtype == dx.dtype == np.float32
    assert layer.grads["W"].dtype == layer.grads["b"].dtype == np.float32
    ref = _layer(np.random.default_rng(5), 2, 3, (3, 3), 2, "same", activation="relu")
    np.testing.assert_allclose(y, ref.forward(x.astype(np.float64)), rtol=1e-4, atol=1e-5)


# --- PyTorch -------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES, ids=IDS)
@pytest.mark.parametrize("bias", [True, False])
@pytest.mark.parametrize("act", ["linear", "relu"])
def test_matches_torch(case, bias, act):
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    (h, w), k, s, padding = case
    rng = np.random.default_rng(100 + 10 * CASES.index(case) + 2 * bias + (act == "relu"))
    layer = _layer(rng, 3, 4, k, s, padding, bias, activation=act)
    x = rng.standard_normal((3, 3, h, w))
    y = layer.forward(x)
    r = rng.standard_normal(y.shape)
    dx = layer.backward(r)

    tx = torch.tensor(x, requires_grad=True)
    tW = torch.tensor(layer.params["W"], requires_grad=True)
    tb = torch.tensor(layer.params["b"], requires_grad=True) if bias else None
    xin = tx
    if padding == "same":
        _, top, bottom = same_padding(h, k[0], layer.stride[0])
        _, left, right = same_padding(w, k[1], layer.stride[1])
        xin = F.pad(tx, (left, right, top, bottom))
    ty = F.conv2d(xin, tW, tb, stride=layer.stride)
    if act == "relu":
        ty = torch.relu(ty)
    (ty * torch.tensor(r)).sum().backward()
    np.testing.assert_allclose(y, ty.detach().numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], tW.grad.numpy(), rtol=1e-10, atol=1e-12)
    if bias:
        np.testing.assert_allclose(layer.grads["b"], tb.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_in_a_network_with_its_flat_parameter_buffer():
    """conv → maxpool → flatten → dense softmax through engine.network: the Network moves every
    param and grad into one buffer, so backward must write grads in place."""
    rng = np.random.default_rng(7)
    out = Dense(rng.standard_normal((18, 4)), rng.standard_normal(4), "softmax")
    ops = [Op("x", None), Op("c", _layer(rng, 1, 3, (3, 3), 1, "same", activation="tanh"), [Ref("x")]),
           Op("p", MaxPool2D(2), [Ref("c")]), Op("f", Flatten(), [Ref("p")]), Op("d", out, [Ref("f")])]
    net = Network(ops, ["x"], [Ref("d")])
    out.fused_output = True
    x, t = rng.standard_normal((5, 1, 4, 6)), np.eye(4)[rng.integers(0, 4, 5)]
    err = network_gradcheck(net, Objective("categorical_crossentropy", fused_layer=out), [x], t, floor=FLOOR)
    assert set(err) == {"c/W", "c/b", "d/W", "d/b"} and max(err.values()) < TOL, err
    assert np.shares_memory(ops[1].layer.grads["W"], net.flat.grad)


def test_fused_output_takes_dl_dz():
    rng = np.random.default_rng(8)
    layer = _layer(rng, 2, 3, (3, 3), 1, "valid", activation="sigmoid")
    x = rng.standard_normal((2, 2, 5, 5))
    layer.forward(x)
    dz = rng.standard_normal((2, 3, 3, 3))
    plain = _layer(np.random.default_rng(8), 2, 3, (3, 3), 1, "valid")
    plain.forward(x)
    expected = plain.backward(dz)
    layer.fused_output = True
    np.testing.assert_allclose(layer.backward(dz), expected, rtol=1e-13)
    np.testing.assert_allclose(layer.grads["W"], plain.grads["W"], rtol=1e-13)
    np.testing.assert_allclose(layer.preactivation(), plain.y, rtol=1e-13)
