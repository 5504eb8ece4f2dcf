# 030 --out is the corpus folder: refused (exit 2) before any document is read, naming the folder and the reason
# and saying what to do; the corpus is untouched (a run used to swap its output into place over it).
rm -rf "$O"; mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
(cd "$C" && find . -type f | sort | xargs sha256sum) > "$TMP/before"
expect_exit 2 "030 --out is the corpus folder" run --out "$C"
check "030 ... names the folder, the reason and what to do" says "pipeline: error: '$C': refusing to use this folder as the output folder: it is the corpus folder '$C'; give --out a new or empty folder, or one a previous run wrote"
check "030 ... the corpus is untouched" sh -c "(cd '$C' && find . -type f | sort | xargs sha256sum) | cmp -s - '$TMP/before'"
check "030 ... no temporary folder is left" sh -c "! ls -d '$C'.tmp-* 2>/dev/null"
expect_exit 2 "030 --out is the corpus folder by another name (trailing slash, ./, ..)" run --out "$C/./sub/../"
check "030 ... refused the same way" grep -q "it is the corpus folder" "$TMP/err"
