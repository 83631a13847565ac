"""How long a CSV load holds the GIL: the gaps a thread that sleeps 10 ms at a time really sees
while a 1,000,000-row CSV loads in another thread, as the window's event loop would.

    python benchmarks/bench_csv_gil.py [--rows 1000000] [--repeats 3] [--memory]

Writes a CSV of --rows rows (4 numeric input columns and a class label column, ~40 MB) to a
temporary folder, then loads it with `load_source` in a worker thread while the main thread loops
on `time.sleep(0.01)` and records how late each wake-up is (the sleep interval subtracted; the
interpreter's switch interval left as it is); then, as a control, the same while a thread runs
a busy pure-Python loop for as long (the floor set by the switch interval and the machine's
load). Prints the best load time, the worst lateness and the median over the runs of the 99th
percentile lateness, and with --memory the peak resident memory of a fresh process that only
loads the file (VmHWM minus that before the load, and tracemalloc's peak). The last line is JSON.
Goal: p99 under 100 ms (under 20 ms is the aim), no load slower than before by more than 10 %.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import numpy as np

SLEEP = 0.01
CLASSES = ("setosa", "versicolor", "virginica", "other")


def write_csv(path: str, rows: int) -> None:
    """--rows rows of a, b, c, d (numbers with 6 decimals) and a text label, in slices."""
    rng = np.random.default_rng(0)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("a,b,c,d,label\n")
        for start in range(0, rows, 100_000):
            n = min(100_000, rows - start)
            values = rng.normal(0, 10, (n, 4))
            labels = rng.integers(0, len(CLASSES), n)
            f.write("".join(f"{v[0]:.6f},{v[1]:.6f},{v[2]:.6f},{v[3]:.6f},{CLASSES[k]}\n"
                            for v, k in zip(values, labels)))


def source() -> dict:
    return {"kind": "csv", "path": "big.csv", "input_columns": ["a", "b", "c", "d"],
            "target_columns": ["label"], "target_encoding": "index"}


def lateness_while(work) -> tuple[float, np.ndarray]:
    """(seconds `work()` took in a worker thread, the main thread's wake-up lateness meanwhile, ms)."""
    done = threading.Event()
    result: dict = {}

    def run() -> None:
        t0 = time.perf_counter()
        try:
            result["value"] = work()
        finally:
            result["seconds"] = time.perf_counter() - t0
            done.set()

    late: list[float] = []
    worker = threading.Thread(target=run)
    worker.start()
    while not done.is_set():
        t0 = time.perf_counter()
        time.sleep(SLEEP)
        late.append(time.perf_counter() - t0 - SLEEP)
    worker.join()
    if "value" not in result:
        raise RuntimeError("the work failed")
    return result["seconds"], np.array(late) * 1000


def busy_loop(seconds: float) -> None:
    """Pure bytecode for `seconds`: the lateness any busy Python thread causes on this machine."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        sum(range(100))


def measure(folder: str) -> dict:
    """Load once in a thread, then run a busy bytecode loop as long: the lateness of each."""
    from nnstudio.data import load_source
    seconds, late = lateness_while(lambda: load_source(source(), folder))
    _, control = lateness_while(lambda: busy_loop(seconds))
    return {"load_s": round(seconds, 3), "worst_ms": round(float(late.max()), 1),
            "p99_ms": round(float(np.percentile(late, 99)), 1),
            "control_p99_ms": round(float(np.percentile(control, 99)), 1)}


def peak_memory_mb(folder: str) -> tuple[float, float]:
    """(resident memory high-water mark, VmHWM, minus the one before the load; tracemalloc's
    peak) in MB, of a fresh process that only loads the file. Linux: VmHWM belongs to the process
    image, unlike ru_maxrss, which a child started by this (big) process inherits."""
    code = ("import tracemalloc; from nnstudio.data import load_source\n"
            "def hwm():\n"
            "    for line in open('/proc/self/status'):\n"
            "        if line.startswith('VmHWM:'): return int(line.split()[1]) / 1024\n"
            "before = hwm(); tracemalloc.start()\n"
            f"d = load_source({source()!r}, {folder!r})\n"
            "print(hwm() - before, tracemalloc.get_traced_memory()[1] / 2**20)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    rss, traced = (float(v) for v in out.stdout.split())
    return round(rss, 1), round(traced, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="also measure the peak memory")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "big.csv")
        write_csv(path, args.rows)
        size_mb = os.path.getsize(path) / 1e6
        runs = [measure(folder) for _ in range(args.repeats)]
        best = min(runs, key=lambda r: r["load_s"])
        figures = {"rows": args.rows, "file_mb": round(size_mb, 1), "load_s": best["load_s"],
                   "worst_ms": max(r["worst_ms"] for r in runs),
                   "p99_ms": float(np.median([r["p99_ms"] for r in runs])),
                   "control_p99_ms": float(np.median([r["control_p99_ms"] for r in runs]))}
        if args.memory:
            figures["peak_rss_mb"], figures["peak_traced_mb"] = peak_memory_mb(folder)
    print(f"{args.rows} rows ({figures['file_mb']} MB) loaded in {figures['load_s']} s "
          f"(best of {args.repeats}); the sleeping thread's lateness: worst "
          f"{figures['worst_ms']} ms, p99 {figures['p99_ms']} ms (median of the runs; "
          f"{figures['control_p99_ms']} ms while a busy pure-Python thread runs as long)")
    if args.memory:
        print(f"peak resident memory added by the load: {figures['peak_rss_mb']} MB "
              f"(tracemalloc's peak: {figures['peak_traced_mb']} MB)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
