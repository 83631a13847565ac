"""The document's view of the node kinds: a thin re-export of `nnstudio.kinds`, where each kind
is one module and `kinds/__init__.py` is the allowlist. Nothing outside that allowlist can appear
in a project: a file names a kind, and the kind is looked up there, never imported by name.
"""
from __future__ import annotations

from nnstudio.kinds import KINDS, column_kind, kind
from nnstudio.kinds.base import (ConfigError, Field, Look, NodeKind, ParamSpec, Shape, ShapeError, activation_alpha,
                                 concat_axis, concat_shapes, fmt_shape, shape_text)

__all__ = ["KINDS", "column_kind", "kind", "node_params", "ConfigError", "Field", "Look", "NodeKind", "ParamSpec", "Shape",
           "ShapeError", "activation_alpha", "concat_axis", "concat_shapes", "fmt_shape", "shape_text"]


def node_params(node_kind: str, config: dict, in_shape: Shape | None) -> dict[str, ParamSpec]:
    """The arrays a node of `node_kind` with `config` owns, given what it receives."""
    return KINDS[node_kind].param_specs(config, in_shape)
