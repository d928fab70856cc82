"""The command line: python -m dashboard build | validate | serve | export | import ..."""

from __future__ import annotations

import argparse
import errno
import importlib
import sys

# Each module contributes its sub-commands through register(subparsers); every sub-command
# sets `handler`, a function taking the parsed arguments and returning the exit status.
COMMAND_MODULES = (
    "dashboard.cli.data_commands",
    "dashboard.cli.serve_command",
    "dashboard.export.cli",
    "dashboard.userdata.cli",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Tibet education poverty-alleviation dashboard (数据看板)",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


# Exit statuses: 0 done, 1 refused (the data has problems), 2 a usage or version error
# (unknown version, damaged log), 3 the system refused (disk full, read-only, permissions).
EXIT_SYSTEM = 3
_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
}


def main(argv: list[str] | None = None) -> int:
    arguments = make_parser().parse_args(argv)
    try:
        return int(arguments.handler(arguments) or 0)
    except OSError as error:
        # One line, no traceback: every writer writes to a temporary file and replaces the
        # target last, so a failed command leaves the files it was writing as they were.
        reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
        where = f": {error.filename}" if error.filename else ""
        print(f"{arguments.command} failed: {reason}{where}", file=sys.stderr)
        return EXIT_SYSTEM


if __name__ == "__main__":
    sys.exit(main())
