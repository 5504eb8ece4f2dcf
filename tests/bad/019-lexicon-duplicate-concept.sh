# 019 a lexicon defining a concept twice: refused (exit 2) naming file:line:column and the id.
rm -rf "$O"; mk; printf 'x\n' > "$C/a.txt"; add a a.txt en
printf 'concept x population\nconcept x population\nen x lemma diaspora\n' > "$TMP/dup.lex"
expect_exit 2 "019 a duplicate concept" "$PIPELINE" run --corpus "$C" --lexicon "$TMP/dup.lex" --out "$O" --quiet
check "019 ... names it" says "pipeline: error: '$TMP/dup.lex':2:9: duplicate concept 'x'"
check "019 ... nothing is written" test ! -e "$O"
