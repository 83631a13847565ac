"""Where a project's data files are: relative paths resolve against the project file's folder,
and follow it when it is saved elsewhere (no Qt)."""
from __future__ import annotations

import filecmp
import os
import shutil

from nnstudio.data.sources import PATH_KEYS
from nnstudio.project.model import Project


def base_dir(project: Project) -> str:
    """The folder relative data paths resolve against: the project file's, else the working one."""
    return os.path.dirname(os.path.abspath(project.path)) if project.path else os.getcwd()


def rebase_data_path(project: Project, new_path: str) -> None:
    """Keep relative data paths (`path`, or an idx source's `images` and `labels`) pointing at
    the same files when the project moves to `new_path`.

    Each path is rewritten relative to the new folder (absolute when no relative path exists,
    as across Windows drives); absolute paths and inline data are left alone."""
    source = project.data.source
    if not isinstance(source, dict):
        return
    new_dir = os.path.dirname(os.path.abspath(new_path))
    if os.path.normpath(new_dir) == os.path.normpath(base_dir(project)):
        return
    moved_source = dict(source)
    for key in PATH_KEYS.get(source.get("kind"), ()):   # type: ignore[arg-type]
        rel = source.get(key)
        if not isinstance(rel, str) or not rel or os.path.isabs(os.path.expanduser(rel)):
            continue
        target = os.path.normpath(os.path.join(base_dir(project), rel))
        try:
            moved = os.path.relpath(target, new_dir)
        except ValueError:
            moved = target
        moved_source[key] = moved.replace(os.sep, "/")
    if moved_source != source:
        project.data.source = moved_source


def copy_shipped_data(project: Project, new_path: str, shipped_dir: str | os.PathLike) -> list[str]:
    """Copy the data files `project` reads from `shipped_dir` (the examples inside the installed
    package, which move when nnstudio is reinstalled) next to `new_path`, and point the project
    at the copies. Relative paths resolve against `new_path`'s folder: call it after
    `rebase_data_path`. A file of the same name with other content there is kept, and the copy
    numbered. Returns the names of the files copied; raises OSError if one cannot be."""
    source = project.data.source
    if not isinstance(source, dict):
        return []
    folder = os.path.dirname(os.path.abspath(new_path))
    shipped = os.path.normcase(os.path.realpath(shipped_dir))
    new_source, copied = dict(source), []
    for key in PATH_KEYS.get(source.get("kind"), ()):   # type: ignore[arg-type]
        value = source.get(key)
        if not isinstance(value, str) or not value:
            continue
        original = os.path.realpath(os.path.join(folder, os.path.expanduser(value)))
        if os.path.normcase(os.path.dirname(original)) != shipped or not os.path.isfile(original):
            continue
        stem, ext = os.path.splitext(os.path.basename(original))
        name, n = stem + ext, 1
        while os.path.exists(os.path.join(folder, name)) and not filecmp.cmp(
                os.path.join(folder, name), original, shallow=False):
            n += 1
            name = f"{stem} ({n}){ext}"
        if not os.path.exists(os.path.join(folder, name)):
            shutil.copyfile(original, os.path.join(folder, name))
            copied.append(name)
        new_source[key] = name
    project.data.source = new_source
    return copied
