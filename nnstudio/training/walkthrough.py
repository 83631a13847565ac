"""The backpropagation walkthrough of one sample, number by number (no Qt).

For networks built from single neurons: every neuron's net input and output, the error, every
δ = ∂E/∂net (a hidden neuron's collects the error of the neurons it feeds), ∂E/∂w for every weight
and the weight after one gradient step at the project's learning rate: the classic worked example,
computed with the same weights, data and loss functions the engine trains with.

`walk_neurons` computes it; `steps` lays it out as the sequence a student steps through (the
window's Backprop panel); `nnstudio explain` prints it as tables. A step's texts are English; the
ones with words in them also come as `Words` (an English template and the values that fill it), so
the window can say them in another language without taking the English apart.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Collection

import numpy as np

from nnstudio.engine import activations
from nnstudio.engine.schedules import learning_rate
from nnstudio.engine.step import LossStep, penalty_gradient
from nnstudio.engine.training import Split
from nnstudio.project import registry
from nnstudio.project.compile import CompiledModel
from nnstudio.project.graph import topological_order
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun


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


@dataclass(frozen=True, eq=False)
class Words:
    """Text with words in it, its variable parts apart: `template` (English, named {placeholders})
    filled with `values` (plain text, or Words of their own). str() is the English; the window
    renders it with a `say` that translates each template (a template without words passes as is)."""
    template: str
    values: dict[str, str | Words] = field(default_factory=dict)

    def render(self, say: Callable[[str], str] = str) -> str:
        return say(self.template).format(**{k: v.render(say) if isinstance(v, Words) else v
                                             for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.render()


def literal(text: str) -> str:
    """`text` as a piece of a Words template, shown as it is (its braces escaped)."""
    return text.replace("{", "{{").replace("}", "}}")


# The templates with words the walk's texts use (the window's catalogue holds their translations).
FORWARD_TITLE, ERROR_TITLE, BACKWARD_TITLE = "Forward: {node}", "Error", "Backward: δ{node}"
WEIGHT_TITLE, BIAS_TITLE = "Weight {edge} ({source} → {target})", "Bias of {node}"
NOT_USED = "not used"
THROUGH_SOFTMAX = "∂E/∂z{k}({head}) (through softmax)"
SOFTMAX_AND_LOSS = "∂E/∂z{k}({head}) (softmax and loss together)"
PENALTY = "E = {error} + penalty {penalty} = {total}"
PERCEPTRON = "E = {error}  (the perceptron rule uses out - target instead)"
PENALTY_PERCEPTRON = "E = {error} + penalty {penalty} = {total}  (the perceptron rule uses out - target instead)"
FROZEN = "{update}  (frozen: not trained)"
TEMPLATES = (FORWARD_TITLE, ERROR_TITLE, BACKWARD_TITLE, WEIGHT_TITLE, BIAS_TITLE, NOT_USED, THROUGH_SOFTMAX,
             SOFTMAX_AND_LOSS, PENALTY, PERCEPTRON, PENALTY_PERCEPTRON, FROZEN)


def is_neuron_level(project: Project) -> bool:
    """Whether the walkthrough covers every node of `project` (inputs and single neurons)."""
    return all(_has(n.kind, lambda spec: spec.walkthrough) for n in project.nodes)


def _is_neuron(kind: str) -> bool:
    """A unit the walkthrough computes (f(Σ w·x + b)); the other covered kinds are sources."""
    return _has(kind, lambda spec: spec.category == "neuron")


def _has(kind: str, facet: Callable[[registry.NodeKind], bool]) -> bool:
    """Whether `kind` is on the allowlist and `facet` holds for it (False for an unknown kind)."""
    spec = registry.KINDS.get(kind) if isinstance(kind, str) else None
    return spec is not None and facet(spec)


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
    d_out_how: str = ""          # how it was summed: symbols = numbers
    d_out_words: Words | None = None     # d_out_how when its symbols hold words (a softmax's), or "not used"
    fprime: float = 0.0
    delta: float = 0.0


@dataclass
class WeightUpdate:
    edge: str
    source: str
    target: str
    w: np.ndarray
    how: str                     # "δh1·out(i1) = 0.1·0.05"
    grad: np.ndarray
    new: np.ndarray
    frozen: bool


@dataclass
class BiasUpdate:
    node: str
    b: float
    grad: float
    new: float
    frozen: bool


@dataclass
class Walk:
    """One sample's forward pass, error, backward pass and one plain gradient step."""
    neurons: dict[str, Neuron]   # forward (topological) order
    back: list[str]              # neuron ids, deepest first
    outputs: np.ndarray          # the network's outputs, [1, outputs]
    targets: np.ndarray
    error: float                 # the loss, without the penalty
    extra: float                 # the l1/l2 penalty
    perceptron: bool
    lr: float
    loss: str
    weights: list[WeightUpdate]
    biases: list[BiasUpdate]

    def error_terms(self) -> np.ndarray | None:
        """½·(target - out)² per output for half_sse (which sums them), else None."""
        if self.loss != "half_sse":
            return None
        return 0.5 * (self.targets.reshape(-1) - self.outputs.reshape(-1)) ** 2


