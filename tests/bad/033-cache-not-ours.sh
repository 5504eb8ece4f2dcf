# 033 --cache is a non-empty folder that is not a termtrace cache, or the corpus: refused (exit 2) before
# anything is written into it. A new folder becomes a cache (it gets the .termtrace-cache marker); a cache of an
# older version (only two-hex-digit folders of .docres files) is still accepted.
rm -rf "$O"; mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
P=$TMP/project; rm -rf "$P"; mkdir -p "$P"; printf 'my notes\n' > "$P/notes.txt"
expect_exit 2 "033 --cache is a project folder" run --cache "$P"
check "033 ... names the folder, the reason and what to do" says "pipeline: error: '$P': refusing to use this folder as a cache: it is not empty and has no .termtrace-cache file; give --cache a new or empty folder, or an existing termtrace cache"
check "033 ... nothing is written into it" test "$(ls -A "$P")" = notes.txt
expect_exit 2 "033 --cache is the corpus" run --cache "$C"
check "033 ... says so" grep -q "'$C': refusing to use this folder as the cache folder: it is the corpus folder" "$TMP/err"
check "033 ... nothing is written into the corpus" test "$(ls -A "$C" | tr '\n' ' ')" = "a.txt manifest.tsv "
K=$TMP/k33; rm -rf "$K"
expect_exit 0 "033 a new cache folder" run --cache "$K"
check "033 ... gets the marker" sh -c "head -1 '$K/.termtrace-cache' | grep -qx 'termtrace-cache 1'"
rm -f "$K/.termtrace-cache"
expect_exit 0 "033 an unmarked cache of an older version is accepted" run --cache "$K"
check "033 ... and marked" test -f "$K/.termtrace-cache"
rm -rf "$K"
