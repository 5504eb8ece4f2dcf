# 061 a manifest saved as CSV: the missing column message says that the file is not tab-separated.
mk; printf 'doc_id,path,lang\na,a.txt,ru\n' > "$C/manifest.tsv"; printf 'Кандас.\n' > "$C/a.txt"
expect_exit 2 "061 a comma-separated manifest" run
check "061 ... the CSV hint" says "pipeline: error: '$C/manifest.tsv':1: missing required column 'doc_id': the header has no tab but has commas, so the file looks like CSV; save it as tab-separated text (TSV)"
printf 'doc_id;path;lang\na;a.txt;ru\n' > "$C/manifest.tsv"
expect_exit 2 "061 a semicolon-separated manifest (a spreadsheet's CSV in some locales)" run
check "061 ... the CSV hint" says "pipeline: error: '$C/manifest.tsv':1: missing required column 'doc_id': the header has no tab but has semicolons, so the file looks like CSV; save it as tab-separated text (TSV)"
