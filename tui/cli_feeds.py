"""The feed subcommands of `broadsheet`: feed add/list/remove/import/export/set, and refresh.

Registered by ``tui.cli.build_parser`` through :func:`register`. Like every headless command
these use ``reader`` only; URLs go to the core as arguments, never through a shell.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.errors import ConfigError, NotFoundError, QueryError
from tui import cli_output as out

if TYPE_CHECKING:
    from reader.library.store import Library
    from reader.models import Feed
    from reader.refresh import RefreshEvent, RefreshOptions

#: SQLite's largest integer: a bigger id cannot exist (and would overflow the binding).
MAX_ID = 2**63 - 1


def register(subparsers: Any) -> None:
    """Add `feed ...` and `refresh` to the `broadsheet` parser's subcommands."""
    feed = subparsers.add_parser(
        "feed",
        help="subscribe to RSS/Atom feeds and manage subscriptions",
        description="Subscribe to RSS/Atom feeds and manage subscriptions.",
    )
    actions = feed.add_subparsers(dest="feed_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "add",
        help="subscribe to a feed URL, or to the feed a web page links",
        description="Subscribe to a feed URL, or to a feed that a web page advertises.",
    )
    p.add_argument("url", metavar="URL")
    p.add_argument("--title", help="a title of your own for the feed")
    p.add_argument(
        "--no-full-pages",
        dest="full_pages",
        action="store_false",
        help="for summary-only items, keep the summary instead of fetching the page",
    )
    p.add_argument(
        "--pick",
        type=out.positive_int,
        default=1,
        metavar="N",
        help="the page's Nth feed (default 1)",
    )
    p.set_defaults(func=cmd_feed_add)

    p = actions.add_parser("list", help="list subscriptions with their last result")
    p.add_argument("--json", action="store_true", help="a JSON list of feeds")
    p.set_defaults(func=cmd_feed_list)

    p = actions.add_parser("remove", help="unsubscribe (the articles stay)")
    p.add_argument("ids", nargs="+", metavar="ID")
    p.set_defaults(func=cmd_feed_remove)

    p = actions.add_parser("import", help="subscribe to every feed in an OPML file")
    p.add_argument("opml", metavar="OPML", help="an OPML file ('-' reads stdin)")
    p.add_argument("--no-full-pages", dest="full_pages", action="store_false")
    p.set_defaults(func=cmd_feed_import)

    p = actions.add_parser("export", help="write the subscriptions as OPML")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.set_defaults(func=cmd_feed_export)

    p = actions.add_parser("set", help="change a subscription's title or page fetching")
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", help="a new title")
    p.add_argument("--full-pages", choices=("on", "off"), help="fetch pages of summary-only items")
    p.set_defaults(func=cmd_feed_set)

    p = subparsers.add_parser(
        "refresh",
        help="fetch new articles from subscribed feeds",
        description="Fetch new articles from every subscribed feed, or the ones named.",
    )
    p.add_argument("feeds", nargs="*", metavar="FEED", help="feed ids or URLs (default: all)")
    p.add_argument("-v", "--verbose", action="store_true", help="one line per new article")
    p.add_argument("--json", action="store_true", help="one JSON object per progress event")
    p.set_defaults(func=cmd_refresh)


def _open(args: argparse.Namespace) -> Library:
    from tui.cli import open_library

    return open_library(args)


def feed_id(text: str) -> int:
    """A feed id from the command line (``3`` or ``#3``)."""
    try:
        value = int(text.strip().lstrip("#"))
    except ValueError:
        raise QueryError("not a feed id (expected a number)", text) from None
    if value < 1:
        raise QueryError("not a feed id (expected a positive number)", text)
    if value > MAX_ID:
        raise QueryError("no such feed (the number is too large)", text)
    return value


def resolve_feeds(library: Library, names: list[str]) -> list[int]:
    """Feed ids for ids or subscribed URLs given on the command line."""
    from reader.subscribe import find_subscription

    ids: list[int] = []
    for name in names:
        if name.strip().lstrip("#").isdigit():
            ids.append(library.get_feed(feed_id(name)).id)
            continue
        found = find_subscription(library, name)
        if found is None:
            raise NotFoundError("no subscription with that id or URL", name)
        ids.append(found.id)
    return ids


def _label(feed: Feed) -> str:
    return out.line(feed.title or feed.url)


