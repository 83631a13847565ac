"""The write-back's helpers (no Qt): the fingerprint that tells whether the document still holds
the network a run trains, the joining of histories, and the sentences of the undo steps and
status messages."""
from __future__ import annotations

import copy
import hashlib

import numpy as np

from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History, Project
from nnstudio.training.runner import extend_history


def fingerprint(project: Project) -> bytes:
    """A digest of what training depends on besides its settings: nodes (kind, config, params),
    edges, inputs, outputs and data."""
    h = hashlib.blake2b(digest_size=16)
    for node in project.nodes:
        h.update(repr((node.id, node.kind, sorted(node.config.items()))).encode())
        for key in sorted(node.params):
            value = np.ascontiguousarray(node.params[key], dtype=np.float64)
            h.update(f"{key}{value.shape}".encode())
            h.update(value.tobytes())
    for edge in project.edges:
        w = edge.weight
        h.update(repr((edge.id, edge.source, edge.target, edge.trainable, w is None)).encode())
        if w is not None:
            h.update(np.ascontiguousarray(w, dtype=np.float64).tobytes())
    h.update(repr((project.inputs, project.outputs, project.data)).encode())
    return h.digest()


def same_values(a: object, b: object) -> bool:
    """Equal arrays (or both None), whatever their types."""
    if a is None or b is None:
        return a is b
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return a.shape == b.shape and bool(np.array_equal(a, b))


def joined(base: History, new: History) -> History:
    """`base` followed by the epochs of `new` it does not have yet."""
    out = copy.deepcopy(base)
    extend_history(out, new)
    return out


def train_text(epochs: History, steps: int, epoch: int) -> str:
    if len(epochs.epoch) > 1:
        return f"Train epochs {epochs.epoch[0]:,}–{epochs.epoch[-1]:,}"
    if epochs.epoch:
        return f"Train epoch {epochs.epoch[0]:,}"
    return f"Train {steps:,} step{'s' * (steps != 1)} of epoch {epoch + 1:,}"


def end_message(snap: LiveSnapshot) -> str:
    loss = "" if snap.loss is None else f", loss {snap.loss:.4g}"
    if snap.status == "finished":
        return f"Training finished: {snap.epoch:,} epochs{loss}."
    if snap.status == "diverged":
        return f"Training diverged: {snap.message}. Try a smaller learning rate."
    return f"Training stopped at epoch {snap.epoch:,}{loss}."
