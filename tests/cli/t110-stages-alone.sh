# t110: the six stage programs chained through pipes write the same output folder as `pipeline run`: every file,
# byte for byte, run.json included (without its "execution" member), on the bundled corpus and on a corpus of
# bad documents (not text, missing, empty, whitespace only, invalid UTF-8, numbers only, no script declared):
# both follow the one per-document policy (stages/lib/docpolicy.c). Each stage has --help with the exit codes; a
# stage given the wrong stream says so.
. tests/cli/lib.sh
# chain CORPUS OUT: the six programs through pipes
chain() {
  "$BIN/tt-decode" --corpus "$1" 2>/dev/null > "$TMP/s1"
  "$BIN/tt-normalize" < "$TMP/s1" > "$TMP/s2" &&
  "$BIN/tt-tokenize" --lexicon lexicons/diaspora < "$TMP/s2" > "$TMP/s3" &&
  "$BIN/tt-match" --lexicon lexicons/diaspora < "$TMP/s3" > "$TMP/s4" &&
  "$BIN/tt-count" --lexicon lexicons/diaspora < "$TMP/s4" > "$TMP/s5" &&
  { "$BIN/tt-export" --lexicon lexicons/diaspora --corpus "$1" --out "$2" < "$TMP/s5"; r=$?; [ $r = 0 ] || [ $r = 3 ]; }
}
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/run" --quiet 2>/dev/null
check "the chain of stage programs runs" chain corpus "$TMP/chain"
check "stage chain == pipeline run, bundled corpus: every file (run.json without execution)" same_outputs "$TMP/run" "$TMP/chain"
cp "$TMP/s4" "$TMP/s4.bundled"; cp "$TMP/s1" "$TMP/s1.bundled"; cp "$TMP/s3" "$TMP/s3.bundled"

# with the vocabulary: surface forms, collocates and new terms come through the chain too (tt-match passes the
# text on to tt-count)
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/runv" --quiet --vocab --period year \
  --collocates window5,sentence 2>/dev/null
"$BIN/tt-count" --lexicon lexicons/diaspora --vocab --collocates window5,sentence < "$TMP/s4.bundled" > "$TMP/s5v" &&
"$BIN/tt-export" --lexicon lexicons/diaspora --out "$TMP/chainv" --vocab --period year \
  --collocates window5,sentence < "$TMP/s5v"
check "the chain with --vocab runs" test $? -eq 0
for f in vocab.tsv vocab.mtx collocates.tsv newterms.tsv; do
  check "stage chain == pipeline with --vocab: $f" cmp "$TMP/runv/$f" "$TMP/chainv/$f"
done

C=$TMP/bad; mkdir -p "$C"
printf 'doc_id\tpath\tlang\tcountry\tdate\tscript\tencoding\n' > "$C/manifest.tsv"
add() { printf '%s\t%s\t%s\tKZ\t2020\t%s\t%s\n' "$1" "$2" "$3" "${4:-}" "${5:-}" >> "$C/manifest.tsv"; }
cp corpus/kz-2011-law-en.txt "$C/a.txt"; add a a.txt en
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$C/b.txt"; add b b.txt ru Cyrl
add c missing.txt ru
: > "$C/d.txt"; add d d.txt kk
printf '  \n\t \n' > "$C/e.txt"; add e e.txt ru
printf 'Diaspora abroad. \300\257 x\n' > "$C/f.txt"; add f f.txt en "" UTF-8
printf '123 456 ... 789\n' > "$C/g.txt"; add g g.txt kk
cp corpus/kz-2023-plan-kk.txt "$C/h.txt"; add h h.txt kk
expect_exit 3 "pipeline run on bad documents finishes with skips" "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$TMP/runbad" --quiet
check "the chain runs on them" chain "$C" "$TMP/chainbad"
check "stage chain == pipeline run, bad documents: every file (run.json without execution)" same_outputs "$TMP/runbad" "$TMP/chainbad"
check "... five documents skipped" test "$(grep -c 'skipped: ' "$TMP/runbad/docs.tsv")" -eq 5
check "the pipeline's own stage commands work too" sh -c "
  '$PIPELINE' decode --corpus corpus | '$PIPELINE' normalize | '$PIPELINE' tokenize --lexicon lexicons/diaspora |
  '$PIPELINE' match --lexicon lexicons/diaspora | cmp - '$TMP/s4.bundled'"
for s in decode normalize tokenize match count export; do
  check "tt-$s --help documents the exit codes" sh -c "'$BIN/tt-$s' --help | grep -q 'Exit status'"
done
expect_exit 1 "tt-match on a text stream (wrong order) fails" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/s1.bundled'"
check "... saying which stream it got" grep -q "a 'text' stream where a 'tokens' stream was expected" "$TMP/err"
head -c 3000 "$TMP/s3.bundled" > "$TMP/trunc"
expect_exit 1 "a truncated stream is an error" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/trunc'"
check "... naming the line" grep -q "<stdin>'*:[0-9]" "$TMP/err"
expect_exit 1 "writing to a full disk fails (stdout /dev/full)" sh -c "'$BIN/tt-decode' --corpus corpus > /dev/full"
check "... with a message" grep -q "writing output failed\|cannot write" "$TMP/err"
finish
