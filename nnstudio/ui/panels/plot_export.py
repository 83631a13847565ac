"""Pictures and numbers out of a plot panel: PNG, SVG or CSV, through pyqtgraph's exporters.

A panel adds one line, `export_button(self, views)`, where `views()` gives the pyqtgraph views
(PlotWidget, GraphicsLayoutWidget) it shows. The button opens a menu (Picture as PNG…, Picture as
SVG…, Data as CSV…), and right-clicking any of the views where pyqtgraph itself shows no menu
opens the same one; where a plot keeps pyqtgraph's own menu, its 'Export…' entry is there.

- PNG: pyqtgraph's ImageExporter per visible view, stacked top to bottom in one picture.
- SVG: pyqtgraph's SVGExporter per visible view; several are nested in one SVG, top to bottom.
- CSV: pyqtgraph's CSVExporter for a plot's curves and points; bars as their positions and
  lengths; an image plot's array with numpy.savetxt (rows as shown). One plot with data gives
  `name.csv`; several give `name-1.csv`, `name-2.csv`, … (each a plain table any tool reads).
"""
from __future__ import annotations

import csv
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.exporters import CSVExporter, ImageExporter, SVGExporter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QBuffer, QIODevice, QPoint, QRectF, QSettings, QSize, QTimer
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QToolButton, QWidget

from nnstudio.ui.i18n import translate

Views = Callable[[], Sequence[pg.GraphicsView]]
FORMATS = {"png": QT_TRANSLATE_NOOP("PlotExport", "PNG pictures (*.png)"),
           "svg": QT_TRANSLATE_NOOP("PlotExport", "SVG pictures (*.svg)"),
           "csv": QT_TRANSLATE_NOOP("PlotExport", "CSV tables (*.csv)")}
# The panels' names (export_button's `name`, also the suggested file's name), as sentences say them.
PANEL_NAMES = {"loss": QT_TRANSLATE_NOOP("PlotExport", "loss"),
               "dataset": QT_TRANSLATE_NOOP("PlotExport", "dataset"),
               "evaluation": QT_TRANSLATE_NOOP("PlotExport", "evaluation"),
               "activations": QT_TRANSLATE_NOOP("PlotExport", "activations"),
               "convolution": QT_TRANSLATE_NOOP("PlotExport", "convolution"),
               "weights": QT_TRANSLATE_NOOP("PlotExport", "weights"),
               "decision boundary": QT_TRANSLATE_NOOP("PlotExport", "decision boundary")}
LAST_DIR_KEY = "lastExportDirectory"
SVG_NS = "http://www.w3.org/2000/svg"
HOOKED = "nnstudioExportMenuHooked"      # the property hook_views sets on a view it has hooked


# --- the files ----------------------------------------------------------------------------------
def shown(views: Sequence[pg.GraphicsView]) -> list[pg.GraphicsView]:
    """The views a picture holds: the visible ones, or all when none is (a hidden panel)."""
    visible = [v for v in views if v.isVisible()]
    return visible or list(views)


def png_image(views: Sequence[pg.GraphicsView]) -> QImage:
    """The views drawn by pyqtgraph's ImageExporter, stacked top to bottom."""
    images = []
    for view in shown(views):
        exporter = ImageExporter(view.scene())
        images.append(exporter.export(toBytes=True))
    width = max(i.width() for i in images)
    out = QImage(width, sum(i.height() for i in images), QImage.Format.Format_ARGB32)
    out.fill(0xFFFFFFFF)
    painter = QPainter(out)
    y = 0
    for image in images:
        painter.drawImage(QPoint(0, y), image)
        y += image.height()
    painter.end()
    return out


def export_png(views: Sequence[pg.GraphicsView], path: str | os.PathLike) -> None:
    if not png_image(views).save(os.fspath(path), "PNG"):
        raise OSError(translate("PlotExport", "{path} cannot be written").format(path=path))


def svg_bytes(view: pg.GraphicsView) -> bytes:
    """pyqtgraph's SVG of one view. Its exporter cannot read some paths newer Qt writes (say
    'M1 2' without a comma); then Qt's own SVG generator draws the view (no clipping per item)."""
    try:
        return SVGExporter(view.scene()).export(toBytes=True)
    except (ValueError, IndexError):
        rect = view.mapToScene(view.viewport().rect()).boundingRect()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(round(rect.width()), round(rect.height())))
        generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
        painter = QPainter(generator)
        view.scene().render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
        painter.end()
        return bytes(buffer.data())


