"""Engine layer kernels against PyTorch, measured in the same run on the same machine.

    python benchmarks/bench_layers.py [--epochs 5]

Part one, the layer kernels: forward and backward only (no optimiser), float32, batch 32, one pass
over the data per epoch:

1. CNN: 1×8×8 → conv 8@3×3 relu → maxpool 2 → flatten → dense 10 (a plain matmul) with softmax
   cross-entropy, on 1,797 random samples (the size of the bundled digits).
2. LSTM: 20 steps × 1 feature → lstm 32 → dense 1 (a plain matmul) with squared error, on
   2,000 random sequences.
3. LeNet-size CNN: 1×28×28 → conv 6@5×5 relu → maxpool 2 → conv 16@5×5 relu → maxpool 2 →
   flatten → dense 120 relu → 84 relu → 10 (plain matmuls) with softmax cross-entropy, on 10,000
   random samples.

nnstudio runs its engine layers (Conv2D, MaxPool2D, LSTM) directly; PyTorch runs the same
arrays through F.conv2d / F.max_pool2d / nn.LSTM with autograd, written the way a PyTorch user
would. Seconds per epoch are the best of --epochs, the two alternating epoch by epoch so a busy
moment of the machine hits both alike. The last line is JSON with every figure and the ratios.

Part two, full training through the real project path (float32, Adam lr 0.001, batch 32, file
order): a Project of input / conv2d / maxpool2d / flatten / lstm / dense nodes, compiled by
`compile_project`, its optimiser from `runner.build_optimizer` and its epochs from
`engine.training.train` (which also counts accuracy and keeps the last finite weights), against
the equivalent PyTorch loop (zero_grad, forward, loss, backward, Adam step; nn.LSTM for the lstm)
from the same starting arrays. Goals (issue 12): the digits-size CNN (1×8×8 → conv 8@3×3 relu →
maxpool 2 → dense 10 softmax, 1,797 samples) at most 1.0× PyTorch's epoch time; the LeNet-size
CNN above on 10,000 samples at most 1.5×; the LSTM (20 steps × 1 feature → lstm 32 → dense 1,
squared error, 2,000 samples) at most 1.5×.

Both sides use their default threads. On a machine busy with other work, OpenBLAS's threads
can wait on each other and slow NumPy's larger GEMMs several-fold; OPENBLAS_NUM_THREADS=1 then
gives steadier figures for nnstudio.
"""
from __future__ import annotations

import argparse
import json
import time

import numpy as np

from nnstudio.engine.layers import LSTM, Conv2D, MaxPool2D
from nnstudio.engine.training import Split, train
from nnstudio.project.compile import compile_project
from nnstudio.project.model import Edge, Node, Project
from nnstudio.training.runner import build_optimizer

BATCH = 32


def cnn_data(n: int = 1797, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 1, 8, 8), dtype=np.float32)
    y = rng.integers(0, 10, n)
    W = (rng.standard_normal((8, 1, 3, 3)) / 3).astype(np.float32)
    b = np.zeros(8, np.float32)
    Wd = (rng.standard_normal((8 * 3 * 3, 10)) / 8.5).astype(np.float32)
    bd = np.zeros(10, np.float32)
    return x, y, (W, b, Wd, bd)


