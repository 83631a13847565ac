"""What a network shows before (or without) training: the live views' snapshot from the
project's current weights, with no training (no Qt).

Opening a saved, trained project, or editing a weight, should show at once what the network
does: its evaluation, decision boundary, neuron maps and activations. `preview_snapshot` builds
the same LiveSnapshot a paused run would send (a probe and the weight matrices) from a compiled
copy of the project, with status "preview" so views can tell it from a run.
"""
from __future__ import annotations

import threading

from nnstudio.data import Dataset, load_source
from nnstudio.data.sources import source_stamp
from nnstudio.project.paths import base_dir
from nnstudio.training import probes
from nnstudio.errors import ProjectError
from nnstudio.training.live import LiveSnapshot, make_probe, probe_split
from nnstudio.project.model import Project, TrainingSpec
from nnstudio.training.runner import TrainingRun
from nnstudio.project.validation import errors

PREVIEW = "preview"     # LiveSnapshot.status of a preview: no run, nothing trained


def runnable(project: Project) -> Project | None:
    """`project` if it validates; else a copy with default training settings (its loss, number
    type and seed kept) if that one does, since a preview trains nothing: a mistyped learning rate
    or the perceptron rule on sigmoid units must not blank the views. None otherwise."""
    if not errors(project):
        return project
    given = project.training
    trial = project.copy()
    trial.training = TrainingSpec(loss=given.loss, seed=given.seed, dtype=given.dtype)
    return None if errors(trial) else trial


class _LastSamples:
    """The samples the last preview loaded, by `source_stamp`: a preview follows every edit, and
    reading a million-row file again each time would cost seconds of work per edit. Previews run
    in a worker thread, one at a time, but the lock keeps the pair consistent whatever calls."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stamp: str | None = None
        self._dataset: Dataset | None = None

    def get(self, project: Project) -> Dataset:
        """The project's samples: the kept ones when the source and its files are unchanged.
        Raises what `load_source` raises."""
        stamp = source_stamp(project.data.source, base_dir(project))
        with self._lock:
            if stamp == self._stamp and self._dataset is not None:
                return self._dataset
        # The stamp from before the read: a file changed while it was read is read again next time.
        dataset = load_source(project.data.source, base_dir(project))
        self._store(stamp, dataset)
        return dataset

    def keep(self, project: Project, dataset: Dataset) -> None:
        """`dataset` holds the samples of `project`'s data as its files are now (an import just
        read them whole): previews use them instead of reading the files again."""
        self._store(source_stamp(project.data.source, base_dir(project)), dataset)

    def _store(self, stamp: str, dataset: Dataset) -> None:
        for array in (dataset.inputs, dataset.targets):
            array.flags.writeable = False       # shared by later previews: nothing may change it
        with self._lock:
            self._stamp, self._dataset = stamp, dataset

    def forget(self) -> None:
        with self._lock:
            self._stamp = self._dataset = None


_last_samples = _LastSamples()
samples = _last_samples.get
keep_samples = _last_samples.keep
forget_samples = _last_samples.forget


def preview_snapshot(project: Project, chosen: int = 0) -> LiveSnapshot | None:
    """The probe and weight matrices of `project` as it stands, or None when it cannot run (its
    network or data do not validate, or its data cannot be loaded). `project` is not changed:
    compiling copies its weights (absent ones are initialised from the seed, as a run would start).
    `chosen`: the probed sample whose feature maps and gates the probe carries."""
    project = runnable(project)
    if project is None:
        return None
    try:
        run = TrainingRun(project, samples(project))
    except ProjectError:        # DataError too: a missing file, a CSV that no longer parses
        return None
    model = run.model
    epochs = len(project.history.epoch)
    snap = LiveSnapshot(PREVIEW, epoch=epochs, total_epochs=epochs)
    snap.matrices = probes.weight_matrices(project, model)
    # The samples a run probes (the first PROBE_SAMPLES), so a preview and a paused run draw the
    # same plane and the same rows.
    data = probe_split(run.all_samples())
    raw = run.dataset.inputs.reshape(len(run.dataset), -1)[:len(data)]
    snap.probe = make_probe(project, model, data, run.dataset.class_names, raw, run.encoder.encode,
                            total=len(run.dataset), chosen=chosen)
    return snap
