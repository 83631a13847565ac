"""The window's words for errors and problems: a key path and a message become a sentence that
names the control to use.

Errors name the place at fault by the project file's key path (`training.optimizer.lr`,
`data.source.inputs[3]`, `outputs`); the command line prints them as they are. The window names
the inspector tab and field the student sees instead ("Training tab › Learning rate: must be > 0",
"… tick Network output in the inspector"), and keeps the path for a tooltip. `PLACES`
(ui.wording_places) is the one table of where each key lives in the window. The messages are
translated by their templates (domain_i18n.message_text); key paths and values in them stay, and
are then named as the window names them.
"""
from __future__ import annotations

import re
from PySide6.QtCore import QT_TRANSLATE_NOOP

from nnstudio.project.model import Project
from nnstudio.project.validation import Problem
from nnstudio.ui.domain_i18n import error_text as domain_error_text, message_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.editors import label_for
from nnstudio.ui.panels.inspector_forms import node_name
from nnstudio.ui.wording_places import PLACES, Place

__all__ = ["KEY_PATH", "PLACES", "Place", "edge_subject", "error_text", "node_subject", "place_for", "plain",
           "problem_text", "problem_tooltip", "sentence"]

# A key path written inside a sentence: a section and one of its fields, or a list and an index,
# then any deeper fields and indices. Written out, so that file names ("data.csv") and the plain
# words "inputs" and "outputs" are not taken for one.
KEY_PATH = re.compile(
    r"\b(?:data\.(?:source|validation_split|split_seed|normalize|normalizer|features)"
    r"|training\.(?:loss|optimizer|schedule|epochs|batch_size|shuffle|seed|regularization|dtype)"
    r"|meta\.(?:name|description)|history\.(?:epoch|loss|val_loss|accuracy|val_accuracy)"
    r"|(?:nodes|edges|inputs|outputs)\[\d+\])(?:\[\d+\]|\.[A-Za-z_][A-Za-z0-9_]*)*(?![\w.])")
_SEGMENT = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")
_VERBS = ("must ", "is ", "are ", "has ", "have ", "holds ", "needs ", "takes ")

# The window's glue between a place and what is wrong there ("Data tab › Seed: must be ≥ 0").
SAID = QT_TRANSLATE_NOOP("Wording", "{where}: {what}")
IN_PLACE = QT_TRANSLATE_NOOP("Wording", "{subject} › {where}: {what}")
TODO = QT_TRANSLATE_NOOP("Wording", "{what} — {todo}")


def _said(where: str, what: str) -> str:
    return translate("Wording", SAID).format(where=where, what=what)


def _segments(path: str) -> list[str | int]:
    out: list[str | int] = []
    for match in _SEGMENT.finditer(path):
        out.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
    return out


def place_for(path: str) -> Place | None:
    """Where the window shows the setting at `path`, or None when the table does not know it."""
    if not (path in PLACES or KEY_PATH.fullmatch(path) or re.fullmatch(r"(?:config|params)\.\w+", path)):
        return None                              # a file name, a node id, a sentence
    segments = _segments(path)
    for cut in range(len(segments), 0, -1):      # the most specific entry first
        head, last = segments[:cut - 1], segments[cut - 1]
        key = ".".join(str(s) for s in head if not isinstance(s, int))
        if isinstance(last, int):
            if head and isinstance(head[-1], int):
                continue                         # a column within a row: the row is the place
            entry = PLACES.get(f"{key}[]")
            if entry is not None:
                return entry(str(last)) if callable(entry) else entry
            continue
        full = f"{key}.{last}" if key else last
        entry = PLACES.get(full)
        if entry is None and key:
            entry = PLACES.get(f"{key}.*")
            if callable(entry):
                return entry(last)
        if entry is not None:
            return entry(last) if callable(entry) else entry
    return _file_place(segments)


def _file_place(segments: list[str | int]) -> Place | None:
    """A path into the file the table does not know (nodes[3].config.units, edges[0].weight):
    named in words, for a file that cannot be opened."""
    if not segments or segments[0] not in ("nodes", "edges"):
        return None
    words = []
    for i, segment in enumerate(segments):
        if isinstance(segment, int):
            number = segment + 1
            words.append(translate("Wording", "node {number}").format(number=number) if segments[i - 1] == "nodes"
                         else translate("Wording", "connection {number}").format(number=number))
        elif segment not in ("nodes", "edges", "config", "params"):
            words.append(label_for(segment))
    return Place((_capital(" › ".join(words)),)) if words else None


