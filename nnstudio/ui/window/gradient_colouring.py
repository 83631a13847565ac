"""View ▸ Colour Edges by Gradient: while training, the canvas colours weighted edges by ∂L/∂w
instead of w, so the user sees where learning happens.

Checking the action asks the training controller for each edge's gradient with every snapshot
(the engine then reads them from its layers' grads) and tells the LiveCanvas to draw them: blue
where ∂L/∂w > 0 (a gradient step lowers the weight), orange where it is < 0, as wide as |∂L/∂w| is
next to the snapshot's largest (scene_edge_weights.show_live_gradients). A legend over the
canvas's top-left corner says so while the edges show gradients; between runs they show weights.
The choice is kept in the window's settings.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:
    from nnstudio.ui.window.main_window import MainWindow

SETTINGS_KEY = "view/edgeGradients"
MARGIN = 10


class GradientColouring(QObject):
    """The checkable action, its wiring to the controller and the canvas, and the legend."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.settings = window.settings
        self.training, self.live = window.training, window.live.canvas_live
        self.action = QAction(self.tr("Colour Edges by &Gradient"), window)
        self.action.setCheckable(True)
        self.action.setStatusTip(self.tr("While training, colour and size the weighted edges by ∂L/∂w of the "
                                         "latest batch instead of by their weights: where learning happens"))
        self.action.setToolTip(self.action.statusTip())
        view = window.view_menu
        # Right after View ▸ Edges (the first submenu), which also sets how edges are drawn.
        submenus = [a for a in view.actions() if a.menu() is not None]
        following = view.actions()[view.actions().index(submenus[0]) + 1] if submenus else None
        if following is None:
            view.addAction(self.action)
        else:
            view.insertAction(following, self.action)
        self.legend = QLabel(window.canvas.viewport())
        self.legend.setObjectName("gradientLegend")
        self.legend.setStyleSheet("#gradientLegend { background: rgba(255, 255, 255, 235); color: #334155;"
                                  " border: 1px solid #cbd2da; border-radius: 6px; padding: 3px 8px; }")
        self.legend.setText(self.tr("Edges show ∂L/∂w of the latest batch: "
                                    "<span style='color:#3b76e1'><b>blue &gt; 0</b></span> (a step lowers w), "
                                    "<span style='color:#ee7d3b'><b>orange &lt; 0</b></span> (raises it); "
                                    "width ∝ |∂L/∂w| ÷ the largest"))
        self.legend.setToolTip(self.tr("View ▸ Colour Edges by Gradient: unchecked, edges show the weights"))
        self.legend.hide()
        self.live.gradientsShown.connect(self._show_legend)
        self.action.toggled.connect(self.set_on)
        self.action.setChecked(self.settings.value(SETTINGS_KEY, False, type=bool))

    def set_on(self, on: bool) -> None:
        """Ask the run for gradients (or stop asking) and redraw the edges the chosen way."""
        self.settings.setValue(SETTINGS_KEY, bool(on))
        self.training.set_wants_gradients(on)
        self.live.set_colour_by_gradient(on)
        if self.action.isChecked() != bool(on):
            self.action.setChecked(bool(on))

    def _show_legend(self, shown: bool) -> None:
        self.legend.setVisible(shown)
        if shown:
            legend = self.legend
            legend.setWordWrap(False)
            legend.setMinimumWidth(0)
            legend.setMaximumWidth(16777215)        # QWIDGETSIZE_MAX: its natural width first
            legend.adjustSize()
            room = max(legend.parentWidget().width() - 2 * MARGIN, 120)
            if legend.width() > room:               # a narrow canvas: wrapped rather than cut
                legend.setWordWrap(True)
                legend.setFixedWidth(room)
                legend.adjustSize()
            self.legend.move(MARGIN, MARGIN)
            self.legend.raise_()
