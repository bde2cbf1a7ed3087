#!/usr/bin/env bash
# One line per service of the Cartable test stack: up/down, pid, ports,
# process count and resident memory. Exit 0 when everything is up, 1 otherwise.
# Reading other users' /proc entries needs root for exact numbers, but the
# up/down verdict works for anyone who can read the pid files.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# pid/ppid/rss of every process, read once.
PS_TABLE=$(ps -e -o pid=,ppid=,rss=)
LISTENING=$(listening_ports)

# "COUNT RSS_KIB" of PID and all its descendants.
tree_usage() {
  awk -v root="$1" '
    { ppid[$1] = $2; rss[$1] = $3; pids[NR] = $1 }
    END {
      n = 0; kib = 0
      for (i = 1; i <= NR; i++) {
        p = pids[i]; q = p; depth = 0
        while (q != "" && q != 0 && q != root && depth < 64) { q = ppid[q]; depth++ }
        if (q == root) { n++; kib += rss[p] }
      }
      print n, kib
    }' <<<"$PS_TABLE"
}

all_up=1
total_n=0
total_kib=0
for svc in "${SERVICES[@]}"; do
  ports=$(svc_ports "$svc")
  if svc_running "$svc"; then
    pid=$(svc_pid "$svc")
    read -r n kib < <(tree_usage "$pid")
    total_n=$((total_n + n))
    total_kib=$((total_kib + kib))
    closed=''
    for port in $ports; do
      grep -qx "$port" <<<"$LISTENING" || closed+=" $port"
    done
    if [[ -n $closed ]]; then
      state="up (not listening on$closed yet)"
      all_up=0
    else
      state=up
    fi
    printf '%-14s %-4s pid %-7s ports %-17s %3d proc %6d MiB\n' \
      "$svc" "$state" "$pid" "${ports// /,}" "$n" $((kib / 1024))
  else
    all_up=0
    printf '%-14s %-4s %s\n' "$svc" down "ports ${ports// /,}"
  fi
done
printf '%-14s %d processes, RSS %d MiB (shared pages counted per process)  ROOTDIR=%s\n' \
  total "$total_n" $((total_kib / 1024)) "$ROOTDIR"
((all_up)) && exit 0
exit 1
