"""The interface's language: Qt's translation system (QTranslator and .qm catalogues).

The catalogue sources are `resources/i18n/nnstudio_<language>.ts` (made by `pyside6-lupdate`
from the `tr()` and `QCoreApplication.translate()` calls under nnstudio/ui, see
`scripts/update_translations.py`), built into `.qm` files that ship in the package. The window
follows the system's locale unless Settings name a language (View ▸ Language), which takes effect
at the next start: widgets read their texts once, when they are made. The command line stays
English. Qt's own strings (standard buttons, file dialogs) come from Qt's `qtbase_<language>.qm`
(its `qt_<language>.qm` only gathers catalogues of modules the PySide6 wheel may lack, and then
fails to load).
"""
from __future__ import annotations

from pathlib import Path

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication

CATALOGUES = Path(__file__).resolve().parent / "resources" / "i18n"
LANGUAGES = ("zh_CN",)          # the catalogues nnstudio ships, besides its own English
SETTING = "ui/language"         # "" (or absent): follow the system; else "en" or a LANGUAGES entry

# The interface's words outside a QObject's self.tr(): translate("Context", "text"), which lupdate
# extracts under that name. Tables made at import time hold QT_TRANSLATE_NOOP("Context", "text")
# and translate it where it is shown, because the catalogues are installed after the imports.
translate = QCoreApplication.translate


def chosen_language(settings: QSettings) -> str:
    """The language the user picked in View ▸ Language: "" for the system's."""
    value = settings.value(SETTING, "")
    return value if isinstance(value, str) and value in ("", "en", *LANGUAGES) else ""


def language_for(locale_name: str) -> str:
    """The catalogue for a locale name such as "zh_CN" or "zh_TW" ("en" when none fits)."""
    return "zh_CN" if locale_name.startswith("zh") else "en"


def ui_language(settings: QSettings) -> str:
    """The language the interface is shown in: the chosen one, or the system's."""
    return chosen_language(settings) or language_for(QLocale.system().name())


def has_font_for(language: str) -> bool:
    """Can this system draw `language`'s characters? nnstudio bundles no font: a Chinese interface
    needs a CJK font installed (fonts-noto-cjk on Debian/Ubuntu, present on Windows and macOS)."""
    if language != "zh_CN" or not isinstance(QCoreApplication.instance(), QGuiApplication):
        return True
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def install_translators(app: QCoreApplication, settings: QSettings) -> list[QTranslator]:
    """Install the catalogues of the interface's language into `app` (none for English). A
    language chosen apart from the system's also becomes the default locale, so code that asks
    QLocale() (the lessons' texts) follows it; otherwise the system's locale (its number format)
    stays. Returns the translators (children of `app`)."""
    language = ui_language(settings)
    if not has_font_for(language):      # boxes instead of characters would be worse than English
        logging.getLogger(__name__).warning("no font can show %s: the interface stays English", language)
        language = "en"
    if language != language_for(QLocale.system().name()):
        QLocale.setDefault(QLocale(language if language != "en" else "en_GB"))
    if language == "en":
        return []
    installed = []
    for name, folder in ((f"nnstudio_{language}", str(CATALOGUES)),
                         (f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))):
        translator = QTranslator(app)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
    return installed
