"""The loss panel's y axis: short tick labels for any size of loss, and when a log axis helps.

pyqtgraph writes a tick at 5e227 as "5e+227", wider than the axis: every label but "0" is then
left out, and an exploded loss shows a lone "0". Here big and tiny values are written as powers
of ten ("5·10²²⁷"), as pyqtgraph's own log axis writes them.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QImage, QPainter

SPAN_FOR_LOG = 1e4        # positive losses whose largest is this many times the smallest: log axis
MINOR_PIXELS = 6          # log axis: 2…9 × each power of ten only while they are this far apart
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power_text(value: float, digits: int = 3) -> str:
    """5e227 → "5·10²²⁷", 1e-6 → "10⁻⁶", -2.5e8 → "-2.5·10⁸"."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPT)
    if mantissa in ("1", "-1"):
        return ("-" if mantissa == "-1" else "") + power
    return f"{mantissa}·{power}"


def tick_text(value: float, spacing: float) -> str:
    """A linear tick's label: plain digits for everyday sizes, a power of ten beyond them."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if abs(value) >= 1e5 or abs(value) < 1e-4:
        # As many digits as tell neighbouring ticks apart.
        digits = max(0, int(math.floor(math.log10(abs(value)))) - int(math.floor(math.log10(spacing))))
        return power_text(value, min(digits, 4))
    places = max(0, math.ceil(-math.log10(spacing)))
    return f"{value:.{places}f}"


def spans_decades(values: np.ndarray, span: float = SPAN_FOR_LOG) -> bool:
    """Do the positive finite `values` span so many decades that a linear axis flattens most of
    them to 0 (an exploded loss)?"""
    v = np.asarray(values, dtype=np.float64)
    v = v[np.isfinite(v) & (v > 0)]
    return bool(v.size) and float(v.max()) >= span * float(v.min())


class LossAxis(pg.AxisItem):
    """A left axis whose linear tick labels stay short (log mode keeps pyqtgraph's own)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        return [tick_text(v * scale, spacing * scale) for v in values]

    def logTickValues(self, minVal: float, maxVal: float, size: float, stdTicks: list) -> list:  # noqa: N802, N803
        # pyqtgraph adds ticks at 2…9 × every power of ten; over many decades their grid lines
        # (opaque in this style) would merge into a grey wall, so only the powers are kept.
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if 9 * (maxVal - minVal) * MINOR_PIXELS > size:
            ticks = [level for level in ticks if level[0] is not None] or ticks
        return ticks


def drawn_labels(axis: pg.AxisItem) -> list[str]:
    """The tick labels pyqtgraph draws on `axis` now (those that fit; it leaves out the others)."""
    size = axis.size().toSize()
    if size.width() <= 0 or size.height() <= 0:
        return []
    image = QImage(size, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [] if specs is None else [text for _rect, _flags, text in specs[2]]
