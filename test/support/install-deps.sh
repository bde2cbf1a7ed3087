#!/usr/bin/env bash
# Installs what the tests need beyond the server stack (test/stack/start.sh
# installs that): Debian's Chromium for end-to-end tests, and a Secret Service
# (gnome-keyring under a private D-Bus session) for the keychain tests.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v gnome-keyring-daemon >/dev/null || missing+=(gnome-keyring)
command -v dbus-run-session >/dev/null || missing+=(dbus dbus-bin)
command -v secret-tool >/dev/null || missing+=(libsecret-tools)
command -v openssl >/dev/null || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installation de ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
