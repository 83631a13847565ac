"""The import dialog's pages for array files: a NumPy `.npz` archive and MNIST's IDX files.

Both pages read only the headers to show what the files hold (names, shapes, types); the data is
loaded once, on OK, through the same loaders training uses. An `.npz` array of Python objects is
refused from its header alone: loading it would mean unpickling, which nnstudio never does.
"""
from __future__ import annotations

import gzip
import os
import struct
import zipfile
from dataclasses import dataclass
from typing import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from nnstudio.data.dataset import DataError, Dataset
from nnstudio.ui.commands.data_import import NetworkFit
from nnstudio.ui.dialogs.import_plan import ImportPlan
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate

GZIP_MAGIC = b"\x1f\x8b"
IDX_TYPES = {0x08: QT_TRANSLATE_NOOP("IdxPage", "unsigned byte"), 0x09: QT_TRANSLATE_NOOP("IdxPage", "signed byte"),
             0x0B: QT_TRANSLATE_NOOP("IdxPage", "16-bit integer"), 0x0C: QT_TRANSLATE_NOOP("IdxPage", "32-bit integer"),
             0x0D: "float32", 0x0E: "float64"}     # the value types, translated where shown
# Array names that usually hold the inputs / the targets, in order of preference.
INPUT_NAMES = ("inputs", "x", "X", "x_train", "X_train", "data", "images", "features")
TARGET_NAMES = ("targets", "y", "Y", "y_train", "labels", "target", "label")


def shape_text(shape: tuple[int, ...]) -> str:
    return " × ".join(str(d) for d in shape) if shape else translate("ImportArrayPages", "a single value")


def fit_for(dataset: Dataset) -> NetworkFit:
    """Integer labels are class indices; 0/1 rows with one 1 each are one-hot; else raw values."""
    n_inputs = int(dataset.inputs.reshape(len(dataset), -1).shape[1])
    t = dataset.targets
    if dataset.is_index:
        return NetworkFit(n_inputs, max(int(t.max()) + 1, len(dataset.class_names or ())), "index")
    t = t.reshape(len(t), -1)
    onehot = t.shape[1] > 1 and bool(np.isin(t, (0.0, 1.0)).all()) and bool((t.sum(axis=1) == 1).all())
    return NetworkFit(n_inputs, int(t.shape[1]), "onehot" if onehot else "raw")


# --- npz -------------------------------------------------------------------------------------

@dataclass
class ArrayInfo:
    name: str
    shape: tuple[int, ...]
    dtype: str
    refused: str | None = None      # why the array cannot be used


def npz_arrays(path: str) -> list[ArrayInfo]:
    """The arrays of an .npz archive, from their headers only. DataError for anything else."""
    shown = os.path.basename(path)
    infos = []
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if not member.endswith(".npy"):
                    continue
                with archive.open(member) as f:
                    version = np.lib.format.read_magic(f)
                    if version == (1, 0):
                        shape, _, dtype = np.lib.format.read_array_header_1_0(f)
                    else:
                        shape, _, dtype = np.lib.format.read_array_header_2_0(f)
                name = member[:-4]
                refused = None
                if dtype.hasobject:
                    refused = translate("ImportArrayPages", 'The array "{name}" holds Python objects (dtype object). '
                                        "nnstudio reads .npz files without unpickling, so it cannot use this "
                                        "array.").format(name=name)
                elif not (np.issubdtype(dtype, np.number) or dtype == np.bool_) \
                        or np.issubdtype(dtype, np.complexfloating):
                    refused = translate("ImportArrayPages", 'The array "{name}" holds {dtype} values, '
                                        "not real numbers.").format(name=name, dtype=dtype)
                infos.append(ArrayInfo(name, tuple(int(d) for d in shape), str(dtype), refused))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DataError(translate("ImportArrayPages", "is not a readable .npz file ({error})").format(error=exc),
                        shown) from None
    if not infos:
        raise DataError(translate("ImportArrayPages", "holds no arrays"), shown)
    return infos


def _preferred(infos: list[ArrayInfo], names: tuple[str, ...], skip: str | None) -> str:
    usable = [i.name for i in infos if i.refused is None and i.name != skip]
    for name in names:
        if name in usable:
            return name
    return usable[0] if usable else infos[0].name


