"""A project as a standalone PyTorch script: `export_torch(project, "model.py")` writes

- `model.py`: an `nn.Module` that mirrors the graph (one attribute per node that owns a module,
  one per neuron group, a forward in the order nnstudio runs the graph), `build_model()`, and a
  training entry point (`python model.py --epochs N`) that also runs under
  `torchrun --nproc_per_node=K model.py` with DistributedDataParallel (torch_template.py);
- `model_weights.npz`: the weights under the module's state_dict names (plain arrays, loaded with
  allow_pickle=False), the stored normaliser among them;
- `model_data.npz`: the project's data as raw input rows and targets, split as nnstudio splits
  them (x_train, t_train, and x_val, t_val when a validation share is set).

The module takes raw input rows [N, columns] and applies the preprocessing itself: the derived
features (`data.features`) and the normaliser, as nnstudio's InputEncoder does. How each node is
written is its kind's `torch` facet (kinds/torch_code.py); this module only wires them. Writing
the script needs neither torch nor numpy beyond nnstudio's own; running it needs torch.
"""
from __future__ import annotations

import keyword
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.export.torch_template import render_script
from nnstudio.kinds.torch_code import HELPERS, TorchCode
from nnstudio.project import registry
from nnstudio.project.graph import infer_shapes, topological_order
from nnstudio.project.model import Project

# Each derived feature (data/features.py) as a torch expression of the raw columns x1 and x2.
FEATURE_CODE = {
    "x1": "x1",
    "x2": "x2",
    "x1^2": "x1 * x1",
    "x2^2": "x2 * x2",
    "x1*x2": "x1 * x2",
    "sin(x1)": "torch.sin(x1)",
    "sin(x2)": "torch.sin(x2)",
}

# Names a node's attribute or variable must not take: nn.Module's own, and the script's.
_RESERVED = {"training", "forward", "to", "cuda", "cpu", "float", "double", "half", "train", "eval", "apply",
             "state_dict", "parameters", "buffers", "children", "modules", "type", "zero_grad", "offset",
             "scale", "preprocess", "x", "x1", "x2", "torch", "nn", "F", "np", "self", "step", "sign",
             "load_state_dict", "named_parameters", "register_buffer", "requires_grad_", "extra_repr",
             "dump_patches", "call_super_init", "T_destination", "get_submodule", "ipu", "xpu", "mtia", "bfloat16",
             "share_memory", "add_module", "register_module", "get_parameter", "get_buffer", "get_extra_state",
             "set_extra_state", "named_buffers", "named_children", "named_modules", "compile"}


def file_names(path: str | os.PathLike) -> tuple[Path, Path, Path]:
    """(script, weights, data) for the script path `path`: model.py → model_weights.npz, model_data.npz."""
    script = Path(path)
    return script, script.with_name(script.stem + "_weights.npz"), script.with_name(script.stem + "_data.npz")


def export_torch(project: Project, path: str | os.PathLike) -> list[Path]:
    """Write the script to `path` and its weights and data beside it; return the three paths.
    ProjectError (or DataError) when the project does not compile or its data does not load."""
    from nnstudio.export.weights import _write_atomic
    from nnstudio.training.runner import TrainingRun
    script, weights_path, data_path = file_names(path)
    if not script.name.endswith(".py"):
        raise ProjectError(f"a PyTorch script's name ends in .py, not {script.name!r}", "export")
    run = TrainingRun(project)
    text, weights = script_and_weights(project, run, weights_path.name, data_path.name)
    data = data_arrays(run)
    _write_atomic(weights_path, "wb", lambda f: np.savez(f, **weights))
    _write_atomic(data_path, "wb", lambda f: np.savez(f, **data))
    _write_atomic(script, "w", lambda f: f.write(text))
    return [script, weights_path, data_path]


