"""The `broadsheet` command: headless subcommands over the core, or the TUI with no arguments.

Headless commands use ``reader`` only (and rich for `show`); the Textual app is imported
only when it is opened. Every expected failure prints ``broadsheet: <source>: <reason>`` on
stderr and exits 1; an unexpected one prints one line and a hint to report it, exit 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from reader.errors import BroadsheetError, QueryError
from reader.models import ArticleSummary, Filter
from tui import cli_output as out

if TYPE_CHECKING:
    from reader.library.store import Library
    from reader.sources.web import FetchLimits

PROG = "broadsheet"
ISSUES_HINT = "please report this with the command you ran"
Handler = Callable[[argparse.Namespace], int]


def version() -> str:
    """The installed distribution's version."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("broadsheet")
    except PackageNotFoundError:  # running from a source tree that is not installed
        import tomllib

        try:
            meta = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
            return str(meta["project"]["version"])
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"


def open_library(args: argparse.Namespace) -> Library:
    """Open the library named by ``--library`` / ``$BROADSHEET_LIBRARY`` / the default."""
    from reader.library.store import Library
    from reader.paths import library_path

    return Library(library_path(getattr(args, "library", None)))


def first_run_samples(library: Library) -> None:
    """Import the bundled samples into an empty library and say so (on stderr)."""
    from reader.samples import import_samples_if_empty

    added = import_samples_if_empty(library)
    if added is not None:
        out.notice(f"Imported {added} sample articles into {library.path} (first run)")


def article_id(text: str) -> int:
    """An article id from the command line; a QueryError naming it otherwise."""
    try:
        value = int(text.lstrip("#"))
    except ValueError:
        raise QueryError("not an article id (expected a number)", text) from None
    if value < 1:
        raise QueryError("not an article id (expected a positive number)", text)
    if value > 2**63 - 1:  # past SQLite's integers: cannot exist, and would overflow
        raise QueryError("no such article (the number is too large)", text)
    return value


def read_sources(arguments: Sequence[str]) -> list[str]:
    """The sources named on the command line; ``-`` reads more from stdin, one per line."""
    sources: list[str] = []
    for source in arguments:
        if source == "-":
            sources += [line.strip() for line in sys.stdin if line.strip()]
        else:
            sources.append(source)
    return sources


# -- subcommands ---------------------------------------------------------------------------


def cmd_add(args: argparse.Namespace) -> int:
    """Import files, folders and URLs; one line per article, failures on stderr."""
    from reader.ingest import import_sources

    sources = read_sources(args.sources)
    failures = 0
    with open_library(args) as library:
        for outcome in import_sources(library, sources, page_limits=page_limits(sources)):
            failures += outcome.status == "failed"
            out.print_outcome(outcome, as_json=args.json)
    return 1 if failures else 0


def page_limits(sources: Sequence[str]) -> FetchLimits | None:
    """The config file's [fetch] limits when a source is a URL (they apply as for feeds)."""
    from reader.ingest import is_url
    from tui.cli_feeds import refresh_options

    return refresh_options().page_limits if any(is_url(s) for s in sources) else None


def list_filter(args: argparse.Namespace) -> Filter:
    """The Filter for `list`/`export`: the --query language, narrowed by the flags."""
    from reader.library.query import parse_date_bound, parse_query

    flt = parse_query(args.query) if getattr(args, "query", None) else Filter()
    countries = set(flt.countries)
    for name in getattr(args, "country", None) or []:
        countries |= set(parse_query(f'country:"{name}"').countries) if name.strip() else set()
    since, until = flt.since, flt.until
    if getattr(args, "since", None):
        since = _bound(parse_date_bound, args.since, end=False, flag="--since")
    if getattr(args, "until", None):
        until = _bound(parse_date_bound, args.until, end=True, flag="--until")
    text = " ".join(t for t in (flt.text, getattr(args, "search", None) or "") if t.strip())
    return replace(
        flt,
        countries=frozenset(countries),
        since=since,
        until=until,
        bookmarked=flt.bookmarked or bool(getattr(args, "bookmarked", False)),
        unread=flt.unread or bool(getattr(args, "unread", False)),
        text=text,
    )


