"""RNN, LSTM and GRU (engine/layers/recurrent.py): gradient checks, the formulas, and PyTorch parity."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.gradcheck import gradcheck, network_gradcheck
from nnstudio.engine.layers import GRU, LSTM, RNN, Dense
from nnstudio.engine.network import Network, Op, Ref
from nnstudio.engine.step import Objective

TOL = 1e-6
FLOOR = 1e-3          # see test_conv_layers: rounding noise of the checked sum
D, U = 3, 4
KINDS = ["rnn_tanh", "rnn_relu", "lstm", "gru"]


def _sig(v):
    return 1 / (1 + np.exp(-v))


def _layer(kind, rng, seq, d=D, u=U, dtype=np.float64, scale=0.6):
    def m(*shape):
        return (rng.standard_normal(shape) * scale).astype(dtype)
    if kind.startswith("rnn"):
        return RNN(m(d, u), m(u, u), m(u), kind[4:], seq)
    if kind == "lstm":
        return LSTM(m(d, 4 * u), m(u, 4 * u), m(4 * u), seq)
    return GRU(m(d, 3 * u), m(u, 3 * u), m(3 * u), m(3 * u), seq)


def _reference(layer, x):
    """The formulas of the module docstring, one sample and one step at a time."""
    p, u = layer.params, layer.units
    out = []
    for xs in x:
        h, c, hs = np.zeros(u), np.zeros(u), []
        for xt in xs:
            if isinstance(layer, RNN):
                z = xt @ p["Wx"] + h @ p["Wh"] + p["b"]
                h = np.tanh(z) if layer.activation == "tanh" else np.maximum(z, 0)
            elif isinstance(layer, LSTM):
                a = xt @ p["Wx"] + h @ p["Wh"] + p["b"]
                i, f, g, o = _sig(a[:u]), _sig(a[u:2 * u]), np.tanh(a[2 * u:3 * u]), _sig(a[3 * u:])
                c = f * c + i * g
                h = o * np.tanh(c)
            else:
                ax, ah = xt @ p["Wx"] + p["bx"], h @ p["Wh"] + p["bh"]
                r, z = _sig(ax[:u] + ah[:u]), _sig(ax[u:2 * u] + ah[u:2 * u])
                n = np.tanh(ax[2 * u:] + r * ah[2 * u:])
                h = (1 - z) * n + z * h
            hs.append(h)
        out.append(hs if layer.return_sequences else hs[-1])
    return np.array(out)


@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_forward_is_the_formula(kind, seq):
    rng = np.random.default_rng(KINDS.index(kind))
    layer = _layer(kind, rng, seq)
    x = rng.standard_normal((3, 5, D))
    y = layer.forward(x)
    assert y.shape == ((3, 5, U) if seq else (3, U)) and y.flags.c_contiguous
    np.testing.assert_allclose(y, _reference(layer, x), rtol=1e-12, atol=1e-14)
    assert layer.h.shape == (3, 5, U)
    assert layer.output_shape((5, D)) == y.shape[1:]


def test_live_attributes_hold_gates_and_states():
    rng = np.random.default_rng(9)
    lstm, gru = _layer("lstm", rng, False), _layer("gru", rng, True)
    x = rng.standard_normal((2, 6, D))
    lstm.forward(x)
    for name in "ifgoc":
        assert getattr(lstm, name).shape == (2, 6, U)
    # h_t = o·tanh(c_t), and σ gates lie in (0, 1)
    np.testing.assert_allclose(lstm.h, lstm.o * np.tanh(lstm.c), rtol=1e-13)
    assert 0 < lstm.f.min() and lstm.f.max() < 1 and -1 < lstm.g.min()
    gru.forward(x)
    for name in "rzn":
        assert getattr(gru, name).shape == (2, 6, U)
    h_prev = np.concatenate([np.zeros((2, 1, U)), gru.h[:, :-1]], axis=1)
    np.testing.assert_allclose(gru.h, (1 - gru.z) * gru.n + gru.z * h_prev, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_gradcheck(kind, seq):
    rng = np.random.default_rng(20 + KINDS.index(kind))
    layer = _layer(kind, rng, seq)
    x = rng.standard_normal((3, 5, D))
    if kind == "rnn_relu":
        # keep every pre-activation away from relu's kink
        for _ in range(50):
            layer.forward(x)
            z = np.concatenate([x[:, :1] @ layer.params["Wx"] + layer.params["b"],
                                x[:, 1:] @ layer.params["Wx"] + layer.h[:, :-1] @ layer.params["Wh"]
                                + layer.params["b"]], axis=1)
            if np.abs(z).min() > 1e-3 and (z < 0).any():
                break
            x = rng.standard_normal((3, 5, D))
        else:
            pytest.fail("no input kept relu's pre-activations off its kink")
    err = gradcheck(layer, x, floor=FLOOR)
    keys = {"x", "Wx", "Wh"} | ({"bx", "bh"} if kind == "gru" else {"b"})
    assert set(err) == keys and max(err.values()) < TOL, err


@pytest.mark.parametrize("kind", KINDS)
def test_one_step_and_no_input_grad(kind):
    rng = np.random.default_rng(40 + KINDS.index(kind))
    layer = _layer(kind, rng, True)
    err = gradcheck(layer, rng.standard_normal((2, 1, D)), floor=FLOOR)
    assert max(err.values()) < TOL, err
    layer.need_input_grad = False
    err = gradcheck(layer, rng.standard_normal((2, 4, D)), floor=FLOOR)
    assert "x" not in err and max(err.values()) < TOL, err


@pytest.mark.parametrize("kind", KINDS)
def test_float32_in_float32_out(kind):
    rng = np.random.default_rng(5)
    layer = _layer(kind, rng, True, dtype=np.float32)
    x = rng.standard_normal((2, 4, D)).astype(np.float32)
    y = layer.forward(x)
    dx = layer.backward(np.ones_like(y))
    assert y.dtype == dx.dtype == np.float32
    assert all(g.dtype == np.float32 for g in layer.grads.values())
    ref = _layer(kind, np.random.default_rng(5), True)
    np.testing.assert_allclose(y, ref.forward(x.astype(np.float64)), rtol=1e-4, atol=1e-5)


def test_bad_shapes():
    rng = np.random.default_rng(6)
    with pytest.raises(ValueError, match="4·units"):
        LSTM(rng.standard_normal((2, 8)), rng.standard_normal((2, 4)), np.zeros(8))
    with pytest.raises(ValueError, match="tanh or relu"):
        RNN(np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(3), "sigmoid")
    with pytest.raises(ValueError, match="expects input"):
        _layer("gru", rng, False).forward(np.zeros((2, 5, D + 1)))


# --- PyTorch -------------------------------------------------------------------------------------
def _torch_module(torch, layer):
    """torch.nn.RNN/LSTM/GRU (batch_first) holding the layer's weights: PyTorch keeps W as
    [gates·units, features] (our transposes) and two biases, b_ih and b_hh."""
    p = layer.params
    d, u = p["Wx"].shape[0], layer.units
    kw = dict(batch_first=True, dtype=torch.float64)
    if isinstance(layer, RNN):
        mod = torch.nn.RNN(d, u, nonlinearity=layer.activation, **kw)
        b_ih, b_hh = p["b"], np.zeros(u)
    elif isinstance(layer, LSTM):
        mod = torch.nn.LSTM(d, u, **kw)
        b_ih, b_hh = p["b"], np.zeros(4 * u)
    else:
        mod = torch.nn.GRU(d, u, **kw)
        b_ih, b_hh = p["bx"], p["bh"]
    with torch.no_grad():
        mod.weight_ih_l0.copy_(torch.tensor(p["Wx"].T))
        mod.weight_hh_l0.copy_(torch.tensor(p["Wh"].T))
        mod.bias_ih_l0.copy_(torch.tensor(b_ih))
        mod.bias_hh_l0.copy_(torch.tensor(b_hh))
    return mod


@pytest.mark.parametrize("seq", [False, True])
@pytest.mark.parametrize("kind", KINDS)
def test_matches_torch(kind, seq):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(60 + KINDS.index(kind))
    layer = _layer(kind, rng, seq, d=3, u=5, scale=0.5)
    x = rng.standard_normal((4, 7, 3))
    y = layer.forward(x)
    r = rng.standard_normal(y.shape)
    dx = layer.backward(r)

    mod = _torch_module(torch, layer)
    tx = torch.tensor(x, requires_grad=True)
    out = mod(tx)[0]
    ty = out if seq else out[:, -1]
    (ty * torch.tensor(r)).sum().backward()
    close = dict(rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(y, ty.detach().numpy(), **close)
    np.testing.assert_allclose(dx, tx.grad.numpy(), **close)
    np.testing.assert_allclose(layer.grads["Wx"], mod.weight_ih_l0.grad.numpy().T, **close)
    np.testing.assert_allclose(layer.grads["Wh"], mod.weight_hh_l0.grad.numpy().T, **close)
    if kind == "gru":
        np.testing.assert_allclose(layer.grads["bx"], mod.bias_ih_l0.grad.numpy(), **close)
        np.testing.assert_allclose(layer.grads["bh"], mod.bias_hh_l0.grad.numpy(), **close)
    else:
        # one bias here, two in torch that receive the same gradient
        np.testing.assert_allclose(layer.grads["b"], mod.bias_ih_l0.grad.numpy(), **close)
        np.testing.assert_allclose(layer.grads["b"], mod.bias_hh_l0.grad.numpy(), **close)


@pytest.mark.parametrize("kind", KINDS)
def test_in_a_network_with_its_flat_parameter_buffer(kind):
    """A sequence model through engine.network (params and grads moved into one buffer), with a
    dense layer acting per time step and sequence targets [N, T, k]."""
    rng = np.random.default_rng(80 + KINDS.index(kind))
    layer = _layer(kind, rng, True, d=2, u=3, scale=0.5)
    ops = [Op("x", None), Op("r", layer, [Ref("x")]),
           Op("d", Dense(rng.standard_normal((3, 2)), rng.standard_normal(2)), [Ref("r")])]
    net = Network(ops, ["x"], [Ref("d")])
    x = rng.standard_normal((4, 5, 2))
    if kind == "rnn_relu":
        x = np.abs(x)
    err = network_gradcheck(net, Objective("mse"), [x], rng.standard_normal((4, 5, 2)), floor=FLOOR)
    assert len(err) == 2 + len(layer.params) and max(err.values()) < TOL, err
    assert np.shares_memory(layer.grads["Wh"], net.flat.grad)
