"""The scene's edge colours from a running training's weights (or their gradients), and thinning (drawing only the
strongest share of the weighted edges). A base class of CanvasScene (scene.py), which holds the
document (`doc`), the nodes and edges (`_nodes`, `_edges`), the last validation's edge problems
(`_edge_problems`), the edge layer (`layer`), the hit targets (`edge_items`) and `_edge_style` /
`is_weighted_edge`."""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

from nnstudio.project import registry
from nnstudio.ui.canvas import looks

# The largest |∂L/∂w| of a snapshot is drawn as wide as a weight of this size (looks' widest).
GRADIENT_SPAN = 4.0


class _LivePlan(NamedTuple):
    """Which of a snapshot's weights restyle which of the edge layer's rows. Snapshots of one
    run list the same edges in the same order, so this is worked out once, not per snapshot."""
    keys: list[str]             # the snapshot's edge ids, in its order
    valid_for: tuple            # (document revision, edge layer, its row layout, its row count)
    layer: object
    taken: np.ndarray           # positions in `keys` of the weights drawn (a number, into a neuron)
    rows: np.ndarray            # their rows in the edge layer
    trainable: np.ndarray
    all_numbers: bool           # every weight was a single number (no vector weights)


class EdgeWeights:
    """Mixed into CanvasScene."""

    _live_plan: _LivePlan | None = None

    def show_live_weights(self, weights: dict[str, object]) -> None:
        """Restyle weighted edges from a running training's weights (the document has the
        weights from before the run until it pauses; `restore_edge_styles` goes back to them)."""
        plan, values = self._drawn_values(weights)
        codes, table = looks.weight_style_codes(values, plan.trainable)
        self.layer.set_style_codes(plan.rows, codes, table)     # one rebuild of the edge picture
        self.layer.set_strength_rows(plan.rows, np.abs(values))

    def show_live_gradients(self, gradients: dict[str, object]) -> None:
        """Restyle weighted edges from a run's ∂L/∂w (LiveSnapshot.edge_gradients): coloured by
        the gradient's sign as weights are, and as wide as |∂L/∂w| is next to the largest of
        this snapshot. Gradients are orders of magnitude smaller than weights and shrink as
        training settles: on the weights' fixed scale every edge would be drawn thinnest."""
        plan, values = self._drawn_values(gradients)
        finite = np.isfinite(values)
        largest = float(np.abs(values[finite]).max()) if finite.any() else 0.0
        scaled = values * (GRADIENT_SPAN / largest) if largest > 0 else np.where(finite, 0.0, values)
        codes, table = looks.weight_style_codes(scaled, plan.trainable)
        self.layer.set_style_codes(plan.rows, codes, table)
        self.layer.set_strength_rows(plan.rows, np.abs(values))    # thinning keeps the largest |∂L/∂w|

    def _drawn_values(self, weights: dict[str, object]) -> tuple[_LivePlan, np.ndarray]:
        """The plan for a snapshot's weights (or gradients, listed the same way) and the numbers
        of the edges drawn from them, in the plan's row order."""
        keys = list(weights)
        plan = self._plan_for(keys, weights)
        if plan.all_numbers:
            values = np.fromiter(weights.values(), np.float64, len(keys))[plan.taken]
        else:
            listed = list(weights.values())
            values = np.array([listed[k] for k in plan.taken.tolist()], dtype=np.float64)
        return plan, values

    def _plan_for(self, keys: list[str], weights: dict[str, object]) -> _LivePlan:
        layer = self.layer
        valid_for = (self.doc.revision, layer.rows.layout, len(layer.rows))
        plan = self._live_plan
        if plan is not None and plan.layer is layer and plan.valid_for == valid_for and plan.keys == keys:
            return plan
        weighted = self._weighted_nodes()
        edges, taken, ids, trainable, all_numbers = self._edges, [], [], [], True
        for k, (edge_id, weight) in enumerate(weights.items()):
            edge = edges.get(edge_id)
            is_number = isinstance(weight, float)
            all_numbers = all_numbers and is_number
            if edge is not None and is_number and edge.target in weighted:
                taken.append(k)
                ids.append(edge_id)
                trainable.append(edge.trainable)
        rows = layer.rows.rows_of(ids)
        drawn = rows >= 0           # an edge may be drawn otherwise (an expanded layer's W)
        plan = _LivePlan(keys, valid_for, layer, np.array(taken, dtype=np.int64)[drawn], rows[drawn],
                         np.array(trainable, dtype=bool)[drawn], all_numbers)
        self._live_plan = plan
        return plan

    def restore_edge_styles(self) -> None:
        """Edges drawn from the document's weights again. Most are single numbers into neurons
        without a problem: those are restyled as one array (100,000 of them at a pause)."""
        weighted, problems, items = self._weighted_nodes(), self._edge_problems, self.edge_items
        plain_ids, plain_weights, plain_trainable, others = [], [], [], {}
        for edge_id, edge in self._edges.items():
            if edge_id not in items:
                continue
            if type(edge.weight) is float and edge.target in weighted and edge_id not in problems:
                plain_ids.append(edge_id)
                plain_weights.append(edge.weight)
                plain_trainable.append(edge.trainable)
            else:
                others[edge_id] = self._edge_style(edge)
        codes, table = looks.weight_style_codes(np.array(plain_weights, dtype=np.float64),
                                                np.array(plain_trainable, dtype=bool))
        self.layer.set_style_codes(self.layer.rows.rows_of(plain_ids), codes, table)
        self.layer.set_styles(others)
        if self.edge_share < 1:
            self.layer.set_strengths({edge_id: self._strength(edge_id) for edge_id in self._edges if edge_id in items})

    def _weighted_nodes(self) -> set[str]:
        """The nodes whose incoming edges carry their weights (neurons)."""
        return {node_id for node_id, node in self._nodes.items()
                if (kind := registry.KINDS.get(node.kind)) is not None and kind.weighted_inputs}

    def _strength(self, edge_id: str) -> float | None:
        edge = self._edges.get(edge_id)
        return looks.edge_strength(edge, self.is_weighted_edge(edge_id, edge)) if edge is not None else None

    def set_edge_share(self, share: float) -> None:
        """Draw only the strongest `share` of the weighted edges (1: all of them)."""
        if share < 1 <= self.edge_share:        # gathered only while thinning: opening stays quick
            self.layer.set_strengths({edge_id: self._strength(edge_id) for edge_id in self._edges})
        self.edge_share = share
        self.layer.set_share(share)
