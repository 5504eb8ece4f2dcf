# t110: the six stage programs chained through pipes give the same output folder as `pipeline run`; each
# stage has --help with the exit codes; a stage given the wrong stream says so.
. tests/cli/lib.sh
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/run" --quiet 2>/dev/null
"$BIN/tt-decode" --corpus corpus > "$TMP/s1" &&
"$BIN/tt-normalize" < "$TMP/s1" > "$TMP/s2" &&
"$BIN/tt-tokenize" --lexicon lexicons/diaspora < "$TMP/s2" > "$TMP/s3" &&
"$BIN/tt-match" --lexicon lexicons/diaspora < "$TMP/s3" > "$TMP/s4" &&
"$BIN/tt-count" --lexicon lexicons/diaspora < "$TMP/s4" > "$TMP/s5" &&
"$BIN/tt-export" --lexicon lexicons/diaspora --out "$TMP/chain" < "$TMP/s5"
check "the chain of stage programs runs" test $? -eq 0
for f in docs.tsv concepts.tsv tf.mtx tf.tsv cooc.window5.mtx cooc.sentence.tsv cooc.document.mtx hits.tsv \
         groups/country.tsv groups/country+year.tsv; do
  check "stage chain == pipeline: $f" cmp "$TMP/run/$f" "$TMP/chain/$f"
done
# with the vocabulary: surface forms, collocates and new terms come through the chain too (tt-match passes the
# text on to tt-count)
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/runv" --quiet --vocab --period year \
  --collocates window5,sentence 2>/dev/null
"$BIN/tt-count" --lexicon lexicons/diaspora --vocab --collocates window5,sentence < "$TMP/s4" > "$TMP/s5v" &&
"$BIN/tt-export" --lexicon lexicons/diaspora --out "$TMP/chainv" --vocab --period year \
  --collocates window5,sentence < "$TMP/s5v"
check "the chain with --vocab runs" test $? -eq 0
for f in vocab.tsv vocab.mtx collocates.tsv newterms.tsv; do
  check "stage chain == pipeline with --vocab: $f" cmp "$TMP/runv/$f" "$TMP/chainv/$f"
done
check "the pipeline's own stage commands work too" sh -c "
  '$PIPELINE' decode --corpus corpus | '$PIPELINE' normalize | '$PIPELINE' tokenize --lexicon lexicons/diaspora |
  '$PIPELINE' match --lexicon lexicons/diaspora | cmp - '$TMP/s4'"
for s in decode normalize tokenize match count export; do
  check "tt-$s --help documents the exit codes" sh -c "'$BIN/tt-$s' --help | grep -q 'Exit status'"
done
expect_exit 1 "tt-match on a text stream (wrong order) fails" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/s1'"
check "... saying which stream it got" grep -q "a 'text' stream where a 'tokens' stream was expected" "$TMP/err"
head -c 3000 "$TMP/s3" > "$TMP/trunc"
expect_exit 1 "a truncated stream is an error" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/trunc'"
check "... naming the line" grep -q "<stdin>'*:[0-9]" "$TMP/err"
expect_exit 1 "writing to a full disk fails (stdout /dev/full)" sh -c "'$BIN/tt-decode' --corpus corpus > /dev/full"
check "... with a message" grep -q "writing output failed\|cannot write" "$TMP/err"
finish
