"""The document's data: plain dataclasses with stable string ids. No Qt, no engine.

Config (constructor arguments, JSON scalars and lists) is kept apart from params (NumPy arrays).
`to_dict`/`from_dict` live in `io.py`, which checks every field; these classes only hold data.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np

FORMAT_NAME = "nnstudio.project"
FORMAT_VERSION = 1
DEFAULT_OPTIMIZER = {"kind": "sgd", "lr": 0.5, "momentum": 0.9}

# An edge weight is a scalar (source outputs one value), a vector (source outputs several),
# or None (initialise from the target neuron's `init`).
EdgeWeight = float | np.ndarray | None


@dataclass
class Node:
    id: str
    kind: str
    label: str = ""
    pos: tuple[float, float] = (0.0, 0.0)
    config: dict[str, Any] = field(default_factory=dict)
    params: dict[str, np.ndarray] = field(default_factory=dict)

    def copy(self) -> "Node":
        return Node(self.id, self.kind, self.label, tuple(self.pos), copy.deepcopy(self.config),
                    {k: np.array(v, copy=True) for k, v in self.params.items()})


@dataclass
class Edge:
    id: str
    source: str
    target: str
    weight: EdgeWeight = None
    trainable: bool = True

    def copy(self) -> "Edge":
        w = self.weight
        return Edge(self.id, self.source, self.target,
                    np.array(w, copy=True) if isinstance(w, np.ndarray) else w, self.trainable)


@dataclass
class DataSpec:
    """Where the samples come from (`source`, a dict whose `kind` picks the loader) and how
    they are split and scaled. `features` lists derived input columns (data/features.py; empty:
    the raw columns). `normalizer` holds the statistics fitted when the project was last trained
    (`{"kind", "offset", "scale"}`, see data/prepare.py `Normalizer.to_dict`), or None."""
    source: dict[str, Any] = field(default_factory=lambda: {"kind": "table", "inputs": [], "targets": []})
    validation_split: float = 0.0
    normalize: str = "none"
    split_seed: int | None = None
    features: list[str] = field(default_factory=list)
    normalizer: dict[str, Any] | None = None


@dataclass
class TrainingSpec:
    """How a project trains. The defaults are what a new project and a file that leaves these keys
    out get. They learn XOR on the README's flow (2 inputs, a column of 3 sigmoid neurons, 1 output
    neuron) for 98 of 100 seeds, at a median of ~150 epochs: full-batch SGD with momentum escapes
    the plateaus where a 2-3-1 XOR net's half-right outputs sit, which Adam at any rate we tried
    (0.03–0.3) stays on for 2–3 seeds in 10. See tests/ui/test_first_hour.py."""
    loss: str = "mse"
    optimizer: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_OPTIMIZER))
    schedule: dict[str, Any] = field(default_factory=lambda: {"kind": "constant"})
    epochs: int = 1000
    batch_size: int = 0
    shuffle: bool = False
    seed: int = 0
    regularization: dict[str, float] = field(default_factory=lambda: {"l1": 0.0, "l2": 0.0})
    dtype: str = "float64"
    # Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_), or None for none.
    clip_norm: float | None = None


@dataclass
class History:
    """One entry per epoch trained so far; `val_loss`/accuracies hold None where not measured."""
    epoch: list[int] = field(default_factory=list)
    loss: list[float] = field(default_factory=list)
    val_loss: list[float | None] = field(default_factory=list)
    accuracy: list[float | None] = field(default_factory=list)
    val_accuracy: list[float | None] = field(default_factory=list)


@dataclass
class Project:
    meta: dict[str, str] = field(default_factory=lambda: {"name": "Untitled", "description": ""})
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    data: DataSpec = field(default_factory=DataSpec)
    training: TrainingSpec = field(default_factory=TrainingSpec)
    history: History = field(default_factory=History)
    # How the canvas shows the network, saved with it but never an edit (no undo, no weights):
    # {"expanded": [node ids drawn as their units]}. Empty: nothing to say, and not written.
    view: dict[str, Any] = field(default_factory=dict)
    # Where the file lives; relative data paths resolve against its folder. Not saved.
    path: str | None = None

    # --- lookups -------------------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def edge(self, edge_id: str) -> Edge:
        for e in self.edges:
            if e.id == edge_id:
                return e
        raise KeyError(edge_id)

    def node_ids(self) -> list[str]:
        return [n.id for n in self.nodes]

    def incoming(self, node_id: str) -> list[Edge]:
        """Edges into `node_id` in file order (their order defines input concatenation)."""
        return [e for e in self.edges if e.target == node_id]

    def outgoing(self, node_id: str) -> list[Edge]:
        return [e for e in self.edges if e.source == node_id]

    def new_id(self, prefix: str) -> str:
        """A fresh id `prefix<N>` not used by any node or edge."""
        used = {n.id for n in self.nodes} | {e.id for e in self.edges}
        n = 1
        while f"{prefix}{n}" in used:
            n += 1
        return f"{prefix}{n}"

    def copy(self) -> "Project":
        return Project(dict(self.meta), [n.copy() for n in self.nodes], [e.copy() for e in self.edges],
                       list(self.inputs), list(self.outputs), copy.deepcopy(self.data),
                       copy.deepcopy(self.training), copy.deepcopy(self.history), copy.deepcopy(self.view),
                       self.path)
