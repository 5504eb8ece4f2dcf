#!/bin/bash
# start-1node.sh - starts a one-node Slurm cluster (munged + slurmctld + slurmd) without systemd, for CI.
# Tested as root on Debian 12 (bookworm), Slurm 22.05.8, munge 0.5.15.
# Usage (root): contrib/slurm/start-1node.sh [BASE_DIR]      (default BASE_DIR=/var/tmp/termtrace-slurm)
# Afterwards:  export SLURM_CONF=$BASE_DIR/slurm.conf   (printed at the end)
# Needs once:  apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BASE=${1:-/var/tmp/termtrace-slurm}
CTLD_PORT=${CTLD_PORT:-6817}
SLURMD_PORT=${SLURMD_PORT:-6818}
t0=$(date +%s.%N)

for b in munged slurmctld slurmd sbatch; do
  command -v "$b" >/dev/null || { echo "missing $b: apt-get install slurmctld slurmd slurm-client munge" >&2; exit 1; }
done
mkdir -p "$BASE"/{state,spool,run,log}

# 1. munge: the package's postinst creates /etc/munge/munge.key; create it if absent.
if [ ! -s /etc/munge/munge.key ]; then
  mungekey --create --keyfile=/etc/munge/munge.key 2>/dev/null \
    || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  chown munge:munge /etc/munge/munge.key; chmod 400 /etc/munge/munge.key
fi
install -d -o munge -g munge -m 0755 /run/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged
  for i in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
fi
munge -n | unmunge >/dev/null || { echo "munged did not start" >&2; exit 1; }

# 2. slurm.conf from the template, with this machine's name, CPUs and memory.
HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(( $(awk '/MemTotal/{print $2}' /proc/meminfo) / 1024 - 512 ))
sed -e "s|@HOST@|$HOST|g" -e "s|@CPUS@|$CPUS|g" -e "s|@MEM@|$MEM|g" -e "s|@BASE@|$BASE|g" \
    -e "s|@CTLD_PORT@|$CTLD_PORT|g" -e "s|@SLURMD_PORT@|$SLURMD_PORT|g" \
    "$HERE/slurm.conf.in" > "$BASE/slurm.conf"
export SLURM_CONF="$BASE/slurm.conf"

# 3. daemons (they fork and write pid files into $BASE/run)
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"

# 4. wait until the node is idle
for i in $(seq 300); do
  st=$(sinfo -h -N -o '%T' 2>/dev/null | head -1 || true)
  [ "$st" = idle ] && break
  sleep 0.1
done
if [ "$st" != idle ]; then
  echo "node state '$st' after 30 s; see $BASE/log/*.log" >&2; tail -n 20 "$BASE"/log/*.log >&2; exit 1
fi
t1=$(date +%s.%N)
echo "slurm up in $(echo "$t1 - $t0" | bc 2>/dev/null || awk "BEGIN{print $t1-$t0}") s"
sinfo
echo "export SLURM_CONF=$SLURM_CONF"
