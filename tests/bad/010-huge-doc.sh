# 010 a huge document with no newline at all: streamed in pieces, peak memory bounded whatever its size.
# make check: 64 MB (TT_BIG_MB); by hand: TT_SLOW=1 runs 1024 MB (1 GB). Generated on the fly, deleted after.
# The text has one hit per ~1 KB, so memory for hits stays small; peak RSS must stay under 150 MB.
mb=${TT_BIG_MB:-64}
[ "${TT_SLOW:-0}" = 1 ] && mb=${TT_BIG_MB:-1024}
if [ ! -x /usr/bin/time ]; then
  skip "010 /usr/bin/time missing (apt-get install time): peak memory not measured"
else
  mk
  # 1,000 bytes of ordinary legal Russian + one "соотечественники" per block, no newline anywhere
  block=$(printf 'закон о порядке государственной регистрации прав на недвижимое имущество %.0s' 1 2 3 4 5 6 7 8 9 10 11 12)
  block="$block соотечественники "
  blen=$(printf '%s' "$block" | wc -c)
  nblk=$((mb * 1000000 / blen))
  awk -v b="$block" -v n="$nblk" 'BEGIN { for (i = 0; i < n; i++) printf "%s", b }' > "$C/big.txt"
  add big big.txt ru
  expect_exit 0 "010 a ${mb} MB document without a newline" /usr/bin/time -f 'maxrss_kb %M' "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet --jobs 1
  rss=$(awk '/^maxrss_kb/ { print $2 }' "$TMP/err")
  echo "# ${mb} MB: peak RSS ${rss} KB"
  check "010 ... peak RSS under 150 MB (was ${rss} KB)" test "${rss:-999999999}" -lt 153600
  check "010 ... every block's hit counted ($nblk)" test "$(awk -F'\t' '$1 == "big" && $2 == "compatriot" { print $3 }' "$O/tf.tsv")" = "$nblk"
  check "010 ... bytes as on disk" test "$(col big bytes)" = "$((nblk * blen))"
  rm -f "$C/big.txt"
fi
