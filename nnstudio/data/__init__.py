"""Data sources, normalisation and splits: from `DataSpec` to the trainer's `Split`s. No Qt."""
from nnstudio.data.dataset import DataError, Dataset, LoadCancelled, Progress
from nnstudio.data.prepare import InputEncoder, Normalizer, Prepared, prepare, split_inputs, validation_count
from nnstudio.data.sources import load_source, relative_data_path

__all__ = ["DataError", "Dataset", "InputEncoder", "LoadCancelled", "Normalizer", "Prepared", "Progress", "load_source", "prepare",
           "relative_data_path", "split_inputs", "validation_count"]
