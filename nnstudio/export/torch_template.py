"""The text of an exported PyTorch script around the model (torch_script.py writes the model):
the header, build_model(), the loss, optimiser and schedule of the project, and the training entry
point that runs alone or under torchrun with DistributedDataParallel."""
from __future__ import annotations

import textwrap
from typing import Any

from nnstudio.engine.optimizers import OPTIMIZERS
from nnstudio.engine.schedules import SCHEDULES
from nnstudio.project.model import Project

# The project's loss as a torch function of the output y and the targets t; every one averages
# over samples, and over the steps of a sequence output, as engine/losses.py does.
LOSS_CODE = {
    "half_sse": "0.5 * ((y - t) ** 2).sum() / y[..., 0].numel()",
    "mse": "F.mse_loss(y, t)",
    "binary_crossentropy": "F.binary_cross_entropy(y, t)",
    "categorical_crossentropy": "-(t * torch.log(y.clamp(1e-12, 1.0))).sum() / y[..., 0].numel()",
    "sparse_categorical_crossentropy": "F.nll_loss(torch.log(y.clamp_min(1e-12)).reshape(-1, y.shape[-1]), "
                                       "t.reshape(-1).long())",
}

# The project's optimiser: nnstudio's follow torch.optim's rules and defaults.
OPTIMIZER_CODE = {
    "sgd": "torch.optim.SGD(params, lr=lr, momentum={momentum!r}, dampening={dampening!r}, nesterov={nesterov!r}, "
           "weight_decay={weight_decay!r})",
    "perceptron": "torch.optim.SGD(params, lr=lr)  # the perceptron rule: see loss_fn and step/sign",
    "rmsprop": "torch.optim.RMSprop(params, lr=lr, alpha={alpha!r}, eps={eps!r}, momentum={momentum!r}, "
               "centered={centered!r}, weight_decay={weight_decay!r})",
    "adam": "torch.optim.Adam(params, lr=lr, betas=({beta1!r}, {beta2!r}), eps={eps!r}, "
            "weight_decay={weight_decay!r}, amsgrad={amsgrad!r})",
    "adamw": "torch.optim.AdamW(params, lr=lr, betas=({beta1!r}, {beta2!r}), eps={eps!r}, "
             "weight_decay={weight_decay!r}, amsgrad={amsgrad!r})",
}

# The learning-rate schedule, stepped once per epoch as nnstudio's (engine/schedules.py).
SCHEDULE_CODE = {
    "constant": "None",
    "step": "torch.optim.lr_scheduler.StepLR(optimizer, step_size={step_size!r}, gamma={gamma!r})",
    "exponential": "torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma={gamma!r})",
    "cosine": "torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max={t_max} or epochs, eta_min={eta_min!r})",
}

