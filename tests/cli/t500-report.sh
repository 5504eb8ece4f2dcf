# t500: the report (pipeline run --report, pipeline report OUT): one self-contained page and its SVGs, the same
# bytes from both commands, refused outside a run's output folder; then in a real browser (headless
# Chromium): the script runs without an error, the numbers in the page equal the TSV files' (recomputed here
# with awk from tf.tsv and docs.tsv, by column name), and the concordance filters given in the URL work.
. tests/cli/lib.sh
command -v skip > /dev/null 2>&1 || skip() { n=$((n + 1)); echo "ok $n - # SKIP $*"; }
O=$TMP/o R=$TMP/o/report
expect_exit 0 "run the bundled corpus with --report --period year --compare" "$PIPELINE" run --corpus corpus \
  --out "$O" --quiet --period year --compare country=KZ:country=UZ --report
check "report/index.html written" test -s "$R/index.html"
check "each chart also as an SVG file" sh -c "ls '$R' | grep -qx rates-by-country.svg && ls '$R' | grep -qx keyness-concepts.svg &&
  ls '$R' | grep -qx replacement-1.svg && ls '$R' | grep -qx cooc-heatmap.svg && ls '$R' | grep -qx time-kandas.svg"
check "every inline SVG is also a file" test "$(grep -o 'data-chart="[^"]*"' "$R/index.html" | wc -l)" -eq "$(ls "$R"/*.svg | wc -l)"
check "self-contained: no src=, no link, no url(), no http" sh -c "! grep -Eiq '(src=|<link|url\\(|@import|https?://[^\"]*\"[^>]*(src|href))' '$R/index.html'"
check "no http(s) address at all outside the SVG namespace" sh -c "! grep -o 'https\\?://[^\" ]*' '$R/index.html' | grep -v '^http://www.w3.org/2000/svg$' | grep -q ."
if command -v python3 > /dev/null; then
  check "index.html parses and every SVG is well-formed XML" python3 -c "
import sys, glob, html.parser, xml.dom.minidom
html.parser.HTMLParser().feed(open('$R/index.html', encoding='utf-8').read())
for f in glob.glob('$R/*.svg'): xml.dom.minidom.parse(f)"
else
  skip "python3 absent: the SVG files are not parsed as XML"
fi
check "the oralman -> kandas replacement is found in KZ with its turn in 2020" \
  grep -q 'data-from="oralman" data-to="kandas" data-group="KZ" data-turn="2020"' "$R/index.html"
check "without JavaScript the page has every chart inline and hides no concordance line" sh -c "
  test \$(grep -c '<svg ' '$R/index.html') -eq \$(ls '$R' | grep -c '\\.svg\$') &&
  test \$(grep -c '^<tr data-concept=\"[^\"]*\" data-country=' '$R/index.html') -eq \$((\$(wc -l < '$O/hits.tsv') - 1)) &&
  ! grep -q '^<tr [^>]*hidden' '$R/index.html'"
check "run.json's execution timings are not in the page" sh -c "! grep -q 'stage_cpu_seconds' '$R/index.html'"
cp -r "$R" "$TMP/report-run"
expect_exit 0 "pipeline report OUT on the same folder" "$PIPELINE" report "$O"
check "pipeline report OUT writes the same bytes as run --report" diff -r "$TMP/report-run" "$R"
check "no temporary report folder left" sh -c "! ls '$O' | grep -q 'report.tmp'"
expect_exit 0 "pipeline report --lines 5 (a sample)" "$PIPELINE" report "$O" --lines 5
want=$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)if($i=="concept_id")c=i;next}{n[$c]++}END{for(k in n)s+=(n[k]<5?n[k]:5);print s}' "$O/hits.tsv")
check "the sample keeps min(5, hits) lines per concept ($want)" test "$(grep -c '^<tr data-concept="[^"]*" data-country=' "$R/index.html")" -eq "$want"
check "the page says how many hits were left out" grep -q "$want of $(($(wc -l < "$O/hits.tsv") - 1)) hits are shown" "$R/index.html"
expect_exit 0 "--gzip --period 5y --cooc sentence,article --report" "$PIPELINE" run --corpus corpus --out "$TMP/gz" \
  --quiet --gzip --period 5y --compare country=KZ:country=UZ --cooc sentence,article --report
check "... reads the .gz files: the replacement turns in 2020-2024, the heat map is of sentences" sh -c "
  grep -q 'data-from=\"oralman\" data-to=\"kandas\" data-group=\"KZ\" data-turn=\"2020-2024\"' '$TMP/gz/report/index.html' &&
  grep -q 'context <b>sentence</b>' '$TMP/gz/report/index.html'"
expect_exit 2 "--report with --shard is a usage error" "$PIPELINE" run --corpus corpus --out "$TMP/sh" --shard 0/2 --report
mkdir -p "$TMP/plain"
expect_exit 2 "a folder that is not a run's output is refused" "$PIPELINE" report "$TMP/plain"
check "... naming it and saying why" grep -qF "pipeline report: error: '$TMP/plain': not the output folder of a run" "$TMP/err"
check "... and nothing is written into it" test -z "$(ls -A "$TMP/plain")"
expect_exit 2 "the corpus folder is refused" "$PIPELINE" report corpus
expect_exit 2 "an unknown context is a usage error" "$PIPELINE" report "$O" --context window99
"$PIPELINE" report "$O" > /dev/null 2>&1 # back to the default page for the browser checks

# ---- in a real browser ----
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  skip "chromium is not installed (contrib/install-deps.sh --all installs it): the page is not loaded in a browser"
  finish; exit $?
fi
dom() { # dom URL-SUFFIX OUTFILE: the DOM after the scripts ran
  timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --user-data-dir="$TMP/chrome" \
    --virtual-time-budget=10000 --dump-dom "file://$R/index.html$1" > "$2" 2> /dev/null
}
dom "" "$TMP/dom"
check "the page's script ran to its end (data-ok)" grep -q '<body[^>]* data-ok="1"' "$TMP/dom"
check "no script error was recorded" sh -c "! grep -q 'data-errors=' '$TMP/dom'"
# expected counts and rates per country and concept, from tf.tsv and docs.tsv (columns by name)
awk -F'\t' 'FNR == 1 { for (i = 1; i <= NF; i++) h[FILENAME, $i] = i; next }
  FILENAME ~ /docs.tsv$/ { c = $h[FILENAME, "country"]; country[$h[FILENAME, "doc_id"]] = c; tok[c] += $h[FILENAME, "tokens"]; next }
  { k = country[$h[FILENAME, "doc_id"]] SUBSEP $h[FILENAME, "concept_id"]; n[k] += $h[FILENAME, "count"] }
  END { for (k in n) { split(k, a, SUBSEP); printf "%s\t%s\t%d\t%.4f\n", a[1], a[2], n[k], n[k] * 10000 / tok[a[1]] } }' \
  "$O/docs.tsv" "$O/tf.tsv" | sort > "$TMP/expected"
grep -o 'data-concept="[^"]*" data-group="[^"]*" data-count="[^"]*" data-per10k="[^"]*"' "$TMP/dom" |
  sed 's/data-[a-z0-9]*="\([^"]*\)"/\1/g' | awk '{ if ($3 > 0) printf "%s\t%s\t%s\t%s\n", $2, $1, $3, $4 }' | sort > "$TMP/got"
check "bars: counts and rates per country equal tf.tsv + docs.tsv ($(wc -l < "$TMP/expected") pairs)" sh -c "
  test \$(wc -l < '$TMP/expected') -ge 20 &&
  awk -F'\t' 'NR == FNR { e[\$1 FS \$2] = \$3 FS \$4; next } { split(e[\$1 FS \$2], x, FS); if (x[1] != \$3 || (x[2] - \$4)^2 > 2e-8) { print \"# \" \$0 \" want \" e[\$1 FS \$2]; bad = 1 } seen++ }
    END { exit bad || seen != FNR }' '$TMP/expected' '$TMP/got' && test \$(wc -l < '$TMP/got') -eq \$(wc -l < '$TMP/expected')"
docs=$(($(wc -l < "$O/docs.tsv") - 1))
tokens=$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)if($i=="tokens")t=i;next}{s+=$t}END{print s}' "$O/docs.tsv")
check "the documents card says $docs" grep -q "data-stat=\"documents\" data-value=\"$docs\"" "$TMP/dom"
check "the tokens card says $tokens" grep -q "data-stat=\"tokens\" data-value=\"$tokens\"" "$TMP/dom"
lr=$(awk -F'\t' 'NR==1{for(i=1;i<=NF;i++)h[$i]=i;next}$h["concept_id"]=="oralman"{printf "%.4f", $h["log_ratio"]}' "$O/keyness.tsv")
check "keyness: oralman's bar has keyness.tsv's log ratio ($lr)" grep -q "data-concept=\"oralman\" data-log-ratio=\"$lr\"" "$TMP/dom"
timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --user-data-dir="$TMP/chrome" --no-pdf-header-footer \
  --print-to-pdf="$TMP/report.pdf" "file://$R/index.html" > /dev/null 2>&1
