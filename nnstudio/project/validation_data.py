"""The checks of a project's data against its network, for validation (see project.validation):
a built-in dataset's name, parameters and columns, an inline table's columns and class labels, and
a CSV source's target columns, against what the input nodes take and the outputs give.

Mixed into validation's checker, which runs these after the network's own checks, once shapes
are known (`self.shapes`); they report through its `error`.
"""
from __future__ import annotations

import numpy as np

from nnstudio.data.dataset import DataError


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


class DataChecks:
    """validation's checks of the data against the network (see the module's docstring)."""

    def check_input_columns(self, raw: int, what: str, where: str) -> None:
        """`raw` input columns (before derived features) against what the input nodes take; `where`
        is the key of the data that has them."""
        features = self.p.data.features if isinstance(self.p.data.features, list) else []
        if features and raw != 2:
            self.error(f"need exactly 2 input columns (x1, x2), but {what} has {raw}",
                       path="data.features")
            return
        shapes = [self.shapes.out.get(i) for i in self.p.inputs] if self.shapes else []
        if shapes and all(s is not None for s in shapes):
            need = sum(int(np.prod(s)) for s in shapes)    # type: ignore[arg-type]
            cols = len(features) if features else raw
            if cols != need:
                given = f"{plural(cols, 'derived feature')}" if features else plural(cols, "input column")
                self.error(f"{what} has {given}, but the input nodes take {need}", path=where)

    def check_builtin(self) -> None:
        """A built-in dataset's name and parameters, and the columns it gives against the network."""
        source = self.p.data.source
        if not isinstance(source, dict) or source.get("kind") != "builtin":
            return
        from nnstudio.data.builtin import BUILTINS, columns
        try:
            n_in, n_out = columns(source.get("name"), source.get("params", {}))
        except DataError as exc:
            self.error(exc.detail, path=exc.where)
            return
        self.check_input_columns(n_in, f"the {source['name']} dataset", "data.source.name")
        width = self.outputs_width()
        if width is None:
            return
        params = source.get("params") or {}
        if BUILTINS[source["name"]].targets == "classes" and params.get("target_encoding", "index") == "index":
            if n_out > width:
                self.error(f"the {source['name']} dataset has {n_out} classes, but the network has only "
                           f"{plural(width, 'output')}", path="data.source.name")
        elif n_out != width:
            self.error(f"the {source['name']} dataset has {plural(n_out, 'target column')}, but the network has "
                       f"{plural(width, 'output')}", path="data.source.name")

    def check_table(self) -> None:
        """Inline data that cannot feed the network: wrong column counts, class labels out of range."""
        source = self.p.data.source
        if not isinstance(source, dict):
            return
        if source.get("kind") == "csv" and source.get("target_encoding") in ("onehot", "index"):
            if len(source.get("target_columns") or ()) != 1:
                self.error(f"must name one column for the {source['target_encoding']} encoding",
                           path="data.source.target_columns")
        if source.get("kind") != "table":
            return
        try:
            x = np.asarray(source.get("inputs", []), dtype=np.float64)
            t = np.asarray(source.get("targets", []), dtype=np.float64)
        except (TypeError, ValueError):
            return          # check_settings has said why
        if x.ndim != 2 or not len(x) or self.shapes is None:
            return
        self.check_input_columns(x.shape[1], "the data table", "data.source.inputs")
        width = self.outputs_width()
        outs = [self.shapes.out.get(o) for o in self.p.outputs]
        if width is None or not all(s is not None and len(s) == 1 for s in outs):
            return
        sparse = self.p.training.loss == "sparse_categorical_crossentropy"
        if t.ndim == 2 and t.shape[1] != width and not (sparse and t.shape[1] == 1):
            self.error(f"the data table has {plural(t.shape[1], 'target column')}, but the network has "
                       f"{plural(width, 'output')}", path="data.source.targets")
        elif sparse and t.size and (t.ndim == 1 or t.shape[1] == 1) and t.max() >= width:
            self.error(f"the data table has class label {int(t.max())}, but the network has only "
                       f"{plural(width, 'output')}", path="data.source.targets")
