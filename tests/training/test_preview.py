"""preview_snapshot: what a network shows from its current weights, with no training."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nnstudio.training import probes
from nnstudio.project.io import load_project, project_to_dict, save_project
from nnstudio.training.live import PROBE_SAMPLES
from nnstudio.training.preview import PREVIEW, preview_snapshot
from nnstudio.training.runner import TrainingRun
from nnstudio.project.validation import errors

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


def trained(name: str, tmp_path, epochs: int | None = None):
    """The example trained by the runner, saved and loaded back, as a user would reopen it."""
    project = load_project(EXAMPLES_DIR / f"{name}.json")
    if epochs is not None:
        project.training.epochs = epochs
    run = TrainingRun(project)
    assert run.run().status == "finished"
    run.write_back(project)
    path = tmp_path / f"{name}.json"
    save_project(project, path)
    return load_project(path)


def test_a_trained_project_previews_its_saved_weights(tmp_path):
    project = trained("xor_5_hidden", tmp_path)
    untouched = project_to_dict(project)
    snap = preview_snapshot(project)
    assert snap is not None and snap.status == PREVIEW and snap.epoch == len(project.history.epoch) == 2500
    assert snap.edge_weights == {} and snap.node_params == {}      # nothing to write back
    expected = TrainingRun(load_project(project.path)).evaluate("all")
    ev = snap.probe.evaluation
    assert ev.kind == "truth_table" and ev.outputs.shape == (4, 1)
    np.testing.assert_allclose(ev.outputs, expected["outputs"], rtol=0, atol=1e-12)
    assert np.mean(ev.correct) == expected["accuracy"] == 1.0
    # The boundary and the neuron maps are the saved network's, over the data's plane.
    run = TrainingRun(project)
    want = probes.boundary(run.model, run.all_samples())
    np.testing.assert_allclose(snap.probe.boundary.values, want.values, atol=1e-12)
    maps = probes.node_maps(project, run.model, run.all_samples())
    assert set(snap.probe.node_maps) == set(maps) == {"x1", "x2", "h1", "h2", "h3", "h4", "h5", "y"}
    for node_id, values in maps.items():
        np.testing.assert_allclose(snap.probe.node_maps[node_id], values, atol=1e-12)
    assert [m.name for m in snap.matrices] and snap.probe.total_samples == 4
    assert project_to_dict(project) == untouched           # the document is not changed


def test_the_stored_normaliser_scales_the_inputs_as_in_training(tmp_path):
    project = trained("overfitting_moons", tmp_path)
    assert project.data.normalizer is not None
    snap = preview_snapshot(project)
    expected = TrainingRun(load_project(project.path)).evaluate("all")
    np.testing.assert_allclose(snap.probe.evaluation.outputs, expected["outputs"], atol=1e-12)
    # Inputs and the boundary's plane are in the data's own units, not the normalised ones.
    raw = TrainingRun(project).dataset.inputs.reshape(len(snap.probe.inputs), -1)
    np.testing.assert_array_equal(snap.probe.inputs, raw)
    assert snap.probe.boundary.x_range[0] < raw[:, 0].min() < raw[:, 0].max() < snap.probe.boundary.x_range[1]


def test_an_untrained_project_previews_the_weights_a_run_would_start_from():
    project = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    snap = preview_snapshot(project)
    run = TrainingRun(project)          # the same seed draws the same starting weights
    np.testing.assert_allclose(snap.probe.evaluation.outputs, run.evaluate("all")["outputs"], atol=1e-12)
    assert not any(node.params for node in project.nodes if node.kind == "neuron")


def test_the_probe_covers_the_first_samples_and_knows_how_many_there_are():
    snap = preview_snapshot(load_project(EXAMPLES_DIR / "digits_mlp.json"))
    assert len(snap.probe.inputs) == len(snap.probe.evaluation.outputs) == PROBE_SAMPLES == 1000
    assert snap.probe.total_samples == 1797


@pytest.mark.parametrize("breakage", ["no outputs", "missing data file"])
def test_a_project_that_cannot_run_gives_no_preview(breakage, tmp_path):
    project = load_project(EXAMPLES_DIR / "iris_csv.json")
    assert preview_snapshot(project) is not None
    if breakage == "no outputs":
        project.outputs = []
    else:
        project.data.source = {**project.data.source, "path": str(tmp_path / "gone.csv")}
    assert preview_snapshot(project) is None


def test_a_runs_probe_knows_how_many_samples_the_dataset_has():
    from nnstudio.training.session import TrainingSession
    project = load_project(EXAMPLES_DIR / "digits_mlp.json")
    project.training.epochs = 1
    sent: list = []
    TrainingSession(project, send=lambda kind, payload: sent.append((kind, payload))).run_session()
    last = [p for kind, p in sent if kind == "snapshot" and p.probe is not None][-1]
    assert last.status == "finished" and len(last.probe.inputs) == 1000 and last.probe.total_samples == 1797


@pytest.mark.parametrize("optimizer", [{"kind": "sgd", "lr": -1.0}, {"kind": "perceptron", "lr": 1.0},
                                       {"kind": "adam", "lr": 0.1, "betas": "fast"}])
def test_training_settings_that_cannot_train_still_preview_the_network(optimizer):
    project = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    good = preview_snapshot(project).probe.evaluation.outputs
    project.training.optimizer = optimizer
    assert errors(project)                  # Problems still says what to fix before training
    snap = preview_snapshot(project)
    np.testing.assert_array_equal(snap.probe.evaluation.outputs, good)
    assert project.training.optimizer == optimizer


def test_a_loss_that_does_not_fit_the_network_gives_no_preview():
    project = load_project(EXAMPLES_DIR / "xor_5_hidden.json")
    project.training.loss = "categorical_crossentropy"      # needs one output per class
    assert preview_snapshot(project) is None


def test_previews_read_a_data_file_once_until_it_changes(tmp_path, monkeypatch):
    """A preview follows every edit: the samples of an unchanged file are not read again, an
    edited file is, and the kept samples cannot be changed by whoever uses them."""
    import os
    import shutil

    from nnstudio.training import preview as preview_module
    shutil.copy(EXAMPLES_DIR / "iris.csv", tmp_path / "iris.csv")
    project = load_project(EXAMPLES_DIR / "iris_csv.json")
    project.path = str(tmp_path / "iris_csv.json")
    reads: list[str] = []
    real_load = preview_module.load_source
    monkeypatch.setattr(preview_module, "load_source",
                        lambda source, folder, *a: reads.append(source["path"]) or real_load(source, folder, *a))
    preview_module.forget_samples()
    first = preview_snapshot(project)
    project.meta["name"] = "Iris, renamed"     # an edit that leaves the data alone
    second = preview_snapshot(project)
    assert first is not None and second is not None and len(reads) == 1
    np.testing.assert_array_equal(first.probe.evaluation.outputs, second.probe.evaluation.outputs)
    kept = preview_module.samples(project)
    assert not kept.inputs.flags.writeable and not kept.targets.flags.writeable
    lines = (tmp_path / "iris.csv").read_text().splitlines()
    (tmp_path / "iris.csv").write_text("\n".join(lines[:-10]) + "\n")
    stat = os.stat(tmp_path / "iris.csv")
    os.utime(tmp_path / "iris.csv", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    third = preview_snapshot(project)
    assert len(reads) == 2 and third is not None and third.probe.total_samples == first.probe.total_samples - 10 == 140
    preview_module.forget_samples()
