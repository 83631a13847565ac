"""The interface's translation catalogues (nnstudio/ui/i18n.py): every tr() string is in the
zh_CN catalogue with a translation, the shipped .qm says what the .ts says, and the language is
chosen from the system's locale or Settings."""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from nnstudio.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
TS = i18n.CATALOGUES / "nnstudio_zh_CN.ts"
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")     # characters and punctuation
LUPDATE = "from PySide6.scripts.pyside_tool import lupdate; lupdate()"


def messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation, its type attribute) of a .ts file."""
    found = {}
    for context in ET.parse(ts).getroot().findall("context"):
        name = context.find("name").text
        for message in context.findall("message"):
            translation = message.find("translation")
            found[(name, message.find("source").text)] = (translation.text or "", translation.get("type"))
    return found


def test_every_string_in_the_catalogue_is_translated():
    shipped = messages(TS)
    assert len(shipped) >= 40
    unfinished = [key for key, (text, kind) in shipped.items() if not text.strip() or kind is not None]
    assert unfinished == []
    # a Chinese translation, not the English source copied over
    # (a template of only values and punctuation, "{where}: {what}", takes Chinese punctuation)
    assert all(CHINESE.search(text) for text, _ in shipped.values())


def test_the_catalogue_holds_every_string_the_interface_marks_for_translation(tmp_path):
    """lupdate over nnstudio/ui finds no tr() / translate() string the catalogue lacks (a new
    string fails here until scripts/update_translations.py adds it and it is translated)."""
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "nnstudio" / "ui").rglob("*.py"))
    subprocess.run([sys.executable, "-c", LUPDATE, "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    extracted = set(messages(fresh))
    assert len(extracted) >= 40
    assert sorted(extracted - set(messages(TS))) == []
    assert sorted(set(messages(TS)) - extracted) == []       # nothing obsolete kept either


def test_the_shipped_qm_gives_the_catalogues_translations(qapp):
    translator = QTranslator()
    assert translator.load("nnstudio_zh_CN", str(i18n.CATALOGUES))
    for (context, source), (text, _) in messages(TS).items():
        assert translator.translate(context, source) == text, (context, source)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def restore_locale():
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_choosing_chinese_translates_the_interface(qapp, settings, restore_locale, monkeypatch):
    monkeypatch.setattr(i18n, "has_font_for", lambda language: True)    # CI may have no CJK font
    settings.setValue(i18n.SETTING, "zh_CN")
    assert i18n.ui_language(settings) == "zh_CN"
    installed = i18n.install_translators(qapp, settings)
    try:
        assert installed
        assert QCoreApplication.translate("LessonDock", "Lesson") == "课程"
        assert QCoreApplication.translate("Lesson", "Lesson {number} · {title}").format(number=2, title="XNOR") == \
            "第 2 课 · XNOR"
        assert QLocale().name().startswith("zh")     # the lessons' texts follow it (panels/lesson.py)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        assert [b.text() for b in buttons.buttons()] == ["保存", "取消"]      # Qt's own words too
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
    assert QCoreApplication.translate("LessonDock", "Lesson") == "Lesson"


def test_english_chosen_installs_nothing_and_the_system_locale_decides_otherwise(qapp, settings, restore_locale):
    settings.setValue(i18n.SETTING, "en")
    assert i18n.ui_language(settings) == "en" and i18n.install_translators(qapp, settings) == []
    assert QCoreApplication.translate("LessonDock", "Lesson") == "Lesson"
    settings.setValue(i18n.SETTING, "")
    assert i18n.ui_language(settings) == i18n.language_for(QLocale.system().name())
    assert i18n.language_for("zh_CN") == i18n.language_for("zh_TW") == "zh_CN"
    assert i18n.language_for("en_US") == i18n.language_for("de_DE") == "en"
    settings.setValue(i18n.SETTING, "klingon")                 # not offered: the system's
    assert i18n.chosen_language(settings) == ""


def test_the_language_menu_keeps_the_choice_for_the_next_start(open_window):
    w = open_window()
    menu = w.language
    assert [a.text() for a in menu.menu.actions()] == ["System language", "English", "简体中文"]
    assert menu.actions[""].isChecked()
    menu.actions["zh_CN"].trigger()
    assert w.settings.value(i18n.SETTING) == "zh_CN" and menu.actions["zh_CN"].isChecked()
    assert "starts again" in w.statusBar().currentMessage()
    assert w.lesson.dock.windowTitle() == "Lesson"          # this window keeps its language
    assert w.stack.count() == 0


def test_without_a_chinese_font_the_interface_stays_english(qapp, settings, restore_locale, monkeypatch):
    """nnstudio bundles no CJK font: with none installed, boxes would replace every character."""
    monkeypatch.setattr(i18n, "has_font_for", lambda language: language != "zh_CN")
    settings.setValue(i18n.SETTING, "zh_CN")
    assert i18n.install_translators(qapp, settings) == []
    assert QCoreApplication.translate("LessonDock", "Lesson") == "Lesson"
    assert not QLocale().name().startswith("zh")        # the lessons' texts stay English too


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d")


def test_every_translation_keeps_its_placeholders_and_markup():
    """A placeholder the source lacks would raise KeyError in format(); one dropped loses a value,
    except a plural ending glued to an English word ("column{1}": Chinese has no plural)."""
    for (context, source), (text, _) in messages(TS).items():
        wanted = PLACEHOLDER.findall(source.replace("{{", "").replace("}}", ""))
        found = PLACEHOLDER.findall(text.replace("{{", "").replace("}}", ""))
        assert set(found) <= set(wanted), (context, source, text)
        dropped = set(wanted) - set(found)
        assert all(re.search(r"[A-Za-z]" + re.escape(p), source) for p in dropped), (context, source, text)
        for mark in ("<b>", "</b>", "<br>", "<i>", "</i>", "&&"):
            assert source.count(mark) == text.count(mark), (context, source, text)
