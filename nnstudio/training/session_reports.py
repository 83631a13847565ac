"""How a training session reports (no Qt): what it keeps of each engine report, and the
LiveSnapshot it sends the window from them.

Mixed into TrainingSession (training.session), whose training thread calls these: `_on_report` for
every batch or epoch the engine reports, `_emit` whenever a snapshot is due, at a pause and at the
end. A snapshot carries what happened since the previous one (epochs, batch losses), the latest
figures, and the weight matrices, the edges' gradients and a probe when a view wants them.
"""
from __future__ import annotations

import time

import numpy as np

from nnstudio.engine.training import Report
from nnstudio.project.model import History
from nnstudio.training import probes
from nnstudio.training.live import LiveSnapshot, edge_gradients, layer_gradients, make_probe, peak_downsample

DRAW_WAIT = 0.25                # s the worker waits at most for the window to draw a snapshot
# Epochs slower than this (s) are worth watching batch by batch (see session.BATCH_REPORT_WORK).
SLOW_EPOCH = 0.05


class SessionReports:
    """TrainingSession's reports and snapshots (see the module's docstring)."""

    def _on_report(self, report: Report) -> None:
        # Runs once a batch or an epoch: kept lean, tiny networks do thousands of epochs a second.
        kind = report.kind
        self._last = report
        self._gen_steps = report.step
        now = time.perf_counter()
        every_step = self._frames.every_step()
        if kind == "batch":
            self._losses.append(report.batch_losses[0])
            if every_step and report.step % self._batches_per_epoch == 0:
                return      # the epoch's report follows at once: one snapshot for the step, with it
        elif kind == "end":
            return
        else:
            self._last_epoch = report
            self._t_epoch = now
            self._epoch_step = self._steps_before + report.step
            h = self._history
            h.epoch.append(report.epoch)
            h.loss.append(report.loss)
            h.val_loss.append(report.val_loss)
            h.accuracy.append(report.accuracy)
            h.val_accuracy.append(report.val_accuracy)
            if not self._batch_reports:
                self._losses.extend(report.batch_losses)
                if self._batches_per_epoch > 1 and not self._paced and now - self._t_epoch_start > SLOW_EPOCH:
                    # Slow epochs: restart the reports at this boundary, now with every batch.
                    self._slow_epochs = True
                    self._restart = self._restart or "restart"
                    self._next_spec = self._next_spec or self._applied
            self._at_boundary = True
            if self._mode == "step_epoch":
                with self._cond:
                    if self._mode == "step_epoch":
                        self._mode = "pause"
        if self._frames.due(now) and self._acked.is_set():
            self._emit("running")
        if kind == "epoch":
            # After the snapshot: its time (and the wait for the window) is not the epoch's.
            self._t_epoch_start = time.perf_counter()

    def _emit(self, status: str, message: str = "", force: bool = False) -> None:
        """Send what happened since the last snapshot. `force`: a pause or the end (always sent,
        with matrices and a probe)."""
        t0 = time.perf_counter()
        run, last, last_epoch = self.run, self._last, self._last_epoch
        model = run.model
        want_matrices, want_probe = self._wants
        snap = LiveSnapshot(status, message, run.epochs_done, self._target(), self._steps())
        snap.lr = float(run.optimizer.settings["lr"] if last is None else last.lr)
        # The last epoch's figures; the running mean of the epoch under way only when epochs are slow.
        shown = last_epoch if last_epoch is not None and t0 - self._t_epoch < 1.0 else last
        if shown is not None:
            snap.loss, snap.accuracy = float(shown.loss), shown.accuracy
        if last_epoch is not None:
            snap.val_loss, snap.val_accuracy = last_epoch.val_loss, last_epoch.val_accuracy
        snap.elapsed = self._active_time()
        snap.steps_per_s, snap.eta_s = self._rate.measure(snap.elapsed, self._steps(), self._steps_left())
        snap.new_history, self._history = self._history, History()
        snap.batch_losses = peak_downsample(np.asarray(self._losses, dtype=np.float64))
        self._losses = []
        snap.edge_weights = model.edge_weights()
        if self._wants_gradients:       # the canvas colours edges by ∂L/∂w
            snap.edge_gradients = edge_gradients(model)
        if force or want_matrices:
            snap.matrices = probes.weight_matrices(self.project, model)
            if self._wants_gradients:
                snap.layer_gradients = layer_gradients(model)
        if force:   # what the controller writes back into the document
            snap.node_params = model.node_params()
            snap.normalizer, snap.has_normalizer = run.normalizer_dict(), True
        built = time.perf_counter() - t0
        if force or (want_probe and self._frames.probe_due(t0)):
            t1 = time.perf_counter()
            snap.probe = make_probe(self.project, model, self._probe_data, run.dataset.class_names,
                                    self._probe_raw, run.encoder.encode, total=len(run.dataset),
                                    chosen=self._probe_sample)
            self._frames.probed(t1, time.perf_counter())
        self._acked.clear()
        t_send = time.perf_counter()
        self._send("snapshot", snap)    # to an engine process: pickled and written to a pipe
        t_sent = time.perf_counter()
        # The first one also carries the probe's inputs, which an engine process sends only once.
        self._frames.sent(t_sent, built + (t_sent - t_send if self._sent else 0.0))
        self._sent = True
        if not force and self._wait_for_draw:
            # Let the window draw it alone: its views need the GIL hundreds of times a frame, each
            # time waiting for our next switch interval. Waiting here costs that GIL time once.
            self._acked.wait(DRAW_WAIT)

    def _steps_left(self) -> int | None:
        """Batches left to the end of the run (None until stopped)."""
        target = self._target()
        if target is None:
            return None
        return (target - self.run.epochs_done) * self._batches_per_epoch - (self._steps() - self._epoch_step)
