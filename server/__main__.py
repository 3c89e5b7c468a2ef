"""`python -m server` and the `fernhilfe-server` entry point."""

import sys

from server.cli import main as _run


def main() -> None:
    sys.exit(_run())


if __name__ == "__main__":
    main()