def _bound(parse: Callable[..., date], text: str, *, end: bool, flag: str) -> date:
    try:
        return parse(text, end=end)
    except QueryError as exc:
        raise QueryError(exc.message, f"{flag} {text}") from None


def cmd_list(args: argparse.Namespace) -> int:
    """List articles, newest first, as a table, tab-separated lines or JSON."""
    flt = list_filter(args)
    with open_library(args) as library:
        first_run_samples(library)
        summaries: list[ArticleSummary] = []
        page = 500
        while args.limit is None or len(summaries) < args.limit:
            want = page if args.limit is None else min(page, args.limit - len(summaries))
            batch = library.summaries(flt, offset=len(summaries), limit=want)
            summaries.extend(batch)
            if len(batch) < want:
                break
    out.print_summaries(summaries, as_json=args.json)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one article with people, places and quotes highlighted and mark it read (or JSON)."""
    with open_library(args) as library:
        article = library.get(article_id(args.id))
        if not args.json:
            library.set_read(article.id, True)  # read as in the app; --json is for programs
    if args.json:
        out.print_json(article.to_json())
    else:
        out.print_article(article)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Clean sources without storing them; print the text, or JSON lines with --json."""
    from reader.ingest import extract_sources

    sources = read_sources(args.sources)
    failures = 0
    results = extract_sources(sources, page_limits=page_limits(sources))
    for index, result in enumerate(results):
        if isinstance(result, BroadsheetError):
            failures += 1
            out.error(result.title or "?", result.message)
            continue
        name, article = result
        if args.json:
            out.print_json_line(out.extracted_json(name, article))
        elif args.body_only:
            out.write(out.text(article.extracted.body).rstrip("\n") + "\n\n")
        else:
            out.print_extracted(article, first=index == 0)
    return 1 if failures else 0


