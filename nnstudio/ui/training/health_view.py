"""Training health in the window: the findings of nnstudio.training.health, said in the status
bar and listed in the Problems panel (in the interface's language: health_words), and the
Activations panel's saturation warnings gated on the loss still being high.

While a run goes on only a growing or exploding loss is reported (a plateau may still break);
when it ends or pauses the whole run is judged. The warnings clear when the network, its data or
its training settings change, or when the next run goes well.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np

from nnstudio.training import health
from nnstudio.project.document import Document, Event
from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.ui.panels.plotting import GrowingArray
from nnstudio.ui.training.controller import STRUCTURAL, TrainingController
from nnstudio.ui.training.health_words import health_text

if TYPE_CHECKING:
    from nnstudio.ui.panels.activations import ActivationsPanel
    from nnstudio.ui.panels.problems import ProblemsPanel

MESSAGE_MS = 30000                 # long enough to read two sentences
JUDGED = ("paused", "finished", "stopped", "diverged")
# Changes after which the last run's findings no longer describe the network.
CLEARING = STRUCTURAL | {"training_changed"}


class HealthView:
    """Judges every snapshot's run (a controller view) and shows what it finds: listed in
    `problems`, and the first said by `announce(headline)` when a judgement finds something."""

    def __init__(self, doc: Document, training: TrainingController, activations: ActivationsPanel,
                 problems: ProblemsPanel, announce: Callable[[str], None]) -> None:
        self.doc, self.training = doc, training
        self.activations, self.problems, self.announce = activations, problems, announce
        self.findings: list[health.Finding] = []
        self._epochs, self._losses = GrowingArray(), GrowingArray()
        self._start = 0                       # where the run being judged began in _losses
        self._running = False                 # a run is under way (running or paused)
        self._chance: float | None = None     # the loss of guessing, from the last probe's targets
        self._outputs: np.ndarray | None = None
        self._inputs_small: bool | None = None  # the probe's inputs lie within ±1: no advice to normalise
        self._stale = False                   # the weights changed since the last epoch's loss
        self._closed = False
        self.show_project()
        self._unsubscribe = doc.subscribe(self._on_event)

    @property
    def chance(self) -> float | None:
        """The loss of guessing for the network's targets (None until a probe shows them)."""
        return self._chance

    def detach(self) -> None:
        self._closed = True
        self._unsubscribe()

    # --- following the document and the run ---------------------------------------------------
    def show_project(self) -> None:
        """Start from the document's saved history, with nothing to report."""
        history = self.doc.project.history
        for buf in (self._epochs, self._losses):
            buf.truncate(0)
        self._epochs.extend(np.asarray(history.epoch, dtype=np.float64))
        self._losses.extend(np.asarray(history.loss, dtype=np.float64))
        self._start, self._running, self._stale = self._losses.size, False, False
        self._chance, self._outputs, self._inputs_small = None, None, None
        self._set_findings([], say=False)
        self._gate_saturation()

    def forget_probe(self) -> None:
        """The project cannot run as it stands (a preview's `clear`): nothing to judge it by."""
        self._chance, self._outputs, self._inputs_small = None, None, None
        self._gate_saturation()

    def update_snapshot(self, snap: LiveSnapshot) -> None:
        """A run's snapshot, or a preview of the document's weights (status "preview")."""
        if self._closed:
            return
        if snap.status == "running" and not self._running:
            self._running = True
            self._start = self._losses.size
        new = snap.new_history
        if new.epoch:
            self._append(new.epoch, new.loss)
            self._stale = False
        if snap.probe is not None:
            self._take_probe(snap.probe)
        ended = snap.status in JUDGED
        if snap.status in ("finished", "stopped", "diverged"):
            self._running = False
        if new.epoch or ended:
            self._judge(snap, ended)
            self._gate_saturation()
        elif snap.probe is not None:
            self._gate_saturation()

    def _on_event(self, event: Event) -> None:
        if self._closed or self.training.is_writing():
            return                          # the run's own write-back
        if event.kind == "reset" or event.kind == "history_changed":
            self.show_project()             # another project, an undone run or reset weights
        elif event.kind in CLEARING or (event.kind == "node_changed" and event.payload.get("field") == "config"):
            self._set_findings([], say=False)
            # The last epoch's loss was measured on other weights: whether the loss is high is
            # not known again until the next epoch.
            if event.kind != "training_changed":
                self._stale = True
            self._gate_saturation()

    # --- judging --------------------------------------------------------------------------------
    def _append(self, epochs: list[int], losses: list[float]) -> None:
        """Add the epochs; one already held (a repeat, or a restarted count) replaces from there."""
        first = float(epochs[0])
        keep = int(np.searchsorted(self._epochs.view(), first, side="left"))
        if keep < self._epochs.size:
            self._epochs.truncate(keep)
            self._losses.truncate(keep)
            self._start = min(self._start, keep)
        n = len(epochs)
        self._epochs.extend(np.asarray(epochs, dtype=np.float64))
        self._losses.extend(np.asarray([np.nan if v is None else v for v in losses[:n]], dtype=np.float64))

    def _take_probe(self, probe: ProbeData) -> None:
        project = self.doc.project
        outputs = [np.asarray(probe.node_outputs[o]).reshape(len(probe.targets), -1)
                   for o in project.outputs if o in probe.node_outputs]
        self._outputs = np.concatenate(outputs, axis=1) if outputs else None
        classes = self._outputs.shape[1] if self._outputs is not None else None
        self._chance = health.chance_loss(project.training.loss, probe.targets, classes)
        self._inputs_small = health.inputs_are_small(probe.inputs)

    def _judge(self, snap: LiveSnapshot, ended: bool) -> None:
        project = self.doc.project
        optimizer = dict(project.training.optimizer)
        kind, lr = str(optimizer.get("kind", "sgd")), float(optimizer.get("lr", 0.0))
        losses = self._losses.view()
        if not ended:
            finding = health.growing(losses, kind, lr, self._start)
            found = [finding] if finding is not None else []
            if [f.kind for f in found] != [f.kind for f in self.findings]:
                self._set_findings(found, say=bool(found))
            return
        found = health.assess(losses, project.training.loss, outputs=self._outputs,
                              optimizer=kind, lr=lr, start=self._start,
                              diverged=(snap.message or "") if snap.status == "diverged" else None,
                              chance=self._chance, clip_norm=project.training.clip_norm,
                              normalize=project.data.normalize, inputs_small=self._inputs_small)
        self._set_findings(found, say=True)

    def _set_findings(self, found: list[health.Finding], say: bool) -> None:
        self.findings = list(found)
        self.problems.set_training_findings(self.findings)
        if say and self.findings:
            self.announce(health_text(self.findings[0].headline))

    def _gate_saturation(self) -> None:
        """Saturated units are worth a warning only while the loss is still high."""
        recent = self._losses.view()[-10 * health.TAIL:]      # a long run's whole history costs time
        finite = recent[~np.isnan(recent)][-health.TAIL:]
        now = float(np.median(finite)) if len(finite) and not self._stale else None
        self.activations.set_loss_high(health.loss_is_high(now, self._chance))
