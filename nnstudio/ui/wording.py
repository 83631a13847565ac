"""The window's words for errors and problems: a key path and a message become a sentence that
names the control to use.

Errors name the place at fault by the project file's key path (`training.optimizer.lr`,
`data.source.inputs[3]`, `outputs`); the command line prints them as they are. The window names
the inspector tab and field the student sees instead ("Training tab › Learning rate: must be > 0",
"… tick Network output in the inspector"), and keeps the path for a tooltip. `PLACES` is the one
table of where each key lives in the window: keep its labels as the inspector labels its fields.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from nnstudio.project.model import Project
from nnstudio.project.validation import Problem
from nnstudio.ui.panels.editors import label_for
from nnstudio.ui.panels.inspector_forms import node_name

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

DATA, TRAINING, PROJECT = "Data tab", "Training tab", "Project tab"
RESET_WEIGHTS = "Reset weights in the Train menu"
REIMPORT = "choose the file again with Import file… in the inspector's Data tab"


@dataclass(frozen=True)
class Place:
    """Where a setting lives in the window: `label` names it as the window does, `todo` (if any)
    says what to click to fix a problem there, `todo_node` the same for a problem of one node."""
    label: str
    todo: str = ""
    todo_node: str = ""


# Key path (indices written "[]", a field under a section "*") → where the window shows it.
# A callable gets the field name (for "*") or the 0-based row (for "[]").
PLACES: dict[str, Place | Callable[[str], Place]] = {
    "outputs": Place("Network output", "select the node that gives the result and tick Network output in the "
                     "inspector", "tick Network output in the inspector"),
    "inputs": Place("Input nodes", "drag an Input node from the palette onto the canvas"),
    "data": Place(DATA),
    "data.source": Place(f"{DATA} › Source"),
    "data.source.kind": Place(f"{DATA} › Source"),
    "data.source.name": Place(f"{DATA} › Dataset"),
    "data.source.params": Place(f"{DATA} › Dataset"),
    "data.source.params.*": lambda name: Place(f"{DATA} › {label_for(name)}"),
    "data.source.inputs": Place(DATA),          # the inline table (or an .npz file's array name)
    "data.source.targets": Place(f"{DATA} › the table's targets"),
    "data.source.inputs[]": lambda row: Place(f"{DATA} › table, row {int(row) + 1}"),
    "data.source.targets[]": lambda row: Place(f"{DATA} › table, row {int(row) + 1}"),
    "data.source.path": Place(f"{DATA} › the data file", REIMPORT),
    "data.source.*": lambda name: Place(f"{DATA} › the data file's {label_for(name).lower()}", REIMPORT),
    "data.validation_split": Place(f"{DATA} › Validation split"),
    "data.split_seed": Place(f"{DATA} › Shuffle split"),
    "data.normalize": Place(f"{DATA} › Normalize inputs"),
    "data.normalizer": Place(f"{DATA} › Normalize inputs", f"{RESET_WEIGHTS} fits the scaling afresh"),
    "data.features": Place(f"{DATA} › Derived features"),
    "data.features[]": lambda _row: Place(f"{DATA} › Derived features"),
    "training": Place(TRAINING),
    "training.loss": Place(f"{TRAINING} › Loss › Function", todo_node=f"the loss is chosen under Loss › Function "
                           f"in the {TRAINING}"),
    "training.optimizer": Place(f"{TRAINING} › Optimizer"),
    "training.optimizer.kind": Place(f"{TRAINING} › Optimizer › Kind", todo_node=f"the optimiser is chosen under "
                                     f"Optimizer › Kind in the {TRAINING}"),
    "training.optimizer.*": lambda name: Place(f"{TRAINING} › Optimizer › {label_for(name)}"),
    "training.schedule": Place(f"{TRAINING} › Learning-rate schedule"),
    "training.schedule.kind": Place(f"{TRAINING} › Learning-rate schedule › Kind"),
    "training.schedule.*": lambda name: Place(f"{TRAINING} › Learning-rate schedule › {label_for(name)}"),
    "training.epochs": Place(f"{TRAINING} › Epochs"),
    "training.batch_size": Place(f"{TRAINING} › Batch size"),
    "training.shuffle": Place(f"{TRAINING} › Shuffle samples every epoch"),
    "training.seed": Place(f"{TRAINING} › Seed"),
    "training.regularization": Place(f"{TRAINING} › L1 and L2 penalty"),
    "training.regularization.l1": Place(f"{TRAINING} › L1 penalty"),
    "training.regularization.l2": Place(f"{TRAINING} › L2 penalty"),
    "training.dtype": Place(f"{TRAINING} › Precision", f"choose float64 under Precision in the {TRAINING}"),
    "meta": Place(PROJECT),
    "meta.name": Place(f"{PROJECT} › Name"),
    "meta.description": Place(f"{PROJECT} › Description"),
    "history": Place("The training history"),        # only a file holds a broken one
    "history.*": lambda _name: Place("The training history"),
    "format": Place("The file's format line"),
    "version": Place("The file's format version"),
    # Within a node (node problems): its settings and its stored arrays.
    "config.*": lambda name: Place(label_for(name)),
    "params.*": lambda name: Place(f"Parameters › {name}", f"{RESET_WEIGHTS} starts them afresh"),
}


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
            words.append(f"{'node' if segments[i - 1] == 'nodes' else 'connection'} {segment + 1}")
        elif segment not in ("nodes", "edges", "config", "params"):
            words.append(label_for(segment))
    return Place(_capital(" › ".join(words))) if words else None


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
    body = plain(_strip(message, path, last if inner else ""))
    if place is None:
        text = f"{subject}: {body}" if subject else _capital(body)
    elif subject:
        text = f"{subject} › {place.label}: {body}" if inner else f"{subject}: {body}"
    elif place.todo and not body.startswith(_VERBS):
        text = _capital(body)                       # a whole sentence; the todo says where
    else:
        text = f"{place.label}: {body}"
    todo = place and (place.todo_node if subject and place.todo_node else place.todo)
    if todo and todo not in text:
        text += f" — {todo}"
    return text


def node_subject(project: Project | None, node_id: str) -> str:
    """A node's label, with its id when the two differ."""
    return node_name(project, node_id) if project is not None else node_id


def edge_subject(project: Project | None, edge_id: str) -> str:
    """"the connection a → b", by the nodes' labels."""
    edge = next((e for e in project.edges if e.id == edge_id), None) if project is not None else None
    if edge is None:
        return f"connection {edge_id}"
    return f"The connection {node_subject(project, edge.source)} → {node_subject(project, edge.target)}"


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
    """The file's words for `problem`, key path included, for a tooltip."""
    text = str(problem)
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


def error_text(text: str, project: Project | None = None) -> str:
    """The window's words for an error's text ("where: what", as ProjectError and DataError
    write it, perhaps after a lead such as "The new training settings were not applied: ")."""
    parts = text.split(": ")
    for i, word in enumerate(parts[:-1]):
        kind = _known(word, project)
        if kind is None:
            continue
        lead, rest = ": ".join(parts[:i]), ": ".join(parts[i + 1:])
        if kind == "project":
            said = _capital(plain(rest))
        elif kind == "node":
            said = sentence("", rest, node_subject(project, word))
        elif kind == "edge":
            said = sentence("", rest, edge_subject(project, word))
        else:
            said = sentence(word, rest)
        return f"{lead}: {said}" if lead else said
    return plain(text)
