# t175: collocates.tsv and newterms.tsv on a corpus with planted answers, built from real Kazakh sentences
# (../shared/corpus/kaznerd, read in place): 2,400 sentences in eight documents, four of 2019 and four of 2021.
# Planted: the word «краудфандинг», in 60 sentences of the 2021 documents only (its frame sentence stands in
# the 2019 documents with another word, so only it rises); the word «мекендес», always right before a form of
# the concept word отандас (compatriot), in 80 sentences of both periods. Checked: краудфандинг is the first row
# of 2021 in newterms.tsv and мекендес the first collocate of compatriot, both shown as written (Cyrillic);
# no stop word among compatriot's ten best collocates; the same files whatever --jobs and piece size; and,
# with python3 + numpy + scipy, every collocates row recomputed independently from the tokens
# (tests/tools/collocates_check.py).
. tests/cli/lib.sh
K=$SHARED/corpus/kaznerd/sentences_test.txt
if [ ! -r "$K" ]; then
  skip_shared "$K not found (../shared/corpus): no planted-answer corpus"
  finish; exit
fi
C=$TMP/c
mkdir -p "$C"
printf 'doc_id\tpath\tlang\tcountry\tdate\n' > "$C/manifest.tsv"
frames="Біз мекендес отандастарымызға көмектесеміз .
Ауылда мекендес отандастарымыз тұрады .
Олар мекендес отандастарымыздың құқықтарын қорғайды .
Жыл сайын мекендес отандастарымыз жиналады ."
for i in 1 2 3 4 5 6 7 8; do
  year=2019; [ $i -gt 4 ] && year=2021
  word=демеушілер; [ $year = 2021 ] && word=краудфандинг
  from=$(( (i - 1) * 300 + 1 )) to=$(( i * 300 ))
  {
    sed -n "${from},${to}p" "$K" | awk -v w="$word" -v frames="$frames" '
      BEGIN { nf = split(frames, f, "\n") }
      { print }
      NR % 20 == 0 { print "Жоба " w " арқылы іске асты ." }
      NR % 30 == 0 { print f[(NR / 30) % nf + 1] }'
  } > "$C/d$i.txt"
  printf 'd%s\td%s.txt\tkk\tKZ\t%s-03-01\n' $i $i $year >> "$C/manifest.tsv"
done
check "the 2019 documents do not have the planted new word" sh -c "! cat '$C'/d[1-4].txt | grep -q краудфандинг"
check "the real sentences do not have the planted collocate" sh -c "! grep -qi мекендес '$K'"
run() { "$PIPELINE" run --corpus "$C" --lexicon lexicons/diaspora --vocab --period year --quiet "$@"; }
expect_exit 0 "run with --vocab --period year --collocates window5,sentence" run --out "$TMP/o" \
  --collocates window5,sentence
N=$TMP/o/newterms.tsv L=$TMP/o/collocates.tsv
check "newterms.tsv header as specified" sh -c "head -1 '$N' | grep -qx 'period	country	term	form	count	prev_count	log_ratio	g2	p_value'"
check "collocates.tsv header as specified" sh -c "head -1 '$L' |
  grep -qx 'concept_id	term	form	context	cooc	concept_freq	term_freq	log_dice	mi	g2	t_score'"
check "краудфандинг is the first new term of 2021, shown as written" sh -c "
  awk -F'\t' '\$1 == 2021' '$N' | head -1 | cut -f1,2,4,5,6 | grep -qx '2021	KZ	краудфандинг	60	0'"
check "no term that a lexicon entry matches is a new term (отандас forms)" sh -c "! cut -f3 '$N' | grep -q '^otandas'"
awk -F'\t' '$1 == "compatriot" && $4 == "window5"' "$L" > "$TMP/cw"
check "мекендес is compatriot's first collocate (window5), shown as written, 80 times" sh -c "
  head -1 '$TMP/cw' | cut -f3,5 | grep -qx 'мекендес	80'"
check "... and first in sentences too" sh -c "awk -F'\t' '\$1 == \"compatriot\" && \$4 == \"sentence\"' '$L' |
  head -1 | cut -f3 | grep -qx мекендес"
# stop words: the terms --vocab-stop removes from the vocabulary
expect_exit 0 "run with --vocab-stop" run --out "$TMP/s" --vocab-stop
cut -f1 "$TMP/o/vocab.tsv" | sort > "$TMP/v1"; cut -f1 "$TMP/s/vocab.tsv" | sort > "$TMP/v2"
comm -23 "$TMP/v1" "$TMP/v2" > "$TMP/stopterms"
check "the stop list removes words from the vocabulary (мен, және, осы ...)" sh -c "
  grep -qx men '$TMP/stopterms' && grep -qx jäne '$TMP/stopterms' && grep -qx osy '$TMP/stopterms'"
