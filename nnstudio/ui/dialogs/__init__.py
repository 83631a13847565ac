"""Dialogs and pages beside the canvas: the start page, the examples gallery and data import."""
