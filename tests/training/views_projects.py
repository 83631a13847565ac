"""Small projects for the tests of the live views: a digits CNN and an LSTM on sequences."""
from __future__ import annotations

from nnstudio.project import editing
from nnstudio.project.model import DataSpec, Edge, Project, TrainingSpec


def chain(specs: list[tuple[str, str, dict]], data: dict, loss: str) -> Project:
    """Nodes (id, kind, config) joined in a row, the first the input and the last the output."""
    p = Project()
    for k, (node_id, kind, config) in enumerate(specs):
        node = editing.new_node(p, kind, (200.0 * k, 0.0), **config)
        node.id = node.label = node_id
        p.nodes.append(node)
    for k in range(1, len(specs)):
        p.edges.append(Edge(f"e{k}", specs[k - 1][0], specs[k][0]))
    p.inputs, p.outputs = [specs[0][0]], [specs[-1][0]]
    p.data = DataSpec(source=data)
    p.training = TrainingSpec(loss=loss, optimizer={"kind": "adam", "lr": 0.01}, epochs=2, batch_size=32, seed=0)
    return p


def digits_cnn(filters: int = 4) -> Project:
    """input [1, 8, 8] → conv2d 3×3 relu → maxpool2d 2 → flatten → dense 10 softmax, on the digits."""
    return chain([("x", "input", {"shape": [1, 8, 8]}),
                  ("c1", "conv2d", {"filters": filters, "kernel_size": 3, "activation": "relu"}),
                  ("p1", "maxpool2d", {"pool_size": 2}),
                  ("flat", "flatten", {}),
                  ("out", "dense", {"units": 10, "activation": "softmax"})],
                 {"kind": "builtin", "name": "digits", "params": {}}, "sparse_categorical_crossentropy")


def bits_recurrent(kind: str = "lstm", units: int = 3, steps: int = 6) -> Project:
    """input [steps, 1] → `kind` (units) → dense 1 sigmoid, on the first-bit task."""
    return chain([("x", "input", {"shape": [steps, 1]}),
                  ("r", kind, {"units": units}),
                  ("out", "dense", {"units": 1, "activation": "sigmoid"})],
                 {"kind": "builtin", "name": "first_bit", "params": {"samples": 64, "steps": steps}},
                 "binary_crossentropy")
