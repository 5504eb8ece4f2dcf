# 053 --group-by naming a column the manifest lacks, or one empty in every row: exit 2. Before, groups/doc_typ.tsv
# was written with one empty key.
two; rm -rf "$O"
expect_exit 2 "053 --group-by doc_typ" run --group-by doc_typ
check "053 ... did you mean" says "pipeline run: error: --group-by: no column 'doc_typ' in '$C/manifest.tsv' (columns: doc_id, path, lang, country, date, doc_type, encoding, year); did you mean 'doc_type'?"
check "053 ... nothing is written" test ! -e "$O"
expect_exit 2 "053 --group-by encoding (empty in every row)" run --group-by encoding
check "053 ... says so" says "pipeline run: error: --group-by: column 'encoding' is empty in every row of '$C/manifest.tsv'"
expect_exit 0 "053 --group-by 'country, year' (white space after the comma)" run --group-by 'country, year'
check "053 ... groups/country+year.tsv" test -f "$O/groups/country+year.tsv"