def export_svg(views: Sequence[pg.GraphicsView], path: str | os.PathLike) -> None:
    """pyqtgraph's SVG of each view; several nest in one outer SVG, one below the other."""
    parts = [svg_bytes(view) for view in shown(views)]
    if len(parts) == 1:
        Path(path).write_bytes(parts[0])
        return
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    outer = ET.Element(f"{{{SVG_NS}}}svg", {"version": "1.2"})
    y, width = 0.0, 0.0
    for data in parts:
        root = ET.fromstring(data)
        w, h = _svg_size(root)
        root.set("width", f"{w:g}")
        root.set("height", f"{h:g}")
        root.set("x", "0")
        root.set("y", f"{y:g}")
        outer.append(root)
        y += h
        width = max(width, w)
    outer.set("width", f"{width:g}")
    outer.set("height", f"{y:g}")
    outer.set("viewBox", f"0 0 {width:g} {y:g}")
    ET.ElementTree(outer).write(os.fspath(path), encoding="utf-8", xml_declaration=True)


def _svg_size(root: ET.Element) -> tuple[float, float]:
    """An SVG's size in pixels: its viewBox's, else its width and height (in px)."""
    box = root.get("viewBox")
    if box:
        _, _, w, h = (float(v) for v in box.replace(",", " ").split())
        return w, h
    return (float(root.get(k, "0").removesuffix("px") or 0) for k in ("width", "height"))


def _plots(views: Sequence[pg.GraphicsView]) -> list[pg.PlotItem | pg.ViewBox]:
    """Every PlotItem of the views, and every ViewBox that is no PlotItem's, in scene order."""
    out: list = []
    owned = set()
    for view in shown(views):
        items = view.scene().items()
        plots = [i for i in items if isinstance(i, pg.PlotItem)]
        owned.update(id(p.getViewBox()) for p in plots)
        boxes = [i for i in items if isinstance(i, pg.ViewBox) and id(i) not in owned]
        found = plots + boxes
        found.sort(key=lambda i: (round(i.sceneBoundingRect().top()), round(i.sceneBoundingRect().left())))
        out.extend(found)
    return out


def _image_table(image: pg.ImageItem) -> np.ndarray | None:
    """An image's numbers as rows × columns as shown; None for a colour picture."""
    data = image.image
    if data is None:
        return None
    data = np.asarray(data)
    if data.ndim != 2:
        return None
    return data if image.axisOrder == "row-major" else data.T


def _bars_table(bars: pg.BarGraphItem) -> tuple[list[str], list[np.ndarray]] | None:
    opts = bars.opts
    for pos, length in (("x", "height"), ("x0", "height"), ("y", "width"), ("y0", "width")):
        if opts.get(pos) is not None and opts.get(length) is not None and np.ndim(opts[length]) == 1:
            return [pos, length], [np.asarray(opts[pos], dtype=float), np.asarray(opts[length], dtype=float)]
    return None


def _write_plot_csv(plot, path: str) -> bool:
    """One plot's numbers to `path`; False when it holds none."""
    items = plot.items if isinstance(plot, pg.PlotItem) else plot.addedItems
    curves = [i for i in items if hasattr(i, "implements") and i.implements("plotData")
              and i.isVisible() and i.getData()[0] is not None and len(i.getData()[0])]
    for bars in (i for i in items if isinstance(i, pg.BarGraphItem)):     # a bar chart: its bars
        table = _bars_table(bars)
        if table is not None and len(table[1][0]):
            with open(path, "w", newline="") as f:
                writer = csv.writer(f)
                writer.writerow(table[0])
                writer.writerows(zip(*([repr(float(v)) for v in c] for c in table[1])))
            return True
    if curves and isinstance(plot, pg.PlotItem):
        exporter = CSVExporter(plot)
        exporter.params["precision"] = 17       # the shortest text that reads back the same float
        exporter.export(fileName=path)
        return True
    images = [t for t in (_image_table(i) for i in items if isinstance(i, pg.ImageItem)) if t is not None]
    if images:
        np.savetxt(path, images[0], delimiter=",", fmt="%.17g")
        return True
    return False


