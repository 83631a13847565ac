"""The canvas while training: edges follow the run's weights, each neuron shows its output for a
chosen sample and, for two-input problems, a map of its output over the input plane (as
TensorFlow Playground draws its neurons). A conv or pool block shows a strip of its feature maps
for the chosen sample under it (its first channels), and an image input the image itself.

`LiveCanvas` takes the training controller's snapshots and paints through the scene; it never
touches the document. `SampleBar` is the small strip at the canvas's bottom-left that picks the
sample ([ and ] step through them) and turns the maps on and off.
"""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QFrame, QGraphicsView, QHBoxLayout, QLabel, QToolButton

from nnstudio.training.live import LiveSnapshot, ProbeData
from nnstudio.ui.canvas.live_paint import map_image, strip_image

EDGE_INTERVAL = 0.1        # s between edge restyles at the least: each one repaints every edge
EDGE_SHARE = 0.75          # at most this share of the GUI thread goes to restyling edges


def edge_interval(cost_s: float) -> float:
    """Seconds to wait between edge restyles that each cost `cost_s` (restyle + repaint): a
    100,000-edge network is recoloured less often, and the window stays responsive meanwhile."""
    return max(EDGE_INTERVAL, cost_s / EDGE_SHARE)


class LiveCanvas(QObject):
    """What the canvas shows of a run; `changed` fires when the sample or the probe changes."""

    changed = Signal()
    gradientsShown = Signal(bool)   # the edges show a run's ∂L/∂w (True) or its weights again

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.probe: ProbeData | None = None
        self.sample = 0
        self.show_maps = True
        self._maps: dict[str, QImage] = {}
        self._t_edges = 0.0
        self._edge_cost = 0.0           # s the last restyle took, with the edge layer's repaint
        self._restyled = False          # edges show run weights the document does not have yet
        # View ▸ Colour Edges by Gradient: edges follow the run's ∂L/∂w when a snapshot has them.
        self.colour_by_gradient = False
        self.gradients_shown = False
        self._edge_values: tuple[dict, dict] | None = None     # the last (weights, gradients) drawn
        self._layer_values: tuple[dict, dict] = ({}, {})         # and expanded layers' (W, ∂L/∂W)
        # The Backprop panel's values for its step (node id → (value, prefix)); they take the
        # place of the probe's outputs while the panel shows a walk.
        self.walk: dict[str, tuple[float, str]] | None = None

    # --- input ------------------------------------------------------------------------------------
    def show(self, snap: LiveSnapshot) -> None:
        """A training snapshot: new weights always, node outputs when it carries a probe."""
        scene = self.view.scene()
        now = time.perf_counter()
        expanded = scene.expanded_ids()
        # expanded dense layers draw W entry by entry, from the run's matrices
        matrices = {m.node_id: m.values for m in snap.matrices if m.node_id in expanded} if expanded else {}
        gradients = {i: g for i, g in snap.layer_gradients.items() if i in expanded} if expanded else {}
        due = now - self._t_edges >= edge_interval(self._edge_cost) or snap.status != "running"
        if (snap.edge_weights or matrices) and due:
            self._layer_values = (matrices, gradients)
            if snap.edge_weights:
                self._show_edges(snap.edge_weights, snap.edge_gradients)
            if matrices:
                self._show_layers(matrices, gradients)
            # the repaint comes later: the layers' previous one stands in for it
            self._edge_cost = time.perf_counter() - now + scene.layer.paint_seconds + scene.weight_paint_seconds()
            self._t_edges, self._restyled = now, True
        if snap.probe is not None:
            self.probe = snap.probe
            self._maps = {node_id: map_image(values) for node_id, values in snap.probe.node_maps.items()}
            # Image outputs cross for the probe's chosen sample only (training.probes.BUDGETS).
            self._maps.update({node_id: strip_image(inside.arrays["maps"])
                               for node_id, inside in snap.probe.insides.items() if "maps" in inside.arrays})
            self.sample = min(self.sample, max(self.sample_count() - 1, 0))
            self.apply()

    def clear(self) -> None:
        """Forget the pictures (another project, or one that cannot run)."""
        self.probe, self._maps = None, {}
        self.restore_edges()
        self.apply()                    # no outputs left to show; a Backprop walk's values stay

    def restore_edges(self) -> None:
        """Edges drawn from the document's weights again, not the run's (the network changed)."""
        if self._restyled:
            self.view.scene().restore_edge_styles()
            self._restyled = False
            self._edge_values, self._layer_values = None, ({}, {})
            self._note_gradients(False)

    def set_colour_by_gradient(self, on: bool) -> None:
        """Colour edges by the run's ∂L/∂w (True) or its weights; the last snapshot's edges are
        drawn again at once (gradients come with the next snapshot if it had none)."""
        self.colour_by_gradient = bool(on)
        if self._restyled and self._edge_values is not None:
            self._show_edges(*self._edge_values)
        if self._restyled and self._layer_values[0]:
            self._show_layers(*self._layer_values)

    def _show_edges(self, weights: dict, gradients: dict) -> None:
        by_gradient = self.colour_by_gradient and bool(gradients)
        if by_gradient:
            self.view.scene().show_live_gradients(gradients)
        else:
            self.view.scene().show_live_weights(weights)
        self._edge_values = (weights, gradients)
        self._note_gradients(by_gradient)

    def _show_layers(self, matrices: dict, gradients: dict) -> None:
        """Expanded dense layers' drawn W entries, by ∂L/∂W when chosen (their lines are already
        scaled to the largest |value| of each layer, which suits gradients as it is)."""
        by_gradient = self.colour_by_gradient and bool(gradients)
        self.view.scene().show_layer_weights({**matrices, **gradients} if by_gradient else matrices)
        if by_gradient or not self._edge_values:    # a network of expanded layers only has no edges
            self._note_gradients(by_gradient)

    def _note_gradients(self, shown: bool) -> None:
        if shown != self.gradients_shown:
            self.gradients_shown = shown
            self.gradientsShown.emit(shown)

    def show_walk(self, values: dict[str, tuple[float, str]] | None) -> None:
        """Show the Backprop walk's values (None: back to the run's outputs)."""
        self.walk = values
        self.apply()

    def set_sample(self, index: int) -> None:
        count = self.sample_count()
        if count:
            self.sample = index % count
            self.apply()

    def step(self, delta: int) -> None:
        self.set_sample(self.sample + delta)

    def set_show_maps(self, on: bool) -> None:
        self.show_maps = bool(on)
        self.apply()

    # --- output -----------------------------------------------------------------------------------
    def sample_count(self) -> int:
        """The samples the probe covers (the bar steps through these)."""
        return 0 if self.probe is None else len(self.probe.inputs)

    def total_samples(self) -> int:
        """The samples in the dataset (more than `sample_count` beyond PROBE_SAMPLES)."""
        return 0 if self.probe is None else max(self.probe.total_samples, len(self.probe.inputs))

    def is_showing(self) -> bool:
        """True while the canvas shows anything of a run."""
        return self.probe is not None or self._restyled

    def has_maps(self) -> bool:
        return bool(self._maps)

    def value(self, node_id: str) -> float | None:
        """The node's output for the chosen sample, if it is a single number."""
        probe = self.probe
        values = probe.node_outputs.get(node_id) if probe is not None else None
        if values is None or values.ndim != 2 or values.shape[1] != 1 or self.sample >= len(values):
            return None
        return float(values[self.sample, 0])

    def sample_text(self) -> str:
        """E.g. 'x = (0, 1) → target 1'."""
        probe = self.probe
        if probe is None or self.sample >= len(probe.inputs):
            return ""
        x = probe.inputs[self.sample]
        shown = ", ".join(f"{v:.3g}" for v in x[:4]) + (", …" if len(x) > 4 else "")
        t = np.asarray(probe.targets[self.sample]).reshape(-1)
        names = probe.evaluation.class_names
        # A one-hot row or a class index, where the data names its classes: "target virginica".
        k = (int(np.argmax(t)) if len(names) > 1 and len(t) == len(names) else
             int(t[0]) if len(names) > 1 and len(t) == 1 and float(t[0]).is_integer() else -1)
        if 0 <= k < len(names):
            target = str(names[k])
        else:
            target = ", ".join(f"{v:.3g}" for v in t[:3]) + (", …" if len(t) > 3 else "")
        return self.tr("x = ({inputs}) → target {target}").format(inputs=shown, target=target)

    def apply(self) -> None:
        scene = self.view.scene()
        maps = self._maps if self.show_maps else {}
        walk = self.walk
        for node_id, item in scene.node_items.items():
            if walk is not None:
                value, prefix = walk.get(node_id, (None, ""))
                item.set_live(value, maps.get(node_id), prefix)
            else:
                item.set_live(self.value(node_id), maps.get(node_id))
        scene.show_run_values(self.probe, self.sample, walk)      # expanded layers' units
        self.changed.emit()


