# 056 a declared encoding that decodes clearly worse than the detected one (issue 13). A UTF-8 file declared
# CP1251 used to decode to mojibake with status ok, exit 0 and no hits. Now it is reported (stderr: the document,
# both encodings, what the detector saw), docs.tsv `warnings` and run.json per_document record it, and
# --strict-encoding skips it. A CP1251 file declared UTF-8 is skipped as before, with a hint to clear the column.
mk
if [ -f "$law" ]; then sed -n 68p "$law" > "$C/u.txt"; else printf 'кандас – этнический казах и (или) члены его семьи казахской национальности.\n' > "$C/u.txt"; fi
iconv -f UTF-8 -t CP1251 "$C/u.txt" > "$C/w.txt"
add utf8_as_cp1251 u.txt ru CP1251; add cp1251_as_utf8 w.txt ru UTF-8; add fine u.txt ru UTF-8
n8=$(LC_ALL=C awk '{ n += gsub(/[\300-\377]/, "") } END { print n }' "$C/u.txt") # multi-byte characters
expect_exit 3 "056 UTF-8 declared CP1251 and CP1251 declared UTF-8" run
# the evidence counts the bytes from the first non-ASCII one (the window the detector looks at)
w="encoding: declared CP1251, but the bytes look like UTF-8 \\(valid UTF-8: $n8 multi-byte characters, none invalid, in the first [0-9]+ bytes\\); decoded as declared: fix or clear the 'encoding' column"
check "056 ... stderr names the document, both encodings and the evidence" grep -Eqx "pipeline: warning: document 'utf8_as_cp1251': $w" "$TMP/err"
col_is() { col "$1" "$2" | grep -Eqx -- "$3"; } # col_is ID COLUMN ERE: the docs.tsv value matches ERE
check "056 ... docs.tsv warnings" col_is utf8_as_cp1251 warnings "$w"
check "056 ... run.json per_document" grep -q "\"doc_id\": \"utf8_as_cp1251\", .*\"warnings\": \"encoding: declared CP1251, but the bytes look like UTF-8" "$O/run.json"
check "056 ... still decoded as declared (status ok)" has_status utf8_as_cp1251 ok
check "056 ... a correct declaration has no warning" test -z "$(col fine warnings)"
check "056 ... CP1251 declared UTF-8: the hint to clear the column" grep -Eqx "pipeline: warning: document 'cp1251_as_utf8' skipped: '$C/w.txt': byte [0-9]+: invalid UTF-8: incomplete UTF-8 sequence \\(0x[0-9A-F]{2}\\); the bytes look like CP1251: clear the 'encoding' column to detect it, or declare CP1251" "$TMP/err"
expect_exit 3 "056 --strict-encoding" run --strict-encoding
check "056 ... skips the mis-declared document" col_is utf8_as_cp1251 status "skipped: byte [0-9]+: declared encoding CP1251 decodes worse than the detected UTF-8 \\(valid UTF-8: $n8 multi-byte characters, none invalid, in the first [0-9]+ bytes\\); fix or clear the 'encoding' column \\(--strict-encoding\\)"
check "056 ... the correct one is still ok" has_status fine ok
