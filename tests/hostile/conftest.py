"""Fixtures for the hostile suite: a library full of hostile articles, a CLI runner."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hostile_lib import ROOT, CliRunner, build_hostile_library, cli_env


@pytest.fixture
def hostile_library(tmp_path: Path) -> tuple[Path, list[int]]:
    """A library of hostile articles (every field carries markup and control sequences)."""
    path = tmp_path / "hostile.sqlite3"
    return path, build_hostile_library(path)


@pytest.fixture
def run_cli() -> CliRunner:
    """Run `broadsheet ARGS` in a child process (a real process: real stdout, real exit)."""

    def run(*args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=timeout,
            cwd=ROOT,
            env=cli_env(**env),
        )

    return run
