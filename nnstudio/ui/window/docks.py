"""The main window's default dock layout, finished once it is first shown (when no saved layout
was restored): the side columns' tab groups and every column's size.

Qt 6.11 leaves a second, stale tab bar on the window for every tab group after the first that is
made before the window is shown; the bottom group is made at once (LiveViews.place_docks), these
two wait for the first show.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

PALETTE_WIDTH = 240          # the palette, and Problems under it: its messages wrap in this width
INSPECTOR_WIDTH = (330, 460)    # at 1280 px wide and from about 1800 px: a bigger boundary under it
PROBLEMS_HEIGHT = 220       # a few lines of problems under the palette
# A window that grows or shrinks by this share or more (maximised, moved to another screen) is
# laid out afresh while its layout is still the default one: Qt would give all the new room to
# the canvas and leave the training panels as short as on a small screen.
RELAYOUT_SHARE = 0.15


class DefaultLayout:
    """`left`: palette, problems, history; `right`: inspector, boundary, dataset; `bottom`: the
    first dock of the training panels' group. `due` is False when a saved layout was restored."""

    def __init__(self, window: QMainWindow, left: tuple[QDockWidget, QDockWidget, QDockWidget],
                 right: tuple[QDockWidget, QDockWidget, QDockWidget], bottom: QDockWidget) -> None:
        self.window, self.left, self.right, self.bottom = window, left, right, bottom
        self.due = True
        self._grouped = False
        self._default = False       # the docks have the sizes this class gave them, not a saved layout

    def finish(self, can_size: bool) -> None:
        """Group the side docks (once); size everything when `can_size` (the window and its docks
        are shown: sizes set to hidden docks are lost)."""
        if not self.due:
            return
        w = self.window
        if not self._grouped:
            self._grouped = True
            for _first, front, behind in (self.left, self.right):
                w.tabifyDockWidget(front, behind)
                front.raise_()
        if can_size:
            self.due = False
            self._default = True
            self.size_docks()

    def follow_resize(self, old: QSize, new: QSize) -> None:
        """After a big change of the window's size, size the default layout again (once the
        window's layout has settled). A restored, saved layout is the user's: left alone."""
        if not self._default or not old.isValid() or old.width() <= 0 or old.height() <= 0:
            return
        if abs(new.width() - old.width()) < RELAYOUT_SHARE * old.width() and \
                abs(new.height() - old.height()) < RELAYOUT_SHARE * old.height():
            return
        QTimer.singleShot(0, self.window, self.size_docks)

    def size_docks(self) -> None:
        """Each column's width and split for the window's size now: the boundary's plot about as
        tall as it is wide, Problems a few lines tall, the training panels 40 % of the height."""
        w = self.window
        (palette, problems, _), (inspector, boundary, _) = self.left, self.right
        height = max(w.centralWidget().height() + self.bottom.height(), 400)
        side = min(max(int(height * 0.52), 300), 520)
        right = min(max(int(w.width() * 0.26), INSPECTOR_WIDTH[0]), INSPECTOR_WIDTH[1])
        w.resizeDocks([palette, inspector], [PALETTE_WIDTH, right], Qt.Orientation.Horizontal)
        w.resizeDocks([palette, problems, inspector, boundary],
                      [height - PROBLEMS_HEIGHT, PROBLEMS_HEIGHT, height - side, side], Qt.Orientation.Vertical)
        w.resizeDocks([self.bottom], [max(260, int(height * 0.4))], Qt.Orientation.Vertical)
