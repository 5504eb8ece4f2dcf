# 060 each reason once: a missing lexicon said "No such file or directory" twice.
two; rm -rf "$O"
expect_exit 1 "060 a lexicon that does not exist" "$PIPELINE" run --corpus "$C" --out "$O" --lexicon "$TMP/none.lex"
check "060 ... the reason once" says "pipeline: error: '$TMP/none.lex': cannot open lexicon: No such file or directory"