def step_lr(project: Project, run: TrainingRun) -> float:
    """The learning rate the run's next step would take (its schedule at its first epoch)."""
    t = project.training
    return learning_rate(run.optimizer.settings["lr"], t.schedule, run.start_epoch, run.start_epoch + t.epochs)


def neuron_forward(node, incoming: list, params: dict[str, np.ndarray], weights: dict[str, object],
                   values: dict[str, np.ndarray]) -> Neuron:
    """A neuron's forward pass for the walk: its terms w·x over its incoming edges (in edge
    order, from the sources' `values`), net = Σ w·x + b and out = f(net), with the compiled
    model's parameters (`params` of this node, every edge's `weights`)."""
    config = registry.kind(node.kind).check_config(node.config)
    alpha = float(params["alpha"]) if "alpha" in params else registry.activation_alpha(config)
    n = Neuron(node.id, config["activation"], alpha, b=float(params.get("b", config["bias"])))
    net = n.b
    for e in incoming:
        w = np.asarray(weights[e.id], np.float64).reshape(-1)
        x = values[e.source]
        n.terms.append((e.id, e.source, w, x))
        net += float(w @ x)
    n.net = net
    n.out = float(activations.forward(n.activation, np.array([net]), alpha)[0])
    return n


def neuron_delta(n: Neuron, project: Project, neurons: dict[str, Neuron], weights: dict[str, object],
                 perceptron: bool, parts: list[float], symbols: list[str | Words], numbers: list[str]) -> None:
    """Finish a neuron's backward step: to its own error terms (`parts`, written as `symbols` =
    `numbers`; a symbol with words is Words) add the δ of every neuron it feeds, weighted by the
    edge, then set ∂E/∂out, f'(net) and δ = ∂E/∂out · f'(net). The neurons it feeds must have
    their δ already (deepest first)."""
    for e in project.outgoing(n.id):
        if e.target in neurons:
            w = float(np.asarray(weights[e.id]).reshape(-1)[0])
            parts.append(neurons[e.target].delta * w)
            symbols.append(f"δ{e.target}·{e.id}")
            numbers.append(f"{factor(neurons[e.target].delta)}·{factor(w)}")
    n.d_out = sum(parts)
    if not symbols:
        n.d_out_words = Words(NOT_USED)
    elif any(isinstance(s, Words) for s in symbols):
        template = " + ".join(f"{{s{k}}}" for k in range(len(symbols))) + " = " + literal(" + ".join(numbers))
        n.d_out_words = Words(template, {f"s{k}": s for k, s in enumerate(symbols)})
    n.d_out_how = str(n.d_out_words) if n.d_out_words else " + ".join(symbols) + " = " + " + ".join(numbers)
    n.fprime = float(activations.backward(n.activation, np.array([n.net]), np.array([n.out]), np.ones(1), n.alpha,
                                          straight_through=perceptron)[0][0])
    n.delta = n.d_out * n.fprime


def parameter_updates(project: Project, model, step: LossStep, neurons: dict[str, Neuron], back: list[str],
                      lr: float) -> tuple[list[WeightUpdate], list[BiasUpdate]]:
    """Each weight's and bias's gradient from the neurons' δ (`back`: deepest first), with the
    l1/l2 penalty's share, and its value after one plain step of `lr` (frozen ones stay)."""
    nodes = {n.id: n for n in project.nodes}
    penalized = step.has_penalty
    edges = {e.id: e for e in project.edges}
    updates, biases = [], []
    for node_id in back:
        n = neurons[node_id]
        for edge_id, source, w, x in n.terms:
            grad = penalty_gradient(n.delta * x, w, model.objective)
            frozen = not edges[edge_id].trainable
            how = f"δ{n.id}·out({source}) = {factor(n.delta)}·{factor(x)}" if x.size == 1 else f"δ{n.id}·{source}"
            updates.append(WeightUpdate(edge_id, source, n.id, w, how + (" + l1/l2" if penalized else ""), grad,
                                        w if frozen else w - lr * grad, frozen))
        frozen = not registry.kind(nodes[node_id].kind).check_config(nodes[node_id].config)["bias_trainable"]
        biases.append(BiasUpdate(node_id, n.b, n.delta, n.b if frozen else n.b - lr * n.delta, frozen))
    return updates, biases


