#!/usr/bin/env bash
# Quick end-to-end check of a running Cartable test stack. Prints one line
# per check and ends with "N passed, N failed"; exit 1 when a check failed.
# Sends two small mails (to bob and to an outside address, i.e. catchall).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

PY=$(python_bin)
CA=$STACK_CA
HTTPS="https://127.0.0.1:$STACK_HTTPS_PORT"
PASSED=0
FAILED=0

# check NAME EXPECTED-REGEX CMD... : run CMD, pass when it exits 0 and its
# output matches EXPECTED-REGEX (extended, case-sensitive; "" = anything).
check() {
  local name=$1 want=$2 out rc=0
  shift 2
  out=$("$@" 2>&1) || rc=$?
  if ((rc == 0)) && { [[ -z $want ]] || grep -Eq -- "$want" <<<"$out"; }; then
    PASSED=$((PASSED + 1))
    printf 'ok   %s\n' "$name"
  else
    FAILED=$((FAILED + 1))
    printf 'FAIL %s (exit %d): %s\n' "$name" "$rc" "$(tr '\n' ' ' <<<"$out" | cut -c1-300)"
  fi
}

# check_not NAME FORBIDDEN-REGEX CMD... : CMD must succeed and NOT print FORBIDDEN.
check_not() {
  local name=$1 bad=$2 out rc=0
  shift 2
  out=$("$@" 2>&1) || rc=$?
  if ((rc == 0)) && [[ -n $out ]] && ! grep -Eq -- "$bad" <<<"$out"; then
    PASSED=$((PASSED + 1))
    printf 'ok   %s\n' "$name"
  else
    FAILED=$((FAILED + 1))
    printf 'FAIL %s (exit %d): %s\n' "$name" "$rc" "$(tr '\n' ' ' <<<"$out" | cut -c1-300)"
  fi
}

# Loopback connects are answered at once (accepted or refused): no timeout needed.
tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
tcp_closed() { ! tcp_open "$1"; }
probe() { "$PY" "$HERE/probe.py" "$@"; }
# deliver MAILBOX-OWNER RECIPIENT SUBJECT: send through the plain port, then
# wait (10 s max) for the message in the owner's INBOX.
deliver() {
  probe smtp-send "$STACK_SMTP_PLAIN_PORT" verify@example.test "$2" "$3" >/dev/null &&
    probe imap-search "$STACK_IMAPS_PORT" "$CA" "$1" "$3"
}

http_code() { curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 10 "$@"; }
propfind() { # URL USER [curl options]
  local url=$1 user=$2
  shift 2
  printf '%s\n' "$(propfind_status "$url" "$user" "$@")"
}
tls_verify() { # PORT [starttls proto]
  local port=$1
  shift
  openssl s_client -connect "127.0.0.1:$port" -CAfile "$CA" -verify_return_error \
    -verify_ip 127.0.0.1 "$@" </dev/null 2>&1 | grep -E 'Verify return code'
}

T0=$SECONDS
echo "Verifying the Cartable test stack in $ROOTDIR"

# --- every endpoint answers --------------------------------------------------
for svc in "${SERVICES[@]}"; do
  for port in $(svc_ports "$svc"); do
    case $svc in
      # An HTTP request rather than a bare connect: sogod logs an ERROR for
      # connections closed without a request.
      sogod) check "$svc answers HTTP on 127.0.0.1:$port" '^[1-5][0-9][0-9]' \
        http_code "http://127.0.0.1:$port/SOGo/" ;;
      nginx) check "$svc answers HTTPS on 127.0.0.1:$port" '^[1-5][0-9][0-9]' \
        http_code --cacert "$CA" "https://127.0.0.1:$port/" ;;
      *) check "$svc listens on 127.0.0.1:$port" '' tcp_open "$port" ;;
    esac
  done
done
check "LMTP socket greets and answers LHLO" '^220' probe lmtp-lhlo "$ROOTDIR/dovecot/run/lmtp"
check "port $STACK_CLOSED_PORT is closed (connection refused)" '' tcp_closed "$STACK_CLOSED_PORT"

# --- TLS ---------------------------------------------------------------------
check "IMAPS :$STACK_IMAPS_PORT certificate verifies against ca.pem (IP 127.0.0.1)" \
  'return code: 0 \(ok\)' tls_verify "$STACK_IMAPS_PORT"
check "HTTPS :$STACK_HTTPS_PORT certificate verifies for localhost" \
  'return code: 0 \(ok\)' tls_verify "$STACK_HTTPS_PORT" -verify_hostname localhost
check "submission :$STACK_SUBMISSION_PORT STARTTLS certificate verifies" \
  'return code: 0 \(ok\)' tls_verify "$STACK_SUBMISSION_PORT" -starttls smtp

# --- IMAP --------------------------------------------------------------------
check "IMAPS login alice with the CA (curl imaps://)" 'INBOX' \
  curl -s --max-time 10 --cacert "$CA" -u alice:alice-pass "imaps://127.0.0.1:$STACK_IMAPS_PORT/"
