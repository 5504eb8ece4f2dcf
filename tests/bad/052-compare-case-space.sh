# 052 case and white space in --compare: values are matched exactly, case included (KZ and kz could be two
# groups), with the other-case value suggested; white space around keys and values is ignored.
two; rm -rf "$O"
expect_exit 2 "052 --compare country=kz:country=uz" run --compare country=kz:country=uz
check "052 ... did you mean KZ (matched with their case)" says "pipeline run: error: --compare country=kz: no document has country 'kz' in '$C/manifest.tsv' (values: KZ, UZ); did you mean 'KZ'? (values are matched with their case)"
expect_exit 0 "052 ' country = KZ : country=UZ ' (white space)" run --compare ' country = KZ : country=UZ '
check "052 ... run.json records the trimmed comparison" grep -q '"compare": "country=KZ:country=UZ"' "$O/run.json"
check "052 ... keyness.tsv has counts for both" sh -c "awk -F'\t' 'NR > 1 && \$2 > 0 && \$3 > 0' '$O/keyness.tsv' | grep -q ."
