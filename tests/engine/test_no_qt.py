"""DESIGN §1: `engine/`, `project/`, `data/`, `training/` and `cli/` never import Qt; the engine never
imports the project, and the project (the document) never imports the training runtime.

Each check runs in a fresh interpreter with PySide6, shiboken6 and pyqtgraph blocked by a
meta-path finder, imports every module of the packages (walked with pkgutil), and reports
what got imported.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent("""
    import importlib, json, pkgutil, sys

    BLOCKED = ("PySide6", "shiboken6", "pyqtgraph")
    attempts = []

    class Block:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                attempts.append(name)
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, Block())
    imported = []
    for package_name in sys.argv[1:]:
        package = importlib.import_module(package_name)
        imported.append(package_name)
        for info in pkgutil.walk_packages(package.__path__, package_name + "."):
            importlib.import_module(info.name)
            imported.append(info.name)
    print(json.dumps({
        "imported": imported,
        "attempts": attempts,
        "qt": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED),
        "project": sorted(m for m in sys.modules if m.startswith("nnstudio.project")),
        "training": sorted(m for m in sys.modules if m.startswith("nnstudio.training")),
        "ui": sorted(m for m in sys.modules if m.startswith("nnstudio.ui")),
    }))
""")


def _run(*packages: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, *packages], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_blocker_blocks():
    proc = subprocess.run([sys.executable, "-c", SCRIPT.replace('for package_name in sys.argv[1:]:',
                                                                'import PySide6\nfor package_name in []:')],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0 and "PySide6 is blocked" in proc.stderr


@pytest.fixture(scope="module")
def engine_and_project() -> dict:
    return _run("nnstudio.engine", "nnstudio.project")


def test_engine_and_project_import_without_qt(engine_and_project):
    result = engine_and_project
    assert result["attempts"] == [] and result["qt"] == [] and result["ui"] == []
    names = set(result["imported"])
    # The walk really covered the packages (a broken walk must not pass silently).
    for module in ("nnstudio.engine.training", "nnstudio.engine.gradcheck", "nnstudio.engine.layers.dense",
                   "nnstudio.project.compile", "nnstudio.project.model", "nnstudio.project.registry"):
        assert module in names


def test_engine_alone_does_not_import_the_project():
    result = _run("nnstudio.engine")
    assert result["attempts"] == [] and result["qt"] == []
    assert result["project"] == []
    assert "nnstudio.engine.optimizers" in result["imported"]


def test_data_imports_without_qt():
    result = _run("nnstudio.data")
    assert result["attempts"] == [] and result["qt"] == [] and result["ui"] == []
    names = set(result["imported"])
    for module in ("nnstudio.data.builtin", "nnstudio.data.builtin_planar", "nnstudio.data.builtin_sequences",
                   "nnstudio.data.idx_source", "nnstudio.data.features", "nnstudio.data.prepare",
                   "nnstudio.data.sources"):
        assert module in names


def test_training_and_the_command_line_import_without_qt():
    result = _run("nnstudio.training", "nnstudio.cli")
    assert result["attempts"] == [] and result["qt"] == [] and result["ui"] == []
    names = set(result["imported"])
    for module in ("nnstudio.training.runner", "nnstudio.training.session", "nnstudio.training.engine_process",
                   "nnstudio.training.preview", "nnstudio.training.explain", "nnstudio.cli.main",
                   "nnstudio.cli.progress"):
        assert module in names


def test_the_document_does_not_import_the_training_runtime():
    result = _run("nnstudio.project")
    assert result["training"] == []
    assert "nnstudio.project.paths" in result["imported"]
