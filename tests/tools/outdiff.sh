#!/bin/bash
# outdiff.sh OLD NEW [BENCH] - are two builds' outputs byte-identical? OLD and NEW are checkouts with a built
# build/release/bin/termtrace (e.g. `git worktree add /tmp/base <commit> && make -C /tmp/base`). Runs both
# with the same option sets on the bench corpus (BENCH, default /tmp/bench-corpus/10mb from
# ../shared/bench/make-corpus.sh) and on the bundled corpus: default; --vocab --ngrams 2 --min-df 2 --weight
# all --compare --period 5y --group-by and six contexts; --stem --overlap all --period breaks --gzip; shard 0/2
# and 1/2 then merge. The corpus and lexicon are copied to one temporary place so that run.json's inputs agree.
# Compares every file (gzip ones decompressed), run.json without its execution member. Exit 0 when identical.
# OUTDIFF_DATA=1: also without run.json's data_sha256, for a change to the data folder that must not change a
# result (the fingerprint of the data files then differs by design; the line says so).
set -u
old=$1 new=$2 bench=${3:-/tmp/bench-corpus/10mb}
[ -d "$bench" ] || { echo "outdiff: no $bench (run ../shared/bench/make-corpus.sh)"; exit 2; }
w=$(mktemp -d /tmp/tt-outdiff.XXXXXX)
trap 'rm -rf "$w"' EXIT
cp -r "$old/lexicons" "$w/lexicons"; cp -r "$old/corpus" "$w/corpus"
lex=$w/lexicons/diaspora
outs() { # REPO OUT
  tt=$1/build/release/bin/termtrace o=$2
  mkdir -p "$o"
  run() { n=$1; shift; "$tt" run --quiet --jobs 2 --out "$o/$n" "$@" 2>/dev/null; echo "$n $?" >> "$o/rc.txt"; }
  run default --corpus "$bench" --lexicon "$lex"
  run full --corpus "$bench" --lexicon "$lex" --vocab --ngrams 2 --min-df 2 --weight relative,tfidf,boolean \
    --compare country=KZ:country=UZ --period 5y --group-by lang,script \
    --cooc window5,wwindow3,sentence,paragraph,article,document
  run stem --corpus "$bench" --lexicon "$lex" --vocab --stem --overlap all --period 1991,2000,2020 \
    --compare lang=kk:lang=ru --gzip
  run bundled --corpus "$w/corpus" --lexicon "$lex" --vocab --weight relative,tfidf,boolean \
    --compare country=KZ:country=UZ --period year --group-by lang
  for i in 0 1; do "$tt" run --quiet --shard $i/2 --corpus "$bench" --lexicon "$lex" --vocab --period 5y \
    --out "$o/part$i" 2>/dev/null; done
  "$tt" merge "$o/part0" "$o/part1" --out "$o/merged" 2>/dev/null; echo "merged $?" >> "$o/rc.txt"
  rm -rf "$o/part0" "$o/part1"
}
outs "$old" "$w/a"; outs "$new" "$w/b"
st=0
cmp -s "$w/a/rc.txt" "$w/b/rc.txt" || { echo "exit codes differ"; st=1; }
[ "$(cd "$w/a" && find . -type f | sort)" = "$(cd "$w/b" && find . -type f | sort)" ] || { echo "file lists differ"; st=1; }
data=${OUTDIFF_DATA:-0}
strip() { case $1 in *.gz) zcat "$1" ;; *) cat "$1" ;; esac | case $1 in
  */run.json*) grep -v '"execution"' | if [ "$data" = 1 ]; then sed 's/"data_sha256": "[0-9a-f]*"/"data_sha256": ""/'; else cat; fi ;;
  *) cat ;; esac; }
n=0
for f in $(cd "$w/a" && find . -type f | sort); do
  n=$((n + 1))
  cmp -s <(strip "$w/a/$f") <(strip "$w/b/$f") || { echo "differs: $f"; st=1; }
done
echo "outdiff: $n files compared$([ "$data" = 1 ] && echo ", run.json's data_sha256 left out"), $([ $st = 0 ] && echo identical || echo DIFFERENT)"
exit $st
