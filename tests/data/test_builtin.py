"""Built-in datasets: shapes, numbers, determinism, parameter checks, the bundled digits."""
from __future__ import annotations

import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path

import numpy as np
import pytest

from nnstudio.data import DataError, load_source
from nnstudio.data.builtin import BUILTINS, DIGITS_FILE, TASKS, check_params, columns, generate
from nnstudio.shipped import resources_dir

ROOT = Path(__file__).resolve().parents[2]


def error(name, params=None) -> str:
    with pytest.raises(DataError) as info:
        generate(name, params)
    return str(info.value)


# --- the registry --------------------------------------------------------------------------

def test_registry_lists_every_required_dataset():
    required = {"and", "or", "nand", "xor", "xnor", "circle", "xor_quadrants", "gaussians", "spiral",
                "moons", "blobs", "plane", "sine", "bump", "digits", "sine_next", "bit_sum", "bit_parity"}
    assert required <= set(BUILTINS)
    for name, b in BUILTINS.items():
        assert b.task in TASKS and b.targets in ("binary", "classes", "values"), name
        assert b.description and b.title and callable(b.generate), name
        assert b.defaults == {p.name: p.default for p in b.params}
        assert "seed" in b.defaults and "noise" in b.defaults, name
        # every default passes its own check
        assert check_params(name, {}) == b.defaults


@pytest.mark.parametrize("name", sorted(BUILTINS))
def test_every_dataset_is_well_formed_and_deterministic(name):
    b = BUILTINS[name]
    d = generate(name)
    n = len(d)
    assert d.inputs.dtype == np.float64 and d.inputs.ndim == 2 and d.inputs.flags.c_contiguous
    assert len(d.input_names) == d.inputs.shape[1] and np.isfinite(d.inputs).all()
    if b.targets == "classes":
        assert d.targets.dtype == np.int64 and d.targets.shape == (n,)
        assert set(np.unique(d.targets)) == set(range(len(d.class_names)))     # every class present
    else:
        assert d.targets.dtype == np.float64 and d.targets.ndim == 2 and len(d.target_names) == d.targets.shape[1]
    if b.targets == "binary":
        assert d.targets.shape[1] == 1 and set(np.unique(d.targets)) == {0.0, 1.0}
        assert len(d.class_names) == 2
    assert columns(name) == (d.inputs.shape[1], len(d.class_names) if b.targets == "classes" else d.targets.shape[1])
    # same parameters, same arrays; another seed (or noise where it is 0), other arrays
    again = generate(name, {})
    assert np.array_equal(d.inputs, again.inputs) and np.array_equal(d.targets, again.targets)
    other = generate(name, {"seed": 7, "noise": b.defaults["noise"] or 0.5})
    assert not np.array_equal(d.inputs, other.inputs)


def test_noise_and_samples_params():
    clean = generate("circle", {"samples": 300, "seed": 3})
    noisy = generate("circle", {"samples": 300, "seed": 3, "noise": 0.2})
    assert len(clean) == 300
    np.testing.assert_array_equal(clean.targets, noisy.targets)     # classes decided before the noise
    diff = noisy.inputs - clean.inputs
    assert 0.17 < diff.std() < 0.23                                   # noise is a standard deviation
    r = np.hypot(*clean.inputs.T)
    inside = clean.targets[:, 0] == 1
    assert r[inside].max() <= 2.5 and r[~inside].min() >= 3.5 and r.max() <= 5.0
    assert inside.sum() == 150                                        # balanced classes


