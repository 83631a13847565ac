"""Drives the real app (nnstudio.ui.app.run) for tests/ui/test_autosave_process.py, as a user would.

    python tests/ui/autosave_driver.py edit PROJECT   open PROJECT, make one edit, run until killed
    python tests/ui/autosave_driver.py recover        answer the recovery offer with Recover, print
                                                      what came back as JSON, and quit

Each prints `pid N` first, so the test can kill this process even under xvfb-run.
"""
from __future__ import annotations

import json
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from nnstudio.project import editing
from nnstudio.ui.app import make_app, run
from nnstudio.ui.commands.edits import AddNode
from nnstudio.ui.dialogs.recovery_dialog import RecoveryDialog

EDIT_LABEL = "edit before the crash"
GIVE_UP_MS = 15000
POLL_MS = 50


def say(**fields) -> None:
    print(json.dumps(fields), flush=True)


def main_window():
    from nnstudio.ui.window.main_window import MainWindow
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None)


def edit_once(timer: QTimer) -> None:
    """Once the project is open: add a node through the undo stack, as the palette does."""
    window = main_window()
    if window is None or not window.doc.project.nodes:
        return
    timer.stop()
    node = editing.new_node(window.doc.project, "neuron", (600, 100))
    node.label = EDIT_LABEL
    window.stack.push(AddNode(window.doc, node))
    say(edited=True, nodes=len(window.doc.project.nodes))


def answer_recover(timer: QTimer, state: dict) -> None:
    """Press Recover in the recovery dialog, then report the window's document and quit."""
    window = main_window()
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, RecoveryDialog) and not state:
        state["offered"] = [[o.name, o.original_path] for o in dialog.offers]
        dialog.recover()        # the selected row: the newest autosave
        return
    if window is None or not state or dialog is not None:
        return
    timer.stop()
    project = window.doc.project
    say(offered=state["offered"], nodes=len(project.nodes), labels=[n.label for n in project.nodes],
        path=window.files.path, modified=not window.stack.isClean(), title_modified=window.isWindowModified())
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    window.close()
    QApplication.quit()


def give_up() -> None:
    say(offered=False)
    QApplication.exit(4)


def main(argv: list[str]) -> int:
    app = make_app()
    say(pid=os.getpid())
    timer = QTimer(app)
    if argv[0] == "edit":
        timer.timeout.connect(lambda: edit_once(timer))
        path = argv[1]
    else:
        state: dict = {}
        timer.timeout.connect(lambda: answer_recover(timer, state))
        QTimer.singleShot(GIVE_UP_MS, give_up)
        path = None
    timer.start(POLL_MS)
    return run(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
