"""Recurrent layers on [N, T, features] sequences: RNN, LSTM and GRU, with backpropagation through time.

Every layer starts from h0 = 0 (and c0 = 0), reads x_t for t = 0 … T−1 and outputs the last
hidden state [N, units], or with `return_sequences` every one, [N, T, units]. The input part of
every step, x_t·Wx + b, is one GEMM over all steps before the loop; the loop over time does only
the recurrent product h·Wh and elementwise work. Backward runs the loop in reverse and then forms
dWx, dWh and dx with one GEMM each over all steps. Arithmetic stays in the dtype of x and params.

- RNN:  params Wx [D, u], Wh [u, u], b [u];  h_t = act(x_t·Wx + h_{t−1}·Wh + b), act tanh | relu.
- LSTM: params Wx [D, 4u], Wh [u, 4u], b [4u], gate columns in PyTorch's order i, f, g, o:
  i, f, o = σ(·), g = tanh(·);  c_t = f·c_{t−1} + i·g;  h_t = o·tanh(c_t). One bias (PyTorch's
  b_ih + b_hh).
- GRU:  params Wx [D, 3u], Wh [u, 3u], bx [3u], bh [3u], gates r, z, n (PyTorch's formula):
  r = σ(x·Wx_r + bx_r + h·Wh_r + bh_r), z likewise, n = tanh(x·Wx_n + bx_n + r·(h·Wh_n + bh_n)),
  h_t = (1 − z)·n + z·h_{t−1}.

σ is computed as 0.5 + 0.5·tanh(x/2) (one tanh for all four LSTM gates): the same function, to
rounding.

After `forward`, for the live views: plain arrays of the last forward, each [N, T, units] with
the batch axis first (views of time-major buffers): `h` the hidden states (all layers); LSTM:
`i`, `f`, `g`, `o` the gate values and `c` the cell states; GRU: `r`, `z`, `n`.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine.layers.base import Layer


class _Recurrent(Layer):
    """Shared plumbing: time-major buffers, the input GEMM, outputs, and the closing GEMMs."""
    n_gates = 1

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, return_sequences: bool) -> None:
        super().__init__()
        units = Wh.shape[0]
        if Wx.ndim != 2 or Wh.shape != (units, self.n_gates * units) or Wx.shape[1] != Wh.shape[1]:
            raise ValueError(f"{type(self).__name__.lower()} weights must be Wx [features, {self.n_gates}·units] "
                             f"and Wh [units, {self.n_gates}·units], got {Wx.shape} and {Wh.shape}")
        self.units = units
        self.return_sequences = bool(return_sequences)
        self.h: np.ndarray | None = None

    def output_shape(self, shape: tuple[int, int]) -> tuple[int, ...]:
        """[T, units] or [units] for one sample's [T, features]."""
        return (shape[0], self.units) if self.return_sequences else (self.units,)

    def _inputs(self, x: np.ndarray, bias: str) -> tuple[np.ndarray, np.ndarray]:
        """(x time-major [T, N, D], x_t·Wx + bias for every step [T, N, G]): one GEMM."""
        if x.ndim != 3 or x.shape[2] != self.params["Wx"].shape[0]:
            raise ValueError(f"{type(self).__name__.lower()} expects input [batch, time, "
                             f"{self.params['Wx'].shape[0]}], got {x.shape}")
        xt = np.ascontiguousarray(x.transpose(1, 0, 2))
        t, n, d = xt.shape
        xw = np.dot(xt.reshape(t * n, d), self.params["Wx"])
        xw += self.params[bias]
        return xt, xw.reshape(t, n, -1)

    def _output(self, hs: np.ndarray) -> np.ndarray:
        self.h = hs.transpose(1, 0, 2)
        return np.ascontiguousarray(self.h) if self.return_sequences else hs[-1].copy()

    def _upstream(self, dy: np.ndarray, t: int) -> np.ndarray | None:
        """dL/dh_t from the layer's output, or None when only the last step is an output."""
        if self.return_sequences:
            return dy[:, t]
        return dy if t == len(self._cache[0]) - 1 else None

    def _close(self, xt: np.ndarray, hs: np.ndarray, dxw: np.ndarray, dhw: np.ndarray,
               bias_x: str, bias_h: str | None) -> np.ndarray | None:
        """Param grads and dx from the per-step grads of the input part dxw and of the recurrent
        part dhw ([T, N, G]; dhw multiplies h_{t−1}, so its step 0 meets h0 = 0)."""
        t, n, d = xt.shape
        g = dxw.shape[2]
        grads, dxw2 = self.grads, dxw.reshape(t * n, g)
        np.dot(xt.reshape(t * n, d).T, dxw2, out=grads["Wx"])
        np.add.reduce(dxw2, axis=0, out=grads[bias_x])
        if t > 1:
            np.dot(hs[:-1].reshape(-1, self.units).T, dhw[1:].reshape(-1, g), out=grads["Wh"])
        else:
            grads["Wh"][...] = 0
        if bias_h is not None:
            np.add.reduce(dhw.reshape(t * n, g), axis=0, out=grads[bias_h])
        if not self.need_input_grad:
            return None
        return np.dot(dxw2, self.params["Wx"].T).reshape(t, n, d).transpose(1, 0, 2)