# -- feed add / list / remove / set --------------------------------------------------------


def cmd_feed_add(args: argparse.Namespace) -> int:
    """Subscribe; a page that links feeds subscribes to the one picked (the first by default)."""
    from reader.subscribe import subscribe

    with _open(args) as library:
        feed, found, created = subscribe(
            library,
            args.url,
            title=args.title,
            fetch_full_pages=args.full_pages,
            pick=args.pick - 1,
        )
    if found.page_url and len(found.offered) > 1:
        out.notice(f"The page offers {len(found.offered)} feeds (choose with --pick N):")
        for number, url in enumerate(found.offered, start=1):
            mark = "*" if url == found.feed_url else " "
            out.notice(f" {mark}{number}. {out.line(url)}")
    if not created:
        out.write(f"Already subscribed #{feed.id}: {_label(feed)} ({out.line(feed.url)})\n")
        return 0
    items = f"{found.item_count} item{'s' if found.item_count != 1 else ''}"
    out.write(f"Subscribed #{feed.id}: {_label(feed)} ({out.line(feed.url)}), {items}\n")
    out.notice(f"Run `broadsheet refresh {feed.id}` to fetch its articles.")
    return 0


def feed_json(feed: Feed) -> dict[str, Any]:
    """A JSON-ready dict for one subscription."""
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "fetch_full_pages": feed.fetch_full_pages,
        "last_checked": feed.last_checked.isoformat() if feed.last_checked else None,
        "last_new_count": feed.last_new_count,
        "last_error": feed.last_error,
    }


def cmd_feed_list(args: argparse.Namespace) -> int:
    """Every subscription: id, title, when last checked and what happened, URL."""
    with _open(args) as library:
        feeds = library.feeds()
    if args.json:
        out.print_json([feed_json(feed) for feed in feeds])
        return 0
    if not feeds:
        out.notice("No subscriptions yet: `broadsheet feed add URL` subscribes to one.")
        return 0
    for feed in feeds:
        checked = feed.last_checked.strftime("%Y-%m-%d %H:%M") if feed.last_checked else "never"
        if feed.last_error:
            result = f"error: {out.line(feed.last_error)}"
        elif feed.last_checked:
            result = f"{feed.last_new_count} new"
        else:
            result = "not refreshed yet"
        pages = "" if feed.fetch_full_pages else "  [summaries only]"
        out.write(
            f"#{feed.id:<4} {_label(feed)}  (checked {checked}: {result}){pages}\n"
            f"      {out.line(feed.url)}\n"
        )
    return 0


def cmd_feed_remove(args: argparse.Namespace) -> int:
    """Unsubscribe from each feed named; its articles stay in the library."""
    with _open(args) as library:
        for name in args.ids:
            feed = library.get_feed(feed_id(name))
            library.remove_feed(feed.id)
            out.write(f"Unsubscribed #{feed.id}: {_label(feed)} (its articles stay)\n")
    return 0


def cmd_feed_set(args: argparse.Namespace) -> int:
    """Change a subscription's title or whether summary-only items fetch their page."""
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title or None
    if args.full_pages is not None:
        changes["fetch_full_pages"] = args.full_pages == "on"
    if not changes:
        raise QueryError("nothing to change (give --title or --full-pages)", args.id)
    with _open(args) as library:
        feed = library.update_feed(feed_id(args.id), **changes)
    pages = "on" if feed.fetch_full_pages else "off"
    out.write(f"#{feed.id}: {_label(feed)} (full pages {pages})\n")
    return 0


# -- import / export -----------------------------------------------------------------------


def cmd_feed_import(args: argparse.Namespace) -> int:
    """Subscribe to the feeds an OPML file lists (they are fetched by the next refresh)."""
    from reader.sources.files import read_file_bytes
    from reader.sources.opml import MAX_OPML_BYTES, import_opml

    source = args.opml
    if source == "-":
        # One byte past the limit is enough for parse_opml to refuse an oversized list.
        data = sys.stdin.buffer.read(MAX_OPML_BYTES + 1)
    else:
        # Refuses folders, devices and pipes (`/dev/zero` never ends) and oversized files.
        data = read_file_bytes(Path(source).expanduser(), limit=MAX_OPML_BYTES)
    with _open(args) as library:
        result = import_opml(library, data, source=source, fetch_full_pages=args.full_pages)
    for feed in result.added:
        out.write(f"Subscribed #{feed.id}: {_label(feed)} ({out.line(feed.url)})\n")
    for url, reason in result.skipped:
        out.error(url, f"skipped: {reason}")
    out.notice(
        f"Imported {len(result.added)} feed(s); {len(result.existing)} already subscribed; "
        f"{len(result.skipped)} skipped. Run `broadsheet refresh` to fetch them."
    )
    return 0


