"""The palette: every registered node kind, plus a column of neurons, to drag onto the canvas.

Dragging an entry starts a QDrag carrying `mime.palette_mime(payload)`; double-clicking it (or
pressing Enter on it) emits `insertRequested(payload)` so the main window can add it beside the
node added last (canvas/placement.py). A payload is {"kind": k}, or {"kind": "neuron_column", "count": N}.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QFont, QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QSpinBox, QVBoxLayout, QWidget)

from nnstudio.project import registry
from nnstudio.ui import mime
from nnstudio.ui.domain_i18n import kind_text
from nnstudio.ui.i18n import translate
from nnstudio.ui.resources import icons

KIND_ROLE = Qt.ItemDataRole.UserRole            # the kind an entry adds ("" for section headers)
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1      # lower-case text the filter matches
CATEGORY_TITLES = {"input": QT_TRANSLATE_NOOP("Palette", "Inputs"), "neuron": QT_TRANSLATE_NOOP("Palette", "Neurons"),
                   "layer": QT_TRANSLATE_NOOP("Palette", "Layers")}
MAX_COLUMN = 64


class _KindList(QListWidget):
    """The entries. Drags carry palette MIME data; Enter inserts the current entry."""

    def __init__(self, owner: "Palette") -> None:
        super().__init__(owner)
        self._owner = owner
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setIconSize(QSize(28, 28))
        self.setSpacing(1)
        self.setUniformItemSizes(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802 (Qt override)
        item = self.currentItem()
        kind = item.data(KIND_ROLE) if item is not None else ""
        if not kind:
            return
        drag = QDrag(self)
        drag.setMimeData(self._owner.mime_data(kind))
        drag.setPixmap(icons.kind_pixmap(kind, 36))
        drag.setHotSpot(QPoint(18, 18))
        drag.exec(Qt.DropAction.CopyAction)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None and item.data(KIND_ROLE):
            self._owner.request_insert(item.data(KIND_ROLE))
            event.accept()
            return
        super().keyPressEvent(event)


class Palette(QWidget):
    """A filterable list of node kinds with icons and tooltips, and the size of a neuron column."""

    insertRequested = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setToolTip(self.tr("Type to show only the matching kinds; Enter adds the first match"))
        hint = QLabel(self.tr("Drag onto the canvas, or double-click to add."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)               # the disabled palette colour: a quiet hint
        self.list = _KindList(self)
        self.column_count = QSpinBox(self)
        self.column_count.setRange(1, MAX_COLUMN)
        self.column_count.setValue(3)
        self.column_count.setToolTip(self.tr("How many neurons the “Column of neurons” entry adds"))
        count_row = QHBoxLayout()
        count_row.addWidget(QLabel(self.tr("Neurons per column"), self))
        count_row.addStretch(1)
        count_row.addWidget(self.column_count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(count_row)

        self._items: dict[str, QListWidgetItem] = {}
        self._fill()
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._insert_first_match)
        self.column_count.valueChanged.connect(self._update_column_entry)
        self.list.itemDoubleClicked.connect(self._on_double_click)

    # --- public -------------------------------------------------------------------------------
    def kinds(self) -> list[str]:
        """The kinds the palette offers, in display order (registry kinds and "neuron_column")."""
        return list(self._items)

    def item(self, kind: str) -> QListWidgetItem:
        return self._items[kind]

    def payload(self, kind: str) -> dict:
        """What dragging or inserting `kind` carries."""
        if kind == mime.NEURON_COLUMN:
            return {"kind": kind, "count": self.column_count.value()}
        return {"kind": kind}

    def mime_data(self, kind: str) -> QMimeData:
        return mime.palette_mime(self.payload(kind))

    def request_insert(self, kind: str) -> None:
        """Emit insertRequested for `kind` (what a double-click or Enter does)."""
        self.insertRequested.emit(self.payload(kind))

    # --- building -----------------------------------------------------------------------------
    def _entries(self) -> list[tuple[str, list[str]]]:
        """(category, kinds) in registry order; the neuron column ends the neurons' category."""
        groups: dict[str, list[str]] = {}
        for name, spec in registry.KINDS.items():
            groups.setdefault(spec.category, []).append(name)
        if "neuron" in groups:          # the category, not a kind: a column of the neurons there
            groups["neuron"].append(mime.NEURON_COLUMN)
        order = [c for c in CATEGORY_TITLES if c in groups] + [c for c in groups if c not in CATEGORY_TITLES]
        return [(c, groups[c]) for c in order]

    def _fill(self) -> None:
        header_font = QFont(self.font())
        header_font.setBold(True)
        header_font.setPointSizeF(max(6.0, header_font.pointSizeF() * 0.9))
        for category, kinds in self._entries():
            title = CATEGORY_TITLES.get(category)
            header = QListWidgetItem(translate("Palette", title) if title else category.capitalize())
            header.setFlags(Qt.ItemFlag.NoItemFlags)    # not selectable, not draggable
            header.setFont(header_font)
            header.setData(KIND_ROLE, "")
            self.list.addItem(header)
            for kind in kinds:
                item = QListWidgetItem(icons.kind_icon(kind), "")
                item.setData(KIND_ROLE, kind)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsDragEnabled)
                self._items[kind] = item
                self.list.addItem(item)
                self._describe(item, kind)

    def _describe(self, item: QListWidgetItem, kind: str) -> None:
        # The filter matches the shown words and the English ones (kind names, tutorials' words).
        if kind == mime.NEURON_COLUMN:
            n = self.column_count.value()
            title, extra = self.tr("Column of {count} neurons").format(count=n), "neuron column layer stack"
            english = f"Column of {n} neurons {extra}"
        else:
            spec = registry.KINDS[kind]
            title, extra = kind_text(spec.title), f"{kind} {kind_text(spec.description)}"
            english = f"{spec.title} {kind} {spec.description}"
        item.setText(title)
        item.setToolTip(icons.kind_tooltip(kind, self.column_count.value()))
        search = f"{title} {extra}"
        if search != english:          # in another language: the English words match too
            search += f" {english}"
        item.setData(SEARCH_ROLE, search.lower())

    def _update_column_entry(self) -> None:
        self._describe(self._items[mime.NEURON_COLUMN], mime.NEURON_COLUMN)

    # --- filtering and inserting --------------------------------------------------------------
    def _apply_filter(self, text: str) -> None:
        words = text.lower().split()
        header: QListWidgetItem | None = None
        header_visible = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.data(KIND_ROLE):
                if header is not None:
                    header.setHidden(not header_visible)
                header, header_visible = item, False
                continue
            shown = all(w in item.data(SEARCH_ROLE) for w in words)
            item.setHidden(not shown)
            header_visible = header_visible or shown
        if header is not None:
            header.setHidden(not header_visible)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            first = self._first_match()
            if first is not None:
                self.list.setCurrentItem(first)
            else:
                self.list.clearSelection()

    def _first_match(self) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KIND_ROLE) and not item.isHidden():
                return item
        return None

    def _insert_first_match(self) -> None:
        current = self.list.currentItem()
        item = current if current is not None and not current.isHidden() and current.data(KIND_ROLE) \
            else self._first_match()
        if item is not None:
            self.request_insert(item.data(KIND_ROLE))

    def _on_double_click(self, item: QListWidgetItem) -> None:
        if item.data(KIND_ROLE):
            self.request_insert(item.data(KIND_ROLE))
