# t160: the bundled corpus's documented oralman -> kandas change (the 2020 amendment) shows in series.tsv and
# forms.tsv; keyness, weights, vocabulary and diff run on it.
. tests/cli/lib.sh
expect_exit 0 "run with --period year --compare --vocab --weight" "$PIPELINE" run --corpus corpus --out "$TMP/o" --quiet \
  --period year --compare country=KZ:country=UZ --vocab --stem --weight relative,tfidf,boolean --group-by lang,year
s=$TMP/o/series.tsv
# series.tsv: concept_id, country, period, count, tokens, per_10k
sum() { awk -F'\t' -v c="$1" -v lo="$2" -v hi="$3" '$1==c && $2=="KZ" && $3>=lo && $3<=hi {n+=$4} END{print n+0}' "$s"; }
check "oralman is used in Kazakhstan before 2020" test "$(sum oralman 1990 2019)" -gt 0
check "kandas is never used in Kazakhstan before 2020" test "$(sum kandas 1990 2019)" -eq 0
check "kandas is used from 2020 on" test "$(sum kandas 2020 2030)" -gt 0
check "after the 2020 amendment, oralman only appears in 2020 itself" test "$(sum oralman 2021 2030)" -eq 0
check "forms.tsv lists the kandas forms of 2020+ (Cyrillic and Latin spellings)" sh -c "
  awk -F'\t' '\$1==\"kandas\" && \$2>=2020' '$TMP/o/forms.tsv' | cut -f4 | grep -q '^qandas' "
check "keyness.tsv has G2, log-ratio and p" sh -c "head -1 '$TMP/o/keyness.tsv' | grep -q 'g2.*log_ratio.*p_value'"
check "vocab.tsv has stems that join otandas forms" sh -c "cut -f1 '$TMP/o/vocab.tsv' | grep -qx 'otandas'"
check "tf.tfidf.tsv written" test -s "$TMP/o/tf.tfidf.tsv"
check "groups/lang+year.tsv written" test -s "$TMP/o/groups/lang+year.tsv"
"$PIPELINE" run --corpus corpus --out "$TMP/old" --quiet --period year 2>/dev/null
mkdir -p "$TMP/c2"; cp -r corpus/. "$TMP/c2/"; grep -v '^kz-2024' corpus/manifest.tsv > "$TMP/c2/manifest.tsv"
"$PIPELINE" run --corpus "$TMP/c2" --out "$TMP/new" --quiet --period year 2>/dev/null
"$PIPELINE" diff "$TMP/new" "$TMP/old" > "$TMP/diff" 2>&1
check "pipeline diff names the added document" grep -q 'kz-2024-concept-ru' "$TMP/diff"
finish
