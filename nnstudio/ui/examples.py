"""The shipped example projects: listing them and drawing cheap thumbnails of their graphs.

Thumbnails are painted straight from the project data with QPainter, without building a canvas
scene, so the start page and the Examples dialog stay fast however many examples there are.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPixmap

from nnstudio.project import editing, registry
from nnstudio.project.errors import ProjectError
from nnstudio.project.io import load_project
from nnstudio.project.model import Project

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "examples"
# A teaching order: single neurons first, then hidden layers, then layers. Others follow by name.
ORDER = ("perceptron_and", "perceptron_or", "perceptron_learns_and", "xnor", "backprop_worked_example",
         "xor_5_hidden", "xor_dense", "softmax_3class")

# Approximate on-canvas sizes in scene units, so thumbnails keep the canvas's proportions.
NEURON_RADIUS = 22.0
LAYER_SIZE = (120.0, 64.0)
COLOURS = {"input": QColor("#66bb6a"), "neuron": QColor("#42a5f5"), "layer": QColor("#ffb74d")}
POSITIVE, NEGATIVE, NEUTRAL = QColor("#e53935"), QColor("#1e88e5"), QColor("#90a4ae")


@dataclass(frozen=True)
class ExampleInfo:
    path: Path
    name: str
    description: str

    @property
    def summary(self) -> str:
        return first_sentence(self.description)


def first_sentence(text: str, limit: int = 140) -> str:
    """The description's first sentence (a full stop followed by a space or the end), shortened
    to `limit` characters."""
    text = " ".join(text.split())
    match = re.search(r"[.!?](\s|$)", text)
    sentence = text[:match.start() + 1] if match else text
    return sentence if len(sentence) <= limit else sentence[:limit - 1].rstrip() + "…"


def _rank(path: Path) -> tuple[int, str]:
    stem = path.stem
    return (ORDER.index(stem) if stem in ORDER else len(ORDER), stem)


def example_paths() -> list[Path]:
    """Every example file, in teaching order."""
    return sorted(EXAMPLES_DIR.glob("*.json"), key=_rank)


def list_examples() -> list[ExampleInfo]:
    """The examples that load. One broken file must not take the whole gallery down; the tests
    check that every file loads."""
    out = []
    for path in example_paths():
        try:
            project = load_project(path)
        except ProjectError:
            continue
        out.append(ExampleInfo(path, project.meta.get("name") or path.stem, project.meta.get("description", "")))
    return out


def _node_rect(kind: str, pos: tuple[float, float]) -> QRectF:
    x, y = pos
    if registry.kind(kind).category == "layer":
        w, h = LAYER_SIZE
        return QRectF(x - w / 2, y - h / 2, w, h)
    return QRectF(x - NEURON_RADIUS, y - NEURON_RADIUS, 2 * NEURON_RADIUS, 2 * NEURON_RADIUS)


def render_thumbnail(project: Project, size: QSize = QSize(220, 140), background: QColor | None = None) -> QPixmap:
    """A picture of the graph scaled to fit `size`: circles for inputs and neurons, rounded
    rectangles for layers, lines for edges (red positive, blue negative weights)."""
    pix = QPixmap(size)
    pix.fill(background or QColor("#fafbfc"))
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
    px = 1.0 / scale      # one device pixel in scene units: lines stay crisp at any scale
    for edge in project.edges:
        if edge.source not in rects or edge.target not in rects:
            continue
        value = editing.edge_value(edge.weight)
        colour = NEUTRAL if not value else (POSITIVE if value > 0 else NEGATIVE)
        width = 1.0 if value is None else min(1.0 + abs(value) * 0.6, 3.0)
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
        category = registry.kind(node.kind).category
        fill = COLOURS[category]
        p.setPen(QPen(fill.darker(140), 1.4 * px))
        p.setBrush(fill)
        if category == "layer":
            p.drawRoundedRect(rect, 10, 10)
            if rect.width() * scale > 40:
                p.setPen(QColor("#3e2723"))
                units = node.config.get("units")
                text = registry.kind(node.kind).title.split()[0] + (f" {units}" if units else "")
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
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
        pix.fill(QColor("#fafbfc"))
        return pix


def centre_of(project: Project) -> QPointF:
    """The middle of the graph's node positions (used to centre a view on a fresh project)."""
    if not project.nodes:
        return QPointF(0, 0)
    xs = [n.pos[0] for n in project.nodes]
    ys = [n.pos[1] for n in project.nodes]
    return QPointF((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
