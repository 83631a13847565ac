"""The shipped example projects: their cheap thumbnails, and the gallery listing (project/gallery.py).

Thumbnails are painted straight from the project data with QPainter, without building a canvas
scene, so the start page and the Examples dialog stay fast however many examples there are.
"""
from __future__ import annotations

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap

from nnstudio.project import editing, registry
from nnstudio.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.gallery import EXAMPLES_DIR, ORDER, ExampleInfo, example_paths, first_sentence, list_examples
from nnstudio.project.model import Project
from nnstudio.ui.canvas.items import (BACKGROUND, INPUT_HALF, LAYER_EDGE, LAYER_H, LAYER_W, NEGATIVE, NEURON_R,
                                      POSITIVE, UNSET)
from nnstudio.ui.canvas.looks import ACTIVATION_COLOURS, NEUTRAL, kind_colour

# The listing is Qt-free (project/gallery.py); the names stay importable from here for the window.
__all__ = ["EXAMPLES_DIR", "ORDER", "ExampleInfo", "example_paths", "first_sentence", "list_examples",
           "render_thumbnail", "thumbnail_for"]

# The canvas's shapes and colours, so a thumbnail looks like the network that opens.
LAYER_SIZE = (LAYER_W, LAYER_H)
WASH = 0.16       # how much of a node's accent colour tints its fill


def _node_rect(kind: str, pos: tuple[float, float]) -> QRectF:
    x, y = pos
    category = registry.kind(kind).category
    if category == "layer":
        w, h = LAYER_SIZE
        return QRectF(x - w / 2, y - h / 2, w, h)
    r = INPUT_HALF if category == "input" else NEURON_R
    return QRectF(x - r, y - r, 2 * r, 2 * r)


def _accent(kind: str, config: dict) -> QColor:
    # As on the canvas: a neuron takes its activation's colour, anything else its kind's.
    if registry.kind(kind).category == "neuron":
        return QColor(ACTIVATION_COLOURS.get(config.get("activation", ""), NEUTRAL))
    return QColor(kind_colour(kind))


def _wash(colour: QColor, amount: float = WASH) -> QColor:
    return QColor(*(round(255 + (c - 255) * amount) for c in (colour.red(), colour.green(), colour.blue())))


def render_thumbnail(project: Project, size: QSize = QSize(220, 140), background: QColor | None = None) -> QPixmap:
    """A picture of the graph scaled to fit `size`: circles for neurons, rounded squares for
    inputs, rounded rectangles for layers, lines for edges coloured by the sign of the weight."""
    pix = QPixmap(size)
    pix.fill(background or BACKGROUND)
    rects = {n.id: _node_rect(n.kind, n.pos) for n in project.nodes if n.kind in registry.KINDS}
    if not rects:
        return pix
    bounds = QRectF()
    for rect in rects.values():
        bounds = bounds.united(rect)
    margin = 10.0
    avail_w, avail_h = size.width() - 2 * margin, size.height() - 2 * margin
    # Never magnify: a three-node perceptron should look small, not like a close-up.
    scale = min(avail_w / max(bounds.width(), 1.0), avail_h / max(bounds.height(), 1.0), 0.75)
    dx = margin + (avail_w - bounds.width() * scale) / 2 - bounds.left() * scale
    dy = margin + (avail_h - bounds.height() * scale) / 2 - bounds.top() * scale

    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(dx, dy)
    p.scale(scale, scale)
    px = 1.0 / scale      # one device pixel in scene units: lines keep their width at any scale
    # Edges into a kind whose incoming edges carry the weights (a neuron) are coloured by sign.
    weighted = {n.id for n in project.nodes if n.id in rects and registry.kind(n.kind).weighted_inputs}
    for edge in project.edges:
        if edge.source not in rects or edge.target not in rects:
            continue
        value = editing.edge_value(edge.weight)
        if edge.target not in weighted:
            colour, width = LAYER_EDGE, 1.0
        elif value is None or value == 0:
            colour, width = UNSET, 1.0
        else:
            colour, width = (POSITIVE if value > 0 else NEGATIVE), min(1.0 + abs(value) * 0.6, 3.0)
        p.setPen(QPen(colour, width * px))
        # QLineF, not drawLine(QPointF, QPointF): PySide6 6.12.0 leaks a None reference there.
        p.drawLine(QLineF(rects[edge.source].center(), rects[edge.target].center()))
    font = QFont()
    font.setPixelSize(max(6, round(11 * px)))
    font.setBold(True)
    p.setFont(font)
    for node in project.nodes:
        rect = rects.get(node.id)
        if rect is None:
            continue
        accent = _accent(node.kind, node.config)
        p.setPen(QPen(accent, 1.6 * px))
        p.setBrush(_wash(accent))
        spec = registry.kind(node.kind)
        if spec.category == "layer":
            p.drawRoundedRect(rect, 10, 10)
            if rect.width() * scale > 40:
                p.setPen(accent.darker(140))
                units = node.config.get(spec.output_units) if spec.output_units else None
                text = spec.title.split()[0] + (f" {units}" if units else "")
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        elif spec.category == "input":
            p.drawRoundedRect(rect, 9, 9)
        else:
            p.drawEllipse(rect)
    p.end()
    return pix


def thumbnail_for(info: ExampleInfo, size: QSize = QSize(220, 140)) -> QPixmap:
    """The thumbnail of an example file (an empty picture if it no longer loads)."""
    try:
        return render_thumbnail(load_project(info.path), size)
    except ProjectError:
        pix = QPixmap(size)
        pix.fill(BACKGROUND)
        return pix
