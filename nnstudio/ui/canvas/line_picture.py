"""LineBatch's coarse image, made from an incidence (line_raster.py) when the same lines are
restyled again and again at one place on screen: a training run recolouring 100,000 drawn weights.

Qt draws 100,000 aliased lines into even a tiny image at about 0.45 µs each (~50 ms): that is the
floor of its rasteriser per line. Here the lines are rasterised once in NumPy, for one place
(geometry, transform, image rect, resolution); each new picture at that place is then one array
reduction over the (pixel, line) pairs and a palette lookup (~10 ms for 6 million pairs).

Making the incidence costs about what Qt's drawing of the same picture does (the digits network's
first layer at fit: 6.3 million pairs, ~40 ms against Qt's ~55 ms), so the first picture at a
place uses it too: a zoom step or a move costs what it did, and no picture changes look when a
restyle follows. Past `budget` pairs (memory) Qt draws every picture.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QTransform

from nnstudio.ui.canvas import line_math, line_raster


def image_size(target: QRect, scale: float) -> tuple[int, int]:
    """The pixels (width, height) of an image of `target` (device pixels) at `scale`."""
    return max(1, math.ceil(target.width() * scale)), max(1, math.ceil(target.height() * scale))


def image_transform(world: QTransform, target: QRect, scale: float) -> QTransform:
    """Item coordinates (`world`: to the device) to the pixels of that image."""
    return world * QTransform.fromTranslate(-target.x(), -target.y()) * QTransform.fromScale(scale, scale)


def draw_order(styles: Sequence) -> tuple[list[int], np.ndarray]:
    """The indices of these EdgeStyles in draw order (by width, then colour), and each one's
    place in it (small integers: NumPy's stable sort of them is then a radix sort)."""
    rank = sorted(range(len(styles)), key=lambda k: (styles[k].width, styles[k].colour))
    small = np.int8 if len(styles) < 2 ** 7 else np.int16 if len(styles) < 2 ** 15 else np.int64
    position = np.empty(len(styles), dtype=small)
    position[rank] = np.arange(len(styles))
    return rank, position


def ranked(styles: Sequence, codes: np.ndarray, shown: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each line's draw rank (−1 where not `shown`) from its code into `styles`, and each
    rank's colour (premultiplied ARGB32): what `IncidencePictures.picture` paints with."""
    rank, position = draw_order(styles)
    ranks = np.where(shown, position[np.clip(codes, 0, max(len(rank) - 1, 0))], -1)
    return ranks.astype(position.dtype), premultiplied([styles[k].colour for k in rank])


def premultiplied(colours: Sequence[str]) -> np.ndarray:
    """ARGB32 premultiplied pixels (uint32) of these colour names."""
    out = np.zeros(len(colours), dtype=np.uint32)
    for k, name in enumerate(colours):
        colour = QColor(name)
        alpha = colour.alpha()
        red, green, blue = (round(c * alpha / 255) for c in (colour.red(), colour.green(), colour.blue()))
        out[k] = (alpha << 24) | (red << 16) | (green << 8) | blue
    return out


class IncidencePictures:
    """Pictures of one LineBatch's lines from an incidence, for the last place restyled twice."""

    def __init__(self, budget: int = line_raster.ENTRY_BUDGET) -> None:
        self.budget = budget
        self._place: tuple | None = None                        # what the incidence is for
        self._incidence: line_raster.Incidence | None = None     # None there: over the budget

    def clear(self) -> None:
        """Forget the incidence (its memory): the lines are no longer drawn as an image."""
        self._place = self._incidence = None

    @property
    def nbytes(self) -> int:
        return self._incidence.nbytes if self._incidence is not None else 0

    def picture(self, place: tuple, segs: np.ndarray, transform: line_math.Affine, size: tuple[int, int],
                styling: Callable[[], tuple[np.ndarray, np.ndarray]]) -> QImage | None:
        """The lines `segs` (item coordinates; `transform` maps them to image pixels) as a
        `size` image: with `(ranks, colours) = styling()`, line k in colours[ranks[k]] (−1: not
        drawn), the highest rank on top. None: let Qt draw it (the lines would make more than
        `budget` pairs; `styling` is then not called)."""
        if place != self._place:
            self._place, self._incidence = place, None       # the old one goes before the new is made
            self._incidence = line_raster.incidence(line_math.mapped(segs, transform), *size, budget=self.budget)
        if self._incidence is None:
            return None
        pixels = self._incidence.picture(*styling())
        width, height = size
        return QImage(pixels.data, width, height, 4 * width, QImage.Format.Format_ARGB32_Premultiplied).copy()
