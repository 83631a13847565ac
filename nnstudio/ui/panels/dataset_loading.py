"""The Dataset panel's loading: what a load needs (copied in the GUI thread), what it gives back,
and the bar that shows a long load's progress with Cancel, or Reload after a cancel.

The load itself (`dataset.load`) runs in the panel's worker thread with a `ProgressToken`
(ui.loading) as its progress callback; the bar polls the token from the GUI thread, so the worker
never touches a widget.
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

from nnstudio.data import Dataset
from nnstudio.data.sources import source_stamp
from nnstudio.ui.i18n import translate
from nnstudio.ui.loading import POLL_MS, SHOW_AFTER_MS, STEPS, ProgressToken
from nnstudio.ui.panels.dataset_analysis import Analysis

PATH_KEYS = ("path", "images", "labels")        # source keys naming files, whose changes reload


def source_key(source: Any, folder: str) -> str:
    """Identifies the loaded samples (`nnstudio.data.sources.source_stamp`): a file edited since
    is read again."""
    return source_stamp(source, folder)


def source_name(source: Any) -> str:
    """The file a source reads, for "Loading iris.csv…"; "data" for samples in the project."""
    if isinstance(source, dict):
        for key in PATH_KEYS:
            path = source.get(key)
            if isinstance(path, str) and path:
                return os.path.basename(path)
    return translate("LoadingBar", "data")


@dataclass(frozen=True)
class Request:
    """What loading needs, copied from the document in the GUI thread."""
    source: Any
    folder: str
    key: str
    split: float
    seed: int | None
    input_shapes: list[list[int]]
    loaded: Dataset | None          # the samples loaded already, when `key` names them


@dataclass(frozen=True)
class Loaded:
    """The samples and their analysis, why they cannot be loaded, or that the user cancelled."""
    key: str
    dataset: Dataset | None = None
    analysis: Analysis | None = None
    error: str = ""
    cancelled: bool = False


class LoadingBar(QWidget):
    """"Loading iris.csv… 45 %" with a thin bar and Cancel, shown once a load has taken
    SHOW_AFTER_MS; after a cancel, "Loading cancelled —" with Reload."""

    cancel_clicked = Signal()
    reload_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetLoading")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop loading the data file"))
        self.reload_button = QPushButton(self.tr("Reload"))
        self.reload_button.setToolTip(self.tr("Load the data file again"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 1)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.reload_button)
        layout.addStretch(0)        # takes the bar's room after a cancel: Reload stays button-sized
        for button in (self.cancel_button, self.reload_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.cancel_button.clicked.connect(self.cancel_clicked)
        self.reload_button.clicked.connect(self.reload_clicked)
        self._token: ProgressToken | None = None
        self._name = ""
        self._started = 0.0
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._update)
        self.hide()

    def follow(self, token: ProgressToken, name: str) -> None:
        """Watch a load that has just started; shown if it takes longer than SHOW_AFTER_MS."""
        self._token, self._name, self._started = token, name, time.monotonic()
        self.hide()
        self._poll.start()

    def stop(self) -> None:
        """The load ended (or its result is no longer wanted): hide."""
        self._token = None
        self._poll.stop()
        self.hide()

    def show_cancelled(self) -> None:
        self._token = None
        self._poll.stop()
        self.label.setText(self.tr("Loading cancelled —"))
        self.bar.hide()
        self.cancel_button.hide()
        self.reload_button.show()
        self.show()

    def fraction(self) -> float:
        return self.bar.value() / STEPS

    def _update(self) -> None:
        token = self._token
        if token is None or time.monotonic() - self._started < SHOW_AFTER_MS / 1000:
            return
        self.label.setText(self.tr("Loading {name}… {percent} %").format(name=self._name,
                                                                        percent=int(token.fraction * 100)))
        self.bar.setValue(int(token.fraction * STEPS))
        self.bar.show()
        self.cancel_button.show()
        self.reload_button.hide()
        self.show()
