# 007 a declared encoding that is wrong. The declaration always wins (normalization.md §1.3 step 6):
#  - CP1251 bytes declared UTF-8: skipped, invalid UTF-8 at byte 0;
#  - UTF-8 bytes declared KOI8-R: decoded as declared (mojibake: no concept found), run.json says "declared"
#    (and, since issue 13, warns: see 056);
#  - a name that is no encoding: the manifest is refused (exit 2) with file:line, nothing written;
#  - --encoding for the whole run is overridden by the manifest's column.
mk
printf 'Статья 1. Соотечественники.\n' | iconv -f UTF-8 -t CP1251 > "$C/a.txt"; add a a.txt ru UTF-8
printf 'Статья 1. Соотечественники.\n' > "$C/b.txt"; add b b.txt ru KOI8-R
expect_exit 3 "007 wrong declared encodings" run
check "007 ... CP1251 declared UTF-8: invalid UTF-8 at byte 0" has_status a "skipped: byte 0: invalid UTF-8: incomplete UTF-8 sequence (0xD1); the bytes look like CP1251: clear the 'encoding' column to detect it, or declare CP1251"
check "007 ... UTF-8 declared KOI8-R: decoded as declared" has_status b ok
check "007 ... run.json records the declared encoding" grep -q '"doc_id": "b", "encoding": "KOI8-R", "encoding_method": "declared"' "$O/run.json"
check "007 ... and nothing is counted for it" sh -c "! awk -F'\t' '\$1 == \"b\"' '$O/tf.tsv' | grep -q ."
rm -rf "$O"
mk; printf 'x\n' > "$C/a.txt"; add a a.txt ru EBCDIC-XX
expect_exit 2 "007 an unknown encoding name in the manifest" run
check "007 ... names file:line and the name" says "pipeline: error: '$C/manifest.tsv':2: unknown encoding 'EBCDIC-XX'"
check "007 ... nothing is written" test ! -e "$O"
expect_exit 2 "007 an unknown --encoding" run --encoding EBCDIC-XX
check "007 ... says so" grep -q "unknown encoding 'EBCDIC-XX'" "$TMP/err"