def cmd_bookmark(args: argparse.Namespace) -> int:
    """Bookmark (or with unbookmark, clear the bookmark on) one article."""
    value = args.command == "bookmark"
    with open_library(args) as library:
        number = article_id(args.id)
        library.set_bookmarked(number, value)
        article = library.get(number)
    out.write(f"{'Bookmarked' if value else 'Unbookmarked'} #{number}: {out.line(article.title)}\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export articles (all, or the bookmarks) as Markdown, JSON or OPML."""
    if args.format == "opml":
        from tui.cli_feeds import cmd_feed_export

        return cmd_feed_export(args)
    from reader.export import export_json, export_markdown

    # --query exports the list as filtered (the same language as `list --query`).
    flt = list_filter(args)
    with open_library(args) as library:
        articles = list(library.iter_articles(flt))
    text = export_json(articles) if args.format == "json" else export_markdown(articles)
    out.save(text, args.output)
    return 0


def cmd_locate(args: argparse.Namespace) -> int:
    """Print where the library, the config file and the data folder are."""
    from reader.paths import config_path, data_dir, library_path

    out.write(f"library: {library_path(args.library)}\n")
    out.write(f"config:  {config_path()}\n")
    out.write(f"data:    {data_dir()}\n")
    return 0


def cmd_reannotate(args: argparse.Namespace) -> int:
    """Re-run the annotator on articles annotated by an older version (or on all)."""
    from reader.annotate import annotate
    from reader.ingest import annotator_version

    current = annotator_version()
    done = 0
    with open_library(args) as library:
        ids = library.ids(Filter()) if args.all else library.stale_annotation_ids(current)
        for number in ids:
            article = library.get(number)
            found = annotate(article.body, title=article.title, tags=article.tags)
            library.replace_annotations(number, found, current)
            done += 1
    out.write(f"Re-annotated {done} article{'s' if done != 1 else ''} (annotator v{current})\n")
    return 0


def cmd_tui(args: argparse.Namespace) -> int:
    """Open the terminal interface on the library (importing the samples on first run)."""
    from reader.paths import library_path

    with open_library(args) as library:
        first_run_samples(library)
    try:
        from tui.app import BroadsheetApp
    except ImportError as exc:
        raise BroadsheetError(f"the terminal interface cannot start ({exc})", "tui") from None
    BroadsheetApp(library_path=library_path(args.library)).run()
    return 0


# -- the parser ----------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors as ``broadsheet: <command>: <reason>`` and exit status 1."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        where = self.prog.removeprefix(PROG).strip() or "usage"
        self.exit(1, f"{PROG}: {where}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand (feed commands come from tui.cli_feeds)."""
    parser = _Parser(
        prog=PROG,
        description="A keyboard-driven terminal news reader. With no command, opens the app.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    parser.add_argument(
        "--library", metavar="PATH", help="library file (default: $BROADSHEET_LIBRARY or data dir)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=handler)
        # `broadsheet list --library X` works as well as `broadsheet --library X list`.
        p.add_argument("--library", metavar="PATH", default=argparse.SUPPRESS, help="library file")
        return p

    p = command("add", cmd_add, "import files, folders (recursively) and URLs ('-' reads stdin)")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--json", action="store_true", help="one JSON object per outcome")

    p = command("list", cmd_list, "list articles, newest first")
    p.add_argument("--country", action="append", metavar="NAME", help="repeat for any of several")
    p.add_argument("--since", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--until", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    p.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    p.add_argument("--unread", action="store_true", help="only unread articles")
    p.add_argument("--search", metavar="TEXT", help="full-text search in titles and bodies")
    p.add_argument("--query", metavar="Q", help='filter language, e.g. "country:syria since:2024"')
    p.add_argument("--limit", type=out.positive_int, metavar="N", help="at most N articles")
    p.add_argument("--json", action="store_true", help="a JSON list of article summaries")

    p = command("show", cmd_show, "print one article with people, places and quotes marked")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="the article JSON contract")

    p = command("extract", cmd_extract, "clean pages without storing them ('-' reads stdin)")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--body-only", action="store_true", help="print only the cleaned body")

    for name, verb in (("bookmark", "bookmark"), ("unbookmark", "remove the bookmark from")):
        p = command(name, cmd_bookmark, f"{verb} an article")
        p.add_argument("id", metavar="ID")

    p = command("export", cmd_export, "export articles as Markdown, JSON or OPML (feeds)")
    p.add_argument("--bookmarked", action="store_true", help="only bookmarked articles")
    p.add_argument("--query", metavar="Q", help="only articles matching the filter language")
    p.add_argument("--format", choices=("markdown", "json", "opml"), default="markdown")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    command("locate", cmd_locate, "print the library, config and data paths in use")

    p = command("reannotate", cmd_reannotate, "re-run the annotator on older annotations")
    p.add_argument("--all", action="store_true", help="every article, not only stale ones")

    from importlib import import_module

    from tui import cli_feeds

    cli_feeds.register(sub)
    try:
        story_cli = import_module("tui.cli_story")
    except ImportError:
        story_cli = None  # quotes, story, timeline and serve (issue 7) are optional
    if story_cli is not None:
        story_cli.register(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``, looking the version up only when asked (importlib.metadata is slow)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help=str(kwargs.get("help", "")))

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        sys.stdout.write(f"{PROG} {version()}\n")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run `broadsheet` with ``argv`` (default: the command line); returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "func", cmd_tui)
    try:
        return handler(args)
    except BroadsheetError as exc:
        out.error(exc.title or args.command or PROG, exc.message)
        return 1
    except KeyboardInterrupt:
        out.error("interrupted", "stopped by the user")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`broadsheet list | head`): not an error.
        out.silence_stdout()
        return 0
    except Exception as exc:
        detail = " ".join(str(exc).split())[:300]
        out.error("internal error", f"{type(exc).__name__}: {detail} ({ISSUES_HINT})")
        return 2


if __name__ == "__main__":
    sys.exit(main())
