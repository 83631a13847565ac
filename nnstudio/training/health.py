"""Training health in plain words: is the loss exploding, growing, or stuck at guessing? (no Qt)

Pure functions over a run's loss per epoch, the loss function's name, the targets and (where
useful) the network's outputs on the probe samples. Each returns `Finding`s: what is happening and
what to try, in sentences a student can act on, naming the window's controls (the Training tab's
Learning rate, Optimizer and Clip gradients, the Data tab's Normalize inputs, the Reset weights button).

The "chance level" is the loss of the best answer that ignores the inputs: always predicting the
average target (mse, half_sse), the share of 1s (binary cross-entropy), or the class frequencies
(categorical): ln 2 for balanced 0/1 targets, ln K for K balanced classes. A network whose loss
stays there has learned nothing from its inputs.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

import numpy as np

MIN_EPOCHS = 20           # epochs before "stuck at guessing" can be said (a plateau needs time)
CHANCE_SHARE = 0.97       # a loss above this share of the chance level is no better than guessing
GROWTH = 1.5              # the loss at the end above this many times its start: it is growing
EXPLODED = 1000.0         # ... above this many times: it exploded
HIGH_SHARE = 0.25         # a loss above this share of the chance level is still "high"
FLAT = 1e-9               # outputs that differ by less than this over every sample are identical
HEADLINE = 50             # characters: what the status bar shows at 1280 pixels beside its readouts
TAIL = 5                  # epochs that make "the loss now" (one noisy epoch is not a trend)
# Learning rates a first try should use, and from which one is "very high".
TYPICAL_LR = {"sgd": 0.1, "adam": 0.01, "adamw": 0.01, "rmsprop": 0.01}
HIGH_LR = {"sgd": 5.0, "adam": 0.5, "adamw": 0.5, "rmsprop": 0.5}
SMALL_INPUT = 1.0         # inputs within ±this are scaled already: normalising them is no advice


@dataclass(frozen=True)
class Finding:
    """One thing wrong with training: `kind` is "not_finite", "growing", "stuck" or "chance"."""

    kind: str
    what: str                  # what is happening, one sentence
    advice: str                # what to try, one sentence
    headline: str = ""         # a few words for the status bar, beside its readouts (≤ HEADLINE)
    severity: str = "warning"  # training can still run: a problem of the run, not of the network

    @property
    def text(self) -> str:
        return f"{self.what} {self.advice}"


def number(value: float) -> str:
    """A loss as a student reads it: 0.2504, 43,275, 8.4e+44."""
    if not math.isfinite(value):
        return "infinite" if value > 0 else "not a number"
    if abs(value) >= 1e7:
        return f"{value:.2g}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.4g}"


# --- the chance level -------------------------------------------------------------------------
def _entropy(p: np.ndarray) -> float:
    p = p[p > 0]
    return float(-(p * np.log(p)).sum())


def chance_loss(loss: str, targets: np.ndarray, classes: int | None = None) -> float | None:
    """The loss of the best constant prediction for `targets` ([samples] or [samples, outputs];
    sequence targets [samples, steps, outputs] count every step as a sample, as the losses do),
    or None when it cannot be known (no targets, an unknown loss)."""
    t = np.asarray(targets, dtype=np.float64)
    if t.ndim == 3:
        t = t.reshape(-1, t.shape[-1])
    if t.size == 0 or not np.isfinite(t).all():
        return None
    if loss == "sparse_categorical_crossentropy":
        labels = t.reshape(-1).astype(np.int64)
        if labels.min() < 0:
            return None
        counts = np.bincount(labels, minlength=classes or 0)
        return _entropy(counts / counts.sum())
    t = t.reshape(len(t), -1)
    if loss in ("mse", "half_sse"):
        spread = t.var(axis=0)                      # the squared error of the column means
        return float(spread.mean()) if loss == "mse" else 0.5 * float(spread.sum())
    if loss == "binary_crossentropy":
        p = np.clip(t.mean(axis=0), 0.0, 1.0)
        return float(np.mean([_entropy(np.array([q, 1.0 - q])) for q in p]))
    if loss == "categorical_crossentropy":
        share = t.mean(axis=0)                      # rows need not sum to 1: q ∝ the column sums
        total = share.sum()
        if total <= 0 or (share < 0).any():
            return None
        nonzero = share[share > 0]
        return float(-(nonzero * np.log(nonzero / total)).sum())
    return None


def loss_is_high(loss: float | None, chance: float | None) -> bool | None:
    """Is `loss` still far from learned (above HIGH_SHARE of the chance level)? None: unknown."""
    if loss is None or chance is None:
        return None
    if not math.isfinite(loss):
        return True
    return loss > HIGH_SHARE * chance


# --- what to try ------------------------------------------------------------------------------
def _lower_lr(optimizer: str, lr: float) -> str:
    typical = TYPICAL_LR.get(optimizer, 0.01)
    target = typical if lr > typical else lr / 10
    text = f"Lower the Learning rate in the Training tab (it is {number(lr)}; try {number(target)})"
    if optimizer == "sgd":
        text += ", or switch the Optimizer to Adam (Learning rate 0.01)"
    return text


def lower_lr_advice(optimizer: str, lr: float) -> str:
    """Lower the learning rate: to the usual first value, or to a tenth when already below it."""
    return _lower_lr(optimizer, lr) + ", then press Reset weights and train again."


def _lr_is_high(optimizer: str, lr: float) -> bool:
    return lr >= HIGH_LR.get(optimizer, 0.5)


# --- the checks -------------------------------------------------------------------------------
def _finite(losses: Sequence[float | None] | np.ndarray) -> np.ndarray:
    """The losses as floats, without missing ones (None, NaN); ±inf stays: it is a loss too big."""
    y = np.asarray(losses, dtype=np.float64).reshape(-1)      # None becomes NaN
    return y[~np.isnan(y)]


def inputs_are_small(inputs: np.ndarray | None) -> bool | None:
    """Do the inputs already lie within ±SMALL_INPUT (0/1 features, scaled pixels)? None: unknown."""
    if inputs is None:
        return None
    x = np.asarray(inputs, dtype=np.float64)
    x = x[np.isfinite(x)]
    return bool(x.size) and float(np.abs(x).max()) <= SMALL_INPUT


def clip_advice(clip_norm: float | None) -> str:
    """Turn gradient clipping on, or clip harder when it is on already."""
    if clip_norm is None:
        return ("Turn on Clip gradients (global norm) in the Training tab, for example at 1.0, "
                "to cap each step.")
    target = 1.0 if clip_norm > 1.0 else clip_norm / 10
    return (f"Lower Clip gradients (global norm) in the Training tab (it is {number(clip_norm)}; "
            f"try {number(target)}).")


def not_finite(optimizer: str, lr: float, clip_norm: float | None = None, normalize: str | None = "none",
               inputs_small: bool | None = None) -> Finding:
    """Training stopped because the loss became infinite or not a number. What to try: a lower
    learning rate; gradient clipping (`clip_norm`: training.clip_norm, None when off); and
    normalising the inputs, only when `normalize` (data.normalize) is off and the inputs are not
    known to be small already (`inputs_small`)."""
    what = ("The loss became too large to compute, so training stopped and kept the weights from "
            "before the step that broke it.")
    advice = [_lower_lr(optimizer, lr) + ".", clip_advice(clip_norm)]
    if normalize in (None, "", "none") and not inputs_small:
        advice.append("Set Normalize inputs in the Data tab to standard: large inputs make large steps.")
    advice.append("Then press Reset weights and train again.")
    return Finding("not_finite", what, " ".join(advice), "Stopped: loss too big to compute (see Problems)")


def growing(losses: Sequence[float] | np.ndarray, optimizer: str, lr: float, start: int = 0) -> Finding | None:
    """The loss now is well above where the run began (epoch index `start`): the steps overshoot."""
    y = _finite(np.asarray(losses, dtype=np.float64)[max(0, start):])
    if len(y) < 2:
        return None
    first, now = float(y[0]), float(np.median(y[-TAIL:]))
    if not math.isfinite(now):
        now = float(y[-1])
    if not now > GROWTH * first + 1e-12:
        return None
    verb = "exploded" if not math.isfinite(now) or now > EXPLODED * max(first, 1e-12) else "is growing"
    what = (f"The loss {verb} instead of shrinking (from {number(first)} at the start to {number(now)} lately): "
            "each step overshoots, so the learning rate is too high.")
    return Finding("growing", what, lower_lr_advice(optimizer, lr),
                   f"Loss {verb}: lower the Learning rate (Problems)")


def stuck(outputs: np.ndarray | None, optimizer: str, lr: float) -> Finding | None:
    """Every output is the same for every sample: the network ignores its inputs."""
    if outputs is None:
        return None
    y = np.asarray(outputs, dtype=np.float64)
    y = y.reshape(len(y), -1) if y.ndim else y.reshape(1, 1)
    if len(y) < 2 or not np.isfinite(y).all():
        return None
    if float(np.ptp(y, axis=0).max()) > FLAT * max(1.0, float(np.abs(y).max())):
        return None
    shown = ", ".join(f"{v:.3f}" for v in y[0, :4]) + (", …" if y.shape[1] > 4 else "")
    what = (f"The network gives the same answer ({shown}) for every sample: its units are stuck, "
            "so it has stopped learning.")
    if _lr_is_high(optimizer, lr):
        advice, fix = lower_lr_advice(optimizer, lr), "lower the Learning rate"
    else:
        advice = "Press Reset weights and train again; if it sticks again, switch the Optimizer to Adam."
        fix = "press Reset weights"
    where = f"Output stuck at {y[0, 0]:.3f}" if y.shape[1] == 1 else "Outputs stuck"
    return Finding("stuck", what, advice, f"{where}: {fix}")


def at_chance(losses: Sequence[float] | np.ndarray, chance: float | None, optimizer: str, lr: float) -> Finding | None:
    """After MIN_EPOCHS, the loss is no better than always giving the same (best) answer."""
    y = _finite(losses)
    if chance is None or chance <= 0 or len(y) < MIN_EPOCHS:
        return None
    now = float(np.median(y[-TAIL:]))
    if not math.isfinite(now) or now < CHANCE_SHARE * chance:
        return None
    what = (f"The loss ({number(now)}) is stuck at the level of guessing: always giving the same answer "
            f"scores {number(chance)}. The network has not learned from its inputs.")
    if _lr_is_high(optimizer, lr):
        advice = lower_lr_advice(optimizer, lr)
    elif optimizer == "sgd":
        advice = ("Train for more Epochs (Training tab), or switch the Optimizer to Adam (Learning rate 0.01), "
                  "which leaves such plateaus sooner.")
    else:
        advice = "Train for more Epochs (Training tab), or raise the Learning rate a little."
    return Finding("chance", what, advice,
                   f"Loss stuck at guessing ({number(chance)}): see Problems")


def assess(losses: Sequence[float], loss: str, targets: np.ndarray | None = None, *,
           outputs: np.ndarray | None = None, optimizer: str = "sgd", lr: float = 0.1, start: int = 0,
           diverged: str | None = None, ended: bool = True, classes: int | None = None,
           chance: float | None = None, clip_norm: float | None = None, normalize: str | None = "none",
           inputs_small: bool | None = None) -> list[Finding]:
    """Everything wrong with a run, most serious first.

    `losses`: the training loss per epoch (the project's whole history), of which the run being
    judged began at index `start`; `outputs`: the network's outputs on some samples; `diverged`:
    not None (the engine's message) when it stopped on a non-finite loss; `ended`: the run has ended or
    paused (while it runs only a growing loss is reported, since a plateau may still break);
    `chance`: the chance level when known already, else it is computed from `targets`;
    `clip_norm`, `normalize`, `inputs_small`: for the advice on a non-finite loss (`not_finite`)."""
    found: list[Finding] = []
    if diverged is not None:
        found.append(not_finite(optimizer, lr, clip_norm, normalize, inputs_small))
    grow = growing(losses, optimizer, lr, start)
    if grow is not None:
        found.append(grow)
    if not ended or found:
        return found
    if chance is None and targets is not None:
        chance = chance_loss(loss, targets, classes)
    y = _finite(losses)
    high = loss_is_high(float(np.median(y[-TAIL:])) if len(y) else None, chance)
    # Identical outputs are right when every target is the same, and harmless once the loss is low.
    if chance != 0.0 and high is not False:
        finding = stuck(outputs, optimizer, lr)
        if finding is not None:
            return [finding]         # the more telling of the two: the loss is then at guessing too
    finding = at_chance(losses, chance, optimizer, lr)
    return [finding] if finding is not None else []
