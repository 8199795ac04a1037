"""The real app over a real SSH session to localhost (see ssh_check.sh for what it checks)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("ssh_check.sh")


@pytest.mark.slow
@pytest.mark.skipif(
    not (os.path.exists("/usr/sbin/sshd") and shutil.which("tmux") and os.geteuid() == 0),
    reason="needs root, openssh-server and tmux (.ci/run installs them)",
)
def test_app_over_ssh_at_two_sizes() -> None:
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, timeout=300, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("ok   ") == 20
