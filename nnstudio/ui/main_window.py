"""The main window."""
from __future__ import annotations

from PySide6 import QtWidgets

from nnstudio.project.errors import ProjectError


class MainWindow(QtWidgets.QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.project = None
        self.setWindowTitle("nnstudio")
        self.resize(1200, 800)
        self.summary = QtWidgets.QTextBrowser()
        self.setCentralWidget(self.summary)
        self.summary.setHtml("<h2>nnstudio</h2><p>Open a project: <code>nnstudio PROJECT.json</code>.</p>")
        self.statusBar().showMessage("Ready")

    def open_path(self, path: str) -> None:
        from nnstudio.project.io import load_project
        try:
            self.project = load_project(path)
        except ProjectError as exc:
            QtWidgets.QMessageBox.critical(self, "Cannot open project", str(exc))
            return
        p = self.project
        self.setWindowTitle(f"{p.meta.get('name', 'Untitled')} — nnstudio")
        self.summary.setHtml(f"<h2>{p.meta.get('name', '')}</h2><p>{p.meta.get('description', '')}</p>"
                             f"<p>{len(p.nodes)} nodes, {len(p.edges)} edges</p>")
