#!/bin/bash
# bench.sh BUILD - `make bench`: throughput (MB/s, documents/s) and peak memory of `pipeline run` on the
# benchmark corpus of ../shared/bench (10 MB and 100 MB of real text, kk/ru/uz/en), at --jobs 1, 2 and all
# cores, beside the bare ICU loop (NFKC casefold + word break) on the same files; and the matching cost of a
# lexicon of 100 vs 10,000 entries. For the full anchor table (scikit-learn, R, pcre2grep) run
#   PIPELINE=./pipeline ../shared/bench/run-anchors.sh
# Environment: SIZES (default "10mb 100mb"), BENCH_CORPUS (default /tmp/bench-corpus), REPS (default 1).
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
timeit() { # label bytes docs command... ; prints one table row (median wall of REPS)
  label=$1 bytes=$2 docs=$3; shift 3
  best=""
  for r in $(seq "$reps"); do
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$out/rss" "$@" > "$out/log" 2>&1 || { echo "| $label | failed: $(tail -1 "$out/log") |"; return; }
    t1=$(date +%s%N)
    w=$(( (t1 - t0) / 1000000 ))
    best="$best $w"
  done
  w=$(echo $best | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')
  rss=$(( $(cat "$out/rss") / 1024 ))
  awk -v l="$label" -v w="$w" -v b="$bytes" -v d="$docs" -v m="$rss" 'BEGIN{
    printf "| %s | %.2f | %.1f | %.0f | %d |\n", l, w/1000, b/1e6/(w/1000), d/(w/1000), m }'
}
echo "| run | wall s | MB/s | docs/s | peak RSS MiB |"
echo "| --- | --- | --- | --- | --- |"
for s in $sizes; do
  c=$corpus/$s
  bytes=$(cat "$c"/*.txt | wc -c); docs=$(($(wc -l < "$c/manifest.tsv") - 1))
  cat "$c"/*.txt > /dev/null
  timeit "$s: bare ICU loop (icu_wordbreak, 1 core)" "$bytes" "$docs" "$out/icu_wordbreak" "$c"/*.txt
  for j in 1 2 $ncpu; do
    [ "$j" -gt "$ncpu" ] && continue
    [ "$j" = "$ncpu" ] && [ "$j" -le 2 ] && [ "$j" != 1 ] && [ -n "${done_n:-}" ] && continue
    timeit "$s: pipeline run --jobs $j" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" \
      --lexicon lexicons/diaspora --out "$out/o" --jobs "$j" --quiet
    [ "$j" = 2 ] && done_n=1
  done
  timeit "$s: pipeline run --jobs 1 --vocab" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" \
    --lexicon lexicons/diaspora --out "$out/o" --jobs 1 --quiet --vocab
  unset done_n
  echo "| $s: corpus | $bytes bytes, $docs documents | | | |"
done
# Lexicon size: 100 vs 10,000 single-word lemma entries (synthetic words that never occur, plus the real
# diaspora lexicon's concepts), on the 10 MB corpus, one job.
mk_lex() { # N FILE
  { echo "concept bench_x population"; cat lexicons/diaspora/*.lex
    awk -v n="$1" 'BEGIN{srand(7); for(i=0;i<n;i++){w=""; for(k=0;k<8;k++) w=w sprintf("%c", 97+int(rand()*26)); print "ru bench_x lemma " w "ов"}}'
  } > "$2"
}
mk_lex 100 "$out/lex100.lex"; mk_lex 10000 "$out/lex10k.lex"
c=$corpus/10mb; bytes=$(cat "$c"/*.txt | wc -c); docs=$(($(wc -l < "$c/manifest.tsv") - 1))
timeit "10mb: lexicon +100 entries" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" --lexicon "$out/lex100.lex" --out "$out/o" --jobs 1 --quiet
timeit "10mb: lexicon +10,000 entries" "$bytes" "$docs" "$root/$b/bin/termtrace" run --corpus "$c" --lexicon "$out/lex10k.lex" --out "$out/o" --jobs 1 --quiet
echo
echo "Anchors measured on this kind of machine (../shared/bench/README.md, 100 MB, one core): bare ICU loop 67.6 MB/s,"
echo "pcre2grep+awk 24.7, scikit-learn 5.3 MB/s (101 MiB), R tm 2.1, R tidytext 1.6 MB/s (2.1 GiB)."
