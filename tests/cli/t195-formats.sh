# t195: the same real text (../shared/corpus, en/kk/ru/uz) given as .txt, HTML (a script, a navigation bar and a
# footer around the body, read with --html-select), DOCX (runs cut inside words, a tracked deletion, a field code),
# ODT (spans, tracked changes), Markdown (front matter) and PDF (printed by headless Chromium, several pages) counts
# the same tf and the same tokens; PDF hits carry pages; docs.tsv says the format and the page count; the real
# kz-law Markdown files fill date/version_date/title/lang from their front matter. The files are made at test
# time (tests/tools/mkformats.py, chromium --print-to-pdf); nothing of the corpus is copied into the repository.
. tests/cli/lib.sh
skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
K=$SHARED/corpus/karakalpakstan-constitution
if [ ! -d "$K" ] || [ ! -f "$SHARED/corpus/ud/kk_ktb-ud-test.txt" ]; then
  skip "no ../shared/corpus (karakalpakstan-constitution, ud): the equivalence test needs real texts"; finish; exit $?
fi
command -v python3 > /dev/null || { skip "no python3 to write the DOCX/ODT files"; finish; exit $?; }
C=$TMP/c; mkdir -p "$C"
# ~14 KB of each language, cut at a line end
head -c 14000 "$K/constitution-karakalpakstan.en.txt" | sed '$d' > "$C/en.txt"
head -c 14000 "$K/constitution-karakalpakstan.ru.txt" | sed '$d' > "$C/ru.txt"
head -c 14000 "$K/constitution-karakalpakstan.uz-latn.txt" | sed '$d' > "$C/uz.txt"
head -c 14000 "$SHARED/corpus/ud/kk_ktb-ud-test.txt" | sed '$d' > "$C/kk.txt"
fmts="txt html docx odt md"
for l in en kk ru uz; do python3 tests/tools/mkformats.py "$C/$l.txt" "$C/$l" "$l" || notok "mkformats.py $l"; done
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ]; then
  for l in en kk ru uz; do
    timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
      --print-to-pdf="$C/$l.pdf" "$C/$l.print.html" > /dev/null 2>&1
  done
  if [ -s "$C/en.pdf" ]; then fmts="$fmts pdf"; else skip "chromium wrote no PDF"; fi
else
  skip "no chromium: the PDF part of the equivalence is not checked"
fi
# file names say nothing: every document is *.bin, the readers go by the bytes
printf 'doc_id\tpath\tlang\thtml_select\tdate\n' > "$C/manifest.tsv"
for l in en kk ru uz; do
  for f in $fmts; do
    cp "$C/$l.$f" "$C/$l-$f.bin"
    sel=; [ "$f" = html ] && sel="//div[@id='content']"
    printf '%s\t%s\t%s\t%s\t\n' "$l-$f" "$l-$f.bin" "$l" "$sel" >> "$C/manifest.tsv"
  done
done
expect_exit 0 "run over $(echo $fmts | wc -w) formats x 4 languages" "$PIPELINE" run --corpus "$C" --out "$TMP/o" --quiet
# tf per (language, concept) for each format: all columns equal the txt one
awk -F'\t' 'NR>1{ i=index($1,"-"); l=substr($1,1,i-1); f=substr($1,i+1); v[l"\t"$2"\t"f]=$3; k[l"\t"$2]=1 }
  END{ for (x in k) { printf "%s", x; n=split(F, fs, " "); for (j=1;j<=n;j++) printf "\t%s", v[x"\t"fs[j]]+0; print "" } }' \
  F="$fmts" "$TMP/o/tf.tsv" | sort > "$TMP/tf"
