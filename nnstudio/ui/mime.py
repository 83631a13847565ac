"""MIME types shared by the palette, the canvas and the clipboard.

Palette drags carry JSON: {"kind": "<registry kind>"} or {"kind": "neuron_column", "count": N}.
The clipboard carries `nnstudio.project.editing.fragment(...)` as JSON.
"""
from __future__ import annotations

import json

from PySide6.QtCore import QMimeData

PALETTE = "application/x-nnstudio-palette"
FRAGMENT = "application/x-nnstudio-fragment"
NEURON_COLUMN = "neuron_column"


def palette_mime(payload: dict) -> QMimeData:
    mime = QMimeData()
    mime.setData(PALETTE, json.dumps(payload).encode())
    mime.setText(payload.get("kind", ""))
    return mime


def palette_payload(mime: QMimeData) -> dict | None:
    """The payload of a palette drag, or None when `mime` is something else."""
    if not mime.hasFormat(PALETTE):
        return None
    try:
        payload = json.loads(bytes(mime.data(PALETTE)).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("kind"), str) else None


def fragment_mime(fragment: dict) -> QMimeData:
    """Clipboard data for a fragment: its JSON, in the nnstudio format and as text."""
    text = json.dumps(fragment)
    mime = QMimeData()
    mime.setData(FRAGMENT, text.encode())
    mime.setText(text)
    return mime


def fragment_payload(mime: QMimeData | None) -> object | None:
    """The fragment clipboard data holds (the nnstudio format, else its text read as JSON), or
    None when it holds none."""
    raw = b""
    if mime is not None and mime.hasFormat(FRAGMENT):
        raw = bytes(mime.data(FRAGMENT))
    elif mime is not None and mime.hasText():
        raw = mime.text().encode()
    try:
        return json.loads(raw) if raw else None
    except ValueError:
        return None
