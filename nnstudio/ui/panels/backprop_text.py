"""The Backprop panel's words: the walked sample, a step's detail, the step list's short results,
the canvas's chips."""
from __future__ import annotations

import html

from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import Step, Walk, num


def short_result(result: str) -> str:
    """The step list's Result column: what was computed and its value, without the working
    ("δo1 = 0.741·0.187 = 0.138" → "δo1 = 0.138"); the detail pane shows it all."""
    result = result.replace("  (frozen: not trained)", " (frozen)")
    if " = " in result:
        name, _, rest = result.partition(" = ")
        return f"{name} = {rest.rpartition(' = ')[2]}"
    return result


def describe_sample(project: Project, run: TrainingRun, sample: int) -> str:
    """The walked sample in words: "i1 = 0.05, i2 = 0.1 → o1 = 0.01, o2 = 0.99"."""
    data = run.all_samples().take(slice(sample, sample + 1))
    feeds = ", ".join(f"{i} = {num(x[0])}" for i, x in zip(project.inputs, data.inputs))
    target = data.targets[0]
    if target.ndim == 0:
        return f"{feeds} → class {int(target)}"
    names = project.outputs if len(project.outputs) == target.size else [f"t{j}" for j in range(target.size)]
    return f"{feeds} → " + ", ".join(f"{o} = {num(v)}" for o, v in zip(names, target))


def step_html(step: Step) -> str:
    """The detail pane: the step's title, its rule in symbols, with this sample's numbers, and the result."""
    rows = "".join(f"<tr><td style='color:#667; padding-right:8px'>{name}</td><td>{text}</td></tr>"
                   for name, text in (("Rule", html.escape(step.formula)),
                                      ("Numbers", html.escape(step.working)),
                                      ("Result", f"<b>{html.escape(step.result)}</b>")))
    return (f"<p style='margin-bottom:4px'><b>{html.escape(step.title)}</b></p>"
            f"<table cellspacing='2'>{rows}</table>")


def chip_values(walk: Walk, steps: list[Step], index: int, inputs: dict[str, float]) -> dict[str, tuple[float, str]]:
    """node id → (value, prefix) at step `index`: the inputs; each neuron's output once the forward
    pass has reached it; its δ once the backward pass has."""
    values = {node: (x, "") for node, x in inputs.items()}
    done, phase = steps[:index + 1], steps[index].phase
    forward = {s.node for s in done if s.phase == "forward"}
    backward = {s.node for s in done if s.phase == "backward"}
    for node_id, neuron in walk.neurons.items():
        if node_id in backward:
            values[node_id] = (neuron.delta, "δ ")
        elif node_id in forward or phase != "forward":
            values[node_id] = (neuron.out, "")
    return values
