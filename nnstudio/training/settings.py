"""Which training settings a running worker can take over, and when (no Qt)."""
from __future__ import annotations

from nnstudio.project.model import TrainingSpec

# Optimiser settings a running optimiser can take at the next batch. The others change the shape
# of its state (rmsprop's momentum buffer, adam's amsgrad maximum) and need a new optimiser.
LIVE_KEYS = {"lr", "weight_decay", "dampening", "beta1", "beta2", "eps", "alpha"}
LIVE_SGD_KEYS = LIVE_KEYS | {"momentum", "nesterov"}


def settings_change(old: TrainingSpec, new: TrainingSpec) -> str:
    """What applying `new` over `old` takes: "" (nothing), "live" (optimiser settings, next batch),
    "restart" (restart the report generator at the next epoch: schedule, epochs, batches, l1/l2),
    "optimizer" (a new optimiser) or "rebuild" (recompile: loss or precision)."""
    if (old.loss, old.dtype) != (new.loss, new.dtype):
        return "rebuild"
    o, n = dict(old.optimizer), dict(new.optimizer)
    kind = n.get("kind", "sgd")
    if o.get("kind", "sgd") != kind:
        return "optimizer"
    live = LIVE_SGD_KEYS if kind == "sgd" else LIVE_KEYS
    changed = {k for k in set(o) | set(n) if o.get(k) != n.get(k)}
    if changed - live:
        return "optimizer"
    if (old.schedule, old.epochs, old.batch_size, old.shuffle, old.seed, old.regularization) != (
            new.schedule, new.epochs, new.batch_size, new.shuffle, new.seed, new.regularization):
        return "restart"
    return "live" if changed else ""
