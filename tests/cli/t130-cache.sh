# t130: --cache: a rerun processes only new or changed documents and writes byte-identical outputs.
. tests/cli/lib.sh
cp -r corpus "$TMP/c"
run() { "$PIPELINE" run --corpus "$TMP/c" --lexicon lexicons/diaspora --out "$TMP/$1" --quiet --cache "$TMP/cache" --jobs 2; }
expect_exit 0 "first run fills the cache" run o1
check "run.json says 0 documents came from the cache" grep -q '"documents_from_cache": 0' "$TMP/o1/run.json"
expect_exit 0 "second run" run o2
nd=$(($(wc -l < corpus/manifest.tsv) - 1))
check "... takes every document from the cache" grep -q "\"documents_from_cache\": $nd" "$TMP/o2/run.json"
check "... and writes the same outputs" same_outputs "$TMP/o1" "$TMP/o2"
printf '\nArticle 99. Compatriots and the diaspora.\n' >> "$TMP/c/kz-2011-law-en.txt"
expect_exit 0 "a changed document" run o3
check "... is the only one processed again" grep -q "\"documents_from_cache\": $((nd - 1))" "$TMP/o3/run.json"
"$PIPELINE" run --corpus "$TMP/c" --lexicon lexicons/diaspora --out "$TMP/o4" --quiet 2>/dev/null
check "... and the result equals a run without cache" same_outputs "$TMP/o3" "$TMP/o4"
f=$(find "$TMP/cache" -name '*.docres' | head -1); head -c 100 "$f" > "$f.x"; mv "$f.x" "$f"
expect_exit 0 "a damaged cache entry" run o5
check "... is not trusted (same outputs)" same_outputs "$TMP/o3" "$TMP/o5"
# an entry with its length and shape but one byte changed in the middle (what a crash may leave, now that entries
# are written without an fsync): its CRC-32 fails, so it is done again
f=$(find "$TMP/cache" -name '*.docres' | sort | head -1)
/usr/bin/python3 - "$f" <<'PY'
import sys
p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = len(b) // 2
while not (48 <= b[i] <= 56): i += 1
b[i] += 1; open(p, 'wb').write(b)
PY
expect_exit 0 "an entry with one byte changed" run o6
check "... is not trusted (same outputs), and is written again" same_outputs "$TMP/o3" "$TMP/o6"
check "... run.json counts it as not from the cache" grep -q "\"documents_from_cache\": $((nd - 1))" "$TMP/o6/run.json"
expect_exit 2 "a cache inside the output folder is refused" "$PIPELINE" run --corpus "$TMP/c" --out "$TMP/o5" --cache "$TMP/o5/cache" --quiet
# One read per document: with a cache, a cold run opens each document once (hashed for the lookup and decoded
# from the same bytes; it used to open it three times: hash, decode, hash again for the key), a warm run once.
# The entry's key is the decoder's own SHA-256 (the record's sha256 statistic).
if command -v strace > /dev/null; then
  for pass in cold warm; do
    strace -f -qq -e trace=open,openat -o "$TMP/trace.$pass" "$BIN/termtrace" run --corpus corpus --lexicon lexicons/diaspora \
      --out "$TMP/o7" --cache "$TMP/cache7" --quiet 2> /dev/null
    tail -n +2 corpus/manifest.tsv | cut -f2 | sort > "$TMP/docs"
    grep -o '"corpus/[^"]*"' "$TMP/trace.$pass" | tr -d '"' | sed 's|^corpus/||' | grep -v '^manifest.tsv$' | sort | uniq -c |
      awk '{ print $2 "\t" $1 }' > "$TMP/opens"
    check "$pass cache: every document opened exactly once" sh -c "
      [ \"\$(cut -f1 '$TMP/opens')\" = \"\$(cat '$TMP/docs')\" ] && ! awk -F'\t' '\$2 != 1' '$TMP/opens' | grep -q ."
  done
  check "... the warm run came from the cache" grep -q '"documents_from_cache": 16' "$TMP/o7/run.json"
  sha=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "sha256") k = i } $1 == "kz-2011-law-en" { print $k }' "$TMP/o7/docs.tsv")
  check "... entries are keyed from the decoder's sha256 of the document (kz-2011-law-en: $sha)" \
    sh -c "grep -l 'stat	sha256	$sha' '$TMP'/cache7/*/*.docres | grep -q ."
else
  skip "strace not installed (apt-get install strace): reads per document not counted"
fi
finish