def walk_sample(project: Project, run: TrainingRun, sample: int) -> Walk:
    """The walkthrough of the sample at index `sample` (0-based, dataset order) with the run's
    weights. The window and `nnstudio explain` number samples from 1: they show it as sample + 1."""
    return walk_neurons(project, run, run.all_samples().take(slice(sample, sample + 1)), step_lr(project, run))


@dataclass
class Forward:
    """The forward pass of one sample, node by node in graph order: each node's output `values`,
    its `depth` (edges from the inputs), the `neurons` computed, the run's edge `weights`, and each
    softmax head's `logits` (the outputs of the neurons it joins)."""
    order: list[str]
    values: dict[str, np.ndarray]
    depth: dict[str, int]
    neurons: dict[str, Neuron]
    weights: dict[str, object]
    logits: dict[str, np.ndarray]

    def backward_order(self) -> list[str]:
        """The neurons deepest first, so every δ a neuron needs is known when it is reached."""
        return sorted(self.neurons, key=lambda i: (-self.depth[i], self.order.index(i)))


def forward_pass(project: Project, model: CompiledModel, data: Split, heads: Collection[str] = ()) -> Forward:
    """The forward pass of the one sample in `data` through input and neuron nodes with the compiled
    `model`'s parameters; a node in `heads` takes softmax over the neurons it joins (walk_softmax)."""
    weights, params = model.edge_weights(), model.node_params()
    order = topological_order(project)
    nodes = {n.id: n for n in project.nodes}
    out = Forward(order, {i: np.asarray(x[0], np.float64).reshape(-1) for i, x in zip(project.inputs, data.inputs)},
                  {}, {}, weights, {})
    for node_id in order:
        node = nodes[node_id]
        incoming = project.incoming(node_id)
        out.depth[node_id] = 1 + max((out.depth[e.source] for e in incoming), default=-1)
        if node_id in heads:
            out.logits[node_id] = np.array([out.values[e.source][0] for e in incoming])
            out.values[node_id] = activations.forward("softmax", out.logits[node_id][None, :], 0.0)[0]
            continue
        if not _is_neuron(node.kind):
            out.values.setdefault(node_id, np.zeros(1))
            continue
        n = out.neurons[node_id] = neuron_forward(node, incoming, params.get(node_id, {}), weights, out.values)
        out.values[node_id] = np.array([n.out])
    return out


def walk_neurons(project: Project, run: TrainingRun, data: Split, lr: float) -> Walk:
    """The walkthrough of the one sample in `data` for a network of input and neuron nodes."""
    model, t = run.model, project.training
    step = LossStep(model.network, model.objective)
    perceptron = step.perceptron
    forward = forward_pass(project, model, data)
    values, neurons, weights = forward.values, forward.neurons, forward.weights

    # The error, from the engine's own step. Never fused: the walkthrough shows ∂E/∂out and f'(net)
    # apart. Under the perceptron rule the signal is out - target, passed straight through step.
    y = np.concatenate([values[o] for o in project.outputs])[None, :]
    targets = data.targets
    value, dy = step.signal(y, targets, None)
    col = {o: j for j, o in enumerate(project.outputs)}

    back = forward.backward_order()
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
        neuron_delta(n, project, neurons, weights, perceptron, parts, symbols, numbers)

    updates, biases = parameter_updates(project, model, step, neurons, back, lr)
    return Walk({i: neurons[i] for i in forward.order if i in neurons}, back, y, targets, float(value),
                float(step.penalty()), perceptron, lr, t.loss, updates, biases)


