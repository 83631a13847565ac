"""Progress and Cancel through every slow phase of the CSV, .npz and IDX readers, and the size
and shape checks they make before allocating."""
from __future__ import annotations

import gzip
import os
import struct
import time
import zipfile
from pathlib import Path

import numpy as np
import pytest

import nnstudio.data.csv_reader as csv_reader
from nnstudio.data import DataError, LoadCancelled, load_source
from nnstudio.data.ticker import MIN_INTERVAL

CLASSES = ("setosa", "versicolor", "virginica")


def write_csv(path: Path, rows: int) -> None:
    rng = np.random.default_rng(0)
    values = rng.normal(0, 10, (rows, 4))
    labels = rng.integers(0, 3, rows)
    path.write_text("a,b,c,d,label\n" + "".join(
        f"{v[0]:.6f},{v[1]:.6f},{v[2]:.6f},{v[3]:.6f},{CLASSES[k]}\n" for v, k in zip(values, labels)))


def idx_bytes(array: np.ndarray) -> bytes:
    head = struct.pack(">HBB", 0, 0x08, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + array.astype(np.uint8).tobytes()


def sources(tmp_path: Path) -> dict[str, dict]:
    """A big enough file of each kind to take a few tens of ms at least (~40 MB of values)."""
    write_csv(tmp_path / "big.csv", 150_000)
    rng = np.random.default_rng(1)
    x = rng.random((20_000, 500), dtype=np.float32)
    y = rng.integers(0, 10, 20_000)
    np.savez(tmp_path / "big.npz", inputs=x, targets=y)
    np.savez_compressed(tmp_path / "small.npz", inputs=x[:5000], targets=y[:5000])
    images = rng.integers(0, 256, (60_000, 28, 28)).astype(np.uint8)
    (tmp_path / "images").write_bytes(idx_bytes(images))
    (tmp_path / "images.gz").write_bytes(gzip.compress(idx_bytes(images), compresslevel=1))
    (tmp_path / "labels").write_bytes(idx_bytes(y[:1].repeat(60_000)))
    return {
        "csv": {"kind": "csv", "path": "big.csv", "input_columns": ["a", "b", "c", "d"],
                "target_columns": ["label"], "target_encoding": "onehot"},
        "npz": {"kind": "npz", "path": "big.npz"},
        "npz compressed": {"kind": "npz", "path": "small.npz"},
        "idx": {"kind": "idx", "images": "images", "labels": "labels"},
        "idx gzip": {"kind": "idx", "images": "images.gz", "labels": "labels"},
    }


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    return folder, sources(folder)


KINDS = ["csv", "npz", "npz compressed", "idx", "idx gzip"]


def open_files_under(folder: Path) -> list[str]:
    """The files under `folder` this process holds open (Linux: /proc/self/fd)."""
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(folder)):
            held.append(target)
    return held


@pytest.mark.parametrize("kind", KINDS)
def test_progress_is_steady_monotonic_and_ends_at_one(big_files, kind):
    folder, all_sources = big_files
    calls: list[tuple[float, float, float]] = []      # (fraction, wall clock, this thread's CPU time)
    dataset = load_source(all_sources[kind], str(folder),
                          lambda f: calls.append((f, time.perf_counter(), time.thread_time())))
    fractions = [c[0] for c in calls]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert all(a <= b for a, b in zip(fractions, fractions[1:])), fractions
    assert len(calls) >= 4, fractions       # it moves along the way
    # At most every ~5 ms (the first and last calls are load_source's own 0 and 1)...
    walls = [c[1] for c in calls[1:-1]]
    assert min(b - a for a, b in zip(walls, walls[1:])) >= MIN_INTERVAL * 0.99
    # ... and at least every 50 ms of the loading thread's work (CPU time: another process taking
    # the machine's cores does not count).
    cpu = [c[2] for c in calls]
    assert max(b - a for a, b in zip(cpu, cpu[1:])) < 0.05, kind
    assert len(dataset.targets) == len(dataset.inputs) > 0


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="lists open files through /proc")
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("when", ["second call", "third call", "half way"])
def test_cancel_propagates_unchanged_and_leaves_no_open_file(big_files, kind, when):
    folder, all_sources = big_files
    calls = []

    def progress(fraction: float) -> None:
        calls.append(fraction)
        if {"second call": len(calls) >= 2, "third call": len(calls) >= 3, "half way": fraction >= 0.5}[when]:
            raise LoadCancelled()

    with pytest.raises(LoadCancelled) as info:
        load_source(all_sources[kind], str(folder), progress)
    assert calls[-1] < 1.0 and (when != "half way" or calls[-1] >= 0.5), calls
    # Closed even while the exception (and through its traceback, the loader's frames) lives on,
    # as it does when a worker thread hands it to the window.
    assert info.value.__traceback__ is not None and open_files_under(folder) == []


# --- CSV ---------------------------------------------------------------------------------------

