# 002 whitespace-only files (ASCII blanks, CRLF, form feed; Unicode NBSP and ideographic space): empty documents.
mk
printf 'Статья 1. Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ru
printf '  \n\t \r\n\f\n' > "$C/w1.txt"; add w1 w1.txt ru
printf '\302\240\343\200\200\n' > "$C/w2.txt"; add w2 w2.txt kk
expect_exit 3 "002 whitespace-only files are skipped" run
check "002 ... ASCII blanks: status names the text size" has_status w1 "skipped: empty document: no words in 9 bytes of text"
check "002 ... Unicode spaces only" has_status w2 "skipped: empty document: no words in 6 bytes of text"
check "002 ... both reported on stderr" test "$(grep -c "skipped: .*empty document" "$TMP/err")" -eq 2
