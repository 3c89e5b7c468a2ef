"""`fernhilfe`: start the customer client."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

import platformdirs


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="fernhilfe", description="Fernhilfe remote support for customers")
    parser.add_argument("--server", help="development override: wss://HOST:PORT of the support server")
    parser.add_argument("--ca", type=Path, help="development override: the server's CA certificate (PEM)")
    parser.add_argument("--pin", help="SHA-256 of the CA certificate (hex) to require with --ca")
    return parser.parse_args(argv)


def _configure_logging() -> Path:
    log_dir = Path(platformdirs.user_log_dir("Fernhilfe", appauthor=False))
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "client.log"
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[logging.StreamHandler(sys.stderr), logging.FileHandler(log_file, encoding="utf-8")],
    )
    return log_file


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    _configure_logging()

    # Qt first: the QApplication must exist before any capture backend is opened.
    import qasync
    from PySide6.QtWidgets import QApplication, QMessageBox

    from client.app import CustomerApp
    from client.config import ConfigError, load_config
    from client.ui.i18n import install_translators

    qt_app = QApplication(sys.argv[:1])
    qt_app.setApplicationName("Fernhilfe")
    qt_app.setQuitOnLastWindowClosed(False)
    translators = install_translators(qt_app)
    try:
        config = load_config(args.server, args.ca, args.pin)
    except ConfigError as exc:
        logging.getLogger("fernhilfe").error("%s", exc)
        QMessageBox.critical(
            None,
            "Fernhilfe",
            qt_app.translate("Main", "Fernhilfe is not set up correctly: %1").replace("%1", str(exc)),
        )
        return 2

    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    app = CustomerApp(config)

    async def run() -> None:
        app.start()
        await app.finished.wait()
        await app.shutdown()

    with loop:
        loop.run_until_complete(run())
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
