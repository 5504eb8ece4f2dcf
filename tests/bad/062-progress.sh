# 062 progress off a terminal (a batch log): lines on stderr with documents, MB and the rate; --quiet silences
# everything but warnings and errors; --progress forces the line. TT_PROGRESS_INTERVAL=0 gives a line per
# document so the test needs no clock (the ETA needs 2 s of run and is not asserted).
two; rm -rf "$O"
expect_exit 0 "062 a run logged to a file" env TT_PROGRESS_INTERVAL=0 "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O"
check "062 ... a progress line per document" test "$(grep -Ec '^pipeline: [12]/2 documents, [0-9.]+/[0-9.]+ MB(, [0-9.]+ MB/s)?(, ETA [0-9]+ s)?$' "$TMP/err")" = 2
check "062 ... and the summary" grep -Eq '^pipeline: 2 documents \(2 ok, 0 skipped, 0 from cache\)' "$TMP/err"
expect_exit 0 "062 --quiet" env TT_PROGRESS_INTERVAL=0 "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet
check "062 ... prints nothing" test ! -s "$TMP/err"
expect_exit 0 "062 --quiet --progress" env TT_PROGRESS_INTERVAL=0 "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet --progress
check "062 ... progress lines only" sh -c "test \"\$(grep -c ' documents, ' '$TMP/err')\" = 2 && ! grep -q 'from cache' '$TMP/err'"
expect_exit 0 "062 default interval (10 s): a short run shows only the summary" "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O"
check "062 ... one line" test "$(wc -l < "$TMP/err")" = 1
