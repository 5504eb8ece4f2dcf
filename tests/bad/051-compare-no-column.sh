# 051 --compare naming a column the manifest lacks: exit 2, the columns listed, the nearest suggested.
two; rm -rf "$O"
expect_exit 2 "051 --compare cuntry=KZ:country=UZ" run --compare cuntry=KZ:country=UZ
check "051 ... did you mean country" says "pipeline run: error: --compare cuntry=KZ: no column 'cuntry' in '$C/manifest.tsv' (columns: doc_id, path, lang, country, date, doc_type, encoding, year); did you mean 'country'?"
check "051 ... nothing is written" test ! -e "$O"
expect_exit 2 "051 a side that is not key=value" run --compare KZ:UZ
check "051 ... says what a side is" says "pipeline run: error: --compare: side 'KZ' is not key=value (e.g. country=KZ, or country=KZ+year=2020 for both)"
expect_exit 2 "051 both sides the same group" run --compare country=KZ:country=KZ
check "051 ... says so" says "pipeline run: error: --compare country=KZ:country=KZ: both sides are the same group"
expect_exit 2 "051 values that exist, but not together" run --compare country=KZ+year=2012:country=UZ
check "051 ... says so" says "pipeline run: error: --compare: no document meets all of 'country=KZ+year=2012' (each value exists, but not together)"
