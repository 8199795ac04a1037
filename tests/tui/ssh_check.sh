#!/usr/bin/env bash
# End-to-end: drive the real TUI over a real SSH session to localhost, inside tmux, at 80x24
# and at 120x40.
#
#   sudo tests/tui/ssh_check.sh        (root: installs openssh-server when missing)
#   SSH_PORT=2222 PYTHON=.venv/bin/python sudo -E tests/tui/ssh_check.sh
#
# Starts a private sshd on a free 127.0.0.1 port with throwaway keys (nothing in ~/.ssh or /etc/ssh
# changes), builds the fixture library, logs in with `ssh -tt`, opens Broadsheet, presses keys
# and checks the screen after each. Prints one line per check and exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
python=${PYTHON:-$(command -v python3)}
[[ -x /work/venv/bin/python && -z ${PYTHON:-} ]] && python=/work/venv/bin/python
# A free port unless one is given: a stale sshd from an earlier run must not break this one.
port=${SSH_PORT:-$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

if ! command -v /usr/sbin/sshd >/dev/null 2>&1; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq openssh-server) >/dev/null
  else
    echo "ssh_check: needs openssh-server (run as root to install it)"; exit 2
  fi
fi
command -v tmux >/dev/null || { echo "ssh_check: needs tmux"; exit 2; }

work=$(mktemp -d)
session="broadsheet-ssh-$$"
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  [[ -f $work/sshd.pid ]] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
cp "$work/client_key.pub" "$work/authorized_keys"
chmod 600 "$work/authorized_keys"
mkdir -p /run/sshd 2>/dev/null || true
cat >"$work/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PidFile $work/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
EOF
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log"
# Wait until sshd listens (a fixed sleep is too short on a busy machine).
for _ in $(seq 100); do
  "$python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" 2>/dev/null && break
  sleep 0.1
done

library="$work/library.sqlite3"
PYTHONPATH="$root:$root/tests/tui" "$python" -c \
  "from pathlib import Path; from fixture_library import build_library; build_library(Path('$library'))"

remote="cd $root && TERM=xterm-256color PYTHONPATH=$root $python -m tui.cli --library $library"
failures=0
keys() { tmux send-keys -t "$session" "$@"; }
expect() { # expect NEEDLE WHAT: wait up to 30 s for NEEDLE on the pane (CI machines are busy)
  local needle=$1 what="$size: $2"
  for _ in $(seq 300); do
    if tmux capture-pane -p -t "$session" | grep -qF -- "$needle"; then
      echo "ok   $what"; return 0
    fi
    sleep 0.1
  done
  echo "FAIL $what (no '$needle' on screen)"; tmux capture-pane -p -t "$session"
  failures=$((failures + 1))
}

for size in 80x24 120x40; do
  tmux new-session -d -s "$session" -x "${size%x*}" -y "${size#*x}" \
    "ssh -tt -p $port -i $work/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
     -o LogLevel=ERROR $(id -un)@127.0.0.1 '$remote'; echo SSH-SESSION-ENDED; sleep 30"
  expect "7 of 7 articles" "the list is on screen over ssh"
  keys 1;         expect "country:Syria" "1 filters to Syria"
  keys x;         expect "7 of 7 articles" "x clears the filters"
  keys Enter;     expect "Eurasia Desk · Mira Halden" "enter opens the article"
  keys n p;       expect "People" "p shows the side panel"
  keys Escape;    expect "7 of 7 articles" "escape goes back to the list"
  keys '?';       expect "Broadsheet keys" "? shows help"
  keys Escape;    expect "7 of 7 articles" "escape closes help"
  keys /;         keys -l "aleppo"; expect "1 of 7 articles" "the query line filters as you type"
  keys Enter q;   expect "SSH-SESSION-ENDED" "q quits and the ssh session ends cleanly"
  tmux kill-session -t "$session" 2>/dev/null || true
done

if ((failures)); then echo "ssh_check: $failures check(s) failed"; exit 1; fi
echo "ssh_check: all checks passed (80x24 and 120x40, TERM=xterm-256color, over ssh to 127.0.0.1:$port)"
