"""Data sources, normalisation and splits: from `DataSpec` to the trainer's `Split`s. No Qt."""
from nnstudio.data.dataset import DataError, Dataset
from nnstudio.data.prepare import Normalizer, Prepared, prepare, split_inputs, validation_count
from nnstudio.data.sources import load_source

__all__ = ["DataError", "Dataset", "Normalizer", "Prepared", "load_source", "prepare",
           "split_inputs", "validation_count"]
