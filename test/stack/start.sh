#!/usr/bin/env bash
# Start the Cartable test server stack (SOGo 5.8 + Dovecot + Postfix +
# PostgreSQL + memcached + an nginx TLS front), everything on 127.0.0.1,
# state under ROOTDIR=${CARTABLE_STACK_DIR:-/tmp/cartable-stack}.
#
# Idempotent: services that already run are left alone; when all run this is
# a quick no-op. Installs the Debian packages first when a binary is missing.
# See README.md for ports, users and the gotchas that shaped this script.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

T0=$(date +%s%N)

# STACK_DEBUG=1 ./start.sh prints the time of each phase.
phase() {
  [[ -n ${STACK_DEBUG:-} ]] || return 0
  log "$(printf '%6d ms  %s' $((($(date +%s%N) - T0) / 1000000)) "$*")"
}

# --------------------------------------------------------------------------
# Debian packages
# --------------------------------------------------------------------------

PACKAGES=(postgresql memcached dovecot-imapd dovecot-pgsql dovecot-lmtpd
  dovecot-managesieved dovecot-sieve postfix postfix-pgsql sogo openssl curl
  ca-certificates python3 bc procps iproute2)

# A file per package that the stack really uses; any one missing triggers
# the install of the whole list (apt skips what is already there).
required_files() {
  cat <<EOF
/usr/sbin/sogod
/usr/bin/memcached
/usr/sbin/dovecot
/usr/lib/dovecot/imap
/usr/lib/dovecot/lmtp
/usr/lib/dovecot/managesieve
/usr/lib/dovecot/modules/libdriver_pgsql.so
/usr/lib/dovecot/modules/lib90_sieve_plugin.so
/usr/sbin/postfix
/usr/lib/postfix/postfix-pgsql.so
/usr/bin/openssl
/usr/bin/curl
/usr/bin/python3
/usr/bin/bc
/usr/bin/ps
/usr/bin/ss
/usr/sbin/nginx
/etc/ssl/certs/ca-certificates.crt
EOF
}

pg_bindir() {
  local d
  d=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [[ -n $d && -x $d/initdb ]] && echo "$d"
}

pkg_installed() {
  [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true) == installed ]]
}

# Stop and disable a Debian service that a postinst may have started: only
# sogo clashes with a port of ours (20000); the others would listen on
# 0.0.0.0 (dovecot 143/993, nginx 80...), which this loopback-only stack
# must not leave behind when it installed them itself.
disable_system_service() {
  local svc=$1
  [[ -e /etc/init.d/$svc || -e /lib/systemd/system/$svc.service ]] || return 0
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  else
    invoke-rc.d "$svc" stop >/dev/null 2>&1 || true
    update-rc.d "$svc" disable >/dev/null 2>&1 || true
  fi
}

apt_busy() {
  local p
  for p in apt-get apt dpkg unattended-upgr; do
    pgrep -x "$p" >/dev/null && return 0
  done
  return 1
}

install_packages_if_missing() {
  local f missing=()
  while IFS= read -r f; do
    [[ -e $f ]] || missing+=("$f")
  done < <(required_files)
  [[ -n $(pg_bindir) ]] || missing+=("/usr/lib/postgresql/*/bin/initdb")
  ((${#missing[@]} == 0)) && return 0

  log "missing: ${missing[*]}; installing Debian packages (a few minutes at most)"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt may be running (image provisioning): wait for it rather than
  # failing on its locks (the timeout option covers the dpkg lock; the wait
  # loop also covers a concurrent `apt-get update`).
  local waited=0
  while apt_busy && ((waited < 900)); do
    ((waited % 30 == 0)) && log "waiting for another apt/dpkg to finish..."
    sleep 1
    waited=$((waited + 1))
  done
  local apt_opts=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
  # No system Postfix configuration: ours lives in ROOTDIR/postfix/conf.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections

  local svc newly_installed=()
  for svc in sogo dovecot-core postgresql memcached postfix nginx-common; do
    pkg_installed "$svc" || newly_installed+=("$svc")
  done

  apt-get "${apt_opts[@]}" update -qq
  # nginx-light exists in bookworm; later Debian releases only ship nginx.
  local web=nginx-light
  if ! apt-cache policy nginx-light 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    web=nginx
  fi
  pkg_installed nginx || pkg_installed nginx-light || pkg_installed nginx-full ||
    pkg_installed nginx-extras || PACKAGES+=("$web")
  # dpkg's progress (hundreds of lines) goes to a log, shown only on failure.
  local apt_log=${TMPDIR:-/tmp}/cartable-stack-apt.log
  if ! apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${PACKAGES[@]}" \
    >"$apt_log" 2>&1; then
    tail -n 40 "$apt_log" >&2
    die "apt-get install failed, full output in $apt_log"
  fi

  # sogo always (port 20000 is ours); the others only when we just installed them.
  disable_system_service sogo
  for svc in "${newly_installed[@]}"; do
    case $svc in
      dovecot-core) disable_system_service dovecot ;;
      nginx-common) disable_system_service nginx ;;
      sogo) ;;
      *) disable_system_service "$svc" ;;
    esac
  done

  while IFS= read -r f; do
    [[ -e $f ]] || die "still missing after apt-get install: $f"
  done < <(required_files)
}

# --------------------------------------------------------------------------
# Layout, TLS
# --------------------------------------------------------------------------

make_dirs() {
  mkdir -p "$ROOTDIR"/{ssl,log,pg,memcached,dovecot/state,dovecot-notls/state,mail} \
    "$ROOTDIR"/postfix/{conf,spool,data} "$ROOTDIR"/sogo/{run,spool,tmp,home/GNUstep/Defaults} \
    "$ROOTDIR"/nginx/{www,tmp}
  chmod 755 "$ROOTDIR" "$ROOTDIR/log"
  # Maildirs and sieve scripts are written by Dovecot as mail:mail.
  chown "$MAIL_UID:$MAIL_GID" "$ROOTDIR/mail"
  chmod 750 "$ROOTDIR/mail"
  chown memcache: "$ROOTDIR/memcached"
  chown -R sogo: "$ROOTDIR/sogo"
  # Postfix insists on a root-owned queue directory and a postfix-owned data directory.
  chown root:root "$ROOTDIR/postfix/spool"
  chown postfix: "$ROOTDIR/postfix/data"
  # Log files written by unprivileged daemons must exist with the right owner.
  touch "$ROOTDIR/log/sogo.log" "$ROOTDIR/log/postgresql.log"
  chown sogo: "$ROOTDIR/log/sogo.log"
  chown postgres: "$ROOTDIR/log/postgresql.log"
}

