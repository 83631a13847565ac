"""Words the Qt-free layers make and the window shows, in the interface's language: the node kinds'
titles, descriptions and field help (nnstudio/kinds), the example projects' names and descriptions
(project/gallery.py), and error messages (nnstudio/errors.py and every other error and validation
problem of the Qt-free layers).

Their English stays in the Qt-free code (the command line prints it); the catalogue entries for
them are collected into `domain_texts.py` by nnstudio/ui/domain_catalogue.py (which
scripts/update_translations.py runs). An error message is matched to its template there ("{0} is
not a number"), the template translated and the values (key paths, file names, numbers, quoted
values) put back; a message that matches no template, or whose template is not translated, stays
English as it is.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from nnstudio.errors import ProjectError
from nnstudio.ui.i18n import translate

ERRORS = "Errors"
_VALUE = re.compile(r"\{(\d+)\}")
_FILL = re.compile(r"\{\{|\}\}|\{(\d+)\}")
_KEYED = re.compile(r"([A-Za-z_][\w.\[\]]*) ((?:is|are|has|have|holds|must|needs|takes) .+)", re.DOTALL)
DEPTH = 3              # values that are messages themselves ("as a dense node: {1}") are translated too


def kind_text(text: str) -> str:
    """A kind's title, description, field label, field help or choice, translated ("" stays "")."""
    return translate("Kinds", text) if text else text


def explain_text(template: str) -> str:
    """One of `nnstudio explain`'s English templates (training/explain.py's `say`) in the
    interface's language; the caller fills its placeholders."""
    return translate("Explain", template)


def matrix_name(template: str, parts: dict[str, str], name: str) -> str:
    """A weight matrix's name (training/probes.py WeightMatrix) in the interface's language: its
    template translated, the user's labels put back; `name` when it has no template."""
    return translate("WeightMatrices", template).format(**parts) if template else name


def example_text(text: str) -> str:
    """An example project's name, description or summary (gallery.ExampleInfo), translated. A
    summary (the description's first sentence, perhaps cut short with "…") is the first sentence
    of the translated description."""
    if not text:
        return text
    said = translate("Examples", text)
    if said != text:
        return said
    head = text[:-1] if text.endswith("…") else text
    description = _descriptions().get(head)
    if description is None:
        return text
    translated = translate("Examples", description)
    return text if translated == description else _first_sentence(translated)


SUMMARY = 60           # characters of a translated summary (a Chinese character is about two Latin ones)


@lru_cache(maxsize=1)
def _descriptions() -> dict[str, str]:
    """Each example's summary (without a closing "…") → its description."""
    from nnstudio.project.gallery import first_sentence
    from nnstudio.ui.domain_texts import EXAMPLES
    out = {}
    for text in EXAMPLES:
        summary = first_sentence(text)
        if summary != text:
            out[summary[:-1] if summary.endswith("…") else summary] = text
    return out


def _first_sentence(text: str) -> str:
    match = re.search(r"[。！？]|[.!?](\s|$)", text)
    sentence = text[:match.end()].rstrip() if match else text
    return sentence if len(sentence) <= SUMMARY else sentence[:SUMMARY - 1].rstrip("，、；：（ ") + "…"


def compile_templates(templates: tuple[str, ...] | list[str]) -> list[tuple[str, re.Pattern]]:
    """Each template ("{0} is not a number") with the pattern that matches a text made from it,
    the most specific (most literal text) first."""
    out = []
    for text in templates:
        pattern, at = [], 0
        literal = text.replace("{{", "\0").replace("}}", "\1")
        for match in _VALUE.finditer(literal):
            pattern.append(re.escape(literal[at:match.start()]) + f"(?P<v{match.group(1)}>.+?)")
            at = match.end()
        pattern.append(re.escape(literal[at:]))
        regex = "".join(pattern).replace("\0", re.escape("{")).replace("\1", re.escape("}"))
        out.append((text, re.compile(regex, re.DOTALL)))
    out.sort(key=lambda pair: -len(_VALUE.sub("", pair[0])))
    return out


