"""Start the desktop application: the QApplication, its look, and the main window."""
from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication

# The application icon's little network: (x, y) of each unit in a 64×64 picture, by layer.
_ICON_LAYERS = [[(14, 20), (14, 44)], [(32, 12), (32, 32), (32, 52)], [(50, 32)]]
_ICON_COLOURS = ["#66bb6a", "#42a5f5", "#ffa726"]


def app_icon() -> QIcon:
    """A small drawn network (no icon files ship yet)."""
    icon = QIcon()
    for size in (16, 32, 64, 128):
        pix = QPixmap(size, size)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.scale(size / 64, size / 64)
        p.setBrush(QColor("#eceff1"))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawRoundedRect(QRectF(1, 1, 62, 62), 12, 12)
        p.setPen(QPen(QColor("#78909c"), 2.2))
        for left, right in zip(_ICON_LAYERS, _ICON_LAYERS[1:]):
            for a in left:
                for b in right:
                    p.drawLine(QLineF(QPointF(*a), QPointF(*b)))
        for layer, colour in zip(_ICON_LAYERS, _ICON_COLOURS):
            p.setBrush(QColor(colour))
            p.setPen(QPen(QColor(colour).darker(150), 1.6))
            for x, y in layer:
                p.drawEllipse(QPointF(x, y), 6.5, 6.5)
        p.end()
        icon.addPixmap(pix)
    return icon


def light_palette() -> QPalette:
    """Fusion's light palette with a calmer blue highlight and slightly grey window chrome."""
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#eef1f4", QPalette.ColorRole.WindowText: "#1f2a30",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f5f7f9",
        QPalette.ColorRole.Text: "#1f2a30", QPalette.ColorRole.Button: "#f3f5f7",
        QPalette.ColorRole.ButtonText: "#1f2a30", QPalette.ColorRole.Highlight: "#1e88e5",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#fffde7",
        QPalette.ColorRole.ToolTipText: "#1f2a30", QPalette.ColorRole.Link: "#1565c0",
        QPalette.ColorRole.PlaceholderText: "#90a4ae",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#9aa7b0"))
    return pal


def release_clipboard() -> None:
    """Empty the clipboard if it holds what this application put there.

    PySide6 (6.11) crashes the process at exit when the clipboard still owns a QMimeData that
    was made in Python (ours, from Copy); clearing it before the QApplication goes avoids that.
    """
    from nnstudio.ui import mime
    clipboard = QApplication.clipboard()
    if clipboard is None:
        return
    held = clipboard.mimeData()
    # ownsClipboard() is always false on some platforms (offscreen), so also look at the data.
    if clipboard.ownsClipboard() or (held is not None and held.hasFormat(mime.FRAGMENT)):
        clipboard.clear()


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), named and styled."""
    # argv[0] names the X11 window class; "__main__.py" (python -m nnstudio) would be shown instead.
    app = QApplication.instance() or QApplication(argv if argv is not None else ["nnstudio"])
    app.setApplicationName("nnstudio")
    app.setOrganizationName("nnstudio")
    app.setDesktopFileName("nnstudio")
    app.setStyle("Fusion")
    app.setPalette(light_palette())
    app.setWindowIcon(app_icon())
    app.aboutToQuit.connect(release_clipboard)
    return app


def run(path: str | None = None) -> int:
    """Open the main window (with the project at `path`, if given) and run the event loop."""
    app = make_app()
    from nnstudio.ui.fault_report import install_fault_handler, uninstall_fault_handler
    from nnstudio.ui.window.main_window import MainWindow    # after the QApplication exists

    faults = install_fault_handler(app)     # before the window: an error while it is built is logged
    from nnstudio.ui.i18n import install_translators
    from nnstudio.ui.user_settings import default_settings
    install_translators(app, default_settings())    # before any widget reads its texts
    window = faults.window = MainWindow()
    window.show()
    if path:
        window.files.open_path(path)
    from nnstudio.ui.window.termination import protect
    termination = protect(window)       # SIGTERM/SIGHUP keep an autosave; the recovery offer
    code = app.exec()
    termination.uninstall()
    uninstall_fault_handler()       # the event loop is over: Python's own hooks again
    return code
