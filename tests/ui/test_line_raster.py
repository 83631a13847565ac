"""The image mode's NumPy pictures (line_raster.py, line_picture.py): the pixels each line crosses,
the style on top at each pixel, and LineBatch pictures made from an incidence matching Qt's own
image mode (colours where lines are, background elsewhere, the strongest on top), also after
lines are hidden, moved, or the view moves."""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QColor, QImage, QPainter, QTransform
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from nnstudio.ui.canvas import line_batch, line_raster
from nnstudio.ui.canvas.line_batch import EdgeStyle, LineBatch

STYLES = [EdgeStyle("#ff0000", 0.4), EdgeStyle("#0000ff", 0.8), EdgeStyle("#00aa00", 1.2)]


def reference_pixels(line: tuple[float, float, float, float], width: int, height: int) -> set[tuple[int, int]]:
    """The documented rule, pixel by pixel: along the longer axis, every pixel from the one
    holding the first end to the one holding the last, and at each the pixel crossed at its
    centre. (x, y) pairs inside the image."""
    x1, y1, x2, y2 = line
    if not all(math.isfinite(c) for c in line):
        return set()
    along_x = abs(x2 - x1) >= abs(y2 - y1)
    u1, v1, u2, v2 = (x1, y1, x2, y2) if along_x else (y1, x1, y2, x2)
    if u2 < u1:
        u1, v1, u2, v2 = u2, v2, u1, v1
    slope = (v2 - v1) / (u2 - u1) if u2 > u1 else 0.0
    out = set()
    length = width if along_x else height
    for u in range(max(math.floor(u1), 0), min(math.floor(u2), length - 1) + 1):
        v = math.floor(v1 + (u + 0.5 - u1) * slope)
        x, y = (u, v) if along_x else (v, u)
        if 0 <= x < width and 0 <= y < height:
            out.add((x, y))
    return out


def crossing(incidence: line_raster.Incidence) -> dict[tuple[int, int], set[int]]:
    """Pixel (x, y) → the lines the incidence says cross it."""
    out = {}
    ends = list(incidence.starts) + [len(incidence.line_of_entry)]
    for k, pixel in enumerate(incidence.pixels):
        y, x = divmod(int(pixel), incidence.width)
        out[(x, y)] = set(incidence.line_of_entry[ends[k]:ends[k + 1]].tolist())
    return out


def test_each_line_covers_the_pixels_of_the_rule_clipped_to_the_image():
    rng = np.random.default_rng(7)
    width, height = 23, 17
    lines = rng.uniform(-10, 35, (300, 4))
    lines[:20, 2] = lines[:20, 0]                     # vertical
    lines[20:40, 3] = lines[20:40, 1]                 # horizontal
    lines[40:45] = [[5.5, 5.5, 5.5, 5.5]] * 5         # a point: its one pixel
    lines[45] = [np.nan, 1.0, 2.0, 3.0]               # not drawn
    lines[46] = [-1e9, 3.2, 1e9, 3.2]                 # far outside both ends: clipped
    lines[47] = [np.inf, 1.0, 5.0, 5.0]               # not drawn either (and no warning)
    incidence = line_raster.incidence(lines, width, height)
    expected: dict[tuple[int, int], set[int]] = {}
    for k, line in enumerate(lines):
        for pixel in reference_pixels(tuple(line), width, height):
            expected.setdefault(pixel, set()).add(k)
    assert crossing(incidence) == expected
    assert expected[(5, 5)] >= {40, 41, 42, 43, 44} and 45 not in set().union(*expected.values())
    assert {x for (x, y), ks in expected.items() if 46 in ks} == set(range(width))
    # 64-bit keys (2^20 more lines, not drawn, and a taller image) find the same pixels
    wide = line_raster.incidence(np.concatenate([lines, np.full((2 ** 20, 4), np.nan)]), width, 200)
    assert wide.width * wide.height << 21 >= 2 ** 32
    assert {p: ks for p, ks in crossing(wide).items() if p[1] < height} == expected
    assert incidence.line_of_entry.dtype == np.int32 and wide.line_of_entry.dtype == np.int32


def test_the_highest_rank_crossing_a_pixel_is_on_top_and_no_line_leaves_it_clear():
    rng = np.random.default_rng(3)
    lines = rng.uniform(0, 30, (500, 4))
    incidence = line_raster.incidence(lines, 30, 30)
    ranks = rng.integers(-1, 5, len(lines)).astype(np.int8)      # −1: hidden
    top = incidence.top(ranks).reshape(30, 30)
    cover = crossing(incidence)
    for y in range(30):
        for x in range(30):
            drawn = [int(ranks[k]) for k in cover.get((x, y), ())]
            assert top[y, x] == max(drawn, default=-1)
    palette = np.array([0xFF000001, 0xFF000002, 0xFF000003, 0xFF000004, 0xFF000005], dtype=np.uint32)
    picture = incidence.picture(ranks, palette)
    assert picture.shape == (30, 30)
    assert np.array_equal(picture, np.where(top >= 0, palette[np.maximum(top, 0)], 0))


