"""The status bar's training readout: epoch of total, losses, accuracy, speed, progress and ETA.

Until stopped, a run has no total: the readout shows the epoch alone, with no progress bar or ETA."""
from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from nnstudio.training.text import format_duration, format_number
from nnstudio.training.live import LiveSnapshot
from nnstudio.ui.i18n import translate

# What a snapshot's status (when not "running") is called in the readout.
STATUS_WORDS = {"idle": QT_TRANSLATE_NOOP("TrainingStatus", "idle"),
                "paused": QT_TRANSLATE_NOOP("TrainingStatus", "paused"),
                "finished": QT_TRANSLATE_NOOP("TrainingStatus", "finished"),
                "stopped": QT_TRANSLATE_NOOP("TrainingStatus", "stopped"),
                "diverged": QT_TRANSLATE_NOOP("TrainingStatus", "diverged"),
                "preview": QT_TRANSLATE_NOOP("TrainingStatus", "preview")}


def status_words(status: str) -> str:
    """A run's status ("finished", "diverged") in the interface's language; an unknown one as it is."""
    return translate("TrainingStatus", STATUS_WORDS[status]) if status in STATUS_WORDS else status


def percent(fraction: float) -> str:
    """An accuracy as a percentage that never claims more than was reached: whole when exact
    ("75%", "100%" only when every sample is right), else cut (not rounded) to one decimal
    ("99.9%" for 0.9996, "66.6%" for 2/3)."""
    value = fraction * 100
    whole = round(value)
    if abs(value - whole) < 1e-9:
        return f"{whole:.0f}%"
    return f"{math.floor(value * 10 + 1e-9) / 10:.1f}%"


def summary(snap: LiveSnapshot) -> str:
    """"Epoch 123 / 1,000 · loss 0.0123 · val 0.015 · acc 100% · 8,245 steps/s" ("Epoch 123 · …"
    until stopped)."""
    total = snap.total_epochs
    parts = [translate("TrainingStatus", "Epoch {epoch:,}").format(epoch=snap.epoch) if total is None else
             translate("TrainingStatus", "Epoch {epoch:,} / {total:,}").format(epoch=snap.epoch, total=total)]
    if snap.loss is not None:
        parts.append(translate("TrainingStatus", "loss {value}").format(value=format_number(snap.loss)))
    if snap.val_loss is not None:
        parts.append(translate("TrainingStatus", "val {value}").format(value=format_number(snap.val_loss)))
    if snap.accuracy is not None:
        parts.append(translate("TrainingStatus", "acc {value}").format(value=percent(snap.accuracy)))
    if snap.val_accuracy is not None:
        parts.append(translate("TrainingStatus", "val acc {value}").format(value=percent(snap.val_accuracy)))
    if snap.status == "running" and snap.steps_per_s > 0:
        parts.append(translate("TrainingStatus", "{speed:,.0f} steps/s").format(speed=snap.steps_per_s))
    elif snap.status != "running":
        parts.append(status_words(snap.status))
    return " · ".join(parts)


class TrainingStatus(QWidget):
    """A permanent status-bar widget; hidden until the first snapshot.

    Its parts have fixed sizes: their text changes up to 30 times a second, and a label whose size
    may change makes Qt lay out (and repaint) the whole main window every time. The summary's
    width only ever grows during a run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setFixedSize(140, 14)
        self.progress.setTextVisible(False)
        self.eta = QLabel()
        self.eta.setToolTip(self.tr("Time left at the current speed"))
        metrics = self.eta.fontMetrics()
        widest = self.tr("ETA {time}").format(time="00:00:00")
        self.eta.setFixedSize(metrics.horizontalAdvance(widest) + 8, metrics.height() + 2)
        self.label.setFixedHeight(metrics.height() + 2)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.eta)
        self.reset()

    def reset(self) -> None:
        self.label.clear()
        self.label.setFixedWidth(0)
        self.eta.clear()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.show()
        self.hide()

    def update_snapshot(self, snap: LiveSnapshot) -> None:
        text = summary(snap)
        if self.label.text() != text:
            width = self.label.fontMetrics().horizontalAdvance(text) + 4
            if width > self.label.width():
                self.label.setFixedWidth(width + 40)
            self.label.setText(text)
        endless = snap.total_epochs is None
        # Hidden, not busy, until stopped: a moving bar would only repeat "running".
        if self.progress.isHidden() != endless:
            self.progress.setHidden(endless)
        if not endless:
            total = max(snap.total_epochs, 1)
            if self.progress.maximum() != total:
                self.progress.setRange(0, total)
            value = min(snap.epoch, total)
            if self.progress.value() != value:
                self.progress.setValue(value)
        running = snap.status == "running" and not endless
        eta = (self.tr("ETA {time}").format(time=format_duration(snap.eta_s))
               if running and snap.eta_s is not None else "")
        if self.eta.text() != eta:
            self.eta.setText(eta)
        if self.isHidden():
            self.show()
