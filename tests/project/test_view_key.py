"""The project file's `view` key (which nodes the canvas draws expanded) and Document.set_expanded:
saved with the file, checked like every other key, and never an edit."""
from __future__ import annotations

import json

import pytest

from nnstudio.project import io
from nnstudio.project.document import Document, Event
from nnstudio.project.io import ProjectError, dumps_project, loads_project, project_from_dict, project_to_dict
from nnstudio.project.model import Project


def small() -> dict:
    return {
        "format": "nnstudio.project", "version": 1,
        "nodes": [{"id": "x", "kind": "input", "config": {"shape": [2]}},
                  {"id": "hidden", "kind": "dense", "config": {"units": 3, "activation": "tanh"}},
                  {"id": "out", "kind": "dense", "config": {"units": 1}}],
        "edges": [{"id": "e1", "source": "x", "target": "hidden"}, {"id": "e2", "source": "hidden", "target": "out"}],
        "inputs": ["x"], "outputs": ["out"],
    }


def error_of(data: dict) -> str:
    with pytest.raises(ProjectError) as info:
        project_from_dict(data)
    return str(info.value)


def test_a_file_without_view_loads_with_an_empty_view_and_saves_without_the_key():
    project = project_from_dict(small())
    assert project.view == {}
    assert "view" not in project_to_dict(project)
    assert "view" not in json.loads(dumps_project(project))


def test_view_round_trips_through_the_file_text():
    data = small()
    data["view"] = {"expanded": ["hidden", "x"]}
    project = project_from_dict(data)
    assert project.view == {"expanded": ["hidden", "x"]}
    again = loads_project(dumps_project(project))
    assert again.view == {"expanded": ["hidden", "x"]}
    assert json.loads(dumps_project(again))["view"] == {"expanded": ["hidden", "x"]}


def test_an_empty_expanded_list_is_not_written():
    data = small()
    data["view"] = {"expanded": []}
    project = project_from_dict(data)
    assert project.view == {}
    assert "view" not in project_to_dict(project)


def test_ids_the_file_no_longer_holds_are_kept_but_skipped_by_readers():
    data = small()
    data["view"] = {"expanded": ["gone", "hidden"]}
    project = project_from_dict(data)
    assert project.view["expanded"] == ["gone", "hidden"]
    assert Document(project).expanded() == ["hidden"]


@pytest.mark.parametrize("view, message", [
    ({"collapsed": ["hidden"]}, "view.collapsed: unknown key (view takes expanded)"),
    ({"expanded": "hidden"}, "view.expanded: must be a list, not a string"),
    ({"expanded": [3]}, "view.expanded[0]: must be a string, not a number"),
    ({"expanded": [""]}, "view.expanded[0]: must not be empty"),
    ({"expanded": ["hidden", "hidden"]}, "view.expanded[1]: 'hidden' is listed twice"),
    ({"expanded": ["a\nb"]}, "view.expanded[0]: must not contain control characters"),
    (["hidden"], "view: must be an object, not a list"),
])
def test_a_bad_view_is_refused_with_its_path(view, message):
    data = small()
    data["view"] = view
    assert error_of(data) == message


def test_copy_copies_the_view_apart():
    project = project_from_dict({**small(), "view": {"expanded": ["hidden"]}})
    twin = project.copy()
    assert twin.view == {"expanded": ["hidden"]}
    twin.view["expanded"].append("x")
    assert project.view == {"expanded": ["hidden"]}


def test_a_view_that_cannot_be_saved_is_refused_on_save_and_by_check_settings():
    project = project_from_dict(small())
    project.view = {"expanded": "hidden"}
    with pytest.raises(ProjectError, match="view.expanded: must be a list"):
        dumps_project(project)
    assert [e.where for e in io.check_settings(project)] == ["view.expanded"]
    assert io.check_settings(Project()) == []


def test_set_expanded_emits_view_changed_and_returns_the_old_list():
    doc = Document(project_from_dict(small()))
    seen: list[Event] = []
    doc.subscribe(seen.append)
    before = doc.revision
    assert doc.set_expanded(["hidden"]) == []
    assert seen == [Event("view_changed", {"expanded": ["hidden"]})]
    assert doc.expanded() == ["hidden"]
    assert doc.project.view == {"expanded": ["hidden"]}
    assert doc.revision == before + 1
    assert doc.set_expanded(["x", "hidden", "x"]) == ["hidden"]
    assert doc.expanded() == ["x", "hidden"]
    assert doc.set_expanded([]) == ["x", "hidden"]
    assert doc.project.view == {}
    assert [e.payload["expanded"] for e in seen] == [["hidden"], ["x", "hidden"], []]


def test_set_expanded_changes_nothing_an_edit_changes():
    """A view setting: the network, its weights and what is saved besides `view` stay as they were."""
    doc = Document(project_from_dict(small()))
    before = project_to_dict(doc.project)
    doc.set_expanded(["hidden"])
    after = project_to_dict(doc.project)
    assert after.pop("view") == {"expanded": ["hidden"]}
    assert after == before


def test_expanded_after_a_node_is_removed_skips_it():
    doc = Document(project_from_dict(small()))
    doc.set_expanded(["out", "hidden"])
    doc.remove_edge("e2")
    doc.set_outputs([])
    doc.remove_node("out")
    assert doc.expanded() == ["hidden"]
