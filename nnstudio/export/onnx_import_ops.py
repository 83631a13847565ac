"""The ONNX operators nnstudio can draw, each turned into nodes (used by onnx_import.py).

Tensors between operators are tracked as `Val`s: the project nodes whose joined outputs the tensor
holds, its shape per sample, and a layout tag for the few layouts other exporters put between
nnstudio's nodes: "tbf" a time-major sequence (PyTorch's recurrent ops), "hwc" a channels-last
image (Keras, tf2onnx), "perm" a vector flattened from such an image (the next dense layer's rows are
permuted to read it), "Y0"/"Y1"/"Yh0"/"Yh1" a recurrent op's outputs before their direction axis is
squeezed. A recurrent node is made when its output is first used, with `return_sequences` set by
which output that is. Which kind an operator becomes is the kinds' `onnx_ops` facet.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnstudio.export.extras import require
from nnstudio.export.onnx_import import OnnxImportError, new_node, readable_name
from nnstudio.export.onnx_import_consts import ConstFolding
from nnstudio.export.onnx_import_features import FeatureOps
from nnstudio.export.onnx_import_shapes import ShapeOps, Val
from nnstudio.kinds.base import ConfigError, ShapeError, concat_shapes
from nnstudio.project import registry

ACTIVATIONS = {"Relu": "relu", "Sigmoid": "sigmoid", "Tanh": "tanh", "LeakyRelu": "leaky_relu", "Elu": "elu",
               "PRelu": "prelu", "Softmax": "softmax"}
# Operators that only reshape, join or pass on what nnstudio's nodes compute.
STRUCTURAL = ("Identity", "Transpose", "Squeeze", "Gather", "Concat", "Slice", "Add", "Sub", "Div",
              "GreaterOrEqual", "Cast", "Where", "BatchNormalization", "Mul", "Sin")


def kind_for(op: str) -> str | None:
    """The node kind whose `onnx_ops` facet lists `op`, or None."""
    return next((name for name, spec in registry.KINDS.items() if op in spec.onnx_ops), None)


@dataclass
class Builder(ShapeOps, ConstFolding, FeatureOps):
    consts: dict[str, np.ndarray]
    opset: int
    values: dict[str, Val] = field(default_factory=dict)
    nodes: list = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)
    shapes: dict[str, tuple[int, ...]] = field(default_factory=dict)
    input_ids: list[str] = field(default_factory=list)
    uses: dict[str, int] = field(default_factory=dict)
    graph_outputs: set = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    made: dict = field(default_factory=dict)
    norms: dict = field(default_factory=dict)      # input node id → {"offset", "scale"} per column
    zeros: set = field(default_factory=set)        # tensors of zeros as large as the batch (folded)
    alias_uses: dict = field(default_factory=dict)  # tensor → its uses that only pass it on (aliases)
    batch: int | None = None                        # the graph inputs' batch size, when it is fixed
    features: dict = field(default_factory=dict)    # input node id → its derived features (data.features)

    # --- plumbing -------------------------------------------------------------------------
    def fail(self, node, text: str) -> OnnxImportError:
        return OnnxImportError(f"{node.op_type} node {node.name or node.output[0]!r}: {text}")

    def add_input(self, name: str, dims: list) -> None:
        layout = ""
        if len(dims) == 3 and dims[1] is None and dims[0] and dims[2]:     # [T, N, F]: time-major
            dims, layout = [None, dims[0], dims[2]], "tbf"
            self.notes.append(f"The input {name!r} is time-major [T, N, F] in the ONNX file; nnstudio's node "
                              "takes it batch-first, [N, T, F].")
        if not 2 <= len(dims) <= 4 or any(d is None or d < 1 for d in dims[1:]):
            raise OnnxImportError(f"the graph input {name!r} has the shape {dims}; nnstudio takes a batch of "
                                  "vectors, sequences or images with known sizes")
        node_id = self.fresh(name)
        self.batch = dims[0] if isinstance(dims[0], int) and dims[0] > 0 else self.batch
        self.nodes.append(new_node("input", node_id, name, {"shape": list(dims[1:])}, {}))
        self.shapes[node_id] = tuple(dims[1:])
        self.input_ids.append(node_id)
        self.values[name] = Val([node_id], tuple(dims[1:]), layout, raw=None if layout else list(dims))

    def fresh(self, wanted: str) -> str:
        from nnstudio.export.onnx_import import _clean_id
        base = _clean_id(wanted)
        taken = {n.id for n in self.nodes}
        node_id, k = base, 2
        while node_id in taken or node_id.startswith("e") and node_id[1:].isdigit():
            node_id, k = f"{base}_{k}", k + 1
        return node_id

    def attrs(self, node) -> dict:
        helper = require("onnx", "ONNX import").helper
        out = {}
        for a in node.attribute:
            v = helper.get_attribute_value(a)
            out[a.name] = v.decode() if isinstance(v, bytes) else (
                [x.decode() if isinstance(x, bytes) else x for x in v] if isinstance(v, list) else v)
        return out

    def const(self, node, index: int, what: str, optional: bool = False) -> np.ndarray | None:
        name = node.input[index] if index < len(node.input) else ""
        if not name:
            if optional:
                return None
            raise self.fail(node, f"has no {what}")
        if name not in self.consts:
            raise self.fail(node, f"its {what} {name!r} is computed in the graph; nnstudio needs it stored in the file")
        return np.asarray(self.consts[name], dtype=np.float64)

    def val(self, node, index: int = 0) -> Val:
        name = node.input[index]
        if name in self.consts or name in self.zeros:
            raise self.fail(node, f"its input {name!r} is a constant; nnstudio draws only operators on the inputs")
        if name not in self.values:
            raise self.fail(node, f"reads {name!r}, which no node before it computes (the graph is not in order)")
        return self.values[name]

    def use(self, node, v: Val, layouts=("",)) -> Val:
        """`v` ready to feed a node: a pending recurrent node made, its layout one nnstudio has."""
        if v.rnn is not None and v.layout == "":
            v = Val(self.make_rnn(v.rnn, v.seq), v.shape)
        if v.layout == "cols":          # a graph input flattened: drawn as a flatten node after all
            key = ("flat", id(v.flat))
            if key not in self.made:
                self.add(v.flat, "flatten", {}, {}, Val(v.sources, ()), out="\x1f")
                self.made[key] = [self.nodes[-1].id]
                del self.values["\x1f"]
            v = Val(self.made[key], v.shape)
        if v.layout not in layouts or v.rnn is not None:
            what = {"tbf": "a time-major sequence", "hwc": "a channels-last image", "perm": "a vector flattened "
                    "from a channels-last image", "ge": "a comparison", "feat": "a derived input column"}.get(v.layout, "a recurrent layer's output "
                                                                             "before its Squeeze")
            raise self.fail(node, f"reads {what}, which nnstudio cannot draw here")
        return v

    def add(self, node, kind: str, config: dict, params: dict, v: Val, out: str | None = None, layout: str = "") -> str:
        spec = registry.KINDS[kind]
        try:
            checked = spec.check_config(config)
            in_shape = concat_shapes([self.shapes[s] for s in v.sources])
            shape = tuple(spec.shape_rule(checked, in_shape))
        except (ConfigError, ShapeError) as exc:
            raise self.fail(node, f"as a {kind} node: {exc}") from None
        name = readable_name(node.name, node.op_type)
        node_id = self.fresh(name or node.output[0])
        self.nodes.append(new_node(kind, node_id, name or node.op_type, config, params))
        self.edges.extend((s, node_id) for s in v.sources)
        self.shapes[node_id] = shape
        self.values[out or node.output[0]] = Val([node_id], shape, layout)
        return node_id

    def node_of(self, node_id: str):
        return next(n for n in self.nodes if n.id == node_id)

    def foldable(self, name: str, kinds=("dense", "conv2d")):
        """The dense/conv node computing tensor `name` when an activation or bias may join it."""
        v = self.values.get(name)
        if (v is None or v.rnn is not None or len(v.sources) != 1 or self.uses.get(name, 0) != 1
                or name in self.graph_outputs or v.layout not in ("", "hwc")):
            return None
        n = self.node_of(v.sources[0])
        # Every tensor that reads the node's output (through Identity, Concat, …): only this one
        # use may remain, or another reader would see the activation or bias too.
        readers = [t for t, w in self.values.items() if n.id in w.sources]
        if any(t in self.graph_outputs for t in readers) or \
                sum(self.uses.get(t, 0) - self.alias_uses.get(t, 0) for t in readers) != 1:
            return None
        return n if n.kind in kinds and n.config.get("activation") == "linear" else None

    # --- conversion -----------------------------------------------------------------------
    def convert(self, node) -> None:
        op = node.op_type
        if self.fold(node):
            return
        if node.domain not in ("", "ai.onnx") or not (op in STRUCTURAL or kind_for(op)):
            raise OnnxImportError(f"the ONNX model uses operator {op!r} (node {node.name or node.output[0]!r}), "
                                  "which nnstudio cannot draw")
        method = "op_activation" if op in ACTIVATIONS else f"op_{op}"
        if op in ("MaxPool", "AveragePool"):
            method = "op_pool"
        elif op in ("GlobalMaxPool", "GlobalAveragePool"):
            method = "op_global_pool"
        elif op in ("RNN", "LSTM", "GRU"):
            method = "op_recurrent"
        getattr(self, method)(node, self.attrs(node))

    def alias(self, node, v: Val) -> None:
        """Tensor node.output[0] is `v` again (no node drawn): its inputs' uses pass on to it."""
        for name in node.input:
            if name in self.values:
                self.alias_uses[name] = self.alias_uses.get(name, 0) + 1
        self.values[node.output[0]] = v

    def op_Identity(self, node, a) -> None:
        self.alias(node, self.val(node))

    def op_Dropout(self, node, a) -> None:
        if len(node.output) > 1 and node.output[1] and self.uses.get(node.output[1]):
            raise self.fail(node, "its mask output is used; nnstudio's dropout has none")
        rate = a.get("ratio", 0.5)
        ratio = self.const(node, 1, "ratio", optional=True)
        rate = float(ratio) if ratio is not None else rate
        v = self.use(node, self.val(node))
        self.add(node, "dropout", {"rate": rate}, {}, v)

    def op_activation(self, node, a) -> None:
        act = ACTIVATIONS[node.op_type]
        # ONNX keeps float attributes in float32: 0.2 reads 0.20000000298; 7 digits give 0.2 back.
        alpha = float(f'{a.get("alpha", {"leaky_relu": 0.01, "elu": 1.0}.get(act, 0.0)):.7g}')
        if act in ("leaky_relu", "elu") and alpha == 0.0:
            act = "relu"
        v = self.val(node)
        width = v.shape[-1]
        params = {}
        if act == "prelu":
            slope = self.const(node, 1, "slope")
            while slope.ndim > 1 and slope.shape[0] == 1:
                slope = slope[0]
            if slope.size == 1:
                slope = np.full(width, float(slope.ravel()[0]))
            elif slope.shape != (width,):
                raise self.fail(node, f"its slope has the shape {list(slope.shape)}; nnstudio's prelu has one "
                                "slope per value of the last axis or one for all")
            params["alpha"] = slope
            alpha = 0.0
        if act == "softmax":
            rank = len(v.shape) + 1
            axis = a.get("axis", -1 if self.opset >= 13 else 1)
            if axis % rank != rank - 1 or (self.opset < 13 and rank > 2):
                raise self.fail(node, "it normalises over another axis than the last; nnstudio's softmax is "
                                "over the last axis")
        self.apply_activation(node, node.input[0], {"activation": act, "alpha": alpha}, params)

    def apply_activation(self, node, name: str, config: dict, params: dict) -> None:
        """Tensor `name` through an activation: folded into the dense/conv computing it when nothing
        else reads it, else an activation node."""
        act, v = config["activation"], self.values[name]
        target = self.foldable(name, ("dense",) if act in ("prelu", "softmax") else ("dense", "conv2d"))
        if target is not None:
            target.config.update(config)
            target.params.update(params)
            self.alias(node, v)
            return
        v = self.use(node, v, ("", "hwc") if act not in ("prelu", "softmax") else ("",))
        self.add(node, "activation", config, params, Val(v.sources, v.shape), layout=v.layout)

    def op_BatchNormalization(self, node, a) -> None:
        """Inference-time batch norm, folded into the conv or dense layer before it (the same
        numbers: W and b scaled per output channel); nnstudio has no batch-norm node."""
        if a.get("training_mode", 0) or any(o and self.uses.get(o) for o in node.output[1:]):
            raise self.fail(node, "runs in training mode; nnstudio imports batch norm only folded for inference")
        target = self.foldable(node.input[0])
        gamma, beta, mean, var = (self.const(node, k, what) for k, what in
                                  ((1, "scale"), (2, "bias"), (3, "mean"), (4, "variance")))
        if target is None:
            raise self.fail(node, "does not follow a conv2d or dense layer that only it reads; nnstudio has no "
                            "batch-norm node and folds it into such a layer")
        scale = gamma / np.sqrt(var + float(a.get("epsilon", 1e-5)))
        w = target.params["W"]
        target.params["W"] = w * (scale[:, None, None, None] if target.kind == "conv2d" else scale)
        b = target.params.get("b", np.zeros(len(scale)))
        target.params["b"] = (b - mean) * scale + beta
        target.config["use_bias"] = True
        self.alias(node, self.val(node))

    # nnstudio's export writes step and sign as GreaterOrEqual(z, 0), then Cast (step: 1 or 0) or
    # Where(…, 1, −1) (sign: 1 at 0 too, unlike ONNX's Sign).
    def op_GreaterOrEqual(self, node, a) -> None:
        v = self.val(node)
        if np.any(self.const(node, 1, "threshold") != 0) or v.rnn is not None:
            raise self.fail(node, "compares with something else than 0; nnstudio draws z ≥ 0 only as the step "
                            "or sign activation")
        self.alias(node, Val(v.sources, v.shape, "ge", flat=node.input[0]))

    def op_Cast(self, node, a) -> None:
        v = self.val(node)
        if v.layout != "ge":
            raise self.fail(node, "converts numbers from one type to another, which nnstudio draws only as "
                            "the step activation (z ≥ 0 as 1 or 0)")
        self.apply_activation(node, v.flat, {"activation": "step", "alpha": 0.0}, {})

    def op_Where(self, node, a) -> None:
        v = self.val(node)
        yes, no = self.const(node, 1, "value if true"), self.const(node, 2, "value if false")
        if v.layout != "ge" or np.any(yes != 1) or np.any(no != -1):
            raise self.fail(node, "chooses between tensors, which nnstudio draws only as the sign activation "
                            "(1 where z ≥ 0, else −1)")
        self.apply_activation(node, v.flat, {"activation": "sign", "alpha": 0.0}, {})

    def dense(self, node, v: Val, w: np.ndarray, b: np.ndarray | None) -> None:
        v = self.use(node, v, ("", "perm"))
        if w.ndim != 2 or w.shape[0] != v.shape[-1]:
            raise self.fail(node, f"its weights {list(w.shape)} do not fit its input {list(v.shape)}")
        if v.layout == "perm":
            if len(v.shape) != 1:
                raise self.fail(node, "reads a permuted vector as a sequence")
            w2 = np.empty_like(w)
            w2[v.perm] = w
            w = w2
        units = w.shape[1]
        params = {"W": w}
        if b is not None:
            try:
                params["b"] = np.broadcast_to(b.reshape(-1) if b.size == units else b, (units,)).copy()
            except ValueError:
                raise self.fail(node, f"its bias {list(b.shape)} does not fit {units} units") from None
        self.add(node, "dense", {"units": units, "activation": "linear", "use_bias": b is not None}, params,
                 Val(v.sources, v.shape))

    def op_Sub(self, node, a) -> None:
        self.normaliser(node, "offset")

    def op_Div(self, node, a) -> None:
        self.normaliser(node, "scale")

    def normaliser(self, node, key: str) -> None:
        """(x − offset) / scale right on a graph input: the project's stored normaliser
        (data.normalizer), which nnstudio applies to the raw columns before the network."""
        v = self.val(node)
        c = self.const(node, 1, key)
        source = v.sources[0] if len(v.sources) == 1 else None
        if v.raw is None or source not in self.input_ids or self.uses.get(node.input[0], 0) != 1:
            raise self.fail(node, f"{'subtracts' if key == 'offset' else 'divides by'} a constant other than "
                            "right on a graph input, which nnstudio draws only as the input's normaliser")
        size = int(np.prod(v.shape))
        norm = self.norms.setdefault(source, {"offset": np.zeros(size), "scale": np.ones(size)})
        if c.size not in (1, size) or np.any(norm["scale"] != 1) or (key == "offset" and np.any(norm["offset"])):
            raise self.fail(node, "is not (x − offset) / scale with one number per input column")
        norm[key] = np.broadcast_to(c.ravel(), (size,)).copy()
        self.alias(node, v)

    def op_Gemm(self, node, a) -> None:
        if a.get("transA", 0):
            raise self.fail(node, "transposes its input (transA=1), which nnstudio cannot draw")
        w = self.const(node, 1, "weights")
        w = (w.T if a.get("transB", 0) else w) * float(a.get("alpha", 1.0))
        b = self.const(node, 2, "bias", optional=True)
        self.dense(node, self.val(node), w, None if b is None else b * float(a.get("beta", 1.0)))

    def op_MatMul(self, node, a) -> None:
        self.dense(node, self.val(node), self.const(node, 1, "weights"), None)

    def op_Add(self, node, a) -> None:
        names = list(node.input)
        if names[0] in self.consts:
            names.reverse()
        if names[1] not in self.consts or names[0] in self.consts:
            raise self.fail(node, "adds two computed tensors; nnstudio draws an addition only as a layer's bias")
        target = self.foldable(names[0])
        b = np.asarray(self.consts[names[1]], dtype=np.float64)
        if target is None or target.config.get("use_bias"):
            raise self.fail(node, "adds a constant that is not the bias of a layer before it, which nnstudio "
                            "cannot draw")
        units = target.config["units"] if target.kind == "dense" else target.config["filters"]
        if target.kind == "conv2d" and b.size == units and b.ndim >= 3 and b.shape[-1] == b.shape[-2] == 1:
            b = b.reshape(units)
        if b.size != units or (target.kind == "dense" and b.shape[-1:] != (units,)) or b.ndim > 4:
            raise self.fail(node, f"its constant {list(b.shape)} is not a bias for {units} units")
        target.config["use_bias"] = True
        target.params["b"] = b.reshape(units).copy()
        self.alias(node, self.values[names[0]])


__all__ = ["Builder", "Val", "kind_for"]
