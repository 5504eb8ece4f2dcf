# 059 --corpus given the manifest file instead of its folder: accepted (its folder is the corpus). Before:
# '.../manifest.tsv/manifest.tsv': Not a directory.
two; rm -rf "$O"
expect_exit 0 "059 --corpus corpus/manifest.tsv" run --corpus "$C/manifest.tsv"
check "059 ... both documents read" test "$(status a) $(status b)" = "ok ok"
expect_exit 2 "059 a file together with --manifest" run --corpus "$C/manifest.tsv" --manifest "$C/manifest.tsv"
check "059 ... says to give the folder" says "pipeline run: error: --corpus names the corpus folder, not a file: give the folder that holds the documents (here --manifest '$C/manifest.tsv' names the manifest)"
expect_exit 0 "059 pipeline shard --corpus corpus/manifest.tsv" "$PIPELINE" shard --corpus "$C/manifest.tsv" --shards 2
check "059 ... both documents in the shards" test "$(awk -F'\t' '{ n += $2 } END { print n }' "$TMP/out")" = 2
expect_exit 0 "059 tt-decode --corpus corpus/manifest.tsv" "$BIN/tt-decode" --corpus "$C/manifest.tsv"
check "059 ... decodes both" test "$(grep -c '^doc	' "$TMP/out")" = 2
