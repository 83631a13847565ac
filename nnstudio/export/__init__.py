"""Exports of a project's trained weights (and, later, ONNX and PyTorch)."""
from nnstudio.export.weights import export_json, export_npz, weight_arrays, weights_to_dict

__all__ = ["export_json", "export_npz", "weight_arrays", "weights_to_dict"]
