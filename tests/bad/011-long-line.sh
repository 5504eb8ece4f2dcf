# 011 a line of 100 MB, one "word" without any space (between two ordinary lines): text is cut into pieces of
# at most 4 MiB, so the word becomes several tokens; nothing is lost around it, memory stays bounded.
# make check: 100 MB (TT_LINE_MB to change).
mb=${TT_LINE_MB:-100}
mk
{ printf 'Статья 1. Соотечественники.\n'; head -c $((mb * 1000000)) /dev/zero | tr '\0' 'a'; printf '\nСтатья 2. Диаспора.\n'; } > "$C/line.txt"
add line line.txt ru
expect_exit 0 "011 a ${mb} MB line" /usr/bin/time -f 'maxrss_kb %M' "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --out "$O" --quiet --jobs 1
rss=$(awk '/^maxrss_kb/ { print $2 }' "$TMP/err")
echo "# ${mb} MB line: peak RSS ${rss} KB"
check "011 ... peak RSS under 150 MB (was ${rss} KB)" test "${rss:-999999999}" -lt 153600
check "011 ... the words before and after it are counted" \
  test "$(awk -F'\t' '$1 == "line" { print $2 "=" $3 }' "$O/tf.tsv" | sort | tr '\n' ' ')" = "compatriot=1 diaspora=1 "
check "011 ... both articles found" test "$(col line articles)" = 2
rm -f "$C/line.txt"
