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

    p = command("stories", cmd_stories, "the (filtered) list with one row per story")
    _filter_flags(p)
    p.add_argument("--regroup", action="store_true", help="recompute every story first")
    p.add_argument("--json", action="store_true", help="a JSON list of story rows")

    p = command("story", cmd_story, "every version of the story an article belongs to")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="a JSON list of article summaries")

    p = command("timeline", cmd_timeline, "articles per week for each country, as bars")
    _filter_flags(p)
    p.add_argument("--json", action="store_true", help="weekly counts as JSON")

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


def cmd_stories(args: argparse.Namespace) -> int:
    """List one row per story: newest version, "+N more" and the outlets."""
    from tui.cli import first_run_samples, list_filter, open_library

    flt = list_filter(args)
    with open_library(args) as library:
        first_run_samples(library)
        if args.regroup:
            grouped = library.regroup_stories()
            out.notice(f"Regrouped: {grouped} stories told by more than one article")
        rows = library.summaries(flt, limit=1_000_000, group_stories=True)
    if args.json:
        out.print_json([row.to_json() for row in rows])
        return 0
    for row in rows:
        more = f"  +{row.story_size - 1} more" if row.story_size > 1 else ""
        outlets = ", ".join(out.line(o) for o in row.story_outlets) or out.line(row.outlet)
        when = out.date_text(row.published)[:10] or "undated"
        out.write(f"{row.id:>6}  {when:<10}  {out.line(row.title)}{more}  ({outlets})\n")
    return 0


def cmd_story(args: argparse.Namespace) -> int:
    """Print every version of one story, newest first."""
    from tui.cli import article_id, open_library

    with open_library(args) as library:
        versions = library.story_of(article_id(args.id))
    out.print_summaries(versions, as_json=args.json)
    return 0


def timeline_lines(series: dict[str, list[tuple[Any, int]]], width: int) -> list[str]:
    """Bars per country for a terminal ``width`` cells wide (several weeks a cell if need be)."""
    bars = " ▁▂▃▄▅▆▇█"
    names = list(series)
    weeks = len(series[names[0]]) if names else 0
    if not weeks:
        return ["No dated articles match."]
    label = min(max(len(n) for n in names) + 1, 16)
    cells = max(10, width - label - 8)
    per = max(1, -(-weeks // cells))
    packed = {
        name: [sum(n for _, n in values[i : i + per]) for i in range(0, weeks, per)]
        for name, values in series.items()
    }
    peak = max((max(v) for v in packed.values()), default=0) or 1
    lines = []
    for name, values in packed.items():
        row = "".join(bars[0] if n == 0 else bars[max(1, round(n / peak * 8))] for n in values)
        lines.append(f"{out.line(name)[: label - 1]:<{label}}{row} {sum(values)}")
    first, last = series[names[0]][0][0], series[names[0]][-1][0]
    unit = f"{per} weeks" if per > 1 else "week"
    lines.append(f"{'':<{label}}{first} to week of {last}; one cell = {unit}, peak {peak}")
    return lines


def cmd_timeline(args: argparse.Namespace) -> int:
    """Print weekly article counts per country (the filter's countries, or everything)."""
    import shutil

    from tui.cli import first_run_samples, list_filter, open_library

    flt = list_filter(args)
    with open_library(args) as library:
        first_run_samples(library)
        series = library.weekly_counts(flt, sorted(flt.countries))
    if args.json:
        out.print_json(
            {
                name: [[monday.isoformat(), n] for monday, n in values]
                for name, values in series.items()
            }
        )
        return 0
    for line in timeline_lines(series, shutil.get_terminal_size().columns):
        out.write(line + "\n")
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
