"""`broadsheet serve` in a real browser: headless Chromium renders the library, a key filters it.

The test starts `broadsheet serve` on a free port of 127.0.0.1 and Debian's chromium with a
DevTools port, then speaks the DevTools protocol over a websocket (aiohttp, which
textual-serve brings): it opens the page, records the terminal output the server sends to
the browser (xterm.js draws on a canvas, so the page's DOM holds no text), presses a key in
the page and reads what the app drew in answer. Skipped when chromium is not installed
(`apt-get install -y chromium`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixture_library import build_library

from tui.cli_story import serve_command

CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)
ALEPPO = "Border crossing near Aleppo reopens"
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def test_serve_command_quotes_the_library_path() -> None:
    command = serve_command("/tmp/a library; rm -rf ~.sqlite3")
    assert command.startswith(f"{sys.executable} -m tui.cli --library ")
    assert "'/tmp/a library; rm -rf ~.sqlite3'" in command


def test_serve_listens_on_localhost_by_default() -> None:
    from tui.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1" and args.port == 8000


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"process exited early: {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listening on {port}")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The URL of `broadsheet serve` on the TUI fixture library."""
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    pytest.importorskip("textual_serve")
    library = tmp_path / "served.sqlite3"
    build_library(library)
    port = _free_port()
    env = dict(os.environ, NO_COLOR="")
    env.pop("NO_COLOR")
    server = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--library", str(library), "serve", "--port", str(port)],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=10)


@pytest.fixture
def devtools(tmp_path: Path) -> Iterator[str]:
    """The DevTools websocket URL of a fresh headless Chromium page."""
    assert CHROMIUM is not None
    port = _free_port()
    browser = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'chromium'}",
            f"--remote-debugging-port={port}",
            "--window-size=1400,900",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for_port(port, browser)
        url = None
        deadline = time.monotonic() + 20
        while url is None and time.monotonic() < deadline:
            import urllib.request

            with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as reply:
                pages = [t for t in json.load(reply) if t.get("type") == "page"]
            url = pages[0]["webSocketDebuggerUrl"] if pages else None
            if url is None:
                time.sleep(0.2)
        assert url is not None, "no page in the browser"
        yield url
    finally:
        os.killpg(browser.pid, 15)
        browser.wait(timeout=10)


class Page:
    """A minimal DevTools protocol client: commands, and the terminal output seen so far."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.next_id = 0
        self.output = ""
        self.replies: dict[int, dict[str, Any]] = {}

    async def command(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        number = self.next_id
        await self.ws.send_json({"id": number, "method": method, "params": params})
        while number not in self.replies:
            await self.pump(5)
        return self.replies.pop(number)

    async def pump(self, timeout: float) -> None:
        message = await self.ws.receive_json(timeout=timeout)
        if "id" in message:
            self.replies[message["id"]] = message
        elif message.get("method") == "Network.webSocketFrameReceived":
            response = message["params"]["response"]
            data = response["payloadData"]
            if response.get("opcode") == 2:
                data = base64.b64decode(data).decode("utf-8", "replace")
            self.output += _ANSI.sub("", data)

    async def wait_for(self, text: str, seconds: float = 30) -> bool:
        deadline = time.monotonic() + seconds
        while text not in self.output and time.monotonic() < deadline:
            try:
                await self.pump(max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
        return text in self.output

    async def key(self, char: str) -> None:
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": char}
            if kind == "keyDown":
                params["text"] = char
            await self.command("Input.dispatchKeyEvent", **params)


async def _drive(page_url: str, devtools_url: str) -> tuple[str, str]:
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(devtools_url, max_msg_size=0) as ws,
    ):
        page = Page(ws)
        await page.command("Network.enable")
        await page.command("Page.enable")
        await page.command("Page.navigate", url=page_url)
        assert await page.wait_for(ALEPPO), page.output[-2000:]
        assert await page.wait_for("articles"), page.output[-2000:]
        before = page.output
        # The terminal's hidden textarea takes the keys, as when a person clicks the page.
        await page.command(
            "Runtime.evaluate",
            expression="document.querySelector('.xterm-helper-textarea').focus()",
        )
        page.output = ""
        await page.key("1")  # Syria on
        assert await page.wait_for("country:Syria"), page.output[-2000:]
        return before, page.output


def test_browser_renders_the_library_and_a_key_filters_it(served: str, devtools: str) -> None:
    before, after = asyncio.run(_drive(served, devtools))
    assert "Foreign ministers agree to meet again" in before
    assert "country:Syria" not in before
    # The filter line and the status line were redrawn with the Syria filter.
    assert "country:Syria" in after
    assert re.search(r"\d+ of \d+ articles", after), after[-2000:]
