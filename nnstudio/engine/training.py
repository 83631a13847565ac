"""The training loop: a generator of plain-data reports.

`train(...)` yields a Report after every epoch (and after every batch with `batch_reports`),
then a last one whose `status` says how the run ended. It polls `should_stop` between batches,
reads the learning rate from the optimiser's settings at every batch (so a change made during a
run applies at the next batch), and stops at the first non-finite loss, keeping the last finite
weights.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence

import numpy as np

from nnstudio.engine import metrics
from nnstudio.engine.network import Network
from nnstudio.engine.optimizers import Optimizer
from nnstudio.engine.schedules import learning_rate
from nnstudio.engine.step import LossStep, Objective, clip_grad_norm

__all__ = ["Objective", "Report", "Split", "batches", "evaluate", "run_to_end", "train"]


@dataclass
class Split:
    """Samples: one array per network input (first axis = sample) and the targets."""
    inputs: list[np.ndarray]
    targets: np.ndarray

    def __len__(self) -> int:
        return int(self.targets.shape[0])

    def take(self, idx: slice | np.ndarray) -> "Split":
        return Split([x[idx] for x in self.inputs], self.targets[idx])


@dataclass(slots=True)
class Report:
    kind: str                    # "batch" | "epoch" | "end"
    epoch: int                   # epochs completed (an epoch report) or under way (a batch report)
    step: int                    # batches completed in this run
    loss: float                  # mean batch loss over the epoch so far (before each update)
    val_loss: float | None = None
    accuracy: float | None = None
    val_accuracy: float | None = None
    elapsed: float = 0.0
    lr: float = 0.0
    status: str = "running"      # running | finished | stopped | diverged
    message: str = ""
    batch_losses: tuple[float, ...] = field(default=())


def evaluate(net: Network, objective: Objective, data: Split) -> tuple[float, float | None, np.ndarray]:
    """Loss (with l1/l2), accuracy and outputs on `data`, in inference mode."""
    step = LossStep(net, objective)
    y = net.forward(data.inputs, training=False)
    value = step.loss(y, data.targets)[0] + step.penalty()
    acc = None
    if objective.accuracy is not None and len(data):
        acc = metrics.correct(objective.accuracy, y, data.targets) / len(data)
    return value, acc, y


def batches(n: int, batch_size: int, order: np.ndarray | None) -> list[slice | np.ndarray]:
    size = n if batch_size <= 0 or batch_size >= n else batch_size
    if order is None:
        return [slice(i, min(i + size, n)) for i in range(0, n, size)]
    return [order[i:i + size] for i in range(0, n, size)]


def train(net: Network, objective: Objective, optimizer: Optimizer, data: Split, val: Split | None = None,
          *, epochs: int, batch_size: int = 0, shuffle: bool = False, seed: int = 0,
          schedule: dict | None = None, start_epoch: int = 0,
          should_stop: Callable[[], bool] | None = None, batch_reports: bool = False,
          clip_norm: float | None = None) -> Iterator[Report]:
    """Train `net` in place for epochs start_epoch+1 … epochs, yielding reports. With `clip_norm`
    the grads are clipped by their global norm (step.clip_grad_norm) before every update."""
    schedule = schedule or {"kind": "constant"}
    constant_lr = schedule.get("kind", "constant") == "constant"
    settings = optimizer.settings
    n = len(data)
    # Without shuffling the batches are the same views every epoch: cut them once.
    fixed = None if shuffle else [data.take(i) for i in batches(n, batch_size, None)]
    acc_kind = objective.accuracy
    fixed_labels = [metrics.labels(acc_kind, b.targets) for b in fixed] if fixed is not None else None
    t0 = time.perf_counter()
    step = 0
    loss_step = LossStep(net, objective)
    # Bound once: this loop runs tens of thousands of times a second for small networks.
    forward, update = net.forward, optimizer.step
    loss, backward, penalty, has_penalty = loss_step.loss, loss_step.backward, loss_step.penalty, loss_step.has_penalty
    count, labels = metrics.count, metrics.labels
    last: Report | None = None
    # The weights before the latest update: the last ones known to give a finite loss.
    flat = net.flat
    trainables = net.trainables()
    previous = flat.value.copy() if flat is not None else None
    lr = settings["lr"]
    for epoch in range(start_epoch, epochs):
        if fixed is None:
            # Seeded per epoch, so a run paused and resumed visits the same orders as one that was not.
            order = np.random.default_rng([seed, epoch]).permutation(n)
            parts = (data.take(i) for i in batches(n, batch_size, order))
        else:
            parts = fixed
        loss_sum, right, seen, batch_losses = 0.0, 0, 0, []
        for k, batch in enumerate(parts):
            if should_stop is not None and should_stop():
                yield _end(last, epoch, step, t0, lr, "stopped", "stopped by request")
                return
            lr = settings["lr"] if constant_lr else learning_rate(settings["lr"], schedule, epoch, epochs)
            targets = batch.targets
            y = forward(batch.inputs, True)
            value, dy = loss(y, targets)
            if has_penalty:
                value += penalty()
            if not math.isfinite(value):
                if step and previous is not None:
                    flat.value[...] = previous
                yield _end(last, epoch, step, t0, lr, "diverged",
                           f"the loss became {value} in epoch {epoch + 1}, batch {len(batch_losses) + 1}; "
                           f"kept the weights from before the last update")
                return
            m = targets.shape[0]
            backward(dy)
            if clip_norm is not None:
                clip_grad_norm(trainables, clip_norm)
            if previous is not None:
                np.copyto(previous, flat.value)
            update(lr)
            step += 1
            loss_sum += value * m
            seen += m
            batch_losses.append(value)
            if acc_kind is not None:
                right += count(acc_kind, y, fixed_labels[k] if fixed_labels is not None else labels(acc_kind, targets))
            if batch_reports:
                yield Report("batch", epoch, step, loss_sum / seen, None,
                             right / seen if acc_kind else None, None,
                             time.perf_counter() - t0, lr, batch_losses=(value,))
        val_loss = val_acc = None
        if val is not None and len(val):
            val_loss, val_acc, _ = evaluate(net, objective, val)
        last = Report("epoch", epoch + 1, step, loss_sum / max(seen, 1), val_loss,
                      right / seen if acc_kind and seen else None, val_acc,
                      time.perf_counter() - t0, lr, batch_losses=tuple(batch_losses))
        yield last
    if previous is not None and step and not np.isfinite(flat.value).all():
        # The very last update overflowed; no later loss would have caught it.
        flat.value[...] = previous
        yield _end(last, epochs, step, t0, lr, "diverged", f"the last update, in epoch {epochs}, made the weights "
                   "non-finite; kept the weights from before it")
        return
    yield _end(last, epochs, step, t0, lr, "finished", "")


def _end(last: Report | None, epoch: int, step: int, t0: float, lr: float, status: str, message: str) -> Report:
    base = last or Report("end", epoch, step, float("nan"))
    return Report("end", base.epoch if last else epoch, step, base.loss, base.val_loss, base.accuracy,
                  base.val_accuracy, time.perf_counter() - t0, lr, status, message)


def run_to_end(reports: Sequence[Report] | Iterator[Report]) -> Report:
    """Drain a report generator and return its final report."""
    final = None
    for final in reports:
        pass
    assert final is not None
    return final
