"""The allowlist of node kinds, one module each. A project file names a kind and it is looked up
here, never imported by name: only the modules listed below exist for the program.

Adding a kind is one module in this package (its engine layer in it or in engine/layers) and one
line in `_ALLOWLIST`; register() refuses it while it lacks a facet (tests/kinds checks them all).
The names below are written here, in the program, never read from a file.
"""
from __future__ import annotations

from importlib import import_module

from nnstudio.kinds.base import (ConfigError, Field, Look, NodeKind, ParamSpec, Shape, ShapeError,
                                 activation_alpha, concat_axis, concat_shapes, fmt_shape, missing_facets)

__all__ = ["KINDS", "kind", "column_kind", "register", "unregister", "missing_facets", "ConfigError", "Field",
           "Look", "NodeKind", "ParamSpec", "Shape", "ShapeError", "activation_alpha", "concat_axis", "concat_shapes",
           "fmt_shape"]

# The kind modules, one line each, in palette order; each module's KIND is registered.
_ALLOWLIST: tuple[str, ...] = (
    "input",
    "neuron",
    "dense",
    "activation",
    "dropout",
    "flatten",
    "conv2d",
    "maxpool2d",
    "avgpool2d",
    "rnn",
    "lstm",
    "gru",
)

# Palette order is this order.
KINDS: dict[str, NodeKind] = {}


def register(spec: NodeKind) -> None:
    """Put `spec` on the allowlist (the listed kinds at import; a test adds its own kind). An
    incomplete kind is refused here, not found out when a user first runs one."""
    if spec.name in KINDS:
        raise ValueError(f"a kind named {spec.name!r} is registered already")
    missing = missing_facets(spec)
    if missing:
        raise ValueError(f"the {spec.name or 'unnamed'} kind lacks: {'; '.join(missing)}")
    KINDS[spec.name] = spec


def unregister(name: str) -> None:
    """Take a kind a test registered off the allowlist again."""
    del KINDS[name]


def kind(name: str) -> NodeKind:
    """The registered kind, or KeyError for a name not on the allowlist."""
    return KINDS[name]


def column_kind() -> str:
    """The kind a palette "column of neurons" stacks: the first registered neuron-category kind."""
    return next(name for name, spec in KINDS.items() if spec.category == "neuron")


for _module in _ALLOWLIST:
    register(import_module(f"{__name__}.{_module}").KIND)
