# t100: `pipeline run` on the bundled corpus writes every file of outputs.md, with the hand-verified counts of
# tests/expected/bundled-tf.tsv, deterministically (jobs 1 vs 2, shuffled manifest).
. tests/cli/lib.sh
out=$TMP/out1
expect_exit 0 "run on corpus/" "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$out" --jobs 2 --quiet
for f in docs.tsv concepts.tsv tf.mtx tf.tsv cooc.window5.mtx cooc.window5.tsv cooc.sentence.mtx cooc.sentence.tsv \
         cooc.document.mtx cooc.document.tsv groups/country.tsv groups/country+year.tsv hits.tsv run.json; do
  check "writes $f" test -s "$out/$f"
done
check "docs.tsv has a row per document" test "$(($(wc -l < "$out/docs.tsv") - 1))" -eq "$(($(wc -l < corpus/manifest.tsv) - 1))"
check "every document ok" sh -c "awk -F'\t' 'NR==1{for(i=1;i<=NF;i++) if(\$i==\"status\") s=i; next} \$s!=\"ok\"{print; bad=1} END{exit bad}' '$out/docs.tsv'"
# The spec's concept IDs: tests/expected/spec-concepts.txt (bundled, so the hand-verified counts run without
# ../shared), checked against ../shared/spec/concepts.tsv when that is there.
grep -v '^#' tests/expected/spec-concepts.txt > "$TMP/spec_concepts"
if [ -f "$SHARED/spec/concepts.tsv" ]; then
  grep -v '^#' "$SHARED/spec/concepts.tsv" | tail -n +2 | cut -f1 | sort > "$TMP/shared_concepts"
  check "tests/expected/spec-concepts.txt lists the concepts of ../shared/spec/concepts.tsv" cmp -s "$TMP/spec_concepts" "$TMP/shared_concepts"
else
  skip_shared "no $SHARED/spec/concepts.tsv: the bundled concept list is not compared with the spec"
