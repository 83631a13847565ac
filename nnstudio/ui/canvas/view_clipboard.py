"""The canvas view's clipboard edits: copy, cut, paste and duplicate the selected nodes (and the
edges among them), each pushed on the undo stack as one command. A base class of CanvasView
(view.py), whose selection, document, stack and status message it uses."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from nnstudio.errors import ProjectError
from nnstudio.project import editing, registry
from nnstudio.ui import mime
from nnstudio.ui.commands.edits import add_items, remove_items
from nnstudio.ui.wording import error_text

PASTE_OFFSET = 40.0


class ClipboardEdits:
    """Mixed into CanvasView."""

    _paste_count = 0

    def copy_selection(self) -> bool:
        """Put the selected nodes (and the edges among them) on the clipboard."""
        nodes, _ = self.selected_ids()
        if not nodes:
            self.statusMessage.emit(self.tr("Select nodes to copy"))
            return False
        QGuiApplication.clipboard().setMimeData(mime.fragment_mime(editing.fragment(self.doc.project, nodes)))
        self._paste_count = 0
        text = self.tr("Copied {count} node") if len(nodes) == 1 else self.tr("Copied {count} nodes")
        self.statusMessage.emit(text.format(count=len(nodes)))
        return True

    def cut_selection(self) -> bool:
        nodes, edges = self.selected_ids()
        if not self.copy_selection():
            return False
        self.stack.push(remove_items(self.doc, nodes, edges, self.tr("Cut")))
        return True

    def paste(self) -> bool:
        """Paste the clipboard's nodes with fresh ids, a little offset each time."""
        fragment = mime.fragment_payload(QGuiApplication.clipboard().mimeData())
        self._paste_count += 1
        offset = PASTE_OFFSET * self._paste_count
        texts = (self.tr("Paste {count} node"), self.tr("Paste {count} nodes"))
        return self._add_fragment(fragment, (offset, offset), texts)

    def duplicate_selection(self) -> bool:
        nodes, _ = self.selected_ids()
        if not nodes:
            self.statusMessage.emit(self.tr("Select nodes to duplicate"))
            return False
        fragment = editing.fragment(self.doc.project, nodes)
        texts = (self.tr("Duplicate {count} node"), self.tr("Duplicate {count} nodes"))
        return self._add_fragment(fragment, (PASTE_OFFSET, PASTE_OFFSET), texts)

    def _add_fragment(self, fragment: object, offset: tuple[float, float], texts: tuple[str, str]) -> bool:
        """Add `fragment`'s nodes as one undo step named by texts[0] (one node) or texts[1]."""
        if fragment is None:
            self.statusMessage.emit(self.tr("Cannot paste: clipboard: holds no nnstudio nodes"))
            return False
        try:
            nodes, edges = editing.paste(self.doc.project, fragment, offset)   # type: ignore[arg-type]
        except ProjectError as exc:
            self.statusMessage.emit(self.tr("Cannot paste: {error}").format(error=error_text(str(exc))))
            return False
        if not nodes:
            self.statusMessage.emit(self.tr("Nothing to paste"))
            return False
        inputs = [n.id for n in nodes if registry.kind(n.kind).category == "input"]  # listed to be used
        text = texts[len(nodes) != 1].format(count=len(nodes))
        self.stack.push(add_items(self.doc, nodes, edges, text, inputs=inputs))
        self.select_ids([n.id for n in nodes], [e.id for e in edges])
        return True