def plain(text: str) -> str:
    """`text` with every key path in it replaced by the window's name for that setting."""
    def name(match: re.Match) -> str:
        place = place_for(match.group(0))
        return place.label if place is not None else match.group(0)
    return KEY_PATH.sub(name, text)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strip(message: str, *prefixes: str) -> str:
    """`message` without a leading `prefix` ("lr must be…" → "must be…") for the first that fits."""
    for prefix in prefixes:
        if prefix and (message.startswith(prefix + " ") or message.startswith(prefix + ": ")):
            return message[len(prefix):].lstrip(": ").lstrip()
    return message


def sentence(path: str, message: str, subject: str = "") -> str:
    """The window's sentence for `message` about the setting at `path` (of the node or connection
    named `subject`, if any)."""
    place = place_for(path) if path else None
    segments = _segments(path) if path else []
    last = str(segments[-1]) if segments and not isinstance(segments[-1], int) else ""
    inner = path.startswith(("config.", "params."))
    english = _strip(message, path, last if inner else "")
    body = plain(message_text(english))
    if place is None:
        text = _said(subject, body) if subject else _capital(body)
    elif subject:
        text = translate("Wording", IN_PLACE).format(subject=subject, where=place.label, what=body) if inner \
            else _said(subject, body)
    elif place.todo and not english.startswith(_VERBS):
        text = _capital(body)                       # a whole sentence; the todo says where
    else:
        text = _said(place.label, body)
    todo = place and (place.todo_node if subject and place.todo_node else place.todo)
    if todo and todo not in text:
        text = translate("Wording", TODO).format(what=text, todo=todo)
    return text


def node_subject(project: Project | None, node_id: str) -> str:
    """A node's label, with its id when the two differ."""
    return node_name(project, node_id) if project is not None else node_id


def edge_subject(project: Project | None, edge_id: str) -> str:
    """"the connection a → b", by the nodes' labels."""
    edge = next((e for e in project.edges if e.id == edge_id), None) if project is not None else None
    if edge is None:
        return translate("Wording", "connection {id}").format(id=edge_id)
    return translate("Wording", "The connection {source} → {target}").format(
        source=node_subject(project, edge.source), target=node_subject(project, edge.target))


def problem_text(problem: Problem, project: Project | None = None) -> str:
    """What the Problems panel shows for `problem`."""
    if problem.node_id:
        subject = node_subject(project, problem.node_id)
    elif problem.edge_id:
        subject = edge_subject(project, problem.edge_id)
    else:
        subject = ""
    return sentence(problem.path, problem.message, subject)


def problem_tooltip(problem: Problem) -> str:
    """The file's words for `problem`, key path included, for a tooltip (the message translated)."""
    text = _said(problem.where, message_text(problem.message))
    if problem.path and problem.path not in text:
        text += f" ({problem.path})"
    return text


def _known(word: str, project: Project | None) -> str | None:
    """'path', 'node', 'edge' or 'project' when `word` names a place in a "where: what" text."""
    if word == "project":
        return "project"
    if KEY_PATH.fullmatch(word) or word in PLACES:
        return "path"
    if project is not None and any(n.id == word for n in project.nodes):
        return "node"
    if project is not None and any(e.id == word for e in project.edges):
        return "edge"
    return None


def error_text(error: str | BaseException, project: Project | None = None) -> str:
    """The window's words for an error's text ("where: what", as ProjectError and DataError
    write it, perhaps after a lead such as "The new training settings were not applied: ")."""
    text = str(error)
    parts = text.split(": ")
    for i, word in enumerate(parts[:-1]):
        kind = _known(word, project)
        if kind is None:
            continue
        lead, rest = ": ".join(parts[:i]), ": ".join(parts[i + 1:])
        if kind == "project":
            said = _capital(plain(message_text(rest)))
        elif kind == "node":
            said = sentence("", rest, node_subject(project, word))
        elif kind == "edge":
            said = sentence("", rest, edge_subject(project, word))
        else:
            said = sentence(word, rest)
        return _said(lead, said) if lead else said
    return plain(domain_error_text(error))
