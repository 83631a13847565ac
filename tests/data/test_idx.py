"""The idx source: MNIST's IDX files, plain or gzip-compressed, and every way they can be bad."""
from __future__ import annotations

import gzip
import struct

import numpy as np
import pytest

from nnstudio.data import DataError, load_source
from nnstudio.data.idx_source import read_idx

CODES = {np.uint8: 0x08, np.int8: 0x09, np.int16: 0x0B, np.int32: 0x0C, np.float32: 0x0D, np.float64: 0x0E}


def idx_bytes(array: np.ndarray) -> bytes:
    """An IDX file: 00 00, type code, ndim, big-endian dims, big-endian values."""
    code = CODES[array.dtype.type]
    head = struct.pack(">HBB", 0, code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + array.astype(array.dtype.newbyteorder(">")).tobytes()


def write(path, array=None, raw: bytes | None = None, compress=False) -> str:
    data = raw if raw is not None else idx_bytes(array)
    path.write_bytes(gzip.compress(data, compresslevel=1) if compress else data)
    return path.name


def mnist_like(n=5, rows=3, cols=4):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (n, rows, cols)).astype(np.uint8), (np.arange(n) % 10).astype(np.uint8)


def load(tmp_path, images: str, labels: str):
    return load_source({"kind": "idx", "images": images, "labels": labels}, str(tmp_path))


def error(tmp_path, images: str, labels: str) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, images, labels)
    return str(info.value)


@pytest.mark.parametrize("compress_images, compress_labels", [(False, False), (True, False), (False, True),
                                                                (True, True)])
def test_reads_images_and_labels(tmp_path, compress_images, compress_labels):
    images, labels = mnist_like()
    # names that lie about compression: detection is by the bytes
    i = write(tmp_path / "images.idx3-ubyte", images, compress=compress_images)
    lab = write(tmp_path / "labels.gz", labels, compress=compress_labels)
    d = load(tmp_path, i, lab)
    assert d.inputs.dtype == np.float32 and d.inputs.shape == (5, 12)
    np.testing.assert_array_equal(d.inputs, images.reshape(5, 12).astype(np.float32))
    assert d.targets.dtype == np.int64 and d.targets.tolist() == [0, 1, 2, 3, 4]
    assert d.class_names == ["0", "1", "2", "3", "4"] and d.target_names == ["label"]
    assert d.input_names[:5] == ["p0_0", "p0_1", "p0_2", "p0_3", "p1_0"] and len(d.input_names) == 12


def test_labels_are_the_class_indices_themselves(tmp_path):
    images, _ = mnist_like(4)
    i = write(tmp_path / "i", images)
    lab = write(tmp_path / "l", np.array([7, 3, 7, 9], dtype=np.uint8))
    d = load(tmp_path, i, lab)
    assert d.targets.tolist() == [7, 3, 7, 9] and d.class_names == [str(k) for k in range(10)]


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.int32, np.float32, np.float64])
def test_other_value_types(tmp_path, dtype):
    images = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    arr = read_idx(str(tmp_path / write(tmp_path / "i", images)), "i")
    assert arr.dtype == np.dtype(dtype) and arr.dtype.isnative
    np.testing.assert_array_equal(arr, images)
    d = load(tmp_path, "i", write(tmp_path / "l", np.array([0, 1], dtype=np.uint8)))
    assert d.inputs.dtype == (np.float64 if dtype in (np.int32, np.float64) else np.float32)
    np.testing.assert_array_equal(d.inputs, images.reshape(2, 12))


def test_two_dimensional_images_are_already_flat(tmp_path):
    i = write(tmp_path / "i", np.arange(6, dtype=np.uint8).reshape(2, 3))
    d = load(tmp_path, i, write(tmp_path / "l", np.array([1, 0], dtype=np.uint8)))
    assert d.inputs.shape == (2, 3) and d.input_names == ["p0", "p1", "p2"]


