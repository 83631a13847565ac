"""The wheel ships the examples and the bundled resources inside the package (DESIGN §1): build it,
install it apart from the checkout, and check that every shipped example validates and that the
gallery and the digits are found in the installed copy."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What the build reads: a copy keeps stale build/ output and the checkout's egg-info out of the wheel.
SOURCES = ("pyproject.toml", "README.md", "LICENSE", "nnstudio", "examples", "resources")
SHIPPED = {"nnstudio.examples": "examples", "nnstudio.resources": "resources"}
GALLERY = textwrap.dedent("""
    import json, os, sys
    from nnstudio.data.builtin import DIGITS_FILE, generate
    from nnstudio.project.gallery import list_examples
    from nnstudio.project.io import load_project
    from nnstudio.project.paths import copy_shipped_data, rebase_data_path
    from nnstudio.shipped import examples_dir, resources_dir
    # Saving an example elsewhere copies its CSV out of the installed package, as the window does.
    iris, saved = load_project(examples_dir() / "iris_csv.json"), os.path.abspath(sys.argv[1])
    rebase_data_path(iris, saved)
    copied = copy_shipped_data(iris, saved, examples_dir())
    print(json.dumps({
        "examples_dir": str(examples_dir()), "resources_dir": str(resources_dir()),
        "digits_file": str(DIGITS_FILE), "digits": len(generate("digits")),
        "gallery": [[str(e.path), e.name] for e in list_examples()],
        "copied": copied, "iris_path": iris.data.source["path"],
        "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph")),
    }))
""")


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    """The mapped folders rule out packages.find, so pyproject.toml lists the packages: a new one
    must be added there or the wheel would lack it."""
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "nnstudio").rglob("*.py")
               if "__pycache__" not in p.parts}
    listed = set(_setuptools()["packages"])
    assert listed == on_disk | set(SHIPPED)
    assert _setuptools()["package-dir"] == SHIPPED


def _run(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 120) -> str:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(args)}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from the working tree and installed (no dependencies: they are this
    interpreter's) into a folder of its own; returns that folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"
    source.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, source / name)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), str(source)], tmp)
    wheel, = (tmp / "dist").glob("nnstudio-*.whl")
    _run([*pip, "install", "--no-deps", "--no-compile", "--target", str(tmp / "site"), str(wheel)], tmp)
    shutil.rmtree(source)                 # nothing may still read from the copy of the tree
    return tmp / "site"


def _env(site: Path) -> dict:
    # Only the installed copy on the path; run from elsewhere so the checkout is not the cwd.
    return {**os.environ, "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}


def test_the_wheel_ships_every_example_and_the_resources(installed):
    package = installed / "nnstudio"
    for folder in SHIPPED.values():
        shipped = sorted(p.name for p in (package / folder).iterdir())
        assert shipped == sorted(p.name for p in (ROOT / folder).iterdir() if p.is_file())
    # the interface's translation catalogues (nnstudio/ui/i18n.py) ship beside their sources
    catalogues = ROOT / "nnstudio" / "ui" / "resources" / "i18n"
    assert sorted(p.name for p in (package / "ui" / "resources" / "i18n").iterdir()) == \
        sorted(p.name for p in catalogues.iterdir()) != []


def test_every_shipped_example_validates_from_the_installed_copy(installed):
    examples = sorted((installed / "nnstudio" / "examples").glob("*.json"))
    assert len(examples) == len(list((ROOT / "examples").glob("*.json"))) > 0
    for example in examples:
        out = _run([sys.executable, "-m", "nnstudio", "validate", str(example)], installed.parent,
                   _env(installed))
        assert out.startswith("ok: "), (example.name, out)


def test_the_gallery_the_digits_and_the_example_data_are_found_in_the_installed_copy(installed):
    saved = installed.parent / "mine" / "iris.json"
    saved.parent.mkdir()
    found = json.loads(_run([sys.executable, "-c", GALLERY, str(saved)], installed.parent, _env(installed)))
    package = installed / "nnstudio"
    assert found["examples_dir"] == str((package / "examples").resolve())
    assert found["resources_dir"] == str((package / "resources").resolve())
    assert found["digits_file"] == str((package / "resources" / "digits_8x8.npz").resolve())
    assert found["digits"] == 1797
    paths = [Path(p) for p, _ in found["gallery"]]
    assert sorted(p.name for p in paths) == sorted(p.name for p in (ROOT / "examples").glob("*.json"))
    assert all(p.parent == (package / "examples").resolve() for p in paths)
    assert all(name for _, name in found["gallery"])
    assert found["qt"] == []                       # the listing needs no Qt
    assert found["copied"] == ["iris.csv"] and found["iris_path"] == "iris.csv"
    assert (saved.parent / "iris.csv").read_bytes() == (package / "examples" / "iris.csv").read_bytes()