# A layer block's second line on the canvas (a kind's Look.detail: "4 units · tanh", "16 filters 3×3
# same", "max 2×2 stride 1×1", "rate 0.5"), said part by part (" · " between the parts).
DETAILS = (
    QT_TRANSLATE_NOOP("KindDetails", "{0} unit"), QT_TRANSLATE_NOOP("KindDetails", "{0} units"),
    QT_TRANSLATE_NOOP("KindDetails", "seq"), QT_TRANSLATE_NOOP("KindDetails", "last"),
    QT_TRANSLATE_NOOP("KindDetails", "rate {0}"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filter {1}"), QT_TRANSLATE_NOOP("KindDetails", "{0} filters {1}"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filter {1} same"), QT_TRANSLATE_NOOP("KindDetails", "{0} filters {1} same"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filter {1} stride {2}"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filters {1} stride {2}"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filter {1} stride {2} same"),
    QT_TRANSLATE_NOOP("KindDetails", "{0} filters {1} stride {2} same"),
    QT_TRANSLATE_NOOP("KindDetails", "max {0}"), QT_TRANSLATE_NOOP("KindDetails", "avg {0}"),
    QT_TRANSLATE_NOOP("KindDetails", "max {0} stride {1}"), QT_TRANSLATE_NOOP("KindDetails", "avg {0} stride {1}"),
    QT_TRANSLATE_NOOP("KindDetails", "Reshapes any input into one vector"),
)


def kind_detail(text: str) -> str:
    """A kind's Look.detail(config) as the canvas shows it, in the interface's language (a part
    with no template, such as an activation's name, stays as it is)."""
    parts = text.split(" · ")
    said = [by_template("KindDetails", _details(), part) for part in parts]
    return " · ".join(s if s is not None else p for s, p in zip(said, parts))


@lru_cache(maxsize=1)
def _details() -> list[tuple[str, re.Pattern]]:
    return compile_templates(DETAILS)


@lru_cache(maxsize=1)
def _values() -> list[tuple[str, re.Pattern]]:
    from nnstudio.ui.domain_texts import VALUES
    return compile_templates(VALUES)


@lru_cache(maxsize=1)
def _templates() -> list[tuple[str, re.Pattern]]:
    from nnstudio.ui.domain_texts import ERRORS as TEMPLATES
    return compile_templates(TEMPLATES)


def _fill(translated: str, values: dict[int, str]) -> str:
    def one(match: re.Match) -> str:
        if match.group(1) is None:
            return match.group(0)[0]
        return values.get(int(match.group(1)), match.group(0))
    return _FILL.sub(one, translated)


def by_template(context: str, templates: list[tuple[str, re.Pattern]], text: str,
                value: Callable[[str], str] = str) -> str | None:
    """`text` translated by the first of `templates` (compile_templates) it matches, its values
    passed through `value`; None when it matches none or that template is not translated."""
    for source, regex in templates:
        match = regex.fullmatch(text)
        if match is None:
            continue
        translated = translate(context, source)
        if translated == source:
            return None                         # English, or a template not translated yet
        return _fill(translated, {int(k[1:]): value(v) for k, v in match.groupdict().items()})
    return None


def message_text(message: str, depth: int = DEPTH) -> str:
    """One error message (no "where: " before it) in the interface's language."""
    if not message or depth <= 0:
        return message
    said = by_template(ERRORS, _templates(), message, lambda v: message_text(v, depth - 1))
    if said is None and depth < DEPTH:          # a value inside a message: "3 input columns"
        said = by_template(ERRORS, _values(), message)
    if said is None:
        # A node's setting before its message ("units must be ≥ 1", as validation writes it).
        keyed = _KEYED.fullmatch(message)
        rest = message_text(keyed.group(2), depth - 1) if keyed else message
        if keyed and rest != keyed.group(2):
            return f"{keyed.group(1)} {rest}"
    return message if said is None else said


def _lead(where: str, message: str) -> str:
    return translate("Errors", "{where}: {message}").format(where=where, message=message)


def error_text(error: BaseException | str) -> str:
    """An error's message as the window shows it, in the interface's language: a ProjectError's
    `where` (a key path, a node id, a file) stays and its detail is translated; a text is read as
    "where: message" (or any lead before the message) when the whole does not match a template."""
    if isinstance(error, ProjectError) and error.where:
        said = message_text(error.detail)
        return _lead(error.where, said) if said != error.detail else str(error)
    text = str(error)
    said = message_text(text)
    if said != text:
        return said
    parts = text.split(": ")
    for i in range(1, len(parts)):
        rest = ": ".join(parts[i:])
        said = message_text(rest)
        if said != rest:
            return _lead(": ".join(parts[:i]), said)
    return text
