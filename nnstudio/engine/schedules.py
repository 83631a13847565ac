"""Learning-rate schedules, evaluated per epoch as torch.optim.lr_scheduler steps them."""
from __future__ import annotations

import math
from typing import Any

SCHEDULES: dict[str, dict[str, Any]] = {
    "constant": {},
    "step": {"step_size": 10, "gamma": 0.1},
    "exponential": {"gamma": 0.95},
    "cosine": {"t_max": 0, "eta_min": 0.0},   # t_max 0 means the run's epoch count
}


def learning_rate(base_lr: float, schedule: dict[str, Any], epoch: int, total_epochs: int) -> float:
    """The rate for zero-based `epoch`."""
    kind = schedule.get("kind", "constant")
    s = {**SCHEDULES[kind], **{k: v for k, v in schedule.items() if k != "kind"}}
    if kind == "constant":
        return base_lr
    if kind == "step":
        return base_lr * s["gamma"] ** (epoch // max(int(s["step_size"]), 1))
    if kind == "exponential":
        return base_lr * s["gamma"] ** epoch
    if kind == "cosine":
        t_max = int(s["t_max"]) or max(total_epochs, 1)
        eta_min = s["eta_min"]
        return eta_min + (base_lr - eta_min) * (1 + math.cos(math.pi * epoch / t_max)) / 2
    raise KeyError(kind)
