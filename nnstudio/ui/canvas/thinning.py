"""The View menu's "Edges" submenu: draw every edge, or only the strongest share of the weighted
ones (by |weight|), which keeps a 100,000-edge network readable and quick to redraw."""
from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from nnstudio.ui.canvas.view import CanvasView
from nnstudio.ui.i18n import translate

SHARES = (1.0, 0.5, 0.25, 0.1, 0.01)


def share_text(share: float) -> str:
    if share >= 1.0:
        return translate("EdgeThinning", "All edges")
    return translate("EdgeThinning", "Strongest {percent:g} % of weights").format(percent=share * 100)


def edges_menu(view: CanvasView, parent: QWidget | None = None) -> QMenu:
    """A submenu of exclusive choices; the checked one is the scene's share."""
    menu = QMenu(translate("EdgeThinning", "&Edges"), parent)
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    group.setExclusive(True)
    for share in SHARES:
        action = QAction(share_text(share), menu, checkable=True)
        action.setData(share)
        action.setToolTip(translate("EdgeThinning", "Draw every edge") if share >= 1.0 else translate(
            "EdgeThinning", "Draw only the edges whose weights are largest in size; "
                            "the others are hidden, not removed"))
        action.setChecked(share == view.canvas_scene.edge_share)
        action.triggered.connect(lambda _=False, s=share: _show_share(view, s))
        group.addAction(action)
        menu.addAction(action)
    return menu


def _show_share(view: CanvasView, share: float) -> None:
    view.canvas_scene.set_edge_share(share)
    hidden = len(view.canvas_scene.layer.hidden_edges())
    view.statusMessage.emit(share_text(share) if not hidden else translate(
        "EdgeThinning", "{choice}: {count:,} weaker edges hidden").format(choice=share_text(share), count=hidden))
