"""`nnstudio explain`: the forward and backward pass of one sample, number by number.

For networks built from single neurons it is the classic backpropagation walkthrough: every
neuron's net input and output, the error, every δ = ∂E/∂net (a hidden neuron's collects the error
of the neurons it feeds), ∂E/∂w for every weight and the weight after one gradient step at the
project's learning rate. Networks with layer nodes get one summary per layer (shapes and norms).
The numbers come from the same weights, data and loss functions the engine trains with.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from nnstudio.engine import activations, losses
from nnstudio.engine.schedules import learning_rate
from nnstudio.engine.training import penalty
from nnstudio.project import registry
from nnstudio.project.graph import topological_order
from nnstudio.project.model import Project
from nnstudio.project.runner import TrainingRun


def num(v) -> str:
    """A number as the walkthrough prints it: 9 significant digits; a list for a vector."""
    a = np.asarray(v, dtype=np.float64).reshape(-1)
    if a.size == 1:
        return f"{float(a[0]):.9g}"
    return "[" + ", ".join(f"{x:.9g}" for x in a) + "]"


def factor(v) -> str:
    """`num` with parentheses around a negative number, for products such as 0.5·(-0.2)."""
    s = num(v)
    return f"({s})" if s.startswith("-") else s


def table(headers: list[str], rows: list[list[str]], fmt: str) -> list[str]:
    if fmt == "markdown":
        esc = [[c.replace("|", "\\|") for c in r] for r in [headers, *rows]]
        return ["| " + " | ".join(esc[0]) + " |", "|" + "|".join("---" for _ in headers) + "|",
                *("| " + " | ".join(r) + " |" for r in esc[1:])]
    widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [headers, *rows]]


def heading(text: str, fmt: str) -> list[str]:
    return ["", f"## {text}", ""] if fmt == "markdown" else ["", text]


@dataclass
class Neuron:
    id: str
    activation: str
    alpha: float
    terms: list[tuple[str, str, np.ndarray, np.ndarray]] = field(default_factory=list)  # edge, source, w, x
    b: float = 0.0
    net: float = 0.0
    out: float = 0.0
    d_out: float = 0.0           # ∂E/∂out
    d_out_how: str = ""
    fprime: float = 0.0
    delta: float = 0.0


def is_neuron_level(project: Project) -> bool:
    return all(n.kind in ("input", "neuron") for n in project.nodes)


def explain(project: Project, run: TrainingRun, sample: int, fmt: str = "text") -> str:
    """The walkthrough for sample `sample` (dataset order) as text or markdown."""
    data = run.all_samples().take(slice(sample, sample + 1))
    t = project.training
    lr = learning_rate(run.optimizer.settings["lr"], t.schedule, run.start_epoch, run.start_epoch + t.epochs)
    kind = t.optimizer.get("kind", "sgd")
    name = project.meta.get("name", "") or "project"
    lines = [f"# {name}: sample {sample} of {len(run.all_samples())}" if fmt == "markdown"
             else f"{name}: sample {sample} of {len(run.all_samples())}", ""]
    feeds = ", ".join(f"{i} = {num(x[0])}" for i, x in zip(project.inputs, data.inputs))
    lines.append(f"inputs: {feeds}")
    target = data.targets[0]
    if target.ndim == 0:
        lines.append(f"target: class {int(target)}")
    else:
        outs = project.outputs if len(project.outputs) == target.size else [f"t{j}" for j in range(target.size)]
        lines.append("targets: " + ", ".join(f"{o} = {num(v)}" for o, v in zip(outs, target)))
    lines.append(f"loss {t.loss}, optimizer {kind}, learning rate {num(lr)}")
    if is_neuron_level(project):
        lines += _neurons(project, run, data, lr, fmt)
    else:
        lines += _layers(project, run, data, lr, fmt)
    return "\n".join(lines).rstrip() + "\n"


# --- neuron-level walkthrough ----------------------------------------------------------------

def _neurons(project: Project, run: TrainingRun, data, lr: float, fmt: str) -> list[str]:
    model, t = run.model, project.training
    weights, params = model.edge_weights(), model.node_params()
    perceptron = model.objective.perceptron
    order = topological_order(project)
    nodes = {n.id: n for n in project.nodes}
    values: dict[str, np.ndarray] = {i: np.asarray(x[0], np.float64).reshape(-1)
                                     for i, x in zip(project.inputs, data.inputs)}
    depth: dict[str, int] = {}
    neurons: dict[str, Neuron] = {}
    for node_id in order:
        node = nodes[node_id]
        incoming = project.incoming(node_id)
        depth[node_id] = 1 + max((depth[e.source] for e in incoming), default=-1)
        if node.kind != "neuron":
            values.setdefault(node_id, np.zeros(1))
            continue
        config = registry.KINDS["neuron"].check_config(node.config)
        p = params.get(node_id, {})
        alpha = float(p["alpha"]) if "alpha" in p else registry.activation_alpha(config)
        n = neurons[node_id] = Neuron(node_id, config["activation"], alpha, b=float(p.get("b", config["bias"])))
        net = n.b
        for e in incoming:
            w = np.asarray(weights[e.id], np.float64).reshape(-1)
            x = values[e.source]
            n.terms.append((e.id, e.source, w, x))
            net += float(w @ x)
        n.net = net
        n.out = float(activations.forward(n.activation, np.array([net]), alpha)[0])
        values[node_id] = np.array([n.out])

    # The error, from the engine's own loss function.
    y = np.concatenate([values[o] for o in project.outputs])[None, :]
    targets = data.targets
    value, dy = losses.compute(t.loss, y, targets)
    if perceptron:
        dy = y - targets      # Rosenblatt's rule: the error itself, passed straight through step
    extra = penalty(model.network, model.objective)
    col = {o: j for j, o in enumerate(project.outputs)}

    # Backward: deepest neurons first, so every δ a neuron needs is known when it is reached.
    back = sorted(neurons, key=lambda i: (-depth[i], order.index(i)))
    for node_id in back:
        n = neurons[node_id]
        parts, symbols, numbers = [], [], []
        if node_id in col:
            parts.append(float(dy[0, col[node_id]]))
            if t.loss == "half_sse" and not perceptron:
                symbols.append(f"out({node_id}) - target")
                numbers.append(f"{num(n.out)} - {factor(targets.reshape(-1)[col[node_id]])}")
            else:
                symbols.append("out - target" if perceptron else f"∂{t.loss}/∂out")
                numbers.append(num(parts[-1]))
        for e in project.outgoing(node_id):
            if e.target in neurons:
                # A hidden neuron collects the error of every neuron it feeds, weighted by the edge.
                w = float(np.asarray(weights[e.id]).reshape(-1)[0])
                parts.append(neurons[e.target].delta * w)
                symbols.append(f"δ{e.target}·{e.id}")
                numbers.append(f"{factor(neurons[e.target].delta)}·{factor(w)}")
        n.d_out = sum(parts)
        n.d_out_how = (" + ".join(symbols) + " = " + " + ".join(numbers)) if symbols else "not used"
        one = np.ones(1)
        n.fprime = float(activations.backward(n.activation, np.array([n.net]), np.array([n.out]), one, n.alpha,
                                              straight_through=perceptron)[0][0])
        n.delta = n.d_out * n.fprime

    fwd = [[n.id, n.activation, " + ".join(f"{factor(w)}·{factor(x)}" if w.size == 1 else f"{e}·{s}"
                                          for e, s, w, x in n.terms) + f" + {factor(n.b)}",
            num(n.net), num(n.out)] for n in (neurons[i] for i in order if i in neurons)]
    out = heading("1. Forward pass: net = Σ w·x + b, out = f(net)", fmt)
    out += table(["neuron", "f", "w·x + … + b", "net", "out"], fwd, fmt)

    out += heading("2. Error", fmt)
    per = 0.5 * (targets.reshape(-1) - y.reshape(-1)) ** 2 if t.loss == "half_sse" else None
    if per is not None:
        out.append("  E = Σ ½·(target - out)² = " + " + ".join(num(v) for v in per) + f" = {num(value)}")
    else:
        out.append(f"  E = {t.loss}(out, target) = {num(value)}")
    if extra:
        out.append(f"  plus the l1/l2 penalty {num(extra)}: E = {num(value + extra)}")
    if perceptron:
        out.append("  the perceptron rule ignores E: its error signal is out - target, passed straight through f")

    bwd = [[n.id, n.d_out_how, num(n.d_out), num(n.fprime), num(n.delta)] for n in (neurons[i] for i in back)]
    out += heading("3. Backward pass: δ = ∂E/∂net = ∂E/∂out · f'(net)", fmt)
    out += table(["neuron", "∂E/∂out", "=", "f'(net)", "δ"], bwd, fmt)

    reg = t.regularization
    l1, l2 = float(reg.get("l1", 0.0)), float(reg.get("l2", 0.0))
    wrows = []
    edges = {e.id: e for e in project.edges}
    for node_id in back:
        n = neurons[node_id]
        for edge_id, source, w, x in n.terms:
            grad = n.delta * x + 2 * l2 * w + l1 * np.sign(w)
            frozen = not edges[edge_id].trainable
            new = w if frozen else w - lr * grad
            how = f"δ{n.id}·out({source}) = {factor(n.delta)}·{factor(x)}" if x.size == 1 else f"δ{n.id}·{source}"
            wrows.append([edge_id, f"{source} → {n.id}", num(w), how + (" + l1/l2" if l1 or l2 else ""),
                          num(grad), num(new) + (" (frozen)" if frozen else "")])
    out += heading("4. Weights: ∂E/∂w = δ(target)·out(source); new w = w - lr·∂E/∂w", fmt)
    out += table(["edge", "from → to", "w", "∂E/∂w", "=", "new w"], wrows, fmt)

    brows = []
    for node_id in back:
        n = neurons[node_id]
        frozen = not registry.KINDS["neuron"].check_config(nodes[node_id].config)["bias_trainable"]
        new = n.b if frozen else n.b - lr * n.delta
        brows.append([n.id, num(n.b), num(n.delta), num(new) + (" (frozen)" if frozen else "")])
    out += heading("5. Biases: ∂E/∂b = δ; new b = b - lr·∂E/∂b", fmt)
    out += table(["neuron", "b", "∂E/∂b", "new b"], brows, fmt)
    if project.training.optimizer.get("kind", "sgd") not in ("sgd", "perceptron"):
        out += ["", f"(The new values are one plain gradient step; {project.training.optimizer.get('kind')} "
                "scales its steps differently.)"]
    elif len(run.all_samples()) > 1:
        out += ["", "(The step shown is for this one sample; a batch of several averages their gradients.)"]
    return out


# --- layer summaries -------------------------------------------------------------------------

def _norm(a) -> str:
    return num(float(np.linalg.norm(np.asarray(a, dtype=np.float64))))


def _layers(project: Project, run: TrainingRun, data, lr: float, fmt: str) -> list[str]:
    model = run.model
    net, objective = model.network, model.objective
    y = net.forward(data.inputs, training=False)
    z = objective.fused_layer.preactivation() if objective.fused_layer is not None else None
    value, dy = losses.compute(objective.loss, y, data.targets, z)
    if objective.perceptron:
        dy = y - data.targets
    net.set_straight_through(objective.perceptron)
    try:
        net.backward(dy)
    finally:
        net.set_straight_through(False)
    members: dict[str, list[str]] = {}
    for node_id, slot in model.neurons.items():
        members.setdefault(slot.op, []).append(node_id)
    rows, param_rows, neuron_rows = [], [], []
    for op in net.ops:
        v = net.values[op.name]
        shape = registry.fmt_shape(tuple(v.shape[1:]))
        if op.layer is None:
            rows.append([op.name, "input", "", shape, _norm(v)])
            continue
        label = ", ".join(members[op.name]) if op.name in members else op.name
        act = getattr(op.layer, "activation", None)
        kind = "neurons" if op.name in members else project.node(op.name).kind
        ins = [net.values[ref.op][..., ref.start:ref.stop] if ref.sliced else net.values[ref.op] for ref in op.inputs]
        rows.append([label, kind + (f" ({act})" if act else ""),
                     " + ".join(registry.fmt_shape(tuple(a.shape[1:])) for a in ins), shape, _norm(v)])
        for key, p in op.layer.params.items():
            if op.layer.trainable.get(key, True) is False:
                param_rows.append([label, key, registry.fmt_shape(p.shape), _norm(p), "frozen", ""])
            else:
                g = op.layer.grads[key]
                param_rows.append([label, key, registry.fmt_shape(p.shape), _norm(p), _norm(g), _norm(lr * g)])
        if op.name in members:
            zcache = op.layer.preactivation()
            for j, node_id in enumerate(members[op.name]):
                delta = op.layer.grads["b"][j] if "b" in op.layer.grads else float("nan")
                neuron_rows.append([node_id, num(zcache[0, j]), num(v[0, j]), num(delta)])
    out = heading("1. Forward pass, layer by layer (‖·‖ is the root of the sum of squares)", fmt)
    out += table(["node", "kind", "in", "out", "‖out‖"], rows, fmt)
    if neuron_rows:
        out += heading("Neurons: net input, output and δ = ∂E/∂net", fmt)
        out += table(["neuron", "net", "out", "δ"], neuron_rows, fmt)
    out += heading("2. Backward pass: the gradient of each parameter and one plain step lr·∂E/∂p", fmt)
    out += table(["node", "param", "shape", "‖p‖", "‖∂E/∂p‖", "‖lr·∂E/∂p‖"], param_rows, fmt)
    out += heading("3. Output and error", fmt)
    out.append(f"  output {num(y[0])}")
    out.append(f"  target {num(data.targets[0])}")
    out.append(f"  E = {objective.loss} = {num(value)}" + (f" + penalty {num(penalty(net, objective))}"
                                                            if objective.l1 or objective.l2 else ""))
    return out
