#!/bin/bash
# stop-1node.sh - stops the daemons start-1node.sh started, by their pid files.
BASE=${1:-/var/tmp/termtrace-slurm}
for f in "$BASE/run/slurmd.pid" "$BASE/run/slurmctld.pid" /run/munge/munged.pid; do
  [ -s "$f" ] || continue
  pid=$(cat "$f")
  kill "$pid" 2>/dev/null && echo "stopped $(basename "$f" .pid) (pid $pid)"
  for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
exit 0