# Private CA + server certificate for localhost, mail.example.test and
# 127.0.0.1. Kept across restarts (clients may have pinned/trusted ca.pem);
# re-issued only when missing or expiring within a day.
make_tls() {
  local d=$ROOTDIR/ssl
  if [[ -s $d/ca.pem && -s $d/server.key && -s $d/server-chain.pem ]] &&
    openssl x509 -checkend 86400 -noout -in "$d/server.pem" >/dev/null 2>&1; then
    return 0
  fi
  log "creating the private CA and the server certificate in $d"
  (
    umask 077
    if ! [[ -s $d/ca.pem && -s $d/ca.key ]] ||
      ! openssl x509 -checkend 86400 -noout -in "$d/ca.pem" >/dev/null 2>&1; then
      openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
        -keyout "$d/ca.key" -out "$d/ca.pem" -days 3650 -sha256 \
        -subj "/O=Cartable test stack/CN=Cartable Test CA $(date +%Y%m%d%H%M%S)" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "subjectKeyIdentifier=hash" 2>/dev/null
    fi
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
      -keyout "$d/server.key" -out "$d/server.csr" \
      -subj "/O=Cartable test stack/CN=localhost" 2>/dev/null
    cat >"$d/server.ext" <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, DNS:mail.example.test, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
    # 800 days: below the 825-day ceiling that some TLS stacks enforce.
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" \
      -set_serial "0x$(openssl rand -hex 12)" -days 800 -sha256 \
      -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null
    cat "$d/server.pem" "$d/ca.pem" >"$d/server-chain.pem"
    rm -f "$d/server.csr" "$d/server.ext"
  )
  # Anyone may read the certificates; keys stay root-only (every daemon
  # reads them as root before dropping privileges).
  chmod 755 "$d"
  chmod 644 "$d/ca.pem" "$d/server.pem" "$d/server-chain.pem"
  chmod 600 "$d/ca.key" "$d/server.key"
}

# --------------------------------------------------------------------------
# PostgreSQL (private cluster, initdb into ROOTDIR)
# --------------------------------------------------------------------------

psql_root() {
  "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$ROOTDIR/pg/run" -p "$STACK_PG_PORT" -U postgres "$@"
}

start_postgres() {
  local data=$ROOTDIR/pg/data
  if ! svc_running postgresql; then
    if [[ ! -s $data/PG_VERSION ]]; then
      rm -rf "$data"
      install -d -o postgres -g postgres -m 700 "$data"
      # fsync off + --no-sync: a throw-away test cluster, speed over durability.
      as_user postgres "$PGBIN/initdb" -D "$data" -U postgres -E UTF8 --no-locale \
        --auth-local=trust --auth-host=scram-sha-256 --no-sync \
        >"$ROOTDIR/log/initdb.log" 2>&1 || die "initdb failed, see $ROOTDIR/log/initdb.log"
      echo "include 'stack.conf'" >>"$data/postgresql.conf"
    fi
    install -d -o postgres -g postgres -m 700 "$ROOTDIR/pg/run"
    # The unix socket directory is root/postgres-only, so "trust" on local
    # connections only lets root (start.sh) in; TCP needs the sogo password.
    cat >"$data/stack.conf" <<EOF
# Written by test/stack/start.sh: private test cluster on 127.0.0.1 only.
listen_addresses = '127.0.0.1'
port = $STACK_PG_PORT
unix_socket_directories = '$ROOTDIR/pg/run'
max_connections = 100
shared_buffers = 32MB
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
log_line_prefix = '%m [%p] %q%u@%d '
timezone = 'UTC'
EOF
    chown postgres: "$data/stack.conf"
    rm -f "$data/postmaster.pid"
    detached "$ROOTDIR/log/postgresql-start.log" setpriv --reuid=postgres --regid=postgres \
      --init-groups -- "$PGBIN/pg_ctl" -D "$data" -l "$ROOTDIR/log/postgresql.log" -w -t 60 start
    wait $! || die "PostgreSQL did not start, see $ROOTDIR/log/postgresql.log"
  fi
  init_database
}