def test_rows_are_shuffled_so_the_last_fraction_holds_every_class():
    for name in ("circle", "gaussians", "moons", "spiral", "blobs"):
        d = generate(name)
        tail = d.targets[-len(d) // 5:]
        assert len(np.unique(tail)) == len(np.unique(d.targets)), name


def test_truth_tables():
    expected = {"and": [0, 0, 0, 1], "or": [0, 1, 1, 1], "nand": [1, 1, 1, 0], "xor": [0, 1, 1, 0],
                "xnor": [1, 0, 0, 1]}
    for name, t in expected.items():
        d = generate(name)
        np.testing.assert_array_equal(d.inputs, [[0, 0], [0, 1], [1, 0], [1, 1]])
        np.testing.assert_array_equal(d.targets, np.array(t, dtype=float).reshape(4, 1))
    d = generate("xor", {"repeats": 3, "noise": 0.1, "seed": 1})
    assert d.inputs.shape == (12, 2) and d.targets[:, 0].tolist() == [0, 1, 1, 0] * 3
    assert 0 < np.abs(d.inputs - np.tile([[0, 0], [0, 1], [1, 0], [1, 1]], (3, 1))).max() < 0.5


def test_xor_quadrants_labels_are_exclusive_or_of_the_signs():
    d = generate("xor_quadrants", {"samples": 400})
    x1, x2 = d.inputs.T
    np.testing.assert_array_equal(d.targets[:, 0], ((x1 > 0) != (x2 > 0)).astype(float))
    assert np.abs(d.inputs).min() >= 0.3


def test_spiral_and_blobs_classes_and_onehot():
    d = generate("spiral", {"arms": 3, "samples": 300})
    assert d.class_names == ["arm 1", "arm 2", "arm 3"] and np.bincount(d.targets).tolist() == [100] * 3
    assert np.hypot(*d.inputs.T).max() <= 5.0
    hot = generate("spiral", {"arms": 3, "samples": 300, "target_encoding": "onehot"})
    assert hot.targets.shape == (300, 3) and hot.targets.dtype == np.float64
    np.testing.assert_array_equal(hot.targets.argmax(axis=1), d.targets)
    np.testing.assert_array_equal(hot.inputs, d.inputs)
    b = generate("blobs", {"classes": 4, "samples": 4000, "spread": 0.5, "seed": 2})
    centres = np.array([b.inputs[b.targets == k].mean(axis=0) for k in range(4)])
    np.testing.assert_allclose(centres, [[4, 0], [0, 4], [-4, 0], [0, -4]], atol=0.05)
    assert columns("blobs", {"classes": 5}) == (2, 5)


def test_regression_targets():
    d = generate("plane")
    np.testing.assert_allclose(d.targets[:, 0], d.inputs.sum(axis=1) / 12)
    d = generate("sine", {"periods": 2})
    np.testing.assert_allclose(d.targets[:, 0], np.sin(d.inputs[:, 0]))
    assert np.abs(d.inputs).max() <= 2 * np.pi and d.input_names == ["x"]
    d = generate("bump", {"width": 1.5})
    np.testing.assert_allclose(d.targets[:, 0], np.exp(-(d.inputs ** 2).sum(axis=1) / 4.5))
    noisy = generate("bump", {"width": 1.5, "noise": 0.1})
    np.testing.assert_array_equal(noisy.inputs, d.inputs)             # regression noise is on the target
    assert 0.08 < (noisy.targets - d.targets).std() < 0.12


def test_sequences():
    d = generate("sine_next", {"steps": 5, "period": 8, "noise": 0, "samples": 50})
    assert d.inputs.shape == (50, 5) and d.input_names == ["t1", "t2", "t3", "t4", "t5"]
    # one sine, one step of 2π/8 apart: the target continues the window
    w = np.column_stack([d.inputs, d.targets])
    step = 2 * np.pi / 8
    np.testing.assert_allclose(w[:, 2:], 2 * np.cos(step) * w[:, 1:-1] - w[:, :-2], atol=1e-12)
    noisy = generate("sine_next", {"steps": 5, "period": 8, "noise": 0.1, "samples": 50})
    np.testing.assert_array_equal(noisy.targets, d.targets)           # the target stays the clean sine
    s = generate("bit_sum", {"steps": 6, "samples": 200})
    assert set(np.unique(s.inputs)) == {0.0, 1.0}
    np.testing.assert_array_equal(s.targets[:, 0], s.inputs.sum(axis=1))
    p = generate("bit_parity", {"steps": 6, "samples": 200})
    np.testing.assert_array_equal(p.targets[:, 0], p.inputs.sum(axis=1) % 2)
    assert p.class_names == ["even", "odd"]


# --- parameter checks ----------------------------------------------------------------------

@pytest.mark.parametrize("name, params, message", [
    ("moon", {}, 'data.source.name: unknown built-in dataset "moon" (known: and, or'),
    (None, {}, "data.source.name: is missing"),
    (3, {}, "data.source.name: unknown built-in dataset a int"),
    ("moons", [], "data.source.params: must be an object, not list"),
    ("moons", {"n": 5}, "data.source.params.n: moons has no parameter 'n' (it takes samples, noise, seed)"),
    ("moons", {"samples": 0}, "data.source.params.samples: must be from 1 to 1 000 000, not 0"),
    ("moons", {"samples": 10**9}, "data.source.params.samples: must be from 1 to 1 000 000"),
    ("moons", {"samples": 2.0}, "data.source.params.samples: must be a whole number, not 2.0"),
    ("moons", {"samples": True}, "data.source.params.samples: must be a whole number, not True"),
    ("moons", {"noise": -0.1}, "data.source.params.noise: must be from 0 to 100, not -0.1"),
    ("moons", {"noise": "a"}, "data.source.params.noise: must be a number, not 'a'"),
    ("moons", {"noise": float("nan")}, "data.source.params.noise: must be a number, not nan"),
    ("moons", {"seed": -1}, "data.source.params.seed: must be from 0 to 4 294 967 295, not -1"),
    ("spiral", {"arms": 1}, "data.source.params.arms: must be from 2 to 20, not 1"),
    ("spiral", {"target_encoding": "raw"}, "data.source.params.target_encoding: must be one of index, onehot"),
    ("digits", {"samples": 1798}, "data.source.params.samples: must be from 1 to 1797, not 1798"),
    ("xor", {"samples": 10}, "data.source.params.samples: xor has no parameter 'samples'"),
])
def test_bad_params_name_their_json_path(name, params, message):
    assert error(name, params).startswith(message)


def test_int_params_accept_numpy_integers_and_floats_accept_ints():
    assert check_params("moons", {"samples": np.int64(20), "noise": 1})["noise"] == 1.0
    assert isinstance(check_params("moons", {"noise": 1})["noise"], float)


def test_load_source_builtin():
    d = load_source({"kind": "builtin", "name": "blobs", "params": {"classes": 4, "samples": 40}}, None)
    assert len(d) == 40 and d.class_names == ["blob 1", "blob 2", "blob 3", "blob 4"]
    with pytest.raises(DataError, match=r"^data\.source: unknown key 'path' for a builtin source"):
        load_source({"kind": "builtin", "name": "xor", "path": "x"}, None)


# --- digits --------------------------------------------------------------------------------

def test_digits_is_the_uci_test_set():
    d = generate("digits")
    assert d.inputs.shape == (1797, 64) and d.targets.shape == (1797,)
    assert d.inputs.min() == 0 and d.inputs.max() == 16 and (d.inputs == np.round(d.inputs)).all()
    assert np.bincount(d.targets).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    assert d.class_names == [str(k) for k in range(10)] and d.input_names[:2] == ["p0_0", "p0_1"]
    # the first digit of scikit-learn's copy, a 0
    assert d.targets[:10].tolist() == list(range(10))
    assert d.inputs[0, :16].tolist() == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0]
    assert d.inputs.sum() == 561718


