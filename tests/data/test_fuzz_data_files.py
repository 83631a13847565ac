"""Fuzzing the data-file readers as project files are fuzzed: valid CSV, .npz and IDX files (plain
and gzip) with bytes flipped, inserted, deleted, cut, duplicated or overwritten with extreme
numbers, in the raw file or inside it (a .npz member re-zipped with a valid CRC, a gzip file's
content recompressed). Each file either loads into a consistent Dataset (inputs 2-D float and
finite, one target per sample) or is refused with a DataError that names the file; nothing else.

Derandomized, so every run (and CI) tries the same cases: NNSTUDIO_FUZZ_EXAMPLES (default 150)
examples per reader and layer. benchmarks/fuzz_data.py runs thousands of these cases with a time
limit on each (it imports `CASE_MAKERS`, `files_of` and `check` from here).
"""
from __future__ import annotations

import gzip
import io
import os
import struct
import zipfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nnstudio.data import DataError, load_source

EXAMPLES = int(os.environ.get("NNSTUDIO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(derandomize=True, database=None, deadline=None, print_blob=False, max_examples=EXAMPLES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# What a mutation inserts or writes over: numbers at and beyond every limit, and the characters
# that CSV, JSON-like .npy headers and zip directories give a meaning to.
TOKENS = [b"0", b"-1", b"1e309", b"-1e309", b"nan", b"inf", b"NA", b"?", b"99999999999999999999",
          b"4294967295", b"2147483648", b"(2**40,)", b"(-1,)", b"()", b"'<f8'", b"'|O'", b"'<U3'",
          b"True", b'"', b'""', b",", b";", b"\r", b"\n", b"\r\n", b"\x00", b"\xff", b"\xc3",
          b"\xef\xbb\xbf", b"\x1f\x8b", b"PK\x03\x04", b"\x93NUMPY", b" " * 40]
U32 = [0, 1, 2, 255, 256, 65535, 65536, 2**24, 2**31 - 1, 2**31, 2**32 - 1]


# --- valid files ----------------------------------------------------------------------------------

CSV_TEXT = ('name,x1,x2,species\n"Smith, John",5.1,3.5,setosa\n"O\'Brien, ""Bo""",7.0,3.2,versicolor\r\n'
            'plain,6.3,3.3,virginica\n"Doe,\nJane",4.9,3.0,setosa\n\nlast,1e2,-2.5,virginica\n')
CSV_SOURCES = [
    {"kind": "csv", "path": "d.csv", "input_columns": ["x1", "x2"], "target_columns": ["species"],
     "target_encoding": "index"},
    {"kind": "csv", "path": "d.csv", "input_columns": ["x1"], "target_columns": ["species"],
     "target_encoding": "onehot", "missing": "drop"},
    {"kind": "csv", "path": "d.csv", "input_columns": ["x1"], "target_columns": ["x2"]},
    {"kind": "csv", "path": "d.csv", "input_columns": ["x2", "x1"], "target_columns": ["x1", "x2"],
     "missing": "drop", "delimiter": ","},
]


def npy(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


NPZ_MEMBERS = {"inputs.npy": npy(np.arange(12, dtype=np.float64).reshape(6, 2) / 7),
               "targets.npy": npy(np.array([0, 1, 2, 1, 0, 2], dtype=np.int64))}


def zipped(members: dict[str, bytes], compressed: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED if compressed else zipfile.ZIP_STORED) as z:
        for name, raw in members.items():
            z.writestr(name, raw)
    return out.getvalue()


def idx(array: np.ndarray, code: int) -> bytes:
    head = struct.pack(">HBB", 0, code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return head + array.astype(array.dtype.newbyteorder(">")).tobytes()


IDX_IMAGES = idx(np.arange(4 * 3 * 2, dtype=np.uint8).reshape(4, 3, 2), 0x08)
IDX_LABELS = idx(np.array([3, 0, 1, 9], dtype=np.uint8), 0x08)
IDX_SOURCE = {"kind": "idx", "images": "images", "labels": "labels"}


# --- mutations ------------------------------------------------------------------------------------

def mutate(data: bytes, ops: list[tuple]) -> bytes:
    """`data` after each op: ("flip", at, mask), ("insert", at, bytes), ("delete", at, n),
    ("cut", at), ("copy", at, n, to) (a range duplicated elsewhere), ("write", at, bytes)
    (written over), ("u32", at, value) (a big-endian header field written over)."""
    b = bytearray(data)
    for op in ops:
        at = op[1] % (len(b) + 1)
        if op[0] == "flip" and b:
            b[at % len(b)] ^= op[2]
        elif op[0] == "insert":
            b[at:at] = op[2]
        elif op[0] == "delete":
            del b[at:at + op[2]]
        elif op[0] == "cut":
            del b[at:]
        elif op[0] == "copy":
            b[op[3] % (len(b) + 1):op[3] % (len(b) + 1)] = b[at:at + op[2]]
        elif op[0] == "write":
            b[at:at + len(op[2])] = op[2]
        elif op[0] == "u32":
            b[at:at + 4] = struct.pack(">I", op[2])
    return bytes(b)


def files_of(case: tuple) -> tuple[dict[str, bytes], dict]:
    """(file name → bytes, the data source to load) of a case (reader, layer, which, source, ops)."""
    reader, layer, which, source, ops = case
    if reader == "csv":
        return {"d.csv": mutate(CSV_TEXT.encode(), ops)}, CSV_SOURCES[source]
    if reader == "npz":
        compressed = source == 1
        if layer == "raw":
            return {"d.npz": mutate(zipped(NPZ_MEMBERS, compressed), ops)}, {"kind": "npz", "path": "d.npz"}
        members = dict(NPZ_MEMBERS)
        name = sorted(members)[which % 2]
        members[name] = mutate(members[name], ops)
        return {"d.npz": zipped(members, compressed)}, {"kind": "npz", "path": "d.npz"}
    files = {"images": IDX_IMAGES, "labels": IDX_LABELS}
    name = ("images", "labels")[which % 2]
    gz = reader == "idx_gzip"
    if layer == "raw":
        files[name] = mutate(gzip.compress(files[name], mtime=0) if gz else files[name], ops)
    else:
        files[name] = mutate(files[name], ops)
        if gz:
            files[name] = gzip.compress(files[name], mtime=0)
    return files, IDX_SOURCE


def check(folder: str, files: dict[str, bytes], source: dict) -> str:
    """Write `files` into `folder` and load `source`: "loaded" or "refused"; AssertionError when the
    Dataset is inconsistent or a DataError does not name one of the files; any other exception
    goes through."""
    for name, raw in files.items():
        Path(folder, name).write_bytes(raw)
    try:
        d = load_source(source, folder)
    except DataError as e:
        assert any(str(e).startswith(f"{name}: ") for name in files), f"not located: {e}"
        return "refused"
    assert d.inputs.ndim == 2 and d.inputs.dtype in (np.float32, np.float64), d.inputs.dtype
    assert d.inputs.shape[0] > 0 and d.inputs.shape[1] > 0 and np.isfinite(d.inputs).all()
    assert len(d.targets) == len(d.inputs) and d.targets.ndim in (1, 2)
    if d.is_index:
        assert d.targets.min() >= 0 and (d.class_names is None or d.targets.max() < len(d.class_names))
    else:
        assert d.targets.dtype.kind == "f" and np.isfinite(d.targets).all()
    assert len(d.input_names) == d.inputs.shape[1]
    return "loaded"


# --- strategies (the benchmark draws the same ops with random.Random) -------------------------------

positions = st.integers(0, 400)
op = st.one_of(
    st.tuples(st.just("flip"), positions, st.integers(1, 255)),
    st.tuples(st.just("insert"), positions, st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=6)),
    st.tuples(st.just("delete"), positions, st.integers(1, 40)),
    st.tuples(st.just("cut"), positions),
    st.tuples(st.just("copy"), positions, st.integers(1, 80), positions),
    st.tuples(st.just("write"), positions, st.sampled_from(TOKENS)),
    st.tuples(st.just("u32"), st.integers(0, 24), st.sampled_from(U32)),
)
ops = st.lists(op, min_size=1, max_size=4)
CASE_MAKERS = {     # reader → (layers, sources)
    "csv": (("raw",), len(CSV_SOURCES)),
    "npz": (("raw", "member"), 2),
    "idx": (("raw",), 1),
    "idx_gzip": (("raw", "inner"), 1),
}


def cases(reader: str, layer: str):
    return st.tuples(st.just(reader), st.just(layer), st.integers(0, 1),
                     st.integers(0, CASE_MAKERS[reader][1] - 1), ops)


def test_the_valid_files_load(tmp_path):
    for reader, (layers, n_sources) in CASE_MAKERS.items():
        for layer in layers:
            for source in range(n_sources):
                for which in (0, 1):
                    assert check(str(tmp_path), *files_of((reader, layer, which, source, []))) == "loaded"


@FUZZ
@given(case=cases("csv", "raw"))
def test_mutated_csv_files_load_or_are_refused_naming_the_file(tmp_path, case):
    check(str(tmp_path), *files_of(case))


@FUZZ
@given(case=cases("npz", "raw") | cases("npz", "member"))
def test_mutated_npz_files_load_or_are_refused_naming_the_file(tmp_path, case):
    check(str(tmp_path), *files_of(case))


@FUZZ
@given(case=cases("idx", "raw"))
def test_mutated_idx_files_load_or_are_refused_naming_the_file(tmp_path, case):
    check(str(tmp_path), *files_of(case))


@FUZZ
@given(case=cases("idx_gzip", "raw") | cases("idx_gzip", "inner"))
def test_mutated_gzip_idx_files_load_or_are_refused_naming_the_file(tmp_path, case):
    check(str(tmp_path), *files_of(case))


def outcome(folder: str, files: dict[str, bytes], source: dict) -> tuple:
    """What loading gives, comparably: the Dataset's values or the DataError's message."""
    try:
        check(folder, files, source)
        d = load_source(source, folder)
    except DataError as e:
        return ("refused", str(e))
    return ("loaded", d.inputs.tolist(), d.targets.tolist(), d.class_names, d.input_names)


@FUZZ
@given(case=cases("csv", "raw"), text_slice=st.integers(1, 9), scan_slice=st.integers(1, 9),
       chunk_rows=st.integers(1, 3))
def test_mutated_csv_files_read_the_same_in_slices_and_chunks_of_any_size(tmp_path, case, text_slice,
                                                                          scan_slice, chunk_rows):
    """The streaming reader's slice and chunk edges (a \\r\\n or a UTF-8 character cut in two, a
    quoted field over two slices, a bad value in a later chunk) never change what a file gives."""
    import nnstudio.data.csv_reader as csv_reader
    files, source = files_of(case)
    whole = outcome(str(tmp_path), files, source)
    sizes = {"TEXT_SLICE": text_slice, "SLICE": scan_slice, "CHUNK_ROWS": chunk_rows}
    saved = {name: getattr(csv_reader, name) for name in sizes}
    try:
        for name, value in sizes.items():
            setattr(csv_reader, name, value)
        assert outcome(str(tmp_path), files, source) == whole
    finally:
        for name, value in saved.items():
            setattr(csv_reader, name, value)
