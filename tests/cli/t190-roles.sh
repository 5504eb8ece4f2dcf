# t190: usage, not mention, on real text: two consolidated versions of the 2011 Kazakh migration law (Russian,
# ../shared/corpus/kz-law, before and after the 2020 replacement of «оралман» by «кандас»). Read in place: the
# Markdown body after the YAML front matter, heading marks (#) removed, into $TMP (until a Markdown reader lands).
# Before roles (format 1, or --count all now): 2019 oralman 162; 2021 kandas 164, oralman 14. With roles: the
# replacement note's 20 words are quoted, the 4 headings of repealed articles (Статья 16, 17, 19, 22) repealed.
. tests/cli/lib.sh
law=$SHARED/corpus/kz-law
if [ ! -f "$law/migration-law-2011-ru-2019-01-01.md" ]; then
  echo "ok 1 - # SKIP $law not found: the real-text role test did not run"
  echo "1..1"; exit 0
fi
C=$TMP/c; mkdir -p "$C"
for v in 2019-01-01 2021-06-29; do
  awk 'c>=2{print} /^---$/{c++}' "$law/migration-law-2011-ru-$v.md" | sed -E 's/^#+ +//' > "$C/law-$v.txt"
done
printf 'doc_id\tpath\tlang\tcountry\tdate\nlaw-2019\tlaw-2019-01-01.txt\tru\tKZ\t2019-01-01\nlaw-2021\tlaw-2021-06-29.txt\tru\tKZ\t2021-06-29\n' > "$C/manifest.tsv"
expect_exit 0 "run over the two consolidated versions" "$PIPELINE" run --corpus "$C" --out "$TMP/o" --quiet --period year
expect_exit 0 "... and with --count all" "$PIPELINE" run --corpus "$C" --out "$TMP/all" --quiet --count all
h=$TMP/o/hits.tsv
tf() { awk -F'\t' -v d="$2" -v c="$3" '$1==d && $2==c {n=$3} END{print n+0}' "$1/tf.tsv"; }
roles() { awk -F'\t' -v d="$1" -v c="$2" -v r="$3" '$1==d && $2==c && $11==r' "$h" | wc -l; }
check "hits.tsv has the role column after right (then page)" sh -c "head -1 '$h' | grep -q 'right	role	page$'"
check "--count all counts as before roles: 2019 oralman 162" test "$(tf "$TMP/all" law-2019 oralman)" -eq 162
check "--count all: 2021 kandas 164, oralman 14" test "$(tf "$TMP/all" law-2021 kandas)-$(tf "$TMP/all" law-2021 oralman)" = 164-14
check "2019: no kandas counted" test "$(tf "$TMP/o" law-2019 kandas)" -eq 0
check "2019: oralman 158 text, 4 repealed" test "$(roles law-2019 oralman text)-$(roles law-2019 oralman repealed)" = 158-4
check "2021: no oralman counted as text" test "$(tf "$TMP/o" law-2021 oralman)" -eq 0
check "2021: oralman 10 quoted (the replacement note), 4 repealed" \
  test "$(roles law-2021 oralman quoted)-$(roles law-2021 oralman repealed)" = 10-4
check "2021: kandas 154 text, 10 quoted" test "$(tf "$TMP/o" law-2021 kandas)-$(roles law-2021 kandas quoted)" = 154-10
# every kandas/oralman hit on the line of the replacement note is quoted or note
line=$(grep -b 'Сноска. По всему тексту' "$C/law-2021-06-29.txt" | head -1)
note_start=${line%%:*}
note_end=$((note_start + $(printf '%s' "${line#*:}" | wc -c)))
check "every hit of the replacement note is quoted or note" sh -c "
  awk -F'\t' -v s=$note_start -v e=$note_end '\$1==\"law-2021\" && \$4>=s && \$4<e && (\$2==\"oralman\" || \$2==\"kandas\") {n++; if (\$11!=\"quoted\" && \$11!=\"note\") bad++} END{exit !(n==20 && !bad)}' '$h'"
check "the heading 'Статья 17. Категории оралманов' is repealed in both versions" sh -c "
  test \$(awk -F'\t' '\$7==\"Статья 17\" && \$2==\"oralman\" && \$11==\"repealed\"' '$h' | wc -l) -eq 2"
check "docs.tsv has the hits per role" sh -c "head -1 '$TMP/o/docs.tsv' | grep -q 'hits_text	hits_quoted	hits_note	hits_repealed'"
check "run.json totals count the roles and format_version is 2" sh -c "
  grep -q '\"format_version\": 2' '$TMP/o/run.json' && grep -q '\"hits_quoted\": ' '$TMP/o/run.json' && grep -q '\"count\": \"text\"' '$TMP/o/run.json'"
"$PIPELINE" kwic --out "$TMP/o" --concept oralman --role repealed > "$TMP/kwic" 2>/dev/null
check "kwic --role repealed lists the 8 repealed headings" test "$(wc -l < "$TMP/kwic")" -eq 8
check "kwic shows the role" grep -q '	repealed	.*Категории  \[оралманов\]' "$TMP/kwic"
expect_exit 2 "kwic --role with an unknown role is a usage error" "$PIPELINE" kwic --out "$TMP/o" --role used
check "... naming the roles" grep -q "role is text, quoted, note or repealed, not 'used'" "$TMP/err"
check "forms.tsv counts text hits only (no oralman form in 2021)" sh -c "
  ! awk -F'\t' '\$1==\"oralman\" && \$2==\"2021\"' '$TMP/o/forms.tsv' | grep -q ."
"$PIPELINE" lexicon explain "$(sed -n '/Сноска. По всему тексту/p' "$C/law-2021-06-29.txt" | head -1)" --lang ru > "$TMP/explain" 2>&1
check "lexicon explain of the note's line gives its words' roles and the rules" sh -c "
  grep -q '^role here: quoted (roles/ru.tsv:[0-9]*)' '$TMP/explain' && grep -q '^role here: note (roles/ru.tsv:[0-9]*)' '$TMP/explain'"
finish
