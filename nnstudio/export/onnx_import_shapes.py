"""The ONNX import's image, sequence and shape operators: Conv, the poolings, RNN/LSTM/GRU, and the
Transpose/Squeeze/Gather/Flatten/Reshape/Concat that exporters put around them (see
onnx_import_ops.py for `Val` layouts). A mixin of onnx_import_ops.Builder."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from nnstudio.kinds.base import concat_axis, concat_shapes

# ONNX gate order → nnstudio's: LSTM i,o,f,c → i,f,g,o; GRU z,r,h → r,z,n.
GATES = {"rnn": [0], "lstm": [0, 2, 3, 1], "gru": [1, 0, 2]}
DEFAULT_ACTS = {"rnn": [["Tanh"], ["Relu"]], "lstm": [["Sigmoid", "Tanh", "Tanh"]], "gru": [["Sigmoid", "Tanh"]]}


@dataclass
class Val:
    sources: list[str]
    shape: tuple[int, ...]
    layout: str = ""
    raw: list | None = None          # the dims of an untouched graph input
    perm: np.ndarray | None = None
    rnn: dict | None = None          # a recurrent node not made yet
    seq: bool = False
    flat: Any = None                 # "cols": the Flatten node to draw if more than a normaliser reads it


def _same_pads(size: int, k: int, s: int) -> tuple[int, int]:
    """TensorFlow's 'same' padding of one axis: (before, after), the odd one after."""
    total = max((math.ceil(size / s) - 1) * s + k - size, 0)
    return total // 2, total - total // 2


def _axes(self, node, a) -> list[int]:
    axes = a.get("axes")
    if axes is None and len(node.input) > 1 and node.input[1]:
        axes = self.const(node, 1, "axes").astype(int).ravel().tolist()
    if axes is None:
        raise self.fail(node, "squeezes without naming its axes, which nnstudio cannot follow")
    return list(axes)


