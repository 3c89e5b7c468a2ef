"""A customer who is not an administrator: a system user the tests create, who runs the real
client from a copy of the source it can read, with `sudo -n` allowed for exactly the helper
command (pkexec's stand-in; polkit cannot run without a system bus here).

The copy is made of hard links (the same files, no data copied) into a world-readable folder,
because the repository and the interpreter the suite runs with may sit under /root. The client
runs with a system Python of the same version as the suite's, on the suite's site-packages.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.server_process import REPO_ROOT

USER = "fernhilfe-test"
SUDOERS = Path("/etc/sudoers.d/fernhilfe-test")


@dataclass(frozen=True)
class UnprivilegedUser:
    name: str
    uid: int
    gid: int
    root: Path
    """World-readable folder holding `src/`, `site-packages/`, `home/` (the user's) and `ca.pem`."""
    python: str

    @property
    def src(self) -> Path:
        return self.root / "src"

    @property
    def helper_script(self) -> Path:
        return self.src / "client" / "admin_helper" / "__main__.py"

    def command(self, *argv: str) -> list[str]:
        """`argv` run as this user (same process: setpriv execs, so pids are the program's)."""
        return ["setpriv", f"--reuid={self.uid}", f"--regid={self.gid}", "--init-groups", *argv]

    def python_code(self, code: str, *arguments: str) -> list[str]:
        """Python as this user, with the suite's packages and the copied source importable."""
        boot = (
            "import site, sys; "
            f"site.addsitedir({str(self.root / 'site-packages')!r}); "
            f"sys.path.insert(0, {str(self.src)!r}); "
        )
        return self.command(self.python, "-c", boot + code, *arguments)

    def env(self) -> dict[str, str]:
        home = self.root / "home"
        return {
            "HOME": str(home),
            "PATH": "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin",
            "DISPLAY": os.environ.get("DISPLAY", ""),
            "XDG_RUNTIME_DIR": str(home / "runtime"),
            "LANGUAGE": "en",
            "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "xcb",
        }


def _system_python() -> str:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"):
        if os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(f"no system Python {version} for the unprivileged customer (apt-get install python{version})")


def _ensure_user() -> pwd.struct_passwd:
    try:
        return pwd.getpwnam(USER)
    except KeyError:
        subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], check=True)
        return pwd.getpwnam(USER)


@pytest.fixture(scope="session")
def unprivileged_user() -> Iterator[UnprivilegedUser]:
    if os.getuid() != 0:
        pytest.fail("creating the unprivileged customer needs root, as in CI")
    account = _ensure_user()
    root = Path(tempfile.mkdtemp(prefix="fernhilfe-unprivileged-"))
    try:
        root.chmod(0o755)
        site_packages = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
        subprocess.run(["cp", "-al", str(site_packages), str(root / "site-packages")], check=True)
        (root / "src").mkdir()
        for part in ("client", "protocol", "resources"):
            subprocess.run(["cp", "-al", str(REPO_ROOT / part), str(root / "src" / part)], check=True)
        home = root / "home"
        (home / "runtime").mkdir(parents=True)
        for folder in (home, home / "runtime"):
            os.chown(folder, account.pw_uid, account.pw_gid)
        (home / "runtime").chmod(0o700)
        user = UnprivilegedUser(USER, account.pw_uid, account.pw_gid, root, _system_python())
        rule = f"{USER} ALL=(root) NOPASSWD: {user.python} -I {user.helper_script} *\n"
        SUDOERS.parent.mkdir(exist_ok=True)
        SUDOERS.write_text(rule, encoding="ascii")
        SUDOERS.chmod(0o440)
        subprocess.run(["visudo", "-cqf", str(SUDOERS)], check=True)
        yield user
    finally:
        SUDOERS.unlink(missing_ok=True)
        shutil.rmtree(root, ignore_errors=True)