def export_csv(views: Sequence[pg.GraphicsView], path: str | os.PathLike) -> list[Path]:
    """The plotted numbers: one file for one plot with data, numbered files for several."""
    path = Path(path)
    plots = _plots(views)
    written: list[Path] = []
    tmp = [path.with_name(f".{path.stem}-{k}.csv.tmp") for k in range(len(plots))]
    try:
        for plot, name in zip(plots, tmp):
            if _write_plot_csv(plot, os.fspath(name)):
                written.append(name)
        if not written:
            raise ValueError(translate("PlotExport", "The panel shows no numbers to export yet."))
        names = [path] if len(written) == 1 else [path.with_name(f"{path.stem}-{k + 1}{path.suffix}")
                                                   for k in range(len(written))]
        for src, dst in zip(written, names):
            os.replace(src, dst)
        return names
    finally:
        for name in tmp:
            if name.exists():
                name.unlink()


def export_views(views: Sequence[pg.GraphicsView], fmt: str, path: str | os.PathLike) -> list[Path]:
    if fmt == "png":
        export_png(views, path)
    elif fmt == "svg":
        export_svg(views, path)
    else:
        return export_csv(views, path)
    return [Path(path)]


def panel_name(name: str) -> str:
    """A panel's name as the interface's sentences say it."""
    return translate("PlotExport", PANEL_NAMES[name]) if name in PANEL_NAMES else name


# --- the button and the right-click menu ---------------------------------------------------------
class PlotExport(QMenu):
    """The Export menu of one panel (its button's and its views' right-click menu)."""

    def __init__(self, panel: QWidget, views: Views, name: str) -> None:
        super().__init__(translate("PlotExport", "Export"), panel)
        self.panel, self.views, self.name = panel, views, name
        self.ask_path = self._ask_path          # tests replace it
        self.last_written: list[Path] = []
        for fmt, text in (("png", self.tr("Picture as PNG…")), ("svg", self.tr("Picture as SVG…")),
                          ("csv", self.tr("Data as CSV…"))):
            self.addAction(text, lambda f=fmt: self.export(f))
        self.aboutToShow.connect(self.hook_views)
        QTimer.singleShot(0, self, self.hook_views)    # once the panel has made its views

    def hook_views(self) -> None:
        """Right-click on a view pyqtgraph leaves without a menu opens this one."""
        for view in self.views():
            # A Qt property marks a view as hooked: a set of id()s could meet a new view under a
            # dead one's id and leave it without the menu.
            if not view.property(HOOKED):
                view.setProperty(HOOKED, True)
                view.scene().sigMouseClicked.connect(self._clicked)

    def _clicked(self, ev) -> None:
        if ev.button() == pg.QtCore.Qt.MouseButton.RightButton and not ev.isAccepted():
            ev.accept()
            self.popup(ev.screenPos().toPoint())

    def _ask_path(self, fmt: str) -> str | None:
        settings = QSettings()
        folder = settings.value(LAST_DIR_KEY, "")
        folder = folder if isinstance(folder, str) and os.path.isdir(folder) else str(Path.home())
        suggested = os.path.join(folder, f"{self.name}.{fmt}")
        caption = self.tr("Export {name} as {format}").format(name=panel_name(self.name), format=fmt.upper())
        path, _ = QFileDialog.getSaveFileName(self.panel, caption, suggested, translate("PlotExport", FORMATS[fmt]))
        if not path:
            return None
        settings.setValue(LAST_DIR_KEY, os.path.dirname(os.path.abspath(path)))
        return path if Path(path).suffix else f"{path}.{fmt}"

    def export(self, fmt: str, path: str | os.PathLike | None = None) -> list[Path]:
        """Export as `fmt` to `path` (asked for when None); errors are told in plain words."""
        path = path or self.ask_path(fmt)
        self.last_written = []
        if not path:
            return []
        try:
            self.last_written = export_views(self.views(), fmt, path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self.panel, self.tr("Export"), self.tr("The {name} panel cannot be exported: {reason}")
                                .format(name=panel_name(self.name), reason=exc))
            return []
        return self.last_written


def export_button(panel: QWidget, views: Views, name: str) -> QToolButton:
    """A small 'Export…' button with the PNG/SVG/CSV menu; its menu is `panel.export_menu`."""
    menu = PlotExport(panel, views, name)
    button = QToolButton(panel)
    button.setText(translate("PlotExport", "Export…"))
    button.setToolTip(translate("PlotExport", "Save the {name} plot as a picture (PNG, SVG) or its numbers as CSV")
                      .format(name=panel_name(name)))
    button.setAutoRaise(True)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    panel.export_menu = menu
    return button
