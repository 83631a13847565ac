"""One training run of a project: the logic the GUI and the command line share (no Qt).

A `TrainingRun` compiles the project, loads and prepares its data and makes its optimiser. Its
`reports()` train the compiled copy, never the project itself; `write_back()` then copies the
trained weights, the new epochs' history and the fitted input normaliser into a project (so that
evaluation and export later scale inputs with the very statistics the weights were trained on).
The same file and seed give the same numbers every time: initial weights come from
`training.seed` (see compile.py) and shuffling from the seed and the epoch number (see
engine/training.py).
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

import numpy as np

from nnstudio.data import Dataset, Normalizer, load_source, prepare
from nnstudio.data.prepare import InputEncoder
from nnstudio.engine.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from nnstudio.engine.training import Report, Split, evaluate, train
from nnstudio.project.compile import CompiledModel, compile_project
from nnstudio.project.graph import CycleError, infer_shapes
from nnstudio.project.registry import ShapeError, concat_shapes
from nnstudio.errors import ProjectError
from nnstudio.project.model import History, Project
from nnstudio.project.paths import base_dir


def build_optimizer(project: Project, model: CompiledModel) -> Optimizer:
    """The optimiser `training.optimizer` names, over the model's trainable parameters."""
    spec = dict(project.training.optimizer)
    kind = spec.pop("kind", "sgd")
    if kind not in OPTIMIZERS:
        raise ProjectError(f"unknown optimizer {kind!r}; choose one of {', '.join(OPTIMIZERS)}",
                           "training.optimizer.kind")
    try:
        return make_optimizer(kind, model.network.trainables(), **spec)
    except KeyError as exc:   # an unknown setting: make_optimizer names it
        raise ProjectError(str(exc.args[0]) if exc.args else str(exc), "training.optimizer") from None


def output_shape(project: Project) -> tuple[int, ...] | None:
    """The network's output per sample (the output nodes' shapes joined as their values are), or
    None when it cannot be known; a sequence [T, k] shapes the targets (data.prepare.shape_targets)."""
    try:
        shapes = infer_shapes(project)
        return concat_shapes([shapes.out[o] for o in project.outputs])   # type: ignore[misc]
    except (ShapeError, CycleError, KeyError, TypeError):
        return None


def join_splits(a: Split, b: Split | None) -> Split:
    """`a` followed by `b`: the whole dataset in file order (validation is the last fraction)."""
    if b is None or not len(b):
        return a
    return Split([np.concatenate([x, y]) for x, y in zip(a.inputs, b.inputs)],
                 np.concatenate([a.targets, b.targets]))


def extend_history(dst: History, new: History) -> None:
    """Append to `dst` the epochs of `new` it does not have yet, keeping every column as long as
    `epoch` (a file may record fewer series than epochs)."""
    for name in ("loss", "val_loss", "accuracy", "val_accuracy"):
        column = getattr(dst, name)
        column.extend([None] * (len(dst.epoch) - len(column)))
    have = dst.epoch[-1] if dst.epoch else 0
    for k, epoch in enumerate(new.epoch):
        if epoch > have:
            for name in ("epoch", "loss", "val_loss", "accuracy", "val_accuracy"):
                getattr(dst, name).append(getattr(new, name)[k])


