"""Finding this machine's processes by what their command line names, through /proc."""

from pathlib import Path


def processes_naming(path: Path) -> list[int]:
    """The pids of processes with `path` as one of their arguments (a helper's script or folder)."""
    wanted = str(path).encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                arguments = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if wanted in arguments:
                found.append(int(entry.name))
    return found


def parent_of(pid: int) -> int | None:
    """The parent's pid of a live process, None once it has gone."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])
