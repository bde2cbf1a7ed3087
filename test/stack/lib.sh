# shellcheck shell=bash
# Helpers shared by start.sh, stop.sh, status.sh, verify.sh and seed-demo.sh.
# Sourced, never executed; the callers set `set -euo pipefail` themselves.

STACK_SRC="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
. "$STACK_SRC/env.sh"
ROOTDIR="$CARTABLE_STACK_DIR"

# Fixed test credentials (not secrets: documented in README.md and stack.json).
# shellcheck disable=SC2034  # used by the scripts that source this file
DB_NAME=sogo
# shellcheck disable=SC2034
DB_USER=sogo
# shellcheck disable=SC2034
DB_PASS=sogo-db-pass
# shellcheck disable=SC2034  # Debian "mail" user/group owns every Maildir
MAIL_UID=8
# shellcheck disable=SC2034
MAIL_GID=8

# Every service of the stack, in start order; stop.sh walks it backwards.
# shellcheck disable=SC2034
SERVICES=(postgresql memcached dovecot dovecot-notls postfix sogod nginx)

log() { printf '[stack] %s\n' "$*" >&2; }
die() {
  printf '[stack] ERROR: %s\n' "$*" >&2
  exit 1
}

need_root() {
  # Postfix/Dovecot masters, setpriv and apt all need root; the stack was
  # designed for the root-only CI/dev machines of this project.
  [[ $(id -u) -eq 0 ]] || die "run as root"
}

# Pid file of each service (written by the daemon itself).
svc_pidfile() {
  case $1 in
    postgresql) echo "$ROOTDIR/pg/data/postmaster.pid" ;;
    memcached) echo "$ROOTDIR/memcached/memcached.pid" ;;
    dovecot) echo "$ROOTDIR/dovecot/run/master.pid" ;;
    dovecot-notls) echo "$ROOTDIR/dovecot-notls/run/master.pid" ;;
    postfix) echo "$ROOTDIR/postfix/spool/pid/master.pid" ;;
    sogod) echo "$ROOTDIR/sogo/run/sogo.pid" ;;
    nginx) echo "$ROOTDIR/nginx/nginx.pid" ;;
    *) die "unknown service $1" ;;
  esac
}

# TCP ports each service must own.
svc_ports() {
  case $1 in
    postgresql) echo "$STACK_PG_PORT" ;;
    memcached) echo "$STACK_MEMCACHED_PORT" ;;
    dovecot) echo "$STACK_IMAP_PORT $STACK_IMAPS_PORT $STACK_SIEVE_PORT" ;;
    dovecot-notls) echo "$STACK_IMAP_NOTLS_PORT" ;;
    postfix) echo "$STACK_SUBMISSION_PORT $STACK_SUBMISSIONS_PORT $STACK_SMTP_PLAIN_PORT" ;;
    sogod) echo "$STACK_SOGO_PORT" ;;
    nginx) echo "$STACK_HTTPS_PORT" ;;
    *) die "unknown service $1" ;;
  esac
}

