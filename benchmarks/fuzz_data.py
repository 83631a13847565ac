"""Fuzzing the CSV, .npz and IDX readers at scale, with a time limit on every load.

    python benchmarks/fuzz_data.py [--files 5000] [--workers 2] [--limit 2.0] [--seed 0]

Makes --files mutated files per reader (csv, npz, idx, idx_gzip) from the valid files and the
mutations of tests/data/test_fuzz_data_files.py (the ops drawn here with random.Random), and loads
each in a worker process. A load that neither gives a consistent Dataset nor a DataError naming
the file is a crash; one that takes more than --limit seconds is a hang (its worker is killed and
replaced). Prints per reader and in total "N files, C crashes, H hangs over 2 s", the slowest
load, and the first few crashes; the last line is JSON. Exit status 1 when anything crashed or hung.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
from multiprocessing.connection import wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ_TESTS = ROOT / "tests" / "data" / "test_fuzz_data_files.py"


def fuzz_module():
    """tests/data/test_fuzz_data_files.py, imported by its path (tests are not a package)."""
    spec = importlib.util.spec_from_file_location("fuzz_data_files", FUZZ_TESTS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def random_ops(rng: random.Random, fz) -> list[tuple]:
    """The ops the test's `ops` strategy draws, drawn with `rng`."""
    ops = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3, 4))):     # mostly near-valid files
        kind = rng.choice(("flip", "insert", "delete", "cut", "copy", "write", "u32"))
        at = rng.randint(0, 400)
        if kind == "flip":
            ops.append((kind, at, rng.randint(1, 255)))
        elif kind == "insert":
            token = rng.choice(fz.TOKENS) if rng.random() < 0.5 else rng.randbytes(rng.randint(1, 6))
            ops.append((kind, at, token))
        elif kind == "delete":
            ops.append((kind, at, rng.randint(1, 40)))
        elif kind == "cut":
            ops.append((kind, at))
        elif kind == "copy":
            ops.append((kind, at, rng.randint(1, 80), rng.randint(0, 400)))
        elif kind == "write":
            ops.append((kind, at, rng.choice(fz.TOKENS)))
        else:
            ops.append((kind, rng.randint(0, 24), rng.choice(fz.U32)))
    return ops


def make_cases(fz, files: int, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    cases = []
    for reader, (layers, n_sources) in fz.CASE_MAKERS.items():
        for _ in range(files):
            cases.append((reader, rng.choice(layers), rng.randint(0, 1), rng.randrange(n_sources),
                          random_ops(rng, fz)))
    return cases


def worker(conn) -> None:
    """Load each case sent; answer (outcome, seconds, detail)."""
    fz = fuzz_module()
    with tempfile.TemporaryDirectory() as folder:
        while True:
            case = conn.recv()
            if case is None:
                return
            t0 = time.perf_counter()
            try:
                outcome, detail = fz.check(folder, *fz.files_of(case)), ""
            except BaseException as e:      # noqa: BLE001 - every other outcome is what we look for
                outcome = "crash"
                detail = "".join(traceback.format_exception_only(type(e), e)).strip()[:300]
            conn.send((outcome, time.perf_counter() - t0, detail))


class Worker:
    def __init__(self):
        self.conn, child = mp.Pipe()
        self.process = mp.Process(target=worker, args=(child,), daemon=True)
        self.process.start()
        self.case: tuple | None = None
        self.started = 0.0

    def send(self, case: tuple) -> None:
        self.case, self.started = case, time.perf_counter()
        self.conn.send(case)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            self.conn.send(None)
        self.process.join(5)


def run(cases: list[tuple], workers: int, limit: float) -> list[tuple]:
    """(case, outcome, seconds, detail) for each case; a load over `limit` s is a "hang"."""
    results: list[tuple] = []
    todo = list(reversed(cases))
    pool = [Worker() for _ in range(workers)]
    for w in pool:
        if todo:
            w.send(todo.pop())
    while any(w.case is not None for w in pool):
        busy = [w for w in pool if w.case is not None]
        deadline = min(w.started for w in busy) + limit
        ready = wait([w.conn for w in busy], timeout=max(0.0, deadline - time.perf_counter()))
        for w in busy:
            if w.conn in ready:
                try:
                    outcome, seconds, detail = w.conn.recv()
                except EOFError:            # the worker died (a crash below Python)
                    outcome, seconds, detail = "crash", time.perf_counter() - w.started, "worker died"
                    pool[pool.index(w)] = w = _replace(w)
                results.append((w.case, outcome, seconds, detail))
            elif time.perf_counter() - w.started > limit:
                results.append((w.case, "hang", time.perf_counter() - w.started, ""))
                pool[pool.index(w)] = w = _replace(w)
            else:
                continue
            w.case = None
            if todo:
                w.send(todo.pop())
    for w in pool:
        w.stop()
    return results


def _replace(w: Worker) -> Worker:
    w.stop(kill=True)
    return Worker()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=5000, help="mutated files per reader")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds a load may take")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    fz = fuzz_module()
    cases = make_cases(fz, args.files, args.seed)
    t0 = time.perf_counter()
    results = run(cases, args.workers, args.limit)
    elapsed = time.perf_counter() - t0
    summary = {}
    for reader in fz.CASE_MAKERS:
        mine = [r for r in results if r[0][0] == reader]
        summary[reader] = {"files": len(mine), "crashes": sum(r[1] == "crash" for r in mine),
                           "hangs": sum(r[1] == "hang" for r in mine),
                           "loaded": sum(r[1] == "loaded" for r in mine),
                           "slowest_s": round(max((r[2] for r in mine), default=0.0), 3)}
        s = summary[reader]
        print(f"{reader}: {s['files']} files, {s['crashes']} crashes, {s['hangs']} hangs over "
              f"{args.limit:g} s ({s['loaded']} loaded, the rest refused; slowest {s['slowest_s']} s)")
    total = {key: sum(s[key] for s in summary.values()) for key in ("files", "crashes", "hangs", "loaded")}
    slowest = max(results, key=lambda r: r[2])
    print(f"total: {total['files']} files, {total['crashes']} crashes, {total['hangs']} hangs over "
          f"{args.limit:g} s in {elapsed:.0f} s; the slowest load took {slowest[2]:.3f} s "
          f"({slowest[0][0]}, {slowest[0][1]})")
    for case, outcome, _, detail in [r for r in results if r[1] in ("crash", "hang")][:5]:
        print(f"  {outcome}: {case!r}\n    {detail}")
    print(json.dumps({"readers": summary, "total": total, "slowest_s": round(slowest[2], 3)}))
    return 1 if total["crashes"] or total["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
