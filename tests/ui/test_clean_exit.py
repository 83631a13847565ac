"""The application must exit cleanly after a copy (PySide6 6.11 crashes at exit when the
clipboard still holds a QMimeData made in Python; the app clears it on quit)."""
from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
from nnstudio.ui.app import make_app
from nnstudio.ui.window.main_window import MainWindow
from PySide6.QtCore import QTimer
app = make_app()
window = MainWindow()
window.files.open_path(sys.argv[1])
window.canvas.select_all()
assert window.canvas.copy_selection()
window.stack.setClean()                   # nothing to save: closing must not ask
QTimer.singleShot(0, app.quit)
code = app.exec()
print("exited", code)
"""


def test_quitting_after_a_copy_exits_cleanly(tmp_path):
    example = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "xor_dense.json")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NNSTUDIO_SETTINGS=str(tmp_path / "settings.ini"))
    done = subprocess.run([sys.executable, "-c", "import sys\n" + SCRIPT, example], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "exited 0" in done.stdout
