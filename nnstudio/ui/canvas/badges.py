"""The "in" / "out" badges over the network's input and output nodes: which node gets which, and
the badge as drawn in the interface's language (the English picks the badge's colour)."""
from __future__ import annotations

from nnstudio.project.model import Project
from nnstudio.ui.i18n import translate


def badges(project: Project) -> dict[str, str]:
    """'in' / 'out' for nodes listed in inputs / outputs, numbered when there are several."""
    found: dict[str, str] = {}
    for word, ids in (("in", project.inputs), ("out", project.outputs)):
        for k, node_id in enumerate(ids):
            text = word if len(ids) == 1 else f"{word} {k + 1}"
            found[node_id] = f"{found[node_id]} · {text}" if node_id in found else text
    return found


def badge_text(badge: str) -> str:
    """A badge ("in", "out 2", "in · out") as drawn, in the interface's language: the look keeps
    the English, which picks the badge's colour."""
    said = []
    for part in badge.split(" · "):
        word, _, number = part.partition(" ")
        if word == "in":
            said.append(translate("CanvasLooks", "in {number}").format(number=number) if number else
                        translate("CanvasLooks", "in"))
        else:
            said.append(translate("CanvasLooks", "out {number}").format(number=number) if number else
                        translate("CanvasLooks", "out"))
    return " · ".join(said)
