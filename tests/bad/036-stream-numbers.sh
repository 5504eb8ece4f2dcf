# 036 numbers in a stage stream and on the command line are whole decimal numbers, nothing else: a token or hit
# record whose start is '0x', '16junk', '-1', ' 5' or past 2^64 (or a 32-bit field past 2^32) is refused by
# tt-match and tt-count (exit 1) naming the line, the field and the value; an option like --kwic 16junk or
# --kwic 0x10 is a usage error (exit 2).
mk; printf 'Соотечественники за рубежом.\n' > "$C/a.txt"; add a a.txt ru
"$BIN/tt-decode" --corpus "$C" | "$BIN/tt-normalize" | "$BIN/tt-tokenize" --lexicon lexicons/diaspora > "$TMP/s3"
"$BIN/tt-match" --lexicon lexicons/diaspora < "$TMP/s3" > "$TMP/s4"
check "036 ... the stream has token and hit records" sh -c "grep -aq '^tok	' '$TMP/s3' && grep -aq '^hit	' '$TMP/s4'"
ln=$(grep -an -m1 '^tok	' "$TMP/s3" | cut -d: -f1)
for v in 0x 16junk -1 ' 5' 99999999999999999999; do
  awk -v n="$ln" -v v="$v" 'BEGIN { FS = OFS = "\t" } NR == n { $2 = v } { print }' "$TMP/s3" > "$TMP/bad3"
  expect_exit 1 "036 tt-match: a tok start of '$v'" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/bad3' > /dev/null"
  check "036 ... names the line, the field and the value" grep -qF "tt-match: error: '<stdin>':$ln: 'tok' record: start must be a whole number, not '$v'" "$TMP/err"
done
awk -v n="$ln" 'BEGIN { FS = OFS = "\t" } NR == n { $4 = "4294967296" } { print }' "$TMP/s3" > "$TMP/bad3"
expect_exit 1 "036 tt-match: a sentence number past 2^32" sh -c "'$BIN/tt-match' --lexicon lexicons/diaspora < '$TMP/bad3' > /dev/null"
check "036 ... says so" grep -qF "'tok' record: sent must be a whole number below 2^32, not '4294967296'" "$TMP/err"
hl=$(grep -an -m1 '^hit	' "$TMP/s4" | cut -d: -f1)
awk -v n="$hl" 'BEGIN { FS = OFS = "\t" } NR == n { $7 = "12abc" } { print }' "$TMP/s4" > "$TMP/bad4"
expect_exit 1 "036 tt-count: a hit start of '12abc'" sh -c "'$BIN/tt-count' --lexicon lexicons/diaspora < '$TMP/bad4' > /dev/null"
check "036 ... names the line, the field and the value" grep -qF "tt-count: error: '<stdin>':$hl: 'hit' record: start must be a whole number, not '12abc'" "$TMP/err"
for v in 16junk 0x10 ' 16' +16 -1; do
  expect_exit 2 "036 --kwic '$v'" run --kwic "$v"
done
