"""Engine speed against PyTorch, measured in the same run on the same machine.

    python benchmarks/bench_engine.py [--epochs 3] [--steps 20000]

1. MLP 784-128-64-10 (relu, relu, softmax), sparse categorical cross-entropy, Adam (lr 0.001),
   batch 64, float32, 60,000 samples, shuffled: seconds per epoch (best of --epochs).
2. A 2-4-1 tanh/sigmoid net on XOR, full batch, SGD: steps per second.

Both run through nnstudio's real path (a Project compiled and trained by engine.training.train),
and again in PyTorch when it is installed, written the way a PyTorch user would (a plain loop over
index batches, no DataLoader). The last line is JSON with every figure and the ratios.
Goals: MLP epoch time at most 0.75× PyTorch's; tiny-net steps/s at least 8× PyTorch's.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

from nnstudio.engine.optimizers import make_optimizer
from nnstudio.engine.training import Split, train
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project


def mlp_project() -> Project:
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [784]}),
               Node("d1", "dense", config={"units": 128, "activation": "relu", "init": "he_uniform"}),
               Node("d2", "dense", config={"units": 64, "activation": "relu", "init": "he_uniform"}),
               Node("out", "dense", config={"units": 10, "activation": "softmax"})]
    p.edges = [Edge("e1", "x", "d1"), Edge("e2", "d1", "d2"), Edge("e3", "d2", "out")]
    p.inputs, p.outputs = ["x"], ["out"]
    p.training.loss = "sparse_categorical_crossentropy"
    p.training.dtype = "float32"
    return p


def tiny_project() -> Project:
    p = Project()
    p.nodes = [Node("x", "input", config={"shape": [2]}),
               Node("h", "dense", config={"units": 4, "activation": "tanh"}),
               Node("y", "dense", config={"units": 1, "activation": "sigmoid"})]
    p.edges = [Edge("e1", "x", "h"), Edge("e2", "h", "y")]
    p.inputs, p.outputs = ["x"], ["y"]
    p.training.loss = "mse"
    return p


def mnist_shaped(n: int = 60_000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random data of MNIST's shape: what is timed is arithmetic, not what is learned."""
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def bench_mlp_nnstudio(x, y, epochs: int) -> tuple[float, dict]:
    model = compile_project(mlp_project(), check=False)
    opt = make_optimizer("adam", model.network.trainables(), lr=0.001)
    times = []
    start = time.perf_counter()
    for report in train(model.network, model.objective, opt, Split([x], y), epochs=epochs, batch_size=64,
                        shuffle=True, seed=0):
        if report.kind == "epoch":
            now = time.perf_counter()
            times.append(now - start)
            start = now
    return min(times), {k: v for k, v in model.node_params().items()}


def bench_mlp_torch(torch, x, y, epochs: int, init: dict) -> float:
    dims = [("d1", "relu"), ("d2", "relu"), ("out", None)]
    layers = []
    for name, act in dims:
        W = init[name]["W"]
        lin = torch.nn.Linear(W.shape[0], W.shape[1], dtype=torch.float32)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W.T.astype(np.float32)))
            lin.bias.copy_(torch.from_numpy(init[name]["b"].astype(np.float32)))
        layers.append(lin)
        if act:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(0)
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = torch.randperm(len(X), generator=gen)
        for i in range(0, len(X), 64):
            idx = order[i:i + 64]
            opt.zero_grad()
            loss = loss_fn(net(X[idx]), Y[idx])
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - start)
    return min(times)


XOR_X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=np.float64)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=np.float64)


def bench_tiny_nnstudio(steps: int) -> tuple[float, dict]:
    model = compile_project(tiny_project(), check=False)
    opt = make_optimizer("sgd", model.network.trainables(), lr=0.5)
    init = model.node_params()
    start = time.perf_counter()
    for _ in train(model.network, model.objective, opt, Split([XOR_X], XOR_Y), epochs=steps):
        pass
    return steps / (time.perf_counter() - start), init


def bench_tiny_torch(torch, steps: int, init: dict) -> float:
    f64 = torch.float64
    net = torch.nn.Sequential(torch.nn.Linear(2, 4, dtype=f64), torch.nn.Tanh(), torch.nn.Linear(4, 1, dtype=f64),
                              torch.nn.Sigmoid())
    with torch.no_grad():
        for lin, name in ((net[0], "h"), (net[2], "y")):
            lin.weight.copy_(torch.from_numpy(init[name]["W"].T))
            lin.bias.copy_(torch.from_numpy(init[name]["b"]))
    opt = torch.optim.SGD(net.parameters(), lr=0.5)
    loss_fn = torch.nn.MSELoss()
    X, Y = torch.from_numpy(XOR_X), torch.from_numpy(XOR_Y)
    start = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        loss_fn(net(X), Y).backward()
        opt.step()
    return steps / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=3, help="MLP epochs (the best one is reported)")
    ap.add_argument("--steps", type=int, default=10_000, help="tiny-net steps per round")
    ap.add_argument("--rounds", type=int, default=7, help="tiny-net rounds, alternating with PyTorch")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        torch = None
    x, y = mnist_shaped()
    result: dict = {}
    mlp_s, init = bench_mlp_nnstudio(x, y, args.epochs)
    result["mlp_epoch_s"] = round(mlp_s, 4)
    print(f"MLP 784-128-64-10, Adam, batch 64, float32, 60k: nnstudio {mlp_s:.3f} s/epoch")
    # Rounds alternate between the two so that a busy moment of the machine hits both alike;
    # the best round of each is reported.
    tiny, torch_tiny = 0.0, 0.0
    for _ in range(args.rounds):
        rate, tiny_init = bench_tiny_nnstudio(args.steps)
        tiny = max(tiny, rate)
        if torch is not None:
            torch_tiny = max(torch_tiny, bench_tiny_torch(torch, max(args.steps // 4, 1), tiny_init))
    result["tiny_steps_per_s"] = round(tiny)
    print(f"2-4-1 tanh/sigmoid, SGD, full batch:           nnstudio {tiny:,.0f} steps/s")
    if torch is None:
        print("PyTorch is not installed: no ratios (pip install torch==2.13.0)")
    else:
        torch_mlp = bench_mlp_torch(torch, x, y, args.epochs, init)
        result.update(torch_version=torch.__version__, torch_threads=torch.get_num_threads(),
                      torch_mlp_epoch_s=round(torch_mlp, 4), torch_tiny_steps_per_s=round(torch_tiny),
                      mlp_time_ratio=round(mlp_s / torch_mlp, 3), tiny_speed_ratio=round(tiny / torch_tiny, 2))
        print(f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads): MLP {torch_mlp:.3f} s/epoch, "
              f"tiny {torch_tiny:,.0f} steps/s")
        print(f"MLP epoch time ratio nnstudio/PyTorch: {mlp_s / torch_mlp:.3f}  (goal ≤ 0.75)")
        print(f"Tiny-net speed ratio nnstudio/PyTorch: {tiny / torch_tiny:.2f}  (goal ≥ 8)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
