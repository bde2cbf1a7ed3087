#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session and an
# unlocked gnome-keyring, the same service desktop Linux users have. Nothing
# leaks into the user's own keyring: the keyring lives in a throwaway HOME.
set -euo pipefail

if [ "${CARTABLE_KEYRING_READY:-}" = 1 ]; then exec "$@"; fi

keyring_home=$(mktemp -d /tmp/cartable-keyring.XXXXXX)
export CARTABLE_KEYRING_HOME="$keyring_home"
exec dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME="$CARTABLE_KEYRING_HOME/data" XDG_RUNTIME_DIR="$CARTABLE_KEYRING_HOME/run"
  mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"; chmod 700 "$XDG_RUNTIME_DIR"
  # --unlock reads the keyring password on stdin and creates the login keyring.
  eval "$(printf "cartable-test" | gnome-keyring-daemon --unlock --components=secrets)"
  export CARTABLE_KEYRING_READY=1
  # The daemon leaves with the D-Bus session; never "kill $PID" here: --unlock prints
  # no PID, and "kill 0" would signal the whole process group, npm test included.
  status=0; "$@" || status=$?
  rm -rf "$CARTABLE_KEYRING_HOME"
  exit $status
' cartable-keyring "$@"
