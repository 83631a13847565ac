"""The optional packages some exports need (onnx, onnxruntime, torch), imported only when such an
export runs: importing nnstudio never needs them. A missing one is named with the extra that
installs it, e.g. pip install 'nnstudio[onnx]'."""
from __future__ import annotations

import importlib
from types import ModuleType

# module → the nnstudio extra that installs it (pyproject.toml [project.optional-dependencies])
EXTRAS = {"onnx": "onnx", "onnxruntime": "onnx", "torch": "torch"}


class MissingExtra(ImportError):
    """An optional package an export needs is not installed; the message says how to install it."""


def require(module: str, what: str) -> ModuleType:
    """`module` imported, or MissingExtra saying that `what` (e.g. "ONNX export") needs it and
    which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        extra = EXTRAS[module.split(".")[0]]
        raise MissingExtra(f"{what} needs the {module.split('.')[0]} package, which is not installed: "
                           f"pip install 'nnstudio[{extra}]'") from exc
