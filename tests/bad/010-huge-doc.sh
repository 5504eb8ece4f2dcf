# 010 a huge document with no newline at all: streamed in pieces, peak memory bounded whatever its size.
# make check: 64 MB (TT_BIG_MB); by hand: TT_SLOW=1 runs 1024 MB (1 GB). Generated on the fly, deleted after.
# Memory grows with a document's hits (its hits.tsv rows are kept until the document is done: ~600 bytes each,
# 394 MB for 610,000 hits in 1 GB), never with its size: here one hit per ~100 KB, and peak RSS must stay under
# 150 MB whatever the size.
mb=${TT_BIG_MB:-64}
[ "${TT_SLOW:-0}" = 1 ] && mb=${TT_BIG_MB:-1024}
if [ ! -x /usr/bin/time ]; then
  skip "010 /usr/bin/time missing (apt-get install time): peak memory not measured"
else
  mk
  # ~1,000-byte blocks of ordinary legal Russian, every 100th followed by "соотечественники", no newline anywhere
  block=$(printf 'закон о порядке государственной регистрации прав на недвижимое имущество %.0s' 1 2 3 4 5 6 7 8 9 10 11 12)
  blen=$(printf '%s' "$block" | wc -c) hit=' соотечественники ' hlen=$(printf ' соотечественники ' | wc -c)
  nblk=$((mb * 1000000 / blen)) nhit=$(( (mb * 1000000 / blen + 99) / 100 ))
  awk -v b="$block" -v h="$hit" -v n="$nblk" 'BEGIN { for (i = 0; i < n; i++) { printf "%s", b; if (i % 100 == 0) printf "%s", h } }' > "$C/big.txt"
  add big big.txt ru
  expect_exit 0 "010 a ${mb} MB document without a newline" /usr/bin/time -f 'maxrss_kb %M' "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet --jobs 1
  rss=$(awk '/^maxrss_kb/ { print $2 }' "$TMP/err")
  echo "# ${mb} MB: peak RSS ${rss} KB"
  check "010 ... peak RSS under 150 MB (was ${rss} KB)" test "${rss:-999999999}" -lt 153600
  check "010 ... every hit counted ($nhit)" test "$(awk -F'\t' '$1 == "big" && $2 == "compatriot" { print $3 }' "$O/tf.tsv")" = "$nhit"
  check "010 ... bytes as on disk" test "$(col big bytes)" = "$((nblk * blen + nhit * hlen))"
  rm -f "$C/big.txt"
fi