def test_bad_files_are_refused_naming_the_file(tmp_path):
    images, labels = mnist_like()
    good_i = write(tmp_path / "good_i", images)
    good_l = write(tmp_path / "good_l", labels)
    full = idx_bytes(images)
    cases = {
        "empty": (b"", "empty: is too short to be an IDX file (0 bytes)"),
        "text": (b"hello world", "text: is not an IDX file (its first bytes are 68 65 6c 6c"),
        "badtype": (b"\x00\x00\x07\x01\x00\x00\x00\x01x", "badtype: is not an IDX file"),
        "nodims": (b"\x00\x00\x08\x00", "nodims: is an IDX file of 0 dimensions"),
        "shorthead": (full[:9], "shorthead: is cut short inside its header (3 dimensions need 12 bytes, 5 are there)"),
        "cut": (full[:-7], "cut: is cut short: its header promises 5 × 3 × 4 unsigned byte values (60 bytes), "
                           "but only 53 bytes follow"),
        "extra": (full + b"\x00", "extra: has bytes left over after the 5 × 3 × 4 values"),
        "huge": (struct.pack(">HBB3I", 0, 8, 3, 2**32 - 1, 2**32 - 1, 2**32 - 1) + b"\x00" * 10,
                 "huge: is cut short: its header promises"),
    }
    for name, (raw, message) in cases.items():
        write(tmp_path / name, raw=raw)
        assert error(tmp_path, name, good_l).startswith(message), name
    write(tmp_path / "cut.gz", raw=full[:-7], compress=True)
    assert error(tmp_path, "cut.gz", good_l).startswith("cut.gz: (once decompressed) is cut short")
    (tmp_path / "broken.gz").write_bytes(gzip.compress(full)[:-12])
    assert error(tmp_path, "broken.gz", good_l).startswith("broken.gz: is a damaged or cut-short gzip file")
    assert error(tmp_path, "missing", good_l).startswith("missing: no such file")
    assert error(tmp_path, good_i, "nope").startswith("nope: no such file")


def test_counts_shapes_and_labels_must_fit(tmp_path):
    images, labels = mnist_like()
    i = write(tmp_path / "i", images)
    write(tmp_path / "short_l", labels[:4])
    assert error(tmp_path, i, "short_l") == "short_l: holds 4 labels, but i holds 5 images"
    write(tmp_path / "l2", labels.reshape(5, 1))
    assert error(tmp_path, i, "l2").startswith("l2: holds an array of shape [5, 1]; a label file holds one label")
    write(tmp_path / "flat", labels)
    assert error(tmp_path, "flat", "flat").startswith("flat: holds a 1-dimensional array of 5 values")
    write(tmp_path / "neg", np.array([0, 1, -2, 3, 4], dtype=np.int8))
    assert error(tmp_path, i, "neg") == "neg: label 2 is -2, but class labels must be 0 or more"
    write(tmp_path / "frac", np.array([0, 1, 2.5, 3, 4], dtype=np.float32))
    assert error(tmp_path, i, "frac").startswith("frac: label 2 is 2.5, not a whole number")
    write(tmp_path / "big", np.array([0, 1, 2, 70000, 4], dtype=np.int32))
    assert error(tmp_path, i, "big") == "big: label 3 is 70000; class labels go up to 65535"
    write(tmp_path / "nan_i", np.array([[0.0, np.nan], [1.0, 2.0]], dtype=np.float32))
    write(tmp_path / "two_l", np.array([0, 1], dtype=np.uint8))
    assert error(tmp_path, "nan_i", "two_l") == "nan_i: image 0, value 1: NaN is not allowed"
    write(tmp_path / "none_i", np.zeros((0, 2, 2), dtype=np.uint8))
    write(tmp_path / "none_l", np.zeros(0, dtype=np.uint8))
    assert error(tmp_path, "none_i", "none_l") == "none_i: holds no images"
    with pytest.raises(DataError, match=r"^data\.source\.labels: is missing|^data\.source\.labels: must be"):
        load_source({"kind": "idx", "images": i}, str(tmp_path))


def test_a_60000_image_gzip_file_is_read_in_well_under_a_second(tmp_path):
    import time
    images = np.zeros((60000, 28, 28), dtype=np.uint8)       # mostly blank, as MNIST is
    images[:, 10:18, 6:12] = (np.arange(60000) % 251).astype(np.uint8)[:, None, None]
    write(tmp_path / "train-images-idx3-ubyte.gz", images, compress=True)
    write(tmp_path / "train-labels-idx1-ubyte.gz", (np.arange(60000) % 10).astype(np.uint8), compress=True)
    t0 = time.perf_counter()
    d = load(tmp_path, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
    elapsed = time.perf_counter() - t0
    assert d.inputs.shape == (60000, 784) and d.inputs[123, 400] == images[123, 14, 8] == 123
    assert elapsed < 3.0, elapsed
