# t170: a folder of real legal texts in four languages and both scripts, without a manifest: `pipeline run`
# reads it and every detected language and script is right; `pipeline manifest` drafts the same, and the draft
# kept as manifest.tsv gives the same run. Texts are read from ../shared/corpus at test time (never copied
# into the repository): the kz-law bodies (front matter stripped), the Karakalpakstan constitution in en, ru
# (re-encoded to CP1251) and uz-Latn (gzipped), the same Uzbek text transliterated to Cyrillic here, Kazakh news
# sentences (KazNERD) and UD Kazakh sentences; plus the bundled Kazakh Latin documents (2018 and 2021
# alphabets). The Karakalpak text must come out as `und` with a warning.
. tests/cli/lib.sh
C=$TMP/laws O=$TMP/o
S=$SHARED/corpus
if [ ! -d "$S/kz-law" ] || [ ! -d "$S/karakalpakstan-constitution" ] || [ ! -d "$S/kaznerd" ] || [ ! -d "$S/ud" ]; then
  skip_shared "../shared/corpus not found (kz-law, karakalpakstan-constitution, kaznerd, ud): no real-text folder to detect"
  finish; exit
fi
rm -rf "$C" "$O"; mkdir -p "$C/kz" "$C/uz" "$C/other"
for f in "$S"/kz-law/migration-law-2011-ru-*.md; do
  awk 'BEGIN { n = 0 } /^---$/ && n < 2 { n++; next } n >= 2' "$f" > "$C/kz/$(basename "$f")"
done
K=$S/karakalpakstan-constitution
cp "$K/constitution-karakalpakstan.en.txt" "$C/uz/constitution.en.txt"
iconv -f UTF-8 -t CP1251 "$K/constitution-karakalpakstan.ru.txt" > "$C/uz/constitution.ru.txt"
gzip -c "$K/constitution-karakalpakstan.uz-latn.txt" > "$C/uz/constitution.uz-latn.txt.gz"
# Uzbek Cyrillic by the official 1995 correspondence (sh ch o' g' ya yo yu ts first, then single letters)
command -v python3 > /dev/null || skip "no python3: no Uzbek Cyrillic text made"
command -v python3 > /dev/null && python3 - "$K/constitution-karakalpakstan.uz-latn.txt" > "$C/uz/constitution.uz-cyrl.txt" <<'PY'
import sys, re
t = open(sys.argv[1], encoding='utf-8').read().replace('`', 'ʻ').replace("'", 'ʻ')
pairs = [('oʻ','ў'),('gʻ','ғ'),('sh','ш'),('ch','ч'),('yo','ё'),('yu','ю'),('ya','я'),('ye','е'),('ʻ','ъ')]
single = dict(zip('abdefghijklmnopqrstuvxyz', 'абдефгҳижклмнопқрстувхйз'))
def conv(s):
    out, i = [], 0
    while i < len(s):
        for a, b in pairs:
            if s[i:i+len(a)].lower() == a:
                out.append(b.upper() if s[i].isupper() else b); i += len(a); break
        else:
            c = s[i]; l = single.get(c.lower())
            out.append(c if l is None else (l.upper() if c.isupper() else l)); i += 1
    return ''.join(out)
sys.stdout.write(conv(t))
PY
head -200 "$S/kaznerd/sentences_test.txt" > "$C/kz/kaznerd-news.txt"
head -100 "$S/ud/kk_ktb-ud-test.txt" > "$C/kz/ud-kk.txt"
cp corpus/kz-2019-concept-kk-latn.txt corpus/kz-2022-decree-kk-latn.txt "$C/kz/"
cp "$K/constitution-karakalpakstan.kaa-cyrl.txt" "$C/other/constitution.kaa.txt"
printf 'x' > "$C/.hidden-note"

# doc_id  lang  script
cat > "$TMP/want" <<'W'
kz/kaznerd-news	kk	Cyrl
kz/kz-2019-concept-kk-latn	kk	Latn-2018
kz/kz-2022-decree-kk-latn	kk	Latn-2021
kz/migration-law-2011-ru-2019-01-01	ru	Cyrl
kz/migration-law-2011-ru-2021-06-29	ru	Cyrl
kz/ud-kk	kk	Cyrl
other/constitution	und	Cyrl
uz/constitution	en	Latn
uz/constitution.ru	ru	Cyrl
uz/constitution.uz-cyrl	uz	Cyrl
uz/constitution.uz-latn	uz	Latn
W
# the walk strips one extension: constitution.en.txt -> uz/constitution.en ... so the ids are computed, not guessed
cols() { awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } { print $c["doc_id"] "\t" $c["lang"] "\t" $c["script"] }' "$1" | sort; }
sed -i 's|^uz/constitution\ten|uz/constitution.en\ten|; s|^other/constitution\t|other/constitution.kaa\t|' "$TMP/want"
command -v python3 > /dev/null || sed -i '/uz-cyrl/d' "$TMP/want"
sort -o "$TMP/want" "$TMP/want"

