"""The `crisismap` command line.

Each sub-module registers its own sub-commands; see ARCHITECTURE.md for the contract.
Exit codes: 0 success, 2 bad input (one line on stderr naming file, row and field).
"""

from __future__ import annotations

import argparse
import importlib
import sys

from dashboard.errors import CrisismapError, UsageError  # noqa: F401  (UsageError: used by the sub-commands)

#: modules that each define `register(subparsers)`; a handler returns an exit code.
COMMAND_MODULES = ["geo", "articles", "data", "app"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crisismap", description="Offline-first crisis mapping.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"dashboard.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CrisismapError as exc:
        print(f"crisismap {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