def lenet_data(n: int = 10_000, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.random((n, 1, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, n)

    def he(*shape):
        fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
        return (rng.standard_normal(shape) * np.sqrt(2 / fan_in)).astype(np.float32)
    arrays = (he(6, 1, 5, 5), np.zeros(6, np.float32), he(16, 6, 5, 5), np.zeros(16, np.float32),
              he(256, 120), np.zeros(120, np.float32), he(120, 84), np.zeros(84, np.float32),
              he(84, 10), np.zeros(10, np.float32))
    return x, y, arrays


def lstm_data(n: int = 2000, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((n, 20, 1)).astype(np.float32)
    y = rng.standard_normal((n, 1)).astype(np.float32)
    u = 32
    Wx = (rng.uniform(-1, 1, (1, 4 * u)) / np.sqrt(u)).astype(np.float32)
    Wh = (rng.uniform(-1, 1, (u, 4 * u)) / np.sqrt(u)).astype(np.float32)
    b = np.zeros(4 * u, np.float32)
    Wd = (rng.standard_normal((u, 1)) / np.sqrt(u)).astype(np.float32)
    bd = np.zeros(1, np.float32)
    return x, y, (Wx, Wh, b, Wd, bd)


# --- nnstudio --------------------------------------------------------------------------------------
def cnn_epoch_nnstudio(x, y, init) -> float:
    W, b, Wd, bd = (a.copy() for a in init)
    conv, pool = Conv2D(W, b, activation="relu"), MaxPool2D(2)
    conv.need_input_grad = False
    onehot = np.eye(10, dtype=np.float32)
    start = time.perf_counter()
    for i in range(0, len(x), BATCH):
        xb, yb = x[i:i + BATCH], y[i:i + BATCH]
        h = pool.forward(conv.forward(xb, True), True)
        flat = h.reshape(len(xb), -1)
        z = flat @ Wd + bd
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        dz = (p - onehot[yb]) / len(xb)
        dWd, dbd = flat.T @ dz, dz.sum(axis=0)
        conv.backward(pool.backward((dz @ Wd.T).reshape(h.shape)))
    assert dWd.dtype == dbd.dtype == np.float32
    return time.perf_counter() - start


def lenet_epoch_nnstudio(x, y, init) -> float:
    W1, b1, W2, b2, *head = (a.copy() for a in init)
    c1, c2 = Conv2D(W1, b1, activation="relu"), Conv2D(W2, b2, activation="relu")
    p1, p2 = MaxPool2D(2), MaxPool2D(2)
    c1.need_input_grad = False
    onehot = np.eye(10, dtype=np.float32)
    start = time.perf_counter()
    for i in range(0, len(x), BATCH):
        xb, yb = x[i:i + BATCH], y[i:i + BATCH]
        h = p2.forward(c2.forward(p1.forward(c1.forward(xb, True), True), True), True)
        acts = [h.reshape(len(xb), -1)]
        for k in range(0, 6, 2):
            z = acts[-1] @ head[k] + head[k + 1]
            acts.append(np.maximum(z, 0) if k < 4 else z)
        p = np.exp(acts[-1] - acts[-1].max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        d = (p - onehot[yb]) / len(xb)
        for k in (4, 2, 0):
            dW, db = acts[k // 2].T @ d, d.sum(axis=0)
            d = d @ head[k].T
            if k:
                d *= acts[k // 2] > 0
        c1.backward(p1.backward(c2.backward(p2.backward(d.reshape(h.shape)))))
    assert dW.dtype == db.dtype == np.float32
    return time.perf_counter() - start


def lstm_epoch_nnstudio(x, y, init) -> float:
    Wx, Wh, b, Wd, bd = (a.copy() for a in init)
    lstm = LSTM(Wx, Wh, b)
    lstm.need_input_grad = False
    start = time.perf_counter()
    for i in range(0, len(x), BATCH):
        xb, yb = x[i:i + BATCH], y[i:i + BATCH]
        h = lstm.forward(xb, True)
        out = h @ Wd + bd
        dout = (out - yb) * (2 / out.size)
        dWd, dbd = h.T @ dout, dout.sum(axis=0)
        lstm.backward(dout @ Wd.T)
    assert dWd.dtype == dbd.dtype == np.float32
    return time.perf_counter() - start


# --- PyTorch ---------------------------------------------------------------------------------------
def cnn_epoch_torch(torch, x, y, init) -> float:
    F = torch.nn.functional
    W, b, Wd, bd = (torch.tensor(a, requires_grad=True) for a in init)
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for i in range(0, len(X), BATCH):
        for p in (W, b, Wd, bd):
            p.grad = None
        h = F.max_pool2d(torch.relu(F.conv2d(X[i:i + BATCH], W, b)), 2)
        loss = F.cross_entropy(h.flatten(1) @ Wd + bd, Y[i:i + BATCH])
        loss.backward()
    return time.perf_counter() - start


def lenet_epoch_torch(torch, x, y, init) -> float:
    F = torch.nn.functional
    W1, b1, W2, b2, *head = (torch.tensor(a, requires_grad=True) for a in init)
    params = [W1, b1, W2, b2] + head
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for i in range(0, len(X), BATCH):
        for p in params:
            p.grad = None
        h = F.max_pool2d(torch.relu(F.conv2d(X[i:i + BATCH], W1, b1)), 2)
        h = F.max_pool2d(torch.relu(F.conv2d(h, W2, b2)), 2).flatten(1)
        h = torch.relu(h @ head[0] + head[1])
        h = torch.relu(h @ head[2] + head[3])
        F.cross_entropy(h @ head[4] + head[5], Y[i:i + BATCH]).backward()
    return time.perf_counter() - start


def lstm_epoch_torch(torch, x, y, init) -> float:
    Wx, Wh, b, Wd, bd = init
    lstm = torch.nn.LSTM(1, 32, batch_first=True)
    with torch.no_grad():
        lstm.weight_ih_l0.copy_(torch.from_numpy(Wx.T))
        lstm.weight_hh_l0.copy_(torch.from_numpy(Wh.T))
        lstm.bias_ih_l0.copy_(torch.from_numpy(b))
        lstm.bias_hh_l0.zero_()
    Wd, bd = torch.tensor(Wd, requires_grad=True), torch.tensor(bd, requires_grad=True)
    params = list(lstm.parameters()) + [Wd, bd]
    X, Y = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for i in range(0, len(X), BATCH):
        for p in params:
            p.grad = None
        h = lstm(X[i:i + BATCH])[0][:, -1]
        loss = torch.nn.functional.mse_loss(h @ Wd + bd, Y[i:i + BATCH])
        loss.backward()
    return time.perf_counter() - start


# --- full training through projects --------------------------------------------------------------
POOL = ("maxpool2d", {"pool_size": 2})


def conv(filters: int, kernel: int) -> tuple[str, dict]:
    return "conv2d", {"filters": filters, "kernel_size": kernel, "activation": "relu", "init": "he_uniform"}


def dense(units: int, activation: str) -> tuple[str, dict]:
    return "dense", {"units": units, "activation": activation, "init": "he_uniform"}


CLASSES = "sparse_categorical_crossentropy"
TRAINING_CASES = {   # name: (input shape, samples, the nodes after the input as (kind, config), loss)
    "cnn": ([1, 8, 8], 1797, [conv(8, 3), POOL, ("flatten", {}), dense(10, "softmax")], CLASSES),
    "lenet": ([1, 28, 28], 10_000, [conv(6, 5), POOL, conv(16, 5), POOL, ("flatten", {}), dense(120, "relu"),
                                    dense(84, "relu"), dense(10, "softmax")], CLASSES),
    "lstm": ([20, 1], 2000, [("lstm", {"units": 32}), dense(1, "linear")], "mse"),
}


def training_case(name: str, seed: int = 0) -> tuple[Project, np.ndarray, np.ndarray]:
    shape, n, layers, loss = TRAINING_CASES[name]
    p = Project(nodes=[Node("x", "input", config={"shape": shape})])
    for k, (kind, config) in enumerate(layers):
        p.nodes.append(Node(f"n{k}", kind, config=config))
        p.edges.append(Edge(f"e{k}", p.nodes[-2].id, p.nodes[-1].id))
    p.inputs, p.outputs = ["x"], [p.nodes[-1].id]
    p.training.loss = loss
    p.training.optimizer = {"kind": "adam", "lr": 0.001}
    p.training.batch_size, p.training.shuffle, p.training.dtype = BATCH, False, "float32"
    rng = np.random.default_rng(seed)
    x = rng.random((n, *shape), dtype=np.float32)
    y = rng.integers(0, 10, (n, 1)).astype(np.float32) if loss == CLASSES else rng.random((n, 1), dtype=np.float32)
    return p, x, y


def training_epochs_nnstudio(project: Project, x, y, epochs: int):
    """The project path's epochs, one per next(): each yields its seconds."""
    model = compile_project(project)
    reports = train(model.network, model.objective, build_optimizer(project, model), Split([x], y), epochs=epochs,
                    batch_size=BATCH, shuffle=False)
    for _ in range(epochs):
        start = time.perf_counter()
        report = next(reports)
        assert report.kind == "epoch" and np.isfinite(report.loss)
        yield time.perf_counter() - start


def training_epochs_torch(torch, project: Project, x, y, epochs: int):
    """The same network in PyTorch from the same starting arrays: one epoch per next()."""
    F = torch.nn.functional
    model = compile_project(project)
    start_arrays = model.node_params()
    params = {f"{n}/{k}": torch.tensor(v, dtype=torch.float32, requires_grad=True)
              for n, arrays in start_arrays.items() for k, v in arrays.items()}
    recurrent = {}
    for node in project.nodes:
        if node.kind == "lstm":        # nn.LSTM, its two biases summing to ours (b_hh = 0)
            arrays = start_arrays[node.id]
            lstm = recurrent[node.id] = torch.nn.LSTM(arrays["Wx"].shape[0], node.config["units"], batch_first=True)
            with torch.no_grad():
                lstm.weight_ih_l0.copy_(torch.from_numpy(arrays["Wx"].T))
                lstm.weight_hh_l0.copy_(torch.from_numpy(arrays["Wh"].T))
                lstm.bias_ih_l0.copy_(torch.from_numpy(arrays["b"]))
                lstm.bias_hh_l0.zero_()
            for key in ("Wx", "Wh", "b"):
                del params[f"{node.id}/{key}"]
    opt = torch.optim.Adam([*params.values(), *(q for m in recurrent.values() for q in m.parameters())], lr=0.001)
    nodes = project.nodes[1:]
    classes = project.training.loss == CLASSES
    X = torch.from_numpy(x)
    Y = torch.from_numpy(y.reshape(-1).astype(np.int64)) if classes else torch.from_numpy(y)
    loss = F.cross_entropy if classes else F.mse_loss

    def forward(h):
        for node in nodes:
            if node.kind == "conv2d":
                h = torch.relu(F.conv2d(h, params[f"{node.id}/W"], params[f"{node.id}/b"]))
            elif node.kind == "maxpool2d":
                h = F.max_pool2d(h, 2)
            elif node.kind == "flatten":
                h = h.flatten(1)
            elif node.kind == "lstm":
                h = recurrent[node.id](h)[0][:, -1]
            else:
                h = h @ params[f"{node.id}/W"] + params[f"{node.id}/b"]
                h = torch.relu(h) if node.config["activation"] == "relu" else h   # softmax: in the loss
        return h
    for _ in range(epochs):
        start = time.perf_counter()
        for i in range(0, len(X), BATCH):
            opt.zero_grad(set_to_none=True)
            loss(forward(X[i:i + BATCH]), Y[i:i + BATCH]).backward()
            opt.step()
        yield time.perf_counter() - start


def training_benchmark(torch, epochs: int) -> dict:
    """Best epoch seconds of each side, epochs alternating, and the ratios."""
    result: dict = {}
    for name in TRAINING_CASES:
        project, x, y = training_case(name)
        ours = training_epochs_nnstudio(project, x, y, epochs)
        theirs = training_epochs_torch(torch, project, x, y, epochs) if torch is not None else None
        best, best_torch = float("inf"), float("inf")
        for _ in range(epochs):
            best = min(best, next(ours))
            if theirs is not None:
                best_torch = min(best_torch, next(theirs))
        result[f"train_{name}_epoch_s"] = round(best, 5)
        if theirs is not None:
            result[f"torch_train_{name}_epoch_s"] = round(best_torch, 5)
            result[f"train_{name}_time_ratio"] = round(best / best_torch, 3)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=5, help="epochs of each (the best one is reported)")
    args = ap.parse_args()
    try:
        import torch
    except ImportError:
        torch = None
    cases = {"cnn": (cnn_data(), cnn_epoch_nnstudio, cnn_epoch_torch),
             "lstm": (lstm_data(), lstm_epoch_nnstudio, lstm_epoch_torch),
             "lenet": (lenet_data(), lenet_epoch_nnstudio, lenet_epoch_torch)}
    result: dict = {}
    for name, ((x, y, init), ours, theirs) in cases.items():
        best, best_torch = float("inf"), float("inf")
        for _ in range(args.epochs):
            best = min(best, ours(x, y, init))
            if torch is not None:
                best_torch = min(best_torch, theirs(torch, x, y, init))
        result[f"{name}_epoch_s"] = round(best, 5)
        if torch is not None:
            result[f"torch_{name}_epoch_s"] = round(best_torch, 5)
            result[f"{name}_time_ratio"] = round(best / best_torch, 3)
    print(f"CNN 1x8x8 -> conv 8@3x3 relu -> maxpool 2 -> dense 10, 1,797 samples:  "
          f"nnstudio {result['cnn_epoch_s'] * 1e3:.1f} ms/epoch (forward + backward, float32, batch 32)")
    print(f"LSTM 20x1 -> 32 -> dense 1, 2,000 samples:                             "
          f"nnstudio {result['lstm_epoch_s'] * 1e3:.1f} ms/epoch")
    print(f"LeNet-size CNN 1x28x28, 10,000 samples:                                "
          f"nnstudio {result['lenet_epoch_s'] * 1e3:.1f} ms/epoch")
    if torch is None:
        print("PyTorch is not installed: no ratios (pip install torch==2.13.0)")
    else:
        result.update(torch_version=torch.__version__, torch_threads=torch.get_num_threads())
        print(f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads): CNN "
              f"{result['torch_cnn_epoch_s'] * 1e3:.1f} ms/epoch, LSTM {result['torch_lstm_epoch_s'] * 1e3:.1f} ms/epoch, "
              f"LeNet {result['torch_lenet_epoch_s'] * 1e3:.1f} ms/epoch")
        print(f"CNN epoch time ratio nnstudio/PyTorch:  {result['cnn_time_ratio']:.3f}")
        print(f"LSTM epoch time ratio nnstudio/PyTorch: {result['lstm_time_ratio']:.3f}")
        print(f"LeNet epoch time ratio nnstudio/PyTorch: {result['lenet_time_ratio']:.3f}")
    training = training_benchmark(torch, args.epochs)
    result.update(training)
    print("Full training through the project path (float32, Adam, batch 32):")
    for name, label, goal in (("cnn", "CNN 1x8x8 -> conv 8@3x3 -> pool -> dense 10, 1,797 samples", 1.0),
                              ("lenet", "LeNet-size CNN 1x28x28 -> ... -> 120 -> 84 -> 10, 10,000 samples", 1.5),
                              ("lstm", "LSTM 20x1 -> lstm 32 -> dense 1, mse, 2,000 samples", 1.5)):
        line = f"  {label}: nnstudio {training[f'train_{name}_epoch_s'] * 1e3:.1f} ms/epoch"
        if torch is not None:
            line += (f", PyTorch {training[f'torch_train_{name}_epoch_s'] * 1e3:.1f} ms/epoch, "
                     f"ratio {training[f'train_{name}_time_ratio']:.3f} (goal <= {goal})")
        print(line)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