def cmd_feed_export(args: argparse.Namespace) -> int:
    """Write the subscriptions as OPML (same as `broadsheet export --format opml`)."""
    from reader.sources.opml import export_opml

    with _open(args) as library:
        text = export_opml(library.feeds())
    out.save(text, args.output)
    return 0


# -- refresh -------------------------------------------------------------------------------


def event_json(event: RefreshEvent) -> dict[str, Any]:
    """A JSON-ready dict for one refresh progress event."""
    outcome = event.outcome
    return {
        "event": event.kind,
        "feed_id": event.feed.id if event.feed else None,
        "feed": event.feed.title or event.feed.url if event.feed else None,
        "status": outcome.status if outcome else None,
        "article_id": outcome.article_id if outcome else None,
        "title": outcome.title if outcome else None,
        "source": outcome.source if outcome else None,
        "error": (outcome.error if outcome else None) or event.error,
        "note": event.note,
        "added": event.added,
        "updated": event.updated,
        "duplicates": event.duplicates,
        "seen": event.seen,
        "failed_items": event.failed_items,
        "not_modified": event.not_modified,
        "cancelled": event.cancelled,
        "feeds_done": event.feeds_done,
        "feeds_total": event.feeds_total,
    }


def refresh_options() -> RefreshOptions:
    """The fetch limits of the config file's ``[fetch]`` table (defaults without one)."""
    import tomllib

    from reader.paths import config_path
    from reader.refresh import RefreshOptions, options_from_config

    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return RefreshOptions()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the config file ({exc})", str(path)) from None
    try:
        table = tomllib.loads(text).get("fetch", {})
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"the config file is not valid TOML ({exc})", str(path)) from None
    if not isinstance(table, dict):
        raise ConfigError("[fetch] must be a table", str(path))
    return options_from_config(table, source=str(path))


def cmd_refresh(args: argparse.Namespace) -> int:
    """Refresh every feed (or those named), one line per feed; exit 1 if any failed."""
    from reader.refresh import refresh_feeds

    options = refresh_options()
    failed = 0
    with _open(args) as library:
        ids = resolve_feeds(library, args.feeds) if args.feeds else None
        if ids is None and not library.feeds():
            out.notice("No subscriptions yet: `broadsheet feed add URL` subscribes to one.")
            return 0
        for event in refresh_feeds(library, ids, options=options):
            if args.json:
                out.print_json_line(event_json(event))
                failed += event.kind == "failed"
                continue
            failed += _print_event(event, verbose=args.verbose)
    return 1 if failed else 0


def _print_event(event: RefreshEvent, *, verbose: bool) -> int:
    """Print one event the human way; returns 1 for a failed feed."""
    feed = event.feed
    if event.kind == "item" and event.outcome is not None:
        outcome = event.outcome
        if outcome.status == "failed":
            out.error(outcome.source, outcome.error or "failed")
        elif verbose and outcome.status in {"added", "updated"}:
            out.print_outcome(outcome)
        if verbose and event.note:
            out.notice(f"  note: {out.line(outcome.title)}: {out.line(event.note)}")
        return 0
    if event.kind == "failed" and feed is not None:
        out.error(feed.url, event.error or "failed")
        return 1
    if event.kind == "finished" and feed is not None:
        if event.not_modified:
            result = "not modified"
        else:
            result = f"{event.added} new"
            if event.updated:
                result += f", {event.updated} updated"
            if event.failed_items:
                result += f", {event.failed_items} failed"
        if event.cancelled:
            result += " (cancelled)"
        out.write(f"#{feed.id:<4} {_label(feed)}: {result}\n")
    elif event.kind == "done":
        summary = (
            f"Refreshed {event.feeds_done} of {event.feeds_total} feed(s): "
            f"{event.added} new article(s)"
        )
        if event.error:
            summary += f"; {event.error}"
        out.notice(summary)
    return 0
