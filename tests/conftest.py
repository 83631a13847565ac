"""Test set-up shared by every test: offscreen Qt, and no test may leave a QThread running."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the oracle for parity tests, in float64. CI installs it, so there a missing
    torch fails rather than skips."""
    try:
        import torch
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("PyTorch is missing on CI: .ci/run must install torch==2.13.0")
        pytest.skip("PyTorch is not installed (pip install torch==2.13.0)")
    torch.set_default_dtype(torch.float64)
    return torch
