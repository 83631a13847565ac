"""A kind is one module plus one line, shown mechanically: a copy of the installed package gets the
toy kind's module (tests/kinds/toy/scale.py) as nnstudio/kinds/scale.py and the line `"scale",` in
kinds/__init__.py's `_ALLOWLIST`, and nothing else. A fresh interpreter running that copy then
finds the kind in the palette, validates, compiles and trains x → scale on y = 2x (a reaches 2),
saves and loads it with the same a, and draws it on the canvas."""
from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nnstudio

TOY = Path(__file__).parent / "toy" / "scale.py"
ONE_LINE = '    "scale",\n'
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc")

# Run by the copy in a fresh interpreter; prints what it found as JSON.
PROOF = r'''
import json, os, sys
from pathlib import Path

import nnstudio
from nnstudio.project import editing, io
from nnstudio.project.compile import compile_project
from nnstudio.project.document import Document
from nnstudio.project.model import DataSpec, Edge, Node, Project, TrainingSpec
from nnstudio.project.validation import validate
from nnstudio.training.runner import TrainingRun
from PySide6.QtWidgets import QApplication
from nnstudio.ui.canvas.scene import CanvasScene
from nnstudio.ui.panels.palette import Palette

app = QApplication([])
palette = Palette()
entry = palette.item("scale")

project = Project(
    nodes=[Node("x", "input", "x", (0.0, 0.0), {"shape": [1]}),
           editing.new_node(Project(), "scale", (200.0, 0.0), start=0.5)],
    inputs=["x"],
    data=DataSpec(source={"kind": "table", "inputs": [[1.0], [2.0], [3.0]], "targets": [[2.0], [4.0], [6.0]]}),
    training=TrainingSpec(loss="mse", optimizer={"kind": "sgd", "lr": 0.05}, epochs=200))
scale = project.nodes[1]
project.edges.append(Edge("e1", "x", scale.id))
project.outputs = [scale.id]
problems = [str(p) for p in validate(project)]
model = compile_project(project)
run = TrainingRun(project)
report = run.run(200)
run.write_back(project)
path = Path(sys.argv[1]) / "scale.json"
io.save_project(project, path)
loaded = io.load_project(path)
scene = CanvasScene(Document(loaded))
look = scene.node_items[scale.id].look
print(json.dumps({
    "file": nnstudio.__file__,
    "kinds_module": sys.modules["nnstudio.kinds.scale"].__file__,
    "elsewhere": sorted(name for name, module in sys.modules.items()
                        if name.split(".")[0] == "nnstudio" and getattr(module, "__file__", None)
                        and not module.__file__.startswith(os.path.dirname(nnstudio.__file__))),
    "palette": palette.kinds(),
    "entry": [entry.text(), entry.icon().isNull(), entry.toolTip()],
    "node": [scale.id, scale.kind, scale.config],
    "problems": problems,
    "layer_ops": model.layer_ops,
    "loss": report.loss,
    "a": float(project.nodes[1].params["a"][0]),
    "loaded_a": float(loaded.nodes[1].params["a"][0]),
    "loaded_kind": loaded.nodes[1].kind,
    "look": [look.form, look.title, look.detail, look.accent],
}))
'''


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}


def _add_to_allowlist(text: str) -> str:
    """`text` (kinds/__init__.py) with ONE_LINE as the last entry of `_ALLOWLIST`."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("_ALLOWLIST"))
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == ")")
    return "".join(lines[:end] + [ONE_LINE] + lines[end:])


def test_a_kind_is_one_module_and_one_line(tmp_path):
    original = Path(nnstudio.__file__).parent
    root = tmp_path / "copy"
    package = root / "nnstudio"
    shutil.copytree(original, package, ignore=IGNORED)
    shutil.copyfile(TOY, package / "kinds" / "scale.py")
    allowlist = package / "kinds" / "__init__.py"
    allowlist.write_text(_add_to_allowlist(allowlist.read_text(encoding="utf-8")), encoding="utf-8")

    # The copy differs from the package by the one new module and the one added line.
    before, after = _files(original), _files(package)
    assert set(after) - set(before) == {"kinds/scale.py"} and set(before) <= set(after)
    assert after["kinds/scale.py"] == TOY.read_bytes()
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["kinds/__init__.py"]
    diff = list(difflib.unified_diff(before[changed[0]].decode().splitlines(keepends=True),
                                     after[changed[0]].decode().splitlines(keepends=True), n=0))
    edits = [line for line in diff[2:] if not line.startswith("@@")]
    assert edits == ["+" + ONE_LINE]

    # A fresh interpreter runs the copy: PYTHONPATH comes before the editable install's finder,
    # and the working directory is not the checkout (whose nnstudio/ '' would find first).
    env = {**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen",
           "NNSTUDIO_SETTINGS": str(tmp_path / "settings.ini")}
    done = subprocess.run([sys.executable, "-c", PROOF, str(tmp_path)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])

    assert Path(found["file"]).resolve() == (package / "__init__.py").resolve()
    assert Path(found["kinds_module"]).resolve() == (package / "kinds" / "scale.py").resolve()
    assert found["elsewhere"] == []          # every nnstudio module it loaded is the copy's
    assert found["palette"][-1] == "scale"
    title, no_icon, tooltip = found["entry"]
    assert title == "Scale" and not no_icon and "y = a·x" in tooltip
    assert found["node"] == ["scale1", "scale", {"start": 0.5, "trainable": True}]
    assert found["problems"] == []
    assert found["layer_ops"] == {"scale1": "scale1"}
    assert found["loss"] < 1e-8 and abs(found["a"] - 2.0) < 1e-6
    assert found["loaded_kind"] == "scale" and found["loaded_a"] == found["a"]
    assert found["look"] == ["layer", "Scale", "a from 0.5", "#9333ea"]
