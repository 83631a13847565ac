"""The autosave's files: writing one, and finding the autosaves a dead instance left.

Each autosave is `<id>.json` (the project, as a project file is written), `<id>.info.json` (where it
came from, its name, the time, the pid) and `<id>.lock`, a QLockFile whose stale time is 0: it goes
stale only when its owner process is gone, so `find_recoverable` never offers a running instance's
autosave. See autosave.py for when they are written and removed.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QLockFile

from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project, save_project, write_atomically
from nnstudio.project.model import Project
from nnstudio.ui.i18n import translate

INFO_FORMAT = "nnstudio.autosave"
_ID = re.compile(r"^[0-9a-f]{32}$")     # uuid4().hex: other files in the folder are not ours


def project_name(project: Project) -> str:
    """What the recovery offer calls a project: its name, else its file's stem, else Untitled."""
    name = project.meta.get("name") if isinstance(project.meta, dict) else None
    if project.path and (not name or name == "Untitled"):
        return Path(project.path).stem
    return name or "Untitled"


def new_lock(path: str) -> QLockFile:
    lock = QLockFile(path)
    lock.setStaleLockTime(0)    # stale only when the owner process is gone, however old it is
    return lock


def write_autosave(project: Project, project_file: str, info_file: str, info: dict) -> str | None:
    """Write the autosave's info, then its project (no Qt: it runs in a worker thread), so a
    project file found after a crash always has its original path beside it. Returns None, or why
    it could not be written."""
    try:
        write_atomically(json.dumps(info, indent=1) + "\n", info_file)
        save_project(project, project_file)
    except (OSError, ProjectError) as exc:
        return str(exc)
    return None


def remove_file(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


@dataclass
class Recoverable:
    """An autosave left by an instance that is gone. Its lock is held by this process while it
    is offered (a QLockFile that is garbage-collected unlocks: keep this object alive)."""
    instance_id: str
    folder: str
    name: str
    original_path: str | None
    saved_at: datetime | None
    lock: QLockFile = field(repr=False)
    discarded: bool = False

    @property
    def project_file(self) -> str:
        return os.path.join(self.folder, f"{self.instance_id}.json")

    @property
    def info_file(self) -> str:
        return os.path.join(self.folder, f"{self.instance_id}.info.json")

    def time_text(self) -> str:
        """The autosave's local time, as the dialog shows it."""
        if self.saved_at is None:
            return translate("AutosaveFiles", "unknown time")
        return self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")

    def load(self) -> Project:
        """The autosaved project, with its original path (relative data paths resolve there)."""
        project = load_project(self.project_file)
        project.path = self.original_path
        return project

    def discard(self) -> None:
        """Delete the autosave for good."""
        remove_file(self.project_file)
        remove_file(self.info_file)
        self.discarded = True
        self.lock.unlock()      # deletes the lock file

    def release(self) -> None:
        """Keep the files for the next start (Later): only the lock goes."""
        self.lock.unlock()


def _read_info(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            info = json.load(f)
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) and info.get("format") == INFO_FORMAT else {}


def _parse_time(text: object, fallback_file: str) -> datetime | None:
    if isinstance(text, str):
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            pass
    try:
        return datetime.fromtimestamp(os.path.getmtime(fallback_file), timezone.utc)
    except OSError:
        return None


def find_recoverable(folder: str) -> list[Recoverable]:
    """The autosaves in `folder` whose owner process is gone, newest first. Each one's lock is
    taken (QLockFile.tryLock(0) succeeds only on a stale or absent lock), so a running instance's
    autosave is never offered and two starting instances never offer the same one."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    found: list[Recoverable] = []
    for name in sorted(names):
        if name.endswith(".lock") and _ID.match(name[:-5]) and f"{name[:-5]}.json" not in names:
            orphan = new_lock(os.path.join(folder, name))
            if orphan.tryLock(0):
                orphan.unlock()     # a dead owner's lock without an autosave: tidy it away
            continue
        if not name.endswith(".json") or name.endswith(".info.json") or not _ID.match(name[:-5]):
            continue
        ident = name[:-5]
        lock = new_lock(os.path.join(folder, f"{ident}.lock"))
        if not lock.tryLock(0):
            continue        # its instance is running
        info = _read_info(os.path.join(folder, f"{ident}.info.json"))
        original = info.get("original_path")
        shown = str(info.get("name") or "Untitled")       # the file keeps English; the dialog shows this
        found.append(Recoverable(
            ident, folder, translate("AutosaveFiles", "Untitled") if shown == "Untitled" else shown,
            original if isinstance(original, str) else None,
            _parse_time(info.get("saved_at"), os.path.join(folder, name)), lock))
    epoch = datetime.fromtimestamp(0, timezone.utc)
    found.sort(key=lambda r: r.saved_at or epoch, reverse=True)
    return found