def csv_source(**keys) -> dict:
    return {"kind": "csv", "path": "d.csv", "input_columns": ["x1", "x2"], "target_columns": ["y"],
            "target_encoding": "index", **keys}


def csv_error(tmp_path: Path, raw: bytes, **keys) -> str:
    (tmp_path / "d.csv").write_bytes(raw)
    with pytest.raises(DataError) as info:
        load_source(csv_source(**keys), str(tmp_path))
    return str(info.value)


TRICKY = ('x1,x2,y,"note, with\r\nline break"\r\n1,2,é,"a\nb"\r3.5,-4e2,2,\n\n5,6,é,"""q"""\r\n'
          '7,8,ünï,x\r9,10,2,"multi\r\nline\rfield"\n11,12,é,\r\n')


def test_slices_and_chunks_of_any_size_read_the_same(tmp_path, monkeypatch):
    """Line breaks (\\r\\n cut between slices), multi-byte characters cut between slices, quoted
    fields over several lines and chunk edges change nothing."""
    (tmp_path / "d.csv").write_bytes(b"\xef\xbb\xbf" + TRICKY.encode())
    whole = load_source(csv_source(), str(tmp_path))
    assert whole.class_names == ["2", "é", "ünï"] and whole.inputs[:, 0].tolist() == [1, 3.5, 5, 7, 9, 11]
    assert whole.targets.tolist() == [1, 0, 1, 2, 0, 1]
    for text_slice, scan_slice, rows in [(1, 1, 1), (2, 3, 2), (3, 7, 4), (5, 64, 3)]:
        (tmp_path / "d.csv").write_bytes(b"\xef\xbb\xbf" + TRICKY.encode())
        monkeypatch.setattr(csv_reader, "TEXT_SLICE", text_slice)
        monkeypatch.setattr(csv_reader, "SLICE", scan_slice)
        monkeypatch.setattr(csv_reader, "CHUNK_ROWS", rows)
        d = load_source(csv_source(), str(tmp_path))
        assert d.inputs.tolist() == whole.inputs.tolist() and d.targets.tolist() == whole.targets.tolist()
        assert d.class_names == whole.class_names
        # The first problem in the file wins, whichever chunk or slice holds it.
        bad = TRICKY.replace("-4e2", "abc").replace("11,12", "11,nan")
        assert csv_error(tmp_path, bad.encode()) == 'd.csv: line 5, column "x2": "abc" is not a number'
        assert csv_error(tmp_path, TRICKY.replace("11,12", "11,nan").encode()) == \
            'd.csv: line 12, column "x2": "nan" is NaN, which cannot be trained on'
        assert csv_error(tmp_path, (TRICKY + "1,2\n").encode()).startswith("d.csv: line 13: has 2 fields")


def test_a_bad_byte_after_a_byte_order_mark_is_named_where_it_is(tmp_path):
    raw = b"\xef\xbb\xbfx1,x2,y\n1,2,3\n4,\xff,6\n"
    assert csv_error(tmp_path, raw) == ("d.csv: is not a text file in UTF-8 (line 3: byte 0xff cannot be "
                                        "decoded); if it is a CSV file, save it as UTF-8")
    assert csv_error(tmp_path, b"x1,x2,y\n1,2,\xc3") == \
        "d.csv: is not a text file in UTF-8 (line 2: byte 0xc3 cannot be decoded); if it is a CSV file, save it as UTF-8"


def test_size_caps_refuse_before_reading_or_allocating(tmp_path, monkeypatch):
    text = b"x1,x2,y\n" + b"".join(b"%d,%d,c%d\n" % (i, i, i) for i in range(10))
    monkeypatch.setattr(csv_reader, "MAX_CSV_BYTES", len(text) - 1)
    assert csv_error(tmp_path, text) == f"d.csv: is {len(text) / 1e9:.1f} GB; nnstudio reads CSV files of up to 0 GB"
    monkeypatch.setattr(csv_reader, "MAX_CSV_BYTES", len(text))
    monkeypatch.setattr(csv_reader, "MAX_CLASSES", 4)
    assert csv_error(tmp_path, text) == \
        'd.csv: line 6, column "y": more than 4 different class labels; is it a class column?'
    monkeypatch.setattr(csv_reader, "MAX_CLASSES", 10)
    monkeypatch.setattr(csv_reader, "MAX_ONEHOT_BYTES", 10 * 10 * 8 - 1)
    assert csv_error(tmp_path, text, target_encoding="onehot") == (
        'd.csv: 10 rows of 10 classes make one-hot targets of 0.0 GiB; use index targets '
        '(data.source.target_encoding "index")')
    (tmp_path / "d.csv").write_bytes(text)
    monkeypatch.setattr(csv_reader, "MAX_ONEHOT_BYTES", 10 * 10 * 8)
    assert load_source(csv_source(target_encoding="onehot"), str(tmp_path)).targets.shape == (10, 10)


