"""macOS: the signed Fernhilfe.app in ~/Applications, where Launchpad and Spotlight find it.

The client is an app bundle, not one file (a bare Mach-O would open in Terminal), so keeping and
removing work on the whole bundle. `ditto` copies it with its signature and extended attributes
intact. macOS lets a running bundle be deleted, so removal needs no helper process; a bundle
that macOS runs from a read-only place (a disk image, App Translocation) cannot remove itself,
which build/README.md explains.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from platformdirs import PlatformDirs

from client.platform.install.base import APP_NAME, Branding, Installer, InstallError, Layout, remove_all

BUNDLE = f"{APP_NAME}.app"
COPY_TIMEOUT_S = 120


def app_bundle_of(executable: Path) -> Path | None:
    """The .app bundle an executable belongs to (…/X.app/Contents/MacOS/x), or None."""
    parents = executable.parents
    if len(parents) >= 3 and parents[0].name == "MacOS" and parents[1].name == "Contents":
        bundle = parents[2]
        if bundle.suffix == ".app":
            return bundle
    return None


class MacInstaller(Installer):
    """Keeps Fernhilfe.app in ~/Applications, where it is its own launcher entry."""

    @classmethod
    def for_this_user(cls) -> MacInstaller:
        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            Layout(
                program=Path(dirs.user_applications_dir) / BUNDLE,
                client_dirs=(dirs.user_data_path, dirs.user_cache_path, dirs.user_log_path),
            )
        )

    def install(self, running: Path, branding: Branding) -> None:
        """The logo is already the bundle's icon (build/macos.sh), so `branding` adds nothing here."""
        program = self.layout.program
        if running.resolve() == program.resolve():
            return
        partial = program.with_name(f".{BUNDLE}.part")
        try:
            program.parent.mkdir(parents=True, exist_ok=True)
            remove_all([partial])
            subprocess.run(
                ["/usr/bin/ditto", str(running), str(partial)],
                check=True,
                capture_output=True,
                timeout=COPY_TIMEOUT_S,
            )
            remove_all([program])
            partial.rename(program)
        except (OSError, subprocess.SubprocessError) as exc:
            raise InstallError(f"cannot keep Fernhilfe in {program.parent}: {exc}") from exc

    def uninstall(self, running: Path | None) -> None:
        remove_all([self.layout.program, *self.layout.client_dirs])

    def remove_running(self, running: Path) -> None:
        remove_all([running])
