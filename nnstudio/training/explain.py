"""`nnstudio explain`: the forward and backward pass of one sample, number by number.

For networks built from single neurons it is the classic backpropagation walkthrough: every
neuron's net input and output, the error, every δ = ∂E/∂net (a hidden neuron's collects the error
of the neurons it feeds), ∂E/∂w for every weight and the weight after one gradient step at the
project's learning rate. Networks with layer nodes get one summary per layer (shapes and norms).
The numbers come from the same weights, data and loss functions the engine trains with.

Samples are numbered from 1 in the text, as in the window ("sample 1 of 4"); `explain` itself
takes the 0-based index, as `walk_sample` does. Given a width, prose wraps and text tables fit it
(training.text); the window's Backprop panel passes none and gets the lines whole.

Every English template with words passes through `say` (the identity here and on the command line):
the window passes one that translates it (nnstudio.ui.domain_i18n.explain_text; the catalogue holds
every literal first argument of a `say(...)` call of this module). Symbols, formulas and numbers stay.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from nnstudio.engine.step import LossStep
from nnstudio.project import registry
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.text import markdown_table, text_table, wrap
from nnstudio.training.walkthrough import factor, is_neuron_level, num, step_lr, walk_neurons


class Out:
    """The lines of the explanation: prose wrapped to `width` (None: not wrapped), tables fitted
    to it in text and kept whole in markdown, whose table rows cannot span lines."""

    def __init__(self, fmt: str, width: int | None) -> None:
        self.fmt, self.width = fmt, width
        self.lines: list[str] = []

    def text(self, line: str = "", indent: str = "  ") -> None:
        self.lines += wrap(line, self.width, indent)

    def heading(self, text: str) -> None:
        if self.fmt == "markdown":
            self.lines += ["", f"## {text}", ""]     # a markdown heading is one line
        else:
            self.lines.append("")
            self.text(text)

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.lines += (markdown_table(headers, rows) if self.fmt == "markdown"
                       else text_table(headers, rows, self.width))


Say = Callable[[str], str]


def _same(text: str) -> str:
    return text


def explain(project: Project, run: TrainingRun, sample: int, fmt: str = "text", width: int | None = None,
            say: Say = _same) -> str:
    """The walkthrough of the sample at index `sample` (0-based, dataset order), as text or markdown,
    wrapped to `width` columns (None: not wrapped). Its title numbers samples from 1, as the
    window does: "sample 1 of 4". `say` gives each English template in the reader's language."""
    data = run.all_samples().take(slice(sample, sample + 1))
    t = project.training
    lr = step_lr(project, run)
    kind = t.optimizer.get("kind", "sgd")
    name = project.meta.get("name", "") or say("project")
    out = Out(fmt, width)
    title = say("{name}: sample {number} of {total}").format(name=name, number=sample + 1,
                                                              total=len(run.all_samples()))
    if fmt == "markdown":
        out.lines.append(f"# {title}")
    else:
        out.text(title)
    out.text()
    values = ", ".join(f"{i} = {num(x[0])}" for i, x in zip(project.inputs, data.inputs))
    out.text(say("inputs: {values}").format(values=values), "    ")
    target = data.targets[0]
    if target.ndim == 0:
        out.text(say("target: class {number}").format(number=int(target)))
    else:
        outs = project.outputs if len(project.outputs) == target.size else [f"t{j}" for j in range(target.size)]
        values = ", ".join(f"{o} = {num(v)}" for o, v in zip(outs, target))
        out.text(say("targets: {values}").format(values=values), "    ")
    out.text(say("loss {loss}, optimizer {optimizer}, learning rate {rate}").format(loss=t.loss, optimizer=kind,
                                                                                     rate=num(lr)))
    if is_neuron_level(project):
        _neurons(out, project, run, data, lr, say)
    else:
        _layers(out, project, run, data, lr, say)
    return "\n".join(out.lines).rstrip() + "\n"


# --- neuron-level walkthrough ----------------------------------------------------------------

