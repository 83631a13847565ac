"""The inspector's Selection forms: one node (label, settings from its kind's registry fields, a
neuron's incoming weights and bias) and one edge (weight and trainable flag).

Each user edit pushes one command; `refresh()` shows the document's values without pushing (see
`editors.Editor`). A neuron's `bias` and `bias_trainable` settings are edited in its weights box,
next to its incoming weights, rather than in the settings form: the box shows the bias it will
start from (params.b, or the `bias` setting while params.b is absent).
"""
from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from nnstudio.project import registry
from nnstudio.project.analysis import analyse
from nnstudio.project.document import Document
from nnstudio.project.registry import ConfigError, Field, fmt_shape
from nnstudio.ui.domain_i18n import error_text, kind_text
from nnstudio.ui.resources import icons
from nnstudio.ui.commands.edits import (SetEdgeTrainable, SetEdgeWeight, SetInputsOutputs, SetNodeConfig, SetNodeLabel,
                                  SetNodeParam, SetNodeParams)
from nnstudio.ui.panels.editors import (Editor, add_row, bool_editor, field_editor, float_editor, hint_label,
                                        new_form, same)
from nnstudio.ui.panels.inspector_text import activation_text, node_name, shape_summary, vector_text

__all__ = ["NodeForm", "EdgeForm", "WeightsBox", "node_name", "shape_summary", "vector_text"]

ALPHA_USERS = ("leaky_relu", "prelu", "elu")    # activations that read `alpha`
# Settings of a kind with weighted inputs (a neuron) that its weights box edits, beside the weights.
IN_WEIGHTS_BOX = ("bias", "bias_trainable")


def _header(kind: str, title: str) -> tuple[QHBoxLayout, QLabel]:
    row = QHBoxLayout()
    icon = QLabel()
    icon.setPixmap(icons.kind_pixmap(kind, 28))
    name = QLabel(f"<b>{title}</b>")
    ident = hint_label()
    row.addWidget(icon)
    row.addWidget(name, 1)
    row.addWidget(ident)
    return row, ident


