# 013 duplicate doc_id: refused (exit 2), naming both lines.
rm -rf "$O"; mk; printf 'x\n' > "$C/a.txt"; add a a.txt ru; add b a.txt ru; add a a.txt en
expect_exit 2 "013 duplicate doc_id" run
check "013 ... names the value and both lines" says "pipeline: error: '$C/manifest.tsv':4: duplicate doc_id 'a' (also on line 2)"
check "013 ... nothing is written" test ! -e "$O"
