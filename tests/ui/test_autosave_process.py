"""The real app, killed: start nnstudio in a process of its own (under Xvfb when xvfb-run exists,
else on Qt's offscreen platform: a real window either way), make an edit, wait past the
autosave interval (1 s by the setting), SIGKILL it, and start it again: the recovery offer
appears and the edit comes back, modified, with the project's own path."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("autosave_driver.py")
EDIT_LABEL = "edit before the crash"
AUTOSAVE_WAIT_S = 15


def command(*args: str) -> tuple[list[str], dict]:
    env = dict(os.environ)
    prefix: list[str] = []
    if shutil.which("xvfb-run"):
        prefix = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
        env.pop("QT_QPA_PLATFORM", None)     # the conftest's offscreen: use the X server instead
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    return prefix + [sys.executable, str(DRIVER), *args], env


def first_line(proc: subprocess.Popen) -> dict:
    line = proc.stdout.readline()
    assert line, proc.stderr.read()[-3000:] if proc.poll() is not None else "no output"
    return json.loads(line)


def autosave_with_edit(folder: Path) -> Path | None:
    for path in folder.glob("*.json"):
        if path.name.endswith(".info.json"):
            continue
        # An autosave is whole once both its files are there: wait for both, or the kill could land between.
        if not path.with_name(f"{path.stem}.info.json").is_file():
            continue
        try:
            if EDIT_LABEL in path.read_text(encoding="utf-8"):
                return path
        except OSError:
            pass
    return None


def test_the_edit_comes_back_after_sigkill(tmp_path):
    started = time.monotonic()
    folder = tmp_path / "autosave"
    settings = tmp_path / "settings.ini"
    settings.write_text(f"[autosave]\nfolder={folder.as_posix()}\nintervalSeconds=1\n", encoding="utf-8")
    project = tmp_path / "work" / "xor.json"
    project.parent.mkdir()
    shutil.copy(REPO / "examples" / "xor_dense.json", project)
    nodes_before = len(json.loads(project.read_text(encoding="utf-8"))["nodes"])

    cmd, env = command("edit", str(project))
    env["NNSTUDIO_SETTINGS"] = str(settings)
    first = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        pid = first_line(first)["pid"]
        assert first_line(first) == {"edited": True, "nodes": nodes_before + 1}
        deadline = time.monotonic() + AUTOSAVE_WAIT_S
        while autosave_with_edit(folder) is None and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.1)
        autosaved = autosave_with_edit(folder)
        assert autosaved is not None, "no autosave holds the edit"
        os.kill(pid, signal.SIGKILL)
        first.communicate(timeout=30)        # xvfb-run, if any, ends with its child
    finally:
        if first.poll() is None:
            first.kill()
            first.communicate()
    assert json.loads(project.read_text(encoding="utf-8"))["nodes"][-1]["label"] != EDIT_LABEL   # never saved
    assert autosaved.with_suffix(".lock").is_file()     # the dead owner's lock stays behind

    cmd, env = command("recover")
    env["NNSTUDIO_SETTINGS"] = str(settings)
    second = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr[-3000:]
    lines = [json.loads(line) for line in second.stdout.splitlines() if line.startswith("{")]
    report = lines[-1]
    assert report["offered"] == [["XOR with dense layers", str(project)]]
    assert report["nodes"] == nodes_before + 1 and report["labels"][-1] == EDIT_LABEL
    assert report["path"] == str(project)
    assert report["modified"] is True and report["title_modified"] is True
    # Closed with Discard: neither the crashed instance's autosave nor the second one's is left.
    assert list(folder.glob("*.json")) == []
    assert time.monotonic() - started < 60


def test_sigterm_writes_the_autosave_at_once_and_quits_keeping_it(qtbot, tmp_path):
    from nnstudio.ui.window.autosave_files import find_recoverable
    folder = tmp_path / "autosave"
    settings = tmp_path / "settings.ini"
    # An hour: only the signal can have written the autosave.
    settings.write_text(f"[autosave]\nfolder={folder.as_posix()}\nintervalSeconds=3600\n", encoding="utf-8")
    project = tmp_path / "xor.json"
    shutil.copy(REPO / "examples" / "xor_dense.json", project)
    cmd, env = command("edit", str(project))
    env["NNSTUDIO_SETTINGS"] = str(settings)
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        pid = first_line(proc)["pid"]
        assert first_line(proc)["edited"] is True
        assert autosave_with_edit(folder) is None
        os.kill(pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, err[-3000:]
    assert autosave_with_edit(folder) is not None
    offers = find_recoverable(str(folder))
    assert [(o.name, o.original_path) for o in offers] == [("XOR with dense layers", str(project))]
    offers[0].release()
