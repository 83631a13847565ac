"""Expanded layers in the scene: which nodes are drawn as their units, the WeightLines between
them, what the units show (a probe's values, a Backprop walk's, each first-layer unit's weight
picture) and the on-demand WeightItems that let one W[row, unit] be selected.

A base class of CanvasScene (scene.py), which calls `_expanded_item` while it builds node items,
`_drawn_as_weights` to leave out document edges drawn as weights instead, `_build_weight_lines`
after building, and `_weight_lines_moved` when nodes move. Expanding or collapsing (the
document's "view_changed" event) rebuilds the scene: it is a rare, deliberate step.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF
from PySide6.QtWidgets import QGraphicsItem

from nnstudio.errors import ProjectError
from nnstudio.project import expansion
from nnstudio.project.convert_parts import current_values
from nnstudio.project.expansion import Part
from nnstudio.project.model import Edge, Node
from nnstudio.ui.canvas.expanded_items import ExpandedNodeItem, WeightItem, diverging_rgb, rgb_image, title_of
from nnstudio.ui.canvas.items import NodeItem, NodeLook
from nnstudio.ui.canvas.scene_support import added
from nnstudio.ui.canvas.weight_lines import WeightLines

HIT_TOLERANCE = 5.0        # scene units either side of a drawn weight


class ExpandedLayers:
    """Mixed into CanvasScene."""

    def _reset_expanded(self) -> None:
        """Work out which nodes are drawn expanded now (called first in every rebuild)."""
        project = self.doc.project
        known = {n.id for n in project.nodes}
        self._expanded: set[str] = {i for i in self.doc.expanded()
                                    if i in known and expansion.why_not_expand(project, i) is None}
        self.weight_lines: dict[tuple[str, str], WeightLines] = {}     # (edge id, dense id) → lines
        self._weight_items: dict[Part, WeightItem] = {}
        self._layer_W: dict[str, np.ndarray] = {}

    def expanded_ids(self) -> set[str]:
        """The nodes drawn as their units."""
        return set(self._expanded)

    def set_edge_share(self, share: float) -> None:
        """Thinning (View ▸ Edges) applies to drawn weights as it does to edges."""
        super().set_edge_share(share)
        for lines in self.weight_lines.values():
            lines.set_share(share)

    def _on_view_changed(self, _payload: dict) -> None:
        selected = [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]
        self.rebuild()
        for node_id in selected:            # the same nodes stay selected, drawn anew
            if node_id in self.node_items:
                self.node_items[node_id].setSelected(True)

    def _touches_expanded(self, event) -> bool:
        """Whether a document event changes what an expanded node draws (its units, the edges
        drawn as its weights): the scene then rebuilds. A node added back by undo may be one the
        view setting still names."""
        payload = event.payload
        if event.kind in ("node_added", "node_removed", "node_changed"):
            return payload.get("node_id") in self._expanded or (
                event.kind == "node_added" and payload.get("node_id") in self.doc.expanded())
        if event.kind in ("edge_added", "edge_removed"):
            edge = payload["edge"] if event.kind == "edge_removed" else added(self.doc.project.edges, payload, "edge_id")
            return edge.source in self._expanded or edge.target in self._expanded
        return False

    # --- building --------------------------------------------------------------------------------
    def _expanded_item(self, node: Node, look: NodeLook) -> NodeItem | None:
        """The node's item when it is drawn expanded, else None."""
        if node.id not in self._expanded:
            return None
        project = self.doc.project
        offsets = expansion.unit_offsets(project, node.id)
        grid = expansion.image_grid(project, node.id) if node.kind == "input" else None
        pictures = node.kind == "dense" and expansion.unit_image(project, node.id) is not None
        return ExpandedNodeItem(node.id, look, node.pos, offsets, grid,
                                title_of(node.label or node.id, look.detail), pictures)

    def _drawn_as_weights(self, edge: Edge) -> bool:
        """An edge between two expanded nodes into a dense layer is drawn as its weights."""
        return edge.source in self._expanded and edge.target in self._expanded and \
            self._nodes.get(edge.target) is not None and self._nodes[edge.target].kind == "dense"

    def _build_weight_lines(self) -> None:
        project = self.doc.project
        for node_id in self._expanded:
            if self._nodes[node_id].kind != "dense":
                continue
            for block in expansion.weight_blocks(project, node_id):
                source = self._drawn_source(block.source, block.width)
                if source is None:
                    continue
                units = len(self.node_items[node_id].offsets)
                rows = np.repeat(np.arange(block.row_offset, block.row_offset + block.width), units)
                cols = np.tile(np.arange(units), block.width)
                lines = WeightLines(node_id, rows, cols)
                lines.source_id, lines.row_offset = source, block.row_offset
                lines.set_share(self.edge_share)
                self.weight_lines[(block.edge_id, node_id)] = lines
                self.addItem(lines)
                self._place_lines(lines)
        self._refresh_layer_weights(self._expanded)

    def _drawn_source(self, source_id: str, width: int) -> str | None:
        """The expanded node whose units a dense layer's rows come from: its source, or the
        source of a flatten in between (a flatten only reshapes: row k is pixel k)."""
        if source_id in self._expanded:
            return source_id
        node = self._nodes.get(source_id)
        feeding = self.doc.project.incoming(source_id) if node is not None and node.kind == "flatten" else []
        if len(feeding) == 1 and feeding[0].source in self._expanded and \
                len(self.node_items[feeding[0].source].offsets) == width:
            return feeding[0].source
        return None

    def _place_lines(self, lines: WeightLines) -> None:
        source, target = self.node_items[lines.source_id], self.node_items[lines.node_id]
        starts, ends = source.unit_points("out"), target.unit_points("in")
        if not len(starts) or not len(ends):
            lines.set_segments(np.zeros((0, 4)))
            return
        rows = np.clip(lines.rows - lines.row_offset, 0, len(starts) - 1)
        lines.set_segments(np.hstack([starts[rows], ends[lines.units]]))

    def _weights_drag(self, node_ids: list[str]) -> None:
        """The drawn weights with an end on a dragged node draw their strongest few until release."""
        dragged = set(node_ids)
        for lines in self.weight_lines.values():
            lines.set_moving(lines.source_id in dragged or lines.node_id in dragged)

    def _weight_lines_moved(self, node_ids: list[str]) -> None:
        moved = set(node_ids)
        placed = set()                      # the layers some of whose drawn weights moved
        for lines in self.weight_lines.values():
            if lines.source_id in moved or lines.node_id in moved:
                self._place_lines(lines)
                placed.add(lines.node_id)
        for part, item in self._weight_items.items():
            segment = self._weight_segment(part) if part.node_id in placed else None
            if segment is not None:
                item.setLine(QLineF(*segment))

    # --- weights and values --------------------------------------------------------------------
    def _refresh_layer_weights(self, node_ids) -> None:
        """Colour the expanded dense layers' lines and pictures from the document's weights."""
        dense = [i for i in node_ids if i in self._expanded and self._nodes[i].kind == "dense"]
        if not dense:
            return
        try:
            params, _ = current_values(self.doc.project, dense)
        except ProjectError:
            return          # a network that cannot compile: validation says why
        self.show_layer_weights({i: params[i]["W"] for i in dense if "W" in params.get(i, {})})

    def show_layer_weights(self, matrices: dict[str, np.ndarray]) -> None:
        """Colour expanded dense layers' drawn weights by these W matrices (node id → W), from the
        document or a running training."""
        for node_id, W in matrices.items():
            if node_id not in self._expanded:
                continue
            self._layer_W[node_id] = W
            for (_, target_id), lines in self.weight_lines.items():
                if target_id == node_id:
                    lines.set_weights(W)
            item = self.node_items.get(node_id)
            if isinstance(item, ExpandedNodeItem) and item.pictures:
                grid = expansion.unit_image(self.doc.project, node_id)
                if grid is not None and W.shape[0] == grid[0] * grid[1]:
                    rgb = diverging_rgb(W.T.reshape(W.shape[1], grid[0], grid[1]))
                    item.set_unit_images([rgb_image(picture) for picture in rgb])

    def weight_paint_seconds(self) -> float:
        """What the last paint of every drawn weight took (live.py paces recolours by it)."""
        return sum(lines.paint_seconds for lines in self.weight_lines.values())

    def layer_weights(self, node_id: str) -> np.ndarray | None:
        """The W an expanded dense layer's lines show now."""
        return self._layer_W.get(node_id)

    def set_unit_values(self, values: dict[str, np.ndarray | None]) -> None:
        """Each expanded node's unit values for the chosen sample (node id → vector or None)."""
        for node_id in self._expanded:
            item = self.node_items.get(node_id)
            if isinstance(item, ExpandedNodeItem):
                item.set_unit_values(values.get(node_id))

    def show_run_values(self, probe, sample: int, walk: dict[str, tuple[float, str]] | None) -> None:
        """Colour the expanded nodes' units by a Backprop walk's values (keyed by unit ids) when
        one is shown, else by the probe's values for the chosen sample: an input's pixels, a
        layer's outputs."""
        if walk is not None:
            self.set_unit_values(self._walk_vectors(walk))
            return
        values: dict[str, np.ndarray | None] = {}
        for node_id in self._expanded:
            vector: np.ndarray | None = None
            if probe is not None and sample < len(probe.inputs):
                columns = self.input_columns(node_id) if self._nodes[node_id].kind == "input" else None
                outputs = probe.node_outputs.get(node_id)
                if columns is not None:
                    vector = np.asarray(probe.inputs[sample], dtype=np.float64).reshape(-1)[columns]
                elif outputs is not None and outputs.ndim == 2 and sample < len(outputs):
                    vector = outputs[sample]
            values[node_id] = vector
        self.set_unit_values(values)

    def _walk_vectors(self, walk: dict[str, tuple[float, str]]) -> dict[str, np.ndarray | None]:
        """Each expanded node's unit values from a walk keyed by unit ids (NaN where the walk has
        none yet; None for a node it has no value for), reading each id once."""
        vectors = {node_id: np.full(len(self.node_items[node_id].offsets), np.nan) for node_id in self._expanded}
        for key, (value, _) in walk.items():
            part = expansion.parse_part_id(key)
            vector = vectors.get(part.node_id) if part is not None and part.row is None else None
            if vector is not None and part.unit < len(vector):
                vector[part.unit] = value
        return {node_id: None if np.isnan(v).all() else v for node_id, v in vectors.items()}

    def part_tooltip(self, part: Part) -> str:
        """E.g. 'hidden unit 4: 0.53' or 'W[10, 3] of hidden = 0.0123: x[10] → hidden unit 4'."""
        node = self._nodes.get(part.node_id)
        item = self.node_items.get(part.node_id)
        if node is None or not isinstance(item, ExpandedNodeItem):
            return ""
        label = node.label or node.id
        if part.row is None:
            unit = item.units[part.unit] if part.unit < len(item.units) else None
            value = unit.value_text if unit is not None else ""
            if item.grid:
                text = self.tr("{layer} pixel {number}: {value}") if value else self.tr("{layer} pixel {number}")
            else:
                text = self.tr("{layer} unit {number}: {value}") if value else self.tr("{layer} unit {number}")
            return text.format(layer=label, number=part.unit + 1, value=value)
        W = self._layer_W.get(part.node_id)
        value = f" = {W[part.row, part.unit]:.4g}" if W is not None else ""
        lines = next((li for li in self.weight_lines.values() if li.node_id == part.node_id and
                      li.row_offset <= part.row < li.row_offset + len(self.node_items[li.source_id].offsets)), None)
        source = ""
        if lines is not None:
            source_node = self._nodes[lines.source_id]
            source = f"{source_node.label or source_node.id}[{part.row - lines.row_offset}] → "
        return self.tr("W[{row}, {unit}] of {layer}{value}: {source}{layer} unit {number}").format(
            row=part.row, unit=part.unit, layer=label, value=value, source=source, number=part.unit + 1)

    def input_columns(self, node_id: str) -> slice | None:
        """Where an input node's values sit among a sample's input columns."""
        start = 0
        for input_id in self.doc.project.inputs:
            node = self._nodes.get(input_id)
            width = int(np.prod(node.config.get("shape", [1]))) if node is not None else 1
            if input_id == node_id:
                return slice(start, start + width)
            start += width
        return None

    # --- picking one weight --------------------------------------------------------------------
    def make_weight_near(self, pos: QPointF) -> Part | None:
        """Give the drawn weight nearest to `pos` (within HIT_TOLERANCE) its WeightItem."""
        best: tuple[float, Part, tuple] | None = None
        for lines in self.weight_lines.values():
            k = lines.nearest(pos, HIT_TOLERANCE)
            if k is None:
                continue
            seg = tuple(lines.segs[k])
            part = Part(lines.node_id, int(lines.units[k]), int(lines.rows[k]))
            distance = _distance(pos, seg)
            if best is None or distance < best[0]:
                best = (distance, part, seg)
        if best is None:
            return None
        _, part, seg = best
        item = self._weight_items.pop(part, None) or WeightItem(part, QLineF(*seg))
        if item.scene() is None:
            self.addItem(item)
        self._weight_items[part] = item         # the newest last: _drop_unused_weights keeps it
        self._drop_unused_weights()
        return part

    def weight_item(self, part: Part) -> WeightItem | None:
        """The WeightItem of a drawn weight, made if needed (None if it is not drawn)."""
        if part in self._weight_items:
            return self._weight_items[part]
        segment = self._weight_segment(part)
        if segment is None:
            return None
        item = WeightItem(part, QLineF(*segment))
        self.addItem(item)
        self._weight_items[part] = item
        return item

    def part_item(self, text: str) -> QGraphicsItem | None:
        """The hit target of a drawn unit or weight named by its id (expansion.unit_id /
        weight_id), or None when no expanded layer draws it."""
        part = expansion.parse_part_id(text)
        item = self.node_items.get(part.node_id) if part is not None else None
        if not isinstance(item, ExpandedNodeItem):
            return None
        if part.row is None:
            return item.units[part.unit] if part.unit < len(item.units) else None
        return self.weight_item(part)

    def _weight_segment(self, part: Part) -> tuple | None:
        for lines in self.weight_lines.values():
            if lines.node_id == part.node_id:
                hit = np.flatnonzero((lines.rows == part.row) & (lines.units == part.unit))
                if len(hit):
                    return tuple(lines.segs[int(hit[0])])
        return None

    def _drop_unused_weights(self) -> None:
        for part in [p for p, item in self._weight_items.items() if not item.isSelected()][:-1]:
            self.removeItem(self._weight_items.pop(part))


def _distance(pos: QPointF, seg: tuple) -> float:
    x1, y1, x2, y2 = seg
    dx, dy = x2 - x1, y2 - y1
    t = min(1.0, max(0.0, ((pos.x() - x1) * dx + (pos.y() - y1) * dy) / max(dx * dx + dy * dy, 1e-12)))
    return float(np.hypot(x1 + t * dx - pos.x(), y1 + t * dy - pos.y()))
