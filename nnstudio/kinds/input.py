"""The `input` kind: a source that feeds one group of dataset columns into the network."""
from __future__ import annotations

import numpy as np

from nnstudio.kinds import onnx_parts
from nnstudio.kinds.base import Field, Look, NodeKind, Shape, shape_text
from nnstudio.kinds.torch_code import TorchCode


def _shape(config: dict, _in: Shape | None) -> Shape:
    return tuple(config["shape"])


def _detail(config: dict) -> str:
    """Its shape as the canvas writes shapes ("[2]", "20×2"), "?" while the config does not hold
    one (the canvas draws any file)."""
    value = config.get("shape")
    ok = isinstance(value, (list, tuple)) and all(isinstance(v, int) for v in value)
    return shape_text(tuple(value) if ok else None)


def _onnx(config: dict, in_shape: Shape | None, arrays: dict) -> onnx_parts.OnnxPart:
    """The node's values from its preprocessed columns x [N, columns] (features, normaliser)."""
    part = onnx_parts.OnnxPart(initializers={"shape": np.array([-1, *config["shape"]], dtype=np.int64)})
    part.add("Reshape", ["x", "shape"], ["y"])
    return part


def _torch(config: dict, in_shape: Shape | None, out_shape: Shape) -> TorchCode:
    """Its columns of the (preprocessed) raw input, shaped as one sample is."""
    return TorchCode("", "{x}.reshape(-1, %s)" % ", ".join(str(d) for d in out_shape))


KIND = NodeKind(
    "input", "Input", "Feeds one group of dataset columns into the network. Shape [n] "
    "takes n columns; [channels, height, width] takes images; [time, features] sequences.",
    "input", (Field("shape", "shape", [1], "Shape of one sample", label="Shape"),), 0, _shape,
    id_prefix="in",
    look=Look("#059669", "in", icon="tag", detail=_detail, small=True),
    probes=("output",),
    walkthrough=True,
    onnx=_onnx,
    torch=_torch,
)
