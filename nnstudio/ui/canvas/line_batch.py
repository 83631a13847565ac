"""Many straight lines (100,000 and more) drawn in a few calls, with level of detail.

The EdgeLayer draws every edge of the canvas with one LineBatch; an expanded dense layer's W
lines can use one of their own. The lines live in NumPy arrays, so restyling all of them from a
training snapshot is a few array operations, and the per-style QPainterPaths are made from the
arrays in one call each (pyqtgraph's arrayToQPath), never line by line in Python.

API (any owner, typically a QGraphicsItem that calls `paint` from its own `paint`):

    batch = LineBatch()
    batch.set_segments(segs)           # (N, 4) float64 array: x1, y1, x2, y2 of each line, in
                                       # the owner's coordinates (lines with a NaN are not drawn)
    batch.set_codes(codes, styles)     # (N,) ints: line k is drawn in styles[codes[k]] (EdgeStyle)
    batch.set_hidden(mask)             # (N,) bools (True: not drawn), or None: all drawn
    batch.bounds() -> QRectF           # what the drawn lines cover, with a margin for pens and arrows
    batch.paint(painter, option)       # draws them; call from QGraphicsItem.paint
    batch.last_mode                    # how the last paint drew: "lines", "image/2", "image/3"…

The batch keeps the arrays it is given (no copy). After changing one in place, hand it over
again: every setter tells the batch to rebuild its paths at the next paint. `set_segments(segs,
changed=rows)` says only those rows moved; when all of them are hidden the paths stay as they
are (the EdgeLayer's dragged edges are drawn by another item meanwhile).

Draw order: styles by (width, colour), so the widest lines (the strongest weights) end on top;
within a style, by row.

Level of detail, from the painter's scale (device pixels per unit, `lod`):
- a style at least a pixel wide on screen (width × lod ≥ 1) is stroked antialiased at its width:
  the look at 100 % and closer;
- a thinner style is drawn as aliased 1-pixel lines. Antialiased, Qt would draw such lines one
  pixel wide anyway, at twice the cost (measured: 100,000 lines at 1200×800, 290 ms vs 135 ms);
- when every drawn style is thinner than a pixel and the lines would touch more than
  PIXEL_BUDGET pixels, they are drawn aliased into an image at a half or a third of the device
  resolution, and the image is drawn scaled smoothly (the same 100,000 lines: 70 / 50 ms). Of
  lines whose ends fall on the same pixels of that image only the last is drawn (the others would
  lie under it, pixel for pixel): at the digits network's fit that leaves 40,000 of 109,000.
  Unless dashed or too many, that image is made in NumPy instead, from which lines cross each of
  its pixels: kept while the lines stay put, each restyle is then one array reduction (a training
  run's 100,000 weights: ~10 ms, not Qt's ~55; line_picture.py). `last_raster` says which made it.
Lines far outside the painted area are left out of the paths (a margin around it keeps the
paths valid while scrolling); arrowheads are always drawn antialiased, over the lines.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import pyqtgraph.functions as pg_functions
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPaintEngine, QPen, QPixmap, QPolygonF, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from nnstudio.ui.canvas import line_math
from nnstudio.ui.canvas.line_picture import IncidencePictures, draw_order, image_size, image_transform, ranked

Segment = tuple[float, float, float, float]     # x1, y1, x2, y2: cheaper than QLineF in bulk
MARGIN = 12.0                    # units around the lines' ends that pens and arrowheads may cover
ARROW_SIZE = 9.0
PIXEL_BUDGET = 6_000_000         # pixels of aliased lines drawn at full resolution at most (~25 ms)
MAX_IMAGE_DIVISOR = 3            # the image is at least a third of the device resolution
CULL_SLACK = 0.5                 # paths cover the painted area plus this share of it on each side


class EdgeStyle(NamedTuple):
    """How one line is stroked; equal styles share one path and pen. (A NamedTuple, not a
    dataclass: 20,000 of them are made when a big project opens.)"""
    colour: str
    width: float
    dashed: bool = False
    arrow: bool = False


@lru_cache(maxsize=None)
def edge_pen(style: EdgeStyle) -> QPen:
    # Opaque and flat-capped on purpose: translucent or round-capped strokes make the raster
    # engine 4–25× slower on a path of thousands of lines.
    pen = QPen(QColor(style.colour), style.width, Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


@lru_cache(maxsize=None)
def hairline_pen(style: EdgeStyle) -> QPen:
    """The style as a 1-pixel cosmetic line (far zoom)."""
    pen = QPen(QColor(style.colour), 0.0, Qt.PenStyle.DashLine if style.dashed else Qt.PenStyle.SolidLine)
    pen.setCosmetic(True)
    return pen


def arrow(seg: Segment, size: float = ARROW_SIZE) -> QPolygonF:
    """A filled arrowhead with its tip on the segment's end."""
    x1, y1, x2, y2 = seg
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1e-6:
        return QPolygonF()
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by, half = x2 - ux * size, y2 - uy * size, size * 0.5
    return QPolygonF([QPointF(x2, y2), QPointF(bx - uy * half, by + ux * half),
                      QPointF(bx + uy * half, by - ux * half)])


