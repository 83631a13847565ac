"""The Dataset panel: the project's samples, in the picture that suits their shape.

- two input columns: a scatter coloured by class (legend with the class names) or by target;
- images (a square number of columns, or an input node of shape [H, W] / [C, H, W]): a grid of
  the first 36 with their labels;
- one input column: the target (or the class) against the input;
- sequences (inputs named t1..tT, or an input of shape [time, features]): a few samples' lines;
- anything else: a table (which every kind of data can also switch to).

A summary line gives the sample counts and the training/validation split (the same samples
training holds out); classification data also gets its class balance as bars. The panel follows
the document, reloading at most once per burst of edits, and only while it can be seen. A file
is loaded again only when the data spec or the file itself changed. Loading and analysing the
samples (60,000 images, say) run in a worker thread (ui.background); the panel draws the result
when it comes back, unless the document changed meanwhile.
"""
from __future__ import annotations

import copy
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QStackedLayout, QToolButton, QVBoxLayout, QWidget)

from nnstudio.data import Dataset, LoadCancelled, Progress, load_source
from nnstudio.project.document import Document, Event
from nnstudio.errors import ProjectError
from nnstudio.project.paths import base_dir
from nnstudio.ui.background import Background
from nnstudio.ui.i18n import translate
from nnstudio.ui.panels.dataset_analysis import (IMAGE_COUNT, SEQUENCE_COUNT, Analysis, analyse,
                                                 subsample)
from nnstudio.ui.loading import ProgressToken
from nnstudio.ui.panels.dataset_loading import Loaded, LoadingBar, Request, source_key, source_name
from nnstudio.ui.panels.dataset_table import SamplesModel, samples_table
from nnstudio.ui.panels.dataset_views import BalanceView, ImageGridView, PointsView, SequenceView
from nnstudio.ui.panels.dataset_words import (class_counts_text, colour_text, images_caption, sequences_caption,
                                              shown_text, summary_html, target_word, value_range_text)
from nnstudio.ui.panels.plot_export import export_button
from nnstudio.ui.panels.editors import FollowsDocument
from nnstudio.ui.panels.evaluation import fmt
from nnstudio.ui.wording import error_text

DEBOUNCE_MS = 150
# Events that can change what the panel shows: the data, the input nodes' shapes, a new project.
WATCHED = ("data_changed", "reset", "io_changed", "node_changed", "node_added", "node_removed")
EMPTY_TABLE = QT_TRANSLATE_NOOP("DatasetPanel", "No samples yet: add rows in the Inspector's Data tab, "
                                "or choose a data file there.")
BALANCE_WIDTH = 190
BALANCE_MIN_PANEL = 520                          # narrower panels give the plot all the room


def load(request: Request, progress: Progress | None = None) -> Loaded:
    """Load (unless already loaded) and analyse the samples. Qt-free: it runs in a worker thread;
    `progress` hears the load's progress and may raise LoadCancelled (the user's Cancel)."""
    dataset = request.loaded
    if dataset is None:
        try:
            dataset = load_source(request.source, request.folder, progress)
        except ProjectError as exc:          # DataError is one too
            return Loaded(request.key, error=str(exc))
        except LoadCancelled:
            return Loaded(request.key, cancelled=True)
    return Loaded(request.key, dataset, analyse(dataset, request.split, request.seed, request.input_shapes))


