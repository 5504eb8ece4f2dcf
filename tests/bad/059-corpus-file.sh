# 059 --corpus given the manifest file instead of its folder: accepted (its folder is the corpus). Before:
# '.../manifest.tsv/manifest.tsv': Not a directory.
two; rm -rf "$O"
expect_exit 0 "059 --corpus corpus/manifest.tsv" run --corpus "$C/manifest.tsv"
check "059 ... both documents read" test "$(status a) $(status b)" = "ok ok"
expect_exit 2 "059 a file together with --manifest" run --corpus "$C/manifest.tsv" --manifest "$C/manifest.tsv"
check "059 ... says to give the folder" says "pipeline run: error: --corpus names the corpus folder, not a file: give the folder that holds the documents (here --manifest '$C/manifest.tsv' names the manifest)"
