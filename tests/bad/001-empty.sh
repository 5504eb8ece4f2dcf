# 001 empty file: skipped (exit 3) with "empty document", counted nowhere, the other documents are counted.
mk
printf 'Статья 1. Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ru
: > "$C/e.txt"; add e e.txt ru
expect_exit 3 "001 an empty file is skipped and the run finishes" run
check "001 ... stderr names the doc_id, the path and the reason" \
  says "pipeline: warning: document 'e' skipped: '$C/e.txt': empty document: no words in 0 bytes of text"
check "001 ... docs.tsv status" has_status e "skipped: empty document: no words in 0 bytes of text"
check "001 ... bytes 0, tokens 0" test "$(col e bytes) $(col e tokens)" = "0 0"
check "001 ... no counts for it" sh -c "! awk -F'\t' '\$1 == \"e\"' '$O/tf.tsv' | grep -q ."
check "001 ... the good document is counted" sh -c "awk -F'\t' '\$1 == \"ok\" && \$2 == \"compatriot\"' '$O/tf.tsv' | grep -q ."
check "001 ... run.json lists it as skipped" grep -q '"skipped": 1' "$O/run.json"
