"""Probes of conv and recurrent networks stay light: image outputs cross for the chosen sample
only (at most probes.MAP_CHANNELS channels), with recurrent layers' gates and states beside them."""
from __future__ import annotations

import numpy as np
import pytest

from nnstudio.training import probes
from nnstudio.training.preview import preview_snapshot
from nnstudio.training.runner import TrainingRun
from tests.training.views_projects import bits_recurrent, digits_cnn


def _all_outputs(project):
    """Every node's output over the probed samples, straight from the network."""
    run = TrainingRun(project)
    data = run.all_samples().take(slice(0, 1000))
    run.model.network.forward(data.inputs, training=False)
    return {k: np.array(v) for k, v in run.model.network.values.items()}


def test_a_cnn_probe_sends_the_chosen_samples_maps_only() -> None:
    project = digits_cnn(filters=4)
    probe = preview_snapshot(project, chosen=7).probe
    assert probe.sample == 7
    assert set(probe.node_outputs) == {"flat", "out"}          # no [1000, C, H, W] arrays
    values = _all_outputs(project)
    for node_id, shape in (("x", (1, 8, 8)), ("c1", (4, 6, 6)), ("p1", (4, 3, 3))):
        inside = probe.insides[node_id]
        assert inside.arrays["maps"].shape == shape and inside.channels == shape[0]
        np.testing.assert_allclose(inside.arrays["maps"], values[node_id][7], atol=1e-12)


def test_image_outputs_keep_at_most_the_budgets_channels() -> None:
    probe = preview_snapshot(digits_cnn(filters=probes.MAP_CHANNELS + 4), chosen=0).probe
    inside = probe.insides["c1"]
    assert inside.channels == probes.MAP_CHANNELS + 4
    assert inside.arrays["maps"].shape == (probes.MAP_CHANNELS, 6, 6)
    assert probes.budget("output", 3) == probes.ProbeBudget(samples=1, channels=probes.MAP_CHANNELS)
    assert probes.budget("output", 1) == probes.ProbeBudget()      # vectors: every probed sample


@pytest.mark.parametrize("kind,names", [("rnn", {"h"}), ("lstm", {"i", "f", "g", "o", "c", "h"}),
                                        ("gru", {"r", "z", "n", "h"})])
def test_recurrent_layers_send_gates_and_states_for_the_chosen_sample(kind, names) -> None:
    project = bits_recurrent(kind, units=3, steps=6)
    probe = preview_snapshot(project, chosen=5).probe
    arrays = probe.insides["r"].arrays
    assert set(arrays) == names and all(a.shape == (6, 3) for a in arrays.values())
    # The last hidden state is the layer's output for that sample.
    np.testing.assert_allclose(arrays["h"][-1], probe.node_outputs["r"][5], atol=1e-12)
    for gate in names & {"i", "f", "o", "r", "z"}:
        assert np.all((arrays[gate] > 0) & (arrays[gate] < 1))
    if kind == "lstm":      # h = o · tanh(c), step by step
        np.testing.assert_allclose(arrays["h"], arrays["o"] * np.tanh(arrays["c"]), atol=1e-12)


def test_a_run_probes_the_sample_the_window_chose() -> None:
    from nnstudio.training.session import TrainingSession
    project = digits_cnn(filters=2)
    project.training.epochs = 1
    sent = []
    session = TrainingSession(project, send=lambda kind, payload: sent.append((kind, payload)))
    session.set_wants(False, True, 9)
    session.run_session()
    snaps = [p for k, p in sent if k == "snapshot" and p.probe is not None]
    assert snaps, [k for k, _ in sent]
    last = snaps[-1]
    assert last.probe.sample == 9 and set(last.probe.insides) == {"x", "c1", "p1"}
    run = TrainingRun(project)
    x9 = run.all_samples().take(slice(9, 10)).inputs[0][0]
    np.testing.assert_allclose(last.probe.insides["x"].arrays["maps"], x9, atol=1e-12)
