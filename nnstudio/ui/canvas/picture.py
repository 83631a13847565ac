"""The canvas as a picture: PNG (QGraphicsScene.render into a QImage) or SVG (into a
QSvgGenerator, so shapes and labels stay vectors and text), of the nodes with a margin.

The picture is drawn close up whatever the view's zoom (labels included: far out, the node
layer draws nodes without text), without the selection, and with the items' pixmap caches off, so
the SVG holds real shapes and text rather than cached bitmaps. The selection comes back afterwards.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from nnstudio.ui.canvas.items import LOD_TEXT
from nnstudio.ui.canvas.scene import CanvasScene
from nnstudio.ui.i18n import translate
from nnstudio.ui.canvas.view import CanvasView

MARGIN = 24.0       # scene units around the nodes
PNG_SCALE = 2.0     # pixels per scene unit: sharp on a high-density screen or a slide
_HINTS = QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing


def picture_rect(scene: CanvasScene) -> QRectF:
    """The nodes' rectangle (every item's when there is no node) with a margin."""
    rect = scene.content_rect()
    if rect.isNull():
        rect = scene.itemsBoundingRect()
    return rect.marginsAdded(QMarginsF(MARGIN, MARGIN, MARGIN, MARGIN))


def _png(scene: CanvasScene, rect: QRectF, path: str) -> None:
    size = QSize(max(1, round(rect.width() * PNG_SCALE)), max(1, round(rect.height() * PNG_SCALE)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHints(_HINTS)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), rect)
    painter.end()
    if not image.save(path, "PNG"):
        raise OSError(f"{path} cannot be written")


def _svg(scene: CanvasScene, rect: QRectF, path: str) -> None:
    from PySide6.QtSvg import QSvgGenerator
    generator = QSvgGenerator()
    generator.setFileName(path)
    generator.setSize(QSize(round(rect.width()), round(rect.height())))
    generator.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    generator.setTitle(translate("NetworkPicture", "nnstudio network"))   # the SVG's <title>
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"{path} cannot be written")
    painter.setRenderHints(_HINTS)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()


def export_picture(view: CanvasView, path: str | os.PathLike) -> None:
    """The view's network as PNG or SVG, by the suffix of `path`."""
    path = os.fspath(path)
    scene = view.canvas_scene
    rect = picture_rect(scene)
    selected = scene.selectedItems()
    scale = view.transform().m11()
    try:
        for item in selected:
            item.setSelected(False)
        scene.set_zoom(max(scale, 1.0))     # close up: nodes paint themselves, with their labels
        for item in scene.node_items.values():
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        (_svg if path.lower().endswith(".svg") else _png)(scene, rect, path)
    finally:
        scene.set_zoom(scale)
        for item in scene.node_items.values():
            item.set_far(scale < LOD_TEXT)      # its caching as before
        for item in selected:
            item.setSelected(True)
