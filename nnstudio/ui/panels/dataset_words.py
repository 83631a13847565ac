"""The Dataset panel's and the Data tab's sentences about the samples, in the interface's language:
the summary line over the plot, the plots' captions, and counted words ("1 input", "3 inputs").

Each sentence is one catalogue text with named placeholders (Chinese orders the words its own
way); counted words come in two texts, one for 1 and one for any other count.
"""
from __future__ import annotations

from typing import Sequence

from nnstudio.ui.i18n import translate

NAMED_COUNTS = 6                 # the summary names each class's count up to this many


def counted(n: int, one: str, many: str) -> str:
    """`one` or `many` (translated texts with a {count} placeholder) for `n`: "1 input", "3 inputs"."""
    return (one if n == 1 else many).format(count=n)


def inputs_text(n: int) -> str:
    return counted(n, translate("DatasetWords", "{count} input"), translate("DatasetWords", "{count} inputs"))


def outputs_text(n: int) -> str:
    return counted(n, translate("DatasetWords", "{count} output"), translate("DatasetWords", "{count} outputs"))


def samples_text(n: int) -> str:
    return counted(n, translate("DatasetWords", "{count} sample"), translate("DatasetWords", "{count} samples"))


def target_word() -> str:
    """The name of an unnamed target column."""
    return translate("DatasetWords", "target")


def summary_html(n: int, n_train: int, n_val: int, columns: int, targets: int, class_counts: str,
                 value_range: str) -> str:
    """"<b>150 samples</b> (120 training, 30 validation) · 4 inputs → 1 target · …"."""
    if n_val:
        first = (translate("DatasetWords", "<b>{count:,} sample</b> ({train:,} training, {val:,} validation)")
                 if n == 1 else
                 translate("DatasetWords", "<b>{count:,} samples</b> ({train:,} training, {val:,} validation)"))
    else:
        first = (translate("DatasetWords", "<b>{count:,} sample</b> (all for training)") if n == 1 else
                 translate("DatasetWords", "<b>{count:,} samples</b> (all for training)"))
    shape = inputs_text(columns) + " → " + counted(targets, translate("DatasetWords", "{count} target"),
                                                   translate("DatasetWords", "{count} targets"))
    parts = [first.format(count=n, train=n_train, val=n_val), shape]
    parts += [text for text in (class_counts, value_range) if text]
    return " · ".join(parts)


def class_counts_text(names: Sequence[str], counts: Sequence[int]) -> str:
    """Each class's count ("setosa: 50, versicolor: 50"), or their range when there are many."""
    k = len(names)
    if k <= NAMED_COUNTS:
        return ", ".join(f"{name}: {int(c):,}" for name, c in zip(names, counts))
    return translate("DatasetWords", "{classes} classes, {low:,} to {high:,} samples each").format(
        classes=k, low=int(min(counts)), high=int(max(counts)))


def value_range_text(target: str, low: str, high: str) -> str:
    return translate("DatasetWords", "{target} from {low} to {high}").format(target=target, low=low, high=high)


def shown_text(shown: int, total: int) -> str:
    return translate("DatasetWords", "{shown:,} of {total:,} samples shown").format(shown=shown, total=total)


def colour_text(target: str, low: str, high: str) -> str:
    return translate("DatasetWords", "colour: {target} from orange ({low}) to blue ({high})").format(
        target=target, low=low, high=high)


def images_caption(k: int, n: int, size: str, classes: bool) -> str:
    """"the first 36 of 1,797 images, 8×8 · labels: class"."""
    if k < n:
        images = translate("DatasetWords", "the first {count} of {total:,} images").format(count=k, total=n)
    else:
        images = counted(k, translate("DatasetWords", "{count} image"), translate("DatasetWords", "{count} images"))
    caption = (translate("DatasetWords", "{images}, {size} · labels: class") if classes else
               translate("DatasetWords", "{images}, {size} · labels: target"))
    return caption.format(images=images, size=size)


def sequences_caption(k: int, steps: int, features: int) -> str:
    """"the first 8 samples over 10 time steps (feature 1 of 2)"."""
    caption = (translate("DatasetWords", "the first {count} sample over {steps} time steps") if k == 1 else
               translate("DatasetWords", "the first {count} samples over {steps} time steps")).format(
        count=k, steps=steps)
    if features > 1:
        caption = translate("DatasetWords", "{caption} (feature 1 of {features})").format(
            caption=caption, features=features)
    return caption
