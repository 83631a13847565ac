"""The one error a project file or its contents can raise."""
from __future__ import annotations


class ProjectError(ValueError):
    """Something about a project is wrong. The message starts with where: a JSON path such as
    `nodes[3].config.units`, a node id, or a file path, then a colon and what is wrong."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.detail = message
