"""`broadsheet add URL` honours the config file's [fetch] limits, as refresh does."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from tui.cli import main

PAGE = (
    "<html><head><title>Harbour ferry returns</title></head><body><article>"
    + "<p>The ferry between the two quays ran again on Monday after a week of repairs.</p>" * 40
    + "</article></body></html>"
)


def test_add_url_respects_page_max_mb(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/story")
    config = Path(os.environ["BROADSHEET_CONFIG"])

    config.write_text("[fetch]\npage_max_mb = 0.001\n", encoding="utf-8")
    assert main(["add", url]) == 1
    err = capsys.readouterr().err
    assert url in err and "large" in err

    config.write_text("[fetch]\npage_max_mb = 1\n", encoding="utf-8")
    assert main(["add", url]) == 0
    assert "added" in capsys.readouterr().out


def test_extract_url_respects_page_max_mb(
    httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/story")
    config = Path(os.environ["BROADSHEET_CONFIG"])

    config.write_text("[fetch]\npage_max_mb = 0.001\n", encoding="utf-8")
    assert main(["extract", url]) == 1
    err = capsys.readouterr().err
    assert url in err and "large" in err

    config.write_text("[fetch]\npage_max_mb = 1\n", encoding="utf-8")
    assert main(["extract", url]) == 0
    assert "Harbour ferry returns" in capsys.readouterr().out
