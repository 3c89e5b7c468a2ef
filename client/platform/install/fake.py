"""A deterministic installer for tests: it records what it was asked to do and touches no disk."""

from __future__ import annotations

from pathlib import Path

from client.platform.install.base import Branding, Installer, InstallError, Layout

FAKE_ROOT = Path("/nonexistent/fernhilfe-fake")


class FakeInstaller(Installer):
    """`calls` lists (step, path) in order; `failure` makes every step raise InstallError."""

    def __init__(self, failure: str | None = None) -> None:
        super().__init__(
            Layout(
                program=FAKE_ROOT / "programs" / "fernhilfe",
                client_dirs=(FAKE_ROOT / "state" / "Fernhilfe",),
            )
        )
        self.failure = failure
        self.installed = False
        self.calls: list[tuple[str, Path | None]] = []
        self.branding: Branding | None = None

    def is_installed(self) -> bool:
        return self.installed

    def install(self, running: Path, branding: Branding) -> None:
        self._record("install", running)
        self.installed = True
        self.branding = branding

    def uninstall(self, running: Path | None) -> None:
        self._record("uninstall", running)
        self.installed = False

    def remove_running(self, running: Path) -> None:
        self._record("remove_running", running)

    def _record(self, step: str, path: Path | None) -> None:
        self.calls.append((step, path))
        if self.failure is not None:
            raise InstallError(self.failure)