expect_exit 3 "manifest: drafts a folder without manifest.tsv (exit 3: the Karakalpak text is und)" \
  "$PIPELINE" manifest "$C"
cp "$TMP/out" "$TMP/draft.tsv"; cp "$TMP/err" "$TMP/draft.err"
cols "$TMP/draft.tsv" > "$TMP/got"
check "manifest: every language and script right" sh -c "diff '$TMP/want' '$TMP/got' | sed 's/^/# /'; cmp -s '$TMP/want' '$TMP/got'"
check "manifest: the Karakalpak text is und, with a warning naming it" \
  grep -qF "constitution.kaa.txt': language not detected (und): looks like Karakalpak (kaa), not a supported language" "$TMP/draft.err"
check "manifest: hidden files are skipped" sh -c "! grep -q hidden '$TMP/draft.tsv'"
check "manifest: the CP1251 file's encoding is detected" sh -c "grep -P '^uz/constitution.ru\t' '$TMP/draft.tsv' | grep -q 'CP1251'"
check "manifest: the law's title and type come from its heading" \
  sh -c "grep -P '^kz/migration-law-2011-ru-2019-01-01\t' '$TMP/draft.tsv' | grep -qP '\tlaw\tО миграции населения\t'"
check "manifest: has the confidence and evidence columns" sh -c "head -1 '$TMP/draft.tsv' | grep -qP '\tdetected\tlang_confidence\tscript_confidence\tevidence$'"

expect_exit 0 "run: a folder without manifest.tsv runs (the und text is warned about, not skipped)" \
  "$PIPELINE" run --corpus "$C" --out "$O" --quiet
check "run: every document read (status ok)" sh -c "awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if (\$i == \"status\") s = i; next } \$s != \"ok\" { exit 1 }' '$O/docs.tsv'"
cols "$O/docs.tsv" > "$TMP/got2"
check "run: languages and scripts in docs.tsv as drafted" cmp -s "$TMP/want" "$TMP/got2"
check "run: docs.tsv names the detected fields" sh -c "grep -P '^kz/migration-law-2011-ru-2019-01-01\t' '$O/docs.tsv' | grep -qP '\tlang,script,doc_type,title,encoding\t'"

L=lexicons/diaspora
"$BIN/tt-decode" --corpus "$C" 2> /dev/null | "$BIN/tt-normalize" | "$BIN/tt-tokenize" --lexicon $L | "$BIN/tt-match" --lexicon $L |
  "$BIN/tt-count" --lexicon $L | "$BIN/tt-export" --lexicon $L --out "$TMP/chain" 2> /dev/null
check "stages alone: tt-decode --corpus reads the folder the same way (docs.tsv, tf.tsv, hits.tsv as the run)" \
  sh -c "cmp -s '$O/docs.tsv' '$TMP/chain/docs.tsv' && cmp -s '$O/tf.tsv' '$TMP/chain/tf.tsv' && cmp -s '$O/hits.tsv' '$TMP/chain/hits.tsv'"

cp "$TMP/draft.tsv" "$C/manifest.tsv"
"$PIPELINE" run --corpus "$C" --out "$TMP/o2" --quiet 2> /dev/null
check "run: the draft kept as manifest.tsv gives the same docs.tsv" cmp -s "$O/docs.tsv" "$TMP/o2/docs.tsv"
check "run: and the same counts" cmp -s "$O/tf.tsv" "$TMP/o2/tf.tsv"
rm "$C/manifest.tsv"

# a manifest that leaves fields empty gets them detected, the rest as written
printf 'doc_id\tpath\tlang\tscript\ttitle\tcountry\nlaw\tkz/migration-law-2011-ru-2021-06-29.md\t\t\t\tKZ\nen\tuz/constitution.en.txt\ten\tLatn\tMy title\tUZ\n' > "$TMP/m.tsv"
expect_exit 0 "manifest --manifest: empty cells detected" "$PIPELINE" manifest --manifest "$TMP/m.tsv" "$C"
check "manifest --manifest: filled cells kept, empty ones detected, 'detected' appended" \
  sh -c "printf 'doc_id\tpath\tlang\tscript\ttitle\tcountry\tdetected\nlaw\tkz/migration-law-2011-ru-2021-06-29.md\tru\tCyrl\tО миграции населения\tKZ\tlang,script,title\nen\tuz/constitution.en.txt\ten\tLatn\tMy title\tUZ\t\n' | cmp -s - '$TMP/out'"
finish
