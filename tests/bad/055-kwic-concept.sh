# 055 kwic --concept with an id the lexicon lacks (kurultai; the id is qurultai): exit 2 with the nearest,
# instead of "0 hits". --doc likewise.
two; rm -rf "$O"
expect_exit 0 "055 a run" run
expect_exit 2 "055 kwic --concept kurultai" "$PIPELINE" kwic --out "$O" --concept kurultai
check "055 ... did you mean qurultai" sh -c "grep -Eq \"^pipeline kwic: error: --concept 'kurultai': no such concept in '$O/concepts.tsv' \\(diaspora, .*\\); did you mean 'qurultai'\\?\\\$\" '$TMP/err'"
expect_exit 2 "055 kwic --doc c" "$PIPELINE" kwic --out "$O" --doc c
check "055 ... lists the documents" says "pipeline kwic: error: --doc 'c': no such document in '$O/docs.tsv' (a, b)"
expect_exit 0 "055 kwic --concept kandas (exists)" "$PIPELINE" kwic --out "$O" --concept kandas