def data_arrays(run: Any) -> dict[str, np.ndarray]:
    """The run's data as raw input rows [N, columns] (before features and normaliser) and the
    targets as nnstudio trains on them, training rows then validation rows as it splits them."""
    prepared = run.prepared
    raw = run.dataset.inputs.reshape(len(run.dataset), -1)
    if prepared.order is not None:
        raw = raw[prepared.order]
    dtype = run.model.dtype
    raw = np.ascontiguousarray(raw, dtype=dtype)
    n = prepared.n_train
    out = {"x_train": raw[:n], "t_train": np.ascontiguousarray(prepared.train.targets)}
    if prepared.val is not None and prepared.n_val:
        out["x_val"] = raw[n:]
        out["t_val"] = np.ascontiguousarray(prepared.val.targets)
    return out


def _identifiers(names: list[str]) -> dict[str, str]:
    """A distinct Python identifier for each name: `dense-1` → `dense_1`, `1st` → `n_1st`."""
    used: set[str] = set()
    out = {}
    for name in names:
        ident = re.sub(r"\W", "_", name, flags=re.ASCII) or "node"
        if ident[0].isdigit() or ident[0] == "_" or keyword.iskeyword(ident) or ident in _RESERVED:
            ident = "n_" + ident.lstrip("_")
        base, k = ident, 2
        while ident in used:
            ident, k = f"{base}_{k}", k + 1
        used.add(ident)
        out[name] = ident
    return out


def _group_arrays(model: Any, op: Any) -> dict[str, np.ndarray]:
    """A neuron group's arrays as the neuron kind's facet takes them: W, b, alpha and the masks."""
    layer = op.layer
    W = np.asarray(layer.params["W"], dtype=np.float64)
    connected = np.zeros(W.shape, dtype=bool)
    for slot in model.edges.values():
        if slot.op == op.name:
            connected[slot.rows, slot.col] = True

    def mask(key: str, shape: tuple) -> np.ndarray:
        t = layer.trainable.get(key, True)
        return np.broadcast_to(np.asarray(t, dtype=bool), shape).copy()
    arrays = {"W": W, "b": np.asarray(layer.params["b"], dtype=np.float64), "connected": connected,
              "trainable": mask("W", W.shape) & connected, "bias_trainable": mask("b", (W.shape[1],))}
    alpha = getattr(layer, "alpha", None)
    if "alpha" in layer.params:
        alpha = layer.params["alpha"]
    arrays["alpha"] = np.broadcast_to(np.asarray(alpha if alpha is not None else 0.0, dtype=np.float64),
                                      (W.shape[1],)).copy()
    return arrays


def _naming(model: Any) -> tuple[dict[str, list[str]], dict[str, str], dict[str, str]]:
    """(group op → its neuron ids by column, node id → identifier, op → its attribute/variable)."""
    group_ops = [op for op in model.network.ops if op.layer is not None and op.name not in model.layer_ops]
    members = {op.name: sorted((m for m, s in model.neurons.items() if s.op == op.name),
                               key=lambda m: model.neurons[m].col) for op in group_ops}
    names = _identifiers([op.name for op in model.network.ops if op.name not in members]
                         + [m for group in members.values() for m in group])
    var, taken, k = dict(names), set(names.values()), 0
    for op in group_ops:         # neurons_1, neurons_2, … in order
        k += 1
        while f"neurons_{k}" in taken:
            k += 1
        var[op.name] = f"neurons_{k}"
        taken.add(var[op.name])
    return members, names, var