class NpzPage(QWidget):
    """The arrays of the archive, and which are the inputs and which the targets."""

    changed = Signal()
    default_normalize = "none"

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        try:
            self.arrays, self.load_error = npz_arrays(path), None
        except DataError as exc:
            self.arrays, self.load_error = [], error_text(exc)
        self.table = QTableWidget(len(self.arrays), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Array"), self.tr("Shape"), self.tr("Type")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.inputs_combo, self.targets_combo = QComboBox(), QComboBox()
        for k, info in enumerate(self.arrays):
            dtype = self.tr("{dtype} — refused").format(dtype=info.dtype) if info.refused else info.dtype
            for col, text in enumerate((info.name, shape_text(info.shape), dtype)):
                item = QTableWidgetItem(text)
                item.setToolTip(info.refused or "")
                self.table.setItem(k, col, item)
            self.inputs_combo.addItem(info.name)
            self.targets_combo.addItem(info.name)
        if self.arrays:
            inputs = _preferred(self.arrays, INPUT_NAMES, None)
            self.inputs_combo.setCurrentText(inputs)
            self.targets_combo.setCurrentText(_preferred(self.arrays, TARGET_NAMES, inputs))
        form = QFormLayout()
        form.addRow(self.tr("Inputs array:"), self.inputs_combo)
        form.addRow(self.tr("Targets array:"), self.targets_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("The arrays in {name}:").format(name=os.path.basename(path))))
        layout.addWidget(self.table)
        layout.addLayout(form)
        self.inputs_combo.currentIndexChanged.connect(self.changed)
        self.targets_combo.currentIndexChanged.connect(self.changed)

    def _info(self, name: str) -> ArrayInfo:
        return next(i for i in self.arrays if i.name == name)

    def problem(self) -> str | None:
        if self.load_error:
            return self.load_error
        inputs, targets = self._info(self.inputs_combo.currentText()), self._info(self.targets_combo.currentText())
        for info in (inputs, targets):
            if info.refused:
                return info.refused
            if not info.shape:
                return self.tr('The array "{name}" is a single value; it needs one row per sample.').format(
                    name=info.name)
        if inputs.name == targets.name:
            return self.tr("Choose different arrays for the inputs and the targets.")
        if inputs.shape[0] != targets.shape[0]:
            text = self.tr('The array "{inputs}" has {inputs_count} samples but "{targets}" has {targets_count}.')
            return text.format(inputs=inputs.name, inputs_count=inputs.shape[0], targets=targets.name,
                               targets_count=targets.shape[0])
        return None

    def plan(self, to_path: Callable[[str], str]) -> ImportPlan:
        """What OK loads, read off the widgets (in the GUI thread)."""
        source = {"kind": "npz", "path": os.path.basename(self.path),
                  "inputs": self.inputs_combo.currentText(), "targets": self.targets_combo.currentText()}
        stored = {**source, "path": to_path(os.path.abspath(self.path))}
        return ImportPlan(source, os.path.dirname(os.path.abspath(self.path)), stored, fit_for)

    def build(self, to_path: Callable[[str], str]) -> tuple[dict, NetworkFit]:
        return self.plan(to_path).run()


# --- idx -------------------------------------------------------------------------------------

def idx_header(path: str) -> tuple[tuple[int, ...], str]:
    """(dimensions, value type) of an IDX file, plain or gzip-compressed, from its header."""
    shown = os.path.basename(path)
    try:
        with open(path, "rb") as raw:
            gzipped = raw.read(2) == GZIP_MAGIC
        with (gzip.open(path, "rb") if gzipped else open(path, "rb")) as f:
            magic = f.read(4)
            if len(magic) < 4 or magic[:2] != b"\x00\x00" or magic[2] not in IDX_TYPES:
                raise DataError(translate("ImportArrayPages", "is not an IDX file (it does not start with an IDX "
                                          "magic number)"), shown)
            dims = f.read(4 * magic[3])
            if len(dims) < 4 * magic[3]:
                raise DataError(translate("ImportArrayPages", "is cut short inside its header"), shown)
    except (OSError, EOFError, zipfile.BadZipFile) as exc:
        raise DataError(translate("ImportArrayPages", "cannot be read ({error})").format(error=exc), shown) from None
    return struct.unpack(f">{magic[3]}I", dims), IDX_TYPES[magic[2]]


