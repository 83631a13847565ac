"""Where each setting of a project file lives in the window (ui.wording's table): the inspector tab
and field a key path names, in the interface's language, and what to click to fix a problem there.

Keep the labels as the inspector labels its fields (its tabs' texts, editors.label_for). The texts
are QT_TRANSLATE_NOOP("Wording", …) entries translated where they are shown (Place.label, .todo).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP

from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.editors import label_for

CONTEXT = "Wording"
DATA = QT_TRANSLATE_NOOP("Wording", "Data tab")
TRAINING = QT_TRANSLATE_NOOP("Wording", "Training tab")
PROJECT = QT_TRANSLATE_NOOP("Wording", "Project tab")
REIMPORT = QT_TRANSLATE_NOOP("Wording", "choose the file again with Import file… in the inspector's Data tab")
RESET_NORMALIZER = QT_TRANSLATE_NOOP("Wording", "Reset weights in the Train menu fits the scaling afresh")
RESET_PARAMS = QT_TRANSLATE_NOOP("Wording", "Reset weights in the Train menu starts them afresh")
OPTIMIZER = QT_TRANSLATE_NOOP("Wording", "Optimizer")
SCHEDULE = QT_TRANSLATE_NOOP("Wording", "Learning-rate schedule")
KIND = QT_TRANSLATE_NOOP("Wording", "Kind")
HISTORY = QT_TRANSLATE_NOOP("Wording", "The training history")
NORMALIZE = QT_TRANSLATE_NOOP("Wording", "Normalize inputs")


@dataclass(frozen=True)
class Place:
    """Where a setting lives in the window: `parts` name it as the window does (tab › field, in
    English: `label` translates them), `what_to_do` (if any) says what to click to fix a problem
    there (`todo`), `what_to_do_node` the same for a problem of one node (`todo_node`)."""
    parts: tuple[str, ...]
    what_to_do: str = ""
    what_to_do_node: str = ""

    @property
    def label(self) -> str:
        return " › ".join(translate(CONTEXT, part) for part in self.parts)

    @property
    def todo(self) -> str:
        return translate(CONTEXT, self.what_to_do) if self.what_to_do else ""

    @property
    def todo_node(self) -> str:
        return translate(CONTEXT, self.what_to_do_node) if self.what_to_do_node else ""


def _row(row: str) -> Place:
    return Place((DATA, translate("Wording", "table, row {row}").format(row=int(row) + 1)))


def _file_setting(name: str) -> Place:
    return Place((DATA, translate("Wording", "the data file's {setting}").format(setting=label_for(name).lower())),
                 REIMPORT)


# Key path (indices written "[]", a field under a section "*") → where the window shows it.
# A callable gets the field name (for "*") or the 0-based row (for "[]").
PLACES: dict[str, Place | Callable[[str], Place]] = {
    "outputs": Place((QT_TRANSLATE_NOOP("Wording", "Network output"),),
                     QT_TRANSLATE_NOOP("Wording", "select the node that gives the result and tick Network output "
                                       "in the inspector"),
                     QT_TRANSLATE_NOOP("Wording", "tick Network output in the inspector")),
    "inputs": Place((QT_TRANSLATE_NOOP("Wording", "Input nodes"),),
                    QT_TRANSLATE_NOOP("Wording", "drag an Input node from the palette onto the canvas")),
    "data": Place((DATA,)),
    "data.source": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Source"))),
    "data.source.kind": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Source"))),
    "data.source.name": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Dataset"))),
    "data.source.params": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Dataset"))),
    "data.source.params.*": lambda name: Place((DATA, label_for(name))),
    "data.source.inputs": Place((DATA,)),          # the inline table (or an .npz file's array name)
    "data.source.targets": Place((DATA, QT_TRANSLATE_NOOP("Wording", "the table's targets"))),
    "data.source.inputs[]": _row,
    "data.source.targets[]": _row,
    "data.source.path": Place((DATA, QT_TRANSLATE_NOOP("Wording", "the data file")), REIMPORT),
    "data.source.*": _file_setting,
    "data.validation_split": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Validation split"))),
    "data.split_seed": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Shuffle split"))),
    "data.normalize": Place((DATA, NORMALIZE)),
    "data.normalizer": Place((DATA, NORMALIZE), RESET_NORMALIZER),
    "data.features": Place((DATA, QT_TRANSLATE_NOOP("Wording", "Derived features"))),
    "data.features[]": lambda _row: Place((DATA, QT_TRANSLATE_NOOP("Wording", "Derived features"))),
    "training": Place((TRAINING,)),
    "training.loss": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Loss"), QT_TRANSLATE_NOOP("Wording", "Function")),
                           what_to_do_node=QT_TRANSLATE_NOOP("Wording", "the loss is chosen under Loss › Function in "
                                                             "the Training tab")),
    "training.optimizer": Place((TRAINING, OPTIMIZER)),
    "training.optimizer.kind": Place((TRAINING, OPTIMIZER, KIND),
                                     what_to_do_node=QT_TRANSLATE_NOOP("Wording", "the optimiser is chosen under "
                                                                       "Optimizer › Kind in the Training tab")),
    "training.optimizer.*": lambda name: Place((TRAINING, OPTIMIZER, label_for(name))),
    "training.schedule": Place((TRAINING, SCHEDULE)),
    "training.schedule.kind": Place((TRAINING, SCHEDULE, KIND)),
    "training.schedule.*": lambda name: Place((TRAINING, SCHEDULE, label_for(name))),
    "training.epochs": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Epochs"))),
    "training.batch_size": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Batch size"))),
    "training.shuffle": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Shuffle samples every epoch"))),
    "training.seed": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Seed"))),
    "training.regularization": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "L1 and L2 penalty"))),
    "training.regularization.l1": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "L1 penalty"))),
    "training.regularization.l2": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "L2 penalty"))),
    "training.dtype": Place((TRAINING, QT_TRANSLATE_NOOP("Wording", "Precision")),
                            QT_TRANSLATE_NOOP("Wording", "choose float64 under Precision in the Training tab")),
    "meta": Place((PROJECT,)),
    "meta.name": Place((PROJECT, QT_TRANSLATE_NOOP("Wording", "Name"))),
    "meta.description": Place((PROJECT, QT_TRANSLATE_NOOP("Wording", "Description"))),
    "history": Place((HISTORY,)),        # only a file holds a broken one
    "history.*": lambda _name: Place((HISTORY,)),
    "format": Place((QT_TRANSLATE_NOOP("Wording", "The file's format line"),)),
    "version": Place((QT_TRANSLATE_NOOP("Wording", "The file's format version"),)),
    # Within a node (node problems): its settings and its stored arrays.
    "config.*": lambda name: Place((label_for(name),)),
    "params.*": lambda name: Place((QT_TRANSLATE_NOOP("Wording", "Parameters"), name), RESET_PARAMS),
}
