"""The convolution view's arithmetic: every output pixel it explains equals the engine's output."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.engine.layers import AvgPool2D, Conv2D, MaxPool2D
from nnstudio.training.conv_arithmetic import conv_pixel, geometry, pool_pixel


def test_hand_made_3x3_valid() -> None:
    image = np.arange(1.0, 17.0).reshape(1, 4, 4)            # 1..16, row-major
    W = np.array([[[[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]]])     # Sobel x
    px = conv_pixel(image, W, np.array([0.5]), 0, 0, 1, activation="relu")
    np.testing.assert_array_equal(px.patch[0], [[2, 3, 4], [6, 7, 8], [10, 11, 12]])
    np.testing.assert_array_equal(px.products[0], [[2, 0, -4], [12, 0, -16], [10, 0, -12]])
    assert px.total == -8.0 and px.bias == 0.5 and px.z == -7.5 and px.output == 0.0
    assert px.origin == (0, 1) and not px.padded.any() and px.terms == 9


def test_same_padding_puts_the_extra_row_and_column_bottom_right() -> None:
    geo = geometry(4, 4, 2, 1, "same")          # total padding 1: all of it after
    assert geo.out == (4, 4) and geo.pad == (0, 1, 0, 1)
    image = np.ones((1, 4, 4))
    px = conv_pixel(image, np.ones((1, 1, 2, 2)), None, 0, 3, 3, padding="same")
    np.testing.assert_array_equal(px.padded, [[False, True], [True, True]])
    assert px.total == 1.0 and px.bias == 0.0
    with pytest.raises(IndexError):
        conv_pixel(image, np.ones((1, 1, 2, 2)), None, 0, 4, 0, padding="same")


@pytest.mark.parametrize("padding,stride,activation", [("valid", 1, "relu"), ("same", 1, "tanh"),
                                                       ("valid", 2, "sigmoid"), ("same", 2, "linear"),
                                                       ("same", (2, 1), "leaky_relu")])
def test_every_pixel_matches_the_engine(padding, stride, activation) -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(2, 3, 7, 6))
    W, b = rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4)
    layer = Conv2D(W.copy(), b.copy(), stride=stride, padding=padding, activation=activation, alpha=0.1)
    y = layer.forward(x)
    for n in range(2):
        for f in range(4):
            for i in range(y.shape[2]):
                for j in range(y.shape[3]):
                    px = conv_pixel(x[n], W, b, f, i, j, stride=stride, padding=padding,
                                    activation=activation, alpha=0.1)
                    assert px.z == pytest.approx(layer.z[n, f, i, j], abs=1e-12)
                    assert px.output == pytest.approx(y[n, f, i, j], abs=1e-12)
                    assert px.total + px.bias == px.z
                    assert px.channel_sums.sum() == pytest.approx(px.total, abs=1e-12)


@pytest.mark.parametrize("size,stride", [(2, None), (3, 2), ((2, 3), (1, 2))])
def test_pooling_windows_match_the_engine(size, stride) -> None:
    rng = np.random.default_rng(5)
    x = rng.normal(size=(2, 2, 7, 7))
    x[0, 0, :2, :2] = 1.0                            # a tie: the first maximum wins
    ymax = MaxPool2D(size, stride).forward(x)
    yavg = AvgPool2D(size, stride).forward(x)
    for n in range(2):
        for c in range(2):
            for i in range(ymax.shape[2]):
                for j in range(ymax.shape[3]):
                    m = pool_pixel(x[n], "max", c, i, j, pool_size=size, stride=stride)
                    a = pool_pixel(x[n], "avg", c, i, j, pool_size=size, stride=stride)
                    assert m.output == ymax[n, c, i, j] and m.window[m.winner] == m.output
                    assert a.output == pytest.approx(yavg[n, c, i, j], abs=1e-12)
    tied = pool_pixel(x[0], "max", 0, 0, 0, pool_size=2)
    if size == 2:
        assert tied.winner == (0, 0) and tied.output == 1.0
