# t160: the bundled corpus's documented oralman -> kandas change (the 2020 amendment) shows in series.tsv and
# forms.tsv; keyness, weights, vocabulary and diff run on it. Format 2 (outputs.md "Additions"): series.tsv by
# the --group-by keys with every period, forms.tsv as written, keyness.tsv naming its groups, with term rows.
. tests/cli/lib.sh
expect_exit 0 "run with --period year --compare --vocab --weight" "$PIPELINE" run --corpus corpus --out "$TMP/o" --quiet \
  --period year --compare country=KZ:country=UZ --vocab --stem --weight relative,tfidf,boolean --group-by lang,year
s=$TMP/o/series.tsv f=$TMP/o/forms.tsv k=$TMP/o/keyness.tsv
# by column name (outputs.md: join on names, never positions): cols FILE NAME... prints those columns, tab-joined
cols() { file=$1; shift; awk -F'\t' -v want="$*" 'NR == 1 { n = split(want, w, " "); for (i = 1; i <= NF; i++) c[$i] = i; next }
  { line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? "\t" : "") $(c[w[j]]); print line }' "$file"; }
# series.tsv (format 2): concept_id, the series keys (country and the first --group-by's keys but year: lang), period
check "series.tsv has the series keys country and lang, then period" sh -c "head -1 '$s' | grep -qx 'concept_id	country	lang	period	count	tokens	per_10k'"
sum() { cols "$s" concept_id country period count | awk -F'\t' -v c="$1" -v lo="$2" -v hi="$3" '$1==c && $2=="KZ" && $3>=lo && $3<=hi {n+=$4} END{print n+0}'; }
check "oralman is used in Kazakhstan before 2020" test "$(sum oralman 1990 2019)" -gt 0
check "kandas is never used in Kazakhstan before 2020" test "$(sum kandas 1990 2019)" -eq 0
check "kandas is used from 2020 on" test "$(sum kandas 2020 2030)" -gt 0
check "after the 2020 amendment, oralman only appears in 2020 itself" test "$(sum oralman 2021 2030)" -eq 0
years=$(cols "$s" period | sort -u | tr '\n' ' ')
first=$(cols "$s" period | sort -n | head -1) last=$(cols "$s" period | sort -n | tail -1)
check "series.tsv lists every year from the first to the last ($first-$last), zeros included" \
  test "$years" = "$(seq "$first" "$last" | tr '\n' ' ')"
check "... every (concept, country, lang) has every year" sh -c "test \"\$(cut -f1-3 '$s' | sed 1d | sort | uniq -c | awk '{print \$1}' | sort -u)\" = $((last - first + 1))"
# forms.tsv (format 2): period, keys, concept_id, form (as written, in its own script), match_form, count, documents
check "forms.tsv header" sh -c "head -1 '$f' | grep -qx 'period	country	lang	concept_id	form	match_form	count	documents'"
kk_kandas_cyrillic() { cols "$f" period lang concept_id form | awk -F'\t' '$1>=2020 && $2=="kk" && $3=="kandas"' | cut -f4 | grep -q '^[Ққ]андас'; }
kandas_latin_match() { cols "$f" concept_id match_form | awk -F'\t' '$1=="kandas"' | cut -f2 | grep -q '^qandas'; }
counts_ok() { cols "$f" count documents | awk -F'\t' '$1 < $2 || $2 < 1 { bad = 1 } END { exit bad }'; }
groups_named() { cols "$k" group_a group_b | sort -u | grep -qx 'country=KZ	country=UZ'; }
concept_rows() { cols "$k" concept_id term | awk -F'\t' '$1 != "" && $2 == ""' | grep -q .; }
term_rows() { cols "$k" concept_id term | awk -F'\t' '$1 == "" && $2 != ""' | grep -q .; }
check "forms.tsv: the kandas forms of 2020+ as written, in Cyrillic (kk)" kk_kandas_cyrillic
check "... and their Latin match forms" kandas_latin_match
check "... with counts and documents" counts_ok
# keyness.tsv (format 2): which group is a and which b, concept rows then term rows (with --vocab)
check "keyness.tsv names the groups" groups_named
check "keyness.tsv has concept rows" concept_rows
check "keyness.tsv has term rows (the vocabulary)" term_rows
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
