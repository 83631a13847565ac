"""The command line: `nnstudio [PROJECT]` opens the GUI; subcommands run headless.

    nnstudio validate PROJECT
    nnstudio train PROJECT [-e N] [-o OUT] [--seed S] [--quiet]
    nnstudio eval PROJECT [--json]
    nnstudio export PROJECT --format npz|json|onnx|torch -o OUT
    nnstudio import MODEL.onnx -o PROJECT.json
    nnstudio explain PROJECT [--sample K] [--format text|markdown]

`train` without `-o` keeps nothing: it says so in one `note:` line on stderr (not with --quiet,
which leaves stderr to errors). `explain --sample K` counts from 1, as the window's Sample bar
does; its prose and text tables are wrapped to the terminal's width (80 columns when not a
terminal), markdown table rows are kept whole.

Exit codes: 0 ok; 2 and one `error: …` line on stderr for a bad file, value or argument; 3 when
training stopped early on a non-finite loss (`-o` still gets the last finite weights); 130 when
interrupted; 1 only for a bug, whose traceback is left to show.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import signal
import sys
import threading
from typing import Any, Callable, Sequence

import numpy as np

from nnstudio.errors import ProjectError
from nnstudio.export.extras import MissingExtra

EXIT_OK, EXIT_BUG, EXIT_BAD_INPUT, EXIT_STOPPED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
COMMANDS = ("validate", "train", "eval", "export", "import", "explain")
EXPORT_FORMATS = ("npz", "json", "onnx", "torch")
# What `train` without -o says on stderr (unless --quiet): the weights went nowhere.
NOT_SAVED = "note: the trained weights were not saved anywhere; add -o trained.json to save them"


class UsageError(Exception):
    """A bad command line: reported as one `error:` line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    # argparse prints its usage and exits on a bad argument; we want one line and exit 2.
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog.split(' ', 1)[-1]}: {message}" if " " in self.prog else message)


