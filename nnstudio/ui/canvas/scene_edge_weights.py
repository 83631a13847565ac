"""The scene's edge colours from a running training's weights, and thinning (drawing only the
strongest share of the weighted edges). A base class of CanvasScene (scene.py), which holds the
edges (`_edges`), the edge layer (`layer`) and `_edge_style` / `is_weighted_edge`."""
from __future__ import annotations

import numpy as np

from nnstudio.project import registry
from nnstudio.ui.canvas import looks


class EdgeWeights:
    """Mixed into CanvasScene."""

    def show_live_weights(self, weights: dict[str, object]) -> None:
        """Restyle weighted edges from a running training's weights (the document has the
        weights from before the run until it pauses; `restore_edge_styles` goes back to them)."""
        weighted = {node_id for node_id, node in self._nodes.items()
                    if (kind := registry.KINDS.get(node.kind)) is not None and kind.weighted_inputs}
        edges, ids, values, trainable = self._edges, [], [], []
        for edge_id, weight in weights.items():
            edge = edges.get(edge_id)
            if edge is not None and isinstance(weight, float) and edge.target in weighted:
                ids.append(edge_id)
                values.append(weight)
                trainable.append(edge.trainable)
        styles = dict(zip(ids, looks.weight_styles(np.array(values), np.array(trainable, dtype=bool))))
        strengths = dict(zip(ids, np.abs(np.array(values)).tolist()))
        self.layer.set_styles(styles)       # one rebuild of the edge picture, not one per edge
        self.layer.set_strengths(strengths)

    def restore_edge_styles(self) -> None:
        ids = [edge_id for edge_id in self._edges if edge_id in self.edge_items]
        self.layer.set_styles({edge_id: self._edge_style(self._edges[edge_id]) for edge_id in ids})
        if self.edge_share < 1:
            self.layer.set_strengths({edge_id: self._strength(edge_id) for edge_id in ids})

    def _strength(self, edge_id: str) -> float | None:
        edge = self._edges.get(edge_id)
        return looks.edge_strength(edge, self.is_weighted_edge(edge_id, edge)) if edge is not None else None

    def set_edge_share(self, share: float) -> None:
        """Draw only the strongest `share` of the weighted edges (1: all of them)."""
        if share < 1 <= self.edge_share:        # gathered only while thinning: opening stays quick
            self.layer.set_strengths({edge_id: self._strength(edge_id) for edge_id in self._edges})
        self.edge_share = share
        self.layer.set_share(share)
