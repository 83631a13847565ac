"""The generator of `nnstudio/ui/domain_texts.py`: the catalogue entries for the words the Qt-free
layers make and the window shows, for lupdate to pick up (scripts/update_translations.py runs it
before lupdate; tests/ui/test_domain_i18n.py checks the module is up to date).

    Kinds     every registered kind's title, description, field labels (as the inspector derives
              them) and field help; the built-in datasets' titles, descriptions and parameters; the
              engine's descriptions of its losses and activations
    Examples  every example project's name and description (domain_i18n.example_text makes the
              summary from the translated description)
    Errors    the message templates of the errors the Qt-free layers raise and of the validation
              problems, found by reading their source (an AST scan): an f-string's values become
              {0}, {1}…, a conditional or a concatenation gives every form. domain_i18n.message_text
              matches a message to its template, translates it and puts the values back.
    WeightMatrices  the templates of the Weights panel's matrix names (training/probes.py)
    Walkthrough     the Backprop walk's templates with words and its phases' names (walkthrough.py)
    Explain   the templates of `nnstudio explain`'s text (training/explain.py: every literal first
              argument of a `say(...)` call), which the Backprop panel's Text page shows
"""
from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

from nnstudio.data.builtin import BUILTINS
from nnstudio.engine.activations import ACTIVATIONS
from nnstudio.engine.losses import LOSSES
from nnstudio.project import registry
from nnstudio.project.gallery import list_examples
from nnstudio.training import walkthrough
from nnstudio.training.probes import MATRIX_TEMPLATES

PACKAGE = Path(__file__).resolve().parent.parent          # nnstudio/
TARGET = Path(__file__).resolve().parent / "domain_texts.py"
LAYERS = ("errors.py", "engine", "kinds", "data", "project", "training", "export")
# Calls whose argument is a message the window may show: name → the message argument's index.
MESSAGE_CALLS = {"ProjectError": 0, "DataError": 0, "OnnxImportError": 0, "ShapeError": 0, "CycleError": 0,
                 "ValueError": 0, "TypeError": 0, "IndexError": 0, "_BadJSON": 0, "MissingExtra": 0,
                 "ConfigError": 1, "fail": 1, "error": 0, "warn": 0}
# Variables and attributes that hold a message before it is raised (`column.problem = f"…"`).
# Functions that return why something cannot be done (`why_not_expand`): their returns are messages.
REASON_FUNCTIONS = re.compile(r"^_?(why_not_\w+|\w+_reason|\w*problem)$")
# A message that starts with the key it is about ("{0} has shape …", "params.{0} has shape …").
LEADING_KEY = re.compile(r"^(?:params\.)?\{0\} (?=(?:is|has|holds|must|needs|lacks|receives|expects|feeds|takes) )")
MESSAGE_NAMES = re.compile(r"(problem|message|reason|detail|not_finite|not_number)s?$")
MAX_FORMS = 16            # a message with more forms than this is left out (it is not a template)
ALTERNATIVES = 8
EXPLAIN = PACKAGE / "training" / "explain.py"


def _sources() -> list[Path]:
    out: list[Path] = []
    for part in LAYERS:
        path = PACKAGE / part
        out.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return out