_MAIN = '''
def loss_fn(y, t):
    """{loss_doc}"""
    return {loss_code}


def penalty(model):
    """nnstudio's l1/l2 regularisation: l2·Σw² + l1·Σ|w| over the weights it applies to."""
    if not (L1 or L2):
        return 0.0
    named = dict(model.named_parameters())
    return sum(L2 * (named[k] ** 2).sum() + L1 * named[k].abs().sum() for k in REGULARIZED)


def make_optimizer(params, lr, epochs):
    optimizer = {optimizer_code}
    scheduler = {schedule_code}
    return optimizer, scheduler


def main(argv=None):
    parser = argparse.ArgumentParser(description="Train the network exported from nnstudio. Runs alone, or "
                                     "under torchrun with one process per GPU (or per CPU process).")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help="epochs to train (default %(default)s)")
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE,
                        help="samples per step over all processes; 0 for all of them (default %(default)s)")
    parser.add_argument("--lr", type=float, default=LR, help="learning rate (default %(default)s)")
    parser.add_argument("--weights", default=WEIGHTS, help="weights to start from (default: nnstudio's; "
                        "a checkpoint this script wrote continues it)")
    parser.add_argument("--checkpoint", default=CHECKPOINT, help="where rank 0 writes the trained weights "
                        "(.npz, default %(default)s)")
    args = parser.parse_args(argv)

    distributed = "LOCAL_RANK" in os.environ          # set by torchrun
    if distributed:
        local_rank = int(os.environ["LOCAL_RANK"])
        if torch.cuda.is_available():                  # one process per GPU
            torch.cuda.set_device(local_rank)
            device = torch.device("cuda", local_rank)
            dist.init_process_group("nccl")
        else:
            device = torch.device("cpu")
            dist.init_process_group("gloo")
        rank, world = dist.get_rank(), dist.get_world_size()
    else:
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        rank, world = 0, 1
    torch.manual_seed(SEED)

    model = build_model(args.weights).to(device)
    net = model
    if distributed:
        net = DDP(model, device_ids=[device.index] if device.type == "cuda" else None{unused})
    with np.load(DATA, allow_pickle=False) as data:
        arrays = {{k: torch.from_numpy(data[k]) for k in data.files}}

    def targets(t):          # class indices stay integers
        return t if t.dtype == torch.int64 else t.to(DTYPE)
    train_set = TensorDataset(arrays["x_train"].to(DTYPE), targets(arrays["t_train"]))
    val = (arrays["x_val"].to(DTYPE).to(device), targets(arrays["t_val"]).to(device)) if "x_val" in arrays else None
    sampler = DistributedSampler(train_set, num_replicas=world, rank=rank, shuffle=SHUFFLE, seed=SEED) \\
        if distributed else None
    batch = args.batch_size if args.batch_size > 0 else len(train_set)
    loader = DataLoader(train_set, batch_size=max(1, math.ceil(batch / world)), sampler=sampler,
                        shuffle=SHUFFLE and sampler is None)
    optimizer, scheduler = make_optimizer([p for p in model.parameters() if p.requires_grad], args.lr,
                                          args.epochs)

    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        total = torch.zeros(2, dtype=torch.float64, device=device)      # loss · samples, samples
        for x, t in loader:
            x, t = x.to(device), t.to(device)
            optimizer.zero_grad()
            loss = loss_fn(net(x), t) + penalty(model)
            loss.backward(){clip}
            optimizer.step()
            total += torch.stack([loss.detach().double() * len(x), torch.tensor(len(x), dtype=torch.float64,
                                                                                 device=device)])
        if scheduler is not None:
            scheduler.step()
        if distributed:
            dist.all_reduce(total)
        line = f"epoch {{epoch + 1}}/{{args.epochs}}  loss {{(total[0] / total[1]).item():.6g}}"
        if val is not None:
            model.eval()
            with torch.no_grad():
                line += f"  val_loss {{loss_fn(model(val[0]), val[1]).item():.6g}}"
        if rank == 0:
            print(line, flush=True)

    if rank == 0:            # only rank 0 writes; the weights are the same on every rank
        state = {{k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}}
        np.savez(args.checkpoint, **state)
        print(f"wrote {{args.checkpoint}}", flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
'''


def _py(values: list[str]) -> str:
    return "[" + ", ".join(repr(v) for v in values) + "]"


def _clip_code(clip_norm: float | None) -> str:
    """training.clip_norm's line after loss.backward(), or nothing when it is not set."""
    if clip_norm is None:
        return ""
    return ("\n            # training.clip_norm: the gradients' global norm is clipped before every step"
            "\n            torch.nn.utils.clip_grad_norm_(optimizer.param_groups[0][\"params\"], "
            f"max_norm={float(clip_norm)!r})")


