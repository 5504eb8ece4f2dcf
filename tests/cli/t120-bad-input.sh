# t120: bad inputs give a clear message, a documented exit code, and never lose a previous output.
. tests/cli/lib.sh
mk() { rm -rf "$TMP/c"; mkdir -p "$TMP/c"; printf 'doc_id\tpath\tlang\tcountry\tdate\tencoding\n' > "$TMP/c/manifest.tsv"; }
add() { printf '%s\t%s\t%s\tKZ\t2020\t%s\n' "$1" "$2" "$3" "${4:-}" >> "$TMP/c/manifest.tsv"; }
run() { "$PIPELINE" run --corpus "$TMP/c" --lexicon lexicons/diaspora --out "$TMP/o" --quiet "$@"; }

mk; printf 'Статья 1. Соотечественники.\n' > "$TMP/c/a.txt"; add a a.txt ru
expect_exit 0 "a good corpus" run
cp "$TMP/o/docs.tsv" "$TMP/docs.before"

mk; printf 'Статья 1.\n' > "$TMP/c/a.txt"; add a a.txt kz
expect_exit 2 "unknown lang in the manifest" run
check "... names file:line and the value" grep -q "manifest.tsv':2: unknown lang 'kz'" "$TMP/err"
check "... and the previous output is untouched" cmp "$TMP/o/docs.tsv" "$TMP/docs.before"

mk; add a a.txt ru; add a b.txt ru
expect_exit 2 "duplicate doc_id" run
check "... names both lines" grep -q "duplicate doc_id 'a' (also on line 2)" "$TMP/err"

mk; add a ../outside.txt ru
expect_exit 2 "a path outside the corpus folder" run
check "... is refused unless --allow-outside" grep -q "allow-outside" "$TMP/err"
mk; ln -s /etc/hostname "$TMP/c/link.txt"; add a link.txt ru
expect_exit 2 "a symlink pointing out" run

mk; printf 'doc_id\tlang\nx\tru\n' > "$TMP/c/manifest.tsv"
expect_exit 2 "a manifest without the path column" run
check "... says which column" grep -q "missing required column 'path'" "$TMP/err"

mk; printf 'doc_id\tpath\tlang\n\377\tx\tru\n' > "$TMP/c/manifest.tsv"
expect_exit 2 "a manifest that is not UTF-8" run

mk; printf 'Статья 1. Соотечественники.\n' > "$TMP/c/a.txt"; add a a.txt ru
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' > "$TMP/c/b.txt"; add b b.txt ru
add c missing.txt ru
: > "$TMP/c/d.txt"; add d d.txt ru
printf '  \n\t \n' > "$TMP/c/e.txt"; add e e.txt ru
printf 'abc \300\257 def\n' > "$TMP/c/f.txt"; add f f.txt en UTF-8
expect_exit 3 "bad documents are skipped, the run finishes" run
check "the good document is counted" sh -c "awk -F'\t' '\$1==\"a\"' '$TMP/o/tf.tsv' | grep -q compatriot"
check "a binary file is reported with its doc_id" grep -q "document 'b' skipped: .*b.txt" "$TMP/err"
check "a missing file is reported" grep -q "document 'c' skipped" "$TMP/err"
check "an empty file is reported" grep -q "document 'd' skipped: .*empty document" "$TMP/err"
check "a whitespace-only file is reported" grep -q "document 'e' skipped: .*empty document" "$TMP/err"
check "invalid UTF-8 is reported with its byte offset" grep -q "document 'f' skipped: .*byte 4" "$TMP/err"
check "docs.tsv records each status" sh -c "test \$(grep -c 'skipped: ' '$TMP/o/docs.tsv') -eq 5"
expect_exit 0 "--replace-invalid counts instead of skipping invalid UTF-8" sh -c "
  '$PIPELINE' run --corpus '$TMP/c' --lexicon lexicons/diaspora --out '$TMP/o2' --quiet --replace-invalid; test \$? -eq 3"
check "... document f is then ok" sh -c "awk -F'\t' '\$1==\"f\"' '$TMP/o2/docs.tsv' | grep -q 'ok'"

printf 'concept x population\nkk x lemma\n' > "$TMP/bad.lex"
mk; printf 'x\n' > "$TMP/c/a.txt"; add a a.txt ru
expect_exit 2 "a bad lexicon stops the run before any document" "$PIPELINE" run --corpus "$TMP/c" --lexicon "$TMP/bad.lex" --out "$TMP/o3" --quiet
check "... with file:line" grep -q "bad.lex':2" "$TMP/err"
check "... and writes nothing" test ! -e "$TMP/o3"

expect_exit 2 "an unknown option" "$PIPELINE" run --corpus corpus --out "$TMP/o4" --frobnicate
expect_exit 2 "a bad --cooc" "$PIPELINE" run --corpus corpus --out "$TMP/o4" --cooc window0
expect_exit 2 "an unknown command" "$PIPELINE" frobnicate
finish
