"""Live training: the worker thread, the controller that writes results back into the document,
and the status-bar readout."""
from nnstudio.ui.training.controller import TrainingController
from nnstudio.ui.training.process_worker import ProcessWorker
from nnstudio.ui.training.status import TrainingStatus
from nnstudio.ui.training.worker import TrainingWorker

__all__ = ["ProcessWorker", "TrainingController", "TrainingStatus", "TrainingWorker"]
