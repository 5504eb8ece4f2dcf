# t140: shards + merge == one run, byte for byte; a missing shard fails the merge.
. tests/cli/lib.sh
"$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/one" --quiet 2>/dev/null
for i in 0 1 2; do
  "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/part$i" --shard $i/3 --quiet 2>/dev/null
done
check "each shard writes a partial output" test -s "$TMP/part2/part.docres" -a -s "$TMP/part2/part.tsv"
expect_exit 0 "merge of the three parts" "$PIPELINE" merge "$TMP/part2" "$TMP/part0" "$TMP/part1" --out "$TMP/merged"
check "merged == one run" same_outputs "$TMP/one" "$TMP/merged"
expect_exit 2 "a merge with a missing shard fails" "$PIPELINE" merge "$TMP/part0" "$TMP/part2" --out "$TMP/m2"
check "... naming it" grep -q "shard 1/3 is missing" "$TMP/err"
"$PIPELINE" shard --corpus corpus --shards 3 --out "$TMP" > "$TMP/sh" 2>/dev/null
check "shard lists 3 parts covering every document" test "$(awk '{s+=$2} END{print s}' "$TMP/sh")" -eq "$(($(wc -l < corpus/manifest.tsv) - 1))"
check "shard writes the manifests" test -s "$TMP/manifest-2.tsv"
finish