def test_the_budget_refuses_too_many_pairs():
    lines = np.array([[0.0, 0.0, 99.0, 0.0]] * 10)          # 100 pixels each
    assert line_raster.incidence(lines, 100, 10, budget=999) is None
    assert len(line_raster.incidence(lines, 100, 10, budget=1000).line_of_entry) == 1000


def painted(batch: LineBatch, transform: QTransform, size: tuple[int, int] = (300, 240)) -> QImage:
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setTransform(transform)
    batch.paint(painter, QStyleOptionGraphicsItem())
    painter.end()
    return image


def grid_batch() -> tuple[LineBatch, np.ndarray]:
    """Horizontal and vertical lines whose ends lie on pixel centres of the /3 image at scale 0.3
    (where Qt's rule and ours agree exactly), crossing each other, in all three styles."""
    rows = (np.arange(0, 60, 4) * 3 + 1.5) / 0.3      # image pixel k's centre: (k + 0.5) · 3 device px
    cols = (np.arange(2, 90, 5) * 3 + 1.5) / 0.3
    left, right = (1 * 3 + 1.5) / 0.3, (97 * 3 + 1.5) / 0.3
    top, bottom = (1 * 3 + 1.5) / 0.3, (77 * 3 + 1.5) / 0.3
    segs = np.concatenate([np.column_stack([np.full_like(rows, left), rows, np.full_like(rows, right), rows]),
                           np.column_stack([cols, np.full_like(cols, top), cols, np.full_like(cols, bottom)])])
    batch = LineBatch()
    batch.set_segments(segs)
    return batch, segs


def qt_and_numpy(batch: LineBatch, codes: np.ndarray, transform: QTransform, monkeypatch) -> tuple[QImage, QImage]:
    """The batch painted in image mode by Qt (no budget for an incidence), then from an incidence."""
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 100)
    batch.set_codes(codes, STYLES)
    batch.pictures.budget = 0
    qt = painted(batch, transform)
    assert (batch.last_mode, batch.last_raster) == ("image/3", "qt")
    batch.pictures.budget = line_raster.ENTRY_BUDGET
    batch.set_codes(codes, STYLES)
    numpy = painted(batch, transform)
    assert (batch.last_mode, batch.last_raster) == ("image/3", "incidence")
    return qt, numpy


def test_the_incidence_picture_equals_qts_image_mode_pixel_for_pixel(qapp, monkeypatch):
    batch, segs = grid_batch()
    rng = np.random.default_rng(5)
    for _ in range(3):
        codes = rng.integers(0, 3, len(segs))
        qt, numpy = qt_and_numpy(batch, codes, QTransform.fromScale(0.3, 0.3), monkeypatch)
        assert qt == numpy
        assert numpy.pixelColor(150, 13).name() == STYLES[codes[1]].colour       # row 4 (image pixels)


def test_the_strongest_style_is_on_top_wherever_lines_cross(qapp, monkeypatch):
    batch, segs = grid_batch()
    horizontal = len(segs) - 18
    codes = np.concatenate([np.full(horizontal, 2), np.zeros(18, dtype=np.int64)])    # green rows over red columns
    _, numpy = qt_and_numpy(batch, codes, QTransform.fromScale(0.3, 0.3), monkeypatch)
    # the crossing of row 4 (device y 13.5) and column 7 (device x 22.5): green, drawn first or not
    assert numpy.pixelColor(22, 13).name() == "#00aa00"
    assert numpy.pixelColor(22, 55).name() == "#ff0000"           # a column alone: red
    assert QColor(numpy.pixelColor(13, 7)).alpha() == 0            # between the lines: background


