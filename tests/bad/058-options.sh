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
