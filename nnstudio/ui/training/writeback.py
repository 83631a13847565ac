"""The write-back's helpers (no widgets): the fingerprint that tells whether the document still
holds the network a run trains, the joining of histories, and the sentences of the undo steps and
status messages (in the interface's language)."""
from __future__ import annotations

import copy
import hashlib

import numpy as np

from nnstudio.training.live import LiveSnapshot
from nnstudio.project.model import History, Project
from nnstudio.training.runner import extend_history
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate


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
        return translate("TrainingWriteback", "Train epochs {first:,}–{last:,}").format(
            first=epochs.epoch[0], last=epochs.epoch[-1])
    if epochs.epoch:
        return translate("TrainingWriteback", "Train epoch {epoch:,}").format(epoch=epochs.epoch[0])
    text = (translate("TrainingWriteback", "Train {steps:,} step of epoch {epoch:,}") if steps == 1 else
            translate("TrainingWriteback", "Train {steps:,} steps of epoch {epoch:,}"))
    return text.format(steps=steps, epoch=epoch + 1)


def end_message(snap: LiveSnapshot) -> str:
    if snap.status == "diverged":
        return translate("TrainingWriteback", "Training diverged: {problem}. Try a smaller learning rate.").format(
            problem=error_text(snap.message))
    if snap.status == "finished":
        text = (translate("TrainingWriteback", "Training finished: {epochs:,} epochs.") if snap.loss is None else
                translate("TrainingWriteback", "Training finished: {epochs:,} epochs, loss {loss:.4g}."))
    else:
        text = (translate("TrainingWriteback", "Training stopped at epoch {epochs:,}.") if snap.loss is None else
                translate("TrainingWriteback", "Training stopped at epoch {epochs:,}, loss {loss:.4g}."))
    return text.format(epochs=snap.epoch, loss=snap.loss)


def paused_message(snap: LiveSnapshot) -> str:
    return translate("TrainingWriteback", "Paused at epoch {epoch:,} (step {step:,}). F5 continues.").format(
        epoch=snap.epoch, step=snap.step)


def changed_message() -> str:
    """The document's network changed while a run trained it: its weights stay out."""
    return translate("TrainingWriteback", "The network was changed during training: the weights it trained since "
                     "the last pause were not written back.")


def start_failed_message(error: BaseException) -> str:
    """The engine process could not be started ahead of a run."""
    return translate("TrainingWriteback", "The training process could not be started: {error}").format(
        error=error_text(error))
