"""Where the user's settings live: what the window, the autosave and the error log read."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

SETTINGS_ENV = "NNSTUDIO_SETTINGS"


def default_settings() -> QSettings:
    """The user's settings (an ini file under the user's config folder), or the ini file named by
    $NNSTUDIO_SETTINGS, which tests and screenshot runs use to keep the real one untouched."""
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "nnstudio", "nnstudio")
