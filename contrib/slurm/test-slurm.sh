#!/bin/bash
# test-slurm.sh - the Slurm test CI runs (as root): starts a one-node cluster on localhost, runs the bundled
# corpus as a 3-shard job array plus merge (submit.sh, WAIT=1), compares the result byte for byte with one
# `pipeline run`, checks that a failing shard fails the whole run, and stops the daemons.
# Skips (exit 0 with a message) when not root or when the Slurm packages are not installed; with
# TT_REQUIRE_SLURM=1 (CI, which installs them) that is a failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
if [ "$(id -u)" -ne 0 ] || ! command -v slurmctld >/dev/null; then
  if [ "${TT_REQUIRE_SLURM:-}" = 1 ]; then echo "test-slurm: FAIL: needs root and slurmctld slurmd slurm-client munge (TT_REQUIRE_SLURM=1)"; exit 1; fi
  echo "test-slurm: skipped (needs root and slurmctld slurmd slurm-client munge)"; exit 0
fi
BASE=${BASE:-/var/tmp/termtrace-slurm}
work=$(mktemp -d /var/tmp/termtrace-slurm-test.XXXXXX)
trap '"$here/stop-1node.sh" "$BASE" >/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
"$here/start-1node.sh" "$BASE" > "$work/start.log" 2>&1 || { cat "$work/start.log"; exit 1; }
export SLURM_CONF=$BASE/slurm.conf USER=${USER:-root}
fail=0
cd "$work"
t0=$(date +%s)
if WAIT=1 "$here/submit.sh" "$root/corpus" "$root/lexicons/diaspora" "$work/merged" 3; then
  echo "ok - 3-shard job array + merge ($(( $(date +%s) - t0 )) s)"
else
  echo "not ok - job array + merge"; cat "$work"/termtrace-*.log 2>/dev/null | tail -20; fail=1
fi
"$root/pipeline" run --corpus "$root/corpus" --lexicon "$root/lexicons/diaspora" --out "$work/single" --quiet 2>/dev/null
same=1
for f in $(cd "$work/single" && find . -type f ! -name run.json | sort); do
  cmp -s "$work/single/$f" "$work/merged/$f" || { echo "# differs: $f"; same=0; }
done
grep -v '"execution"' "$work/single/run.json" > "$work/a.json"; grep -v '"execution"' "$work/merged/run.json" > "$work/b.json" 2>/dev/null
cmp -s "$work/a.json" "$work/b.json" || { echo "# differs: run.json"; same=0; }
if [ "$same" = 1 ]; then echo "ok - merged output == single run, byte for byte"; else echo "not ok - merged output differs"; fail=1; fi
# A failing shard: shard 1's output path is taken by a file, so that task exits 1; the array must fail
# (sbatch --wait returns the highest exit code of its tasks) and the merge must refuse the incomplete parts.
mkdir -p "$work/bad.parts"; printf 'in the way\n' > "$work/bad.parts/part-1"
if sbatch --wait --export=ALL --array=0-2 "$here/termtrace.sbatch" "$root/corpus" "$root/lexicons/diaspora" \
     "$work/bad.parts" 3 > "$work/bad.log" 2>&1; then
  echo "not ok - a failing shard was not detected by the array"; fail=1
else
  echo "ok - a failing shard fails the array job"
fi
if "$root/pipeline" merge "$work/bad.parts/part-0" "$work/bad.parts/part-2" --out "$work/bad" 2>/dev/null; then
  echo "not ok - merge accepted a missing shard"; fail=1
else
  echo "ok - merge refuses the incomplete set of parts"
fi
echo "slurm: $((4 - fail)) passed, $fail failed"
exit $fail