fi
check "concepts.tsv has every concept of the spec" sh -c "
  cut -f1 '$out/concepts.tsv' | sort > '$TMP/have'
  [ -z \"\$(comm -13 '$TMP/have' '$TMP/spec_concepts')\" ]"
check "tf.mtx header and size line" sh -c "head -1 '$out/tf.mtx' | grep -q '^%%MatrixMarket matrix coordinate integer general'"
check "cooc mtx is symmetric lower triangle" sh -c "head -1 '$out/cooc.sentence.mtx' | grep -q 'integer symmetric' &&
  awk '!/^%/ {if (n++ && \$1 < \$2) exit 1}' '$out/cooc.sentence.mtx'"

# Hand-verified counts: for each document listed, every concept of the spec's concepts.tsv has exactly the
# expected count (0 when not listed).
awk -F'\t' -v spec="$TMP/spec_concepts" '
    BEGIN { while ((getline c < spec) > 0) isspec[c] = 1 }
    FNR == 1 { next }
    FILENAME ~ /bundled-tf/ { want[$1 "\t" $2] = $3; docs[$1] = 1; next }
    { if (($1 in docs) && ($2 in isspec)) got[$1 "\t" $2] = $3 }
    END {
      for (k in want) if (got[k] + 0 != want[k] + 0) { printf "# %s: expected %s, got %s\n", k, want[k], got[k] + 0; bad++ }
      for (k in got) if (!(k in want)) { printf "# %s: expected 0, got %s\n", k, got[k]; bad++ }
      exit bad > 0 }' tests/expected/bundled-tf.tsv "$out/tf.tsv" > "$TMP/cmp" 2>&1
if [ $? -eq 0 ]; then ok "counts match tests/expected/bundled-tf.tsv"; else notok "counts match tests/expected/bundled-tf.tsv"; cat "$TMP/cmp"; fi

# Determinism: one job, and a manifest in another row order, give byte-identical files.
expect_exit 0 "run with --jobs 1" "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out2" --jobs 1 --quiet
check "jobs 1 == jobs 2" same_outputs "$out" "$TMP/out2"
# the records merged by the main thread (a spare core) or by the workers: the same outputs, with either
expect_exit 0 "run with --jobs 2, TT_MERGE=main" env TT_MERGE=main "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out9" --jobs 2 --quiet
check "merged by the main thread == by the workers" same_outputs "$out" "$TMP/out9"
expect_exit 0 "run with --jobs 1, TT_MERGE=workers" env TT_MERGE=workers "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out10" --jobs 1 --quiet
check "one worker that merges == jobs 2" same_outputs "$out" "$TMP/out10"
# three workers sharing what they normalized and resolved (tt/smap.h, TT_SHARE=on), and each on its own
expect_exit 0 "run with --jobs 3, TT_SHARE=on" env TT_SHARE=on TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out4" --jobs 3 --quiet --vocab
expect_exit 0 "run with --jobs 3, TT_SHARE=off" env TT_SHARE=off TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out5" --jobs 3 --quiet --vocab
check "shared maps or none: the same outputs" same_outputs "$TMP/out4" "$TMP/out5"
check "--jobs 3 with TT_OVERSUBSCRIBE=1: three workers (run.json execution.jobs)" grep -q '"jobs": 3,' "$TMP/out4/run.json"
# the passes of literal rules as tables of our own (norm_map.c), or all through ICU: the same outputs
expect_exit 0 "run with TT_TRANSLIT=icu" env TT_TRANSLIT=icu TT_SHARE=off TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out8" --jobs 3 --quiet --vocab
check "transliteration tables or ICU: the same outputs (vocab.tsv too)" same_outputs "$TMP/out5" "$TMP/out8"
# the workers' heaps in 2 MiB pages (tt/hugeheap.h) or in 4 KiB ones: the same outputs; run.json says which
expect_exit 0 "run with TT_HUGEPAGES=off" env TT_HUGEPAGES=off TT_SHARE=off TT_OVERSUBSCRIBE=1 "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out11" --jobs 3 --quiet --vocab
check "huge pages or none: the same outputs (vocab.tsv too)" same_outputs "$TMP/out5" "$TMP/out11"
check "TT_HUGEPAGES=off: run.json execution.huge_pages says so" grep -q '"huge_pages": "off (TT_HUGEPAGES=off)"' "$TMP/out11/run.json"
# at most one worker per core this process may use: --jobs 64 runs with as many workers as cores
cores=$(nproc 2>/dev/null || echo 0)
expect_exit 0 "run with --jobs 64" "$PIPELINE" run --corpus corpus --lexicon lexicons/diaspora --out "$TMP/out6" --jobs 64 --quiet
check "--jobs 64 on $cores cores: $cores workers (run.json execution.jobs)" grep -q "\"jobs\": $cores," "$TMP/out6/run.json"
if command -v taskset > /dev/null && taskset -c 0 true 2> /dev/null; then
  expect_exit 0 "run pinned to one core (taskset -c 0), default --jobs" taskset -c 0 "$PIPELINE" run --corpus corpus \
    --lexicon lexicons/diaspora --out "$TMP/out7" --quiet
  check "pinned to one core: one worker (the CPU affinity, not the machine's cores)" grep -q '"jobs": 1,' "$TMP/out7/run.json"
  check "one worker, jobs 64: the same outputs" same_outputs "$TMP/out6" "$TMP/out7"
else
  skip "taskset is not available: the affinity cap is not checked"
fi
mkdir -p "$TMP/shuf"; cp -r corpus/. "$TMP/shuf/"
{ head -1 corpus/manifest.tsv; tail -n +2 corpus/manifest.tsv | sort -r; } > "$TMP/shuf/manifest.tsv"
"$PIPELINE" run --corpus "$TMP/shuf" --lexicon lexicons/diaspora --out "$TMP/out3" --quiet 2>/dev/null
sed -i '/"corpus"/d; /manifest_sha256/d' "$TMP/out3/run.json" 2>/dev/null
cp "$out/run.json" "$TMP/run1.json"; sed -i '/"corpus"/d; /manifest_sha256/d' "$out/run.json"
check "manifest row order does not matter" same_outputs "$out" "$TMP/out3"
cp "$TMP/run1.json" "$out/run.json"

# KWIC shows every hit.
"$PIPELINE" kwic --out "$out" --concept compatriot > "$TMP/kwic" 2>/dev/null
check "kwic prints one line per compatriot hit" test "$(wc -l < "$TMP/kwic")" -eq "$(awk -F'\t' '$2=="compatriot"' "$out/hits.tsv" | wc -l)"
check "kwic lines show the hit in brackets" grep -q '\[' "$TMP/kwic"
finish
