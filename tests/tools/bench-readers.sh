#!/bin/sh
# bench-readers.sh [BUILD] [KB] - throughput of each document reader (tt/read.h) through tt-decode, in MB/s of the
# file read and of the text it yields. Takes KB kilobytes (default 2000) of the bench corpus's documents
# (/tmp/bench-corpus/10mb, ../shared/bench/make-corpus.sh), writes them as TXT, HTML, DOCX, ODT, Markdown
# (tests/tools/mkformats.py) and PDF (headless Chromium, if installed) under /tmp/tt-bench-readers, then times
# `tt-decode --format F` over each set (best of 3 wall times; the machine is shared, so figures are noisy).
set -eu
B=${1:-build/release}
KB=${2:-2000}
SRC=/tmp/bench-corpus/10mb
W=/tmp/tt-bench-readers
[ -d "$SRC" ] || { echo "bench-readers: no $SRC (run sh ../shared/bench/make-corpus.sh first)" >&2; exit 1; }
rm -rf "$W"; mkdir -p "$W"
# documents of ~100 KB each, until KB kilobytes
n=0 total=0
for f in $(awk -F'\t' 'NR>1 {print $2}' "$SRC/manifest.tsv"); do
  lang=$(awk -F'\t' -v p="$f" 'NR==1{for(i=1;i<=NF;i++) if($i=="lang") c=i} $2==p{print $c}' "$SRC/manifest.tsv")
  head -c 100000 "$SRC/$f" | sed '$d' > "$W/d$n.txt"
  python3 tests/tools/mkformats.py "$W/d$n.txt" "$W/d$n" "$lang"
  total=$((total + $(wc -c < "$W/d$n.txt")))
  n=$((n + 1))
  [ "$total" -ge $((KB * 1000)) ] && break
done
CHROME=$(command -v chromium || true)
fmts="txt html docx odt md"
if [ -n "$CHROME" ]; then
  for i in $(seq 0 $((n - 1))); do
    "$CHROME" --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$W/d$i.pdf" "$W/d$i.print.html" > /dev/null 2>&1
  done
  fmts="$fmts pdf"
fi
printf 'format\tfiles\tfile_MB\ttext_MB\tseconds\tfile_MB/s\ttext_MB/s\n'
for f in $fmts; do
  files=$(ls "$W"/d*."$f" | grep -v '\.print\.html$')
  fb=$(cat $files | wc -c)
  tb=$("$B/bin/tt-decode" --format "$f" $files | awk '/^text\t/ {s += $3} END {print s + 0}')
  best=""
  for r in 1 2 3; do
    t0=$(date +%s.%N)
    "$B/bin/tt-decode" --format "$f" $files > /dev/null
    t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$f $n $fb $tb $best" | awk '{printf "%s\t%d\t%.2f\t%.2f\t%.3f\t%.1f\t%.1f\n", $1, $2, $3/1e6, $4/1e6, $5, $3/1e6/$5, $4/1e6/$5}'
done
