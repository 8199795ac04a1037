#!/usr/bin/env bash
# Drive Broadsheet over a real SSH session to localhost, inside tmux, and check what a
# remote user sees: the library list, a country filter, an open article, and a clean quit.
#
#   bash tests/e2e/ssh_session.sh [PYTHON]     (as root; installs openssh-server and tmux)
#
# PYTHON is the interpreter whose environment has Broadsheet installed (default: python3).
# It starts its own sshd on 127.0.0.1:2222 with a throwaway host key and user key, never
# touches the system sshd's config, and stops it on exit. Prints PASS/FAIL lines and exits
# non-zero on any failure.
set -euo pipefail

python=${1:-python3}
python=$(command -v "$python")
broadsheet="$(dirname "$python")/broadsheet"
[[ -x $broadsheet ]] || { echo "FAIL: no broadsheet beside $python"; exit 1; }

if ! command -v sshd >/dev/null 2>&1 && [[ ! -x /usr/sbin/sshd ]] || ! command -v tmux >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq openssh-server openssh-client tmux >/dev/null
fi

work=$(mktemp -d)
port=2222
session=broadsheet-ssh-$$
cleanup() {
  tmux kill-session -t "$session" 2>/dev/null || true
  [[ -f $work/sshd.pid ]] && kill "$(cat "$work/sshd.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$work/user_key"
mkdir -p "$work/home/.ssh"
cp "$work/user_key.pub" "$work/home/.ssh/authorized_keys"
chmod 700 "$work/home/.ssh"; chmod 600 "$work/home/.ssh/authorized_keys"
mkdir -p /run/sshd

cat >"$work/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
HostKey $work/host_key
PidFile $work/sshd.pid
AuthorizedKeysFile $work/home/.ssh/authorized_keys
PasswordAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
AcceptEnv LANG LC_*
EOF
/usr/sbin/sshd -f "$work/sshd_config" -E "$work/sshd.log"
sleep 0.5

library="$work/library.sqlite3"
ssh_cmd=(ssh -tt -p "$port" -i "$work/user_key" -o StrictHostKeyChecking=no
  -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1)
remote="TERM=xterm-256color BROADSHEET_LIBRARY=$library $broadsheet"

failures=0
check() {  # check NAME PATTERN: the pane shows PATTERN
  local screen
  screen=$(tmux capture-pane -p -t "$session")
  if grep -qE -- "$2" <<<"$screen"; then echo "PASS: $1"; else
    echo "FAIL: $1 (no /$2/ on screen)"; echo "$screen" | sed 's/^/    | /'; failures=$((failures + 1)); fi
}
wait_for() {  # wait_for PATTERN [SECONDS]
  local deadline=$((SECONDS + ${2:-20}))
  while ((SECONDS < deadline)); do
    tmux capture-pane -p -t "$session" | grep -qE -- "$1" && return 0
    sleep 0.3
  done
  return 0
}

for size in "120 40" "80 24"; do
  read -r cols rows <<<"$size"
  tmux new-session -d -s "$session" -x "$cols" -y "$rows" "${ssh_cmd[*]} '$remote'; sleep 30"
  wait_for "of [0-9]+ articles" 30
  check "${cols}x${rows}: library list over ssh" "of [0-9]+ articles"
  tmux send-keys -t "$session" 1
  wait_for "Syria" 5
  check "${cols}x${rows}: '1' filters to Syria" "Syria"
  tmux send-keys -t "$session" Enter
  sleep 1.5
  check "${cols}x${rows}: enter opens an article (its footer offers Back)" "esc +Back"
  tmux send-keys -t "$session" Escape
  sleep 0.5
  tmux send-keys -t "$session" q
  sleep 1.5
  # ssh -tt restores the screen when the remote app exits; the "; sleep" keeps the pane.
  if ! tmux capture-pane -p -t "$session" | grep -qE "of [0-9]+ articles"; then
    echo "PASS: ${cols}x${rows}: q quits and the ssh session ends cleanly"
  else
    echo "FAIL: ${cols}x${rows}: the session did not end after q"; tmux capture-pane -p -t "$session" | sed "s/^/    | /"; failures=$((failures + 1))
  fi
  tmux kill-session -t "$session" 2>/dev/null || true
done

((failures == 0)) && echo "ssh session: all checks passed" || echo "ssh session: $failures failed"
exit $((failures > 0))
