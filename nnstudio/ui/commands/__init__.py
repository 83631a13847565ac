"""Undo commands: every edit of the document is one step on the undo stack."""