def _idx_type(name: str) -> str:
    """An IDX value type (IDX_TYPES) as the page shows it."""
    return translate("IdxPage", name)


def partner_path(path: str) -> str | None:
    """The label file next to an image file (train-images-idx3-ubyte → train-labels-idx1-ubyte),
    or the image file next to a label file, when it exists."""
    name = os.path.basename(path)
    for a, b, idx_a, idx_b in (("images", "labels", "idx3", "idx1"), ("labels", "images", "idx1", "idx3")):
        if a in name:
            other = name.replace(a, b).replace(idx_a, idx_b)
            full = os.path.join(os.path.dirname(path), other)
            if os.path.isfile(full):
                return full
    return None


class IdxPage(QWidget):
    """The image file and the label file, with what their headers say."""

    changed = Signal()
    default_normalize = "minmax"

    def __init__(self, path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        images, labels = path, partner_path(path)
        try:
            if len(idx_header(path)[0]) == 1:            # the label file was chosen
                images, labels = labels, path
        except DataError:
            pass
        self.images_edit, self.labels_edit = QLineEdit(images or ""), QLineEdit(labels or "")
        self.images_info, self.labels_info = QLabel(), QLabel()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        for title, edit, info in ((self.tr("Images:"), self.images_edit, self.images_info),
                                  (self.tr("Labels:"), self.labels_edit, self.labels_info)):
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            browse = QPushButton(self.tr("Browse…"))
            browse.clicked.connect(lambda _=False, e=edit: self._browse(e))
            row.addWidget(browse)
            form.addRow(title, row)
            form.addRow("", info)
            edit.textChanged.connect(self._update)
        self._update()

    def _browse(self, edit: QLineEdit) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose an IDX file"), os.path.dirname(edit.text()),
                                              self.tr("IDX files (*-ubyte *.idx *-ubyte.gz);;All files (*)"))
        if path:
            edit.setText(path)

    def _headers(self) -> tuple[object, object]:
        out = []
        for edit in (self.images_edit, self.labels_edit):
            path = edit.text().strip()
            if not path:
                out.append(self.tr("Choose the file."))
                continue
            try:
                out.append(idx_header(path))
            except DataError as exc:
                out.append(error_text(exc))
        return out[0], out[1]

    def _update(self) -> None:
        images, labels = self._headers()
        self.images_info.setText(images if isinstance(images, str) else
                                 self.tr("{count} images of {shape} ({type})").format(
                                     count=images[0][0], shape=shape_text(images[0][1:]), type=_idx_type(images[1])))
        self.labels_info.setText(labels if isinstance(labels, str) else
                                 self.tr("{shape} labels ({type})").format(shape=shape_text(labels[0]),
                                                                           type=_idx_type(labels[1])))
        self.changed.emit()

    def problem(self) -> str | None:
        images, labels = self._headers()
        if isinstance(images, str):
            return self.tr("The images file: {problem}").format(problem=images)
        if isinstance(labels, str):
            return self.tr("The labels file: {problem}").format(problem=labels)
        if len(images[0]) < 2:
            return self.tr("The images file holds a list of single values, not images: choose the idx3 file.")
        if len(labels[0]) != 1:
            return self.tr("The labels file holds an array of shape {shape}, not one label per image.").format(
                shape=shape_text(labels[0]))
        if images[0][0] != labels[0][0]:
            return self.tr("There are {images} images but {labels} labels.").format(images=images[0][0],
                                                                                   labels=labels[0][0])
        return None

    def plan(self, to_path: Callable[[str], str]) -> ImportPlan:
        """What OK loads, read off the widgets (in the GUI thread)."""
        images, labels = (os.path.abspath(e.text().strip()) for e in (self.images_edit, self.labels_edit))
        folder = os.path.dirname(images)       # messages name the files as short as they can
        short = {key: os.path.basename(path) if os.path.dirname(path) == folder else path
                 for key, path in (("images", images), ("labels", labels))}
        return ImportPlan({"kind": "idx", **short}, folder,
                          {"kind": "idx", "images": to_path(images), "labels": to_path(labels)}, fit_for)

    def build(self, to_path: Callable[[str], str]) -> tuple[dict, NetworkFit]:
        return self.plan(to_path).run()