# Idempotent: roles, database, SOGo's own tables, users. Runs at every
# start of PostgreSQL (a few ms).
init_database() {
  psql_root -d postgres <<EOF
DO \$\$BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASS';
  END IF;
END\$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME')\gexec
EOF
  psql_root -d "$DB_NAME" <<'EOF'
SET client_min_messages = warning;
SET ROLE sogo;

-- SOGo creates these three on first use, but its 3 workers race and two of
-- them fail with "duplicate key ... pg_type_typname_nsp_index": create them
-- first, with SOGo 5.8's own definitions.
CREATE TABLE IF NOT EXISTS sogo_user_profile (
  c_uid      VARCHAR(255) NOT NULL PRIMARY KEY,
  c_defaults TEXT,
  c_settings TEXT
);
CREATE TABLE IF NOT EXISTS sogo_folder_info (
  c_folder_id      SERIAL,
  c_path           VARCHAR(255)  PRIMARY KEY,
  c_path1          VARCHAR(255)  NOT NULL,
  c_path2          VARCHAR(255)  NULL,
  c_path3          VARCHAR(255)  NULL,
  c_path4          VARCHAR(255)  NULL,
  c_foldername     VARCHAR(255)  NOT NULL,
  c_location       VARCHAR(2048) NULL,
  c_quick_location VARCHAR(2048) NULL,
  c_acl_location   VARCHAR(2048) NULL,
  c_folder_type    VARCHAR(255)  NOT NULL
);
CREATE TABLE IF NOT EXISTS sogo_sessions_folder (
  c_id           VARCHAR(255)  PRIMARY KEY,
  c_value        VARCHAR(4096) NOT NULL,
  c_creationdate INT4          NOT NULL,
  c_lastseen     INT4          NOT NULL
);

-- One account table for SOGo (its SQL user source), Dovecot and Postfix.
CREATE TABLE IF NOT EXISTS sogo_users (
  c_uid             VARCHAR(64)  PRIMARY KEY,
  c_name            VARCHAR(64)  NOT NULL,
  c_password        VARCHAR(256) NOT NULL,
  c_cn              VARCHAR(256) NOT NULL,
  mail              VARCHAR(256) NOT NULL UNIQUE,
  kind              VARCHAR(32)  NULL,         -- 'location' for rooms
  multiple_bookings INTEGER      NOT NULL DEFAULT 0
);
-- Mailboxes that are not SOGo users (catch-all of external recipients).
CREATE TABLE IF NOT EXISTS mail_only_users (
  uid      VARCHAR(64)  PRIMARY KEY,
  password VARCHAR(256) NOT NULL,
  mail     VARCHAR(256) NOT NULL UNIQUE
);
CREATE OR REPLACE VIEW mail_accounts AS
  SELECT c_uid AS uid, c_password AS password, mail FROM sogo_users
  UNION ALL
  SELECT uid, password, mail FROM mail_only_users;

-- {SSHA256}: understood natively by both SOGo (prependPasswordScheme) and Dovecot.
CREATE FUNCTION pg_temp.ssha256(pw TEXT) RETURNS TEXT LANGUAGE sql AS $f$
  SELECT '{SSHA256}' || encode(sha256(convert_to(pw, 'UTF8') || s) || s, 'base64')
    FROM (SELECT decode(md5(random()::text || clock_timestamp()::text), 'hex') AS s) salt
$f$;

INSERT INTO sogo_users (c_uid, c_name, c_password, c_cn, mail, kind, multiple_bookings) VALUES
  ('alice',    'alice',    pg_temp.ssha256('alice-pass'),    'Alice Martin',  'alice@example.test',    NULL, 0),
  ('bob',      'bob',      pg_temp.ssha256('bob-pass'),      'Bob Durand',    'bob@example.test',      NULL, 0),
  ('carol',    'carol',    pg_temp.ssha256('carol-pass'),    'Carol Lefèvre', 'carol@example.test',    NULL, 0),
  ('salle101', 'salle101', pg_temp.ssha256('salle101-pass'), 'Salle 101',     'salle101@example.test', 'location', 1)
ON CONFLICT (c_uid) DO NOTHING;
INSERT INTO mail_only_users (uid, password, mail) VALUES
  ('catchall', pg_temp.ssha256('catchall-pass'), 'catchall@example.test'),
  -- npm run bench: one mailbox per size, seeded once by writing Maildir files.
  ('bench10k',  pg_temp.ssha256('bench10k-pass'),  'bench10k@example.test'),
  ('bench100k', pg_temp.ssha256('bench100k-pass'), 'bench100k@example.test'),
  ('bench200k', pg_temp.ssha256('bench200k-pass'), 'bench200k@example.test')
ON CONFLICT (uid) DO NOTHING;
EOF
}

# --------------------------------------------------------------------------
# memcached
# --------------------------------------------------------------------------

start_memcached() {
  svc_running memcached && return 0
  rm -f "$(svc_pidfile memcached)"
  # -U 0: no UDP. memcached writes its pid file after dropping to "memcache".
  detached "$ROOTDIR/log/memcached.log" memcached -d -u memcache -l 127.0.0.1 \
    -p "$STACK_MEMCACHED_PORT" -U 0 -m 64 -c 512 -P "$(svc_pidfile memcached)"
  wait $! || die "memcached did not start, see $ROOTDIR/log/memcached.log"
}

# --------------------------------------------------------------------------
# Dovecot: IMAP/IMAPS/ManageSieve/LMTP, plus a TLS-less IMAP instance
# --------------------------------------------------------------------------

write_dovecot_conf() {
  local d=$ROOTDIR/dovecot
  cat >"$d/dovecot-sql.conf.ext" <<EOF
# Written by test/stack/start.sh
driver = pgsql
connect = host=127.0.0.1 port=$STACK_PG_PORT dbname=$DB_NAME user=$DB_USER password=$DB_PASS
default_pass_scheme = SSHA256

# Dovecot treats loopback clients as "secured" and would accept LOGIN before
# STARTTLS on 1143 (client IP == server IP, whatever disable_plaintext_auth
# says). This stack is loopback-only, so IMAP and ManageSieve logins are only
# matched when the connection really is TLS: LOGIN before STARTTLS then
# fails with AUTHENTICATIONFAILED. "alice" and "alice@example.test" both
# log in as alice. The bench users get no quota (storage=0): 200k messages
# outgrow the 200 MB every other user has, and Dovecot then refuses delivery.
password_query = SELECT uid AS user, password FROM mail_accounts \\
  WHERE (uid = '%Lu' OR mail = '%Lu') \\
    AND ('%s' NOT IN ('imap', 'sieve') OR '%{secured}' = 'TLS')
user_query = SELECT uid AS user, '$ROOTDIR/mail/' || uid AS home, \\
  $MAIL_UID AS uid, $MAIL_GID AS gid, \\
  CASE WHEN uid IN ('bench10k', 'bench100k', 'bench200k') THEN '*:storage=0' END AS quota_rule \\
  FROM mail_accounts WHERE uid = '%Lu' OR mail = '%Lu'
iterate_query = SELECT uid AS user FROM mail_accounts
EOF
  chmod 600 "$d/dovecot-sql.conf.ext"

  cat >"$d/dovecot.conf" <<EOF
# Written by test/stack/start.sh -- the Cartable test stack's Dovecot.
# Self-contained: nothing from /etc/dovecot is included.
instance_name = cartable-stack
base_dir = $d/run
state_dir = $d/state
log_path = $ROOTDIR/log/dovecot.log
hostname = mail.example.test
postmaster_address = postmaster@example.test

protocols = imap lmtp sieve
listen = 127.0.0.1

ssl = yes
ssl_cert = <$ROOTDIR/ssl/server-chain.pem
ssl_key = <$ROOTDIR/ssl/server.key
ssl_min_protocol = TLSv1.2
auth_mechanisms = plain login
disable_plaintext_auth = yes

mail_location = maildir:~/Maildir
mail_uid = $MAIL_UID
mail_gid = $MAIL_GID
first_valid_uid = $MAIL_UID
last_valid_uid = $MAIL_UID
mailbox_list_index = yes
mail_plugins = quota acl
recipient_delimiter = +

namespace inbox {
  inbox = yes
  separator = /
  prefix =
  # Subscribed too, for clients that only walk LSUB.
  mailbox INBOX {
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archives {
    special_use = \\Archive
    auto = subscribe
  }
}

passdb {
  driver = sql
  args = $d/dovecot-sql.conf.ext
}
userdb {
  driver = sql
  args = $d/dovecot-sql.conf.ext
}

# Named like Dovecot's built-in listeners so that they replace 143/993/4190.
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $STACK_IMAP_PORT
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $STACK_IMAPS_PORT
    ssl = yes
  }
}
service managesieve-login {
  inet_listener sieve {
    address = 127.0.0.1
    port = $STACK_SIEVE_PORT
  }
}
service lmtp {
  # Postfix (user postfix) delivers here: virtual_transport = lmtp:unix:...
  unix_listener lmtp {
    mode = 0666
  }
}
service auth {
  # Postfix SMTP AUTH (smtpd_sasl_type = dovecot).
  unix_listener auth-postfix {
    mode = 0660
    user = postfix
    group = postfix
  }
  unix_listener auth-userdb {
    mode = 0600
  }
}

