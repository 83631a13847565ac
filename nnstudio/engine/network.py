"""A directed acyclic graph of layers with a forward and a backward pass.

Each op reads the outputs of earlier ops (`Ref`s, optionally a column range of a vector output),
joins them along its concatenation axis and runs its layer. Network inputs are ops without a
layer. The network output is the join of the output refs along the last axis.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np

from nnstudio.engine.layers.base import Layer


@dataclass(frozen=True)
class Ref:
    """The output of op `op`, or its columns [start, stop) on the last axis."""
    op: str
    start: int | None = None
    stop: int | None = None

    @property
    def sliced(self) -> bool:
        return self.start is not None


@dataclass
class Op:
    name: str
    layer: Layer | None
    inputs: list[Ref] = field(default_factory=list)
    axis: int = -1          # axis (batch included) along which several inputs are joined


@dataclass
class Param:
    """A trainable array: `value` and `grad` are the layer's own arrays, changed in place."""
    name: str
    value: np.ndarray
    grad: np.ndarray
    mask: np.ndarray | None     # elements training may change, or None for all
    regularized: bool
    # For the flat buffer: which elements are weights that l1/l2 apply to.
    regularized_mask: np.ndarray | None = None


class Network:
    def __init__(self, ops: Sequence[Op], inputs: Sequence[str], outputs: Sequence[Ref]) -> None:
        self.ops = list(ops)
        self.by_name = {op.name: op for op in self.ops}
        self.input_names = list(inputs)
        self.outputs = list(outputs)
        self.values: dict[str, np.ndarray] = {}
        self._needs_grad = self._mark_grad_paths()
        self.params = self._collect_params()
        self.flat = self._flatten_params()
        self._chain = self._as_chain()

    # --- structure --------------------------------------------------------------------------
    def _mark_grad_paths(self) -> dict[str, bool]:
        needs: dict[str, bool] = {}
        for op in self.ops:
            upstream = any(needs[r.op] for r in op.inputs)
            own = op.layer is not None and any(t is not False for t in op.layer.trainable.values())
            needs[op.name] = upstream or own
            if op.layer is not None:
                op.layer.need_input_grad = upstream
        return needs

    def _collect_params(self) -> list[Param]:
        found = []
        for op in self.ops:
            if op.layer is None:
                continue
            layer = op.layer
            for key, value in layer.params.items():
                t = layer.trainable.get(key, True)
                if t is False:
                    continue
                mask = None if t is True else np.asarray(t, dtype=value.dtype)
                found.append(Param(f"{op.name}/{key}", value, layer.grads[key], mask, key in layer.regularized))
        return found

    def _flatten_params(self) -> Param | None:
        """Move every trainable array into one buffer (and every grad into another) so that an
        optimiser step is a handful of vector operations, not a handful per array. Layers keep
        views into the buffers, which is why parameters are only ever changed in place."""
        if not self.params or len({p.value.dtype for p in self.params}) != 1:
            return None
        dtype = self.params[0].value.dtype
        total = sum(p.value.size for p in self.params)
        values, grads = np.empty(total, dtype), np.zeros(total, dtype)
        masks = None
        if any(p.mask is not None for p in self.params):
            masks = np.ones(total, dtype)
        regularized = np.zeros(total, bool)
        offset = 0
        for p in self.params:
            size = p.value.size
            part = slice(offset, offset + size)
            values[part] = p.value.reshape(-1)
            if masks is not None and p.mask is not None:
                masks[part] = p.mask.reshape(-1)
            regularized[part] = p.regularized
            op_name, key = p.name.rsplit("/", 1)
            layer = self.by_name[op_name].layer
            layer.params[key] = p.value = values[part].reshape(p.value.shape)
            layer.grads[key] = p.grad = grads[part].reshape(p.value.shape)
            offset += size
        for layer in self.layers():
            layer.params_rebound()
        return Param("all", values, grads, masks, bool(regularized.any()), regularized if regularized.any() else None)

    def trainables(self) -> list[Param]:
        """What an optimiser should update: the one flat buffer when there is one."""
        return [self.flat] if self.flat is not None else self.params

    def layers(self) -> list[Layer]:
        return [op.layer for op in self.ops if op.layer is not None]

    def _as_chain(self) -> list[tuple[str, Layer]] | None:
        """The layers in order when each op reads only the one before it, from a single input to
        a single output: such networks (most of them) skip the general gather/scatter work."""
        if len(self.input_names) != 1 or len(self.outputs) != 1 or self.outputs[0].sliced:
            return None
        first, rest = self.ops[0], self.ops[1:]
        if first.layer is not None or first.name != self.input_names[0] or not rest:
            return None
        previous = first.name
        for op in rest:
            if op.layer is None or op.inputs != [Ref(previous)]:
                return None
            previous = op.name
        if self.outputs[0].op != previous:
            return None
        return [(op.name, op.layer) for op in rest]

    # --- passes -----------------------------------------------------------------------------
    def forward(self, xs: Sequence[np.ndarray], training: bool = False) -> np.ndarray:
        if self._chain is not None:
            h = xs[0]
            values = {self.input_names[0]: h}
            for name, layer in self._chain:
                h = values[name] = layer.forward(h, training)
            self.values = values
            return h
        values: dict[str, np.ndarray] = {}
        feeds = dict(zip(self.input_names, xs))
        for op in self.ops:
            if op.layer is None:
                values[op.name] = feeds[op.name]
                continue
            values[op.name] = op.layer.forward(self._gather(values, op.inputs, op.axis), training)
        self.values = values
        return self._gather(values, self.outputs, -1)

    @staticmethod
    def _gather(values: dict[str, np.ndarray], refs: list[Ref], axis: int) -> np.ndarray:
        if len(refs) == 1 and not refs[0].sliced:
            return values[refs[0].op]
        parts = [values[r.op][..., r.start:r.stop] if r.sliced else values[r.op] for r in refs]
        return parts[0] if len(parts) == 1 else np.concatenate(parts, axis=axis)

    def backward(self, dy: np.ndarray) -> None:
        """Fill every layer's grads from dL/d(output)."""
        if self._chain is not None:
            for _, layer in reversed(self._chain):
                dy = layer.backward(dy)
                if dy is None:
                    break
            return
        grads: dict[str, np.ndarray] = {}
        owned: set[str] = set()
        self._scatter(grads, owned, self.outputs, dy, -1)
        for op in reversed(self.ops):
            g = grads.pop(op.name, None)
            if op.layer is None or not self._needs_grad[op.name]:
                continue
            if g is None:
                # Nothing downstream reached it (a dangling branch): its grads are zero, not stale.
                for v in op.layer.grads.values():
                    v[...] = 0
                continue
            dx = op.layer.backward(g)
            if dx is not None:
                self._scatter(grads, owned, op.inputs, dx, op.axis)

    def _scatter(self, grads: dict, owned: set, refs: list[Ref], d: np.ndarray, axis: int) -> None:
        if len(refs) == 1 and not refs[0].sliced:
            parts = [d]
        else:
            widths = [(r.stop - r.start) if r.sliced else self.values[r.op].shape[axis] for r in refs]
            parts = np.split(d, np.cumsum(widths)[:-1], axis=axis)
        for ref, part in zip(refs, parts):
            if not self._needs_grad[ref.op] or self.by_name[ref.op].layer is None:
                continue
            have = grads.get(ref.op)
            if ref.sliced:
                if have is None or ref.op not in owned:
                    have = np.zeros_like(self.values[ref.op]) if have is None else have.copy()
                    grads[ref.op] = have
                    owned.add(ref.op)
                have[..., ref.start:ref.stop] += part
            elif have is None:
                grads[ref.op] = part
            else:
                grads[ref.op] = have + part
                owned.add(ref.op)

    # --- parameters -------------------------------------------------------------------------
    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter, trainable or not, keyed `op/key`."""
        return {f"{op.name}/{k}": v.copy() for op in self.ops if op.layer is not None
                for k, v in op.layer.params.items()}

    def load_state_dict(self, state: dict[str, Any]) -> None:
        for op in self.ops:
            if op.layer is None:
                continue
            for k, v in op.layer.params.items():
                key = f"{op.name}/{k}"
                if key in state:
                    v[...] = state[key]

    def set_straight_through(self, on: bool) -> None:
        for layer in self.layers():
            layer.straight_through = on
