"""The main window's QActions, their shortcuts and icons, and the small Help dialogs.

Actions are built here and wired in main_window.py, so the list of what the window can do and
which keys do it lives in one place (the shortcuts dialog is generated from it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (QAction, QColor, QDesktopServices, QIcon, QKeySequence, QPainter, QPainterPath, QPen,
                           QPixmap, QPolygonF, QUndoStack)
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QMessageBox, QStyle,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from nnstudio.ui.i18n import translate

SK = QKeySequence.StandardKey
FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "format.md"
# Keys nnstudio adds to the platform's standard ones. They win over a standard binding that
# happens to be the same key (on X11, StandardKey.Delete also means Ctrl+D, our Duplicate):
# a key bound to two actions would do nothing at all ("ambiguous shortcut").
EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "redo": ("Ctrl+Shift+Z", "Ctrl+Y"), "quit": ("Ctrl+Q",), "duplicate": ("Ctrl+D",),
    "zoom_in": ("Ctrl+=",), "zoom_out": ("Ctrl+-",), "fit": ("Ctrl+0",), "arrange": ("Ctrl+L",),
    "train": ("F5",), "until_stopped": ("Ctrl+F5",), "pause": ("F6",), "stop": ("Shift+F5",), "step": ("F10",),
    "step_epoch": ("Shift+F10",),
    "import_data": ("Ctrl+I",),
}
_ACCELERATOR = re.compile(r"\(&\w\)")      # a translation's "(&F)" after its own words: "文件(&F)"


def without_accelerator(text: str) -> str:
    """A menu text as words: "Save &As…" → "Save As…", "另存为(&A)…" → "另存为…"."""
    return _ACCELERATOR.sub("", text).replace("&", "")


@dataclass
class Actions:
    """Every action of the main window, by role."""
    new: QAction
    open: QAction
    examples: QAction
    import_data: QAction
    save: QAction
    save_as: QAction
    revert: QAction
    autosave_every: QAction
    quit: QAction
    undo: QAction
    redo: QAction
    cut: QAction
    copy: QAction
    paste: QAction
    duplicate: QAction
    delete: QAction
    select_all: QAction
    fully_connect: QAction
    to_neurons: QAction
    group_layer: QAction
    zoom_in: QAction
    zoom_out: QAction
    fit: QAction
    arrange: QAction
    start_page: QAction
    train: QAction
    until_stopped: QAction
    pause: QAction
    stop: QAction
    step: QAction
    step_epoch: QAction
    reset_weights: QAction
    about: QAction
    shortcuts: QAction
    format_doc: QAction

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]

    def training(self) -> list[QAction]:
        return [self.train, self.until_stopped, self.pause, self.stop, self.step, self.step_epoch,
                self.reset_weights]


def _keys(*keys: SK | str) -> list[QKeySequence]:
    """Shortcuts without duplicates (a platform's standard key may equal one of our extras)."""
    out: list[QKeySequence] = []
    for key in keys:
        seqs = QKeySequence.keyBindings(key) if isinstance(key, SK) else [QKeySequence(key)]
        out.extend(s for s in seqs if not s.isEmpty() and s not in out)
    return out


def _action(parent: QWidget, text: str, keys: list[QKeySequence] = (), tip: str = "",
            icon: QIcon | None = None) -> QAction:
    act = QAction(text, parent)
    if _ACCELERATOR.search(text):        # Qt's own toolbar label would keep the translation's "(F)"
        act.setIconText(without_accelerator(text).rstrip(".…"))
    if keys:
        act.setShortcuts(list(keys))
    plain = without_accelerator(text).rstrip(".…")
    act.setStatusTip(tip or plain)
    hint = f" ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else ""
    act.setToolTip(f"{plain}{hint}" + (f" — {tip}" if tip and tip != plain else ""))
    if icon is not None:
        act.setIcon(icon)
    return act


def _drawn_icon(draw: Callable[[QPainter], None]) -> QIcon:
    """A 32×32 line icon drawn in code (resources/ has no icon set yet)."""
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(QColor("#37474f"), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    draw(p)
    p.end()
    return QIcon(pix)


def _magnifier(sign: str) -> QIcon:
    def draw(p: QPainter) -> None:
        p.drawEllipse(QRectF(4, 4, 18, 18))
        p.drawLine(20, 20, 28, 28)
        p.drawLine(8, 13, 18, 13)
        if sign == "+":
            p.drawLine(13, 8, 13, 18)
    return _drawn_icon(draw)


def _fit_icon() -> QIcon:
    def draw(p: QPainter) -> None:
        for x, y, dx, dy in ((4, 4, 1, 1), (28, 4, -1, 1), (4, 28, 1, -1), (28, 28, -1, -1)):
            p.drawLine(x, y, x + 7 * dx, y)
            p.drawLine(x, y, x, y + 7 * dy)
        p.drawRect(11, 11, 10, 10)
    return _drawn_icon(draw)


def _arrange_icon() -> QIcon:
    def draw(p: QPainter) -> None:
        for x, ys in ((6, (10, 22)), (16, (6, 16, 26)), (26, (16,))):
            for y in ys:
                p.drawEllipse(QRectF(x - 3, y - 3, 6, 6))
        p.setPen(QPen(QColor("#78909c"), 1.4))
        for y1 in (10, 22):
            for y2 in (6, 16, 26):
                p.drawLine(9, y1, 13, y2)
    return _drawn_icon(draw)


def _step_icon() -> QIcon:
    def draw(p: QPainter) -> None:
        p.setBrush(QColor("#37474f"))
        p.drawPolygon(QPolygonF([QPointF(7, 7), QPointF(21, 16), QPointF(7, 25)]))
        p.drawLine(25, 7, 25, 25)
    return _drawn_icon(draw)


def _endless_icon() -> QIcon:
    """∞: train until stopped."""
    def draw(p: QPainter) -> None:
        path = QPainterPath(QPointF(16, 16))
        path.cubicTo(20, 8, 29, 8, 29, 16)
        path.cubicTo(29, 24, 20, 24, 16, 16)
        path.cubicTo(12, 8, 3, 8, 3, 16)
        path.cubicTo(3, 24, 12, 24, 16, 16)
        p.drawPath(path)
    return _drawn_icon(draw)


def build_actions(window: QWidget, stack: QUndoStack) -> Actions:
    """Create the actions (parented to `window`). Undo/Redo follow `stack`: their text names the
    command and they are enabled only when there is something to undo or redo."""
    style = window.style()
    std = style.standardIcon
    P = QStyle.StandardPixmap
    X = EXTRA_KEYS
    undo = stack.createUndoAction(window, translate("WindowActions", "&Undo"))
    undo.setShortcuts(_keys(SK.Undo))
    undo.setIcon(std(P.SP_ArrowBack))
    undo.setStatusTip(translate("WindowActions", "Undo the last edit"))
    # The menu says what will be undone ("Undo Move n1"); the toolbar keeps a fixed label so the
    # buttons after it do not shift with every edit.
    undo.setIconText(translate("WindowActions", "Undo"))
    redo = stack.createRedoAction(window, translate("WindowActions", "&Redo"))
    redo.setShortcuts(_keys(SK.Redo, *X["redo"]))
    redo.setIcon(std(P.SP_ArrowForward))
    redo.setStatusTip(translate("WindowActions", "Redo the edit just undone"))
    redo.setIconText(translate("WindowActions", "Redo"))
    acts = Actions(
        new=_action(window, translate("WindowActions", "&New project"), _keys(SK.New),
                    translate("WindowActions", "Start an empty project"), std(P.SP_FileIcon)),
        open=_action(window, translate("WindowActions", "&Open…"), _keys(SK.Open),
                     translate("WindowActions", "Open a project file"), std(P.SP_DialogOpenButton)),
        examples=_action(window, translate("WindowActions", "&Examples…"), [],
                         translate("WindowActions", "Open one of the example projects")),
        import_data=_action(window, translate("WindowActions", "&Import Data…"), _keys(*X["import_data"]),
                            translate("WindowActions", "Read a CSV, NumPy .npz or IDX file into the project's data")),
        save=_action(window, translate("WindowActions", "&Save"), _keys(SK.Save),
                     translate("WindowActions", "Save the project"), std(P.SP_DialogSaveButton)),
        save_as=_action(window, translate("WindowActions", "Save &As…"), _keys(SK.SaveAs),
                        translate("WindowActions", "Save the project under a new name")),
        revert=_action(window, translate("WindowActions", "Re&vert"), [],
                       translate("WindowActions", "Discard unsaved changes and reload the file from disk")),
        autosave_every=_action(window, translate("WindowActions", "A&utosave every…"), [], translate(
            "WindowActions", "How often unsaved changes are autosaved for recovery after a crash")),
        quit=_action(window, translate("WindowActions", "&Quit"), _keys(*X["quit"]),
                     translate("WindowActions", "Quit nnstudio")),
        undo=undo, redo=redo,
        cut=_action(window, translate("WindowActions", "Cu&t"), _keys(SK.Cut),
                    translate("WindowActions", "Cut the selected nodes")),
        copy=_action(window, translate("WindowActions", "&Copy"), _keys(SK.Copy),
                     translate("WindowActions", "Copy the selected nodes")),
        paste=_action(window, translate("WindowActions", "&Paste"), _keys(SK.Paste),
                      translate("WindowActions", "Paste nodes with fresh ids")),
        duplicate=_action(window, translate("WindowActions", "&Duplicate"), _keys(*X["duplicate"]),
                          translate("WindowActions", "Copy and paste the selection in one step")),
        delete=_action(window, translate("WindowActions", "De&lete"), _keys(SK.Delete),
                       translate("WindowActions", "Delete the selected nodes and connections")),
        select_all=_action(window, translate("WindowActions", "Select &All"), _keys(SK.SelectAll),
                           translate("WindowActions", "Select every node")),
        fully_connect=_action(window, translate("WindowActions", "&Fully connect"), [], translate(
            "WindowActions", "Connect every node of the left selected column to every other selected node")),
        to_neurons=_action(window, translate("WindowActions", "Convert to &Neurons"), [], translate(
            "WindowActions", "Turn the selected dense layer into neurons and weighted connections")),
        group_layer=_action(window, translate("WindowActions", "&Group into Layer"), [], translate(
            "WindowActions", "Turn the selected neurons (one activation, the same inputs) into one dense layer")),
        zoom_in=_action(window, translate("WindowActions", "Zoom &in"), _keys(SK.ZoomIn, *X["zoom_in"]),
                        translate("WindowActions", "Zoom in"), _magnifier("+")),
        zoom_out=_action(window, translate("WindowActions", "Zoom &out"), _keys(SK.ZoomOut, *X["zoom_out"]),
                         translate("WindowActions", "Zoom out"), _magnifier("-")),
        fit=_action(window, translate("WindowActions", "&Fit to window"), _keys(*X["fit"]),
                    translate("WindowActions", "Show the whole network"), _fit_icon()),
        arrange=_action(window, translate("WindowActions", "&Arrange"), _keys(*X["arrange"]),
                        translate("WindowActions", "Lay the network out left to right by depth"), _arrange_icon()),
        start_page=_action(window, translate("WindowActions", "&Start page"), [],
                           translate("WindowActions", "Show the start page: examples and recent files")),
        train=_action(window, translate("WindowActions", "&Train / Continue"), _keys(*X["train"]),
                      translate("WindowActions", "Train the network, or continue a paused run"), std(P.SP_MediaPlay)),
        until_stopped=_action(window, translate("WindowActions", "Train &until stopped"), _keys(*X["until_stopped"]),
                              translate("WindowActions", "Keep training past the number of epochs, until you pause "
                                                         "or stop"), _endless_icon()),
        pause=_action(window, translate("WindowActions", "&Pause"), _keys(*X["pause"]),
                      translate("WindowActions", "Pause training; the weights so far go into the project"),
                      std(P.SP_MediaPause)),
        stop=_action(window, translate("WindowActions", "St&op"), _keys(*X["stop"]),
                     translate("WindowActions", "End the run; the trained weights stay in the project"),
                     std(P.SP_MediaStop)),
        step=_action(window, translate("WindowActions", "&Step"), _keys(*X["step"]),
                     translate("WindowActions", "Train one batch, then pause"), _step_icon()),
        step_epoch=_action(window, translate("WindowActions", "Step &epoch"), _keys(*X["step_epoch"]),
                           translate("WindowActions", "Train to the end of the epoch, then pause"),
                           std(P.SP_MediaSkipForward)),
        reset_weights=_action(window, translate("WindowActions", "&Reset weights"), [], translate(
            "WindowActions", "Re-initialise every weight from the seed (Undo brings the trained ones back)"),
            std(P.SP_BrowserReload)),
        about=_action(window, translate("WindowActions", "&About nnstudio"), [],
                      translate("WindowActions", "Version and licence")),
        shortcuts=_action(window, translate("WindowActions", "&Keyboard shortcuts"), _keys(SK.HelpContents),
                          translate("WindowActions", "Every keyboard shortcut")),
        format_doc=_action(window, translate("WindowActions", "Project &file format"), [],
                           translate("WindowActions", "Where the file format is documented")),
    )
    drop_clashes(acts)
    acts.until_stopped.setCheckable(True)
    # Short toolbar labels (the menus keep the full text), so the toolbar fits a small screen.
    for act, label in ((acts.new, translate("WindowActions", "New")), (acts.fit, translate("WindowActions", "Fit")),
                       (acts.train, translate("WindowActions", "Train")),
                       (acts.reset_weights, translate("WindowActions", "Reset"))):
        act.setIconText(label)
    acts.quit.setMenuRole(QAction.MenuRole.QuitRole)
    acts.about.setMenuRole(QAction.MenuRole.AboutRole)
    return acts


def _text(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def drop_clashes(acts: Actions) -> None:
    """Give every key to one action: an EXTRA_KEYS owner first, else the first action holding it."""
    owner = {_text(QKeySequence(k)): name for name, keys in EXTRA_KEYS.items() for k in keys}
    taken: set[str] = set()
    for f in fields(acts):
        act = getattr(acts, f.name)
        keep = [s for s in act.shortcuts()
                if owner.get(_text(s), f.name) == f.name and _text(s) not in taken]
        taken.update(_text(s) for s in keep)
        act.setShortcuts(keep)


def _typeable(seq: QKeySequence) -> bool:
    """Keys found on an ordinary keyboard (not the XF86 "Save" key or Sun's F14–F20)."""
    key = _text(seq).rsplit("+", 1)[-1] or "+"          # "Ctrl++" ends in an empty part
    return len(key) == 1 or key in ("Del", "Ins", "Backspace") or (
        key[:1] == "F" and key[1:].isdigit() and int(key[1:]) <= 12)


def shortcut_rows(actions: Actions, extra: Sequence[QAction] = ()) -> list[tuple[str, str]]:
    """(what, keys) for every action that has a shortcut, in menu order, then `extra` actions
    that other parts of the window own (View ▸ Large decision boundary)."""
    rows = []
    for act in [*actions.all(), *extra]:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts() if _typeable(k)]
        if keys:
            text = act.text()
            if act in (actions.undo, actions.redo):
                text = text.split(" ", 1)[0]       # "Undo Move n1" → "Undo"
            text = without_accelerator(text)
            rows.append((text, ", ".join(keys)))
    return rows


class ShortcutsDialog(QDialog):
    """Help ▸ Keyboard shortcuts: the actions' keys plus the canvas's mouse gestures."""

    GESTURES = [
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Connect two nodes"),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "Drag from an output port to a node")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Pan"),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "Middle button drag, or Space + drag")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Zoom"), QT_TRANSLATE_NOOP("ShortcutsDialog", "Mouse wheel")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Select several"),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "Rubber band, or Ctrl + click")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Insert a node"),
         QT_TRANSLATE_NOOP("ShortcutsDialog", "Drag from the palette, or double-click it")),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Next / previous sample shown on the canvas"), "] / ["),
        (QT_TRANSLATE_NOOP("ShortcutsDialog", "Backprop panel: next / previous step"), "F11 / Shift+F11"),
    ]

    def __init__(self, actions: Actions, parent: QWidget | None = None, extra: Sequence[QAction] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(actions, extra) + [(self.tr(what), self.tr(how)) for what, how in self.GESTURES]
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for r, (what, keys) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(what))
            table.setItem(r, 1, QTableWidgetItem(keys))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(520, 560)


def show_format_doc(parent: QWidget) -> None:
    """Help ▸ Project file format: where docs/format.md is, with a button to open it."""
    if FORMAT_DOC.is_file():
        box = QMessageBox(QMessageBox.Icon.Information, translate("WindowActions", "Project file format"),
                          translate("WindowActions", "The project file format is described in<br><code>{path}</code>"
                                    ).format(path=FORMAT_DOC),
                          QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close, parent)
        if box.exec() == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(FORMAT_DOC)))
    else:        # an installed wheel has no docs/ folder
        QMessageBox.information(parent, translate("WindowActions", "Project file format"),
                                translate("WindowActions", "The project file format is described in docs/format.md "
                                          "in the nnstudio source; <code>nnstudio validate FILE</code> checks a file."))


def show_about(parent: QWidget) -> None:
    try:
        version = metadata.version("nnstudio")
    except metadata.PackageNotFoundError:
        version = translate("WindowActions", "development")
    QMessageBox.about(parent, translate("WindowActions", "About nnstudio"),
                      translate("WindowActions", "<h3>nnstudio {version}</h3><p>Draw neural networks, train them on a "
                                "NumPy engine and watch them learn.</p><p>MIT licence.</p>").format(version=version))