check "IMAP :$STACK_IMAP_PORT STARTTLS then LOGIN alice@example.test" '^OK' \
  probe imap-starttls-login "$STACK_IMAP_PORT" "$CA" alice@example.test
check "IMAP :$STACK_IMAP_PORT LOGIN before STARTTLS is refused" 'AUTHENTICATIONFAILED' \
  probe imap-login-plaintext "$STACK_IMAP_PORT"
check "IMAP :$STACK_IMAP_PORT advertises STARTTLS" 'STARTTLS' probe imap-caps "$STACK_IMAP_PORT"
check_not "IMAP :$STACK_IMAP_NOTLS_PORT greets without STARTTLS" 'STARTTLS|^$' \
  probe imap-caps "$STACK_IMAP_NOTLS_PORT"
check "GETQUOTAROOT INBOX shows STORAGE limit 204800 KiB" 'STORAGE [0-9]+ 204800' \
  probe imap-tls "$STACK_IMAPS_PORT" "$CA" GETQUOTAROOT INBOX
check "special-use folders Drafts/Sent/Trash/Junk/Archives" \
  'Drafts.*Sent.*Trash.*Junk.*Archive' \
  probe imap-tls "$STACK_IMAPS_PORT" "$CA" LIST '""' '"*"' RETURN '(SPECIAL-USE)'
check "CONDSTORE/QRESYNC advertised" 'CONDSTORE QRESYNC' \
  probe imap-tls "$STACK_IMAPS_PORT" "$CA" CAPABILITY
check "ManageSieve :$STACK_SIEVE_PORT offers STARTTLS" '"STARTTLS"' probe sieve-caps "$STACK_SIEVE_PORT"

# --- SMTP --------------------------------------------------------------------
check_not "SMTP :$STACK_SMTP_PLAIN_PORT EHLO offers neither STARTTLS nor AUTH" 'STARTTLS|AUTH|^$' \
  probe smtp-ehlo "$STACK_SMTP_PLAIN_PORT"
check "SMTP AUTH alice on :$STACK_SUBMISSIONS_PORT (implicit TLS)" '^235' \
  probe smtp-auth "$STACK_SUBMISSIONS_PORT" "$CA" tls
check "SMTP AUTH alice on :$STACK_SUBMISSION_PORT (STARTTLS; no AUTH before it)" '^235' \
  probe smtp-auth "$STACK_SUBMISSION_PORT" "$CA" starttls
check "submission refuses RCPT without AUTH (554)" '^554' \
  probe smtp-unauth-rcpt "$STACK_SUBMISSION_PORT" "$CA"
tag="verify-$(date +%s%N)"
check "plain SMTP delivers to bob through LMTP" '^1 message' \
  deliver bob bob@example.test "$tag-bob"
check "outside recipients land in catchall" '^1 message' \
  deliver catchall someone@outside.invalid "$tag-out"

# --- SOGo / DAV --------------------------------------------------------------
check "PROPFIND $STACK_DAV_URL""alice/ with the CA -> 207" '^207$' \
  propfind "$STACK_DAV_URL"alice/ alice --cacert "$CA"
check "PROPFIND $STACK_DAV_PLAIN_URL""alice/ -> 207" '^207$' propfind "$STACK_DAV_PLAIN_URL"alice/ alice
check "PROPFIND with a wrong password -> 401" '^401' \
  http_code -u alice:wrong -X PROPFIND -H 'Depth: 0' "$STACK_DAV_PLAIN_URL"alice/
check "CalDAV personal calendar (bob) -> 207" '^207$' \
  propfind "$STACK_DAV_URL"bob/Calendar/personal/ bob --cacert "$CA"
check "CardDAV personal address book (carol) -> 207" '^207$' \
  propfind "$STACK_DAV_URL"carol/Contacts/personal/ carol --cacert "$CA"
check "room salle101 principal -> 207" '^207$' propfind "$STACK_DAV_PLAIN_URL"salle101/ salle101
check "/.well-known/caldav -> 301 /SOGo/dav/" "^301 $HTTPS/SOGo/dav/\$" \
  http_code --cacert "$CA" "$HTTPS/.well-known/caldav"
check "/.well-known/carddav -> 301 /SOGo/dav/" "^301 $HTTPS/SOGo/dav/\$" \
  http_code --cacert "$CA" "$HTTPS/.well-known/carddav"
check "autoconfig /.well-known/autoconfig/mail/config-v1.1.xml" \
  "<port>$STACK_IMAPS_PORT</port>" curl -sf --max-time 10 --cacert "$CA" "$STACK_AUTOCONFIG_URL"
check "autoconfig /mail/config-v1.1.xml" '<socketType>STARTTLS</socketType>' \
  curl -sf --max-time 10 --cacert "$CA" "$HTTPS/mail/config-v1.1.xml"

echo "($((SECONDS - T0)) s)"
echo "$PASSED passed, $FAILED failed"
((FAILED == 0))
