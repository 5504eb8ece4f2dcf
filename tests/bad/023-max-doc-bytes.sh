# 023 the document-size limit (--max-doc-bytes, default none): a larger document is skipped naming the limit
# and the option; one at the limit passes.
mk
printf 'Статья 1. Соотечественники.\n' > "$C/a.txt"; add a a.txt ru
printf 'Diaspora.\n' > "$C/b.txt"; add b b.txt en
expect_exit 3 "023 --max-doc-bytes 20" run --max-doc-bytes 20
check "023 ... names the limit and the option" says "pipeline: warning: document 'a' skipped: '$C/a.txt': document larger than 20 bytes (--max-doc-bytes)"
check "023 ... a small one passes" has_status b ok
expect_exit 0 "023 --max-doc-bytes 1000: both pass" run --max-doc-bytes 1000