check "every language has counted concepts (the test is not vacuous)" sh -c "test \$(cut -f1 '$TMP/tf' | sort -u | wc -l) -eq 4"
check "the same tf in every format (txt = $fmts)" awk -F'\t' '{for(i=4;i<=NF;i++) if($i!=$3){print "# differs: " $0; bad=1}} END{exit bad}' "$TMP/tf"
check "the same number of tokens in every format" sh -c "
  awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) h[\$i]=i; next} {l=substr(\$1,1,2); if(!(l in t)) t[l]=\$h[\"tokens\"]; else if(t[l]!=\$h[\"tokens\"]) bad=1} END{exit bad}' '$TMP/o/docs.tsv'"
check "navigation, script, footer, tracked deletions, field codes and the front matter are not text (no 'diaspora')" \
  sh -c "! grep -q 'diaspora' '$TMP/o/tf.tsv'"
col() { awk -F'\t' -v c="$1" -v d="$2" 'NR==1{for(i=1;i<=NF;i++) h[$i]=i; next} $1==d{print $h[c]}' "$TMP/o/docs.tsv"; }
check "docs.tsv format: html, docx, odt, md read by their bytes" sh -c "
  test '$(col format en-html)$(col format en-docx)$(col format en-odt)$(col format ru-md)$(col format kk-txt)' = htmldocxodtmdtxt"
check "the front matter fills the empty date column; other formats leave it empty" test "$(col date uz-md)|$(col date uz-txt)" = "2011-07-22|"
if echo "$fmts" | grep -q pdf; then
  check "docs.tsv page_count of a PDF is several pages" test "$(col page_count en-pdf)" -ge 3
  check "page_count is empty for formats without pages" test -z "$(col page_count en-docx)"
  check "every PDF hit has a page, within page_count, in order" sh -c "
    awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) h[\$i]=i; next} \$1 ~ /-pdf\$/ { p=\$h[\"page\"]; if (p==\"\" || p<1 || p<last[\$1]) bad=1; last[\$1]=p; if (p>1) late=1 }
      END{exit bad || !late}' '$TMP/o/hits.tsv'"
  check "hits of other formats have no page" sh -c "
    awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) h[\$i]=i; next} \$1 !~ /-pdf\$/ && \$h[\"page\"]!=\"\" {bad=1} END{exit bad}' '$TMP/o/hits.tsv'"
  # the stage programs chain to the same result (pages included)
  B=$BIN
  "$B/tt-decode" --corpus "$C" | "$B/tt-normalize" | "$B/tt-tokenize" --lexicon lexicons/diaspora |
    "$B/tt-match" --lexicon lexicons/diaspora | "$B/tt-count" --lexicon lexicons/diaspora |
    "$B/tt-export" --lexicon lexicons/diaspora --out "$TMP/chain" 2> "$TMP/chain.err"
  check "stage chain == pipeline run: hits.tsv (pages) and docs.tsv" sh -c "cmp '$TMP/o/hits.tsv' '$TMP/chain/hits.tsv' && cmp '$TMP/o/docs.tsv' '$TMP/chain/docs.tsv'"
fi
# the real Kazakh act in Markdown (kazakhstan-law/codes): front matter -> manifest columns, never text
L=$SHARED/corpus/kz-law
if [ -f "$L/migration-law-2011-ru-2019-01-01.md" ]; then
  mkdir -p "$TMP/law"
  cp "$L"/migration-law-2011-ru-*.md "$TMP/law/"
  printf 'doc_id\tpath\tlang\tdate\tversion_date\ttitle\n' > "$TMP/law/manifest.tsv"
  printf 'v2019\tmigration-law-2011-ru-2019-01-01.md\tru\t\t\t\nv2021\tmigration-law-2011-ru-2021-06-29.md\tru\t\t\tmy title\n' >> "$TMP/law/manifest.tsv"
  expect_exit 0 "run over the two kz-law versions" "$PIPELINE" run --corpus "$TMP/law" --out "$TMP/lo" --quiet
  lcol() { awk -F'\t' -v c="$1" -v d="$2" 'NR==1{for(i=1;i<=NF;i++) h[$i]=i; next} $1==d{print $h[c]}' "$TMP/lo/docs.tsv"; }
  check "approval_date -> date, version_date -> version_date" test "$(lcol date v2019) $(lcol version_date v2019) $(lcol version_date v2021)" = "2011-07-22 2019-01-01 2021-06-29"
  check "title from the front matter; a title in the manifest wins" test "$(lcol title v2019)|$(lcol title v2021)" = "О миграции населения|my title"
  check "no markup in the text: no '#', '>', '*' or '<a' in a KWIC line" sh -c "! cut -f9,10 '$TMP/lo/hits.tsv' | grep -q '[#>*]\|<a '"
  check "oralman counted in the 2019 version (162 occurrences by grep; 2021: only in notes and repealed headings)" \
    sh -c "awk -F'\t' '\$1==\"v2019\" && \$2==\"oralman\" {n=\$3} END{exit !(n>=150)}' '$TMP/lo/tf.tsv'"
  check "the text starts with the title heading, not with the front matter or '#'" sh -c "
    '$BIN/tt-decode' '$L/migration-law-2011-ru-2019-01-01.md' | sed -n '/^text/{n;p;q}' | grep -qx 'О миграции населения'"
else
  skip "no ../shared/corpus/kz-law: the front matter part is not checked"
fi
finish