for ctx in window5 sentence; do
  awk -F'\t' -v c=$ctx '$1 == "compatriot" && $4 == c' "$L" | head -10 | cut -f2 > "$TMP/top"
  check "compatriot's ten best $ctx collocates have no stop word" sh -c "
    [ \$(wc -l < '$TMP/top') -eq 10 ] && ! grep -qxF -f '$TMP/stopterms' '$TMP/top'"
done
check "vocab.tsv shows each term as written (form column)" sh -c "grep -q '^mekendes	.*	мекендес\$' '$TMP/o/vocab.tsv'"
# by group: one group (all KZ) gives the ungrouped rows with the key in front; on the bundled corpus (KZ and
# UZ) the groups' cooc add up to the ungrouped one, pair by pair
expect_exit 0 "run with --collocates-by country" run --out "$TMP/g" --collocates window5,sentence --collocates-by country
check "collocates.country.tsv = KZ + collocates.tsv when every document is KZ" sh -c "
  tail -n +2 '$L' | sed 's/^/KZ	/' > '$TMP/gexp'; tail -n +2 '$TMP/g/collocates.country.tsv' | cmp - '$TMP/gexp'"
check "collocates.country.tsv header: country, then the columns of collocates.tsv" sh -c "
  head -1 '$TMP/g/collocates.country.tsv' | grep -qx 'country	concept_id	term	form	context	cooc	concept_freq	term_freq	log_dice	mi	g2	t_score'"
expect_exit 0 "bundled corpus with --collocates-by country --coll-min 1" "$PIPELINE" run --corpus corpus \
  --lexicon lexicons/diaspora --out "$TMP/b" --quiet --vocab --coll-min 1 --collocates window5,sentence --collocates-by country
check "the bundled corpus has collocates in both countries (KZ, UZ)" sh -c "
  test \"\$(tail -n +2 '$TMP/b/collocates.country.tsv' | cut -f1 | sort -u | tr '\n' ' ')\" = 'KZ UZ '"
check "per pair, the countries' cooc add up to collocates.tsv's" sh -c "
  tail -n +2 '$TMP/b/collocates.country.tsv' | awk -F'	' '{s[\$2 FS \$3 FS \$5] += \$6} END {for (k in s) print k FS s[k]}' |
    sort > '$TMP/bs'; tail -n +2 '$TMP/b/collocates.tsv' | cut -f1,2,4,5 | sort > '$TMP/bu'; cmp '$TMP/bs' '$TMP/bu'"
# the same result whatever the threads and however the text is cut into pieces
export TT_OVERSUBSCRIBE=1 # three workers even on fewer cores
expect_exit 0 "run with --jobs 3" run --out "$TMP/j" --jobs 3 --collocates window5,sentence
unset TT_OVERSUBSCRIBE
check "collocates.tsv, newterms.tsv, vocab.tsv identical with --jobs 3" sh -c "
  cmp '$L' '$TMP/j/collocates.tsv' && cmp '$N' '$TMP/j/newterms.tsv' && cmp '$TMP/o/vocab.tsv' '$TMP/j/vocab.tsv'"
expect_exit 0 "run with 4 KiB pieces (TT_PIECE_SIZE)" env TT_PIECE_SIZE=4096 "$PIPELINE" run --corpus "$C" \
  --lexicon lexicons/diaspora --vocab --period year --quiet --out "$TMP/p" --collocates window5,sentence
expect_exit 0 "run with whole pieces" run --out "$TMP/q" --collocates window5,sentence
check "collocates.tsv identical with 4 KiB pieces (windows and sentences across piece ends)" \
  cmp "$TMP/q/collocates.tsv" "$TMP/p/collocates.tsv"
# an independent computation
PY=
for p in /usr/bin/python3 python3; do
  if "$p" -c 'import numpy, scipy' 2> /dev/null; then PY=$p; break; fi
done
if [ -n "$PY" ]; then
  expect_exit 0 "run with --coll-min 1 for the cross-check" run --out "$TMP/x" --coll-min 1 --collocates window5,sentence
  "$BIN/tt-decode" --corpus "$C" | "$BIN/tt-normalize" | "$BIN/tt-tokenize" --lexicon lexicons/diaspora |
    "$BIN/tt-match" --lexicon lexicons/diaspora > "$TMP/hits"
  check "every collocates row equals python's count and measures (numpy, scipy)" \
    "$PY" tests/tools/collocates_check.py "$TMP/hits" "$TMP/x" "$TMP/stopterms"
else
  skip "python3 with numpy and scipy not found: no independent cross-check"
fi
finish