def render_script(*, project: Project, init_lines: list[str], forward_lines: list[str], preprocess: list[str],
                  helpers: list[str], frozen: list[str], regularized: list[str], weights_name: str,
                  data_name: str, n_columns: int, n_normalized: int, has_val: bool, dead_ends: bool = False) -> str:
    """The whole script's text."""
    t = project.training
    name = project.meta.get("name", "") or "Untitled"
    opt = dict(t.optimizer)
    kind = opt.pop("kind", "sgd")
    settings: dict[str, Any] = {**OPTIMIZERS[kind], **opt}
    schedule = dict(t.schedule)
    skind = schedule.pop("kind", "constant")
    ssettings = {**SCHEDULES[skind], **schedule}
    stem = weights_name[:-len("_weights.npz")]
    ind2, ind3 = " " * 8, " " * 8
    init = "\n".join(ind2 + line for line in init_lines) or ind2 + "pass"
    buffers = ""
    if n_normalized:
        buffers = (f"{ind2}# The normaliser nnstudio fitted on the training rows: x → (x − offset) / scale\n"
                   f"{ind2}self.register_buffer(\"offset\", torch.zeros({n_normalized}))\n"
                   f"{ind2}self.register_buffer(\"scale\", torch.ones({n_normalized}))\n")
    steps = [w for w, on in (("the derived features", project.data.features), ("the normaliser", n_normalized)) if on]
    takes = (" and\napplies nnstudio's preprocessing itself: " + " and ".join(steps) + ".") if steps else \
        ", as\nnnstudio's data has them."
    perceptron = kind == "perceptron"
    straight = ""
    if any(h.startswith(("def step", "def sign")) for h in helpers):
        straight = f"\nSTRAIGHT_THROUGH = {perceptron!r}   # the perceptron rule: errors pass straight through step and sign"
    head = f'''"""{name}: a network exported from nnstudio as a standalone PyTorch script.

Beside it: {weights_name} (the weights nnstudio trained, under this module's state_dict names)
and {data_name} (the project's data: raw input rows and targets, split as nnstudio splits them).

    python {stem}.py --epochs 10                         # train here
    torchrun --nproc_per_node=4 {stem}.py --epochs 10    # DistributedDataParallel, one process per GPU

build_model() gives the network with nnstudio's weights. It takes raw input rows [N, {n_columns}]{takes}
"""
import argparse
import math
import os

import numpy as np
import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

HERE = os.path.dirname(os.path.abspath(__file__))
WEIGHTS = os.path.join(HERE, {weights_name!r})
DATA = os.path.join(HERE, {data_name!r})
CHECKPOINT = os.path.join(HERE, {stem + "_checkpoint.npz"!r})
DTYPE = torch.{t.dtype}

# The project's training settings
LOSS = {t.loss!r}
EPOCHS = {t.epochs!r}
BATCH_SIZE = {t.batch_size!r}   # 0: every training sample in one batch
LR = {float(settings["lr"])!r}
SHUFFLE = {t.shuffle!r}
SEED = {t.seed!r}
L1, L2 = {float(t.regularization.get("l1", 0.0))!r}, {float(t.regularization.get("l2", 0.0))!r}
FROZEN = {_py(frozen)}   # parameters training leaves alone{straight}
REGULARIZED = {_py(regularized)}   # the weights l1/l2 apply to
'''
    helper_text = "".join("\n\n" + h + "\n" for h in helpers)
    model = f'''

class Model(nn.Module):
    """The nnstudio graph, node by node, in the order nnstudio runs it."""

    def __init__(self):
        super().__init__()
{buffers}{init}

    def preprocess(self, x):
        """Raw input rows → the network's input columns, as nnstudio prepares them."""
{textwrap.indent(chr(10).join(preprocess), ind3)}

    def forward(self, x):
        x = self.preprocess(x)
{textwrap.indent(chr(10).join(forward_lines), ind3)}


def build_model(weights=WEIGHTS):
    """The network with the weights in `weights` (an .npz of plain arrays, never a pickle)."""
    model = Model().to(DTYPE)
    with np.load(weights, allow_pickle=False) as f:
        model.load_state_dict({{k: torch.from_numpy(f[k]) for k in f.files}})
    for name, p in model.named_parameters():
        p.requires_grad_(name not in FROZEN)
    return model

'''
    loss_doc = (f"{t.loss}, as nnstudio computes it." if not perceptron else
                "The perceptron rule w += lr·(t − y)·x: SGD on ½·Σ(t − y)² per sample, whatever the project's "
                f"loss ({t.loss}),\n    with errors passed straight through step and sign, as nnstudio trains it.")
    main = _MAIN.format(loss_doc=loss_doc, loss_code=LOSS_CODE["half_sse" if perceptron else t.loss],
                        unused=", find_unused_parameters=True" if dead_ends else "",
                        optimizer_code=OPTIMIZER_CODE[kind].format(**settings),
                        schedule_code=SCHEDULE_CODE[skind].format(**ssettings), clip=_clip_code(t.clip_norm))
    text = head + helper_text + model + main
    if "F." not in text.split("import torch.nn.functional as F\n", 1)[1]:
        text = text.replace("import torch.nn.functional as F\n", "", 1)      # not used by this network
    return text