class NodeForm(QWidget):
    """The form for one node. Call `show_node(id)`, then `refresh()` after document events."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.node_id = ""
        self.kind = ""
        self.editors: dict[str, Editor] = {}
        self.weights: WeightsBox | None = None
        self._body: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def show_node(self, node_id: str) -> None:
        kind = self.doc.project.node(node_id).kind
        self.node_id = node_id
        if kind != self.kind or self._body is None:
            self._build(kind)
        self.refresh()

    # --- building -----------------------------------------------------------------------------
    def _build(self, kind: str) -> None:
        if self._body is not None:
            self._body.hide()
            self._body.deleteLater()      # never delete a widget inside one of its own signals
        spec = registry.KINDS[kind]
        self.kind, self.editors, self.weights = kind, {}, None
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        header, self.id_label = _header(kind, kind_text(spec.title))
        column.addLayout(header)
        column.addWidget(hint_label(kind_text(spec.description)))
        form = new_form()
        self.label_edit = QLineEdit()
        self.label_edit.setToolTip(self.tr("The name shown on the canvas, in plots and in messages"))
        self.label_edit.textEdited.connect(self._label_edited)
        form.addRow(self.tr("Label"), self.label_edit)
        self.output_check: QCheckBox | None = None
        if spec.category != "input":
            # Targets map onto the listed outputs in order; without one nothing can train.
            self.output_check = QCheckBox(self.tr("Network output"))
            self.output_check.setToolTip(self.tr("List this node in the project's outputs: the dataset's target "
                                                 "columns are compared with the outputs, in order"))
            self.output_check.toggled.connect(self._output_toggled)
            form.addRow("", self.output_check)
        self.formula: QLabel | None = None
        for field in spec.fields:
            if spec.weighted_inputs and field.name in IN_WEIGHTS_BOX:
                continue
            editor = field_editor(field, partial(self._config_edited, field))
            self.editors[field.name] = editor
            add_row(form, field.name, editor)
            if field.name == "activation":
                self.formula = hint_label()
                form.addRow(QLabel(), self.formula)
        self.shape_label = hint_label()
        self.shape_label.setToolTip(self.tr("The shape this node receives → the shape it outputs (one sample)"))
        form.addRow(self.tr("Output") if spec.category == "input" else self.tr("In → out"), self.shape_label)
        self.params_label: QLabel | None = None
        if not spec.weighted_inputs and {f.name for f in spec.fields} & {"activation", "init"}:
            self.params_label = hint_label()
            reset = QPushButton(self.tr("Reset"))
            reset.setToolTip(self.tr("Forget the stored values: training starts them afresh from the initializer"))
            reset.clicked.connect(self._reset_params)
            self.reset_button = reset
            self._params_row = QHBoxLayout()
            self._params_row.addWidget(self.params_label, 1)
            self._params_row.addWidget(reset)
            form.addRow(self.tr("Parameters"), self._params_row)
        self._form = form
        column.addLayout(form)
        if spec.weighted_inputs:
            self.weights = WeightsBox(self.doc, self.stack, body)
            column.addWidget(self.weights)
        column.addStretch(1)
        self._layout.addWidget(body)
        self._body = body

    # --- document → widgets -------------------------------------------------------------------
    def refresh(self) -> None:
        project = self.doc.project
        try:
            node = project.node(self.node_id)
        except KeyError:
            return                       # the inspector drops removed nodes from its selection
        if node.kind != self.kind:
            self._build(node.kind)
        self.id_label.setText(f"id: {node.id}")
        if self.label_edit.text() != node.label:
            self.label_edit.setText(node.label)
        config = {f.name: f.default for f in registry.KINDS[node.kind].fields}
        config.update(node.config)
        for name, editor in self.editors.items():
            editor.set(config.get(name))
        if self.output_check is not None:
            self.output_check.blockSignals(True)      # showing the document is not an edit
            self.output_check.setChecked(node.id in project.outputs)
            self.output_check.blockSignals(False)
        if "alpha" in self.editors:
            self.editors["alpha"].widget.setEnabled(config.get("activation") in ALPHA_USERS)
        if self.formula is not None:
            self.formula.setText(activation_text(config.get("activation")))
        self.shape_label.setText(shape_summary(analyse(self.doc), node.id))
        if self.params_label is not None:
            held = ", ".join(f"{k} {fmt_shape(np.shape(v))}" for k, v in node.params.items())
            try:
                needs = bool(registry.node_params(node.kind, config, None))
            except (KeyError, TypeError, ValueError):     # a config validation reports
                needs = False
            init = config.get("init")
            self.params_label.setText(held or (self.tr("none") if not needs else self.tr("none yet: random at start")))
            self.params_label.setToolTip(self.tr("Drawn by {init} from the training seed when training starts").format(
                init=init) if needs and not held else "")
            self.reset_button.setEnabled(bool(node.params))
            self._form.setRowVisible(self._params_row, bool(held) or needs)    # e.g. relu has none
        if self.weights is not None:
            self.weights.show_node(node.id)

    # --- widgets → commands -------------------------------------------------------------------
    def _label_edited(self, text: str) -> None:
        if self.doc.project.node(self.node_id).label != text:
            self.stack.push(SetNodeLabel(self.doc, self.node_id, text))

    def _output_toggled(self, checked: bool) -> None:
        outputs = list(self.doc.project.outputs)
        if checked == (self.node_id in outputs):
            return
        outputs = outputs + [self.node_id] if checked else [o for o in outputs if o != self.node_id]
        self.stack.push(SetInputsOutputs(self.doc, "outputs", outputs))

    def _config_edited(self, field: Field, value: Any) -> None:
        editor = self.editors[field.name]
        try:
            value = field.check(value)
        except ConfigError as exc:
            editor.widget.setToolTip(f"{kind_text(field.doc)}\n⚠ {field.name} {error_text(exc)}")
            self.refresh()               # show the document's value again
            return
        editor.widget.setToolTip(kind_text(field.doc))
        config = self.doc.project.node(self.node_id).config
        if field.name in config and same(config[field.name], value):
            return
        self.stack.push(SetNodeConfig(self.doc, self.node_id, {**config, field.name: value}, key=field.name))

    def _reset_params(self) -> None:
        node = self.doc.project.node(self.node_id)
        if node.params:
            self.stack.push(SetNodeParams(self.doc, node.id, {}, self.tr("Reset {name} parameters").format(
                name=node.label or node.id)))


class WeightsBox(QGroupBox):
    """A neuron's incoming weights (one row per edge: source, weight, trainable) and its bias."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Incoming weights and bias"))
        self.doc, self.stack = doc, stack
        self.node_id = ""
        self.rows: dict[str, tuple[Editor | QLabel, Editor]] = {}
        self._signature: tuple = ()
        self._grid_host: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self.hint = hint_label()
        self._layout.addWidget(self.hint)

    def show_node(self, node_id: str) -> None:
        self.node_id = node_id
        project = self.doc.project
        edges = project.incoming(node_id)
        signature = (node_id, tuple((e.id, node_name(project, e.source), np.ndim(e.weight) > 0) for e in edges))
        if signature != self._signature:
            self._build(signature)
        self.refresh()

    def _build(self, signature: tuple) -> None:
        if self._grid_host is not None:
            self._grid_host.hide()
            self._grid_host.deleteLater()
        self._signature, self.rows = signature, {}
        host = QWidget(self)
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for col, text in enumerate((self.tr("From"), self.tr("Weight"), self.tr("Train"))):
            grid.addWidget(hint_label(text), 0, col)
        row = 1
        for edge_id, source, is_vector in signature[1]:
            name = QLabel(source)
            name.setToolTip(self.tr("Connection {id}").format(id=edge_id))
            grid.addWidget(name, row, 0)
            if is_vector:
                weight: Editor | QLabel = hint_label()
                grid.addWidget(weight, row, 1)
            else:
                weight = float_editor(None, None, partial(self._weight_edited, edge_id), nullable=True)
                weight.widget.setToolTip(self.tr("The weight of this connection; auto: drawn at random when training "
                                                 "starts"))
                grid.addWidget(weight.widget, row, 1)
            train = bool_editor("", partial(self._trainable_edited, edge_id))
            train.widget.setToolTip(self.tr("Whether training updates this weight"))
            grid.addWidget(train.widget, row, 2)
            self.rows[edge_id] = (weight, train)
            row += 1
        grid.addWidget(QLabel(self.tr("Bias b")), row, 0)
        self.bias = float_editor(None, None, self._bias_edited)
        self.bias.widget.setToolTip(self.tr("The bias b added to the weighted sum (params.b)"))
        grid.addWidget(self.bias.widget, row, 1)
        self.bias_train = bool_editor("", self._bias_trainable_edited)
        self.bias_train.widget.setToolTip(self.tr("Whether training updates the bias"))
        grid.addWidget(self.bias_train.widget, row, 2)
        self._layout.insertWidget(0, host)
        self._grid_host = host

    def refresh(self) -> None:
        project = self.doc.project
        node = project.node(self.node_id)
        for edge in project.incoming(self.node_id):
            if edge.id not in self.rows:
                continue
            weight, train = self.rows[edge.id]
            if isinstance(weight, QLabel):
                weight.setText(vector_text(edge.weight))
                weight.setToolTip(vector_text(edge.weight, limit=10_000))
            else:
                weight.set(None if edge.weight is None else float(edge.weight))
            train.set(edge.trainable)
        config = {f.name: f.default for f in registry.KINDS[node.kind].fields}
        config.update(node.config)
        b = np.asarray(node.params.get("b", config["bias"]), dtype=np.float64).ravel()
        self.bias.set(float(b[0]) if b.size else float(config["bias"]))
        self.bias_train.set(bool(config["bias_trainable"]))
        autos = any(e.weight is None for e in project.incoming(self.node_id))
        self.hint.setText((self.tr("auto: drawn at random by {init} from the training seed when training starts.")
                           .format(init=config["init"]) + " " if autos else "")
                          + (self.tr("No incoming connections yet.") if not self.rows else ""))
        self.hint.setVisible(bool(self.hint.text()))

    def _weight_edited(self, edge_id: str, value: float | None) -> None:
        if not same(self.doc.project.edge(edge_id).weight, value):
            self.stack.push(SetEdgeWeight(self.doc, edge_id, value))

    def _trainable_edited(self, edge_id: str, value: bool) -> None:
        if self.doc.project.edge(edge_id).trainable != value:
            self.stack.push(SetEdgeTrainable(self.doc, edge_id, value))

    def _bias_edited(self, value: float | None) -> None:
        if value is None:
            return
        node = self.doc.project.node(self.node_id)
        if "b" in node.params and same(float(np.asarray(node.params["b"]).ravel()[0]), value):
            return
        self.stack.push(SetNodeParam(self.doc, self.node_id, "b", value))

    def _bias_trainable_edited(self, value: bool) -> None:
        config = self.doc.project.node(self.node_id).config
        if config.get("bias_trainable") != value:
            self.stack.push(SetNodeConfig(self.doc, self.node_id, {**config, "bias_trainable": value},
                                          key="bias_trainable"))


