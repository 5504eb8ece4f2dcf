# 034 `pipeline merge --out` and `tt-export --out` follow the same rule as a run: a non-empty folder termtrace did
# not write, or one of the parts being merged, is refused (exit 2) before anything is read; a merge or an export
# into a new folder writes the marker.
rm -rf "$O"; mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
printf 'Diaspora abroad.\n' > "$C/b.txt"; add b b.txt en
P=$TMP/project; rm -rf "$P"; mkdir -p "$P"; printf 'my notes\n' > "$P/notes.txt"
for i in 0 1; do run --out "$TMP/part$i" --shard $i/2 2>/dev/null; done
expect_exit 2 "034 merge --out a project folder" "$PIPELINE" merge "$TMP/part0" "$TMP/part1" --out "$P"
check "034 ... says why" grep -q "'$P': refusing to replace this folder: it is not empty and has no .termtrace-output file" "$TMP/err"
check "034 ... the notes are untouched" test "$(ls -A "$P")" = notes.txt
expect_exit 2 "034 merge --out one of the parts" "$PIPELINE" merge "$TMP/part0" "$TMP/part1" --out "$TMP/part1"
check "034 ... says so" grep -q "it is the partial output '$TMP/part1'" "$TMP/err"
expect_exit 0 "034 merge into a new folder" "$PIPELINE" merge "$TMP/part0" "$TMP/part1" --out "$TMP/m34"
check "034 ... writes the marker" test -f "$TMP/m34/.termtrace-output"
printf 'not a docres stream\n' > "$TMP/junk"
expect_exit 2 "034 tt-export --out a project folder" sh -c "'$BIN/tt-export' --lexicon lexicons/diaspora --out '$P' < '$TMP/junk'"
check "034 ... says why" grep -q "tt-export: error: '$P': refusing to replace this folder" "$TMP/err"
check "034 ... the notes are untouched" test "$(ls -A "$P")" = notes.txt
rm -rf "$TMP/part0" "$TMP/part1" "$TMP/m34" "$P"