def test_hidden_moved_and_panned_lines_are_drawn_where_they_are_now(qapp, monkeypatch):
    batch, segs = grid_batch()
    codes = np.ones(len(segs), dtype=np.int64)
    transform = QTransform.fromScale(0.3, 0.3)
    _, numpy = qt_and_numpy(batch, codes, transform, monkeypatch)
    assert numpy.pixelColor(150, 13).name() == "#0000ff"
    hidden = np.zeros(len(segs), dtype=bool)
    hidden[1] = True                      # the row at image pixel 4 (device y 13.5)
    batch.set_hidden(hidden)
    numpy = painted(batch, transform)
    assert (batch.last_mode, batch.last_raster) == ("image/3", "incidence")
    assert QColor(numpy.pixelColor(150, 13)).alpha() == 0
    assert numpy.pixelColor(150, 25).name() == "#0000ff"            # the next row still shows
    batch.set_hidden(None)
    segs[1, [1, 3]] += 6 * 3 / 0.3          # that row moves 6 image pixels down
    batch.set_segments(segs)
    numpy = painted(batch, transform)
    assert numpy.pixelColor(150, 31).name() == "#0000ff" and QColor(numpy.pixelColor(150, 13)).alpha() == 0
    # a hidden line moves (the picture stays as it is), then shows: where it is now
    hidden[:] = False
    hidden[2] = True                      # the row at image pixel 8 (device y 25)
    batch.set_hidden(hidden)
    assert QColor(painted(batch, transform).pixelColor(150, 25)).alpha() == 0
    segs[2, [1, 3]] += 6 * 3 / 0.3          # to image pixel 14 (device y 43)
    batch.set_segments(segs, changed=np.array([2]))
    assert QColor(painted(batch, transform).pixelColor(150, 43)).alpha() == 0
    batch.set_hidden(None)
    shown = painted(batch, transform)
    assert batch.last_raster == "incidence"
    assert shown.pixelColor(150, 43).name() == "#0000ff" and QColor(shown.pixelColor(150, 25)).alpha() == 0
    panned = painted(batch, QTransform.fromScale(0.3, 0.3) * QTransform.fromTranslate(30, 0))
    assert (batch.last_mode, batch.last_raster) == ("image/3", "incidence")
    assert panned.pixelColor(180, 31).name() == "#0000ff" and QColor(panned.pixelColor(17, 31)).alpha() == 0


def test_an_incidence_is_only_kept_while_the_lines_are_an_image(qapp, monkeypatch):
    batch, segs = grid_batch()
    qt_and_numpy(batch, np.zeros(len(segs), dtype=np.int64), QTransform.fromScale(0.3, 0.3), monkeypatch)
    assert batch.pictures.nbytes > 0
    painted(batch, QTransform.fromScale(3.0, 3.0))
    assert batch.last_mode == "lines" and batch.pictures.nbytes == 0


def test_dashed_lines_stay_drawn_by_qt(qapp, monkeypatch):
    batch, segs = grid_batch()
    monkeypatch.setattr(line_batch, "PIXEL_BUDGET", 100)
    batch.set_codes(np.zeros(len(segs), dtype=np.int64), [EdgeStyle("#ff0000", 0.4, True)])
    painted(batch, QTransform.fromScale(0.3, 0.3))
    assert (batch.last_mode, batch.last_raster) == ("image/3", "qt")


def test_an_expanded_layers_recoloured_weights_show_the_strongest_on_top(qapp):
    from nnstudio.ui.canvas.weight_lines import STYLES as WEIGHT_STYLES
    from nnstudio.ui.canvas.weight_lines import WeightLines, style_codes
    rows, units = np.meshgrid(np.arange(150), np.arange(150), indexing="ij")
    rows, units = rows.ravel(), units.ravel()
    lines = WeightLines("d1", rows, units)
    # source unit i at (0, 10 i), layer unit j at (2000, 10 j); at scale 0.1, a /3 image
    lines.set_segments(np.column_stack([np.zeros(len(rows)), 10.0 * rows, np.full(len(rows), 2000.0), 10.0 * units]))
    lines.batch.pixel_budget, lines.batch.max_divisor = 1000, 3
    W = np.random.default_rng(2).uniform(-0.1, 0.1, (150, 150))
    transform = QTransform.fromScale(0.1, 0.1)

    def shown(strongest: float) -> QImage:
        W[0, 149] = strongest                 # W[0, 149]: from (0, 0) to (2000, 1490)
        lines.set_weights(W)
        image = QImage(240, 159, QImage.Format.Format_ARGB32_Premultiplied)     # 80 × 53 at /3
        image.fill(0)
        painter = QPainter(image)
        painter.setTransform(transform)
        lines.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        assert (lines.batch.last_mode, lines.batch.last_raster) == ("image/3", "incidence")
        return image

    for strongest in (1.0, -1.0):
        code = style_codes(np.array([strongest]), np.array([0]))[0]
        # image pixel (30, 22) lies on that line (y = 22.7 at its centre): device pixel (91, 67)
        got, want = QColor(shown(strongest).pixelColor(91, 67)), QColor(WEIGHT_STYLES[code].colour)
        # the strongest colour, to Qt's smooth scaling's rounding (a weak step is ≥ 30 away)
        assert max(abs(got.red() - want.red()), abs(got.green() - want.green()), abs(got.blue() - want.blue())) <= 3
