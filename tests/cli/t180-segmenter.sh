# t180: --segmenter icu (and TT_SEGMENTER=icu) forces ICU's break iterators; the outputs are the same as with
# the fast UAX #29 paths; run.json's execution names the segmenter; a bad mode is a usage error.
. tests/cli/lib.sh
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/auto" --quiet 2>/dev/null
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/icu" --quiet --segmenter icu 2>/dev/null
TT_SEGMENTER=icu "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/env" --quiet 2>/dev/null
check "--segmenter icu gives the same outputs" same_outputs "$TMP/auto" "$TMP/icu"
check "TT_SEGMENTER=icu gives the same outputs" same_outputs "$TMP/auto" "$TMP/env"
check "run.json execution says icu" grep -q '"execution": {.*"segmenter": "icu"' "$TMP/icu/run.json"
check "run.json execution names the default segmenter" grep -Eq '"segmenter": "(uax29-fast|icu)"' "$TMP/auto/run.json"
"$BIN/tt-decode" --corpus corpus 2>/dev/null | "$BIN/tt-normalize" 2>/dev/null > "$TMP/text"
"$BIN/tt-tokenize" < "$TMP/text" > "$TMP/t1" 2>/dev/null
"$BIN/tt-tokenize" --segmenter icu < "$TMP/text" > "$TMP/t2" 2>/dev/null
check "tt-tokenize --segmenter icu: the same tokens stream" cmp -s "$TMP/t1" "$TMP/t2"
expect_exit 2 "--segmenter fast is a usage error" "$PIPELINE" run --corpus corpus --out "$TMP/x" --segmenter fast
check "... naming the modes" grep -q "error: --segmenter is 'auto' or 'icu', not 'fast'" "$TMP/err"
expect_exit 2 "TT_SEGMENTER=bogus is a usage error" env TT_SEGMENTER=bogus "$PIPELINE" run --corpus corpus --out "$TMP/y" --quiet
check "... saying how to fix it" grep -q "error: TT_SEGMENTER is 'bogus': set it to icu or auto, or unset it" "$TMP/err"
finish