def read_torch_weights(project: Project, path: str | os.PathLike) -> Project:
    """A copy of `project` with the weights of a weights file or checkpoint the script wrote
    (`model_checkpoint.npz`, loaded with allow_pickle=False): node params and edge weights as
    the script trained them. The normaliser and the history are left as they are."""
    from nnstudio.project.compile import compile_project
    out = project.copy()
    model = compile_project(out)
    members, _, var = _naming(model)
    with np.load(path, allow_pickle=False) as archive:
        state = {k: np.asarray(archive[k], dtype=np.float64) for k in archive.files}
    nodes = {n.id: n for n in out.nodes}
    order = topological_order(out)
    shapes = infer_shapes(out, order)
    for op in model.network.ops:
        if op.layer is None or not op.layer.params:
            continue
        prefix = var[op.name] + "."
        sub = {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}
        if op.name in members:
            first = nodes[members[op.name][0]]
            config = registry.KINDS[first.kind].check_config(first.config)
            code = _facet(first.kind)({"activation": config["activation"], "alpha": config["alpha"]},
                                      (int(op.layer.params["W"].shape[0]),), (len(members[op.name]),))
        else:
            node = nodes[op.name]
            code = _facet(node.kind)(registry.KINDS[node.kind].check_config(node.config),
                                     tuple(shapes.inputs[node.id]), tuple(shapes.out[node.id]))
        if code.read is None:
            raise ProjectError(f"a {op.name!r} node's trained weights cannot be read back from a PyTorch script",
                               op.name)
        try:
            arrays = code.read(sub)
        except KeyError as exc:
            raise ProjectError(f"{os.fspath(path)} lacks {prefix}{exc.args[0]}: it is not this project's "
                               "weights", op.name) from None
        if op.name not in members:
            nodes[op.name].params = {k: np.array(v) for k, v in arrays.items() if k in op.layer.params}
            continue
        for j, m in enumerate(members[op.name]):
            nodes[m].params = {"b": np.array(arrays["b"][j])}
            if "alpha" in arrays and config["activation"] == "prelu":
                nodes[m].params["alpha"] = np.array(np.asarray(arrays["alpha"]).reshape(-1)[j])
        for edge in out.edges:
            slot = model.edges.get(edge.id)
            if slot is not None and slot.op == op.name:
                column = arrays["W"][slot.rows, slot.col]
                edge.weight = float(column[0]) if slot.scalar else np.array(column)
    return out


def script_and_weights(project: Project, run: Any, weights_name: str, data_name: str) -> tuple[str, dict]:
    """The script's text and its weights (state_dict name → array) for a compiled `run`."""
    model = run.model
    order = topological_order(project)
    shapes = infer_shapes(project, order)
    nodes = {n.id: n for n in project.nodes}
    params = model.node_params()
    members, names, var = _naming(model)

    def single(ref: Any) -> str | None:
        """The neuron a reference to one column of a group is, else None."""
        if ref.op in members and ref.sliced and ref.stop - ref.start == 1:
            return members[ref.op][ref.start]
        return None

    every_ref = [r for op in model.network.ops for r in op.inputs] + list(model.network.outputs)
    named = {single(r) for r in every_ref} - {None}

    def ref_code(ref: Any) -> str:
        if single(ref):
            return names[single(ref)]
        return var[ref.op] + (f"[..., {ref.start}:{ref.stop}]" if ref.sliced else "")

    def gather(refs: list, axis: int) -> str:
        parts = [ref_code(r) for r in refs]
        return parts[0] if len(parts) == 1 else f"torch.cat([{', '.join(parts)}], dim={axis})"

    init_lines: list[str] = []
    forward_lines: list[str] = []
    weights: dict[str, np.ndarray] = {}
    frozen: list[str] = []
    regularized: list[str] = []
    helpers: list[str] = []
    column = 0
    for op in model.network.ops:
        v = var[op.name]
        if op.layer is None:                      # an input node: its columns of the raw rows
            node = nodes[op.name]
            shape = tuple(shapes.out[op.name])
            width = int(np.prod(shape))
            code = _facet(node.kind)(registry.KINDS[node.kind].check_config(node.config), None, shape)
            forward_lines.append(f"{v} = {code.forward.format(x=f'x[:, {column}:{column + width}]', m='')}"
                                 f"  # input {node.id!r}")
            column += width
            continue
        if op.name in members:
            group = members[op.name]
            first = nodes[group[0]]
            config = registry.KINDS[first.kind].check_config(first.config)
            config = {"activation": config["activation"], "alpha": config["alpha"]}
            n_in = int(op.layer.params["W"].shape[0])
            code = _facet(first.kind)(config, (n_in,), (len(group),))
            arrays = _group_arrays(model, op)
            comment = f"neuron{'s' * (len(group) > 1)} {', '.join(repr(m) for m in group)}" + (
                ", a column each" if len(group) > 1 else "")
        else:
            node = nodes[op.name]
            config = registry.KINDS[node.kind].check_config(node.config)
            code = _facet(node.kind)(config, tuple(shapes.inputs[node.id]), tuple(shapes.out[node.id]))
            arrays = params.get(node.id, {})
            comment = f"{node.kind} {node.id!r}"
        if code.module:
            init_lines.append(f"self.{v} = {code.module}  # {comment}")
            for key, value in code.weights(arrays).items():
                weights[f"{v}.{key}"] = np.asarray(value, dtype=np.float64)
            frozen += [f"{v}.{k}" for k in code.frozen]
            regularized += [f"{v}.{k}" for k in code.regularized]
        helpers += [h for h in code.helpers if h not in helpers]
        expr = code.forward.format(x=gather(op.inputs, op.axis), m=f"self.{v}")
        forward_lines.append(f"{v} = {expr}" + ("" if code.module else f"  # {comment}"))
        for col, m in enumerate(members.get(op.name, ())):
            if m in named:
                forward_lines.append(f"{names[m]} = {v}[..., {col}:{col + 1}]  # neuron {m!r}")
    forward_lines.append(f"return {gather(model.network.outputs, -1)}")
    preprocess, buffers = _preprocess(project, run, column)
    weights.update(buffers)
    return render_script(project=project, init_lines=init_lines, forward_lines=forward_lines,
                         preprocess=preprocess, helpers=[HELPERS[h] for h in helpers], frozen=frozen,
                         regularized=regularized, weights_name=weights_name, data_name=data_name,
                         n_columns=2 if project.data.features else column, n_normalized=len(buffers.get("offset", ())),
                         has_val=run.prepared.val is not None and run.prepared.n_val > 0,
                         dead_ends=_dead_ends(model)), weights