class RNN(_Recurrent):
    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray, activation: str = "tanh",
                 return_sequences: bool = False, *, trainable: Any = True) -> None:
        super().__init__(Wx, Wh, return_sequences)
        if activation not in ("tanh", "relu"):
            raise ValueError(f"rnn activation must be tanh or relu, got {activation!r}")
        self.activation = activation
        self.add_param("Wx", Wx, trainable, regularized=True)
        self.add_param("Wh", Wh, trainable, regularized=True)
        self.add_param("b", b, trainable)

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        xt, hs = self._inputs(x, "b")          # hs starts as x_t·Wx + b and becomes h_t in place
        Wh = self.params["Wh"]
        tmp = np.empty_like(hs[0])
        for t in range(len(hs)):
            if t:
                np.dot(hs[t - 1], Wh, out=tmp)
                hs[t] += tmp
            if self.activation == "tanh":
                np.tanh(hs[t], out=hs[t])
            else:
                np.maximum(hs[t], 0, out=hs[t])
        self._cache = (xt, hs)
        return self._output(hs)

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        xt, hs = self._cache
        # act'(z) from h: 1 − h² for tanh; for relu h > 0 exactly where z > 0.
        deriv = 1 - hs * hs if self.activation == "tanh" else (hs > 0).astype(hs.dtype)
        dz = np.empty_like(hs)
        WhT = self.params["Wh"].T
        dh = np.zeros_like(hs[0])
        for t in range(len(hs) - 1, -1, -1):
            up = self._upstream(dy, t)
            if up is not None:
                dh += up
            np.multiply(dh, deriv[t], out=dz[t])
            if t:
                np.dot(dz[t], WhT, out=dh)
        return self._close(xt, hs, dz, dz, "b", None)


class LSTM(_Recurrent):
    n_gates = 4

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, b: np.ndarray, return_sequences: bool = False, *,
                 trainable: Any = True) -> None:
        super().__init__(Wx, Wh, return_sequences)
        self.add_param("Wx", Wx, trainable, regularized=True)
        self.add_param("Wh", Wh, trainable, regularized=True)
        self.add_param("b", b, trainable)
        self.i = self.f = self.g = self.o = self.c = None

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        u = self.units
        xt, gates = self._inputs(x, "b")       # becomes the gate values in place
        T, n = gates.shape[:2]
        # σ(v) = ½ + ½·tanh(v/2): with `half` = ½ on the σ columns and 1 on g's, every gate is
        # half·tanh(half·pre) + shift.
        half = np.full(4 * u, 0.5, dtype=gates.dtype)
        half[2 * u:3 * u] = 1
        shift = half.copy()
        shift[2 * u:3 * u] = 0
        gates *= half
        Wh = self.params["Wh"] * half
        cs = np.empty((T, n, u), dtype=gates.dtype)
        tcs, hs = np.empty_like(cs), np.empty_like(cs)
        tmp = np.empty_like(gates[0])
        fc = np.empty_like(cs[0])
        for t in range(T):
            pre = gates[t]
            if t:
                np.dot(hs[t - 1], Wh, out=tmp)
                pre += tmp
            np.tanh(pre, out=pre)
            pre *= half
            pre += shift
            np.multiply(pre[:, :u], pre[:, 2 * u:3 * u], out=cs[t])          # i·g
            if t:
                np.multiply(pre[:, u:2 * u], cs[t - 1], out=fc)              # f·c_{t−1}
                cs[t] += fc
            np.tanh(cs[t], out=tcs[t])
            np.multiply(pre[:, 3 * u:], tcs[t], out=hs[t])
        self._cache = (xt, gates, cs, tcs, hs)
        batch_first = gates.transpose(1, 0, 2)
        self.i, self.f, self.g, self.o = (batch_first[:, :, k * u:(k + 1) * u] for k in range(4))
        self.c = cs.transpose(1, 0, 2)
        return self._output(hs)

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        xt, gates, cs, tcs, hs = self._cache
        u = self.units
        T, n = hs.shape[:2]
        i, f, g, o = (gates[:, :, k * u:(k + 1) * u] for k in range(4))
        # dL/dpre = dL/dgate · gate'; dL/d(i, f, g) = dc·(g, c_{t−1}, i) and dL/do = dh·tanh(c_t).
        # Everything but dc and dh is known before the loop: M holds gate'·(g, c_{t−1}, i, tanh c).
        M = gates * (1 - gates)
        M4 = M.reshape(T, n, 4, u)
        M4[:, :, 2] = 1 - g * g
        M4[:, :, 0] *= g
        M4[0, :, 1] = 0
        M4[1:, :, 1] *= cs[:-1]
        M4[:, :, 2] *= i
        M4[:, :, 3] *= tcs
        B = o * (1 - tcs * tcs)                # dc_t/dh_t through h_t = o·tanh(c_t)
        dpre = np.empty_like(gates)
        dpre4 = dpre.reshape(T, n, 4, u)
        WhT = self.params["Wh"].T
        dh = np.zeros_like(hs[0])
        dc = np.zeros_like(hs[0])
        tmp = np.empty_like(dc)
        for t in range(T - 1, -1, -1):
            up = self._upstream(dy, t)
            if up is not None:
                dh += up
            np.multiply(dh, B[t], out=tmp)
            dc += tmp
            np.multiply(dc[:, None, :], M4[t, :, :3], out=dpre4[t, :, :3])
            np.multiply(dh, M4[t, :, 3], out=dpre4[t, :, 3])
            dc *= f[t]
            if t:
                np.dot(dpre[t], WhT, out=dh)
        return self._close(xt, hs, dpre, dpre, "b", None)


