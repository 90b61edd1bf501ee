"""Command-line interface ``vbpl-parser``: one module per command, registered here.

Each command module exposes ``register(subparsers)`` which adds its sub-command and sets
``func`` (taking the parsed arguments, returning the exit status).
"""
from __future__ import annotations

import argparse
from collections.abc import Callable

from .. import __version__
from . import parse_cmd, render_cmd, tasks_cmd
from .parse_cmd import document_json, schema_json, write_atomic

COMMANDS = [parse_cmd, render_cmd, tasks_cmd]

__all__ = ["main", "build_parser", "document_json", "schema_json", "write_atomic"]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="vbpl-parser", description="Vietnamese administrative/legal documents to JSON")
    ap.add_argument("--version", action="version", version=f"vbpl-parser {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func  # set by the sub-command's register()
    return func(args)
