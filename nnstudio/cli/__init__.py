"""The command line: `nnstudio validate|train|eval|export|explain` (main) and its progress bar."""
from nnstudio.cli.main import NOT_SAVED, main

__all__ = ["NOT_SAVED", "main"]
