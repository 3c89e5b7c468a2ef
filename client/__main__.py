"""`fernhilfe`: start the customer client, or `fernhilfe --uninstall` to remove a kept one.

`fernhilfe --admin-helper …` is not for people: the elevation launcher starts a built client so
to run the administrator helper (client/admin_helper/__main__.py).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import multiprocessing
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from client.config import ClientConfig, support_phone_of
from client.diagnostics import RecentLog
from client.platform.desktop import qt_platform
from client.platform.display import XConnection, needs_x_display, open_x_display
from client.platform.elevate.base import HELPER_MODE
from client.platform.install import (
    Branding,
    Installer,
    InstallError,
    finish_run,
    keep_by_default,
    open_installer,
    origin_of,
    running_client,
    writes_log_file,
)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from client.platform.desktop import Desktop
    from client.platform.install.base import Origin
    from client.ui.number_dialog import SessionNumberDialog
    from client.ui.start_messages import StartProblem

log = logging.getLogger("fernhilfe")


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fernhilfe", description="Fernhilfe remote support for customers")
    parser.add_argument("--server", help="development override: wss://HOST:PORT of the support server")
    parser.add_argument("--ca", type=Path, help="development override: the server's CA certificate (PEM)")
    parser.add_argument("--pin", help="SHA-256 of the CA certificate (hex) to require with --ca")
    parser.add_argument(
        "--org-key",
        type=Path,
        help="development override: a file with the organisation key (fernhilfe-server org-key export)",
    )
    parser.add_argument(
        "--elevation-launcher",
        type=shlex.split,
        help="Linux: the program that starts the administrator helper as root (default: pkexec), "
        "e.g. 'sudo -n'",
    )
    parser.add_argument(
        "--position",
        type=_position,
        metavar="X,Y",
        help="development: where the number dialog opens (the demo puts it beside the console)",
    )
    parser.add_argument(
        "--uninstall", action="store_true", help="remove a Fernhilfe kept on this computer, then exit"
    )
    return parser.parse_args(argv)


def _position(text: str) -> tuple[int, int]:
    try:
        x, y = (int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("the position is X,Y in screen pixels, e.g. 1200,200") from None
    return x, y


def _configure_logging(to_file: bool) -> RecentLog:
    """stderr always (when there is one: a windowed .exe has none); the log file only if asked.

    Returns the in-memory tail of the log that "copy details for support" reports.
    """
    recent = RecentLog()
    handlers: list[logging.Handler] = [recent]
    if sys.stderr is not None:
        handlers.append(logging.StreamHandler(sys.stderr))
    if to_file:
        log_dir = platformdirs.user_log_path("Fernhilfe", appauthor=False)
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_dir / "client.log", encoding="utf-8"))
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s", handlers=handlers
    )
    return recent


def _uninstall(installer: Installer, running: Path | None) -> int:
    """Remove a kept client completely; safe to repeat."""
    was_kept = installer.is_installed()
    try:
        installer.uninstall(running)
    except InstallError as exc:
        from client.ui.start_messages import StartProblem  # Qt: only when something is wrong
        _say_without_window(StartProblem.NOT_REMOVED, str(exc))
        return 1
    if was_kept:
        print(f"Fernhilfe has been removed from this computer ({installer.layout.program}).")
    else:
        print("Fernhilfe was not kept on this computer; nothing is left of it.")
    return 0


def _say_without_window(problem: StartProblem, detail: str) -> None:
    """Print the message for `problem` on stderr, in the customer's language (Qt's translation
    needs an application, and there is no window to show it in)."""
    from PySide6.QtCore import QCoreApplication

    from client.ui.i18n import install_translators

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    translators = install_translators(app)
    from client.ui.start_messages import start_message  # Qt: only when something is wrong
    print(start_message(problem, detail, support_phone_of()), file=sys.stderr)
    for translator in translators:
        app.removeTranslator(translator)


def _hold_display() -> tuple[bool, XConnection | None]:
    """Reach the X display before Qt does (Qt would abort without a word); hold it until Qt has it.

    Returns whether Qt can go on, and the connection to close once the QApplication exists.
    """
    on_linux = sys.platform.startswith("linux")  # a plain bool: the check below runs everywhere
    if not on_linux or not needs_x_display(os.environ, getattr(sys, "frozen", False)):
        return True, None
    display = os.environ.get("DISPLAY", "")
    held = open_x_display(display)
    if held is None:
        log.error("the X display %r does not answer", display)
        from client.ui.start_messages import StartProblem  # Qt: only when something is wrong
        _say_without_window(StartProblem.NO_DISPLAY, display)
        return False, None
    return True, held


def use_qt_platform() -> None:
    """Set the Qt platform plugin this desktop needs before the QApplication is made."""
    platform = qt_platform(os.environ)
    if platform is not None:
        os.environ["QT_QPA_PLATFORM"] = platform


def _qt_application() -> QApplication:
    """The client's QApplication; on Wayland it runs on XWayland, where the watermark can be
    placed (client/platform/desktop/choice.py)."""
    from PySide6.QtWidgets import QApplication

    from client.ui.style import apply_style

    use_qt_platform()
    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("Fernhilfe")
    qt_app.setQuitOnLastWindowClosed(False)
    apply_style(qt_app)
    return qt_app


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [HELPER_MODE]:
        # A built client started by the elevation launcher: the headless helper, before Qt.
        from client.admin_helper.__main__ import main as helper_main

        return helper_main(argv[1:])
    return _client(argv)


def _client(argv: list[str]) -> int:
    args = _arguments(argv)
    installer = open_installer()
    running = running_client()
    if args.uninstall:
        _configure_logging(to_file=False)
        return _uninstall(installer, running)
    origin = origin_of(running, installer.layout)
    recent_log = _configure_logging(writes_log_file(origin))

    use_qt_platform()
    reached, held_display = _hold_display()
    if not reached:
        return 3

    # Qt first: the QApplication must exist before any capture backend is opened. Only what the
    # number dialog needs is imported before it is on the screen.
    from PySide6.QtWidgets import QMessageBox

    from client.config import ConfigError, load_config
    from client.ui.i18n import install_translators

    qt_app = _qt_application()
    if held_display is not None:
        held_display.close()
    translators = install_translators(qt_app)
    try:
        config = load_config(args.server, args.ca, args.pin, org_key_file=args.org_key)
        if args.elevation_launcher:
            config = dataclasses.replace(config, elevation_launcher=tuple(args.elevation_launcher))
    except ConfigError as exc:
        log.error("%s", exc)
        from client.ui.start_messages import StartProblem, start_message  # Qt: only when something is wrong
        text = start_message(StartProblem.NOT_SET_UP, str(exc), support_phone_of())
        QMessageBox.critical(None, "Fernhilfe", text)
        return 2

    desktop, number_dialog = _first_window(config, origin, args.position)

    # The session core, the event loop and the network stack load while the customer reads it.
    import asyncio

    import qasync

    from client.app import CustomerApp
    from client.receipt_file import receipts_dir

    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    app = CustomerApp(
        config,
        receipt_dir=receipts_dir(),
        origin=origin,
        recent_log=recent_log,
        desktop=desktop,
        number_dialog=number_dialog,
    )

    async def run() -> None:
        app.start()
        await app.finished.wait()
        await app.closed.wait()
        await app.receipts.closed.wait()
        await app.shutdown()

    with loop:
        loop.run_until_complete(run())

    _end_of_run(installer, running, app.number_dialog.keep_checkbox.isChecked(), config)
    del translators
    return 0


def _first_window(
    config: ClientConfig, origin: Origin, position: tuple[int, int] | None
) -> tuple[Desktop, SessionNumberDialog]:
    """The number dialog, on the screen and painted, unless this desktop cannot be shared (then
    the session says so first)."""
    from client.platform.desktop import detect_desktop
    from client.ui.first_show import show_painted
    from client.ui.number_dialog import number_dialog_for

    desktop = detect_desktop()
    number_dialog = number_dialog_for(config)
    number_dialog.keep_checkbox.setChecked(keep_by_default(origin))
    if position is not None:
        number_dialog.move(*position)
    if not desktop.needs_x11_session:
        show_painted(number_dialog)
    return desktop, number_dialog


def _end_of_run(installer: Installer, running: Path | None, keep: bool, config: ClientConfig) -> None:
    """Keep, remove or leave the client as the customer chose; say so if keeping failed."""
    from PySide6.QtWidgets import QMessageBox

    try:
        step = finish_run(installer, running, keep, Branding(config.organisation, config.logo))
    except InstallError as exc:
        log.error("%s", exc)
        if keep:
            from client.ui.start_messages import (  # Qt: only when something is wrong
                StartProblem,
                start_message,
            )
            text = start_message(StartProblem.NOT_KEPT, str(exc), config.support_phone)
            QMessageBox.warning(None, "Fernhilfe", text)
    else:
        log.info("end of run: %s (%s)", step.value, running or "running from source")


if __name__ == "__main__":
    # A frozen build's screen-capture worker (client/services/capture_process.py) is this same
    # executable: it must become the worker before anything else runs.
    multiprocessing.freeze_support()
    sys.exit(main())
