"""The inspector's form for one drawn part of an expanded layer (project/expansion.py's Part).

A unit of a dense layer: what it is ("Unit 4 of hidden (dense, relu)"), its bias b[unit] (editable:
SetUnitBias, one undo step) and its incoming weights W[:, unit] as a small picture in diverging
colours: an h×w image when the layer reads an image (the classic picture of what a first-layer unit
looks for), else a 1×n strip, with the range the colours span. A drawn weight: where it runs
("W[10, 3] of hidden: from x pixel (1, 2) to unit 4"), its value (editable: SetWeightEntry) and
whether training changes it. A unit of an expanded input: which column or pixel it is.

Words count units from 1, as the Backprop walk names them ("hidden 4" is the unit of id hidden#3);
array indices are NumPy's, from 0: unit 4 of hidden is column 3 of W, W[:, 3], and its bias b[3]. A
pixel is named by its (row, column) from 0. When the layer holds no arrays yet, the form shows the values training would start from (drawn from the
seed); an edit stores them first (ui/commands/weights.py).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from nnstudio.errors import ProjectError
from nnstudio.project import expansion, registry
from nnstudio.project.document import Document
from nnstudio.project.expansion import Part
from nnstudio.ui.domain_i18n import error_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.commands.weights import SetUnitBias, SetWeightEntry, stored_or_current
from nnstudio.ui.panels.editors import fmt_number, float_editor, hint_label, new_form
from nnstudio.ui.panels.weights import DIVERGING

PICTURE_WIDTH = 192          # pixels: the picture of a unit's incoming weights
STRIP_HEIGHT = 18            # a 1×n strip's height
LEGEND_SIZE = (120, 10)


def diverging_image(values: np.ndarray, top: float) -> QImage:
    """`values` (2-D) as an RGBA image, −top … 0 … +top mapped onto the diverging colours (negative
    orange, zero white, positive blue, as the canvas colours weights)."""
    values = np.atleast_2d(np.asarray(values, dtype=np.float64))
    scaled = np.clip(values / top * 0.5 + 0.5, 0.0, 1.0) if top > 0 else np.full(values.shape, 0.5)
    rgba = np.ascontiguousarray(DIVERGING.map(scaled.reshape(-1), mode="byte").reshape(*values.shape, 4),
                                dtype=np.uint8)
    height, width = values.shape
    return QImage(rgba.data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


def weight_picture(column: np.ndarray, grid: tuple[int, int] | None) -> tuple[np.ndarray, float]:
    """A unit's incoming weights laid out as they are drawn: the (h, w) image when the rows are an
    image's pixels (row-major), else one row; and the colour range's half-width (the largest |w|)."""
    column = np.asarray(column, dtype=np.float64).reshape(-1)
    laid = column.reshape(grid) if grid is not None and grid[0] * grid[1] == column.size else column[None, :]
    top = float(np.max(np.abs(column))) if column.size else 0.0
    return laid, top


def _title_of(project, node_id: str) -> str:
    node = project.node(node_id)
    config = {f.name: f.default for f in registry.KINDS[node.kind].fields}
    config.update(node.config)
    name = node.label or node.id
    detail = f"{node.kind}, {config['activation']}" if "activation" in config else node.kind
    return f"{name} ({detail})"


def source_text(project, node_id: str, row: int) -> str:
    """Where row `row` of the dense node's W comes from: "x pixel (1, 2)" or "hidden[10]"."""
    grid = expansion.unit_image(project, node_id)
    blocks = expansion.weight_blocks(project, node_id)
    block = next((b for b in blocks if b.row_offset <= row < b.row_offset + b.width), None)
    if block is None:
        return translate("InspectorParts", "input {row}").format(row=row)
    source = project.node(block.source)
    i = row - block.row_offset
    if grid is not None and len(blocks) == 1:
        if source.kind == "flatten":          # name the image, not the flatten between
            feeding = project.incoming(source.id)
            source = project.node(feeding[0].source) if feeding else source
        return translate("InspectorParts", "{name} pixel ({row}, {column})").format(
            name=source.label or source.id, row=i // grid[1], column=i % grid[1])
    return f"{source.label or source.id}[{i}]"


class PartForm(QWidget):
    """The form for one Part. Call `show_part(part)`, then `refresh()` after document events."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.part: Part | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.id_label = hint_label()
        header.addWidget(self.title, 1)
        header.addWidget(self.id_label)
        column.addLayout(header)
        self.route = hint_label()
        column.addWidget(self.route)
        form = self._form = new_form()
        self.value = float_editor(None, None, self._value_edited, step=0.01)
        form.addRow(self.tr("Value"), self.value.widget)
        self.bias = float_editor(None, None, self._bias_edited, step=0.01)
        self.bias.widget.setToolTip(self.tr("The bias b[unit] added to this unit's weighted sum"))
        form.addRow(self.tr("Bias"), self.bias.widget)
        column.addLayout(form)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft)
        self.picture_caption = hint_label()
        legend = QHBoxLayout()
        self.legend_low, self.legend_bar, self.legend_high = QLabel(), QLabel(), QLabel()
        self.legend_bar.setPixmap(QPixmap.fromImage(
            diverging_image(np.linspace(-1.0, 1.0, LEGEND_SIZE[0])[None, :], 1.0).scaled(*LEGEND_SIZE)))
        for widget in (self.legend_low, self.legend_bar, self.legend_high):
            legend.addWidget(widget)
        legend.addStretch(1)
        self.legend = QWidget()
        self.legend.setLayout(legend)
        legend.setContentsMargins(0, 0, 0, 0)
        for widget in (self.picture_caption, self.picture, self.legend):
            column.addWidget(widget)
        self.note = hint_label()
        column.addWidget(self.note)
        column.addStretch(1)
        self.picture_values: np.ndarray | None = None     # what the picture shows (for tests and tooltips)

    def show_part(self, part: Part) -> None:
        self.part = part
        self.refresh()

    # --- document → widgets -----------------------------------------------------------------------
    def refresh(self) -> None:
        part, project = self.part, self.doc.project
        if part is None or part.node_id not in set(project.node_ids()):
            return
        node = project.node(part.node_id)
        is_weight, is_dense = part.row is not None, node.kind == "dense"
        ident = expansion.weight_id(part.node_id, part.row, part.unit) if is_weight else expansion.unit_id(
            part.node_id, part.unit)
        self.id_label.setText(f"id: {ident}")
        self._form.setRowVisible(self.value.widget, is_weight)
        self._form.setRowVisible(self.bias.widget, is_dense and not is_weight)
        self.note.setText("")
        try:
            if not is_dense:
                self._show_input_unit(part)
            elif is_weight:
                self._show_weight(part)
            else:
                self._show_unit(part)
        except (ProjectError, KeyError, IndexError, ValueError) as exc:
            detail = error_text(exc.detail if isinstance(exc, ProjectError) else str(exc))
            self.value.widget.setEnabled(False)
            self.bias.widget.setEnabled(False)
            self._show_picture(None, None)
            self.note.setText(self.tr("Its values cannot be worked out yet: {reason}").format(reason=detail))

    def _config(self, node_id: str) -> dict:
        node = self.doc.project.node(node_id)
        config = {f.name: f.default for f in registry.KINDS[node.kind].fields}
        config.update(node.config)
        return config

    def _stored_note(self, node_id: str, name: str) -> str:
        if name in self.doc.project.node(node_id).params:
            return ""
        return self.tr("Not stored yet: these are the values training will start from, drawn from the seed. "
                       "Editing one stores the whole array.")

    def _show_input_unit(self, part: Part) -> None:
        project = self.doc.project
        name = project.node(part.node_id).label or part.node_id
        grid = expansion.image_grid(project, part.node_id)
        if grid:
            title = self.tr("<b>Pixel ({row}, {column}) of {name} (input)</b>").format(
                row=part.unit // grid[1], column=part.unit % grid[1], name=name)
        else:
            title = self.tr("<b>Value {number} of {name} (input)</b>").format(number=part.unit + 1, name=name)
        self.title.setText(title)
        self.route.setText(self.tr("One number of each sample: the neurons it connects to weight it."))
        self._show_picture(None, None)

    def _show_weight(self, part: Part) -> None:
        project = self.doc.project
        self.title.setText(self.tr("<b>W[{row}, {column}] of {name}</b>").format(
            row=part.row, column=part.unit, name=project.node(part.node_id).label or part.node_id))
        self.route.setText(self.tr("From {source} to unit {unit}").format(
            source=source_text(project, part.node_id, part.row), unit=part.unit + 1))
        W = stored_or_current(self.doc, part.node_id, "W")
        self.value.widget.setEnabled(True)
        self.value.set(float(W[part.row, part.unit]))
        frozen = not self._config(part.node_id)["trainable"]
        self.value.widget.setToolTip(self.tr("This weight's value: editing it is one undo step"))
        self.note.setText(" ".join(t for t in (
            self.tr("Frozen: training does not change this layer's weights (its Train weights setting is off).")
            if frozen else "", self._stored_note(part.node_id, "W")) if t))
        self._show_picture(None, None)

    def _show_unit(self, part: Part) -> None:
        project = self.doc.project
        self.title.setText(self.tr("<b>Unit {unit} of {layer}</b>").format(
            unit=part.unit + 1, layer=_title_of(project, part.node_id)))
        self.route.setText(f"out = f(Σ W[i, {part.unit}]·x[i] + b[{part.unit}])")
        config = self._config(part.node_id)
        if config["use_bias"]:
            b = stored_or_current(self.doc, part.node_id, "b")
            self.bias.widget.setEnabled(True)
            self.bias.set(float(b[part.unit]))
        else:
            self.bias.widget.setEnabled(False)
            self.bias.widget.setToolTip(self.tr("This layer has no bias (its Use a bias setting is off)"))
        W = stored_or_current(self.doc, part.node_id, "W")
        self._show_picture(W[:, part.unit], expansion.unit_image(project, part.node_id))
        notes = [self._stored_note(part.node_id, "W")]
        if config["use_bias"] and not config["bias_trainable"]:
            notes.insert(0, self.tr("Frozen bias: training does not change this layer's biases."))
        if not config["trainable"]:
            notes.insert(0, self.tr("Frozen: training does not change this layer's weights."))
        self.note.setText(" ".join(n for n in notes if n))

    def _show_picture(self, column: np.ndarray | None, grid: tuple[int, int] | None) -> None:
        shown = column is not None and np.size(column) > 0
        for widget in (self.picture, self.picture_caption, self.legend):
            widget.setVisible(shown)
        if not shown:
            self.picture_values = None
            return
        laid, top = weight_picture(column, grid)
        self.picture_values = laid
        image = diverging_image(laid, top)
        h, w = laid.shape
        size = (PICTURE_WIDTH, max(1, round(PICTURE_WIDTH * h / w))) if h > 1 else (PICTURE_WIDTH, STRIP_HEIGHT)
        self.picture.setPixmap(QPixmap.fromImage(image.scaled(*size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                                              Qt.TransformationMode.FastTransformation)))
        self.picture.setToolTip(self.tr("Largest |weight|: {value}").format(value=fmt_number(top)))
        if h > 1:
            caption = self.tr("Its {count:,} incoming weights, as the {height}×{width} image they look at")
        else:
            caption = self.tr("Its {count:,} incoming weights")
        self.picture_caption.setText(caption.format(count=np.size(column), height=h, width=w))
        # a legend's ends: three digits say the scale (the exact values are a click away)
        self.legend_low.setText(f"{-top:.3g}" if top else "0")
        self.legend_high.setText(f"+{top:.3g}" if top else "0")

    # --- widgets → commands -----------------------------------------------------------------------
    def _value_edited(self, value: float | None) -> None:
        part = self.part
        if value is None or part is None or part.row is None:
            return
        try:
            current = float(stored_or_current(self.doc, part.node_id, "W")[part.row, part.unit])
            if current != value:
                self.stack.push(SetWeightEntry(self.doc, part, value))
        except ProjectError as exc:
            self.note.setText(self.tr("Cannot change it: {reason}").format(reason=error_text(exc.detail)))

    def _bias_edited(self, value: float | None) -> None:
        part = self.part
        if value is None or part is None:
            return
        try:
            current = float(stored_or_current(self.doc, part.node_id, "b")[part.unit])
            if current != value:
                self.stack.push(SetUnitBias(self.doc, part, value))
        except ProjectError as exc:
            self.note.setText(self.tr("Cannot change it: {reason}").format(reason=error_text(exc.detail)))
