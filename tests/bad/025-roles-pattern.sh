# 024 a role pattern file (lexicons/roles/<lang>.tsv) that does not compile: refused before any document (exit 2),
# file:line:column and PCRE2's reason, nothing written; an unknown kind/reach too.
rm -rf "$O"; mk; printf 'x\n' > "$C/a.txt"; add a a.txt en
rm -rf "$TMP/data"; cp -r lexicons "$TMP/data"
printf 'note\tline\t(unclosed\n' >> "$TMP/data/roles/ru.tsv"
ln=$(wc -l < "$TMP/data/roles/ru.tsv")
expect_exit 2 "024 a role pattern that does not compile" env TT_DATA="$TMP/data" "$PIPELINE" run --corpus "$C" \
  --lexicon lexicons/diaspora --out "$O" --quiet
check "024 ... file:line:column and the reason" \
  says "pipeline: error: '$TMP/data/roles/ru.tsv':$ln:20: pattern does not compile: missing closing parenthesis (at offset 9 of '(unclosed')"
check "024 ... nothing is written" test ! -e "$O"
cp lexicons/roles/ru.tsv "$TMP/data/roles/ru.tsv"; printf 'note\teverywhere\tx\n' >> "$TMP/data/roles/ru.tsv"
ln=$(wc -l < "$TMP/data/roles/ru.tsv")
expect_exit 2 "024 an unknown kind and reach" env TT_DATA="$TMP/data" "$PIPELINE" run --corpus "$C" \
  --lexicon lexicons/diaspora --out "$O" --quiet
check "024 ... names the line and the kinds there are" \
  says "pipeline: error: '$TMP/data/roles/ru.tsv':$ln:1: unknown kind and reach 'note everywhere' (note line|next|paren|rest, quoted sentence, title span, repealed line|article)"