class _Forms:
    """The templates one message expression can give, within one module."""

    def __init__(self, tree: ast.Module, everywhere: dict[str, list[ast.AST]]) -> None:
        self.functions = {n.name: n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        self.everywhere = everywhere      # every function of the layers by name: sentences made elsewhere
        self.inner: list[list[str | None]] = []     # the forms of messages made inside a message
        self.depth = 0

    def of(self, node: ast.AST, scope: ast.AST | None) -> list[list[str | None]]:
        """Each form as a list of literal pieces and None for a value."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [[node.value]]
        if isinstance(node, ast.JoinedStr):
            parts = [self._piece(v, scope) for v in node.values]
            return [sum(p, []) for p in itertools.product(*parts)][:MAX_FORMS + 1]
        if isinstance(node, ast.IfExp):
            return self.of(node.body, scope) + self.of(node.orelse, scope)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self.of(node.left, scope), self.of(node.right, scope)
            if left and right:
                return [a + b for a, b in itertools.product(left, right)][:MAX_FORMS + 1]
            return []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(node.func.value, ast.Dict):        # {str: "a string", …}.get(…)
            return [f for v in node.func.value.values for f in self.of(v, scope)]
        if isinstance(node, ast.Call) and self.depth < 2:
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            functions = [self.functions[name]] if name in self.functions else self.everywhere.get(name, [])
            self.depth += 1
            try:
                return [f for function in functions for r in ast.walk(function)
                        if isinstance(r, ast.Return) and r.value is not None for f in self.of(r.value, function)]
            finally:
                self.depth -= 1
        if isinstance(node, ast.Name) and scope is not None and self.depth < 2:
            self.depth += 1
            try:
                return [f for a in ast.walk(scope) if isinstance(a, ast.Assign) and any(
                        isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
                        for f in self.of(a.value, scope)]
            finally:
                self.depth -= 1
        return []

    def _piece(self, value: ast.AST, scope: ast.AST | None) -> list[list[str | None]]:
        if isinstance(value, ast.Constant):
            return [[str(value.value)]]
        inner = value.value if isinstance(value, ast.FormattedValue) else value
        if isinstance(inner, ast.Name) and scope is not None and self.depth < 2:
            self.inner.extend(self.of(inner, scope))   # want = "a single number" if … else …
        if isinstance(inner, ast.Call) and self.depth < 2:
            name = inner.func.id if isinstance(inner.func, ast.Name) else getattr(inner.func, "attr", "")
            self.depth += 1
            try:
                for function in self.everywhere.get(name, ()):
                    self.inner.extend(f for r in ast.walk(function) if isinstance(r, ast.Return)
                                      and r.value is not None for f in self.of(r.value, function))
            finally:
                self.depth -= 1
        if isinstance(inner, ast.IfExp) and value.format_spec is None and getattr(value, "conversion", -1) == -1:
            forms = self.of(inner, None)
            if forms and len(forms) <= ALTERNATIVES:
                return forms
        return [[None]]


def template(pieces: list[str | None]) -> str:
    """Literal pieces and values (None) as one text with {0}, {1}… (braces in the text doubled)."""
    out, n = [], 0
    for piece in pieces:
        if piece is None:
            out.append("{%d}" % n)
            n += 1
        else:
            out.append(piece.replace("{", "{{").replace("}", "}}"))
    return "".join(out)


def is_template(text: str) -> bool:
    """A text worth a catalogue entry: some words of its own, not only values and punctuation."""
    words = re.sub(r"\{\d+\}", " ", text)
    # One word alone ("infinity", "false") is a value put into a message, not a message.
    return bool(re.search(r"[A-Za-z]{3,}", words)) and "\n" not in text and " " in text.strip()


def error_templates() -> set[str]:
    """Every message template of the Qt-free layers' errors and validation problems."""
    found: set[str] = set()
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in _sources()]
    everywhere: dict[str, list[ast.AST]] = {}
    for tree in trees:
        for n in ast.walk(tree):
            if isinstance(n, ast.FunctionDef) and not n.name.startswith("__"):
                everywhere.setdefault(n.name, []).append(n)
    for tree in trees:
        forms = _Forms(tree, everywhere)
        for scope in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for node in ast.walk(scope):
                expr = None
                if isinstance(node, ast.Return) and node.value is not None and REASON_FUNCTIONS.match(scope.name):
                    expr = node.value
                if isinstance(node, ast.Call):
                    name = node.func.id if isinstance(node.func, ast.Name) else (
                        node.func.attr if isinstance(node.func, ast.Attribute) else "")
                    index = MESSAGE_CALLS.get(name)
                    if index is not None and name in ("fail", "error", "warn") and not isinstance(
                            node.func, ast.Attribute):
                        index = None
                    if index is not None and len(node.args) > index:
                        expr = node.args[index]
                elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                    name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", "")
                    if MESSAGE_NAMES.search(name or ""):
                        expr = node.value
                if expr is None:
                    continue
                forms.inner = []
                made = forms.of(expr, scope)
                for group in (made, forms.inner):
                    if len(group) <= MAX_FORMS:
                        found.update(t for t in map(template, group) if is_template(t))
    # The window shows a node's message without the key it starts with ("params.W has shape …" is
    # said "Parameters › W: has shape …"): that rest is a template too.
    found.update(rest for t in list(found) for rest in [LEADING_KEY.sub("", t)] if rest != t and is_template(rest))
    return found