class EdgeForm(QWidget):
    """The form for one connection: where it goes, its weight, and whether training updates it."""

    def __init__(self, doc: Document, stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc, self.stack = doc, stack
        self.edge_id = ""
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(QLabel(self.tr("<b>Connection</b>")), 1)
        self.id_label = hint_label()
        header.addWidget(self.id_label)
        column.addLayout(header)
        form = new_form()
        self.route = QLabel()
        self.route.setWordWrap(True)
        form.addRow(self.tr("From → to"), self.route)
        self.weight = float_editor(None, None, self._weight_edited, nullable=True)
        self.weight.widget.setToolTip(self.tr("auto: drawn at random when training starts"))
        self.vector = hint_label()
        self.auto_button = QToolButton()
        self.auto_button.setText(self.tr("Reset"))
        self.auto_button.setToolTip(self.tr("Forget this weight: it shows auto, and training draws it at random"))
        self.auto_button.clicked.connect(lambda: self._weight_edited(None))
        row = QHBoxLayout()
        row.addWidget(self.weight.widget, 1)
        row.addWidget(self.vector, 1)
        row.addWidget(self.auto_button)
        form.addRow(self.tr("Weight"), row)
        self.trainable = bool_editor(self.tr("Train this weight"), self._trainable_edited)
        self.trainable.widget.setToolTip(self.tr("Whether training updates this weight"))
        form.addRow(QLabel(), self.trainable.widget)
        column.addLayout(form)
        self.note = hint_label()
        column.addWidget(self.note)
        column.addStretch(1)

    def show_edge(self, edge_id: str) -> None:
        self.edge_id = edge_id
        self.refresh()

    def refresh(self) -> None:
        project = self.doc.project
        try:
            edge = project.edge(self.edge_id)
            target = project.node(edge.target)
        except KeyError:
            return
        self.id_label.setText(f"id: {edge.id}")
        self.route.setText(f"{node_name(project, edge.source)} → {node_name(project, edge.target)}")
        target_kind = registry.KINDS.get(target.kind)
        weighted = target_kind is not None and target_kind.weighted_inputs
        is_vector = np.ndim(edge.weight) > 0
        self.weight.widget.setVisible(not is_vector)
        self.weight.widget.setEnabled(weighted)
        self.vector.setVisible(is_vector)
        if is_vector:
            self.vector.setText(vector_text(edge.weight))
            self.vector.setToolTip(vector_text(edge.weight, limit=10_000))
        else:
            self.weight.set(None if edge.weight is None else float(edge.weight))
        self.auto_button.setEnabled(edge.weight is not None)
        self.trainable.set(edge.trainable)
        self.trainable.widget.setEnabled(weighted)
        spec = registry.KINDS.get(target.kind)
        kind = kind_text(spec.title).lower() if spec else target.kind
        if weighted:
            note = ""
        elif edge.weight is not None:
            note = self.tr("A {kind} keeps its own weights: this connection only carries values. "
                           "Its stored weight is ignored.").format(kind=kind)
        else:
            note = self.tr("A {kind} keeps its own weights: this connection only carries values.").format(kind=kind)
        self.note.setText(note)

    def _weight_edited(self, value: float | None) -> None:
        if not same(self.doc.project.edge(self.edge_id).weight, value):
            self.stack.push(SetEdgeWeight(self.doc, self.edge_id, value))

    def _trainable_edited(self, value: bool) -> None:
        if self.doc.project.edge(self.edge_id).trainable != value:
            self.stack.push(SetEdgeTrainable(self.doc, self.edge_id, value))