class TrainingRun:
    """Compiled network, prepared data and optimiser for one project.

    Raises ProjectError (or DataError, a subclass) when the project cannot be compiled or its
    data cannot be loaded.
    """

    def __init__(self, project: Project, dataset: Dataset | None = None) -> None:
        """`dataset`: the samples of `project.data.source` when the caller has them loaded
        already (the preview keeps the last ones); they are never changed."""
        self.training = project.training
        self.model: CompiledModel = compile_project(project)
        self.dataset = dataset if dataset is not None else load_source(project.data.source, base_dir(project))
        data = project.data
        # Trained weights (epochs in the history) see inputs scaled with the statistics stored
        # by their training; prepare fits new ones when those do not match (another kind, or
        # another number of columns), and a project without history (never trained, or reset)
        # always fits afresh.
        stored = (Normalizer.from_dict(data.normalizer, "data.normalizer")
                  if data.normalizer and project.history.epoch else None)
        self.prepared = prepare(self.dataset, self.model.input_shapes,
                                validation_split=data.validation_split, normalize=data.normalize,
                                dtype=project.training.dtype, split_seed=data.split_seed,
                                features=data.features, normalizer=stored,
                                output_shape=output_shape(project))
        self.optimizer = build_optimizer(project, self.model)
        # Epochs are numbered after those already in the project's history.
        self.start_epoch = len(project.history.epoch)
        self.history = History()          # the epochs this run has trained
        self.final: Report | None = None  # the last report of the latest reports() call

    # --- data ------------------------------------------------------------------------------
    @property
    def train_split(self) -> Split:
        return self.prepared.train

    @property
    def val_split(self) -> Split | None:
        val = self.prepared.val
        return val if val is not None and len(val) else None

    def all_samples(self) -> Split:
        """Every sample, in dataset order (also when `split_seed` picked the validation rows)."""
        return self.prepared.dataset_order(join_splits(self.prepared.train, self.val_split))

    @property
    def encoder(self) -> InputEncoder:
        """Raw input rows → network inputs, as this run's data went through (features, the
        normaliser, dtype): for probe grids over the raw input plane and for new data."""
        assert self.prepared.encoder is not None
        return self.prepared.encoder

    def normalizer_dict(self) -> dict | None:
        """The fitted normaliser as `data.normalizer` stores it (None when inputs are not scaled)."""
        n = self.prepared.normalizer
        return None if n.kind == "none" else n.to_dict()

    @property
    def epochs_done(self) -> int:
        """Epochs in the project's history plus those this run has trained."""
        return self.start_epoch + len(self.history.epoch)

    # --- training --------------------------------------------------------------------------
    def reports(self, epochs: int | None = None, should_stop: Callable[[], bool] | None = None,
                batch_reports: bool = False) -> Iterator[Report]:
        """Train `epochs` more epochs (default `training.epochs`), yielding the engine's reports.

        Epoch reports are recorded in `history`; the last report (kind "end") is kept in `final`.
        Calling it again continues where the previous call stopped."""
        t = self.training
        n_epochs = t.epochs if epochs is None else int(epochs)
        if n_epochs < 0:
            raise ValueError("epochs must be ≥ 0")
        start = self.epochs_done
        for report in train(self.model.network, self.model.objective, self.optimizer,
                            self.prepared.train, self.val_split, epochs=start + n_epochs,
                            batch_size=t.batch_size, shuffle=t.shuffle, seed=t.seed,
                            schedule=t.schedule, start_epoch=start, should_stop=should_stop,
                            batch_reports=batch_reports, clip_norm=t.clip_norm):
            if report.kind == "epoch":
                self._record(report)
            elif report.kind == "end":
                self.final = report
            yield report

    def run(self, epochs: int | None = None, should_stop: Callable[[], bool] | None = None) -> Report:
        """Train to the end and return the final report."""
        for _ in self.reports(epochs, should_stop):
            pass
        assert self.final is not None
        return self.final

    def _record(self, r: Report) -> None:
        h = self.history
        h.epoch.append(int(r.epoch))
        h.loss.append(float(r.loss))
        h.val_loss.append(None if r.val_loss is None else float(r.val_loss))
        h.accuracy.append(None if r.accuracy is None else float(r.accuracy))
        h.val_accuracy.append(None if r.val_accuracy is None else float(r.val_accuracy))

    # --- evaluation ------------------------------------------------------------------------
    def evaluate(self, split: str = "all") -> dict[str, Any]:
        """{"loss", "accuracy", "outputs"} on "train", "val" or "all" samples (dataset order).

        The loss includes the l1/l2 penalty, as training does. Returns None values for an empty
        split (no validation samples)."""
        data = {"train": self.prepared.train, "val": self.val_split, "all": self.all_samples()}
        if split not in data:
            raise ValueError(f"split must be train, val or all, not {split!r}")
        chosen = data[split]
        if chosen is None or not len(chosen):
            return {"loss": None, "accuracy": None, "outputs": np.zeros((0, self.model.output_width))}
        loss, accuracy, outputs = evaluate(self.model.network, self.model.objective, chosen)
        return {"loss": float(loss), "accuracy": accuracy, "outputs": np.array(outputs, copy=True)}

    # --- results ---------------------------------------------------------------------------
    def write_back(self, project: Project) -> None:
        """Trained weights into `project`, the epochs it does not have yet onto its history, and
        the fitted normaliser into `data.normalizer`.

        Safe to call more than once (after a pause and again at the end): epochs already in the
        project's history are not appended twice."""
        self.model.write_back(project)
        extend_history(project.history, self.history)
        project.data.normalizer = self.normalizer_dict()
