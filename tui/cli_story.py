"""The story-following subcommands of `broadsheet`: quotes, story, timeline, serve.

Registered by ``tui.cli.build_parser`` through :func:`register`. Like every headless command
these use ``reader`` only; article text passes through ``clean_line`` before printing.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui import cli_output as out


def _filter_flags(p: argparse.ArgumentParser) -> None:
    """The list's filter flags: --country, --since, --until, --query."""
    p.add_argument("--country", action="append", metavar="NAME", help="repeat for any of several")
    p.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--query", metavar="Q", help='filter language, e.g. "country:syria since:2024"')


def register(subparsers: Any) -> None:
    """Add `quotes`, `story`, `timeline` and `serve` to the `broadsheet` parser's subcommands."""

    def command(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(
            name, help=help_text, description=help_text
        )
        p.set_defaults(func=handler)
        p.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS, help="library file")
        return p

    p = command("quotes", cmd_quotes, "every quotation in the (filtered) library, by speaker")
    p.add_argument("--speaker", metavar="NAME", help='one speaker ("lavrov"; "unattributed")')
    _filter_flags(p)
    p.add_argument("--speakers", action="store_true", help="list the speakers with counts")
    p.add_argument("--json", action="store_true", help="a JSON list of quotes")

    p = command("serve", cmd_serve, "serve the app in a web browser (textual-serve)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public-url", metavar="URL", help="the URL browsers reach the server by")


def cmd_quotes(args: argparse.Namespace) -> int:
    """Print quotes grouped by speaker (newest first), speakers with counts, or JSON."""
    from tui.cli import first_run_samples, list_filter, open_library

    flt = list_filter(args)
    with open_library(args) as library:
        first_run_samples(library)
        if args.speakers:
            speakers = library.speakers(flt)
            entries = []
        else:
            speakers = []
            entries = library.quotes(flt, speaker=args.speaker, limit=1_000_000)
    if args.speakers:
        if args.json:
            out.print_json([{"speaker": name, "quotes": n} for name, n in speakers])
        else:
            for name, n in speakers:
                out.write(f"{n:>5}  {out.line(name)}\n")
        return 0
    if args.json:
        out.print_json([entry.to_json() for entry in entries])
        return 0
    current: str | None = None
    for entry in entries:
        name = out.line(entry.speaker_name)
        if name != current:
            out.write(("\n" if current is not None else "") + f"{name}\n")
            current = name
        where = " · ".join(
            part for part in (out.line(entry.outlet), out.date_text(entry.published)) if part
        )
        out.write(f"  {out.line(entry.text)}\n")
        out.write(f"      #{entry.article_id} {out.line(entry.title)}")
        out.write(f" ({where})\n" if where else "\n")
    if not entries:
        out.notice("No quotes match.")
    return 0


def serve_command(library: str | None) -> str:
    """The shell command textual-serve runs per browser session: this Python, the TUI."""
    import shlex
    import sys

    parts = [sys.executable, "-m", "tui.cli"]
    if library:
        parts += ["--library", library]
    return " ".join(shlex.quote(part) for part in parts)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the TUI over HTTP on ``--host``/``--port`` until interrupted."""
    from reader.errors import BroadsheetError
    from reader.paths import library_path

    try:
        from textual_serve.server import Server
    except ImportError:
        raise BroadsheetError("textual-serve is not installed", "serve") from None
    library = str(library_path(getattr(args, "library", None)))
    server = Server(
        serve_command(library),
        host=args.host,
        port=args.port,
        title="Broadsheet",
        public_url=args.public_url,
    )
    out.notice(f"Serving Broadsheet on {server.public_url} (ctrl+c stops)")
    server.serve()
    return 0