class ShapeOps:
    def op_Conv(self, node, a) -> None:
        v = self.use(node, self.val(node))
        w = self.const(node, 1, "weights")
        b = self.const(node, 2, "bias", optional=True)
        if w.ndim != 4 or len(v.shape) != 3:
            raise self.fail(node, "is not a 2-D convolution of an image; nnstudio draws only those")
        if a.get("group", 1) != 1 or any(d != 1 for d in a.get("dilations", [1, 1])):
            raise self.fail(node, "uses groups or dilations, which nnstudio's conv2d does not have")
        kh, kw = w.shape[2:]
        sh, sw = a.get("strides", [1, 1])
        pads = list(a.get("pads", [0, 0, 0, 0]))
        auto = a.get("auto_pad", "NOTSET")
        _, height, width = v.shape
        (t, bo), (le, r) = _same_pads(height, kh, sh), _same_pads(width, kw, sw)
        if auto == "VALID" or (auto == "NOTSET" and not any(pads)):
            padding = "valid"
        elif auto == "SAME_UPPER" or (auto == "NOTSET" and pads == [t, le, bo, r]) or (
                auto == "SAME_LOWER" and (t, le) == (bo, r)):
            padding = "same"
        else:
            raise self.fail(node, f"pads {pads or auto} is neither 'valid' nor 'same' (the odd row or column "
                            "at the bottom/right), the paddings nnstudio's conv2d has")
        params = {"W": w} if b is None else {"W": w, "b": b.reshape(-1)}
        self.add(node, "conv2d", {"filters": int(w.shape[0]), "kernel_size": [int(kh), int(kw)],
                                  "stride": [int(sh), int(sw)], "padding": padding, "activation": "linear",
                                  "use_bias": b is not None}, params, v)

    def op_pool(self, node, a) -> None:
        if len(node.output) > 1 and node.output[1] and self.uses.get(node.output[1]):
            raise self.fail(node, "its indices output is used, which nnstudio's pooling does not give")
        if (any(a.get("pads", [0])) or a.get("ceil_mode", 0) or any(d != 1 for d in a.get("dilations", [1]))
                or a.get("auto_pad", "NOTSET") not in ("NOTSET", "VALID") or a.get("storage_order", 0)):
            raise self.fail(node, "pads its input, rounds up or dilates; nnstudio pools only whole windows")
        kernel = a.get("kernel_shape", [])
        if len(kernel) != 2:
            raise self.fail(node, "is not a 2-D pooling")
        v = self.use(node, self.val(node))
        kind = "maxpool2d" if node.op_type == "MaxPool" else "avgpool2d"
        self.add(node, kind, {"pool_size": [int(k) for k in kernel],
                              "stride": [int(s) for s in a.get("strides", [1, 1])]}, {}, v)

    def op_global_pool(self, node, a) -> None:
        v = self.use(node, self.val(node))
        if len(v.shape) != 3:
            raise self.fail(node, "does not pool an image")
        kind = "maxpool2d" if node.op_type == "GlobalMaxPool" else "avgpool2d"
        self.add(node, kind, {"pool_size": [v.shape[1], v.shape[2]], "stride": None}, {}, v)

    def flatten_to_vector(self, node, v: Val) -> None:
        if v.layout == "cols":
            return self.alias(node, v)
        if v.raw is not None and v.layout == "" and len(v.shape) > 1:     # maybe only for the normaliser
            return self.alias(node, Val(v.sources, (int(np.prod(v.shape)),), "cols", raw=v.raw, flat=node))
        if v.rnn is None and v.layout == "hwc":
            channels, height, width = v.shape
            perm = np.arange(channels * height * width).reshape(v.shape).transpose(1, 2, 0).ravel()
            self.add(node, "flatten", {}, {}, Val(v.sources, v.shape), layout="perm")
            self.values[node.output[0]].perm = perm
            return
        v = self.use(node, v)
        if len(v.shape) == 1:
            self.alias(node, v)
        else:
            self.add(node, "flatten", {}, {}, v)

    def op_Flatten(self, node, a) -> None:
        if a.get("axis", 1) != 1:
            raise self.fail(node, "flattens from another axis than 1, which would mix samples")
        self.flatten_to_vector(node, self.val(node))

    def op_Reshape(self, node, a) -> None:
        v = self.val(node)
        # The batch size (folded from Shape, onnx_import_consts.BATCH) keeps the first axis: 0.
        target = [0 if t < -(2 ** 39) else t for t in self.const(node, 1, "shape").astype(np.int64).ravel().tolist()]
        size = int(np.prod(v.shape))
        if v.layout == "cols" and len(target) > 2 and target[0] in (0, -1) and \
                tuple(target[1:]) == self.shapes[v.sources[0]]:       # back from the normaliser's columns
            return self.alias(node, Val(v.sources, self.shapes[v.sources[0]], raw=v.raw))
        batch = (0, -1, self.batch) if self.batch else (0, -1)      # a fixed batch size may be written out
        if len(target) == 2 and (target[1] in (-1, size) and (target[0] in batch or target[1] == size)):
            self.flatten_to_vector(node, v)
        elif v.layout == "" and len(target) == len(v.shape) + 1 and target[0] in (0, -1) and \
                tuple(target[1:]) == tuple(v.shape):
            self.alias(node, v)
        else:
            raise self.fail(node, f"reshapes {list(v.shape)} to {target}; nnstudio draws only a reshape to one "
                            "vector per sample (a flatten)")

    def op_Concat(self, node, a) -> None:
        if self.feature_join(node, [self.val(node, k) for k in range(len(node.input))]):
            return
        vals = [self.use(node, self.val(node, k)) for k in range(len(node.input))]
        rank = len(vals[0].shape)
        if any(len(v.shape) != rank for v in vals) or a.get("axis", 1) % (rank + 1) != 1 + concat_axis(rank):
            raise self.fail(node, "joins along an axis nnstudio does not join on (features, or channels)")
        self.alias(node, Val([s for v in vals for s in v.sources], concat_shapes([v.shape for v in vals])))

    def op_Slice(self, node, a) -> None:
        """Columns of the last axis: whole joined sources, or a copy of a dense layer with only those
        units (how nnstudio's export picks one neuron out of a group)."""
        v = self.val(node)
        start, stop = (int(self.const(node, k, what).ravel()[0]) for k, what in ((1, "start"), (2, "end")))
        if self.feature_column(node, v, start, stop):
            return
        v = self.use(node, v)
        axes = self.const(node, 3, "axes", optional=True)
        steps = self.const(node, 4, "steps", optional=True)
        rank = len(v.shape) + 1
        if (axes is not None and (axes.size != 1 or int(axes.ravel()[0]) % rank != rank - 1)) or (
                axes is None and rank != 2) or (steps is not None and np.any(steps != 1)):
            raise self.fail(node, "slices another axis than the last, which nnstudio cannot draw")
        width = v.shape[-1]
        start, stop = (min(max(i + width if i < 0 else i, 0), width) for i in (start, stop))
        if (start, stop) == (0, width):
            return self.alias(node, v)
        edges, at = [], 0
        for source in v.sources:
            w = self.shapes[source][-1]
            edges.append((at, at + w, source))
            at += w
        whole = [src for lo, hi, src in edges if start <= lo and hi <= stop]
        if sum(self.shapes[s][-1] for s in whole) == stop - start:
            return self.alias(node, Val(whole, v.shape[:-1] + (stop - start,)))
        inside = [(lo, src) for lo, hi, src in edges if lo <= start and stop <= hi]
        n = self.node_of(inside[0][1]) if inside else None
        if n is not None and n.kind == "input":
            raise self.fail(node, "picks columns of a graph input to compute features from them; nnstudio "
                            "imports no derived features")
        if n is None or n.kind != "dense" or n.config.get("activation") == "softmax":
            raise self.fail(node, "picks columns nnstudio cannot draw as nodes of their own")
        lo, hi = start - inside[0][0], stop - inside[0][0]
        params = {k: (p[:, lo:hi] if k == "W" else p[lo:hi] if np.ndim(p) else p) for k, p in n.params.items()}
        sources = [s for s, t in self.edges if t == n.id]
        self.add(node, "dense", dict(n.config, units=hi - lo), params, Val(sources, ()))

    def prune(self, keep: list[str]) -> None:
        """Drop the nodes no output depends on (a dense layer whose columns were all copied)."""
        needed, todo = set(self.input_ids), list(keep)
        while todo:
            n = todo.pop()
            if n not in needed:
                needed.add(n)
                todo.extend(s for s, t in self.edges if t == n)
        self.nodes = [n for n in self.nodes if n.id in needed]
        self.edges = [(s, t) for s, t in self.edges if t in needed]

    def op_Transpose(self, node, a) -> None:
        v = self.val(node)
        perm = list(a.get("perm", []))
        name = node.input[0]
        if v.raw is not None and perm == [0, 3, 1, 2] and len(v.raw) == 4:
            if self.uses.get(name, 0) != 1:
                raise self.fail(node, f"the channels-last input {name!r} is also used as it is")
            n = self.node_of(v.sources[0])
            n.config["shape"] = [v.raw[3], v.raw[1], v.raw[2]]
            self.shapes[n.id] = tuple(n.config["shape"])
            self.notes.append(f"The input {name!r} is channels-last [N, H, W, C] in the ONNX file; nnstudio's "
                              f"node takes it channels-first, {n.config['shape']}.")
            self.alias(node, Val(v.sources, self.shapes[n.id]))
            return
        flips = {("", 4, (0, 2, 3, 1)): "hwc", ("hwc", 4, (0, 3, 1, 2)): "",
                 ("", 3, (1, 0, 2)): "tbf", ("tbf", 3, (1, 0, 2)): ""}
        layout = flips.get((v.layout, len(v.shape) + 1, tuple(perm)))
        if layout is None or (v.rnn is None and v.layout == "" and v.perm is not None):
            raise self.fail(node, f"transposes with perm={perm}, which nnstudio cannot draw here")
        self.alias(node, replace(v, layout=layout, raw=None))

    def op_Squeeze(self, node, a) -> None:
        v = self.val(node)
        axes = [x % (len(v.shape) + 2) for x in _axes(self, node, a)]
        after = {("Y0", 1): "tbf", ("Y1", 2): "", ("Yh0", 0): "", ("Yh1", 1): ""}.get((v.layout, tuple(axes)[0]))
        if v.rnn is None or len(axes) != 1 or after is None:
            raise self.fail(node, f"squeezes axes {axes}, which nnstudio cannot draw here")
        self.alias(node, replace(v, layout=after))

    def op_Gather(self, node, a) -> None:
        v = self.val(node)
        index = self.const(node, 1, "index")
        axis = a.get("axis", 0)
        steps = v.shape[0]
        last = index.ndim == 0 and (int(index) == -1 or (v.seq and int(index) == steps - 1) or
                                    (v.layout in ("Yh0",) and int(index) == 0))
        ok = {("Yh0", 0), ("tbf", 0), ("", 1)}
        if v.rnn is None or not last or (v.layout, axis) not in ok or (v.layout != "Yh0" and not v.seq):
            raise self.fail(node, "picks values out of a tensor; nnstudio draws that only as the last step of "
                            "a recurrent layer")
        self.alias(node, replace(v, layout="", seq=False, shape=v.shape[-1:]))

    def op_recurrent(self, node, a) -> None:
        kind = node.op_type.lower()
        layout = a.get("layout", 0)
        if a.get("direction", "forward") != "forward":
            raise self.fail(node, f"runs {a['direction']}; nnstudio's {kind} runs forward only")
        if kind == "gru" and a.get("linear_before_reset", 0) != 1:
            raise self.fail(node, "has linear_before_reset=0; nnstudio's GRU computes PyTorch's formula, "
                            "linear_before_reset=1")
        acts = a.get("activations")
        if acts is not None and list(acts) not in DEFAULT_ACTS[kind]:
            raise self.fail(node, f"uses the activations {list(acts)}, which nnstudio's {kind} does not have")
        if a.get("clip") is not None or a.get("input_forget", 0):
            raise self.fail(node, "clips or couples its gates, which nnstudio's layers do not")
        if len(node.input) > 7 and node.input[7]:
            raise self.fail(node, "has peepholes (P), which nnstudio's LSTM does not have")
        if len(node.input) > 4 and node.input[4]:
            raise self.fail(node, "takes sequence lengths, which nnstudio's layers do not")
        for k in (5, 6):
            if len(node.input) > k and node.input[k] in self.zeros:
                continue        # zeros as large as the batch (PyTorch's default start state)
            start = self.const(node, k, "initial state", optional=True)
            if start is not None and np.any(start):
                raise self.fail(node, "starts from a non-zero state; nnstudio's layers start from zero")
        if len(node.output) > 2 and node.output[2] and self.uses.get(node.output[2]):
            raise self.fail(node, "its cell state output Y_c is used, which nnstudio's LSTM does not give")
        v = self.val(node)
        want = "tbf" if layout == 0 else ""
        if v.raw is not None and layout == 0 and v.layout == "":
            n = self.node_of(v.sources[0])
            n.config["shape"] = [v.raw[0], v.raw[2]]
            self.shapes[n.id] = tuple(n.config["shape"])
            self.notes.append(f"The input {node.input[0]!r} is time-major [T, N, F] in the ONNX file; nnstudio's "
                              "node takes it batch-first, [N, T, F].")
            v = Val(v.sources, self.shapes[n.id], "tbf")
        v = self.use(node, v, (want,))
        v = Val(v.sources, v.shape)
        gates = GATES[kind]
        units = int(a.get("hidden_size", 0))
        w, r = self.const(node, 1, "weights W")[0], self.const(node, 2, "weights R")[0]
        units = units or r.shape[-1]
        bias = self.const(node, 3, "bias", optional=True)
        bias = np.zeros(2 * len(gates) * units) if bias is None else bias[0]

        def order(x: np.ndarray) -> np.ndarray:
            blocks = np.split(x, len(gates), axis=0)
            return np.concatenate([blocks[g] for g in gates], axis=0)

        params = {"Wx": order(w).T, "Wh": order(r).T}
        wb, rb = order(bias[:len(gates) * units]), order(bias[len(gates) * units:])
        if kind == "gru":
            params.update(bx=wb, bh=rb)
        else:
            params["b"] = wb + rb
        config = {"units": units}
        if kind == "rnn":
            config["activation"] = "relu" if acts == ["Relu"] else "tanh"
        pending = {"kind": kind, "config": config, "params": params, "input": v, "node": node}
        steps = v.shape[0]
        self.values[node.output[0]] = Val([], (steps, units), f"Y{layout}", rnn=pending, seq=True)
        if len(node.output) > 1 and node.output[1]:
            self.values[node.output[1]] = Val([], (units,), f"Yh{layout}", rnn=pending)

    def make_rnn(self, pending: dict, seq: bool) -> list[str]:
        key = (id(pending), seq)
        if key not in self.made:
            config = dict(pending["config"], return_sequences=seq)
            before = {n.id for n in self.nodes}
            self.add(pending["node"], pending["kind"], config, pending["params"], pending["input"], out="\x1f")
            self.made[key] = [next(n.id for n in self.nodes if n.id not in before)]
            del self.values["\x1f"]
        return self.made[key]

    def output_node(self, name: str) -> list[str]:
        from nnstudio.export.onnx_import import OnnxImportError
        v = self.values.get(name)
        if v is None:
            raise OnnxImportError(f"the graph output {name!r} is a constant; nnstudio's outputs are computed")
        if v.rnn is not None and v.layout == "" or v.layout == "cols":
            v = self.use(None, v)
        joined = len(v.sources) > 1 and len(v.shape) in (1, 2)      # joined on the last axis, as outputs are
        if v.layout or not v.sources or (len(v.sources) > 1 and not joined) or \
                any(s in self.input_ids for s in v.sources):
            raise OnnxImportError(f"the graph output {name!r} is not computed by nodes in nnstudio's layout "
                                  "(an input as it is, a join of images, or a transposed tensor)")
        if joined:
            return list(v.sources)          # several output nodes, whose outputs nnstudio joins
        node_id = v.sources[0]
        if name == node_id or self.fresh(name) != name:
            return [node_id]
        self.node_of(node_id).id = name
        self.edges = [(name if s == node_id else s, name if t == node_id else t) for s, t in self.edges]
        self.shapes[name] = self.shapes[node_id]
        for other in self.values.values():
            other.sources = [name if s == node_id else s for s in other.sources]
        for made in self.made.values():
            made[:] = [name if s == node_id else s for s in made]
        return [name]
