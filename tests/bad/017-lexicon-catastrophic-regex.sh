# 017 a lexicon with a catastrophic regex, (a+)+$, and a token that makes it backtrack: it does not hang. PCRE2's
# match limit (default 100,000 per token) stops it: the document is skipped (exit 3) naming the entry, the
# token, the limit and --regex-match-limit; a token that does not trigger backtracking matches normally.
mk
printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab diaspora\n' > "$C/evil.txt"; add evil evil.txt en
printf 'aaaa diaspora\n' > "$C/fine.txt"; add fine fine.txt en
printf 'concept x population\nen x regex /(a+)+$/\nen x lemma diaspora\n' > "$TMP/cat.lex"
expect_exit 3 "017 a catastrophic regex does not hang" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/cat.lex" --out "$O" --quiet
check "017 ... the document is skipped, naming entry, token, limit and option" \
  says "pipeline: warning: document 'evil' skipped: '$C/evil.txt': regex /(a+)+\$/ of entry $TMP/cat.lex:2 failed on token 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab': match limit exceeded (limit 100000 per token; --regex-match-limit raises it)"
check "017 ... the other document matches the same regex" test "$(awk -F'\t' '$1 == "fine" && $2 == "x" { print $3 }' "$O/tf.tsv")" = 2
expect_exit 3 "017 a lower --regex-match-limit is named in the message" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/cat.lex" --out "$O" --quiet --regex-match-limit 1000
check "017 ... limit 1000" grep -q "match limit exceeded (limit 1000 per token; --regex-match-limit raises it)" "$TMP/err"
expect_exit 2 "017 --regex-match-limit 0 is a usage error" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/cat.lex" --out "$O" --regex-match-limit 0