protocol imap {
  mail_plugins = \$mail_plugins imap_quota imap_acl
  # Test suites open many parallel connections per user.
  mail_max_userip_connections = 100
}
protocol lmtp {
  mail_plugins = \$mail_plugins sieve
}

# Sieve vacation and redirect go out through Postfix's plain port.
submission_host = 127.0.0.1:$STACK_SMTP_PLAIN_PORT

plugin {
  quota = count:User quota
  quota_rule = *:storage=200M
  quota_vsizes = yes
  acl = vfile
  sieve = file:~/sieve;active=~/.dovecot.sieve
  # Lets tests use ":days 0"/":seconds 1" vacation responses.
  sieve_vacation_min_period = 0
  sieve_extensions = +vacation-seconds
}
EOF
}

# A second, minimal Dovecot whose IMAP never offers STARTTLS (ssl = no): the
# endpoint on which clients must refuse to send credentials. Logins always
# fail (empty user file).
write_dovecot_notls_conf() {
  local d=$ROOTDIR/dovecot-notls
  : >"$d/nobody.passwd"
  cat >"$d/dovecot.conf" <<EOF
# Written by test/stack/start.sh -- IMAP without any TLS, for refusal tests.
instance_name = cartable-stack-notls
base_dir = $d/run
state_dir = $d/state
log_path = $ROOTDIR/log/dovecot-notls.log
protocols = imap
listen = 127.0.0.1
ssl = no
login_greeting = Cartable test stack: IMAP without TLS (clients must refuse it).
auth_mechanisms = plain login
mail_location = maildir:$d/mail
passdb {
  driver = passwd-file
  args = $d/nobody.passwd
}
userdb {
  driver = passwd-file
  args = $d/nobody.passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $STACK_IMAP_NOTLS_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
}

start_dovecot() {
  if ! svc_running dovecot; then
    write_dovecot_conf
    detached "$ROOTDIR/log/dovecot-start.log" dovecot -c "$ROOTDIR/dovecot/dovecot.conf"
    wait $! || die "dovecot did not start, see $ROOTDIR/log/dovecot-start.log and dovecot.log"
  fi
  if ! svc_running dovecot-notls; then
    write_dovecot_notls_conf
    detached "$ROOTDIR/log/dovecot-notls-start.log" dovecot -c "$ROOTDIR/dovecot-notls/dovecot.conf"
    wait $! || die "dovecot (no TLS) did not start, see $ROOTDIR/log/dovecot-notls-start.log"
  fi
}

# --------------------------------------------------------------------------
# Postfix (own config directory: postfix -c ROOTDIR/postfix/conf)
# --------------------------------------------------------------------------

write_postfix_conf() {
  local c=$ROOTDIR/postfix/conf
  cat >"$c/main.cf" <<EOF
# Written by test/stack/start.sh -- the Cartable test stack's Postfix.
compatibility_level = 3.6
queue_directory = $ROOTDIR/postfix/spool
data_directory = $ROOTDIR/postfix/data
mail_owner = postfix
setgid_group = postdrop

inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = mail.example.test
mydomain = example.test
myorigin = \$mydomain
mydestination =
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP Cartable test stack
smtpd_peername_lookup = no
biff = no
append_dot_mydomain = no
recipient_delimiter = +
message_size_limit = 52428800
readme_directory = no

# Local log file (no syslog here); the path must be allowed by the prefixes.
maillog_file = $ROOTDIR/log/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $ROOTDIR

# Every mailbox is virtual and delivered by Dovecot LMTP.
alias_maps =
alias_database =
local_recipient_maps =
local_transport = error:5.1.1 no local delivery in the test stack
virtual_mailbox_domains = example.test
virtual_mailbox_maps = pgsql:$c/pgsql-mailboxes.cf
virtual_transport = lmtp:unix:$ROOTDIR/dovecot/run/lmtp
unknown_virtual_mailbox_reject_code = 550

# Nothing leaves the machine: every recipient outside @example.test is
# rewritten to catchall@example.test. virtual_alias_domains must be empty:
# its default (\$virtual_alias_maps) turned example.test itself into an alias
# domain and every real recipient was "User unknown in virtual alias table".
virtual_alias_domains =
virtual_alias_maps = regexp:$c/external-catchall.regexp
relayhost =
default_transport = error:5.7.1 no delivery outside the test stack
relay_transport = error:5.7.1 no delivery outside the test stack

smtpd_tls_cert_file = $ROOTDIR/ssl/server-chain.pem
smtpd_tls_key_file = $ROOTDIR/ssl/server.key
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_protocols = >=TLSv1.2
smtp_tls_security_level = none
smtpd_sasl_type = dovecot
smtpd_sasl_path = $ROOTDIR/dovecot/run/auth-postfix
smtpd_sasl_auth_enable = no
smtpd_sasl_authenticated_header = no
broken_sasl_auth_clients = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions =

maximal_queue_lifetime = 1h
bounce_queue_lifetime = 1h
delay_warning_time = 0
EOF

  # chroot "n" everywhere: the paths above live outside the spool.
  cat >"$c/master.cf" <<EOF
# Written by test/stack/start.sh
# service               type  private unpriv chroot wakeup maxproc command
# Submission: STARTTLS mandatory, then AUTH (Dovecot); unauthenticated RCPT -> 554.
127.0.0.1:$STACK_SUBMISSION_PORT inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/submission
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
  -o milter_macro_daemon_name=ORIGINATING
# Submissions: implicit TLS (RFC 8314), AUTH.
127.0.0.1:$STACK_SUBMISSIONS_PORT inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/submissions
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_client_restrictions=
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
  -o smtpd_recipient_restrictions=permit_sasl_authenticated,reject
  -o milter_macro_daemon_name=ORIGINATING
# Plain SMTP: no TLS, no AUTH, 127.0.0.0/8 only (Sieve vacation/redirect, test injection).
127.0.0.1:$STACK_SMTP_PLAIN_PORT inet  n       -      n      -      -       smtpd
  -o syslog_name=postfix/plain
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=no
  -o smtpd_client_restrictions=permit_mynetworks,reject
  -o smtpd_relay_restrictions=permit_mynetworks,reject
pickup     unix  n       -       n       60      1       pickup
cleanup    unix  n       -       n       -       0       cleanup
qmgr       unix  n       -       n       300     1       qmgr
tlsmgr     unix  -       -       n       1000?   1       tlsmgr
rewrite    unix  -       -       n       -       -       trivial-rewrite
bounce     unix  -       -       n       -       0       bounce
defer      unix  -       -       n       -       0       bounce
trace      unix  -       -       n       -       0       bounce
verify     unix  -       -       n       -       1       verify
flush      unix  n       -       n       1000?   0       flush
proxymap   unix  -       -       n       -       -       proxymap
proxywrite unix  -       -       n       -       1       proxymap
smtp       unix  -       -       n       -       -       smtp
relay      unix  -       -       n       -       -       smtp
showq      unix  n       -       n       -       -       showq
error      unix  -       -       n       -       -       error
retry      unix  -       -       n       -       -       error
discard    unix  -       -       n       -       -       discard
local      unix  -       n       n       -       -       local
virtual    unix  -       n       n       -       -       virtual
lmtp       unix  -       -       n       -       -       lmtp
anvil      unix  -       -       n       -       1       anvil
scache     unix  -       -       n       -       1       scache
postlog    unix-dgram n  -       n       -       1       postlogd
EOF

  cat >"$c/pgsql-mailboxes.cf" <<EOF
# Written by test/stack/start.sh: which @example.test addresses exist.
hosts = inet:127.0.0.1:$STACK_PG_PORT
user = $DB_USER
password = $DB_PASS
dbname = $DB_NAME
query = SELECT 1 FROM mail_accounts WHERE lower(mail) = lower('%s')
EOF
  chown root:postfix "$c/pgsql-mailboxes.cf"
  chmod 640 "$c/pgsql-mailboxes.cf"

  cat >"$c/external-catchall.regexp" <<'EOF'
# Written by test/stack/start.sh: nothing leaves the machine.
/^(postmaster|abuse|root|mailer-daemon)@example\.test$/ catchall@example.test
!/@example\.test$/ catchall@example.test
EOF
  # Postfix will not read a config file modified within the last second or
  # so: it re-reads it every 300 ms until it is old enough (that was 2.1 s
  # of a 3 s start). Backdate the generated files.
  touch -d "@$(($(date +%s) - 10))" "$c"/main.cf "$c"/master.cf "$c"/pgsql-mailboxes.cf \
    "$c"/external-catchall.regexp
}

start_postfix() {
  svc_running postfix && return 0
  write_postfix_conf
  local q=$ROOTDIR/postfix/spool d
  rm -f "$q/pid/master.pid"
  # `postfix start` runs post-install create-missing + integrity checks,
  # ~2 s even when nothing is missing. Create the queue directories
  # ourselves (owners/modes of /etc/postfix/postfix-files) and leave the
  # "quick-start" file that makes postfix-script go straight to `master -w`.
  for d in active bounce corrupt defer deferred flush hold incoming private saved trace; do
    install -d -o postfix -g root -m 700 "$q/$d"
  done
  install -d -o postfix -g postdrop -m 730 "$q/maildrop"
  install -d -o postfix -g postdrop -m 710 "$q/public"
  install -d -o root -g root -m 755 "$q/pid"
  touch "$q/quick-start"
  detached "$ROOTDIR/log/postfix-start.log" postfix -c "$ROOTDIR/postfix/conf" start
  wait $! || die "postfix did not start, see $ROOTDIR/log/postfix-start.log and postfix.log"
}

# --------------------------------------------------------------------------
# SOGo
# --------------------------------------------------------------------------

write_sogo_conf() {
  local s=$ROOTDIR/sogo db="postgresql://$DB_USER:$DB_PASS@127.0.0.1:$STACK_PG_PORT/$DB_NAME"
  # gnustep-base takes the home directory from /etc/passwd (sogo ->
  # /run/sogo) and ignores $HOME: point GNUSTEP_CONFIG_FILE at a copy of the
  # system file whose user defaults dir is absolute. Without a readable
  # config sogod "exits with status 0" after logging a pid file error.
  sed -e '/^GNUSTEP_USER_DEFAULTS_DIR=/d' /etc/GNUstep/GNUstep.conf >"$s/GNUstep.conf"
  echo "GNUSTEP_USER_DEFAULTS_DIR=$s/home/GNUstep/Defaults" >>"$s/GNUstep.conf"

  # Settings precedence (SOGoSystemDefaults.m): command line > this file >
  # /etc/sogo/sogo.conf (active on Debian!) > built-ins. So every key that
  # Debian's sogo.conf sets is overridden here; /etc/sogo is never touched.
  cat >"$s/home/GNUstep/Defaults/sogod.plist" <<EOF
{
  WOPort = "127.0.0.1:$STACK_SOGO_PORT";
  WOWorkersCount = 3;
  WOListenQueueSize = 64;
  WOLogFile = "$ROOTDIR/log/sogo.log";
  WOPidFile = "$s/run/sogo.pid";
  WOUseRelativeURLs = YES;
  SxVMemLimit = 512;

  SOGoProfileURL = "$db/sogo_user_profile";
  OCSFolderInfoURL = "$db/sogo_folder_info";
  OCSSessionsFolderURL = "$db/sogo_sessions_folder";
  OCSEMailAlarmsFolderURL = "$db/sogo_alarms_folder";
  SOGoMemcachedHost = "127.0.0.1:$STACK_MEMCACHED_PORT";

  SOGoUserSources = (
    {
      type = sql;
      id = directory;
      viewURL = "$db/sogo_users";
      canAuthenticate = YES;
      isAddressBook = YES;
      displayName = "Annuaire";
      userPasswordAlgorithm = ssha256;
      prependPasswordScheme = YES;
      LoginFieldNames = ( c_uid, mail );
      KindFieldName = kind;
      MultipleBookingsFieldName = multiple_bookings;
    }
  );

  SOGoMailDomain = example.test;
  SOGoLanguage = English;
  SOGoTimeZone = "Europe/Paris";
  SOGoFirstDayOfWeek = 1;
  SOGoPageTitle = "Cartable test stack";

  /* SOGo 5 verifies TLS peers; allowInsecureLocalhost accepts our cert on 127.0.0.1. */
  SOGoIMAPServer = "imap://127.0.0.1:$STACK_IMAP_PORT/?tls=YES&tlsVerifyMode=allowInsecureLocalhost";
  SOGoSieveServer = "sieve://127.0.0.1:$STACK_SIEVE_PORT/?tls=YES&tlsVerifyMode=allowInsecureLocalhost";
  SOGoMailingMechanism = smtp;
  SOGoSMTPServer = "smtp://127.0.0.1:$STACK_SUBMISSION_PORT/?tls=YES&tlsVerifyMode=allowInsecureLocalhost";
  SOGoSMTPAuthenticationType = PLAIN;
  NGImap4ConnectionStringSeparator = "/";
  SOGoIMAPAclConformsToIMAPExt = YES;
  SOGoDraftsFolderName = Drafts;
  SOGoSentFolderName = Sent;
  SOGoTrashFolderName = Trash;
  SOGoJunkFolderName = Junk;
  SOGoMailSpoolPath = "$s/spool";
  SOGoMailMessageCheck = manually;
  SOGoMailAuxiliaryUserAccountsEnabled = NO;

  /* Debian's sogo.conf disables these; the client's tests need them. */
  SOGoVacationEnabled = YES;
  SOGoForwardEnabled = YES;
  SOGoSieveScriptsEnabled = YES;

  SOGoAppointmentSendEMailNotifications = YES;
  SOGoEnableEMailAlarms = NO;
  SOGoCalendarDefaultRoles = ( PublicDAndTViewer, ConfidentialDAndTViewer );
  SOGoPasswordChangeEnabled = NO;
  SOGoMaximumFailedLoginCount = 0;
}
EOF
  chown -R sogo: "$s"
}

start_sogod() {
  svc_running sogod && return 0
  write_sogo_conf
  rm -f "$(svc_pidfile sogod)"
  # sogod detaches itself (watchdog parent + workers). A clean environment:
  # only what GNUstep and SOGo need.
  detached "$ROOTDIR/log/sogo-start.log" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TMPDIR="$ROOTDIR/sogo/tmp" GNUSTEP_CONFIG_FILE="$ROOTDIR/sogo/GNUstep.conf" \
    setpriv --reuid=sogo --regid=sogo --init-groups -- /usr/sbin/sogod \
    -WOWorkersCount 3 -WOPidFile "$(svc_pidfile sogod)" -WOLogFile "$ROOTDIR/log/sogo.log"
  wait $! || die "sogod failed to start, see $ROOTDIR/log/sogo.log"
}

# --------------------------------------------------------------------------
# nginx: TLS front for SOGo, .well-known redirects, Thunderbird autoconfig
# --------------------------------------------------------------------------

write_autoconfig() {
  cat >"$ROOTDIR/nginx/www/config-v1.1.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Cartable test stack (Thunderbird autoconfig format). -->
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <displayName>Cartable test stack</displayName>
    <displayShortName>Cartable</displayShortName>
    <incomingServer type="imap">
      <hostname>127.0.0.1</hostname>
      <port>$STACK_IMAPS_PORT</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>127.0.0.1</hostname>
      <port>$STACK_IMAP_PORT</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>127.0.0.1</hostname>
      <port>$STACK_SUBMISSIONS_PORT</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>127.0.0.1</hostname>
      <port>$STACK_SUBMISSION_PORT</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
  <addressBook type="carddav">
    <username>%EMAILADDRESS%</username>
    <authentication>http-basic</authentication>
    <serverURL>$STACK_DAV_URL</serverURL>
  </addressBook>
  <calendar type="caldav">
    <username>%EMAILADDRESS%</username>
    <authentication>http-basic</authentication>
    <serverURL>$STACK_DAV_URL</serverURL>
  </calendar>
</clientConfig>
EOF
  chmod 644 "$ROOTDIR/nginx/www/config-v1.1.xml"
}

write_nginx_conf() {
  local n=$ROOTDIR/nginx
  mkdir -p "$n/tmp"/{body,proxy,fastcgi,uwsgi,scgi}
  chown -R www-data: "$n/tmp"
  cat >"$n/nginx.conf" <<EOF
# Written by test/stack/start.sh -- own config/pid/logs, not /etc/nginx.
user www-data;
worker_processes 1;
pid $n/nginx.pid;
error_log $ROOTDIR/log/nginx-error.log warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log $ROOTDIR/log/nginx-access.log;
  client_body_temp_path $n/tmp/body;
  proxy_temp_path $n/tmp/proxy;
  fastcgi_temp_path $n/tmp/fastcgi;
  uwsgi_temp_path $n/tmp/uwsgi;
  scgi_temp_path $n/tmp/scgi;
  server_tokens off;
  sendfile on;

  server {
    listen 127.0.0.1:$STACK_HTTPS_PORT ssl http2;
    server_name localhost mail.example.test 127.0.0.1;
    ssl_certificate $ROOTDIR/ssl/server-chain.pem;
    ssl_certificate_key $ROOTDIR/ssl/server.key;
    ssl_protocols TLSv1.2 TLSv1.3;

    # Large attachments / big calendars and address books.
    client_max_body_size 100m;

    # sogod itself answers these with its HTML login page (200).
    location = /.well-known/caldav { return 301 /SOGo/dav/; }
    location = /.well-known/carddav { return 301 /SOGo/dav/; }

    # Thunderbird-style autoconfig (served as text/xml, like ISPs do).
    location = /.well-known/autoconfig/mail/config-v1.1.xml {
      alias $n/www/config-v1.1.xml;
    }
    location = /mail/config-v1.1.xml {
      alias $n/www/config-v1.1.xml;
    }

    location = / { return 302 /SOGo/; }

    location /SOGo {
      proxy_pass http://127.0.0.1:$STACK_SOGO_PORT;
      proxy_redirect http://127.0.0.1:$STACK_SOGO_PORT/ /;
      proxy_set_header Host \$http_host;
      proxy_set_header X-Real-IP \$remote_addr;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host \$http_host;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_set_header X-Forwarded-Proto \$scheme;
      # What SOGo reads to build absolute URLs behind a proxy.
      proxy_set_header x-webobjects-server-protocol HTTP/1.0;
      proxy_set_header x-webobjects-remote-host \$remote_addr;
      proxy_set_header x-webobjects-server-name \$host;
      proxy_set_header x-webobjects-server-port \$server_port;
      proxy_set_header x-webobjects-server-url \$scheme://\$http_host;
      proxy_connect_timeout 10s;
      proxy_send_timeout 300s;
      proxy_read_timeout 300s;
      proxy_buffer_size 128k;
      proxy_buffers 64 64k;
      proxy_busy_buffers_size 256k;
      client_body_buffer_size 1m;
    }
  }
}
EOF
}

