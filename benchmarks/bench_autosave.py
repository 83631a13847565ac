"""What an autosave costs the window, on trained digits projects (2 epochs of digits_mlp and
digits_cnn): the GUI thread's part of a timer tick (lock, copy, starting the worker, and waiting
for the GIL while it serialises) against writing at once in the GUI thread (`write_now`:
serialise, then two fsync'd writes).

    python benchmarks/bench_autosave.py
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUNDS = 20


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    tmp = tempfile.mkdtemp()
    with open(os.path.join(tmp, "settings.ini"), "w", encoding="utf-8") as f:
        f.write(f"[autosave]\nfolder={tmp}/autosave\nintervalSeconds=0\n")
    os.environ["NNSTUDIO_SETTINGS"] = os.path.join(tmp, "settings.ini")
    from PySide6.QtWidgets import QMessageBox

    from nnstudio.ui.app import make_app
    from nnstudio.ui.window.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    saver = window.autosaver
    for name in ("digits_mlp", "digits_cnn"):
        trained = os.path.join(tmp, f"{name}.json")
        subprocess.run([sys.executable, "-m", "nnstudio", "train", os.path.join(REPO, "examples", f"{name}.json"),
                        "-e", "2", "-o", trained, "--quiet"], check=True, capture_output=True)
        window.files.open_path(trained)
        window.stack.resetClean()       # modified, as after an edit
        tick, at_once = [], []
        for _ in range(ROUNDS):
            saver.dirty = True
            start = time.perf_counter()
            saver.autosave_if_due()
            tick.append((time.perf_counter() - start) * 1000)
            while saver.background.is_busy():
                app.processEvents()
            start = time.perf_counter()
            assert saver.write_now()
            at_once.append((time.perf_counter() - start) * 1000)
        tick.sort()
        at_once.sort()
        size = os.path.getsize(saver.project_file) / 1e3
        print(f"{name} ({size:.0f} kB): timer tick in the GUI thread median {tick[ROUNDS // 2]:.1f} ms, "
              f"max {tick[-1]:.1f} ms; write_now median {at_once[ROUNDS // 2]:.1f} ms, max {at_once[-1]:.1f} ms")
    saver.shutdown()


if __name__ == "__main__":
    main()
