#!/bin/bash
# submit.sh CORPUS LEXICON OUT K [pipeline run options...] - runs termtrace on a Slurm cluster: a job array of
# K shards (termtrace.sbatch), then a merge job (merge.sbatch) that starts only if every shard succeeded
# (--dependency=afterok, --kill-on-invalid-dep=yes so that it is cancelled, not left pending, otherwise).
# Prints the two job ids. With WAIT=1 it waits: the array with `sbatch --wait` (whose exit code is the highest
# of its tasks'), then the merge; it exits non-zero if a shard or the merge failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$1 lexicon=$2 out=$3 k=$4; shift 4
export TERMTRACE_HOME=${TERMTRACE_HOME:-$(cd "$here/../.." && pwd)}
parts=${PARTS:-$out.parts}
rm -rf "$parts"; mkdir -p "$parts"
if [ "${WAIT:-0}" = 1 ]; then
  if ! sbatch --wait --export=ALL --array=0-$((k - 1)) "$here/termtrace.sbatch" "$corpus" "$lexicon" "$parts" "$k" "$@"; then
    echo "submit: a shard failed (see termtrace-*.log); nothing merged" >&2
    exit 1
  fi
  sbatch --wait --export=ALL "$here/merge.sbatch" "$parts" "$k" "$out" || { echo "submit: the merge failed" >&2; exit 1; }
  [ -f "$out/run.json" ] || { echo "submit: no output in $out" >&2; exit 1; }
  exit 0
fi
array=$(sbatch --parsable --export=ALL --array=0-$((k - 1)) "$here/termtrace.sbatch" "$corpus" "$lexicon" "$parts" "$k" "$@")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
        "$here/merge.sbatch" "$parts" "$k" "$out")
echo "array job $array, merge job ${merge%%;*}"
