"""Derived input features for the ONNX import (data/features.py): nnstudio's export computes them
from the raw columns x1 and x2 of a two-column input (Slice, then Identity, Mul or Sin, then
Concat); the import recognises those and gives them back as `data.features`, the input node
taking the derived columns. A mixin of onnx_import_ops.Builder."""
from __future__ import annotations

from nnstudio.data.features import FEATURE_NAMES
from nnstudio.export.onnx_import_shapes import Val


class FeatureOps:
    def feature_column(self, node, v: Val, start: int, stop: int) -> bool:
        """Slice of a raw two-column input's column 0 or 1: the feature x1 or x2 (True)."""
        if v.raw is None or v.layout not in ("", "cols") or v.shape != (2,) or stop != start + 1:
            return False
        self.values[node.output[0]] = Val(v.sources, (1,), "feat", raw=v.raw, flat=f"x{start + 1}")
        return True

    def op_Mul(self, node, a) -> None:
        x, y = self.val(node, 0), self.val(node, 1)
        name = {("x1", "x1"): "x1^2", ("x2", "x2"): "x2^2", ("x1", "x2"): "x1*x2"}.get(
            tuple(sorted((x.flat, y.flat)))) if x.layout == y.layout == "feat" else None
        if name is None:
            raise self.fail(node, "multiplies tensors, which nnstudio draws only as a derived input feature "
                            "(x1^2, x2^2, x1*x2)")
        self.values[node.output[0]] = Val(x.sources, (1,), "feat", raw=x.raw, flat=name)

    def op_Sin(self, node, a) -> None:
        x = self.val(node)
        if x.layout != "feat" or x.flat not in ("x1", "x2"):
            raise self.fail(node, "takes a sine, which nnstudio draws only as a derived input feature (sin(x1))")
        self.values[node.output[0]] = Val(x.sources, (1,), "feat", raw=x.raw, flat=f"sin({x.flat})")

    def feature_join(self, node, vals: list[Val]) -> bool:
        """Concat of derived feature columns: the input node takes them, data.features lists them."""
        if not vals or any(v.layout != "feat" for v in vals):
            return False
        names = [v.flat for v in vals]
        source = vals[0].sources[0]
        if (any(v.sources != [source] for v in vals) or len(set(names)) != len(names)
                or not set(names) <= set(FEATURE_NAMES) or self.features):
            raise self.fail(node, "joins input columns in a way nnstudio's derived features do not")
        self.features = {source: names}
        n = self.node_of(source)
        n.config["shape"] = [len(names)]
        self.shapes[source] = (len(names),)
        self.values[node.output[0]] = Val([source], (len(names),), raw=vals[0].raw)
        return True
