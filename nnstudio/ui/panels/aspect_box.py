"""A holder that gives a plot's data area a fixed width-to-height ratio, centred in the space it
gets: a plot whose axes have locked units otherwise shows empty range above and below the data
when its dock is taller than it is wide (a 1920×1080 window)."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget


class AspectBox(QWidget):
    """Holds one `pg.PlotWidget`. `set_ratio(r)` keeps its view box r times as wide as high;
    None lets it fill the box."""

    def __init__(self, plot: pg.PlotWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plot
        plot.setParent(self)
        self._ratio: float | None = None
        # The axes' room is known only once the plot has laid itself out: place it again then.
        self._again = QTimer(self)
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(self._place)
        plot.getPlotItem().vb.sigResized.connect(self._again.start)

    def set_ratio(self, ratio: float | None) -> None:
        if ratio != self._ratio:
            self._ratio = ratio
            self._place()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        w, h = self.width(), self.height()
        if self._ratio is None or w <= 0 or h <= 0:
            self._set(QRect(0, 0, w, h))
            return
        # The axes and margins around the view box, as the plot last laid them out; before its
        # first layout (or from a stale one) they may be anything, so they are kept in bounds.
        view = self.plot.getPlotItem().vb.sceneBoundingRect()
        extra_w = self.plot.width() - view.width() if view.width() > 1 else 50.0
        extra_h = self.plot.height() - view.height() if view.height() > 1 else 45.0
        extra_w, extra_h = min(max(extra_w, 0.0), 0.4 * w), min(max(extra_h, 0.0), 0.4 * h)
        inner_w, inner_h = max(w - extra_w, 1.0), max(h - extra_h, 1.0)
        if inner_w / inner_h > self._ratio:
            inner_w = inner_h * self._ratio
        else:
            inner_h = inner_w / self._ratio
        pw, ph = min(round(inner_w + extra_w), w), min(round(inner_h + extra_h), h)
        self._set(QRect((w - pw) // 2, (h - ph) // 2, pw, ph))

    def _set(self, rect: QRect) -> None:
        if self.plot.geometry() != rect:
            self.plot.setGeometry(rect)
