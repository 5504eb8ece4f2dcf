# 018 a lexicon with an unbalanced pattern: refused before any document (exit 2), file:line:column, nothing written.
rm -rf "$O"; mk; printf 'x\n' > "$C/a.txt"; add a a.txt en
printf 'concept x population\nen x regex /(a+/\n' > "$TMP/unb.lex"
expect_exit 2 "018 an unbalanced regex" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/unb.lex" --out "$O" --quiet
check "018 ... file:line:column, the pattern and PCRE2's reason" \
  says "pipeline: error: '$TMP/unb.lex':2:16: regex /(a+/ does not compile: missing closing parenthesis at offset 3"
check "018 ... nothing is written" test ! -e "$O"