@dataclass
class Step:
    """One step of the walkthrough, as the Backprop panel shows it."""
    phase: str                   # forward | error | backward | weight | bias
    title: str                   # "Forward: h1"
    formula: str                 # the rule, in symbols
    working: str                 # the rule with this sample's numbers
    result: str                  # what comes out
    node: str = ""               # the neuron it is about, if any
    edge: str = ""               # the edge it is about, if any
    words: dict[str, Words] = field(default_factory=dict)   # "title", "working", "result" with words → as Words


def _step(phase: str, title: Words, formula: str, working: str | Words, result: str | Words, node: str = "",
          edge: str = "") -> Step:
    """A Step whose texts are the English of `title`, `working` and `result`, keeping the Words."""
    said = {name: text for name, text in (("title", title), ("working", working), ("result", result))
            if isinstance(text, Words)}
    return Step(phase, str(title), formula, str(working), str(result), node, edge, said)


PHASE_NAMES = {"forward": "Forward pass", "error": "Error", "backward": "Backward pass",
               "weight": "Weight updates", "bias": "Bias updates"}


def steps(walk: Walk) -> list[Step]:
    """The walkthrough in the order a student follows it: the forward pass neuron by neuron, the
    error, δ neuron by neuron from the output back, then each weight's and bias's update."""
    out: list[Step] = []
    for n in walk.neurons.values():
        products = [f"{factor(w)}·{factor(x)}" if w.size == 1 else f"{e}·{s}" for e, s, w, x in n.terms]
        symbols = [f"{e}·out({s})" for e, s, _, _ in n.terms]
        out.append(_step("forward", Words(FORWARD_TITLE, {"node": n.id}),
                         f"net({n.id}) = {' + '.join(symbols + ['b'])};  out({n.id}) = {n.activation}(net)",
                         f"net = {' + '.join(products + [factor(n.b)])} = {num(n.net)}",
                         f"out({n.id}) = {n.activation}({num(n.net)}) = {num(n.out)}", node=n.id))
    terms = walk.error_terms()
    if terms is not None:
        rule, working = "E = Σ ½·(target - out)²", " + ".join(num(v) for v in terms)
    else:
        rule, working = f"E = {walk.loss}(out, target)", f"out {num(walk.outputs[0])}, target {num(walk.targets[0])}"
    values = {"error": num(walk.error), "penalty": num(walk.extra), "total": num(walk.error + walk.extra)}
    template = {(False, False): "E = {error}", (True, False): PENALTY, (False, True): PERCEPTRON,
                (True, True): PENALTY_PERCEPTRON}[(bool(walk.extra), walk.perceptron)]
    total = Words(template, values) if walk.extra or walk.perceptron else str(Words(template, values))
    out.append(_step("error", Words(ERROR_TITLE), rule, working, total))
    for node_id in walk.back:
        n = walk.neurons[node_id]
        working = f"∂E/∂out = {n.d_out_how};  f'(net) = {num(n.fprime)}"
        if n.d_out_words is not None:
            working = Words("∂E/∂out = {how};  f'(net) = {fprime}", {"how": n.d_out_words, "fprime": num(n.fprime)})
        out.append(_step("backward", Words(BACKWARD_TITLE, {"node": n.id}),
                         f"δ{n.id} = ∂E/∂out({n.id}) · f'(net({n.id}))", working,
                         f"δ{n.id} = {factor(n.d_out)}·{factor(n.fprime)} = {num(n.delta)}", node=n.id))
    for u in walk.weights:
        new = f"{u.edge}: {num(u.w)} → {num(u.new)}"
        out.append(_step("weight", Words(WEIGHT_TITLE, {"edge": u.edge, "source": u.source, "target": u.target}),
                         f"∂E/∂{u.edge} = δ{u.target}·out({u.source});  "
                         f"new {u.edge} = {u.edge} - lr·∂E/∂{u.edge}",
                         f"∂E/∂{u.edge} = {u.how.split(' = ')[-1]} = {num(u.grad)};  "
                         f"{num(u.w)} - {factor(walk.lr)}·{factor(u.grad)}",
                         Words(FROZEN, {"update": new}) if u.frozen else new, edge=u.edge))
    for b in walk.biases:
        new = f"b({b.node}): {num(b.b)} → {num(b.new)}"
        out.append(_step("bias", Words(BIAS_TITLE, {"node": b.node}),
                         f"∂E/∂b = δ{b.node};  new b = b - lr·δ{b.node}",
                         f"{num(b.b)} - {factor(walk.lr)}·{factor(b.grad)}",
                         Words(FROZEN, {"update": new}) if b.frozen else new, node=b.node))
    return out
