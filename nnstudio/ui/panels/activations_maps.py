"""Small heatmaps side by side: a conv or pool node's feature maps (one per channel, one colour
scale) and a recurrent layer's gates and states over time (time × unit, each on its own scale).

`TileGrid` keeps its plot items while the tiles keep their titles and shapes: a run's snapshots
only call setImage. Colours are the weights panel's: orange negative, white 0, blue positive;
gates, which lie in (0, 1), use white → blue.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP

from nnstudio.training.probes import NodeInside
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.weights import AXIS_COLOUR, DIVERGING, symmetric_level

GATE_MAP = pg.ColorMap([0.0, 1.0], ["#f8fafc", "#1e3a8a"], name="nnstudio-gate")
# What each recurrent array is, in the order shown: gates first (what decides), then the states.
STATE_TITLES = {"i": QT_TRANSLATE_NOOP("ActivationMaps", "i · input gate"),
                "f": QT_TRANSLATE_NOOP("ActivationMaps", "f · forget gate"),
                "o": QT_TRANSLATE_NOOP("ActivationMaps", "o · output gate"),
                "g": QT_TRANSLATE_NOOP("ActivationMaps", "g · candidate"),
                "r": QT_TRANSLATE_NOOP("ActivationMaps", "r · reset gate"),
                "z": QT_TRANSLATE_NOOP("ActivationMaps", "z · update gate"),
                "n": QT_TRANSLATE_NOOP("ActivationMaps", "n · candidate"),
                "c": QT_TRANSLATE_NOOP("ActivationMaps", "c · cell state"),
                "h": QT_TRANSLATE_NOOP("ActivationMaps", "h · hidden state")}
GATES = ("i", "f", "o", "r", "z")       # sigmoids: their values lie in (0, 1)
MAX_COLUMNS = 8


Tile = tuple[str, np.ndarray, tuple[float, float], bool]     # title, image [rows, cols], levels, gate colours


def map_tiles(inside: NodeInside) -> tuple[list[Tile], float]:
    """One tile per channel of `inside`'s maps on one symmetric scale, and that scale's top."""
    maps = inside.arrays["maps"]
    top = symmetric_level(maps)
    return [(translate("ActivationMaps", "ch {channel}").format(channel=k), maps[k], (-top, top), False)
            for k in range(len(maps))], top


def state_tiles(inside: NodeInside) -> list[Tile]:
    """Gates and states as unit × time images (time runs left to right): gates on (0, 1), the
    candidates and states each on their own symmetric scale."""
    tiles: list[Tile] = []
    for name, source in STATE_TITLES.items():
        title = translate("ActivationMaps", source)
        values = inside.arrays.get(name)
        if values is None:
            continue
        image = np.asarray(values, dtype=np.float64).T              # [units, time]
        if name in GATES:
            tiles.append((title, image, (0.0, 1.0), True))
        else:
            top = symmetric_level(image)
            tiles.append((f"{title} (±{top:g})", image, (-top, top), False))
    return tiles


class TileGrid(pg.GraphicsLayoutWidget):
    """Heatmap tiles in a grid, each titled; a colour bar when they share one scale."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.ci.setContentsMargins(2, 2, 2, 2)
        self.ci.setSpacing(2)
        self._plots: list[pg.PlotItem] = []
        self._images: list[pg.ImageItem] = []
        self._key: tuple | None = None
        self._tiles: list[Tile] = []
        self.colorbar: pg.ColorBarItem | None = None

    def show_tiles(self, tiles: list[Tile], shared: float | None = None, x_label: str = "",
                   y_label: str = "") -> None:
        """Draw `tiles`; `shared`: the top of the one symmetric scale they share (a colour bar)."""
        key = (tuple((t[0].split(" (")[0], t[1].shape, t[3]) for t in tiles), shared is not None, x_label, y_label)
        if key != self._key:
            self._build(tiles, shared is not None, x_label, y_label)
            self._key = key
        self._tiles = list(tiles)
        for plot, image, (title, values, levels, gate) in zip(self._plots, self._images, tiles):
            image.setImage(np.asarray(values, dtype=np.float64), autoLevels=False, levels=levels)
            plot.setTitle(title, color=AXIS_COLOUR, size="7pt")
        if self.colorbar is not None and shared is not None:
            self.colorbar.setLevels((-shared, shared))

    def clear_tiles(self) -> None:
        self.clear()
        self._plots, self._images, self._tiles, self._key, self.colorbar = [], [], [], None, None

    def tiles(self) -> list[tuple[str, np.ndarray]]:
        """(title, image) of every tile shown, for tests."""
        return [(title, np.array(values)) for title, values, _, _ in self._tiles]

    def _build(self, tiles: list[Tile], shared: bool, x_label: str, y_label: str) -> None:
        self.clear_tiles()
        # Feature maps in rows of up to MAX_COLUMNS (the panel is wide and short); gates side by side.
        columns = min(MAX_COLUMNS, max(1, len(tiles)))
        for k, (title, values, _levels, gate) in enumerate(tiles):
            plot = self.addPlot(row=k // columns, col=k % columns)
            plot.setMenuEnabled(False)
            plot.hideButtons()
            plot.invertY(True)
            plot.setMouseEnabled(x=False, y=False)
            plot.setAspectLocked(shared)       # feature maps keep square pixels; time series fill
            for side in ("left", "bottom"):
                axis = plot.getAxis(side)
                axis.setPen(pg.mkPen(AXIS_COLOUR))
                axis.setTextPen(pg.mkPen(AXIS_COLOUR))
                axis.setStyle(tickLength=-3)
            if shared:
                plot.hideAxis("left")
                plot.hideAxis("bottom")
            else:
                plot.setLabel("bottom", x_label, color=AXIS_COLOUR)
                plot.setLabel("left", y_label, color=AXIS_COLOUR)
            image = pg.ImageItem(axisOrder="row-major")
            image.setColorMap(GATE_MAP if gate else DIVERGING)
            plot.addItem(image)
            plot.setRange(xRange=(0, values.shape[1]), yRange=(0, values.shape[0]), padding=0.02)
            self._plots.append(plot)
            self._images.append(image)
        if shared and self._images:
            self.colorbar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=DIVERGING, interactive=False, width=10,
                                            pen=AXIS_COLOUR, colorMapMenu=False)
            self.colorbar.setImageItem(self._images)
            rows = math.ceil(len(tiles) / columns)
            self.addItem(self.colorbar, row=0, col=columns, rowspan=rows)
