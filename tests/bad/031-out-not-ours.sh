# 031 --out is a non-empty folder termtrace did not write (a project folder with notes): refused (exit 2), the
# notes untouched. An empty folder is accepted, and so is an output folder of a previous run (it holds the
# .termtrace-output marker every run writes).
rm -rf "$O"; mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
P=$TMP/project; rm -rf "$P"; mkdir -p "$P/sub"; printf 'my notes\n' > "$P/notes.txt"; printf 'x\n' > "$P/sub/data.csv"
expect_exit 2 "031 --out is a project folder" run --out "$P"
check "031 ... names the folder, the reason and what to do" says "pipeline: error: '$P': refusing to replace this folder: it is not empty and has no .termtrace-output file, so termtrace did not write it (a run replaces its output folder as a whole); give --out a new or empty folder, or one a previous run wrote (delete it yourself if it is an output of an older version)"
check "031 ... the notes are untouched" sh -c "test \"\$(cat '$P/notes.txt')\" = 'my notes' && test -f '$P/sub/data.csv'"
: > "$P/.termtrace-output"
expect_exit 2 "031 an empty .termtrace-output file is not a marker" run --out "$P"
rm -f "$P/.termtrace-output"
E=$TMP/empty; rm -rf "$E"; mkdir "$E"
expect_exit 0 "031 an empty folder is accepted" run --out "$E"
check "031 ... the output holds the marker" sh -c "head -1 '$E/.termtrace-output' | grep -qx 'termtrace-output 1'"
expect_exit 0 "031 a previous output is replaced" run --out "$E"
printf 'x\n' > "$TMP/afile"
expect_exit 2 "031 --out is a file" run --out "$TMP/afile"
check "031 ... refused as a file" grep -q "'$TMP/afile': refusing to replace this file: the output must be a folder" "$TMP/err"
ln -sfn "$E" "$TMP/alink"
expect_exit 2 "031 --out is a symbolic link to an output" run --out "$TMP/alink"
check "031 ... refused as a link" grep -q "refusing to use a symbolic link as the output folder" "$TMP/err"
rm -rf "$E" "$TMP/alink" "$TMP/afile"
