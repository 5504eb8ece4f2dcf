# 032 --out that contains or lies inside the corpus, the lexicon or the data folder, or is the cache: refused
# (exit 2) naming which; nothing of theirs is touched.
rm -rf "$O"; mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
W=$TMP/work; rm -rf "$W"; mkdir -p "$W"; cp -r "$C" "$W/corpus"; cp -r lexicons/diaspora "$W/lex"
r32() { "$PIPELINE" run --corpus "$W/corpus" --lexicon "$W/lex" --quiet "$@"; }
expect_exit 2 "032 --out contains the corpus" r32 --out "$W"
check "032 ... says so" grep -q "'$W': refusing to use this folder as the output folder: it contains the corpus folder '$W/corpus'" "$TMP/err"
expect_exit 2 "032 --out lies inside the corpus" r32 --out "$W/corpus/out"
check "032 ... says so" grep -q "it lies inside the corpus folder" "$TMP/err"
check "032 ... and writes nothing there" test ! -e "$W/corpus/out"
expect_exit 2 "032 --out lies inside the lexicon folder" r32 --out "$W/lex/out"
check "032 ... says so" grep -q "it lies inside the lexicon '$W/lex'" "$TMP/err"
cp -r lexicons "$W/data" # a copy: were the check broken, the repository's data would be at stake
expect_exit 2 "032 --out is the data folder" env TT_DATADIR="$W/data" "$PIPELINE" run --corpus "$W/corpus" --lexicon "$W/lex" --quiet --out "$W/data"
check "032 ... says so" grep -q "'$W/data': refusing to use this folder as the output folder: it is the data folder '$W/data'" "$TMP/err"
check "032 ... the data folder is untouched" test -f "$W/data/README.md"
expect_exit 2 "032 --out is the --cache folder" r32 --out "$W/cache" --cache "$W/cache"
check "032 ... says so" grep -q "it is the cache folder" "$TMP/err"
expect_exit 2 "032 --cache lies inside the output" r32 --out "$W/o" --cache "$W/o/cache"
check "032 ... says so" grep -q "'$W/o': refusing to use this folder as the output folder: it contains the cache folder '$W/o/cache'" "$TMP/err"
check "032 ... the corpus is untouched" cmp -s "$C/a.txt" "$W/corpus/a.txt"
