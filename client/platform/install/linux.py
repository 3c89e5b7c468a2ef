"""Linux: the executable in ~/.local/bin, an XDG desktop entry, and plain unlink for removal.

`~/.local/bin` is where the XDG base-directory specification puts a user's executables (most
distributions put it on PATH, so `fernhilfe --uninstall` works in a terminal); the desktop entry
goes to `$XDG_DATA_HOME/applications`, where every desktop's menu finds it. Linux lets a running
executable be unlinked, so removal needs no helper process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from platformdirs import PlatformDirs

from client.platform.install.base import APP_NAME, Branding, Installer, InstallError, Layout, remove_all

DESKTOP_FILE = "fernhilfe.desktop"
EXECUTABLE = "fernhilfe"
ICON = "fernhilfe.png"


def string_value(text: str) -> str:
    """`text` as a desktop-entry string: one line, backslashes escaped."""
    if any(character in text for character in "\n\r"):
        raise InstallError(f"{text!r} cannot be written into a desktop entry")
    return text.replace("\\", "\\\\")


def exec_argument(path: Path) -> str:
    """`path` as one argument of an Exec key: quoted, reserved characters escaped, % doubled."""
    text = str(path)
    for reserved in ("\\", '"', "`", "$"):
        text = text.replace(reserved, "\\" + reserved)
    return string_value('"' + text + '"').replace("%", "%%")


def desktop_entry(program: Path, icon: Path | None, organisation: str) -> str:
    """The menu entry of a kept client. German is the one translation the client ships."""
    command = exec_argument(program)
    organisation = string_value(" ".join(organisation.split()))
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.5",
        f"Name={APP_NAME}",
        "GenericName=Remote support",
        "GenericName[de]=Fernwartung",
        f"Comment=Remote support by {organisation}: you decide what the expert may see and do",
        f"Comment[de]=Fernwartung durch {organisation}: "
        "Sie entscheiden, was die Fachkraft sehen und tun darf",
        f"Exec={command}",
        f"TryExec={string_value(str(program))}",
        *([f"Icon={string_value(str(icon))}"] if icon is not None else []),
        "Terminal=false",
        "Categories=Network;RemoteAccess;",
        "Actions=uninstall;",
        "",
        "[Desktop Action uninstall]",
        "Name=Remove Fernhilfe from this computer",
        "Name[de]=Fernhilfe von diesem Computer entfernen",
        f"Exec={command} --uninstall",
        "",
    ]
    return "\n".join(lines)


def replace_file(source: Path, target: Path, mode: int) -> None:
    """Copy `source` over `target` in one step, so a half-written copy is never left in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, partial)
    partial.chmod(mode)
    os.replace(partial, target)


def replace_text(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, target)


class LinuxInstaller(Installer):
    """Keeps the client in ~/.local/bin with a desktop entry; its logo goes to its data folder."""

    def __init__(self, program: Path, desktop_file: Path, icon: Path, client_dirs: tuple[Path, ...]) -> None:
        super().__init__(Layout(program, client_dirs))
        self.desktop_file = desktop_file
        self.icon = icon

    @classmethod
    def for_this_user(cls) -> LinuxInstaller:
        dirs = PlatformDirs(APP_NAME, appauthor=False)
        return cls(
            program=Path(dirs.user_bin_dir) / EXECUTABLE,
            desktop_file=Path(dirs.user_applications_dir) / DESKTOP_FILE,
            icon=dirs.user_data_path / ICON,
            client_dirs=(
                dirs.user_data_path,
                dirs.user_state_path,
                dirs.user_config_path,
                dirs.user_cache_path,
            ),
        )

    def install(self, running: Path, branding: Branding) -> None:
        program = self.layout.program
        try:
            if running.resolve() != program.resolve():
                replace_file(running, program, 0o755)
            icon = None
            if branding.logo is not None and branding.logo.is_file():
                replace_file(branding.logo, self.icon, 0o644)
                icon = self.icon
            replace_text(self.desktop_file, desktop_entry(program, icon, branding.organisation))
        except OSError as exc:
            raise InstallError(f"cannot keep Fernhilfe in {program.parent}: {exc}") from exc

    def uninstall(self, running: Path | None) -> None:
        remove_all([self.desktop_file, self.layout.program, *self.layout.client_dirs])

    def remove_running(self, running: Path) -> None:
        remove_all([running])
