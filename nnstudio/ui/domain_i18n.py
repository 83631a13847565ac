"""Words the Qt-free layers make and the window shows, in the interface's language: the node kinds'
titles, descriptions and field help (nnstudio/kinds), and error messages (nnstudio/errors.py).

Their English stays in the Qt-free code (the command line prints it); the catalogue entries for
them are collected into `domain_texts.py` by scripts/update_translations.py.
"""
from __future__ import annotations

from nnstudio.ui.i18n import translate


def kind_text(text: str) -> str:
    """A kind's title, description, field label, field help or choice, translated ("" stays "")."""
    return translate("Kinds", text) if text else text


def example_text(text: str) -> str:
    """An example project's name, description or summary (gallery.ExampleInfo), translated."""
    return translate("Examples", text) if text else text


def error_text(error: BaseException | str) -> str:
    """An error's message as the window shows it, in the interface's language."""
    return str(error)