class DatasetPanel(FollowsDocument, QWidget):
    """Shows the document's data; see the module docstring."""

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self._dataset: Dataset | None = None
        self._analysis: Analysis | None = None
        self._loaded_key: str | None = None
        self._error = ""
        self._dirty = True
        self._mode = ""
        self._loader = Background(self._show_loaded, "nnstudio-dataset", self)
        self._token: ProgressToken | None = None        # the load under way's progress and Cancel
        self.loading_bar = LoadingBar()
        self.loading_bar.cancel_clicked.connect(self.cancel_loading)
        self.loading_bar.reload_clicked.connect(self.refresh_in_background)

        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_button = QToolButton()
        self.table_button.setText(self.tr("Table"))
        self.table_button.setCheckable(True)
        self.table_button.setToolTip(self.tr("Show every sample as a table of numbers"))
        self.table_button.toggled.connect(self._on_table_toggled)
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setStyleSheet("color: palette(placeholder-text); font-size: 13px;")
        self.points = PointsView()
        self.images = ImageGridView()
        self.sequences = SequenceView()
        self.model = SamplesModel(self)
        self.table = samples_table(self.model)
        self.balance = BalanceView()
        self.balance.setFixedWidth(BALANCE_WIDTH)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.summary, 1)
        header.addWidget(self.table_button, 0, Qt.AlignmentFlag.AlignTop)
        views = lambda: [self.points.plot, self.images.view, self.sequences.plot, self.balance.plot]  # noqa: E731
        header.addWidget(export_button(self, views, "dataset"), 0, Qt.AlignmentFlag.AlignTop)
        self._stack = QStackedLayout()
        for page in (self.message, self.points, self.images, self.sequences, self.table):
            self._stack.addWidget(page)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(self._stack, 1)
        body.addWidget(self.balance)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.loading_bar)
        layout.addLayout(body, 1)

        # Edits come in bursts (typing in the data table): reload once the burst is over.
        self._follow(DEBOUNCE_MS, self._on_timer)
        self._show_message("")

    # --- following the document -----------------------------------------------------------
    def _attached(self) -> None:
        self.schedule()

    def _on_event(self, event: Event) -> None:
        if event.kind in WATCHED:
            self.schedule()

    def schedule(self) -> None:
        """Refresh shortly (restarts a pending refresh)."""
        self._dirty = True
        self._stop_loading()             # samples being loaded are of the data as it was
        self._timer.start()

    def _on_timer(self) -> None:
        # A panel behind another tab waits until it is shown: loading 60,000 images nobody looks at
        # would only slow down opening the project.
        if self.isVisible():
            self.refresh_in_background()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)         # follows the document again (FollowsDocument)
        if self._dirty:
            self._timer.start()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # As wide as the decision boundary it shares a dock column with; a short message must
        # not shrink the column when the dock is shown again.
        return QSize(420, 280)

    # --- for tests --------------------------------------------------------------------------
    def mode(self) -> str:
        """"scatter", "images", "line", "sequences", "table", "message", or "" (nothing yet)."""
        return self._mode

    def error(self) -> str:
        return self._error

    def analysis(self) -> Analysis | None:
        return self._analysis

    # --- loading ----------------------------------------------------------------------------
    def refresh_now(self) -> None:
        """Load (if the source changed) and draw at once, in this thread (for tests and scripts)."""
        request = self._request()
        if request is not None:
            self._show_loaded(load(request))

    def refresh_in_background(self) -> None:
        """Load (if the source changed) in the worker thread, then draw: the window stays live."""
        request = self._request()
        if request is not None:
            token = self._token = ProgressToken()
            if request.loaded is None:
                self.loading_bar.follow(token, source_name(request.source))
                if self._mode == "message":      # "No samples yet" or an error: not the file now loading
                    self._show_message("")
            self._loader.run(lambda: load(request, token.report))

    def detach(self) -> None:
        super().detach()
        self._stop_loading()          # the window closes: a big file's load stops at its next report

    def adopt(self, dataset: Dataset) -> None:
        """The samples of the document's data source as it is now, just loaded elsewhere (the
        import dialog): the next refresh analyses them without reading the file again."""
        project = self.doc.project
        self._dataset, self._loaded_key = dataset, source_key(project.data.source, base_dir(project))

    def cancel_loading(self) -> None:
        """The user's Cancel: the load stops at its next report; "Loading cancelled" with Reload."""
        self._stop_loading()
        self._forget(self.tr("Loading cancelled."), error="")
        self.loading_bar.show_cancelled()

    def _stop_loading(self) -> None:
        """Stop the load under way, if any (its result would be of the data as it was)."""
        self._loader.cancel()
        if self._token is not None:
            self._token.cancel()
            self._token = None
        self.loading_bar.stop()

    def is_loading(self) -> bool:
        """True while samples of the document as it is are being loaded."""
        return self._loader.is_busy()

    def _request(self) -> Request | None:
        """What to load, copied from the document; None when there is nothing (said so at once)."""
        self._timer.stop()
        self._stop_loading()
        self._dirty = False
        project = self.doc.project
        source = project.data.source
        if isinstance(source, dict) and source.get("kind") == "table" and not source.get("inputs"):
            self._forget(translate("DatasetPanel", EMPTY_TABLE), error="")
            return None
        folder = base_dir(project)
        key = source_key(source, folder)
        data = project.data
        seed = getattr(data, "split_seed", None)      # optional: shuffles before the split
        return Request(copy.deepcopy(source), folder, key,
                       data.validation_split, seed if isinstance(seed, int) else None, self._input_shapes(),
                       self._dataset if key == self._loaded_key else None)

    def _show_loaded(self, loaded: Loaded) -> None:
        self._token = None
        self.loading_bar.stop()
        if loaded.cancelled:          # stopped by a Cancel whose result was dropped: not expected here
            return
        if loaded.dataset is None:
            project = self.doc.project
            text = self.tr("The data cannot be loaded:\n{error}").format(error=error_text(loaded.error, project))
            self._forget(text, error=loaded.error)
            return
        self._dataset, self._loaded_key, self._error = loaded.dataset, loaded.key, ""
        self._draw(loaded.dataset, loaded.analysis)

    def _forget(self, text: str, error: str) -> None:
        self._dataset, self._analysis, self._loaded_key, self._error = None, None, None, error
        self.model.set_samples(None)
        self._show_message(text)

    def _input_shapes(self) -> list[list[int]]:
        nodes = {n.id: n for n in self.doc.project.nodes}
        shapes = []
        for node_id in self.doc.project.inputs:
            node = nodes.get(node_id)
            shape = node.config.get("shape", [1]) if node is not None else None
            if not (isinstance(shape, list) and shape and all(isinstance(d, int) and d > 0 for d in shape)):
                return []                 # an unfinished network: judge by the columns alone
            shapes.append(shape)
        return shapes

    # --- drawing ----------------------------------------------------------------------------
    def _draw(self, dataset: Dataset, a: Analysis) -> None:
        self._analysis = a
        self.model.set_samples(dataset, a.is_validation)
        self.summary.setText(self._summary_html(dataset, a))
        self.summary.setVisible(True)
        self._place_balance()
        if a.counts is not None:
            self.balance.show_counts(a.counts, a.class_names)
        x = dataset.inputs.reshape(len(dataset), -1)
        draw = {"scatter": self._draw_scatter, "line": self._draw_line, "images": self._draw_images,
                "sequences": self._draw_sequences}.get(a.kind)
        if draw is not None and draw(dataset, x, a) is not False:
            self._mode = a.kind
            self._show_page({"scatter": self.points, "line": self.points, "images": self.images,
                             "sequences": self.sequences}[a.kind])
        else:
            self._mode = "table"
            self._show_page(self.table)
        self.table_button.setEnabled(self._mode != "table")

    def _place_balance(self) -> None:
        """The class-balance bars beside the plot, when there are classes and room for both (the
        legend or the summary line names the counts anyway)."""
        a = self._analysis
        self.balance.setVisible(a is not None and a.counts is not None and self.width() >= BALANCE_MIN_PANEL)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._place_balance()

    def _show_page(self, page: QWidget) -> None:
        self._plot_page = page
        self._stack.setCurrentWidget(self.table if self.table_button.isChecked() else page)

    def _on_table_toggled(self, checked: bool) -> None:
        if self._mode not in ("", "message"):
            self._stack.setCurrentWidget(self.table if checked else self._plot_page)

    def _show_message(self, text: str) -> None:
        self._mode = "message" if text else ""
        self.message.setText(text)
        self.summary.setVisible(False)
        self.balance.setVisible(False)
        self.table_button.setEnabled(False)
        self._plot_page = self.message
        self._stack.setCurrentWidget(self.message)

    def _summary_html(self, dataset: Dataset, a: Analysis) -> str:
        columns = int(dataset.inputs.reshape(a.n, -1).shape[1])
        targets = 1 if dataset.targets.ndim == 1 else int(dataset.targets.reshape(a.n, -1).shape[1])
        counts = value = ""
        # Plots with a class legend name the counts there; images and tables name them here.
        if a.counts is not None and a.kind not in ("scatter", "line", "sequences"):
            counts = class_counts_text(a.class_names, [int(c) for c in a.counts])
        elif a.value is not None and len(a.value):
            value = value_range_text(dataset.target_names[0] if dataset.target_names else target_word(),
                                     fmt(float(a.value.min())), fmt(float(a.value.max())))
        return summary_html(a.n, a.n_train, a.n_val, columns, targets, counts, value)

    def _draw_scatter(self, dataset: Dataset, x: np.ndarray, a: Analysis) -> bool:
        keep = subsample(a.n)
        names = list(dataset.input_names[:2]) + ["x1", "x2"][len(dataset.input_names[:2]):]
        notes = []
        if len(keep) < a.n:
            notes.append(shown_text(len(keep), a.n))
        if a.classes is None and a.value is not None:
            target = dataset.target_names[0] if dataset.target_names else target_word()
            notes.append(colour_text(target, fmt(float(a.value.min())), fmt(float(a.value.max()))))
        self.points.show_points(
            x[keep, 0], x[keep, 1], a.is_validation[keep],
            classes=None if a.classes is None else a.classes[keep], names=a.class_names,
            value=None if a.value is None else a.value[keep], x_name=names[0], y_name=names[1],
            class_ticks=False, caption=" · ".join(n for n in notes if n), counts=a.counts)
        return True

    def _draw_line(self, dataset: Dataset, x: np.ndarray, a: Analysis) -> bool:
        keep = subsample(a.n)
        x_name = dataset.input_names[0] if dataset.input_names else self.tr("input")
        notes = []
        if len(keep) < a.n:
            notes.append(shown_text(len(keep), a.n))
        caption = " · ".join(n for n in notes if n)
        if a.classes is not None:
            self.points.show_points(x[keep, 0], a.classes[keep].astype(np.float64), a.is_validation[keep],
                                    classes=a.classes[keep], names=a.class_names, value=None,
                                    x_name=x_name, y_name=self.tr("class"), class_ticks=True, caption=caption,
                                    counts=a.counts)
            return True
        t = np.asarray(dataset.targets, dtype=np.float64).reshape(a.n, -1)[keep]
        width = t.shape[1]
        target_names = (list(dataset.target_names) + [f"y{j + 1}" for j in range(width)])[:width]
        # Every target column against the input, one colour each.
        self.points.show_points(np.tile(x[keep, 0], width), t.T.ravel(), np.tile(a.is_validation[keep], width),
                                classes=np.repeat(np.arange(width), len(keep)), names=target_names, value=None,
                                x_name=x_name, y_name=target_names[0] if width == 1 else target_word(),
                                class_ticks=False, caption=caption)
        return True

    def _draw_images(self, dataset: Dataset, x: np.ndarray, a: Analysis) -> bool:
        k = min(a.n, IMAGE_COUNT)
        images = x[:k].reshape(k, *a.image_shape)
        if a.classes is not None:
            # Named classes by name; bare indices (digits 0–9) read best as the number alone.
            names = dataset.class_names or []
            texts = [names[c] if c < len(names) else str(c) for c in a.classes[:k]]
        else:
            t = np.asarray(dataset.targets, dtype=np.float64).reshape(a.n, -1)
            texts = [", ".join(fmt(float(v)) for v in t[i][:3]) for i in range(k)]
        channels, h, w = a.image_shape
        size = f"{w}×{h}" + (f"×{channels}" if channels > 1 else "")
        self.images.show_images(images, texts, images_caption(k, a.n, size, a.classes is not None))
        return True

    def _draw_sequences(self, dataset: Dataset, x: np.ndarray, a: Analysis) -> bool:
        steps = a.steps
        if x.shape[1] % steps:
            return False
        features = x.shape[1] // steps
        k = min(a.n, SEQUENCE_COUNT)
        series = x[:k].reshape(k, steps, features)[:, :, 0]
        caption = sequences_caption(k, steps, features)
        self.sequences.show_sequences(series, None if a.classes is None else a.classes[:k], a.class_names,
                                      caption, a.counts)
        return True
