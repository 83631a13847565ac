"""Constant folding for the ONNX import: the small shape sums exporters write around the layers
(PyTorch's `Shape → Gather → Unsqueeze → Concat → ConstantOfShape` for a recurrent layer's zero
start state, `x.view(x.size(0), -1)`'s reshape target, `Constant` nodes) are computed here with
NumPy as the file is read, so that only the layers are left to draw. The batch size is unknown:
it is carried as the marker BATCH, a tensor of zeros whose shape holds it is remembered by name
(`zeros`), and anything else that would need its value is refused. A mixin of
onnx_import_ops.Builder; nothing from the file is run, only these few operators evaluated."""
from __future__ import annotations

import numpy as np

from nnstudio.export.extras import require

BATCH = -(2 ** 40)       # the batch size in a folded shape
FOLDABLE = ("Constant", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Cast", "Identity", "Slice",
            "ConstantOfShape", "Reshape")


class ConstFolding:
    def fold(self, node) -> bool:
        """Compute `node` now when its inputs are all known constants (or it is Shape or Constant);
        False when it is a layer to draw."""
        op = node.op_type
        if op not in FOLDABLE or node.domain not in ("", "ai.onnx"):
            return False
        names = [n for n in node.input if n]
        if op == "Shape":
            v = self.val(node)
            dims = [BATCH, *v.shape] if v.layout in ("", "cols") and v.rnn is None else None
            if dims is None:
                raise self.fail(node, "reads the shape of a tensor in another layout than nnstudio's")
            a = self.attrs(node)
            self.consts[node.output[0]] = np.array(dims, dtype=np.int64)[a.get("start", 0):a.get("end")]
            return True
        if op != "Constant" and not all(n in self.consts for n in names):
            if any(n in self.zeros for n in names):
                raise self.fail(node, "computes with a zero state of the batch's size, which nnstudio cannot draw")
            return False
        a = self.attrs(node)
        xs = [np.asarray(self.consts[n]) for n in names]
        out = self._evaluate(node, op, a, xs)
        if out is not None:
            self.consts[node.output[0]] = out
        return True

    def _evaluate(self, node, op: str, a: dict, xs: list) -> np.ndarray | None:
        numpy_helper = require("onnx", "ONNX import").numpy_helper
        if op == "Constant":
            key = next(iter(a), "")
            value = a.get(key)
            return numpy_helper.to_array(value) if key == "value" else np.asarray(value)
        if op == "ConstantOfShape":
            shape = xs[0].astype(np.int64).ravel()
            fill = numpy_helper.to_array(a["value"]).ravel()[0] if "value" in a else np.float32(0)
            if BATCH in shape:
                if fill != 0:
                    raise self.fail(node, "fills a tensor of the batch's size with another value than 0")
                self.zeros.add(node.output[0])
                return None
            return np.full(shape, fill)
        if any(np.issubdtype(x.dtype, np.integer) and BATCH in x for x in xs[1:]) and op != "Concat":
            raise self.fail(node, "computes with the batch size, which nnstudio cannot follow")
        x = xs[0]
        if op in ("Identity", "Cast"):
            return x.copy()
        if op == "Gather":
            return np.take(x, xs[1].astype(np.int64), axis=a.get("axis", 0))
        if op in ("Unsqueeze", "Squeeze"):
            axes = a.get("axes", xs[1].astype(np.int64).ravel().tolist() if len(xs) > 1 else None)
            if op == "Squeeze":
                return np.squeeze(x, axis=None if axes is None else tuple(axes))
            for axis in sorted(ax % (x.ndim + len(axes)) for ax in axes):
                x = np.expand_dims(x, axis)
            return x
        if op == "Concat":
            return np.concatenate([np.atleast_1d(v) for v in xs], axis=a.get("axis", 0))
        if op == "Reshape":
            if BATCH in x:
                raise self.fail(node, "reshapes a tensor holding the batch size")
            return x.reshape([d if d != 0 else x.shape[k] for k, d in enumerate(xs[1].astype(np.int64))])
        # Slice, along the axes given (all by default), as Python slices.
        starts, ends = xs[1].astype(np.int64), xs[2].astype(np.int64)
        axes = xs[3].astype(np.int64) if len(xs) > 3 else np.arange(len(starts))
        steps = xs[4].astype(np.int64) if len(xs) > 4 else np.ones(len(starts), dtype=np.int64)
        index = [slice(None)] * x.ndim
        for s, e, ax, st in zip(starts, ends, axes, steps):
            index[int(ax)] = slice(int(s), int(e), int(st))
        return x[tuple(index)]