class SampleBar(QFrame):
    """'Sample ◀ 3 / 4 ▶  x = (0, 1) → target 1   ☑ Maps', over the canvas's bottom-left corner;
    hidden until a run has sent node outputs."""

    MARGIN = 10

    def __init__(self, live: LiveCanvas) -> None:
        super().__init__(live.view)
        self.live = live
        self.setObjectName("liveSampleBar")
        self.setStyleSheet("#liveSampleBar { background: rgba(255, 255, 255, 235); border: 1px solid #cbd5e1;"
                           " border-radius: 6px; } QLabel { color: #334155; }")
        self.prev = QToolButton(text="◀", toolTip=self.tr("Previous sample ( [ )"), autoRaise=True)
        self.next = QToolButton(text="▶", toolTip=self.tr("Next sample ( ] )"), autoRaise=True)
        self.count = QLabel()
        self.detail = QLabel()
        self.maps = QCheckBox(self.tr("Maps"))
        self.maps.setToolTip(self.tr("Show each neuron's output over the input plane, and the feature maps of "
                                     "conv and pool blocks for this sample"))
        self.maps.setChecked(live.show_maps)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(4)
        title = QLabel(self.tr("<b>Sample</b>"))
        for widget in (title, self.prev, self.count, self.next, self.detail):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addWidget(self.maps)
        self.prev.clicked.connect(lambda: live.step(-1))
        self.next.clicked.connect(lambda: live.step(1))
        self.maps.toggled.connect(live.set_show_maps)
        for key, delta in (("[", -1), ("]", 1)):
            shortcut = QShortcut(QKeySequence(key), live.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda d=delta: live.step(d))
        live.changed.connect(self.refresh)
        # The viewport, not the view: the view's own Resize reaches a filter before the view lays
        # out its viewport, so the bar was placed by the old size (over a node after enlarging).
        live.view.viewport().installEventFilter(self)
        reserve = getattr(live.view, "reserve_bottom", None)
        if reserve is not None:         # fit_all keeps the nodes clear of the bar
            reserve(self.sizeHint().height())
        self.refresh()

    def refresh(self) -> None:
        live = self.live
        n = live.sample_count()
        self.setVisible(n > 0 and live.walk is None)     # the Backprop panel names its own sample
        if not n:
            return
        total = live.total_samples()
        if total > n:
            self.count.setText(self.tr("{number:,} / {count:,} of {total:,}").format(
                number=live.sample + 1, count=n, total=total))
            self.count.setToolTip(self.tr("Node outputs are computed for the first {count:,} of the {total:,} samples.")
                                  .format(count=n, total=total))
        else:
            self.count.setText(f"{live.sample + 1:,} / {n:,}")
            self.count.setToolTip("")
        self.detail.setText(live.sample_text())
        self.maps.setVisible(live.has_maps())
        self.adjustSize()
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:   # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Resize and watched is self.live.view.viewport():
            self._place()
        return False

    def _place(self) -> None:
        area = self.live.view.viewport().geometry()     # inside the scroll bars
        self.move(area.left() + self.MARGIN, area.bottom() - self.height() - self.MARGIN)
