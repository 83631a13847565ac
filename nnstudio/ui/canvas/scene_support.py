"""Small helpers of the canvas scene (scene.py): a weak document subscription, an edge's
segment between two node items, and the object an *_added event names."""
from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Callable

import shiboken6

from nnstudio.project import registry
from nnstudio.project.document import Document, Event
from nnstudio.ui.canvas.items import NodeItem
from nnstudio.ui.canvas.painters import Segment

if TYPE_CHECKING:        # scene.py imports this module
    from nnstudio.ui.canvas.scene import CanvasScene


def subscribe_weakly(doc: Document, scene: CanvasScene) -> Callable[[], None]:
    """Subscribe without keeping the scene alive: once Qt has deleted it, the callback unsubscribes."""
    ref = weakref.ref(scene)
    handle: list[Callable[[], None]] = []

    def deliver(event: Event) -> None:
        target = ref()
        if target is None or not shiboken6.isValid(target):
            handle[0]()
            return
        target.on_event(event)

    handle.append(doc.subscribe(deliver))
    return handle[0]


def segment(source: NodeItem, target: NodeItem) -> Segment:
    """From the source's output port to the target's input side."""
    out_dx, _ = source.anchors()
    _, in_dx = target.anchors()
    a, b = source.pos(), target.pos()
    return (a.x() + out_dx, a.y(), b.x() + in_dx, b.y())


def added(items: list, payload: dict, key: str = "node_id"):
    """The object an *_added event names: at its index, or found by id if that does not match."""
    index, wanted = payload.get("index"), payload[key]
    if isinstance(index, int) and 0 <= index < len(items) and items[index].id == wanted:
        return items[index]
    return next(x for x in items if x.id == wanted)

def category(kind: object) -> str:
    """The kind's category ("input", "neuron", "layer"), or "" for a kind not on the allowlist."""
    spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
    return spec.category if spec is not None else ""
