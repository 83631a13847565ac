"""The main window's menu bar and toolbar, built from its actions (actions.py), and its Open
Recent menu's entries."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QMenu, QToolBar

from nnstudio.ui.canvas.thinning import edges_menu
from nnstudio.ui.i18n import translate
from nnstudio.ui.training.speed import SpeedControl, icon_button

if TYPE_CHECKING:
    from nnstudio.ui.window.files import FileManager
    from nnstudio.ui.window.main_window import MainWindow


def build_menus(window: MainWindow) -> tuple[QMenu, QMenu]:
    """File, Edit, View, Train and Help. Returns the Open Recent menu (filled as it opens) and the
    View menu (the toolbar adds its own toggle there)."""
    a, bar = window.act, window.menuBar()
    file = bar.addMenu(translate("WindowBars", "&File"))
    file.addActions([a.new, a.open])
    recent = file.addMenu(translate("WindowBars", "Open &Recent"))
    file.addActions([a.examples, a.import_data])
    file.addSeparator()
    file.addActions([a.save, a.save_as, a.revert])
    file.addMenu(window.exports.menu)
    file.addSeparator()
    file.addAction(a.autosave_every)
    file.addAction(a.quit)
    edit = bar.addMenu(translate("WindowBars", "&Edit"))
    edit.addActions([a.undo, a.redo])
    edit.addSeparator()
    edit.addActions([a.cut, a.copy, a.paste, a.duplicate, a.delete])
    edit.addSeparator()
    edit.addActions([a.select_all, a.fully_connect])
    edit.addSeparator()
    edit.addActions([a.to_neurons, a.group_layer])
    edit.setToolTipsVisible(True)       # a disabled Convert says why in its tooltip
    view = bar.addMenu(translate("WindowBars", "&View"))
    view.addActions([a.zoom_in, a.zoom_out, a.fit, a.arrange])
    view.addMenu(edges_menu(window.canvas, view))
    view.addSeparator()
    panels = view.addMenu(translate("WindowBars", "&Panels"))
    for dock in window.docks():
        panels.addAction(dock.toggleViewAction())
    view.addAction(window.boundary_enlarger.action)
    view.addSeparator()
    view.addAction(a.start_page)
    train = bar.addMenu(translate("WindowBars", "&Train"))
    train.addActions([a.train, a.until_stopped, a.pause, a.stop, a.step, a.step_epoch])
    train.addSeparator()
    train.addAction(a.reset_weights)
    help_menu = bar.addMenu(translate("WindowBars", "&Help"))
    help_menu.addActions([a.shortcuts, a.format_doc])
    help_menu.addSeparator()
    help_menu.addAction(a.about)
    return recent, view


def build_toolbar(window: MainWindow) -> tuple[QToolBar, SpeedControl]:
    """The toolbar, with the speed control wired to the window's training controller."""
    a = window.act
    bar = QToolBar(translate("WindowBars", "Toolbar"), window)
    bar.setObjectName("mainToolBar")
    bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    bar.setIconSize(QSize(20, 20))
    for group in ([a.new, a.open, a.save], [a.undo, a.redo]):
        bar.addActions(group)
        bar.addSeparator()
    # The magnifiers speak for themselves: icons only, so the speed control fits at 1280 px.
    bar.addWidget(icon_button(a.zoom_in, bar))
    bar.addWidget(icon_button(a.zoom_out, bar))
    bar.addActions([a.fit, a.arrange])
    bar.addSeparator()
    # Train, ∞ (until stopped, a checkable button), Pause, Stop, Step, then the speed control.
    bar.addAction(a.train)
    bar.addWidget(icon_button(a.until_stopped, bar))
    bar.addActions([a.pause, a.stop, a.step])
    speed = SpeedControl(window.settings, bar)
    bar.addWidget(speed)
    bar.addSeparator()
    bar.addAction(a.reset_weights)
    speed.paceChanged.connect(window.training.set_pace)
    window.training.set_pace(speed.pace())
    a.until_stopped.toggled.connect(window.training.set_until_stopped)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.view_menu.insertAction(a.start_page, bar.toggleViewAction())
    return bar, speed


def fill_recent_menu(menu: QMenu, files: FileManager, open_recent: Callable[[str], object]) -> None:
    """The Open Recent menu's entries (made as it opens): `open_recent(path)` opens one."""
    menu.clear()
    paths = files.recent_files()
    for i, path in enumerate(paths):
        label = f"&{i + 1}  {os.path.basename(path)}" if i < 9 else f"{i + 1}  {os.path.basename(path)}"
        act = menu.addAction(label)
        act.setStatusTip(path)
        act.setToolTip(path)
        act.triggered.connect(lambda _=False, p=path: open_recent(p))
    if not paths:
        menu.addAction(translate("WindowBars", "No recent files")).setEnabled(False)
        return
    menu.addSeparator()
    menu.addAction(translate("WindowBars", "Clear the list"), files.clear_recent)


def counts_text(nodes: int, edges: int) -> str:
    """The status bar's "3 nodes · 2 connections"."""
    node_text = translate("WindowBars", "{count} node") if nodes == 1 else translate("WindowBars", "{count} nodes")
    edge_text = (translate("WindowBars", "{count} connection") if edges == 1
                 else translate("WindowBars", "{count} connections"))
    return f"{node_text.format(count=nodes)} · {edge_text.format(count=edges)}"
