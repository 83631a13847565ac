"""Training health's sentences (nnstudio.training.health) in the interface's language.

A finding's `what`, `advice` and `headline` are English made from a few templates; the advice is
several sentences. Each sentence is matched to its template here, translated and its numbers put
back (health.number's words for an infinite loss too); a text that matches none stays English.
tests/ui/test_domain_i18n.py checks that every finding health makes is matched.
"""
from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP

from nnstudio.ui.domain_i18n import by_template, compile_templates
from nnstudio.ui.i18n import translate

CONTEXT = "TrainingHealth"
TEMPLATES = (
    # what
    QT_TRANSLATE_NOOP("TrainingHealth", "The loss became too large to compute, so training stopped and kept the "
                      "weights from before the step that broke it."),
    QT_TRANSLATE_NOOP("TrainingHealth", "The loss exploded instead of shrinking (from {0} at the start to {1} "
                      "lately): each step overshoots, so the learning rate is too high."),
    QT_TRANSLATE_NOOP("TrainingHealth", "The loss is growing instead of shrinking (from {0} at the start to {1} "
                      "lately): each step overshoots, so the learning rate is too high."),
    QT_TRANSLATE_NOOP("TrainingHealth", "The network gives the same answer ({0}) for every sample: its units are "
                      "stuck, so it has stopped learning."),
    QT_TRANSLATE_NOOP("TrainingHealth", "The loss ({0}) is stuck at the level of guessing: always giving the same "
                      "answer scores {1}."),
    QT_TRANSLATE_NOOP("TrainingHealth", "The network has not learned from its inputs."),
    # advice
    QT_TRANSLATE_NOOP("TrainingHealth", "Lower the Learning rate in the Training tab (it is {0}; try {1})."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Lower the Learning rate in the Training tab (it is {0}; try {1}), or "
                      "switch the Optimizer to Adam (Learning rate 0.01)."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Lower the Learning rate in the Training tab (it is {0}; try {1}), then "
                      "press Reset weights and train again."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Lower the Learning rate in the Training tab (it is {0}; try {1}), or "
                      "switch the Optimizer to Adam (Learning rate 0.01), then press Reset weights and train again."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Turn on Clip gradients (global norm) in the Training tab, for example at "
                      "1.0, to cap each step."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Lower Clip gradients (global norm) in the Training tab (it is {0}; try "
                      "{1})."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Set Normalize inputs in the Data tab to standard: large inputs make large "
                      "steps."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Then press Reset weights and train again."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Press Reset weights and train again; if it sticks again, switch the "
                      "Optimizer to Adam."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Train for more Epochs (Training tab), or switch the Optimizer to Adam "
                      "(Learning rate 0.01), which leaves such plateaus sooner."),
    QT_TRANSLATE_NOOP("TrainingHealth", "Train for more Epochs (Training tab), or raise the Learning rate a "
                      "little."),
    # headlines (the status bar)
    QT_TRANSLATE_NOOP("TrainingHealth", "Stopped: loss too big to compute (see Problems)"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Loss exploded: lower the Learning rate (Problems)"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Loss is growing: lower the Learning rate (Problems)"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Output stuck at {0}: lower the Learning rate"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Output stuck at {0}: press Reset weights"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Outputs stuck: lower the Learning rate"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Outputs stuck: press Reset weights"),
    QT_TRANSLATE_NOOP("TrainingHealth", "Loss stuck at guessing ({0}): see Problems"),
)
NUMBERS = {"infinite": QT_TRANSLATE_NOOP("TrainingHealth", "infinite"),
           "not a number": QT_TRANSLATE_NOOP("TrainingHealth", "not a number")}
# Where one sentence of an advice ends and the next begins: ". " or "; " is not enough (1.0, 0.01).
_SENTENCE = re.compile(r"(?<=[.])\s+(?=[A-Z])")


@lru_cache(maxsize=1)
def _compiled():
    return compile_templates(TEMPLATES)


def _value(text: str) -> str:
    return translate(CONTEXT, NUMBERS[text]) if text in NUMBERS else text


def _one(sentence: str) -> str | None:
    return by_template(CONTEXT, _compiled(), sentence, _value)


def health_text(text: str) -> str:
    """A finding's what, advice or headline in the interface's language (English when a sentence
    of it has no translation)."""
    sentences = _SENTENCE.split(text)
    said = [_one(s) for s in sentences]
    if len(sentences) < 2 or any(s is None for s in said):
        whole = _one(text)
        return text if whole is None else whole
    out = said[0] or ""
    for s in said[1:]:
        out += ("" if out.endswith(("。", "！", "？", "；")) else " ") + (s or "")
    return out
