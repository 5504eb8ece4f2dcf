#!/bin/bash
# bench.sh BUILD - `make bench`: throughput (MB/s, documents/s) and peak memory of `pipeline run` on the
# benchmark corpus of ../shared/bench (10 MB and 100 MB of real text, kk/ru/uz/en), at --jobs 1, 2 and all
# cores, beside the bare ICU loop (NFKC casefold + word break) on the same files; and the matching cost of a
# lexicon of 100 vs 10,000 entries. For the full anchor table (scikit-learn, R, pcre2grep) run
#   PIPELINE=./pipeline ../shared/bench/run-anchors.sh
# Environment: SIZES (default "10mb 100mb"), BENCH_CORPUS (default /tmp/bench-corpus), REPS (default 1),
# BENCH_1GB=1 (also the 100 MB corpus listed ten times in one manifest under /tmp: ~1 GB, one and two jobs, for peak
# memory and the two-job speed-up once the fixed costs weigh less),
# BENCH_OPTIONS=0 (leave out the per-option rows).
# Each option row is `run --jobs 1` plus that option; "CPU vs plain" is its user+sys CPU over the plain
# --jobs 1 run's of the same size (CPU, not wall: the better figure on a shared machine).
# Every run writes a new output folder: the one before is removed before the clock starts, as
# ../shared/bench/run-anchors.sh gives each anchor an empty folder (replacing an output folder costs its removal
# too: ~5 ms for the 100 MB run's 9 MB of outputs on this machine).
set -uo pipefail
b=${1:-build/release}
root=$(pwd)
shared=${TT_SHARED:-$root/../shared}
corpus=${BENCH_CORPUS:-/tmp/bench-corpus}
sizes=${SIZES:-10mb 100mb}
reps=${REPS:-1}
[ -x "$shared/bench/make-corpus.sh" ] || { echo "bench: needs $shared/bench (the shared folder)"; exit 1; }
[ -f "$corpus/FINGERPRINT" ] || "$shared/bench/make-corpus.sh" "$corpus" "$shared" >&2 || exit 1
out=$(mktemp -d /tmp/tt-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
cc -O2 -o "$out/icu_wordbreak" "$shared/bench/icu_wordbreak.c" $(pkg-config --cflags --libs icu-uc icu-i18n) || exit 1
ncpu=$(getconf _NPROCESSORS_ONLN)
tt=$root/$b/bin/termtrace
plain_cpu=""
run_once() { # command... ; appends "wall_ms rss_kb user sys" to $rows, or returns 1 (the failure's row printed by
  # the caller from $fail)
  [ -n "${PRE:-}" ] && eval "$PRE"
  rm -rf "$out/o"
  t0=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$out/rss" "$@" > "$out/log" 2>&1
  rc=$?
  t1=$(date +%s%N)
  # exit status 3 (finished, some documents skipped) still measures the run
  [ "$rc" = 0 ] || [ "$rc" = 3 ] || { fail=$(tail -1 "$out/log"); return 1; }
  rows="$rows$(( (t1 - t0) / 1000000 )) $(tail -1 "$out/rss")
"
}
report() { # label bytes docs rows: one table row (median wall; CPU and RSS of that run)
  label=$1 bytes=$2 docs=$3
  row=$(printf '%s' "$4" | sort -n | awk '{a[NR]=$0} END{print a[int((NR+1)/2)]}')
  set -- $row
  w=$1 last_wall=$1 rss=$(( $2 / 1024 )) cpu=$(awk -v u="$3" -v s="$4" 'BEGIN{printf "%.2f", u+s}')
  [ "${PLAIN:-}" = 1 ] && plain_cpu=$cpu
  rel=$(awk -v c="$cpu" -v p="$plain_cpu" 'BEGIN{ if (p > 0) printf "%.2fx", c/p; else printf "" }')
  awk -v l="$label" -v w="$w" -v b="$bytes" -v d="$docs" -v m="$rss" -v c="$cpu" -v r="$rel" 'BEGIN{
    printf "| %s | %.2f | %s | %s | %.1f | %.0f | %d |\n", l, w/1000, c, r, b/1e6/(w/1000), d/(w/1000), m }'
}
timeit() { # label bytes docs command... ; REPS runs of the command in a row, one table row
  label=$1 bytes=$2 docs=$3; shift 3
  rows=""
  for r in $(seq "$reps"); do
    run_once "$@" || { echo "| $label | failed: $fail | | | | | |"; return; }
  done
  report "$label" "$bytes" "$docs" "$rows"
}
# The rows that are compared with each other (the ICU loops, one and two jobs) run in rounds: each round runs every
# one of them once, in turn, so that the machine's drift over the minutes a table takes (on a shared VM, a few per
# cent) weighs on all of them alike instead of on whichever ran last.
rlabels=() rcmds=() rres=()
addrow() { rlabels+=("$1"); shift; rcmds+=("$(printf '%q ' "$@")"); }
rounds() { # bytes docs: runs the rows added (addrow), REPS rounds, and prints them; sets wall_<k> for row k
  local k r
  rres=(); for k in "${!rcmds[@]}"; do rres[k]=""; done
  for r in $(seq "$reps"); do
    for k in "${!rcmds[@]}"; do
      [ "${rres[k]}" = failed ] && continue
      rows=""
      if eval "run_once ${rcmds[k]}"; then rres[k]="${rres[k]}$rows"; else rres[k]=failed; echo "| ${rlabels[k]} | failed: $fail | | | | | |"; fi
    done
  done
  for k in "${!rcmds[@]}"; do
    last_wall=""
    [ "${rres[k]}" = failed ] || { [ "$k" = "${plain_row:--1}" ] && PLAIN=1 report "${rlabels[k]}" "$1" "$2" "${rres[k]}" || report "${rlabels[k]}" "$1" "$2" "${rres[k]}"; }
    printf -v "wall_$k" '%s' "$last_wall"
    # each round's wall time, in round order (paired: rounds_ratio)
    if [ "${rres[k]}" = failed ]; then printf -v "walls_$k" '%s' ""; else printf -v "walls_$k" '%s' "$(printf '%s' "${rres[k]}" | awk '{printf "%s ", $1}')"; fi
  done
  rlabels=() rcmds=()
}
rounds_ratio() { # "walls of row a" "walls of row b": the median over the rounds of a's time / b's time in the same
  # round (the two ran within a second of each other: the machine's drift between rounds cancels), or n/a
  awk -v a="$1" -v b="$2" 'BEGIN{ n = split(a, x, " "); m = split(b, y, " "); if (n != m || n == 0) { print "n/a"; exit }
    for (i = 1; i <= n; i++) { if (y[i] <= 0) { print "n/a"; exit } r[i] = x[i] / y[i] }
    for (i = 2; i <= n; i++) for (j = i; j > 1 && r[j - 1] > r[j]; j--) { t = r[j]; r[j] = r[j - 1]; r[j - 1] = t }
    printf "%.2f", n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2 }'
}
run_help=$("$tt" run --help 2>&1) # read once: `grep -q` in a pipe under pipefail can fail on SIGPIPE
has_opt() { printf '%s\n' "$run_help" | grep -- "^ *$1[ ,]" > /dev/null; }
echo "| run | wall s | CPU s (user+sys) | CPU vs plain | MB/s (wall) | docs/s | peak RSS MiB |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for s in $sizes; do
  c=$corpus/$s
  bytes=$(cat "$c"/*.txt | wc -c); docs=$(($(wc -l < "$c/manifest.tsv") - 1))
  cat "$c"/*.txt > /dev/null
  plain_cpu=""
  run=("$tt" run --corpus "$c" --lexicon lexicons/diaspora --out "$out/o" --quiet)
  # the machine's own ceiling for two jobs: two bare ICU loops at once, each on half the files (no shared state)
  set -- "$c"/*.txt; half=$(( $# / 2 ))
  printf '%s\0' "${@:1:$half}" > "$out/half1"; printf '%s\0' "${@:$((half + 1))}" > "$out/half2"
  addrow "$s: bare ICU loop (icu_wordbreak, 1 core)" "$out/icu_wordbreak" "$c"/*.txt
  addrow "$s: two bare ICU loops at once, half the files each" sh -c \
    "xargs -0 '$out/icu_wordbreak' < '$out/half1' > /dev/null & xargs -0 '$out/icu_wordbreak' < '$out/half2' > /dev/null; wait"
  plain_row=2
  addrow "$s: pipeline run --jobs 1" "${run[@]}" --jobs 1
  # --jobs 1 is one worker thread; with a second core the main thread merges the records there. Pinned to one
  # core (a one-core cpuset: the worker merges), the whole run shares one core, as the ICU loop does
  have_one=0
  if command -v taskset > /dev/null; then
    addrow "$s: pipeline run --jobs 1, one core (taskset -c 0)" taskset -c 0 "${run[@]}" --jobs 1
    have_one=1
  fi
  # 2 jobs; 4 (more threads than cores on a 2-core machine: TT_OVERSUBSCRIBE=1, since a run takes at most one
  # worker per core); all cores when there are more than 4
  jl="2 4"; [ "$ncpu" -gt 4 ] && jl="$jl $ncpu"
  for j in $jl; do
    if [ "$j" -gt "$ncpu" ]; then
      addrow "$s: pipeline run --jobs $j, $j threads on $ncpu cores (TT_OVERSUBSCRIBE=1)" \
        env TT_OVERSUBSCRIBE=1 "${run[@]}" --jobs "$j"
    else
      addrow "$s: pipeline run --jobs $j" "${run[@]}" --jobs "$j"
    fi
  done
  rounds "$bytes" "$docs"
  plain_row=-1
  icu_wall=$wall_0 icu2_wall=$wall_1 j1_wall=$wall_2 one_wall="" j2_wall=$wall_3
  icu_walls=$walls_0 icu2_walls=$walls_1 j1_walls=$walls_2 one_walls="" j2_walls=$walls_3
  [ "$have_one" = 1 ] && one_wall=$wall_3 j2_wall=$wall_4 one_walls=$walls_3 j2_walls=$walls_4
  awk -v s="$s" -v i="$icu_wall" -v i2="$icu2_wall" -v a="$j1_wall" -v o="$one_wall" -v b="$j2_wall" 'BEGIN{
    printf "| %s: ICU loop time / run time: --jobs 1 %s, one core %s; --jobs 2 speed-up over --jobs 1 %s, over one core %s (two ICU loops at once over one: %s) | | | | | | |\n",
      s, q(i, a), q(i, o), q(a, b) "x", q(o, b) "x", q(i, i2) "x" }
    function q(x, y) { return (x > 0 && y > 0) ? sprintf("%.2f", x / y) : "n/a" }'
  # the same ratios taken within each round, their median over the rounds: the figures above divide medians of
  # runs minutes apart, and the VM's speed drifts by several per cent between rounds
  [ "$reps" -gt 1 ] && printf '| %s: the same, median of the %s rounds'"'"' own ratios: --jobs 1 %s, one core %s; --jobs 2 over --jobs 1 %sx, over one core %sx (two ICU loops: %sx) | | | | | | |\n' \
    "$s" "$reps" "$(rounds_ratio "$icu_walls" "$j1_walls")" "$(rounds_ratio "$icu_walls" "$one_walls")" \
    "$(rounds_ratio "$j1_walls" "$j2_walls")" "$(rounds_ratio "$one_walls" "$j2_walls")" "$(rounds_ratio "$icu_walls" "$icu2_walls")"
  if [ "${BENCH_OPTIONS:-1}" != 0 ]; then
    opt() { # option... (only when `run --help` lists the first one)
      has_opt "$1" || { echo "| $s: --jobs 1 $* | (no such option in this build) | | | | | |"; return; }
      timeit "$s: --jobs 1 $*" "$bytes" "$docs" "${run[@]}" --jobs 1 "$@"
    }
    opt --vocab
    opt --vocab --stem
    opt --vocab --ngrams 2
    opt --count all
    opt --report
    opt --cooc window5,wwindow10,sentence,paragraph,article,document
    opt --cooc document
    opt --compare country=KZ:country=UZ --period 5y
    opt --weight relative,tfidf,boolean
    opt --gzip
    PRE="rm -rf '$out/cache'" timeit "$s: --jobs 1 --cache DIR (first run, empty cache)" "$bytes" "$docs" "${run[@]}" \
      --jobs 1 --cache "$out/cache"
    timeit "$s: --jobs 1 --cache (rerun, all documents from the cache)" "$bytes" "$docs" "${run[@]}" --jobs 1 \
      --cache "$out/cache"
  fi
  echo "| $s: corpus | $bytes bytes, $docs documents | | | | | |"
done
if [ "${BENCH_1GB:-0}" = 1 ]; then
  # the 100 MB corpus ten times over (doc_id made unique), as one 1 GB run: peak memory must stay flat
  c=$corpus/100mb
  { head -1 "$c/manifest.tsv"
    for k in 0 1 2 3 4 5 6 7 8 9; do tail -n +2 "$c/manifest.tsv" | awk -F'\t' -v OFS='\t' -v k="$k" '{$1=$1 "_" k; print}'; done
  } > "$out/m1g.tsv"
  bytes=$(( $(cat "$c"/*.txt | wc -c) * 10 )); docs=$(($(wc -l < "$out/m1g.tsv") - 1))
  plain_cpu=""
  for j in 1 2; do
    timeit "1gb (100mb x 10): pipeline run --jobs $j" "$bytes" "$docs" "$tt" run --corpus "$c" --manifest "$out/m1g.tsv" \
      --lexicon lexicons/diaspora --out "$out/o" --quiet --jobs "$j"
  done
fi
# Lexicon size: 100 vs 10,000 single-word lemma entries (synthetic words that never occur, plus the real
# diaspora lexicon's concepts), on the 10 MB corpus, one job.
mk_lex() { # N FILE
  { echo "concept bench_x population"; cat lexicons/diaspora/*.lex
    awk -v n="$1" 'BEGIN{srand(7); for(i=0;i<n;i++){w=""; for(k=0;k<8;k++) w=w sprintf("%c", 97+int(rand()*26)); print "ru bench_x lemma " w "ов"}}'
  } > "$2"
}
mk_lex 100 "$out/lex100.lex"; mk_lex 10000 "$out/lex10k.lex"
c=$corpus/10mb; bytes=$(cat "$c"/*.txt | wc -c); docs=$(($(wc -l < "$c/manifest.tsv") - 1))
plain_cpu=""
timeit "10mb: lexicon +100 entries" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" --lexicon "$out/lex100.lex" --out "$out/o" --jobs 1 --quiet
timeit "10mb: lexicon +10,000 entries" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" --lexicon "$out/lex10k.lex" --out "$out/o" --jobs 1 --quiet
echo
echo "Anchors measured on this kind of machine (../shared/bench/README.md, 100 MB, one core): bare ICU loop 67.6 MB/s,"
echo "pcre2grep+awk 24.7, scikit-learn 5.3 MB/s (101 MiB), R tm 2.1, R tidytext 1.6 MB/s (2.1 GiB)."