def _non_negative(text: str) -> int:
    value = _integer(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def _sample_number(text: str) -> int:
    value = _integer(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"samples are numbered from 1, as in the window; {value} is not a sample")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def build_parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The top-level parser (GUI form) and one parser per subcommand."""
    top = _Parser(prog="nnstudio", description="Draw neural networks, train them and watch them learn. "
                  "Without a command, opens the GUI (optionally with PROJECT).",
                  epilog="commands: " + ", ".join(COMMANDS) + " (nnstudio COMMAND -h for help)")
    top.add_argument("project", nargs="?", metavar="PROJECT", help="project file to open in the GUI")
    top.add_argument("--version", action="version", version=f"nnstudio {_version()}")
    subs: dict[str, argparse.ArgumentParser] = {}

    def sub(name: str, description: str) -> argparse.ArgumentParser:
        p = _Parser(prog=f"nnstudio {name}", description=description)
        p.add_argument("project", metavar="PROJECT", help="project file (.json)")
        subs[name] = p
        return p

    sub("validate", "Check a project: exit 0 and a one-line summary, or exit 2 and the problems.")
    p = sub("train", "Train headless. Progress goes to stderr; the last line of stdout is JSON "
            '{"epochs", "loss", "val_loss", "accuracy"}, measured on the training split after the run.')
    p.add_argument("-e", "--epochs", type=_non_negative, metavar="N", help="epochs to train (default: the file's)")
    p.add_argument("-o", "--output", metavar="OUT", help="write the trained project (weights and history) here")
    p.add_argument("--seed", type=_integer, metavar="S", help="use this seed instead of training.seed")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar, and no note when -o is left out (errors still show)")
    p = sub("eval", "Loss and accuracy of the project's weights on all of its samples.")
    p.add_argument("--json", action="store_true", help='print {"loss", "accuracy", "outputs"} as JSON')
    p = sub("export", "Write the project's weights (initialised from the seed where the file has none), "
            "or the network as an ONNX model or a PyTorch script.")
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS,
                   help="npz (NumPy arrays), json (lists of numbers), onnx (a model for onnxruntime and "
                   "other ONNX tools) or torch (a PyTorch script, its weights and data written beside it)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="file to write")
    p = _Parser(prog="nnstudio import", description="Turn an ONNX model into a project: its layers drawn as "
                "nodes, with its weights, ready to inspect or train further.")
    p.add_argument("model", metavar="MODEL", help="ONNX model file (.onnx)")
    p.add_argument("-o", "--output", required=True, metavar="PROJECT", help="project file to write (.json)")
    subs["import"] = p
    p = sub("explain", "The forward and backward pass of one sample, number by number.")
    p.add_argument("--sample", type=_sample_number, default=1, metavar="K",
                   help="which sample, counting from 1 in dataset order, as the window does (default 1)")
    p.add_argument("--format", choices=("text", "markdown"), default="text",
                   help="output format (wrapped to the terminal; markdown keeps table rows whole)")
    return top, subs


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("nnstudio")
    except Exception:   # not installed (running from a source tree)
        return "unknown"


# --- helpers ---------------------------------------------------------------------------------

def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _finite_or_none(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.9g}"


def _json_rows(outputs: np.ndarray) -> list[list[float | None]]:
    # JSON has no NaN or infinity; an overflowing output is written as null.
    rows = np.asarray(outputs, dtype=np.float64).reshape(len(outputs), -1)
    return [[v if math.isfinite(v) else None for v in row] for row in rows.tolist()]


def load(path: str):
    """The project at `path` (ProjectError naming the file for anything wrong with it)."""
    from nnstudio.project.io import load_project
    return load_project(path)


def check_output_path(path: str) -> None:
    """Refuse an output path that cannot be written before any work is done."""
    full = os.path.abspath(path)
    if os.path.isdir(full):
        raise ProjectError("is a folder; give a file name", path)
    folder = os.path.dirname(full)
    if not os.path.isdir(folder):
        raise ProjectError(f"the folder {folder} does not exist", path)
    if not os.access(folder, os.W_OK):
        raise ProjectError(f"the folder {folder} is not writable", path)


# --- commands --------------------------------------------------------------------------------

def cmd_validate(args: argparse.Namespace) -> int:
    from nnstudio.training.runner import TrainingRun
    from nnstudio.project.validation import validate
    project = load(args.project)
    problems = validate(project)
    errors = [p for p in problems if p.severity == "error"]
    for p in problems:
        where = f"{p.where}: " if p.where else ""
        print(f"{p.severity}: {where}{_one_line(p.message)}", file=sys.stderr)
    if errors:
        return EXIT_BAD_INPUT
    # The graph is sound; loading the data checks the rest (files, columns, shapes).
    run = TrainingRun(project)
    counts = [(len(project.nodes), "node"), (len(project.edges), "edge"), (len(project.inputs), "input"),
              (len(project.outputs), "output"), (len(run.dataset), "sample")]
    if problems:
        counts.append((len(problems), "warning"))
    print("ok: " + ", ".join(_plural(n, word) for n, word in counts))
    return EXIT_OK


class _Interrupt:
    """Turns Ctrl-C into a polite stop between batches, so -o can still be written."""

    def __init__(self) -> None:
        self.requested = False
        self._installed = False
        self._old: Any = None

    def __enter__(self) -> "_Interrupt":
        # Signal handlers can only be set from the main thread (main() may run elsewhere in tests).
        if threading.current_thread() is threading.main_thread():
            self._old = signal.signal(signal.SIGINT, self._handle)
            self._installed = True
        return self

    def _handle(self, signum, frame) -> None:
        if self.requested:        # a second Ctrl-C: stop at once
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc) -> None:
        if self._installed:
            signal.signal(signal.SIGINT, self._old if self._old is not None else signal.SIG_DFL)

    def __call__(self) -> bool:
        return self.requested


def cmd_train(args: argparse.Namespace) -> int:
    from nnstudio.cli.progress import Progress
    from nnstudio.project.io import save_project
    from nnstudio.project.paths import rebase_data_path
    from nnstudio.training.runner import TrainingRun
    if args.output:
        check_output_path(args.output)
    project = load(args.project)
    if args.seed is not None:
        project.training.seed = args.seed   # recorded in -o's file: it made these weights
    run = TrainingRun(project)
    epochs = project.training.epochs if args.epochs is None else args.epochs
    n, bs = len(run.train_split), project.training.batch_size
    per_epoch = 1 if bs <= 0 or bs >= n else math.ceil(n / bs)
    progress = Progress(epochs, per_epoch, sys.stderr, start_epoch=run.start_epoch, enabled=not args.quiet)
    with _Interrupt() as interrupt:
        # Per-batch reports only when epochs are long enough for the bar to need them.
        for report in run.reports(epochs, should_stop=interrupt, batch_reports=per_epoch >= 50 and not args.quiet):
            progress.update(report)
    progress.close()
    final = run.final
    assert final is not None
    trained = run.evaluate("train")
    val = run.evaluate("val")
    if args.output:
        run.write_back(project)
        rebase_data_path(project, args.output)
        save_project(project, args.output)
    elif not args.quiet and run.history.epoch:
        print(NOT_SAVED, file=sys.stderr)
    print(json.dumps({"epochs": len(run.history.epoch), "loss": _finite_or_none(trained["loss"]),
                      "val_loss": _finite_or_none(val["loss"]),
                      "accuracy": _finite_or_none(trained["accuracy"])}))
    if final.status == "diverged":
        print(f"error: training stopped early: {_one_line(final.message)}", file=sys.stderr)
        return EXIT_STOPPED
    if final.status == "stopped":
        print(f"error: interrupted after {len(run.history.epoch)} epochs", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from nnstudio.training.runner import TrainingRun
    run = TrainingRun(load(args.project))
    result = run.evaluate("all")
    if args.json:
        print(json.dumps({"loss": _finite_or_none(result["loss"]), "accuracy": _finite_or_none(result["accuracy"]),
                          "outputs": _json_rows(result["outputs"])}))
        return EXIT_OK
    n_train, n_val = len(run.train_split), len(run.val_split) if run.val_split is not None else 0
    acc = result["accuracy"]
    print(f"samples   {n_train + n_val}" + (f" ({n_train} training, {n_val} validation)" if n_val else ""))
    print(f"loss      {_fmt(result['loss'])}  ({run.training.loss})")
    print(f"accuracy  {'–' if acc is None else f'{acc:.4g}'}")
    if n_val:
        for name in ("train", "val"):
            r = run.evaluate(name)
            a = "–" if r["accuracy"] is None else f"{r['accuracy']:.4g}"
            print(f"{'training' if name == 'train' else 'validation':<11} loss {_fmt(r['loss'])}  accuracy {a}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from nnstudio.export import export_json, export_npz, weight_arrays
    check_output_path(args.output)
    project = load(args.project)
    if args.format == "onnx":
        from nnstudio.export.onnx_export import export_onnx
        export_onnx(project, args.output)
        print(f"wrote the ONNX model to {args.output}")
        return EXIT_OK
    if args.format == "torch":
        from nnstudio.export.torch_script import export_torch
        written = export_torch(project, args.output)
        print("wrote " + ", ".join(str(p) for p in written))
        return EXIT_OK
    (export_npz if args.format == "npz" else export_json)(project, args.output)
    print(f"wrote {_plural(len(weight_arrays(project)), 'weight array')} to {args.output}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from nnstudio.export.onnx_import import import_onnx
    from nnstudio.project.io import save_project
    check_output_path(args.output)
    project = import_onnx(args.model)
    save_project(project, args.output)
    layers = [n for n in project.nodes if n.kind != "input"]
    print(f"wrote {args.output}: {_plural(len(project.inputs), 'input')}, {_plural(len(layers), 'node')} "
          f"({', '.join(dict.fromkeys(n.kind for n in layers))}), {_plural(len(project.outputs), 'output')}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from nnstudio.training.explain import explain
    from nnstudio.training.text import terminal_width
    from nnstudio.training.runner import TrainingRun
    project = load(args.project)
    run = TrainingRun(project)
    n = len(run.all_samples())
    if args.sample > n:
        numbered = "only 1 sample: use --sample 1" if n == 1 else f"{n} samples, numbered 1 to {n}"
        raise UsageError(f"--sample {args.sample}: the project has {numbered}")
    # The window numbers samples from 1; explain() takes the 0-based index, as the Backprop panel does.
    sys.stdout.write(explain(project, run, args.sample - 1, args.format, terminal_width(sys.stdout)))
    return EXIT_OK


def cmd_gui(path: str | None) -> int:
    if path is not None and not os.path.exists(path):
        raise ProjectError("no such file", path)
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        # Qt would abort inside its xcb plugin; say what is wrong instead.
        raise UsageError("no display to open the window on (DISPLAY is not set); the headless "
                         "commands work without one: nnstudio -h")
    try:
        from nnstudio.ui.app import run   # Qt loads only for the GUI
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6"):
            raise UsageError(f"the GUI needs {exc.name}: pip install nnstudio (or the headless "
                             "commands: nnstudio -h)") from None
        raise
    return int(run(path) or 0)


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": cmd_validate, "train": cmd_train, "eval": cmd_eval, "export": cmd_export, "import": cmd_import,
    "explain": cmd_explain,
}


def _dispatch(argv: list[str]) -> int:
    top, subs = build_parsers()
    if argv and argv[0] in subs:
        args = subs[argv[0]].parse_args(argv[1:])
        return HANDLERS[argv[0]](args)
    if len(argv) > 1 and not argv[0].startswith("-"):
        raise UsageError(f"unknown command {argv[0]!r}; the commands are {', '.join(COMMANDS)}")
    args = top.parse_args(argv)
    return cmd_gui(args.project)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except UsageError as exc:
        message = str(exc)
    except ProjectError as exc:   # DataError is one too; its message starts with where
        message = str(exc)
    except MissingExtra as exc:   # an export or import needs an optional package: the message names it
        message = str(exc)
    except OSError as exc:        # an output file that cannot be written, a file that cannot be read
        message = f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)
    except SystemExit as exc:     # --help and --version print and exit 0
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(f"error: {_one_line(message)}", file=sys.stderr)
    return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
