"""The command line: python -m dashboard build | validate | serve | export | import ..."""

from __future__ import annotations

import argparse
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


def main(argv: list[str] | None = None) -> int:
    arguments = make_parser().parse_args(argv)
    return int(arguments.handler(arguments) or 0)


if __name__ == "__main__":
    sys.exit(main())
