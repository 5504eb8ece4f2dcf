# 012 a manifest with missing columns: refused (exit 2) naming the column, or the line with too few fields.
rm -rf "$O"; mk; printf 'doc_id\tlang\nx\tru\n' > "$C/manifest.tsv"
expect_exit 2 "012 no path column" run
check "012 ... names it" says "pipeline: error: '$C/manifest.tsv':1: missing required column 'path'"
check "012 ... nothing is written" test ! -e "$O"
mk; printf 'path\tlang\nx.txt\tru\n' > "$C/manifest.tsv"
expect_exit 2 "012 no doc_id column" run
check "012 ... names it" grep -q "missing required column 'doc_id'" "$TMP/err"
mk; printf 'doc_id\tpath\tlang\nx\tx.txt\n' > "$C/manifest.tsv"
expect_exit 2 "012 a row with a missing field" run
check "012 ... names the line" grep -q "manifest.tsv':2" "$TMP/err"
mk; : > "$C/manifest.tsv"
expect_exit 2 "012 an empty manifest" run
rm -f "$C/manifest.tsv"
# without a manifest the folder's files are the corpus (issue 15, tests/bad/100-109); with none either:
expect_exit 2 "012 no manifest at all, and no file" run
check "012 ... says there is nothing to read" says "pipeline: error: '$C': no documents: the folder has no manifest.tsv and no files (hidden files are skipped); add documents or write a manifest"
