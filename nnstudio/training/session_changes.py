"""What a training session takes on while it trains: new training settings, a new pace, and
"train until stopped" turned on or off (no Qt).

Mixed into TrainingSession (training.session), whose training thread calls these between batches.
Optimiser values apply at once; anything else waits for an epoch boundary, where the engine's
report generator is restarted with it (`_restart`).
"""
from __future__ import annotations

import copy

from nnstudio.errors import ProjectError
from nnstudio.project.model import TrainingSpec
from nnstudio.training.runner import TrainingRun, build_optimizer
from nnstudio.training.settings import settings_change

RESTARTS = ("", "live", "restart", "optimizer", "rebuild")   # weakest to strongest change


class SessionChanges:
    """TrainingSession's handling of changes asked for mid-run (see the module's docstring)."""

    def _take_control(self) -> None:
        """A new pace or until-stopped: the pace holds from now; a change in what the report
        generator was made for (batch reports while paced, its number of epochs) restarts it at the
        next epoch boundary."""
        with self._cond:
            self._control = False
            endless = self._endless
        run = self.run
        if run is None:
            return
        paced, self._paced = self._paced, self._pacer.interval > 0
        if self._paced and not paced:
            self._frames.pace_limits = True   # until a step says otherwise
        if self._wants_batch_reports() != self._batch_reports or endless != self._reports_endless:
            self._restart = self._restart or "restart"
            self._next_spec = self._next_spec or self._applied

    def _take_settings(self) -> None:
        with self._cond:
            spec, self._pending = self._pending, None
        if spec is None or self.run is None:
            return
        change = settings_change(self._next_spec or self._applied, spec)
        if self._next_spec is None and change in ("", "live"):
            self._set_optimizer_values(spec)
            self.run.training = self._applied = spec
            return
        # The rest waits for an epoch boundary; keep the strongest change asked for until then.
        self._restart = max(self._restart or "restart", change, key=RESTARTS.index)
        self._next_spec = spec

    def _apply_restart(self) -> None:
        """At an epoch boundary, with the report generator ended: train on `_next_spec`."""
        spec, kind = self._next_spec, self._restart
        self._restart, self._next_spec = "", None
        run, before = self.run, self.project.training
        self.project.training = copy.deepcopy(spec)
        try:
            if kind == "rebuild":
                # Recompile from our copy, with the trained weights: the optimiser state is lost, as
                # it must be when the loss or the number type changes.
                run.write_back(self.project)
                self.run = TrainingRun(self.project)
            elif kind == "optimizer":
                run.optimizer = build_optimizer(self.project, run.model)
        except ProjectError as exc:
            self.project.training = before
            self._send("failed", f"The new training settings were not applied: {exc}")
            return
        if kind != "rebuild":
            self._set_optimizer_values(spec)
            reg = spec.regularization or {}
            run.model.objective.l1, run.model.objective.l2 = float(reg.get("l1", 0.0)), float(reg.get("l2", 0.0))
            run.training = spec
        self._applied = spec
        self._new_run()

    def _set_optimizer_values(self, spec: TrainingSpec) -> None:
        settings = self.run.optimizer.settings
        for key, value in spec.optimizer.items():
            if key != "kind" and key in settings:
                settings[key] = value