def _neurons(out: Out, project: Project, run: TrainingRun, data, lr: float, say: Say) -> None:
    walk = walk_neurons(project, run, data, lr)
    neurons, back, t = walk.neurons, walk.back, project.training
    fwd = [[n.id, n.activation, " + ".join(f"{factor(w)}·{factor(x)}" if w.size == 1 else f"{e}·{s}"
                                          for e, s, w, x in n.terms) + f" + {factor(n.b)}",
            num(n.net), num(n.out)] for n in neurons.values()]
    out.heading(say("1. Forward pass: net = Σ w·x + b, out = f(net)"))
    out.table([say("neuron"), "f", "w·x + … + b", "net", "out"], fwd)

    out.heading(say("2. Error"))
    per = walk.error_terms()
    if per is not None:
        out.text("  E = Σ ½·(target - out)² = " + " + ".join(num(v) for v in per) + f" = {num(walk.error)}")
    else:
        out.text(f"  E = {t.loss}(out, target) = {num(walk.error)}")
    if walk.extra:
        out.text("  " + say("plus the l1/l2 penalty {penalty}: E = {total}").format(
            penalty=num(walk.extra), total=num(walk.error + walk.extra)))
    if walk.perceptron:
        out.text("  " + say("the perceptron rule ignores E: its error signal is out - target, passed straight "
                            "through f"))

    bwd = [[n.id, n.d_out_how, num(n.d_out), num(n.fprime), num(n.delta)] for n in (neurons[i] for i in back)]
    out.heading(say("3. Backward pass: δ = ∂E/∂net = ∂E/∂out · f'(net)"))
    out.table([say("neuron"), "∂E/∂out", "=", "f'(net)", "δ"], bwd)

    def new(value: float, frozen: bool) -> str:
        return say("{value} (frozen)").format(value=num(value)) if frozen else num(value)

    wrows = [[u.edge, f"{u.source} → {u.target}", num(u.w), u.how, num(u.grad), new(u.new, u.frozen)]
             for u in walk.weights]
    out.heading(say("4. Weights: ∂E/∂w = δ(target)·out(source); new w = w - lr·∂E/∂w"))
    out.table([say("edge"), say("from → to"), "w", "∂E/∂w", "=", say("new w")], wrows)

    brows = [[b.node, num(b.b), num(b.grad), new(b.new, b.frozen)] for b in walk.biases]
    out.heading(say("5. Biases: ∂E/∂b = δ; new b = b - lr·∂E/∂b"))
    out.table([say("neuron"), "b", "∂E/∂b", say("new b")], brows)
    if project.training.optimizer.get("kind", "sgd") not in ("sgd", "perceptron"):
        out.text()
        out.text(say("(The new values are one plain gradient step; {optimizer} scales its steps differently.)")
                 .format(optimizer=project.training.optimizer.get("kind")), " ")
    elif len(run.all_samples()) > 1:
        out.text()
        out.text(say("(The step shown is for this one sample; a batch of several averages their gradients.)"), " ")


# --- layer summaries -------------------------------------------------------------------------

def _norm(a) -> str:
    return num(float(np.linalg.norm(np.asarray(a, dtype=np.float64))))


def _layers(out: Out, project: Project, run: TrainingRun, data, lr: float, say: Say) -> None:
    model = run.model
    net, objective = model.network, model.objective
    step = LossStep(net, objective)
    y = net.forward(data.inputs, training=False)
    value, dy = step.loss(y, data.targets)
    # The gradients shown are the loss's; the penalty's part is not added (its value is shown).
    with step.straight_through():
        net.backward(dy)
    members: dict[str, list[str]] = {}
    for node_id, slot in model.neurons.items():
        members.setdefault(slot.op, []).append(node_id)
    rows, param_rows, neuron_rows = [], [], []
    for op in net.ops:
        v = net.values[op.name]
        shape = registry.fmt_shape(tuple(v.shape[1:]))
        if op.layer is None:
            rows.append([op.name, say("input"), "", shape, _norm(v)])
            continue
        label = ", ".join(members[op.name]) if op.name in members else op.name
        act = getattr(op.layer, "activation", None)
        kind = say("neurons") if op.name in members else project.node(op.name).kind
        ins = [net.values[ref.op][..., ref.start:ref.stop] if ref.sliced else net.values[ref.op] for ref in op.inputs]
        rows.append([label, kind + (f" ({act})" if act else ""),
                     " + ".join(registry.fmt_shape(tuple(a.shape[1:])) for a in ins), shape, _norm(v)])
        for key, p in op.layer.params.items():
            if op.layer.trainable.get(key, True) is False:
                param_rows.append([label, key, registry.fmt_shape(p.shape), _norm(p), say("frozen"), ""])
            else:
                g = op.layer.grads[key]
                param_rows.append([label, key, registry.fmt_shape(p.shape), _norm(p), _norm(g), _norm(lr * g)])
        if op.name in members:
            zcache = op.layer.preactivation()
            for j, node_id in enumerate(members[op.name]):
                delta = op.layer.grads["b"][j] if "b" in op.layer.grads else float("nan")
                neuron_rows.append([node_id, num(zcache[0, j]), num(v[0, j]), num(delta)])
    out.heading(say("1. Forward pass, layer by layer (‖·‖ is the root of the sum of squares)"))
    out.table([say("node"), say("kind"), say("in"), say("out"), "‖out‖"], rows)
    if neuron_rows:
        out.heading(say("Neurons: net input, output and δ = ∂E/∂net"))
        out.table([say("neuron"), "net", "out", "δ"], neuron_rows)
    out.heading(say("2. Backward pass: the gradient of each parameter and one plain step lr·∂E/∂p"))
    out.table([say("node"), say("param"), say("shape"), "‖p‖", "‖∂E/∂p‖", "‖lr·∂E/∂p‖"], param_rows)
    out.heading(say("3. Output and error"))
    out.text("  " + say("output {values}").format(values=num(y[0])), "    ")
    out.text("  " + say("target {values}").format(values=num(data.targets[0])), "    ")
    if objective.l1 or objective.l2:
        out.text("  " + say("E = {loss} = {value} + penalty {penalty}").format(
            loss=objective.loss, value=num(value), penalty=num(step.penalty())))
    else:
        out.text(f"  E = {objective.loss} = {num(value)}")
