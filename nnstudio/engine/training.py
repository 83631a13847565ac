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

from nnstudio.engine import losses, metrics
from nnstudio.engine.network import Network
from nnstudio.engine.optimizers import Optimizer
from nnstudio.engine.schedules import learning_rate


@dataclass
class Split:
    """Samples: one array per network input (first axis = sample) and the targets."""
    inputs: list[np.ndarray]
    targets: np.ndarray

    def __len__(self) -> int:
        return int(self.targets.shape[0])

    def take(self, idx: slice | np.ndarray) -> "Split":
        return Split([x[idx] for x in self.inputs], self.targets[idx])


@dataclass
class Objective:
    """What is minimised: the loss, how accuracy is read, l1/l2, and whether the output layer's
    activation is fused into the loss (its `preactivation()` is then used)."""
    loss: str
    accuracy: str | None = None
    l1: float = 0.0
    l2: float = 0.0
    fused_layer: object | None = None
    perceptron: bool = False


@dataclass(frozen=True)
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
    y = net.forward(data.inputs, training=False)
    z = objective.fused_layer.preactivation() if objective.fused_layer is not None else None
    value = losses.value_only(objective.loss, y, data.targets, z) + penalty(net, objective)
    acc = None
    if objective.accuracy is not None and len(data):
        acc = metrics.correct(objective.accuracy, y, data.targets) / len(data)
    return value, acc, y


def penalty(net: Network, objective: Objective) -> float:
    if not (objective.l1 or objective.l2):
        return 0.0
    total = 0.0
    for layer in net.layers():
        for key in layer.regularized:
            w = layer.params[key]
            if objective.l2:
                total += objective.l2 * float(np.vdot(w, w))
            if objective.l1:
                total += objective.l1 * float(np.abs(w).sum())
    return total


def _add_penalty_grads(net: Network, objective: Objective) -> None:
    for p in net.params:
        if p.regularized:
            if objective.l2:
                p.grad += (2.0 * objective.l2) * p.value
            if objective.l1:
                p.grad += objective.l1 * np.sign(p.value)


def batches(n: int, batch_size: int, order: np.ndarray | None) -> list[slice | np.ndarray]:
    size = n if batch_size <= 0 or batch_size >= n else batch_size
    if order is None:
        return [slice(i, min(i + size, n)) for i in range(0, n, size)]
    return [order[i:i + size] for i in range(0, n, size)]


def train(net: Network, objective: Objective, optimizer: Optimizer, data: Split, val: Split | None = None,
          *, epochs: int, batch_size: int = 0, shuffle: bool = False, seed: int = 0,
          schedule: dict | None = None, start_epoch: int = 0,
          should_stop: Callable[[], bool] | None = None, batch_reports: bool = False) -> Iterator[Report]:
    """Train `net` in place for epochs start_epoch+1 … epochs, yielding reports."""
    schedule = schedule or {"kind": "constant"}
    rng = np.random.default_rng([seed, start_epoch])   # shuffling; repeatable per (seed, epoch)
    n = len(data)
    t0 = time.perf_counter()
    step = 0
    net.set_straight_through(objective.perceptron)
    fused = objective.fused_layer
    acc_kind = objective.accuracy
    has_penalty = bool(objective.l1 or objective.l2)
    last: Report | None = None
    epoch = start_epoch
    try:
        for epoch in range(start_epoch, epochs):
            lr = learning_rate(optimizer.settings["lr"], schedule, epoch, epochs)
            order = rng.permutation(n) if shuffle else None
            snapshot = net.state_dict()
            loss_sum, right, seen, batch_losses = 0.0, 0, 0, []
            for idx in batches(n, batch_size, order):
                if should_stop is not None and should_stop():
                    yield _end(last, epoch, step, t0, lr, "stopped", "stopped by request")
                    return
                lr = learning_rate(optimizer.settings["lr"], schedule, epoch, epochs)
                batch = data.take(idx) if order is not None or batch_size else data
                y = net.forward(batch.inputs, training=True)
                z = fused.preactivation() if fused is not None else None
                value, dy = losses.compute(objective.loss, y, batch.targets, z)
                if has_penalty:
                    value += penalty(net, objective)
                if not math.isfinite(value):
                    kept = "the weights from before this batch"
                    if not all(np.isfinite(p).all() for p in net.state_dict().values()):
                        net.load_state_dict(snapshot)
                        kept = f"the weights from the start of epoch {epoch + 1}"
                    yield _end(last, epoch, step, t0, lr, "diverged",
                               f"the loss became {value} at epoch {epoch + 1}, batch {len(batch_losses) + 1}; "
                               f"kept {kept}")
                    return
                if objective.perceptron:
                    dy = (y - batch.targets) / len(batch)
                net.backward(dy)
                if has_penalty:
                    _add_penalty_grads(net, objective)
                optimizer.step(lr)
                step += 1
                m = len(batch)
                loss_sum += value * m
                seen += m
                batch_losses.append(value)
                if acc_kind is not None:
                    right += metrics.correct(acc_kind, y, batch.targets)
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
        yield _end(last, epochs, step, t0, lr if epochs > start_epoch else 0.0, "finished", "")
    finally:
        net.set_straight_through(False)


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