start_nginx() {
  svc_running nginx && return 0
  write_autoconfig
  write_nginx_conf
  rm -f "$(svc_pidfile nginx)"
  # -e: the error log before the config is read (default is /var/log/nginx).
  detached "$ROOTDIR/log/nginx-start.log" nginx -e "$ROOTDIR/log/nginx-error.log" \
    -p "$ROOTDIR/nginx/" -c "$ROOTDIR/nginx/nginx.conf"
  wait $! || die "nginx did not start, see $ROOTDIR/log/nginx-start.log"
}

# --------------------------------------------------------------------------
# Waiting, stack.json, summary
# --------------------------------------------------------------------------

all_ports() {
  local svc
  for svc in "${SERVICES[@]}"; do svc_ports "$svc"; done | tr ' ' '\n'
}

wait_ports() {
  local deadline=$((SECONDS + ${1:-60})) missing port listening
  while :; do
    listening=$(listening_ports)
    missing=()
    for port in $(all_ports); do
      grep -qx "$port" <<<"$listening" || missing+=("$port")
    done
    [[ -S $ROOTDIR/dovecot/run/lmtp ]] || missing+=("lmtp-socket")
    ((${#missing[@]} == 0)) && return 0
    ((SECONDS < deadline)) || die "not listening after ${1:-60}s: ${missing[*]} (logs in $ROOTDIR/log)"
    sleep 0.1
  done
}

wait_sogo() {
  local deadline=$((SECONDS + ${1:-60})) code=''
  while :; do
    code=$(propfind_status "$STACK_DAV_PLAIN_URL"alice/ alice)
    [[ $code == 207 ]] && return 0
    if ((SECONDS >= deadline)); then
      tail -n 20 "$ROOTDIR/log/sogo.log" >&2 || true
      die "SOGo PROPFIND /SOGo/dav/alice/ answered '$code' instead of 207"
    fi
    sleep 0.1
  done
}

json_str() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}

write_stack_json() {
  local tmp=$ROOTDIR/stack.json.tmp r
  r=$(json_str "$ROOTDIR")
  cat >"$tmp" <<EOF
{
  "rootDir": $r,
  "host": "127.0.0.1",
  "mailDomain": "example.test",
  "ca": $(json_str "$STACK_CA"),
  "ports": {
    "postgres": $STACK_PG_PORT,
    "memcached": $STACK_MEMCACHED_PORT,
    "imap": $STACK_IMAP_PORT,
    "imaps": $STACK_IMAPS_PORT,
    "imapNoTls": $STACK_IMAP_NOTLS_PORT,
    "sieve": $STACK_SIEVE_PORT,
    "submission": $STACK_SUBMISSION_PORT,
    "submissions": $STACK_SUBMISSIONS_PORT,
    "smtpPlain": $STACK_SMTP_PLAIN_PORT,
    "sogo": $STACK_SOGO_PORT,
    "https": $STACK_HTTPS_PORT,
    "closed": $STACK_CLOSED_PORT
  },
  "imap": {
    "starttls": { "host": "127.0.0.1", "port": $STACK_IMAP_PORT, "secure": false, "requireTLS": true },
    "tls": { "host": "127.0.0.1", "port": $STACK_IMAPS_PORT, "secure": true },
    "noTls": { "host": "127.0.0.1", "port": $STACK_IMAP_NOTLS_PORT, "secure": false, "offersStarttls": false }
  },
  "smtp": {
    "starttls": { "host": "127.0.0.1", "port": $STACK_SUBMISSION_PORT, "secure": false, "requireTLS": true, "auth": true },
    "tls": { "host": "127.0.0.1", "port": $STACK_SUBMISSIONS_PORT, "secure": true, "auth": true },
    "plain": { "host": "127.0.0.1", "port": $STACK_SMTP_PLAIN_PORT, "secure": false, "offersStarttls": false, "auth": false }
  },
  "sieve": { "host": "127.0.0.1", "port": $STACK_SIEVE_PORT, "starttls": true },
  "dav": {
    "base": "$STACK_DAV_URL",
    "plain": "$STACK_DAV_PLAIN_URL",
    "wellKnownCaldav": "https://127.0.0.1:$STACK_HTTPS_PORT/.well-known/caldav",
    "wellKnownCarddav": "https://127.0.0.1:$STACK_HTTPS_PORT/.well-known/carddav"
  },
  "web": { "https": "https://127.0.0.1:$STACK_HTTPS_PORT/SOGo/", "plain": "http://127.0.0.1:$STACK_SOGO_PORT/SOGo/" },
  "autoconfig": [
    "$STACK_AUTOCONFIG_URL",
    "https://127.0.0.1:$STACK_HTTPS_PORT/mail/config-v1.1.xml"
  ],
  "users": {
    "alice": { "login": "alice", "password": "alice-pass", "email": "alice@example.test", "name": "Alice Martin" },
    "bob": { "login": "bob", "password": "bob-pass", "email": "bob@example.test", "name": "Bob Durand" },
    "carol": { "login": "carol", "password": "carol-pass", "email": "carol@example.test", "name": "Carol Lefèvre" }
  },
  "rooms": {
    "salle101": { "login": "salle101", "password": "salle101-pass", "email": "salle101@example.test", "name": "Salle 101", "kind": "location", "multipleBookings": 1 }
  },
  "mailOnly": {
    "catchall": { "login": "catchall", "password": "catchall-pass", "email": "catchall@example.test", "receives": "every recipient outside @example.test" }
  },
  "db": { "host": "127.0.0.1", "port": $STACK_PG_PORT, "name": "$DB_NAME", "user": "$DB_USER", "password": "$DB_PASS" },
  "lmtpSocket": $(json_str "$ROOTDIR/dovecot/run/lmtp"),
  "logDir": $(json_str "$ROOTDIR/log")
}
EOF
  mv -f "$tmp" "$ROOTDIR/stack.json"
  chmod 644 "$ROOTDIR/stack.json"
}

summary() {
  local t1 ms
  t1=$(date +%s%N)
  ms=$(((t1 - T0) / 1000000))
  cat <<EOF
Cartable test stack ${1:-up} in $((ms / 1000)).$(printf '%03d' $((ms % 1000))) s  (ROOTDIR=$ROOTDIR)
  IMAP   127.0.0.1:$STACK_IMAP_PORT STARTTLS | :$STACK_IMAPS_PORT TLS | :$STACK_IMAP_NOTLS_PORT no TLS (refusal tests)
  SMTP   127.0.0.1:$STACK_SUBMISSION_PORT STARTTLS+AUTH | :$STACK_SUBMISSIONS_PORT TLS+AUTH | :$STACK_SMTP_PLAIN_PORT plain, no AUTH
  Sieve  127.0.0.1:$STACK_SIEVE_PORT   DAV $STACK_DAV_URL  (plain $STACK_DAV_PLAIN_URL)
  CA     $STACK_CA   facts: $ROOTDIR/stack.json
  Users  alice bob carol (password <user>-pass), room salle101, mail-only catchall
EOF
}

all_running() {
  local svc
  for svc in "${SERVICES[@]}"; do svc_running "$svc" || return 1; done
}

# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

need_root
install_packages_if_missing
PGBIN=$(pg_bindir) || die "PostgreSQL binaries not found under /usr/lib/postgresql"

mkdir -p "$ROOTDIR"
# Two start.sh at once (parallel test runners) would race on the same ports.
exec 9>"$ROOTDIR/.start.lock"
flock -w 120 9 || die "another start.sh holds $ROOTDIR/.start.lock"

if all_running && [[ $(propfind_status "$STACK_DAV_PLAIN_URL"alice/ alice) == 207 ]]; then
  write_stack_json # cheap, and keeps it in step with this script
  summary "already running"
  exit 0
fi

# sogod workers outlive a killed watchdog parent for ~10 s and keep port
# 20000: they are ours, end them (TERM, KILL after 1 s) instead of calling
# them squatters.
if ! svc_running sogod; then
  mapfile -t ORPHANS < <(sogod_pids '' | sort -u)
  ((${#ORPHANS[@]} == 0)) || terminate_pids 1 "${ORPHANS[@]}"
fi
# Ports of every service that is not running must be free before anything starts.
NOT_RUNNING=()
for svc in "${SERVICES[@]}"; do
  svc_running "$svc" || NOT_RUNNING+=("$svc")
done
check_ports_free "${NOT_RUNNING[@]}"
phase "checks done"
make_dirs
make_tls
phase "tls ready"

# PostgreSQL (initdb on a cold start) in the background while the mail
# servers start: they only query it when a client connects.
start_postgres &
PG_JOB=$!
start_memcached
phase "memcached started"
start_dovecot
phase "dovecot started"
start_postfix
phase "postfix started"
start_nginx
phase "nginx started"
wait "$PG_JOB" || die "PostgreSQL setup failed (logs: $ROOTDIR/log/initdb.log, postgresql.log)"
phase "postgresql ready"
start_sogod
phase "sogod launched"
wait_ports 60
phase "all ports listening"
wait_sogo 60
phase "sogo answers"
[[ $(propfind_status "$STACK_DAV_URL"alice/ alice --cacert "$STACK_CA") == 207 ]] ||
  die "PROPFIND through the TLS front (nginx :$STACK_HTTPS_PORT) failed, see $ROOTDIR/log/nginx-error.log"
write_stack_json
summary up
