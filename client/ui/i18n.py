"""Loads the German or English UI text for the system locale (English is the source text)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from client.resources import resources_dir


def install_translators(app: QCoreApplication, locale: QLocale | None = None) -> list[QTranslator]:
    """Install Fernhilfe's and Qt's own translations for `locale` (default: the system's).

    Returns the translators; keep them alive as long as the application runs.
    """
    chosen = locale if locale is not None else QLocale.system()
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(chosen, "fernhilfe", "_", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        installed.append(ours)
    qt_own = QTranslator(app)
    if qt_own.load(chosen, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
        installed.append(qt_own)
    return installed
