"""Derived facts about the open document, computed once per revision and shared by every view.

The canvas scene, the Problems panel and the inspector all need the project's problems and its
inferred shapes after an edit. Each used to compute them itself, so one edit validated twice and
inferred shapes three times. `analyse(doc)` returns the Analysis of the document's current
revision; each fact is computed the first time a view asks for it and then reused until the
next change. No Qt.
"""
from __future__ import annotations

import weakref

from nnstudio.project import graph, validation
from nnstudio.project.document import Document
from nnstudio.project.graph import ShapeInfo
from nnstudio.project.model import Project
from nnstudio.project.registry import Shape
from nnstudio.project.validation import Problem

# Shape inference assumes checked configs; on a broken graph these say what stopped it.
_SHAPE_FAILURES = (graph.CycleError, ValueError, KeyError, TypeError)


class Analysis:
    """The problems and shapes of one revision of one project (each computed on first use)."""

    def __init__(self, project: Project, revision: int) -> None:
        self.project = project
        self.revision = revision
        self._problems: list[Problem] | None = None
        self._shapes: ShapeInfo | None = None
        self._shape_failure: Exception | None = None
        self._shapes_done = False

    def problems(self) -> list[Problem]:
        """Everything `validation.validate` finds (a new list each call; the Problems are shared)."""
        if self._problems is None:
            self._problems = validation.validate(self.project)
        return list(self._problems)

    def shape_info(self) -> ShapeInfo | None:
        """`graph.infer_shapes` of the project, or None when it cannot run (see `shape_failure`)."""
        if not self._shapes_done:
            try:
                self._shapes = graph.infer_shapes(self.project)
            except _SHAPE_FAILURES as exc:
                self._shape_failure = exc
            self._shapes_done = True
        return self._shapes

    def shape_failure(self) -> Exception | None:
        """Why shapes could not be inferred (a cycle, a broken config), else None."""
        self.shape_info()
        return self._shape_failure

    def output_shapes(self) -> dict[str, Shape | None]:
        """Each node's output shape; {} when shapes cannot be inferred (validation says why)."""
        info = self.shape_info()
        return dict(info.out) if info is not None else {}


_LAST: weakref.WeakKeyDictionary[Document, Analysis] = weakref.WeakKeyDictionary()


def analyse(doc: Document) -> Analysis:
    """The Analysis of `doc` as it is now: the same object until the document changes."""
    last = _LAST.get(doc)
    # The project object is compared too: a view may hold a document whose project was swapped.
    if last is None or last.revision != doc.revision or last.project is not doc.project:
        last = Analysis(doc.project, doc.revision)
        _LAST[doc] = last
    return last
