# 014 manifest paths outside the corpus folder (../, absolute, a symlink pointing out): refused (exit 2) naming
# the line and --allow-outside; accepted with --allow-outside. A symlink that stays inside is fine.
printf 'Соотечественники.\n' > "$TMP/outside.txt"
rm -rf "$O"; mk; add a ../outside.txt ru
expect_exit 2 "014 a ../ path" run
check "014 ... names the line and the option" sh -c "grep -q \"manifest.tsv':2\" '$TMP/err' && grep -q -- '--allow-outside' '$TMP/err'"
check "014 ... nothing is written" test ! -e "$O"
mk; add a "$TMP/outside.txt" ru
expect_exit 2 "014 an absolute path" run
check "014 ... names the option" grep -q -- "--allow-outside" "$TMP/err"
mk; ln -s "$TMP/outside.txt" "$C/link.txt"; add a link.txt ru
expect_exit 2 "014 a symlink pointing out" run
check "014 ... names the option" grep -q -- "--allow-outside" "$TMP/err"
mk; mkdir "$C/sub"; ln -s "$TMP" "$C/sub/up"; add a sub/up/outside.txt ru
expect_exit 2 "014 a symlinked folder pointing out" run
expect_exit 0 "014 --allow-outside accepts them" run --allow-outside
check "014 ... and counts the document" sh -c "awk -F'\t' '\$1 == \"a\" && \$2 == \"compatriot\"' '$O/tf.tsv' | grep -q ."
mk; printf 'Соотечественники.\n' > "$C/real.txt"; ln -s real.txt "$C/in.txt"; add a in.txt ru
expect_exit 0 "014 a symlink inside the corpus is fine" run
