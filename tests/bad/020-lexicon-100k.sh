# 020 a 100,000-entry lexicon (lemmas in all four languages, globs, multiwords) loads and runs in reasonable time
# within a memory bound (1 GB peak RSS, generous for a 2-core CI machine; the time it took is printed as a note,
# not asserted: wall-clock time depends on the machine's load); one entry over --max-lexicon-entries is refused
# naming the option.
mk
printf 'Соотечественники за рубежом. Diaspora abroad. Otandastar. Vatandoshlar.\n' > "$C/a.txt"; add a a.txt en
awk 'BEGIN {
  srand(7); split("en ru kk uz", L, " "); a = "abcdefghijklmnoprstuvyz"
  for (c = 0; c < 100; c++) printf "concept c%d population\n", c
  for (i = 0; i < 100000; i++) {
    w = ""; for (k = 0; k < 8; k++) w = w substr(a, int(rand() * 23) + 1, 1)
    kind = (i % 50 == 0) ? "glob " w "*" : (i % 10 == 0) ? "multi " w " " w "x" : "lemma " w
    printf "%s c%d %s\n", L[i % 4 + 1], i % 100, kind
  }
  print "en c0 lemma diaspora"
}' > "$TMP/big.lex"
check "020 ... the lexicon has 100,001 entries" test "$(grep -vc '^concept' "$TMP/big.lex")" = 100001
start=$(date +%s) # for the note only
expect_exit 0 "020 a 100,000-entry lexicon" /usr/bin/time -f 'maxrss_kb %M' "$PIPELINE" run --corpus "$C" --lexicon "$TMP/big.lex" --out "$O" --quiet
secs=$(($(date +%s) - start)); rss=$(awk '/^maxrss_kb/ { print $2 }' "$TMP/err")
echo "# 100k lexicon: ${secs} s, peak RSS ${rss} KB"
check "020 ... under 1 GB (${rss} KB)" test "${rss:-99999999}" -lt 1048576
check "020 ... and counts" test "$(awk -F'\t' '$1 == "a" && $2 == "c0" { print $3 }' "$O/tf.tsv")" = 1
expect_exit 1 "020 --max-lexicon-entries 100000: one too many" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/big.lex" --out "$O" --quiet --max-lexicon-entries 100000
check "020 ... names the limit and the option" grep -q "big.lex':100101: more than 100000 entries (--max-lexicon-entries raises the limit)" "$TMP/err"
