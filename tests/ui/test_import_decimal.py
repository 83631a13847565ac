"""Issue 10: the import dialog detects a semicolon CSV with decimal commas, shows a "Decimal comma"
box beside the delimiter, types the columns as numbers, and imports a source with decimal ","."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from nnstudio.project.io import save_project
from nnstudio.project.model import Project
from nnstudio.training.runner import TrainingRun
from nnstudio.ui.dialogs.import_dialog import ImportDialog, apply_import

CENTRES = np.array([[5.0, 3.4], [5.9, 2.8], [6.6, 3.0]])
SPECIES = ["setosa", "versicolor", "virginica"]


@pytest.fixture
def window(open_window):
    return open_window(show=False)


def european(path, rows: int = 60) -> np.ndarray:
    """Two measurements written as spreadsheets in much of Europe save them: 5,012;3,4;setosa."""
    rng = np.random.default_rng(3)
    labels = np.arange(rows) % 3
    x = CENTRES[labels] + rng.normal(0.0, 0.1, size=(rows, 2))
    lines = ["länge;breite;art"] + [f"{a:.3f};{b:.3f};{SPECIES[k]}".replace(".", ",")
                                    for (a, b), k in zip(x, labels)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return np.round(x, 3)


def dialog_for(qtbot, window, path) -> ImportDialog:
    dialog = ImportDialog(str(path), window.doc.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_decimal_comma_file_is_detected_previewed_and_imported(qtbot, window, tmp_path):
    x = european(tmp_path / "mess.csv")
    save_project(Project(), str(tmp_path / "project.json"))
    assert window.files.open_path(str(tmp_path / "project.json"))
    dialog = dialog_for(qtbot, window, tmp_path / "mess.csv")
    page = dialog.page
    assert page.delimiter == ";" and page.header_check.isChecked()
    assert page.decimal_check.isChecked() and page.decimal == ","
    assert page.decimal_check.text() == "Decimal comma"
    assert "decimal commas" in page.detected_label.text()
    assert page.preview.column_types == ["number", "number", "text"]
    assert [page.role(k) for k in range(3)] == ["input", "input", "target"]
    assert dialog.ok_button.isEnabled(), dialog.error_label.text()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ImportDialog.DialogCode.Accepted and apply_import(window, dialog)
    source = window.doc.project.data.source
    assert (source["delimiter"], source["decimal"]) == (";", ",")
    dataset = TrainingRun(window.doc.project).dataset
    np.testing.assert_allclose(dataset.inputs, x, atol=1e-12)       # 5,012 is 5.012
    assert dataset.class_names == sorted(SPECIES)


def test_unticking_decimal_comma_turns_the_columns_to_text_and_says_which_box_to_tick(qtbot, window, tmp_path):
    european(tmp_path / "mess.csv")
    dialog = dialog_for(qtbot, window, tmp_path / "mess.csv")
    page = dialog.page
    page.decimal_check.setChecked(False)
    assert page.preview.column_types == ["text", "text", "text"]
    page.set_role(0, "input")
    assert dialog.error_label.text() == ('Column "länge" holds numbers written with a decimal comma (3,14): '
                                         "tick “Decimal comma” to read them as numbers.")
    assert not dialog.ok_button.isEnabled()
    page.decimal_check.setChecked(True)
    assert page.preview.column_types == ["number", "number", "text"]
    assert dialog.ok_button.isEnabled() and dialog.error_label.isHidden()


def test_a_decimal_point_file_leaves_the_box_unticked(qtbot, window, tmp_path):
    (tmp_path / "plain.csv").write_text("a;b;y\n1.5;2.25;0\n3.5;4.75;1\n0.5;1.0;0\n", encoding="utf-8")
    dialog = dialog_for(qtbot, window, tmp_path / "plain.csv")
    page = dialog.page
    assert page.delimiter == ";" and not page.decimal_check.isChecked()
    assert page.preview.column_types == ["number", "number", "number"]
    page.decimal_check.setChecked(True)                              # a wrong tick is explained
    assert page.preview.column_types == ["text", "text", "number"]
    page.set_role(0, "input")
    assert "untick “Decimal comma”" in dialog.error_label.text()
