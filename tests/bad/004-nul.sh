# 004 NUL bytes inside text (UTF-8, and a 0000 unit in UTF-16): not a text file, with the byte offset.
mk
printf 'Соотечественники\0 abroad\n' > "$C/n.txt"; add nul n.txt ru
{ printf '\377\376'; printf 'Diaspora and\0 more\n' | iconv -f UTF-8 -t UTF-16LE; } > "$C/n16.txt"; add nul16 n16.txt en
expect_exit 3 "004 NUL bytes are refused" run
check "004 ... UTF-8: offset of the NUL" has_status nul "skipped: byte 32: NUL byte: not a text file"
check "004 ... UTF-16: offset of the 0000 unit" sh -c "awk -F'\t' '\$1 == \"nul16\"' '$O/docs.tsv' | grep -q 'skipped: byte [0-9]*: NUL'"
check "004 ... reported on stderr" says "pipeline: warning: document 'nul' skipped: '$C/n.txt': byte 32: NUL byte: not a text file"
