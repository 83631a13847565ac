"""The errors a project file, its settings or its data can raise: the bottom layer, imported by
every other part of nnstudio and importing none of it."""
from __future__ import annotations


class ProjectError(ValueError):
    """Something about a project is wrong. The message starts with where: a JSON path such as
    `nodes[3].config.units`, a node id, or a file path, then a colon and what is wrong."""

    def __init__(self, message: str, where: str = ""):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.detail = message


class DataError(ProjectError):
    """Bad data: the message starts with where (a file as the project names it, or a JSON path
    such as `data.source.inputs[3]`), then, for a file, the line and column where one applies:
    `data.csv: line 4, column "x2": "abc" is not a number`."""
