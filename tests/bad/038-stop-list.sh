# 038 a bad stop list or collocate context (--stop FILE, --collocates): the run stops before any document,
# naming the file (and line) or the option; nothing is written.
mk; rm -rf "$O"
printf 'Статья 1. Соотечественники.\n' > "$C/ok.txt"; add ok ok.txt ru
expect_exit 1 "038 a --stop file that does not exist" run --vocab --stop "$C/none.txt"
check "038 ... names the file and the option" says "pipeline: error: '$C/none.txt': cannot read the stop list (--stop FILE): No such file or directory"
check "038 ... and writes nothing" test ! -e "$O"
printf 'the\n# a comment\n\342\200\213\n' > "$C/stop.txt"
expect_exit 2 "038 a stop word that is only an invisible character" run --vocab --stop "$C/stop.txt"
check "038 ... names file and line" says "pipeline: error: '$C/stop.txt':3: stop word '​' has an empty match form"
printf 'the\n\377\n' > "$C/stop2.txt"
expect_exit 2 "038 a stop list that is not UTF-8" run --vocab --stop "$C/stop2.txt"
check "038 ... names file and line" says "pipeline: error: '$C/stop2.txt':2: the stop list is not UTF-8"
rm -rf "$O"
expect_exit 2 "038 --collocates with a context it does not take" run --vocab --collocates document
check "038 ... says which contexts it takes" says "pipeline run: error: --collocates takes windowN and sentence, not 'document'"
check "038 ... and writes nothing" test ! -e "$O"
expect_exit 2 "038 --collocates-by without --vocab" run --collocates-by country
check "038 ... says what it needs" says "pipeline run: error: --collocates-by applies to the vocabulary: add --vocab"