def arrows_path(segs: np.ndarray, size: float = ARROW_SIZE) -> QPainterPath:
    """`arrow` of every segment, as one path of triangles (winding fill: where arrowheads meet at
    one node they overlap, and an odd-even fill would cut holes there)."""
    x1, y1, x2, y2 = segs.T
    length = np.hypot(x2 - x1, y2 - y1)
    keep = length >= 1e-6
    x1, y1, x2, y2, length = x1[keep], y1[keep], x2[keep], y2[keep], length[keep]
    if not len(length):
        return QPainterPath()
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by, half = x2 - ux * size, y2 - uy * size, size * 0.5
    xs = np.stack([x2, bx - uy * half, bx + uy * half, x2], axis=1).ravel()
    ys = np.stack([y2, by + ux * half, by - ux * half, y2], axis=1).ravel()
    connect = np.tile(np.array([1, 1, 1, 0], dtype=np.int32), len(length))
    path = pg_functions.arrayToQPath(xs, ys, connect=connect, finiteCheck=False)
    path.setFillRule(Qt.FillRule.WindingFill)
    return path


def pairs_path(segs: np.ndarray) -> QPainterPath:
    """One path of separate lines (a moveTo and a lineTo each), made without a Python loop."""
    if not len(segs):
        return QPainterPath()
    return pg_functions.arrayToQPath(segs[:, 0::2].ravel(), segs[:, 1::2].ravel(), connect="pairs", finiteCheck=False)


class _Drawn:
    """The lines that may show within `cover` (item coordinates), in draw order; their paths
    are made when first asked for (a picture drawn as an image makes its own)."""

    def __init__(self, cover: QRectF, segs: np.ndarray, styles: list[EdgeStyle], counts: list[int]) -> None:
        self.cover = cover
        self.segs = segs                # the lines, grouped by style in draw order
        self.styles = styles            # the styles, in draw order (by width, then colour)
        self.counts = counts            # how many lines each style has
        self._lines: list[tuple[EdgeStyle, QPainterPath]] | None = None
        self._arrows: list[tuple[QBrush, QPainterPath]] | None = None

    def lines(self, keep: np.ndarray | None = None) -> list[tuple[EdgeStyle, QPainterPath]]:
        """A path per style: of every line, or of the lines `keep` lists (ascending indices)."""
        if keep is None and self._lines is not None:
            return self._lines
        ends = np.cumsum([0] + self.counts)
        cuts = ends if keep is None else np.searchsorted(keep, ends)
        chosen = self.segs if keep is None else self.segs[keep]
        lines = [(style, pairs_path(chosen[cuts[k]:cuts[k + 1]]))
                 for k, style in enumerate(self.styles) if cuts[k + 1] > cuts[k]]
        if keep is None:
            self._lines = lines
        return lines

    def arrows(self) -> list[tuple[QBrush, QPainterPath]]:
        if self._arrows is None:
            ends = np.cumsum([0] + self.counts)
            by_colour: dict[str, list[np.ndarray]] = {}
            for k, style in enumerate(self.styles):
                if style.arrow:
                    by_colour.setdefault(style.colour, []).append(self.segs[ends[k]:ends[k + 1]])
            self._arrows = [(QBrush(QColor(colour)), arrows_path(np.concatenate(parts)))
                            for colour, parts in by_colour.items()]
        return self._arrows