class GRU(_Recurrent):
    n_gates = 3

    def __init__(self, Wx: np.ndarray, Wh: np.ndarray, bx: np.ndarray, bh: np.ndarray,
                 return_sequences: bool = False, *, trainable: Any = True) -> None:
        super().__init__(Wx, Wh, return_sequences)
        self.add_param("Wx", Wx, trainable, regularized=True)
        self.add_param("Wh", Wh, trainable, regularized=True)
        self.add_param("bx", bx, trainable)
        self.add_param("bh", bh, trainable)
        self.r = self.z = self.n = None

    def forward(self, x: np.ndarray, training: bool = False) -> np.ndarray:
        u = self.units
        xt, xw = self._inputs(x, "bx")
        T, n = xw.shape[:2]
        # r and z columns are pre-scaled by ½ for σ(v) = ½ + ½·tanh(v/2); n's are not.
        half = np.ones(3 * u, dtype=xw.dtype)
        half[:2 * u] = 0.5
        xw[:, :, :2 * u] *= 0.5
        Wh, bh = self.params["Wh"] * half, self.params["bh"] * half
        gates = np.empty_like(xw)
        hs = np.empty((T, n, u), dtype=xw.dtype)
        hwn = np.empty_like(hs)                # h_{t−1}·Wh_n + bh_n, for backward
        hw = np.empty_like(xw[0])
        h = np.zeros_like(hs[0])
        for t in range(T):
            G = gates[t]
            np.dot(h, Wh, out=hw)
            hw += bh
            rz = G[:, :2 * u]
            np.add(xw[t, :, :2 * u], hw[:, :2 * u], out=rz)
            np.tanh(rz, out=rz)
            rz *= 0.5
            rz += 0.5
            hwn[t] = hw[:, 2 * u:]
            nn = G[:, 2 * u:]
            np.multiply(G[:, :u], hwn[t], out=nn)
            nn += xw[t, :, 2 * u:]
            np.tanh(nn, out=nn)
            np.subtract(h, nn, out=hs[t])      # h_t = n + z·(h_{t−1} − n)
            hs[t] *= G[:, u:2 * u]
            hs[t] += nn
            h = hs[t]
        self._cache = (xt, gates, hwn, hs)
        batch_first = gates.transpose(1, 0, 2)
        self.r, self.z, self.n = (batch_first[:, :, k * u:(k + 1) * u] for k in range(3))
        return self._output(hs)

    def backward(self, dy: np.ndarray) -> np.ndarray | None:
        xt, gates, hwn, hs = self._cache
        u = self.units
        T, n = hs.shape[:2]
        r, z, nn = (gates[:, :, k * u:(k + 1) * u] for k in range(3))
        hprev = np.empty_like(hs)
        hprev[0] = 0
        hprev[1:] = hs[:-1]
        # Per unit of dL/dh_t: dn_pre = (1 − z)(1 − n²), dz_pre = (h_{t−1} − n)·z(1 − z),
        # dr_pre = dn_pre·hwn·r(1 − r). K holds those three factors (in r, z, n column order).
        K = np.empty_like(gates)
        K4 = K.reshape(T, n, 3, u)
        np.multiply(1 - z, 1 - nn * nn, out=K4[:, :, 2])
        np.multiply((hprev - nn) * z, 1 - z, out=K4[:, :, 1])
        np.multiply(K4[:, :, 2] * hwn, r * (1 - r), out=K4[:, :, 0])
        dxw = np.empty_like(gates)
        dxw4 = dxw.reshape(T, n, 3, u)
        dhw = np.empty_like(gates)             # the same but r·dn_pre on n's columns
        WhT = self.params["Wh"].T
        dh = np.zeros_like(hs[0])
        tmp = np.empty_like(dh)
        for t in range(T - 1, -1, -1):
            up = self._upstream(dy, t)
            if up is not None:
                dh += up
            np.multiply(dh[:, None, :], K4[t], out=dxw4[t])
            dhw[t, :, :2 * u] = dxw[t, :, :2 * u]
            np.multiply(dxw[t, :, 2 * u:], r[t], out=dhw[t, :, 2 * u:])
            if t:
                dh *= z[t]
                np.dot(dhw[t], WhT, out=tmp)
                dh += tmp
        return self._close(xt, hs, dxw, dhw, "bx", "bh")
