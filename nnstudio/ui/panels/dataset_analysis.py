"""What the Dataset panel reads off a loaded Dataset before drawing it (NumPy only, no Qt widgets;
the default class names come from the catalogue, which is safe in the worker thread).

`analyse(dataset, data_spec, input_shapes)` decides which picture suits the data: a 2-D scatter,
a grid of images, a 1-D plot, sequence lines or a table; which samples are held out for
validation (the same ones training holds out); and, for classification data, one class per
sample with the classes' names and counts.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from nnstudio.data import Dataset, validation_count
from nnstudio.ui.i18n import translate

SCATTER_LIMIT = 5000        # at most this many points in a scatter; more only blur into a cloud
IMAGE_COUNT = 36            # the first images shown in the grid
SEQUENCE_COUNT = 8          # sample lines in the sequence view
MIN_SIDE = 4                # a narrower [time, features] input is a sequence, not an image
_TIME_NAME = re.compile(r"^t(\d+)(?:\D.*)?$")


@dataclass
class Analysis:
    kind: str                               # "scatter" | "images" | "line" | "sequences" | "table"
    n: int
    n_train: int
    n_val: int
    is_validation: np.ndarray               # bool [n]: held out for validation
    classes: np.ndarray | None = None       # int [n], one class per sample, or None (not classes)
    class_names: list[str] = field(default_factory=list)
    counts: np.ndarray | None = None        # samples per class (np.bincount of `classes`)
    value: np.ndarray | None = None         # float [n]: the first target, when it is not a class
    image_shape: tuple[int, int, int] | None = None     # (channels, height, width)
    steps: int = 0                          # sequence length (time steps)


def validation_mask(n: int, validation_split: float, split_seed: int | None = None) -> np.ndarray:
    """True for the samples training keeps for validation: the last `validation_count` samples,
    or, when the data spec has a `split_seed`, the last ones of the seeded permutation."""
    n_val = validation_count(n, float(validation_split))
    mask = np.zeros(n, dtype=bool)
    if not n_val:
        return mask
    if split_seed is None:
        mask[n - n_val:] = True
    else:
        mask[np.random.default_rng(split_seed).permutation(n)[n - n_val:]] = True
    return mask


def class_labels(dataset: Dataset) -> tuple[np.ndarray | None, list[str]]:
    """(class per sample, class names) when the targets are classes, else (None, []).

    Integer targets are class indices; one-hot rows (exactly one 1, the rest 0) are read by
    argmax; a single column holding only 0 and 1 (or −1 and +1) is thresholded as the accuracy
    metric reads it. Names come from the loader (text labels in a CSV) where it knows them."""
    t = dataset.targets
    n = len(dataset)
    classes: np.ndarray | None = None
    default: list[str] = []
    if dataset.is_index:
        classes = np.asarray(t, dtype=np.int64).reshape(-1)
    elif n:
        t = np.asarray(t).reshape(n, -1)
        if t.shape[1] > 1 and np.isin(t, (0.0, 1.0)).all() and (t.sum(axis=1) == 1).all():
            classes = t.argmax(axis=1)
        elif t.shape[1] == 1 and np.isin(t, (0.0, 1.0)).all():
            classes = (t[:, 0] > 0.5).astype(np.int64)
        elif t.shape[1] == 1 and np.isin(t, (-1.0, 1.0)).all():
            classes = (t[:, 0] > 0).astype(np.int64)
            default = ["−1", "+1"]
    if classes is None:
        return None, []
    width = t.shape[1] if t.ndim == 2 else 0          # one-hot: every column is a class
    k = max(int(classes.max(initial=-1)) + 1, len(dataset.class_names or ()), width if width > 1 else 0)
    unnamed = translate("DatasetAnalysis", "class {index}")
    if not default:
        default = [unnamed.format(index=i) for i in range(k)]
    names = list(dataset.class_names or default)
    names += [unnamed.format(index=i) for i in range(len(names), k)]
    return classes, names


def image_shape(columns: int, input_shapes: Sequence[Sequence[int]]) -> tuple[int, int, int] | None:
    """(channels, height, width) when the inputs are images: one input node of shape [H, W] or
    [C, H, W] taking every column (both sides at least MIN_SIDE), or a perfect square of at least 16 columns (8×8 digits,
    28×28 MNIST), or three such squares (RGB)."""
    if len(input_shapes) == 1:
        shape = tuple(int(d) for d in input_shapes[0])
        if math.prod(shape) == columns and len(shape) in (2, 3) and min(shape[-2:]) >= MIN_SIDE:
            return (1, *shape) if len(shape) == 2 else shape         # type: ignore[return-value]
    side = math.isqrt(columns)
    if columns >= 16 and side * side == columns:
        return 1, side, side
    side = math.isqrt(columns // 3)
    if columns % 3 == 0 and side >= 8 and 3 * side * side == columns:
        return 3, side, side
    return None


def sequence_steps(input_names: Sequence[str]) -> int:
    """The number of time steps when the inputs are named t1..tT (features of a step may follow
    the number, as in t1_x), else 0."""
    steps: list[int] = []
    for name in input_names:
        match = _TIME_NAME.match(name)
        if match is None:
            return 0
        steps.append(int(match.group(1)))
    distinct = sorted(set(steps))
    if len(distinct) < 2 or distinct != list(range(1, len(distinct) + 1)):
        return 0
    return len(distinct)


def analyse(dataset: Dataset, validation_split: float, split_seed: int | None = None,
            input_shapes: Sequence[Sequence[int]] = ()) -> Analysis:
    """Everything the panel needs to know about `dataset` (see the module docstring)."""
    n = len(dataset)
    columns = int(np.prod(dataset.inputs.shape[1:])) if dataset.inputs.ndim > 1 else 1
    mask = validation_mask(n, validation_split, split_seed)
    n_val = int(mask.sum())
    classes, names = class_labels(dataset)
    result = Analysis("table", n, n - n_val, n_val, mask, classes, names)
    if classes is not None:
        result.counts = np.bincount(classes, minlength=len(names))
    else:
        t = np.asarray(dataset.targets, dtype=np.float64).reshape(n, -1)
        result.value = t[:, 0] if t.shape[1] else None
    steps = sequence_steps(dataset.input_names)
    shape = image_shape(columns, input_shapes)
    if not steps and shape is None and len(input_shapes) == 1 and len(input_shapes[0]) == 2 \
            and math.prod(input_shapes[0]) == columns and int(input_shapes[0][0]) >= 2:
        steps = int(input_shapes[0][0])          # an input node of shape [time, features]
    if steps:
        result.kind, result.steps = "sequences", steps
    elif shape is not None:
        result.kind, result.image_shape = "images", shape
    elif columns == 2:
        result.kind = "scatter"
    elif columns == 1:
        result.kind = "line"
    return result


def subsample(n: int, limit: int = SCATTER_LIMIT, seed: int = 0) -> np.ndarray:
    """Indices of at most `limit` samples, spread over the whole set (not just its start, which
    files often sort by class), in ascending order; every index when there are few enough."""
    if n <= limit:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=limit, replace=False))


def mosaic(images: np.ndarray, columns: int, gap: int, label_space: int) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Tile `images` [k, C, H, W] into one picture: rows of `columns` tiles, `gap` pixels between
    tiles and `label_space` pixels under each row for the labels. Returns (picture [rows, cols]
    for one channel or [rows, cols, 3] for RGB, scaled to 0–1 with NaN in the gaps; the centre of
    the space under each tile, in picture pixels (x, y from the top))."""
    k, channels, h, w = images.shape
    rows = max(math.ceil(k / columns), 1)
    cell_w, cell_h = w + gap, h + label_space + gap
    width, height = columns * cell_w - gap, rows * cell_h - gap
    rgb = channels == 3
    picture = np.full((height, width, 3) if rgb else (height, width), np.nan, dtype=np.float64)
    finite = images[np.isfinite(images)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    scale = hi - lo if hi > lo else 1.0
    anchors = []
    for i in range(k):
        r, c = divmod(i, columns)
        y, x = r * cell_h, c * cell_w
        tile = (np.asarray(images[i], dtype=np.float64) - lo) / scale
        picture[y:y + h, x:x + w] = np.moveaxis(tile, 0, -1) if rgb else tile[0]
        anchors.append((x + w / 2, y + h + label_space / 2))
    return picture, anchors
