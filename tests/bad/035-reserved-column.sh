# 035 a manifest column named like a column docs.tsv writes itself (status, tokens, sha256, ...): refused (exit 2)
# naming the column and how to fix it (it used to give docs.tsv two `status` columns, and a cached rerun of a
# skipped document with status=ok in the manifest counted it as ok). A cached rerun of a skipped document is
# still reported skipped (the cached record's status is parsed, not searched for).
rm -rf "$O"; mk
printf 'doc_id\tpath\tlang\tstatus\n' > "$C/manifest.tsv"
printf 'Diaspora abroad.\n' > "$C/a.txt"; printf 'a\ta.txt\ten\tok\n' >> "$C/manifest.tsv"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$C/b.txt"; printf 'b\tb.txt\ten\tok\n' >> "$C/manifest.tsv"
K=$TMP/k35; rm -rf "$K"
expect_exit 2 "035 a manifest column named status" run --cache "$K"
check "035 ... names the column and how to fix it" says "pipeline: error: '$C/manifest.tsv':1: column 'status' is a name docs.tsv writes itself (sha256, bytes, tokens, sentences, articles, status, script_used): rename the column (e.g. 'source_status')"
check "035 ... nothing is written" test ! -e "$O"
expect_exit 2 "035 a second run (cached) is refused the same way" run --cache "$K"
sed -i '1s/status/review_status/' "$C/manifest.tsv"
expect_exit 3 "035 renamed: the binary document is skipped" run --cache "$K"
expect_exit 3 "035 ... and still skipped from the cache" run --cache "$K"
check "035 ... from the cache" grep -q '"documents_from_cache": 2' "$O/run.json"
check "035 ... docs.tsv: one status column, b skipped" sh -c "head -1 '$O/docs.tsv' | tr '\t' '\n' | grep -c '^status$' | grep -qx 1 && awk -F'\t' '\$1 == \"b\"' '$O/docs.tsv' | grep -q 'skipped: byte 0: not a text file'"
rm -rf "$K"