def _dead_ends(model: Any) -> bool:
    """Whether an op with parameters does not lead to an output (DDP must then be told that some
    parameters get no gradient)."""
    needed = {r.op for r in model.network.outputs}
    for op in reversed(model.network.ops):
        if op.name in needed:
            needed.update(r.op for r in op.inputs)
    return any(op.layer is not None and op.layer.params and op.name not in needed for op in model.network.ops)


def _facet(kind: str) -> Any:
    facet = registry.KINDS[kind].torch
    if facet is None:
        raise ProjectError(f"{kind} nodes cannot be written to a PyTorch script yet", kind)
    return facet


def _preprocess(project: Project, run: Any, n_columns: int) -> tuple[list[str], dict[str, np.ndarray]]:
    """The body of Model.preprocess (raw rows → the network's columns) and its buffers."""
    lines: list[str] = []
    features = list(project.data.features)
    if features:
        lines.append("x1, x2 = x[:, 0], x[:, 1]")
        lines.append(f"x = torch.stack([{', '.join(FEATURE_CODE[f] for f in features)}], dim=1)"
                     f"  # {', '.join(features)}")
    normalizer = run.prepared.normalizer
    buffers = {}
    if normalizer.kind != "none":
        lines.append(f"x = (x - self.offset) / self.scale  # the {normalizer.kind} normaliser's statistics")
        buffers = {"offset": np.asarray(normalizer.offset, dtype=np.float64),
                   "scale": np.asarray(normalizer.scale, dtype=np.float64)}
    lines.append("return x")
    return lines, buffers


def module_code(kind: str, config: dict, in_shape: tuple | None, out_shape: tuple) -> TorchCode:
    """The kind's TorchCode for a node (for tests and readers)."""
    return _facet(kind)(registry.KINDS[kind].check_config(config), in_shape, out_shape)
