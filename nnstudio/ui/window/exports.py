"""File ▸ Export: the trained weights (.npz, JSON), an ONNX model, a PyTorch script, and a
picture of the canvas (PNG or SVG).

Each entry asks for a path (starting in the folder the last export or project went to), pauses
training so the document holds the latest weights, and writes from a copy of the project in a
worker thread (ui/background.py), under a busy progress dialog when it takes more than a moment.
Success is told in the status bar; a failure in a plain-words dialog (a missing optional package
is named with the pip command that installs it). The ONNX and PyTorch writers are imported only
when used: nnstudio runs without onnx or torch installed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QProgressDialog

from nnstudio.errors import ProjectError
from nnstudio.project.model import Project
from nnstudio.ui.background import Background
from nnstudio.ui.canvas.picture import export_picture
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.window.files import LAST_DIR_KEY

if TYPE_CHECKING:
    from nnstudio.ui.window.main_window import MainWindow

BUSY_AFTER_MS = 300         # the progress dialog shows only for an export that takes longer


def _npz(project: Project, path: str) -> list[Path]:
    from nnstudio.export.weights import export_npz
    export_npz(project, path)
    return [Path(path)]


def _json(project: Project, path: str) -> list[Path]:
    from nnstudio.export.weights import export_json
    export_json(project, path)
    return [Path(path)]


def _onnx(project: Project, path: str) -> list[Path]:
    from nnstudio.export.onnx_export import export_onnx
    export_onnx(project, path)
    return [Path(path)]


def _torch(project: Project, path: str) -> list[Path]:
    from nnstudio.export.torch_script import export_torch
    return [Path(p) for p in (export_torch(project, path) or [path])]


@dataclass(frozen=True)
class Kind:
    """One entry of the Export menu (its texts are shown through translate("Exports", …))."""
    key: str
    text: str
    title: str
    filter: str
    suffix: str
    write: Callable[[Project, str], list[Path]]


KINDS = (
    Kind("npz", QT_TRANSLATE_NOOP("Exports", "Weights as .&npz…"),
         QT_TRANSLATE_NOOP("Exports", "Export weights as .npz"),
         QT_TRANSLATE_NOOP("Exports", "NumPy archives (*.npz)"), ".npz", _npz),
    Kind("json", QT_TRANSLATE_NOOP("Exports", "Weights as &JSON…"),
         QT_TRANSLATE_NOOP("Exports", "Export weights as JSON"),
         QT_TRANSLATE_NOOP("Exports", "JSON files (*.json)"), ".json", _json),
    Kind("onnx", QT_TRANSLATE_NOOP("Exports", "&ONNX model…"), QT_TRANSLATE_NOOP("Exports", "Export an ONNX model"),
         QT_TRANSLATE_NOOP("Exports", "ONNX models (*.onnx)"), ".onnx", _onnx),
    Kind("torch", QT_TRANSLATE_NOOP("Exports", "&PyTorch script…"),
         QT_TRANSLATE_NOOP("Exports", "Export a PyTorch script"),
         QT_TRANSLATE_NOOP("Exports", "Python scripts (*.py)"), ".py", _torch),
)
PICTURE_FILTER = QT_TRANSLATE_NOOP("Exports", "PNG pictures (*.png);;SVG pictures (*.svg)")


class Exports(QObject):
    """The File ▸ Export submenu of `window` and what its entries do."""

    finished = Signal(list)     # the files an export wrote (tests wait for it)
    failed = Signal(str)        # the message shown for a failed export

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.menu = QMenu(self.tr("&Export"), window)
        self.actions = {}
        self.kinds = {kind.key: kind for kind in KINDS}     # tests may swap a writer
        for kind in KINDS:
            act = self.menu.addAction(self.tr(kind.text))
            act.setStatusTip(self.tr(kind.title))
            act.triggered.connect(lambda _=False, k=kind: self.export(k.key))
            self.actions[kind.key] = act
        self.menu.addSeparator()
        self.actions["canvas"] = self.menu.addAction(self.tr("&Canvas picture (PNG/SVG)…"))
        self.actions["canvas"].triggered.connect(lambda _=False: self.export_canvas())
        self.ask_path = self._ask_path          # tests replace it: (title, filter, suffix) → path
        self.show_error = self._show_error      # tests replace it: (message) → None
        self._worker = Background(self._done, "nnstudio-export", self)
        self._progress: QProgressDialog | None = None
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.timeout.connect(self._show_busy)
        self._running = ""

    # --- dialogs ------------------------------------------------------------------------------------
    def _start_dir(self) -> str:
        last = self.window.settings.value(LAST_DIR_KEY, "")
        if isinstance(last, str) and os.path.isdir(last):
            return last
        path = self.window.doc.project.path
        return os.path.dirname(path) if path else str(Path.home())

    def _stem(self) -> str:
        path = self.window.doc.project.path
        return Path(path).stem if path else "network"

    def _ask_path(self, title: str, filter_: str, suffix: str) -> str | None:
        suggested = os.path.join(self._start_dir(), self._stem() + suffix)
        path, _ = QFileDialog.getSaveFileName(self.window, title, suggested, filter_)
        return path or None

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Export"), message)

    def _remember(self, path: str) -> None:
        self.window.settings.setValue(LAST_DIR_KEY, os.path.dirname(os.path.abspath(path)))

    # --- the exports ----------------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return bool(self._running)

    def export(self, key: str, path: str | None = None) -> bool:
        """Ask for a path (unless given) and write the `key` export there in the worker thread."""
        if self._running:
            self.window.statusBar().showMessage(self.tr("An export is still being written."), 4000)
            return False
        kind = self.kinds[key]
        path = path or self.ask_path(self.tr(kind.title), self.tr(kind.filter), kind.suffix)
        if not path:
            return False
        if not Path(path).suffix:
            path += kind.suffix
        self._remember(path)
        # The weights are in the document once training has paused; the copy is the thread's own.
        project = self.window.live.pausing(lambda: self.window.doc.project.copy(), resume=True)()
        self._running = self.tr(kind.title)
        self._busy_timer.start(BUSY_AFTER_MS)
        self._worker.run(lambda: _guarded(kind.write, project, path))
        return True

    def _show_busy(self) -> None:
        if not self._running:
            return
        self._progress = QProgressDialog(f"{self._running}…", "", 0, 0, self.window)
        self._progress.setCancelButton(None)
        self._progress.setWindowTitle(self.tr("Export"))
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(0)
        self._progress.show()

    def _done(self, result) -> None:
        self._busy_timer.stop()
        self._running = ""
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
        if result is None:
            result = (False, self.tr("The export failed unexpectedly; see the terminal for details."))
        ok, value = result
        if not ok:
            self.show_error(value)
            self.failed.emit(value)
            return
        names = ", ".join(str(p) for p in value)
        self.window.statusBar().showMessage(self.tr("Exported {files}").format(files=names), 8000)
        self.finished.emit(list(value))

    def export_canvas(self, path: str | None = None) -> bool:
        """The canvas's nodes and edges as a PNG or SVG picture (by the path's suffix)."""
        path = path or self.ask_path(self.tr("Export the canvas as a picture"), self.tr(PICTURE_FILTER), ".png")
        if not path:
            return False
        if Path(path).suffix.lower() not in (".png", ".svg"):
            path += ".png"
        self._remember(path)
        try:
            export_picture(self.window.canvas, path)
        except OSError as exc:
            self.show_error(self.tr("The canvas picture cannot be written: {error}").format(error=error_text(exc)))
            return False
        self.window.statusBar().showMessage(self.tr("Exported {files}").format(files=path), 8000)
        self.finished.emit([Path(path)])
        return True


def _guarded(write: Callable[[Project, str], list[Path]], project: Project, path: str) -> tuple[bool, object]:
    """In the worker thread: (True, files written) or (False, the reason in plain words; translate()
    is thread-safe)."""
    from nnstudio.export.extras import MissingExtra
    try:
        return True, write(project, path)
    except MissingExtra as exc:
        return False, error_text(exc)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("nnstudio.export"):
            return False, translate("Exports", "This export is not available in this version of nnstudio.")
        return False, translate("Exports", "A package this export needs is missing: {name}.").format(name=exc.name)
    except ProjectError as exc:
        return False, translate("Exports", "The project cannot be exported: {error}").format(error=error_text(exc))
    except (OSError, ValueError, NotImplementedError) as exc:
        return False, translate("Exports", "{path} cannot be written: {error}").format(path=path, error=error_text(exc))
