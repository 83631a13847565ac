"""Texts the inspector's forms show: a vector's first values, a node's name, its shapes, the formula
of an activation."""
from __future__ import annotations

from typing import Any

import numpy as np

from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.project.analysis import Analysis
from nnstudio.project.model import Project
from nnstudio.project.registry import fmt_shape
from nnstudio.ui.domain_i18n import error_text, kind_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.editors import fmt_number


def vector_text(values: Any, limit: int = 6) -> str:
    flat = [fmt_number(float(v)) for v in np.asarray(values, dtype=np.float64).ravel()]
    return "[" + ", ".join(flat[:limit]) + (", …" if len(flat) > limit else "") + "]"


def node_name(project: Project, node_id: str) -> str:
    """A node's label, with its id when the two differ."""
    try:
        node = project.node(node_id)
    except KeyError:
        return node_id
    return node.id if node.label in ("", node.id) else f"{node.label} ({node.id})"


def shape_summary(analysis: Analysis, node_id: str) -> str:
    """"in → out" (or the output of a source), from the document's shared analysis."""
    info = analysis.shape_info()
    if info is None:
        reason = error_text(analysis.shape_failure() or "")
        return translate("InspectorText", "unknown: {reason}").format(reason=reason)
    if node_id in info.errors:
        return f"⚠ {error_text(info.errors[node_id])}"
    ins, out = info.inputs.get(node_id), info.out.get(node_id)
    return fmt_shape(out) if ins is None else f"{fmt_shape(ins)} → {fmt_shape(out)}"


def activation_text(name: str) -> str:
    """The formula of the activation `name` in the interface's language ("" for an unknown one)."""
    return kind_text(ACTIVATIONS.get(name, ""))
