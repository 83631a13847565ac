"""project.analysis: the problems and shapes of a document, computed once per revision."""
from __future__ import annotations

from nnstudio.project import graph, validation
from nnstudio.project.analysis import analyse
from nnstudio.project.document import Document
from nnstudio.project.model import Edge, Node, Project


def small() -> Project:
    return Project(nodes=[Node("x", "input", "x", config={"shape": [2]}),
                          Node("d", "dense", "d", config={"units": 3})],
                   edges=[Edge("e", "x", "d")], inputs=["x"], outputs=["d"])


def test_every_change_counts_one_revision():
    doc = Document(small())
    assert doc.revision == 0
    doc.move_node("d", (10.0, 0.0))
    doc.set_node_label("d", "dense")
    assert doc.revision == 2
    doc.replace(small())
    assert doc.revision == 3


def test_the_same_analysis_until_the_document_changes(monkeypatch):
    doc = Document(small())
    calls = []
    run = validation._Checker.run
    monkeypatch.setattr(validation._Checker, "run", lambda self: (calls.append(1), run(self))[1])
    first = analyse(doc)
    assert analyse(doc) is first
    assert first.problems() == analyse(doc).problems() == validation.validate(doc.project)
    assert len(calls) == 2                    # the analysis once, the direct call above once
    assert first.output_shapes() == graph.infer_shapes(doc.project).out == {"x": (2,), "d": (3,)}
    doc.set_node_config("d", {"units": 5})
    second = analyse(doc)
    assert second is not first and second.output_shapes()["d"] == (5,)


def test_a_cycle_leaves_no_shapes_and_says_why():
    p = small()
    p.edges.append(Edge("back", "d", "d"))
    p.nodes.append(Node("n", "neuron", "n"))
    p.edges += [Edge("a", "n", "d"), Edge("b", "d", "n")]
    analysis = analyse(Document(p))
    assert analysis.shape_info() is None and analysis.output_shapes() == {}
    assert isinstance(analysis.shape_failure(), graph.CycleError)
    assert any(p.severity == "error" for p in analysis.problems())
