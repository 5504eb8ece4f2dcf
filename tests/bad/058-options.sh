# 058 misspelt options and commands get the nearest; every command and stage takes -h; every message names the
# program as users call it (./pipeline: "pipeline", "pipeline run", ...).
expect_exit 2 "058 run --perod" "$PIPELINE" run --perod year
check "058 ... did you mean --period" says "pipeline run: error: unknown option '--perod'; did you mean '--period'?"
check "058 ... and where to look" says "Try 'pipeline run --help'."
expect_exit 2 "058 run --corpus without a value" "$PIPELINE" run --corpus
check "058 ... needs a value" says "pipeline run: error: option '--corpus' needs a value (--corpus VALUE)"
expect_exit 2 "058 run --quiet=yes" "$PIPELINE" run --quiet=yes
check "058 ... takes no value" says "pipeline run: error: option '--quiet' takes no value"
expect_exit 2 "058 a misspelt command" "$PIPELINE" rnu
check "058 ... did you mean run, as users call it" says "pipeline: error: unknown command 'rnu'; did you mean 'run'?"
check "058 ... Try 'pipeline --help'" says "Try 'pipeline --help'."
expect_exit 2 "058 lexicon chek" "$PIPELINE" lexicon chek x
check "058 ... did you mean check" says "pipeline lexicon: error: unknown subcommand 'chek'; did you mean 'check'? (check or explain)"
expect_exit 2 "058 a stage program alone: tt-decode --lnag" "$BIN/tt-decode" --lnag kk
check "058 ... names tt-decode" says "tt-decode: error: unknown option '--lnag'; did you mean '--lang'?"
for c in run kwic lexicon shard merge diff decode normalize tokenize match count export help; do
  expect_exit 0 "058 pipeline $c -h" "$PIPELINE" $c -h
  check "058 ... prints its usage" grep -q "^Usage: " "$TMP/out"
done
for s in decode normalize tokenize match count export; do
  expect_exit 0 "058 tt-$s -h" "$BIN/tt-$s" -h
done
# values of options that take one of a few words: the list and the nearest
expect_exit 2 "058 --overlap longst" "$PIPELINE" run --corpus corpus --out "$O" --overlap longst
check "058 ... did you mean longest" says "pipeline run: error: --overlap 'longst': want longest or all; did you mean 'longest'?"
expect_exit 2 "058 --weight tfidf,relativ" "$PIPELINE" run --corpus corpus --out "$O" --weight tfidf,relativ
check "058 ... names the bad item" says "pipeline run: error: --weight 'relativ': want raw, relative, tfidf or boolean; did you mean 'relative'?"
expect_exit 2 "058 --cooc windw5" "$PIPELINE" run --corpus corpus --out "$O" --cooc windw5,sentence
check "058 ... did you mean window5" says "pipeline run: error: --cooc: unknown co-occurrence context 'windw5'; did you mean 'window5'?"
expect_exit 2 "058 lexicon explain --lang kz" "$PIPELINE" lexicon explain kandas --lang kz
check "058 ... lists the languages" says "pipeline lexicon: error: --lang 'kz': want kk, uz, ru or en"
