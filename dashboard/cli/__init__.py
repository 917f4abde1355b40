"""The `crisismap` command line.

Each sub-module registers its own sub-commands; see ARCHITECTURE.md for the contract.
Exit codes: 0 success, 2 bad input (one line on stderr naming file, row and field).
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: modules that each define `register(subparsers)`; a handler returns an exit code.
COMMAND_MODULES = ["geo", "articles", "data", "app"]


class UsageError(Exception):
    """Bad input: printed as one line on stderr, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="crisismap", description="Offline-first crisis mapping.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"dashboard.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"dashboard.cli.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"crisismap {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