check "it prints (a PDF of several pages)" sh -c "test \$(LC_ALL=C grep -ao '/Type */Pages*' '$TMP/report.pdf' | grep -vc Pages) -gt 3"
# filters from the URL
hits() { awk -F'\t' -v want="$1" -v ctry="${2:-}" -v year="${3:-}" '
  FNR == 1 { for (i = 1; i <= NF; i++) h[FILENAME, $i] = i; next }
  FILENAME ~ /docs.tsv$/ { c[$h[FILENAME, "doc_id"]] = $h[FILENAME, "country"]; y[$h[FILENAME, "doc_id"]] = substr($h[FILENAME, "date"], 1, 4); next }
  { d = $h[FILENAME, "doc_id"] }
  $h[FILENAME, "concept_id"] == want && (ctry == "" || c[d] == ctry) && (year == "" || y[d] == year) { n++ }
  END { print n + 0 }' "$O/docs.tsv" "$O/hits.tsv"; }
visible() { grep -o '<tr data-concept="[^"]*" data-country=[^>]*>' "$1" | grep -v 'hidden' > "$TMP/vis"; }
dom "#concept=kandas" "$TMP/dom2"
visible "$TMP/dom2"
k=$(hits kandas)
check "#concept=kandas: $k matching lines (hits.tsv)" grep -q "data-matching=\"$k\"" "$TMP/dom2"
check "#concept=kandas: every visible row is kandas, and there are min($k, 100)" sh -c "
  test \$(wc -l < '$TMP/vis') -eq $([ "$k" -lt 100 ] && echo "$k" || echo 100) && ! grep -v 'data-concept=\"kandas\"' '$TMP/vis' | grep -q ."
dom "#concept=oralman&country=KZ&period=1997" "$TMP/dom3"
visible "$TMP/dom3"
k=$(hits oralman KZ 1997)
check "#concept=oralman&country=KZ&period=1997: $k rows, all of them oralman, KZ, 1997" sh -c "
  test $k -gt 0 && grep -q 'data-matching=\"$k\"' '$TMP/dom3' && test \$(wc -l < '$TMP/vis') -eq $k &&
  ! grep -v 'data-concept=\"oralman\" data-country=\"KZ\" data-period=\"1997\"' '$TMP/vis' | grep -q ."
finish