def value_templates() -> set[str]:
    """The counted words put into messages (`plural(n, "input column")`: "{0} input column" and
    "{0} input columns"); translated only as a value inside a message."""
    found: set[str] = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "plural" \
                    and len(node.args) == 2 and isinstance(node.args[1], ast.Constant):
                word = str(node.args[1].value)
                found.update((f"{{0}} {word}", f"{{0}} {word}s"))
    return found


def kind_texts() -> set[str]:
    found: set[str] = set()
    for spec in registry.KINDS.values():
        # A one-word title is the kind's API name (Conv2D, LSTM): its translation keeps it and adds
        # the Chinese term ("LSTM 长短期记忆"), as the tutorials name the layers.
        found.update((spec.title, spec.description))
        for f in spec.fields:
            found.update((f.label or f.name.replace("_", " ").capitalize(), f.doc))
    # The engine's descriptions of its losses, and its activations' formulas that hold words
    # ("y = 1 if z ≥ 0 else 0"): the Training tab and the inspector show them.
    found.update(LOSSES.values())
    found.update(text for text in ACTIVATIONS.values() if re.search(r"\b(if|else|over|learned)\b", text))
    for dataset in BUILTINS.values():          # the Data tab's built-in datasets and their parameters
        found.update((dataset.title, dataset.description))
        for param in dataset.params:
            found.update((param.name.replace("_", " ").capitalize(), param.help))
    return {t for t in found if t}


def example_texts() -> set[str]:
    found: set[str] = set()
    for info in list_examples():            # a summary is translated with its description
        found.update((info.name, info.description))
    return {t for t in found if t}


def explain_templates(path: Path = EXPLAIN) -> set[str]:
    """The English templates explain() passes through its `say`: each `say("…")` call's literal."""
    return {node.args[0].value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "say"
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def generate() -> str:
    """The text of domain_texts.py as the Qt-free layers stand now."""
    lines = ['"""GENERATED by nnstudio/ui/domain_catalogue.py (run by scripts/update_translations.py): do not',
             "edit. The catalogue entries for the Qt-free layers' words the window shows, for lupdate;",
             'nnstudio.ui.domain_i18n translates them (kind_text, example_text, error_text,',
             'explain_text)."""',
             "from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for name, context, texts in (("KINDS", "Kinds", kind_texts()), ("EXAMPLES", "Examples", example_texts()),
                                 ("ERRORS", "Errors", error_templates()), ("VALUES", "Errors", value_templates()),
                                 ("MATRICES", "WeightMatrices", set(MATRIX_TEMPLATES)),
                                 ("EXPLAIN", "Explain", explain_templates()),
                                 ("WALK", "Walkthrough", {*walkthrough.TEMPLATES, *walkthrough.PHASE_NAMES.values()})):
        lines.append(f"{name} = (")
        lines.extend(f'    QT_TRANSLATE_NOOP("{context}", {_literal(t)}),' for t in sorted(texts))
        lines.extend([")", ""])
    return "\n".join(lines)


def write(path: Path = TARGET) -> bool:
    """Regenerate domain_texts.py; True when it changed."""
    text = generate()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


if __name__ == "__main__":          # python -m nnstudio.ui.domain_catalogue
    print("changed" if write() else "up to date")
