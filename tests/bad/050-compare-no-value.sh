# 050 --compare naming a value no document has (issue 13): refused before any document is read (exit 2), listing
# the values that exist; a previous output stays as it was. Before, keyness.tsv was all zeros with p = 1.
law="$SHARED/corpus/kz-law/migration-law-2011-ru-2021-06-29.md"
two() { # two documents: KZ 2011 and UZ 2012, a real sentence of the 2021 migration law when ../shared has it
  rm -rf "$C"; mkdir -p "$C"; printf 'doc_id\tpath\tlang\tcountry\tdate\tdoc_type\tencoding\n' > "$C/manifest.tsv"
  if [ -f "$law" ]; then sed -n 68p "$law" > "$C/a.txt"; else printf 'Кандас – этнический казах.\n' > "$C/a.txt"; fi
  cp "$C/a.txt" "$C/b.txt"
  printf 'a\ta.txt\tru\tKZ\t2011\tlaw\t\nb\tb.txt\tru\tUZ\t2012\tdecree\t\n' >> "$C/manifest.tsv"
}
two; rm -rf "$O"
expect_exit 2 "050 --compare country=KZ:country=TJ (no TJ)" run --compare country=KZ:country=TJ
check "050 ... lists the values" says "pipeline run: error: --compare country=TJ: no document has country 'TJ' in '$C/manifest.tsv' (values: KZ, UZ)"
check "050 ... nothing is written" test ! -e "$O"
expect_exit 0 "050 a previous output" run --compare country=KZ:country=UZ
cp "$O/keyness.tsv" "$TMP/k0"
expect_exit 2 "050 the same mistake over it" run --compare country=KZ:country=TJ
check "050 ... leaves it untouched" cmp -s "$O/keyness.tsv" "$TMP/k0"
