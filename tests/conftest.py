"""Test set-up shared by every test: offscreen Qt, and no test may leave a QThread running."""
from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def no_running_threads():
    """Fail a test that leaves a training QThread running (every one a TrainingController starts
    is in `worker.THREADS`, its worker in `worker.WORKERS`). The thread is then stopped, so the next test starts clean."""
    yield
    worker = sys.modules.get("nnstudio.ui.training.worker")
    if worker is None:          # no Qt was imported: engine, project and data tests
        return
    running = [t for t in list(worker.THREADS) if t.isRunning()]
    for w in list(worker.WORKERS):
        w.command("stop")
    for thread in running:
        thread.wait(5000)
    if running:
        pytest.fail(f"the test left {len(running)} training thread(s) running: "
                    "stop the controller or close its window (controller.shutdown())")


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
