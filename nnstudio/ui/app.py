"""Start the desktop application."""
from __future__ import annotations

import sys


def run(path: str | None = None) -> int:
    """Open the main window (with the project at `path`, if given) and run the event loop."""
    from PySide6 import QtWidgets

    from nnstudio.ui.main_window import MainWindow

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    app.setApplicationName("nnstudio")
    app.setOrganizationName("nnstudio")
    window = MainWindow()
    if path:
        window.open_path(path)
    window.show()
    return app.exec()
