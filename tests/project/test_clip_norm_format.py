"""`training.clip_norm` in the project file: absent by default and then not written (existing
files keep their bytes), round-trips when set, and bad values are refused at training.clip_norm."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nnstudio.project.io import ProjectError, dumps_project, load_project, loads_project, save_project

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_a_file_without_the_key_loads_and_saves_byte_identically(tmp_path, name):
    text = (EXAMPLES / name).read_bytes()
    project = load_project(EXAMPLES / name)
    assert project.training.clip_norm is None
    assert "clip_norm" not in json.loads(dumps_project(project))["training"]
    out = tmp_path / name
    save_project(project, out)
    again = load_project(out)
    save_project(again, tmp_path / "again.json")
    assert (tmp_path / "again.json").read_bytes() == out.read_bytes()
    assert out.read_bytes() == text


@pytest.mark.parametrize("value", [0.5, 1, 1e-3, 250.0])
def test_clip_norm_round_trips(value):
    project = load_project(EXAMPLES / "xor_dense.json")
    project.training.clip_norm = value
    text = dumps_project(project)
    assert json.loads(text)["training"]["clip_norm"] == value
    again = loads_project(text)
    assert again.training.clip_norm == value and isinstance(again.training.clip_norm, float)
    assert dumps_project(again) == text


def test_null_means_no_clipping():
    raw = json.loads(dumps_project(load_project(EXAMPLES / "xor_dense.json")))
    raw["training"]["clip_norm"] = None
    project = loads_project(json.dumps(raw))
    assert project.training.clip_norm is None
    assert "clip_norm" not in json.loads(dumps_project(project))["training"]


@pytest.mark.parametrize("value,message", [(0, "must be > 0"), (0.0, "must be > 0"), (-1.5, "must be > 0"),
                                           ("1.0", "must be a number"), (True, "must be a number"),
                                           (False, "must be a number"), ([1.0], "must be a number"),
                                           ({}, "must be a number")])
def test_bad_values_are_refused_naming_the_key(value, message):
    raw = json.loads(dumps_project(load_project(EXAMPLES / "xor_dense.json")))
    raw["training"]["clip_norm"] = value
    with pytest.raises(ProjectError, match=re.escape(f"training.clip_norm: {message}")):
        loads_project(json.dumps(raw))
