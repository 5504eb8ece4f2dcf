# 016 a manifest that is not UTF-8 (CP1251 titles, a stray byte, UTF-16): refused (exit 2) with file:line.
rm -rf "$O"; mk; printf 'x\n' > "$C/a.txt"
printf 'a\ta.txt\tru\tKZ\t2020\t\n' >> "$C/manifest.tsv"
printf 'b\ta.txt\tru\t\321\356\356\362\t2020\t\n' >> "$C/manifest.tsv"
expect_exit 2 "016 a CP1251 byte sequence on line 3" run
check "016 ... names the line" grep -q "manifest.tsv':3" "$TMP/err"
check "016 ... says it is not UTF-8" grep -q "UTF-8" "$TMP/err"
check "016 ... nothing is written" test ! -e "$O"
mk; iconv -f UTF-8 -t UTF-16 < "$C/manifest.tsv" > "$C/m16"; mv "$C/m16" "$C/manifest.tsv"
expect_exit 2 "016 a UTF-16 manifest" run
