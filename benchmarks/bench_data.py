"""Data loading speed: an MNIST-sized .npz through `load_source` and `prepare`.

    python benchmarks/bench_data.py [--repeats 5]

Writes a 60,000 × 784 float32 `inputs` array and int64 `targets` (uncompressed, as `np.savez`
does) to a temporary folder, then times, best of --repeats:
1. `load_source` of the npz source (the archive read without pickle, checked for NaN/infinity);
2. `prepare` of the loaded dataset for one input node of 784 in float32, with a 10 % validation
   split and `standard` normalisation (the fit, one cast and the cut).
The last line is JSON: {"npz_60000x784_load_s": …, "prepare_s": …}. Goal: the load under 1 s.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
import time

import numpy as np

from nnstudio.data import load_source, prepare

N, COLUMNS = 60_000, 784


def best_of(repeats: int, fn) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    inputs = rng.integers(0, 256, (N, COLUMNS), dtype=np.uint8).astype(np.float32)
    targets = rng.integers(0, 10, N).astype(np.int64)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "mnist_like.npz")
        np.savez(path, inputs=inputs, targets=targets)
        del inputs
        source = {"kind": "npz", "path": "mnist_like.npz", "inputs": "inputs", "targets": "targets"}
        load_s, dataset = best_of(args.repeats, lambda: load_source(source, folder))
        assert dataset.inputs.shape == (N, COLUMNS) and dataset.inputs.dtype == np.float32
        prepare_s, prepared = best_of(args.repeats, lambda: prepare(
            dataset, [(COLUMNS,)], validation_split=0.1, normalize="standard", dtype=np.float32))
        assert prepared.train.inputs[0].dtype == np.float32 and prepared.n_val == N // 10
    print(f"load_source npz {N}×{COLUMNS} float32: {load_s:.3f} s (best of {args.repeats})")
    print(f"prepare (float32, standard, 10 % validation): {prepare_s:.3f} s")
    print(json.dumps({"npz_60000x784_load_s": round(load_s, 4), "prepare_s": round(prepare_s, 4)}))


if __name__ == "__main__":
    main()
