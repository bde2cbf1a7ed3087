# shellcheck shell=bash
# Endpoints of the Cartable test stack, in one place.
#
#   source test/stack/env.sh        # from a shell or a script
#
# Node tests should prefer $CARTABLE_STACK_DIR/stack.json (written by
# start.sh, same facts). This file is *sourced*, so it deliberately does not
# run `set -euo pipefail`: that would change the options of the caller's shell.
# Only plain assignments here, so sourcing it twice is harmless.

export CARTABLE_STACK_DIR="${CARTABLE_STACK_DIR:-/tmp/cartable-stack}"

# Every server binds this address only.
export STACK_HOST=127.0.0.1
export STACK_MAIL_DOMAIN=example.test

# Private CA that signed the server certificate (SAN: localhost,
# mail.example.test, IP:127.0.0.1). Clients must trust this file, nothing else.
export STACK_CA="$CARTABLE_STACK_DIR/ssl/ca.pem"
export STACK_JSON="$CARTABLE_STACK_DIR/stack.json"

# Ports (all on 127.0.0.1).
export STACK_PG_PORT=55432          # PostgreSQL 15, db sogo, user sogo / sogo-db-pass
export STACK_MEMCACHED_PORT=11212
export STACK_IMAP_PORT=1143         # IMAP, STARTTLS; LOGIN before STARTTLS is refused
export STACK_IMAPS_PORT=1993        # IMAP over implicit TLS
export STACK_IMAP_NOTLS_PORT=1144   # IMAP that never offers STARTTLS (clients must refuse it)
export STACK_SIEVE_PORT=14190       # ManageSieve, STARTTLS
export STACK_SUBMISSION_PORT=1587   # SMTP submission, STARTTLS then AUTH
export STACK_SUBMISSIONS_PORT=1465  # SMTP submission over implicit TLS, AUTH
export STACK_SMTP_PLAIN_PORT=1025   # SMTP without TLS and without AUTH (127.0.0.0/8 only)
export STACK_SOGO_PORT=20000        # sogod, plain HTTP
export STACK_HTTPS_PORT=20443       # nginx TLS front for SOGo (+ .well-known, autoconfig)
export STACK_CLOSED_PORT=1          # nothing ever listens there: "connection refused" tests

export STACK_DAV_URL="https://127.0.0.1:${STACK_HTTPS_PORT}/SOGo/dav/"
export STACK_DAV_PLAIN_URL="http://127.0.0.1:${STACK_SOGO_PORT}/SOGo/dav/"
export STACK_AUTOCONFIG_URL="https://127.0.0.1:${STACK_HTTPS_PORT}/.well-known/autoconfig/mail/config-v1.1.xml"

# Test accounts: password is "<user>-pass", address "<user>@example.test".
# salle101 is a SOGo room (kind location, 1 booking at a time); catchall is a
# mail-only mailbox receiving everything addressed outside @example.test.
export STACK_USERS="alice bob carol"
export STACK_ROOM=salle101
export STACK_CATCHALL=catchall
