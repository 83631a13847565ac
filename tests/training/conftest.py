"""Fixtures shared by the training tests."""
from __future__ import annotations

import pytest

from nnstudio.training.engine_process import EngineProcess


@pytest.fixture
def engine():
    """An engine process of its own, closed (and checked gone) after the test."""
    e = EngineProcess()
    yield e
    e.close()
    assert not e.alive()
