"""Edit menu commands on the focused text field: Cut, Copy, Paste, Delete and Select All act on
its text rather than on the canvas selection when one has the focus, as in any other application."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit, QWidget


def _text_widget(widget: QWidget | None) -> QWidget | None:
    """The editable text field that has the focus, if any."""
    if isinstance(widget, (QAbstractSpinBox, QComboBox)):
        widget = widget.findChild(QLineEdit)
    if isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) and not widget.isReadOnly():
        return widget
    return None


def edit_focused_text(name: str) -> bool:
    """Run cut, copy, paste, delete or select_all on the focused editable text field; False when
    no text field has the focus."""
    text = _text_widget(QApplication.focusWidget())
    if text is None:
        return False
    if name == "delete":
        text.del_() if isinstance(text, QLineEdit) else text.textCursor().deleteChar()
    else:
        getattr(text, {"select_all": "selectAll"}.get(name, name))()
    return True