def test_a_csv_load_holds_neither_the_text_nor_the_cells_whole(tmp_path):
    import tracemalloc
    write_csv(tmp_path / "d.csv", 200_000)
    src = {"kind": "csv", "path": "d.csv", "input_columns": ["a", "b", "c", "d"],
           "target_columns": ["label"], "target_encoding": "index"}
    tracemalloc.start()
    try:
        d = load_source(src, str(tmp_path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # 200,000 rows: the result is 8 MB; the whole file's text and cells would be over 60 MB.
    assert len(d) == 200_000 and peak < 30 * 2**20, peak / 2**20


# --- IDX ---------------------------------------------------------------------------------------

def test_idx_headers_are_checked_before_the_values_are_read(tmp_path):
    head = struct.pack(">HBB3I", 0, 0x08, 3, 2**20, 2**12, 2**12)        # 2**44 bytes promised
    (tmp_path / "bomb.gz").write_bytes(gzip.compress(head + b"\x00" * 1000))
    (tmp_path / "labels").write_bytes(idx_bytes(np.zeros(3)))
    with pytest.raises(DataError) as info:
        load_source({"kind": "idx", "images": "bomb.gz", "labels": "labels"}, str(tmp_path))
    assert str(info.value) == ("bomb.gz: (once decompressed) has a header that promises 1048576 × 4096 × 4096 "
                               "unsigned byte values (17592186044416 bytes), more than the 16 GiB nnstudio reads")
    wide = struct.pack(">HBB2I", 0, 0x08, 2, 1, 2**23)
    (tmp_path / "wide.gz").write_bytes(gzip.compress(wide + b"\x00" * 2**23))
    with pytest.raises(DataError, match=r"^wide.gz: holds images of 8388608 values; nnstudio reads images "
                                        r"of up to 4194304 values$"):
        load_source({"kind": "idx", "images": "wide.gz", "labels": "labels"}, str(tmp_path))


# --- npz ---------------------------------------------------------------------------------------

def npy_member(shape, descr="<f8", data: bytes | None = None, fortran=False) -> bytes:
    header = repr({"descr": descr, "fortran_order": fortran, "shape": tuple(shape)}).encode()
    header += b" " * (63 - (10 + len(header)) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + (data or b"")


def npz_error(tmp_path: Path, members: dict[str, bytes], compressed=False) -> str:
    path = tmp_path / "d.npz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as z:
        for name, raw in members.items():
            z.writestr(name, raw)
    with pytest.raises(DataError) as info:
        load_source({"kind": "npz", "path": "d.npz"}, str(tmp_path))
    return str(info.value)


def test_npz_headers_are_checked_before_np_load_would_allocate(tmp_path):
    good_t = npy_member((2,), "<i8", np.zeros(2, dtype="<i8").tobytes())
    for compressed in (False, True):
        def refused(inputs: bytes) -> str:
            return npz_error(tmp_path, {"inputs.npy": inputs, "targets.npy": good_t}, compressed)

        assert refused(npy_member((2**40, 2**10), data=b"\x00" * 64)) == (
            'd.npz: array "inputs" declares 1099511627776 × 1024 float64 values (9007199254740992 bytes), '
            "more than the 16 GiB nnstudio reads")
        assert refused(npy_member((2, 3), data=b"\x00" * 40)) == (
            'd.npz: array "inputs" declares 2 × 3 float64 values (48 bytes), but its member holds 40 bytes of values')
        assert refused(npy_member((2, -3), data=b"")) == \
            'd.npz: array "inputs" has a negative dimension in its shape [2, -3]'
        assert refused(npy_member((2,), [("a", "<f8"), ("b", "<i4")], b"\x00" * 24)) == \
            "d.npz: array \"inputs\" holds [('a', '<f8'), ('b', '<i4')] values, not real numbers"
        assert refused(npy_member((2,), "<M8[s]", b"\x00" * 16)) == \
            'd.npz: array "inputs" holds datetime64[s] values, not real numbers'
        assert refused(npy_member((1, 2**23), "|u1", b"\x00" * 2**23)) == \
            'd.npz: array "inputs" has 8388608 values per sample; nnstudio reads up to 4194304'
        assert refused(b"just text, not an array") == \
            'd.npz: array "inputs" is not a NumPy array (the member "inputs.npy" is not in the .npy format)'
        assert refused(npy_member((2,))[:-30]).startswith('d.npz: array "inputs" has a damaged .npy header (')
        assert refused(b"\x93NUMPY\x03\x00" + b"\x00" * 20) == \
            'd.npz: array "inputs" is in .npy format version 3.0; nnstudio reads 1.0 and 2.0'


def test_npz_fortran_order_and_big_endian_values_read_right(tmp_path):
    x = np.asfortranarray(np.arange(12, dtype=">f4").reshape(3, 4))
    np.savez(tmp_path / "f.npz", inputs=x, targets=np.arange(3, dtype=">i2"))
    d = load_source({"kind": "npz", "path": "f.npz"}, str(tmp_path))
    assert d.inputs.tolist() == np.arange(12).reshape(3, 4).tolist() and d.targets.tolist() == [0, 1, 2]