def test_digits_subset_noise_and_onehot():
    full = generate("digits")
    part = generate("digits", {"samples": 100, "seed": 4})
    assert len(part) == 100
    rows = [int(np.flatnonzero((full.inputs == r).all(axis=1))[0]) for r in part.inputs[:5]]
    assert rows == sorted(rows)                                       # a subset, in file order
    noisy = generate("digits", {"samples": 100, "seed": 4, "noise": 2.0})
    assert noisy.inputs.min() >= 0 and noisy.inputs.max() <= 16 and not np.array_equal(noisy.inputs, part.inputs)
    hot = generate("digits", {"target_encoding": "onehot"})
    assert hot.targets.shape == (1797, 10) and (hot.targets.argmax(1) == full.targets).all()


def test_digits_file_is_pickle_free_and_rebuilds_byte_for_byte(tmp_path):
    with np.load(DIGITS_FILE, allow_pickle=False) as archive:
        assert sorted(archive.files) == ["images", "labels"]
        assert archive["images"].dtype == np.uint8 and archive["labels"].dtype == np.uint8
    wheels = sorted(Path("/tmp/skl").glob("scikit_learn-1.9.1-*.whl"))
    if not wheels:
        pytest.skip("the scikit-learn 1.9.1 wheel is not downloaded")
    out = tmp_path / "d.npz"
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_digits.py"), str(wheels[0]), "-o", str(out)],
                   check=True, capture_output=True, timeout=120)
    assert hashlib.sha256(out.read_bytes()).digest() == hashlib.sha256(DIGITS_FILE.read_bytes()).digest()


def test_digits_ship_in_the_package_data():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert setuptools["package-dir"]["nnstudio.resources"] == "resources"
    assert setuptools["package-data"]["nnstudio.resources"] == ["**/*"]
    # Run from the checkout, the digits are read from the top-level resources/ (the wheel: tests/test_wheel.py).
    assert DIGITS_FILE.parent == ROOT / "resources" == resources_dir()
    assert (DIGITS_FILE.parent / "README.md").read_text().count("CC BY 4.0") == 1
