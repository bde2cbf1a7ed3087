#!/usr/bin/env bash
# Stop the Cartable test stack of ROOTDIR=${CARTABLE_STACK_DIR:-/tmp/cartable-stack}.
# Only processes named by this stack's pid files (and sogod workers of this
# ROOTDIR) are signalled. Idempotent: exit 0 when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

need_root

# Wait until no listener holds the ports of SERVICE (children of a master
# may keep a listening fd for a moment after it exited).
wait_ports_free() {
  local svc=$1 deadline=$((SECONDS + 5)) port busy
  while :; do
    busy=''
    for port in $(svc_ports "$svc"); do
      port_listening "$port" && busy+=" $port"
    done
    [[ -z $busy ]] && return 0
    if ((SECONDS >= deadline)); then
      log "$svc: still listening on$busy after stop"
      return 0
    fi
    sleep 0.05
  done
}

stop_service() {
  local svc=$1 pid='' pids=()
  pid=$(svc_pid "$svc" 2>/dev/null) || pid=''
  pid_alive "$pid" || pid=''
  case $svc in
    sogod)
      # After TERM the workers took ~10 s to exit while the parent kept
      # logging "Terminating with SIGINT or SIGTERM": TERM parent and
      # workers together, KILL after 1 s.
      local p
      while IFS= read -r p; do
        [[ -n $p ]] && pid_alive "$p" && pids+=("$p")
      done < <(sogod_pids "$pid" | sort -u)
      ((${#pids[@]})) || return 0
      terminate_pids 1 "${pids[@]}"
      rm -f "$(svc_pidfile sogod)"
      ;;
    postgresql)
      [[ -n $pid ]] || return 0
      mapfile -t pids < <(descendants "$pid")
      # SIGINT = "fast" shutdown: disconnect clients, checkpoint, exit.
      signal_and_wait INT 15 "$pid" "${pids[@]}"
      ;;
    *)
      # Dovecot, Postfix, nginx and memcached stop their children on TERM.
      [[ -n $pid ]] || return 0
      mapfile -t pids < <(descendants "$pid")
      signal_and_wait TERM 10 "$pid" "${pids[@]}"
      ;;
  esac
  wait_ports_free "$svc"
}

STOPPED=()
for svc in "${SERVICES[@]}"; do
  if svc_running "$svc" || { [[ $svc == sogod ]] && [[ -n $(sogod_pids '') ]]; }; then
    STOPPED+=("$svc")
  fi
done

# Everything but PostgreSQL in parallel (each waits for its own children),
# then PostgreSQL, whose clients (sogod, Dovecot and Postfix lookups) are gone.
JOBS=()
for svc in "${SERVICES[@]}"; do
  [[ $svc == postgresql ]] && continue
  stop_service "$svc" &
  JOBS+=($!)
done
for job in "${JOBS[@]}"; do wait "$job"; done
stop_service postgresql

if ((${#STOPPED[@]})); then
  echo "Cartable test stack stopped (${STOPPED[*]})  ROOTDIR=$ROOTDIR"
else
  echo "Cartable test stack was not running  ROOTDIR=$ROOTDIR"
fi
