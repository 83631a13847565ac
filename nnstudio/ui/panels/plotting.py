"""Plot pieces the live panels share: a calm white plot style, long-run curves, growing buffers."""
from __future__ import annotations

import mmap

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

AXIS_COLOUR = "#475569"
# The grid is drawn opaque, in the colour a 15 % AXIS_COLOUR line has on white, and beneath the
# curves: pyqtgraph's translucent grid lines cost a third of a loss-panel frame to blend.
GRID_COLOUR = "#e4e7eb"
LEFT_AXIS_WIDTH = 52            # plots stacked in one panel share it so their x axes line up


NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is ≥ value
    (value > 0). Ranges and colour scales set from it stay put while the data creeps, so the axes
    are not laid out again for every frame (a third of a panel's drawing) and colours stay
    comparable from one frame to the next."""
    if not np.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    for step in NICE_STEPS:
        if step * power >= value * (1 - 1e-12):
            return float(step * power)
    return float(10.0 * power)


# Past this many values (128 KB) a GrowingArray lives in an anonymous memory map of its own: a
# doubling buffer on the heap leaves each old copy behind as a free hole the C allocator keeps, so
# a full-speed run's resident memory grew about twice as fast as its data; an unmapped old copy
# goes back to the system at once, and the pages of the new one not filled yet are not resident.
MAPPED_FROM = 16_384


def _empty(capacity: int) -> np.ndarray:
    if capacity < MAPPED_FROM:
        return np.empty(capacity, dtype=np.float64)
    return np.frombuffer(mmap.mmap(-1, capacity * 8), dtype=np.float64)     # unmapped with its last view


class GrowingArray:
    """A float64 buffer that grows by doubling; `view()` is the filled part (no copy). For series
    that grow all run long (one value an epoch, a batch's loss)."""

    def __init__(self, capacity: int = 256) -> None:
        self._data = _empty(capacity)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        values = np.asarray(values, dtype=np.float64).reshape(-1)
        need = self.size + len(values)
        if need > len(self._data):
            capacity = len(self._data)
            while capacity < need:
                capacity *= 2
            grown = _empty(capacity)
            grown[:self.size] = self._data[:self.size]
            self._data = grown
        self._data[self.size:need] = values
        self.size = need

    def truncate(self, size: int) -> None:
        self.size = max(0, min(size, self.size))

    def view(self) -> np.ndarray:
        return self._data[:self.size]


def styled_plot(y_label: str, left: pg.AxisItem | None = None) -> pg.PlotWidget:
    """A white plot with dark axes, a faint grid and a fixed-width left axis (`left`, when given,
    replaces pyqtgraph's own, say for other tick labels)."""
    plot = pg.PlotWidget(background="w", axisItems={"left": left} if left is not None else None)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.showGrid(x=True, y=True)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(AXIS_COLOUR))
        axis.setTickPen(pg.mkPen(GRID_COLOUR))
        # Grid on major ticks only (calmer, and 3× cheaper to paint), at full opacity.
        axis.setStyle(maxTickLevel=0, tickAlpha=255)
        axis.setZValue(-1)              # beneath the view box, so the grid never crosses a curve
        axis.enableAutoSIPrefix(False)  # "loss (x0.001)", "epoch (x1e3)" read badly
    item.getAxis("left").setWidth(LEFT_AXIS_WIDTH)
    item.setLabel("left", y_label, color=AXIS_COLOUR)
    item.hideButtons()
    item.getViewBox().setMouseEnabled(x=True, y=False)   # wheel/drag zoom and pan along the epochs
    item.setContentsMargins(2, 4, 8, 2)
    return plot


def long_curve(plot: pg.PlotWidget, colour, width: float, style=Qt.PenStyle.SolidLine, z: float = 0) -> pg.PlotDataItem:
    """One long-run-friendly curve: peak downsampling, clipped to the view, gaps at NaN."""
    curve = plot.plot(pen=pg.mkPen(colour, width=width, style=style), connect="finite")
    curve.setDownsampling(auto=True, method="peak")
    # Peak mode keeps each bin's min and max, so one bin per pixel loses nothing visible;
    # pyqtgraph's default (5 per pixel) draws 5× the segments once a run outgrows the width.
    curve.opts["autoDownsampleFactor"] = 1.0
    curve.setClipToView(True)
    curve.setZValue(z)
    return curve
