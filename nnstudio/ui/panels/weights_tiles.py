"""Weight matrices as pictures: each column's weights (a conv filter, or a dense unit fed by an
image) reshaped to its [channels, h, w] image and laid out as one mosaic, so the weights panel
draws them with one ImageItem and one colour bar.

Filters of several input channels form a grid of filters (rows) × channels (columns); one-channel
pictures (a dense unit over a grey image) wrap into a near-square grid. Tiles are one NaN cell
apart: the grey behind the image shows between them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnstudio.training.probes import WeightMatrix


@dataclass(frozen=True)
class Mosaic:
    values: np.ndarray                  # [rows, cols] with NaN between the tiles
    grid: tuple[int, int]               # tiles down, tiles across
    image: tuple[int, int, int]         # each column's picture [channels, h, w]
    columns: int                        # the matrix's columns (filters or units)

    def locate(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """(matrix column, channel, y, x) of mosaic cell (row, col), or None between tiles."""
        c, h, w = self.image
        tile_r, y = divmod(row, h + 1)
        tile_c, x = divmod(col, w + 1)
        if row < 0 or col < 0 or y == h or x == w or tile_r >= self.grid[0] or tile_c >= self.grid[1]:
            return None
        if c > 1:
            unit, channel = tile_r, tile_c
        else:
            unit, channel = tile_r * self.grid[1] + tile_c, 0
        return (unit, channel, y, x) if unit < self.columns else None

    def matrix_cell(self, row: int, col: int) -> tuple[int, int] | None:
        """The (row, column) of the weight matrix that mosaic cell (row, col) shows."""
        found = self.locate(row, col)
        if found is None:
            return None
        unit, channel, y, x = found
        _, h, w = self.image
        return channel * h * w + y * w + x, unit


def mosaic(m: WeightMatrix) -> Mosaic:
    """`m`'s columns as pictures (m.image must be set)."""
    c, h, w = m.image
    n = m.values.shape[1]
    pictures = np.asarray(m.values, dtype=np.float64).T.reshape(n, c, h, w)
    if c > 1:
        grid = (n, c)
    else:
        across = math.ceil(math.sqrt(n))
        grid = (math.ceil(n / across), across)
    out = np.full((grid[0] * (h + 1) - 1, grid[1] * (w + 1) - 1), np.nan)
    for unit in range(n):
        for channel in range(c):
            tile_r, tile_c = (unit, channel) if c > 1 else divmod(unit, grid[1])
            out[tile_r * (h + 1):tile_r * (h + 1) + h, tile_c * (w + 1):tile_c * (w + 1) + w] = pictures[unit, channel]
    return Mosaic(out, grid, (c, h, w), n)
