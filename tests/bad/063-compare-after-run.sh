# 063 what only the data can tell: every document of a compared group is skipped, so the group has no words.
# The comparison would read as "no difference"; the run fails (exit 2) after reading and replaces nothing.
two; rm -rf "$O"
expect_exit 0 "063 a previous output" run --compare country=KZ:country=UZ
cp "$O/keyness.tsv" "$TMP/k0"
printf '\211PNG\r\n\032\n' > "$C/b.txt"
expect_exit 2 "063 group b's only document is now a PNG" run --compare country=KZ:country=UZ
check "063 ... says which group and why" says "pipeline: error: --compare: group b (country=UZ) has no words: each of its documents was skipped or empty (see docs.tsv status); a comparison with it would read as 'no difference'"
check "063 ... the previous output is untouched" cmp -s "$O/keyness.tsv" "$TMP/k0"
