# 054 --period: a misspelt kind gets a suggestion; a manifest without dates cannot make a series.
two; rm -rf "$O"
expect_exit 2 "054 --period yaer" run --period yaer
check "054 ... did you mean year" says "pipeline run: error: --period 'yaer': want year, 5y or increasing break years (1991,2000,2020); did you mean 'year'?"
printf 'doc_id\tpath\tlang\na\ta.txt\tru\n' > "$C/manifest.tsv"
expect_exit 2 "054 --period year without a date column" run --period year
check "054 ... says what to add" says "pipeline run: error: --period: '$C/manifest.tsv' has no 'date' column (nor 'year'): add the documents' dates (YYYY or YYYY-MM-DD)"
printf 'doc_id\tpath\tlang\tdate\na\ta.txt\tru\t\n' > "$C/manifest.tsv"
expect_exit 2 "054 --period year with every date empty" run --period year
check "054 ... says so" says "pipeline run: error: --period: no document has a year: the 'date' column of '$C/manifest.tsv' is empty (write YYYY or YYYY-MM-DD)"
