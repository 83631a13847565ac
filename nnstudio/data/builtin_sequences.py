"""Generators of the built-in sequence datasets.

A sequence of `steps` values is stored as `steps` input columns named t1..tT, one row per
sample: a recurrent network's input node of shape [T, 1] takes the row as T time steps of one
feature (an input node of shape [T] takes it as one vector). Parameters are checked by
`builtin.check_params` before these run; randomness comes only from `default_rng(seed)`.
"""
from __future__ import annotations

import numpy as np

from nnstudio.data.dataset import Dataset


def _step_names(steps: int) -> list[str]:
    return [f"t{j + 1}" for j in range(steps)]


def sine_next(p: dict) -> Dataset:
    """Windows of a sine of period `period` steps, each from a random phase, observed with
    Gaussian noise of standard deviation `noise`; the target is the sine's next value itself
    (noise-free), so a good model learns to see through the noise."""
    rng = np.random.default_rng(p["seed"])
    steps, n = p["steps"], p["samples"]
    phase = rng.uniform(0.0, 2 * np.pi, (n, 1))
    wave = np.sin(phase + (2 * np.pi / p["period"]) * np.arange(steps + 1))
    x = wave[:, :steps]
    if p["noise"] > 0:
        x = x + rng.normal(0.0, p["noise"], x.shape)
    return Dataset(np.ascontiguousarray(x), np.ascontiguousarray(wave[:, steps:]),
                   _step_names(steps), ["next"])


def _bits(p: dict) -> tuple[np.random.Generator, np.ndarray]:
    rng = np.random.default_rng(p["seed"])
    return rng, rng.integers(0, 2, (p["samples"], p["steps"])).astype(np.float64)


def _blurred(rng: np.random.Generator, bits: np.ndarray, noise: float) -> np.ndarray:
    return bits + rng.normal(0.0, noise, bits.shape) if noise > 0 else bits


def bit_sum(p: dict) -> Dataset:
    """Random bits; the target is how many are 1 (a regression target from 0 to `steps`).
    `noise` blurs the input bits only."""
    rng, bits = _bits(p)
    total = bits.sum(axis=1, keepdims=True)
    return Dataset(_blurred(rng, bits, p["noise"]), total, _step_names(p["steps"]), ["sum"])


def bit_parity(p: dict) -> Dataset:
    """Random bits; the target is 1 when an odd number of them are 1 (binary classification,
    the many-input XOR). `noise` blurs the input bits only."""
    rng, bits = _bits(p)
    parity = bits.sum(axis=1, keepdims=True) % 2
    return Dataset(_blurred(rng, bits, p["noise"]), parity, _step_names(p["steps"]), ["parity"],
                   ["even", "odd"])


def first_bit(p: dict) -> Dataset:
    """Random bits; the target is the first of them (binary classification). The answer is
    seen at step 1 and must be carried through the `steps` − 1 distractor bits that follow: a
    memory task on which gated layers (LSTM, GRU) beat a plain RNN, whose gradient through
    many steps vanishes. `noise` blurs the input bits only."""
    rng, bits = _bits(p)
    return Dataset(_blurred(rng, bits, p["noise"]), bits[:, :1].copy(), _step_names(p["steps"]), ["first"],
                   ["0", "1"])


def marked_bit(p: dict) -> Dataset:
    """Two features per step: a random bit, written −1 or +1, and a marker that is 1 at one step
    (chosen at random among the first quarter of the steps) and 0 elsewhere; the target is the
    marked bit as 0 or 1. The columns are t1_bit, t1_mark, t2_bit, …: an input node of shape
    [steps, 2]. The network must store the bit when the marker says so and carry it, untouched,
    through the ≥ ¾·steps bits that follow: what an LSTM's or GRU's gates do, and what a plain
    RNN, whose every step rewrites its whole state, rarely learns. `noise` blurs the bits only."""
    rng, bits = _bits(p)
    n, steps = bits.shape
    where = rng.integers(0, max(steps // 4, 1), n)
    mark = np.zeros_like(bits)
    mark[np.arange(n), where] = 1.0
    signed = _blurred(rng, 2.0 * bits - 1.0, p["noise"])
    x = np.stack([signed, mark], axis=2).reshape(n, 2 * steps)
    names = [f"t{j + 1}_{part}" for j in range(steps) for part in ("bit", "mark")]
    return Dataset(x, bits[np.arange(n), where][:, None], names, ["marked"], ["0", "1"])