class LineBatch:
    """Lines in NumPy arrays, drawn per style (see the module docstring)."""

    def __init__(self) -> None:
        self._segs = np.zeros((0, 4), dtype=np.float64)
        self._codes = np.zeros(0, dtype=np.int64)
        self._styles: list[EdgeStyle] = []
        self._hidden: np.ndarray | None = None
        self._drawn: _Drawn | None = None
        self._image: tuple[tuple, QImage, str] | None = None     # (what it shows, the picture, its maker)
        self._version = 0            # counts changes: a cached image is for one version
        self._geometry = 0           # counts set_segments: an incidence is for one geometry
        self.pictures = IncidencePictures()     # restyles at one place drawn from an incidence
        self._bounds: QRectF | None = None
        self._visible: np.ndarray | None = None
        self.last_mode = ""
        self.last_raster = ""        # the last image's maker: "qt", or "incidence" (line_picture.py)
        # An owner whose lines matter less one by one (an expanded layer's weights) may go
        # coarser, sooner; None: PIXEL_BUDGET and MAX_IMAGE_DIVISOR.
        self.pixel_budget: float | None = None
        self.max_divisor: int | None = None

    # --- what is drawn -----------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._segs)

    def set_segments(self, segs: np.ndarray, changed: np.ndarray | None = None) -> None:
        segs = np.asarray(segs, dtype=np.float64).reshape(-1, 4)
        quiet = changed is not None and len(segs) == len(self._segs) and self._all_hidden(changed)
        self._segs = segs
        self._geometry += 1          # even quietly: an incidence holds hidden lines too
        if not quiet:           # else only hidden lines moved: the paths do not show them
            self._changed()

    def set_codes(self, codes: np.ndarray, styles: list[EdgeStyle]) -> None:
        self._codes = np.asarray(codes)
        self._styles = list(styles)
        self._changed()

    def set_hidden(self, mask: np.ndarray | None) -> None:
        self._hidden = None if mask is None else np.asarray(mask, dtype=bool)
        self._changed()

    def visible(self) -> np.ndarray:
        """True for each line that is drawn (not hidden, finite, with a style)."""
        if self._visible is None:
            self._visible = self._showable()
        return self._visible.copy()

    def _showable(self) -> np.ndarray:
        segs = self._segs
        shown = np.isfinite(segs).all(axis=1)
        if len(self._codes) != len(segs):
            shown[:] = False
        else:
            shown &= (self._codes >= 0) & (self._codes < len(self._styles))
        if self._hidden is not None:
            known = min(len(self._hidden), len(segs))      # rows the mask does not reach are drawn
            shown[:known] &= ~self._hidden[:known]
        return shown

    def bounds(self) -> QRectF:
        if self._bounds is None:
            segs = self._segs[self.visible()]
            if not len(segs):
                self._bounds = QRectF()
            else:
                xs, ys = segs[:, 0::2], segs[:, 1::2]
                left, top = float(xs.min()) - MARGIN, float(ys.min()) - MARGIN
                self._bounds = QRectF(left, top, float(xs.max()) + MARGIN - left, float(ys.max()) + MARGIN - top)
        return QRectF(self._bounds)

    def _all_hidden(self, rows: np.ndarray) -> bool:
        return self._hidden is not None and bool(self._hidden[rows].all())

    def _changed(self) -> None:
        self._drawn = None
        self._image = None
        self._bounds = None
        self._visible: np.ndarray | None = None
        self._version += 1

    # --- paths -------------------------------------------------------------------------------------
    def _drawn_in(self, area: QRectF) -> _Drawn:
        """The lines that may show in `area` (item coordinates), cached while later areas lie
        within the cached cover and are not much smaller than it."""
        cached = self._drawn
        if cached is not None and (cached.cover.contains(area) or area.isEmpty()) and \
                _area(cached.cover) <= 9.0 * max(_area(area), 1e-9):
            return cached
        slack_x, slack_y = area.width() * CULL_SLACK, area.height() * CULL_SLACK
        cover = area.adjusted(-slack_x - MARGIN, -slack_y - MARGIN, slack_x + MARGIN, slack_y + MARGIN)
        shown = self.visible()
        segs = self._segs
        if not cover.contains(self.bounds()):
            x1, y1, x2, y2 = segs[:, 0], segs[:, 1], segs[:, 2], segs[:, 3]
            shown &= ((np.maximum(x1, x2) >= cover.left()) & (np.minimum(x1, x2) <= cover.right())
                      & (np.maximum(y1, y2) >= cover.top()) & (np.minimum(y1, y2) <= cover.bottom()))
        rows = np.flatnonzero(shown)
        styles = self._styles
        rank, position = draw_order(styles)
        placed = position[self._codes[rows]]
        order = np.argsort(placed, kind="stable")     # by style, then by row
        counts = np.bincount(placed, minlength=len(styles)).tolist()
        used = [k for k in range(len(styles)) if counts[k]]
        self._drawn = _Drawn(cover, segs[rows[order]], [styles[rank[k]] for k in used], [counts[k] for k in used])
        return self._drawn

    # --- painting ----------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem) -> None:
        if not len(self._segs):
            return
        world = painter.worldTransform()
        inverse, invertible = world.inverted()
        bounds = self.bounds()
        if not invertible or bounds.isEmpty():
            return
        device = _device_area(painter)
        # the painted area in item coordinates (all the lines when the device has no size)
        area = bounds if device.isEmpty() else inverse.mapRect(device).intersected(bounds)
        if area.isEmpty():
            return
        drawn = self._drawn_in(area)
        lod = option.levelOfDetailFromTransform(world)
        thin = sum(1 for style in drawn.styles if style.width * lod < 1.0)    # a prefix: by width
        engine = painter.paintEngine()
        raster = engine is not None and engine.type() == QPaintEngine.Type.Raster     # not SVG or PDF
        if raster and not device.isEmpty() and drawn.styles and thin == len(drawn.styles):
            edges = (device.left(), device.top(), device.right(), device.bottom())
            work = line_math.pixel_work(drawn.segs, _affine(world), edges)
            budget = self.pixel_budget or PIXEL_BUDGET
            if work > budget:
                divisor = min(self.max_divisor or MAX_IMAGE_DIVISOR, max(2, math.ceil(work / budget)))
                self._paint_image(painter, drawn, world, device, divisor, work / divisor)
                self._paint_arrows(painter, drawn)
                return
        self.pictures.clear()       # not drawn as an image: the incidence's memory goes
        lines = drawn.lines()
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        for style, path in lines[:thin]:            # thin first: draw order is by width
            painter.setPen(hairline_pen(style))
            painter.drawPath(path)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)
        for style, path in lines[thin:]:
            painter.setPen(edge_pen(style))
            painter.drawPath(path)
        self._paint_arrows(painter, drawn)
        self.last_mode = "lines"

    @staticmethod
    def _paint_arrows(painter: QPainter, drawn: _Drawn) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for brush, path in drawn.arrows():
            painter.setBrush(brush)
            painter.drawPath(path)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_image(self, painter: QPainter, drawn: _Drawn, world: QTransform, device: QRectF, divisor: int,
                     pixels: float) -> None:
        """The lines drawn aliased into an image of `device` at 1/divisor of its resolution
        (about `pixels` of lines), then that image drawn over `device`, scaled smoothly."""
        target = device.toAlignedRect()
        ratio = painter.device().devicePixelRatioF()
        key = (self._version, _affine(world), target.getRect(), divisor, ratio)
        if self._image is None or self._image[0] != key:
            scale = ratio / divisor
            place = (self._geometry,) + key[1:]         # hidden lines moved too: a new incidence
            image = self._restyled(place, drawn, world, target, scale) if pixels <= self.pictures.budget else None
            source = "qt" if image is None else "incidence"
            self._image = (key, image if image is not None else self._render(drawn, world, target, scale), source)
        self.last_mode, self.last_raster = f"image/{divisor}", self._image[2]
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        painter.drawImage(QRectF(target), self._image[1])
        painter.restore()

    def _restyled(self, place: tuple, drawn: _Drawn, world: QTransform, target: QRect, scale: float) -> QImage | None:
        """The picture from the lines' incidence at this place, or None: Qt draws it (see
        line_picture.py). Each drawn line gets its style's draw rank; the highest ends on top."""
        if any(style.dashed for style in drawn.styles):
            return None
        return self.pictures.picture(place, self._segs, _affine(image_transform(world, target, scale)),
                                     image_size(target, scale),
                                     lambda: ranked(self._styles, self._codes, self.visible()))

    @staticmethod
    def _render(drawn: _Drawn, world: QTransform, target: QRect, scale: float) -> QImage:
        width, height = image_size(target, scale)
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        transform = image_transform(world, target, scale)
        keep = line_math.on_top(drawn.segs, _affine(transform))     # lines hidden under others are skipped
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.setTransform(transform)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for style, path in drawn.lines(keep):
                painter.setPen(hairline_pen(style))
                painter.drawPath(path)
        finally:
            painter.end()
        return image


def _area(rect: QRectF) -> float:
    return max(rect.width(), 0.0) * max(rect.height(), 0.0)


def _affine(t: QTransform) -> line_math.Affine:
    return t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy()


def _device_area(painter: QPainter) -> QRectF:
    """The part of the paint device the painter may paint now, in device-independent pixels
    (empty when the device does not say its size)."""
    device = painter.device()
    if device is None:
        return QRectF()
    # an image's or a pixmap's size is in device pixels, a widget's in device-independent ones
    ratio = (device.devicePixelRatioF() or 1.0) if isinstance(device, (QImage, QPixmap)) else 1.0
    area = QRectF(0.0, 0.0, device.width() / ratio, device.height() / ratio)
    if painter.hasClipping():
        clip = painter.clipBoundingRect()           # in the painter's logical coordinates
        if not clip.isEmpty():
            area = area.intersected(painter.worldTransform().mapRect(clip))
    return area
