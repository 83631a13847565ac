"""What the import dialog's OK does, split so the slow part can leave the window's thread.

A page reads its widgets in the GUI thread and returns an `ImportPlan`; `ImportPlan.run` is
Qt-free: it loads the whole file through the loaders training uses (reporting progress) and works
out what the network needs, so it can run in a worker thread (ui.loading).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from nnstudio.data import Dataset, load_source
from nnstudio.data.dataset import Progress
from nnstudio.ui.commands.data_import import NetworkFit


@dataclass(frozen=True)
class ImportPlan:
    """`load` is the source to read, its paths as the messages should name the files, resolved
    against `folder`; `stored` is the source the project keeps; `fit` reads the network's sizes
    off the loaded samples."""
    load: dict
    folder: str
    stored: dict
    fit: Callable[[Dataset], NetworkFit]

    def run(self, progress: Progress | None = None) -> tuple[dict, NetworkFit]:
        """(the source to store, what the network needs). DataError when the file cannot be used as
        chosen; LoadCancelled when `progress` raises it."""
        stored, fit, _ = self.run_keeping_samples(progress)
        return stored, fit

    def run_keeping_samples(self, progress: Progress | None = None) -> tuple[dict, NetworkFit, Dataset]:
        """`run`, and the samples loaded (the Dataset panel shows them without reading the file again)."""
        dataset = load_source(self.load, self.folder, progress)
        return self.stored, self.fit(dataset), dataset
