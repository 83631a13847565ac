"""relative_data_path: how the import dialog stores a chosen file."""
from __future__ import annotations

import os

from nnstudio.data.sources import relative_data_path


def test_relative_to_the_project_folder_with_forward_slashes(tmp_path):
    project = tmp_path / "p" / "net.json"
    assert relative_data_path(str(tmp_path / "p" / "data" / "d.csv"), str(project)) == "data/d.csv"
    assert relative_data_path(str(tmp_path / "p" / "d.csv"), str(project)) == "d.csv"
    assert relative_data_path(str(tmp_path / "other" / "d.csv"), str(project)) == "../other/d.csv"


def test_relative_input_is_taken_from_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relative_data_path("sub/d.csv", str(tmp_path / "net.json")) == "sub/d.csv"
    assert relative_data_path("d.csv", str(tmp_path / "x" / "net.json")) == "../d.csv"


def test_an_unsaved_project_keeps_an_absolute_path(tmp_path):
    path = str(tmp_path / "d.csv")
    assert relative_data_path(path, None) == os.path.abspath(path)
    assert os.path.isabs(relative_data_path("d.csv", None))
