"""The Backprop panel's words: the walked sample, a step's detail, the step list's short results,
the canvas's chips, in the interface's language.

A step's texts are English (training/walkthrough.py, which `nnstudio explain` prints too); those
with words also come as walkthrough.Words, whose templates the window translates (context
"Walkthrough": the generated domain_texts.WALK holds them for the catalogue) and fills with the
step's numbers and names.
"""
from __future__ import annotations

import html

from nnstudio.project.model import Project
from nnstudio.training import walkthrough as wt
from nnstudio.training.runner import TrainingRun
from nnstudio.training.walkthrough import Step, Walk, num
from nnstudio.ui.i18n import translate

def _say(template: str) -> str:
    return translate("Walkthrough", template)


def phase_name(phase: str) -> str:
    """A phase's heading in the step list ("Forward pass")."""
    return translate("Walkthrough", wt.PHASE_NAMES[phase])


def said(step: Step, name: str) -> str:
    """The step's "title", "working" or "result" in the interface's language."""
    words = step.words.get(name)
    return words.render(_say) if words is not None else getattr(step, name)


def step_result(step: Step) -> str:
    """The step list's Result column in the interface's language (see short_result)."""
    words = step.words.get("result")
    if words is not None and words.template == wt.FROZEN:
        update = words.values["update"]
        return translate("Walkthrough", "{update} (frozen)").format(update=short_result(str(update)))
    return short_result(said(step, "result"))


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
        return translate("Walkthrough", "{inputs} → class {label}").format(inputs=feeds, label=int(target))
    names = project.outputs if len(project.outputs) == target.size else [f"t{j}" for j in range(target.size)]
    return f"{feeds} → " + ", ".join(f"{o} = {num(v)}" for o, v in zip(names, target))


def step_html(step: Step) -> str:
    """The detail pane: the step's title, its rule in symbols, with this sample's numbers, and the result."""
    result = f"<b>{html.escape(said(step, 'result'))}</b>"
    rows = "".join(f"<tr><td style='color:#667; padding-right:8px'>{name}</td><td>{text}</td></tr>"
                   for name, text in ((translate("Walkthrough", "Rule"), html.escape(step.formula)),
                                      (translate("Walkthrough", "Numbers"), html.escape(said(step, "working"))),
                                      (translate("Walkthrough", "Result"), result)))
    return (f"<p style='margin-bottom:4px'><b>{html.escape(said(step, 'title'))}</b></p>"
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
