"""The `explorer` command line: a thin layer over the library.

Each command lives in its own module with a `register(subparsers)` function.
Exit status: 0 ok, 1 rule-pack problems found by `lint`, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from ..disclaimer import DISCLAIMER
from ..errors import ExplorerError, RulePackError
from . import catalogue, coverage, evaluate, lint, sweep

COMMANDS = [evaluate, lint, catalogue, sweep, coverage]
MAX_ERROR_LINE = 500
TRACEBACK_ENV = "EXPLORER_TRACEBACK"  # set to 1 to see the traceback of an internal error


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="explorer",
        description="Explore the treatment options five source documents discuss for a spinal-tumour teaching scenario.",
        epilog=DISCLAIMER,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.register(sub)
    return parser


def error_line(message: str) -> None:
    """One line on stderr (newlines folded, at most MAX_ERROR_LINE characters); silent if stderr is closed."""
    line = " ".join(f"explorer: {message}".split())
    if len(line) > MAX_ERROR_LINE:
        line = line[:MAX_ERROR_LINE - 3] + "..."
    try:
        print(line, file=sys.stderr)
    except (OSError, ValueError):
        pass


def _discard_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush cannot fail (and print) again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:
        error_line("standard output is closed; nothing can be written")
        return 2
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()
        return code
    except RulePackError as exc:
        for problem in exc.problems:
            error_line(f"rule pack: {problem}")
        return 2
    except ExplorerError as exc:
        error_line(str(exc))
        return 2
    except KeyboardInterrupt:
        error_line("interrupted")
        return 130
    except BrokenPipeError:  # the reader went away (`explorer rules | head`): not an error
        _discard_stdout()
        return 0
    except OSError as exc:  # writing the output failed, e.g. a full disk or /dev/full
        _discard_stdout()
        error_line(f"cannot write the output: {exc.strerror or exc}")
        return 2
    except (RecursionError, MemoryError) as exc:
        error_line(f"the input is too large or too deeply nested ({type(exc).__name__})")
        return 2
    except Exception as exc:
        if os.environ.get(TRACEBACK_ENV):
            raise
        error_line(f"internal error: {type(exc).__name__}: {exc} (set {TRACEBACK_ENV}=1 for the traceback; please report)")
        return 1