# True when PID runs and is not a zombie: PID 1 of these VMs reaps orphans
# late, so a dead sogod worker can linger as <defunct> for a while.
pid_alive() {
  local pid=${1:-} stat state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  # The command name (field 2) may contain spaces; the state follows ") ".
  state=${stat##*) }
  state=${state%% *}
  [[ $state != Z && $state != X ]]
}

# First line of a pid file, blanks removed (Postfix pads its pid with spaces).
pidfile_pid() {
  local f=$1 line=''
  [[ -r $f ]] || return 1
  IFS= read -r line <"$f" || [[ -n $line ]] || return 1
  line=${line//[[:space:]]/}
  [[ -n $line ]] && printf '%s\n' "$line"
}

svc_pid() { pidfile_pid "$(svc_pidfile "$1")"; }

svc_running() {
  local pid
  pid=$(svc_pid "$1" 2>/dev/null) || return 1
  pid_alive "$pid"
}

# Listening TCP ports on 127.0.0.1, one per line (one ss call, cheap enough to poll).
listening_ports() {
  ss -Htln 2>/dev/null | awk '{ n = split($4, a, ":"); print a[n] }' | sort -u
}

port_listening() { listening_ports | grep -qx "$1"; }

# check_ports_free SERVICE... : refuse to start when a port of one of these
# (not running) services is held by a stranger (a Debian service started by
# a postinst, the stack of another ROOTDIR...), and print the ss line of the
# squatter so the user knows what to stop. Checked for every service before
# anything starts, so that a squatter does not leave a half-started stack.
check_ports_free() {
  local svc port listing line bad=''
  listing=$(ss -Htlnp 2>/dev/null || true)
  for svc in "$@"; do
    for port in $(svc_ports "$svc"); do
      line=$(awk -v p="$port" '{ n = split($4, a, ":"); if (a[n] == p) print }' <<<"$listing")
      [[ -n $line ]] && bad+="
$svc: port $port is already in use by another process:
$line"
    done
  done
  [[ -z $bad ]] || die "cannot start:$bad"
}

# Run a command as a system user, from a directory that user can read
# (initdb/pg_ctl complain when the cwd is root's home).
as_user() {
  local user=$1
  shift
  (cd / && exec setpriv --reuid="$user" --regid="$user" --init-groups -- "$@")
}

# detached LOGFILE CMD... : start a daemon in the background, in its own
# session, with stdin from /dev/null, stdout/stderr appended to LOGFILE and
# every other inherited fd closed. Without this, daemons kept the caller's
# pipe open and `start.sh | tail` never returned. $! is the launcher's pid;
# callers `wait` on it for self-daemonizing programs.
detached() {
  local logfile=$1
  shift
  (
    local fd
    for fd in /proc/"$BASHPID"/fd/*; do
      fd=${fd##*/}
      if [[ $fd =~ ^[0-9]+$ ]] && ((fd > 2)); then
        eval "exec ${fd}>&-" 2>/dev/null || true
      fi
    done
    exec setsid "$@" </dev/null >>"$logfile" 2>&1
  ) &
}

# All descendants of PID (children, grandchildren...), one per line.
descendants() {
  ps -e -o pid=,ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      for (i = 1; i <= NR; i++) {
        p = pids[i]; q = parent[p]; depth = 0
        while (q != "" && q != 0 && q != root && depth < 64) { q = parent[q]; depth++ }
        if (q == root && p != root) print p
      }
    }'
}

# Send SIGNAL to the first pid only (a master that stops its own children),
# then wait up to TIMEOUT seconds for ALL the given pids to be gone, then KILL
# the survivors. Waiting for the children too matters: a restarted Postfix
# master waited ~2 s for the lock still held by the old qmgr/pickup.
signal_and_wait() {
  local sig=$1 timeout=$2
  shift 2
  kill "-$sig" "$1" 2>/dev/null || true
  wait_gone "$timeout" "$@"
}

# sogod = watchdog parent + workers. Workers are found both as children of
# the parent and, when the parent is already gone (orphans still holding
# port 20000), by their command line naming this ROOTDIR's pid file: never
# by process name alone, another ROOTDIR's stack may be running.
sogod_pids() {
  local parent=${1:-} pidfile p cmd
  pidfile=$(svc_pidfile sogod)
  if [[ -n $parent ]]; then
    echo "$parent"
    ps -o pid= --ppid "$parent" 2>/dev/null | tr -d ' ' || true
  fi
  for p in /proc/[0-9]*; do
    [[ $(readlink "$p/exe" 2>/dev/null || true) == /usr/sbin/sogod ]] || continue
    cmd=$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null || true)
    [[ $cmd == *" $pidfile "* || $cmd == *" $pidfile" ]] && echo "${p#/proc/}"
  done
}

# Kill the given pids: TERM, then wait up to TIMEOUT seconds, then KILL.
terminate_pids() {
  local timeout=$1 pid
  shift
  for pid in "$@"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait_gone "$timeout" "$@"
}

# Wait up to TIMEOUT seconds for the pids to exit (zombies count as gone),
# then KILL what is left.
wait_gone() {
  local timeout=$1 pid deadline alive
  shift
  deadline=$((SECONDS + timeout))
  while :; do
    alive=()
    for pid in "$@"; do pid_alive "$pid" && alive+=("$pid"); done
    ((${#alive[@]} == 0)) && return 0
    if ((SECONDS >= deadline)); then
      for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
      sleep 0.1
      return 0
    fi
    sleep 0.05
  done
}

# propfind_status URL USER [CURL-OPTION...]: HTTP status of an authenticated
# Depth-0 PROPFIND (the "SOGo really answers" probe).
propfind_status() {
  local url=$1 user=$2
  shift 2
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" \
    -u "$user:$user-pass" -X PROPFIND -H 'Depth: 0' \
    -H 'Content-Type: application/xml' \
    --data '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>' \
    "$url" 2>/dev/null || true
}

# A Python 3 from Debian when present (the package list installs it); any
# python3 otherwise.
python_bin() {
  if [[ -x /usr/bin/python3 ]]; then echo /usr/bin/python3; else command -v python3; fi
}
