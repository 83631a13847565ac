"""Where the files that ship with nnstudio are: the example projects and the bundled resources.

In the repository they sit at the top level (`examples/`, `resources/`, DESIGN §1). The wheel
installs them inside the package as `nnstudio.examples` and `nnstudio.resources` (data-only
packages; pyproject.toml's `[tool.setuptools.package-dir]` maps them), found here by import spec.
A plain checkout has neither name importable, and setuptools' editable finder does not resolve a
data-only package mapped outside its parent's folder; both run nnstudio from the repository, so
the folders beside the package are the ones.

Stdlib only, at the bottom with `errors`: `data/` (the digits) and `ui/` (the gallery) both use it.
Files are opened by path (numpy.load, the CSV reader, copying an example's data), so nnstudio is
not zip-safe; wheels install unzipped.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

# The repository's top level when running from a checkout: nnstudio/ sits beside examples/.
_CHECKOUT = Path(__file__).resolve().parents[1]


def _shipped_dir(name: str) -> Path:
    """The folder of the data package `nnstudio.<name>`: where it is installed, else the
    checkout's top-level `<name>/`."""
    try:
        spec = importlib.util.find_spec(f"nnstudio.{name}")
    except (ImportError, ValueError):
        spec = None
    # An editable install may list stale or placeholder locations: take the first real folder.
    for location in (spec.submodule_search_locations or ()) if spec else ():
        folder = Path(location)
        if folder.is_dir():
            return folder.resolve()
    return _CHECKOUT / name


def examples_dir() -> Path:
    """The folder of the example projects (*.json) and the data files they read."""
    return _shipped_dir("examples")


def resources_dir() -> Path:
    """The folder of the bundled resources (the digits dataset and its README)."""
    return _shipped_dir("resources")
